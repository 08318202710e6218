"""The money trails' rules (rules.yml), and a red flag as a donor_red_flags row."""

from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from pamyat.core import reference
from scrapers.nazk_party_reports.limits import counted

RULES_FILE = Path(__file__).with_name("rules.yml")


@cache
def config() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def rule(code: str) -> dict:
    return config()["red_flags"][code]


def flag(code: str, donor_id: str, year, threshold: str, measured: str, party_id=None) -> dict:
    """A donor_red_flags row: the rule in full, its threshold and what was measured."""
    found = rule(code)
    return {
        "flag_code": code,
        "title": found["title"],
        "rule": " ".join(found["rule"].split()),
        "threshold_unit": found["unit"],
        "threshold_value": threshold,
        "measured_value": measured,
        "donor_id": donor_id,
        "party_id": party_id,
        "year": year,
    }


@cache
def minimum_wage_minor() -> dict[int, int]:
    """Kopiykas of the minimum monthly wage on 1 January, by year."""
    wages = reference.minimum_wages()
    return {
        int(y): int(w) * 100 for y, w in zip(wages["year"], wages["minimum_wage_uah"], strict=True)
    }


def uah(minor) -> str:
    """Kopiykas as hryvnias, digits grouped ("49 500.00")."""
    minor = int(minor)
    return f"{minor // 100:,}".replace(",", " ") + f".{minor % 100:02d}"


def counted_donations(donations: pd.DataFrame) -> pd.DataFrame:
    """Donations by persons and companies, each payment once, with what each gave
    (limits.counted), net of what was refunded."""
    rows = counted(donations)
    rows["net_minor"] = rows["given_minor"] - rows["refund_minor"].fillna(0)
    return rows
