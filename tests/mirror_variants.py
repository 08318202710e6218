"""A mirror of the recorded samples with one source file changed: how tests feed the real
spiders a source that changed or carries hostile text."""

import csv
import io
import json
from pathlib import Path

from pamyat.core.manifest import MANIFEST_NAME, url_key
from pamyat.mirror.server import MirrorServer

MPS_URL = "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"
MPS_KEY = url_key(MPS_URL)


def variant(mirror_root, tmp_path, rewrite) -> "MirrorServer":
    """A mirror whose MP file is rewritten by `rewrite(rows) -> rows` (a changed source)."""

    def rewrite_csv(body: bytes) -> bytes:
        rows = rewrite(list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")

    return file_variant(mirror_root, tmp_path, {MPS_KEY: rewrite_csv})


def file_variant(mirror_root, tmp_path, rewrites: dict) -> "MirrorServer":
    """A mirror whose recorded files at the URL keys of `rewrites` are rewritten by
    `rewrites[key](body) -> body` (for an answer a handler renders: the rows it renders)."""
    manifest = json.loads((mirror_root / MANIFEST_NAME).read_text())
    for number, (key, rewrite) in enumerate(rewrites.items()):
        entry = manifest["entries"][key]
        held = "file" if "file" in entry else "data"
        changed = tmp_path / f"{number}-{Path(entry[held]).name}"
        changed.write_bytes(rewrite(Path(entry[held]).read_bytes()))
        entry[held] = str(changed)
    root = tmp_path / "mirror"
    root.mkdir()
    (root / MANIFEST_NAME).write_text(json.dumps(manifest))
    return MirrorServer(root)
