"""A normaliser's rules: the YAML file beside its module (lookups, known fields, thresholds)."""

from functools import cache
from pathlib import Path

import yaml


@cache
def load(module_file: str) -> dict:
    return yaml.safe_load(Path(module_file).with_suffix(".yml").read_text(encoding="utf-8"))
