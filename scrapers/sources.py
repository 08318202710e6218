"""The registry of sources: one folder per source under scrapers/, with its spider, its mirror
renderer and a source.yml of metadata (publisher, licence, expected columns, count assertions)."""

import importlib
from functools import cache
from pathlib import Path

import yaml

SCRAPERS_DIR = Path(__file__).resolve().parent


def names() -> list[str]:
    return sorted(p.parent.name for p in SCRAPERS_DIR.glob("*/source.yml"))


@cache
def config(name: str) -> dict:
    path = SCRAPERS_DIR / name / "source.yml"
    if not path.is_file():
        raise KeyError(f"unknown source {name!r}; known sources: {', '.join(names())}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def module(name: str, part: str):
    """The source's `spider` or `mirror` module."""
    return importlib.import_module(f"scrapers.{name}.{part}")
