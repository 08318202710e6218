"""The registry of sources: one folder per source under scrapers/, with its spider, its mirror
renderer and a source.yml of metadata (publisher, licence, expected columns, count assertions).
Every layer reads it; it imports no source's code (the mirror and Scrapy import that by name)."""

from functools import cache
from pathlib import Path

import yaml

from pamyat.core.config import PROJECT_ROOT, data_dir

SCRAPERS_DIR = PROJECT_ROOT / "scrapers"


def names() -> list[str]:
    return sorted(p.parent.name for p in SCRAPERS_DIR.glob("*/source.yml"))


@cache
def config(name: str) -> dict:
    path = SCRAPERS_DIR / name / "source.yml"
    if not path.is_file():
        raise KeyError(f"unknown source {name!r}; known sources: {', '.join(names())}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def persons_to_query(name: str) -> Path:
    """The full names a source's spider looks up (source.yml `query_persons_from`), written by
    the crawl before it starts that spider (etl/normalize/known_persons.py): the spider reads
    a file, never the normalisers' code."""
    return data_dir() / "queries" / f"{name}.persons.json"
