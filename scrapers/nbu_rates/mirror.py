"""The National Bank's rates API, rendered from the official rates we hold (official_rates.csv:
USD and EUR on 31 December 2014–2024, each row with the bank's page it was read from).

No recorded answer is held: `answer` renders the held rows of the asked date in the documented
form (formats.md), a list of `{"r030", "txt", "rate", "cc", "exchangedate"}` with the rate for one
unit; `valcode` narrows it to one currency. A date we hold no rates for is answered `[]`, as the
bank answers a date it set none for.
"""

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder

HELD = Path(__file__).with_name("official_rates.csv")


def held_rates() -> list[dict]:
    """The held rows as the API writes them, oldest date first."""
    with HELD.open(encoding="utf-8") as held:
        return [
            {
                "r030": int(row["r030"]),
                "txt": row["txt"],
                "rate": float(Decimal(row["uah_per_units"]) / int(row["units"])),
                "cc": row["cc"],
                "exchangedate": datetime.fromisoformat(row["rate_date"]).strftime("%d.%m.%Y"),
            }
            for row in csv.DictReader(held)
        ]


def answer(request, rates: list[dict], options: dict) -> tuple[int, list | dict]:
    """The API's answer to `?date=YYYYMMDD[&valcode=CC]&json`."""
    try:
        day = datetime.strptime(request.params.get("date", ""), "%Y%m%d").strftime("%d.%m.%Y")
    except ValueError:
        return 400, {"message": "date must be YYYYMMDD"}
    code = request.params.get("valcode", "").upper()
    return 200, [r for r in rates if r["exchangedate"] == day and code in ("", r["cc"])]


def build(samples: Path, builder: MirrorBuilder) -> None:
    builder.add_handler(sources.config("nbu_rates")["api"], f"{__name__}:answer", held_rates())
