"""The registry of sources: one line each in SOURCES, and one folder each under scrapers/ with
everything the source needs: its spider, mirror renderer, reader, schema, tests and a
source.yml of metadata (publisher, licence, hosts, columns, lookups, gates, identity role).
Every layer reads it; it imports no source's code (Scrapy, the mirror, the build and the
publisher import that by name)."""

from functools import cache
from pathlib import Path

import yaml

from pamyat.core.config import PROJECT_ROOT, data_dir

SCRAPERS_DIR = PROJECT_ROOT / "scrapers"
# Every source, in the order the build reads them: where two sources spell one party or person
# differently, the first one's spelling is published, and among the sources whose records name
# persons (source.yml `identity`), the first one's record speaks for a person.
SOURCES = [
    "rada",
    "cec",
    "nazk_declarations",
    "nazk_party_reports",
    "chesno_party_reports",
    "media",
    "nbu_rates",
]


def names() -> list[str]:
    return list(SOURCES)


@cache
def config(name: str) -> dict:
    path = SCRAPERS_DIR / name / "source.yml"
    if not path.is_file():
        raise KeyError(f"unknown source {name!r}; known sources: {', '.join(names())}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def identity(name: str) -> dict:
    """A source's role for the identity engine (source.yml `identity`): whether its ids name
    persons, the kinds of record that name them; empty for a source that names nobody (and
    for a source not in the registry, such as a test's)."""
    return config(name).get("identity", {}) if name in SOURCES else {}


def naming_persons() -> list[str]:
    """The sources whose records name persons, in the registry's order."""
    return [name for name in SOURCES if identity(name)]


def columns(name: str, election: str, table: str) -> dict[str, str | list[str]]:
    """A table's columns as source.yml declares them once for the spider, the reader and the
    mirror: our name → the title as the source writes it (or its alternatives)."""
    section = config(name)[election][table]
    return {**section["required"], **section.get("expected", {})}


def origin(name: str) -> str:
    """The scheme and host of a source's site: its first `hosts` entry."""
    return f"https://{config(name)['hosts'][0]}"


def persons_to_query(name: str) -> Path:
    """The full names a source's spider looks up (source.yml `query_persons_from`), written by
    the crawl before it starts that spider (etl/normalize/known_persons.py): the spider reads
    a file, never the normalisers' code."""
    return data_dir() / "queries" / f"{name}.persons.json"
