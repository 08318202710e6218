"""Reference data the rules need (legal thresholds), kept as data files, not code constants."""

from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parent


def minimum_wages() -> pd.DataFrame:
    """The minimum monthly wage on 1 January of each year (UAH), with the law that set it."""
    return pd.read_csv(FOLDER / "minimum_wages.csv", dtype={"year": int, "minimum_wage_uah": int})


def donation_limits() -> pd.DataFrame:
    """The most one donor may give one party in a year, in minimum wages, by donor kind."""
    return pd.read_csv(FOLDER / "donation_limits.csv", dtype={"minimum_wages": int})


def public_sector() -> pd.DataFrame:
    """Public bodies and state-owned companies by EDRPOU code, with the names sources write
    them under (for rows that carry no code): what tells a reimbursement from a donation, and a
    banned donor from a lawful one."""
    return pd.read_csv(FOLDER / "public_sector.csv", dtype=str)
