"""The recorded mirror: real responses of every source, served on loopback (docs/design.md)."""

import importlib
from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder


def build_mirror(samples: Path, root: Path) -> Path:
    """Assemble the mirror of every source from the real samples; returns the manifest path."""
    if not samples.is_dir():
        raise FileNotFoundError(
            f"mirror: the recorded samples folder {samples} does not exist "
            "(set PAMYAT_SAMPLES_DIR to where shared/samples lies)"
        )
    builder = MirrorBuilder(root)
    for name in sources.names():
        importlib.import_module(f"scrapers.{name}.mirror").build(samples, builder)
    return builder.write()
