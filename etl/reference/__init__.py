"""Reference data the rules need (legal thresholds), kept as data files, not code constants."""

from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parent


def minimum_wages() -> pd.DataFrame:
    """The minimum monthly wage on 1 January of each year (UAH), with the law that set it."""
    return pd.read_csv(FOLDER / "minimum_wages.csv", dtype={"year": int, "minimum_wage_uah": int})
