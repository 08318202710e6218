"""Each source's reader (scrapers/<name>/reader.py), found through the registry of sources.

A reader's `normalize(records, issues)` turns raw records into frames named after the
published tables (plus `person_records` for the identity engine, and intermediate frames a
later step consumes). It may also define `combine(tables)`, run on the frames of all sources
before the identity engine, and `finish(tables, issues)`, run once records carry person ids.
"""

import importlib
from functools import cache
from types import ModuleType

from pamyat.core import sources


@cache
def readers() -> dict[str, ModuleType]:
    """Every source's reader module, in the registry's order."""
    return {name: importlib.import_module(f"scrapers.{name}.reader") for name in sources.names()}


def _each(hook: str, *arguments) -> None:
    for reader in readers().values():
        if hasattr(reader, hook):
            getattr(reader, hook)(*arguments)


def combine(tables: dict) -> None:
    _each("combine", tables)


def finish(tables: dict, issues) -> None:
    _each("finish", tables, issues)
