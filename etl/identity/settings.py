"""The identity engine's weights, thresholds and blocking limits (etl/identity/config.yml)."""

from functools import cache
from pathlib import Path

import yaml

CONFIG = Path(__file__).resolve().parent / "config.yml"


@cache
def load() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
