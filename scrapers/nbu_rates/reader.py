"""The National Bank's official rates: one row per currency and date, the rate as an exact
decimal of hryvnias for one unit (the API's `rate`, as written).

A rate without a readable currency code, date or positive rate is a data issue and lands
nowhere; a field the API did not have before is reported, not dropped silently.
"""

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

import pandas as pd

from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance

# The fields of a rate (the NBU's API manual); `asked_date` is the spider's.
KNOWN = {"r030", "txt", "rate", "cc", "exchangedate", "asked_date"}
COLUMNS = ["rate_date", "currency_code", "currency_number", "currency_name", "uah_per_unit"]


def _rate(record: dict, issues: DataIssues) -> dict | None:
    fields = record["fields"]
    for name in sorted(set(fields) - KNOWN):
        issues.about(record, name, "unknown field of a rate; not read", fields[name])
    code = str(fields.get("cc") or "").strip()
    if not re.fullmatch(r"[A-Z]{3}", code):
        issues.about(record, "cc", "no ISO 4217 currency code; rate not read", fields.get("cc"))
        return None
    try:
        day = datetime.strptime(str(fields.get("exchangedate")), "%d.%m.%Y").date()
    except ValueError:
        issues.about(
            record, "exchangedate", "unreadable date; not read", fields.get("exchangedate")
        )
        return None
    try:
        rate = Decimal(str(fields.get("rate")))
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0:
        issues.about(record, "rate", "no positive rate; not read", fields.get("rate"))
        return None
    number = str(fields.get("r030") or "")
    return {
        "rate_date": day.isoformat(),
        "currency_code": code,
        "currency_number": int(number) if number.isdigit() else None,
        "currency_name": fields.get("txt"),
        "uah_per_unit": f"{rate.normalize():f}",
        **provenance(record),
    }


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    rates: dict[tuple[str, str], dict] = {}
    for record in records:
        if record["kind"] != "rate":
            issues.about(record, "kind", "unknown record kind; not read", record["kind"])
            continue
        row = _rate(record, issues)
        issues.entries(record, "rate", 1, 0 if row is None else 1)
        if row is None:
            continue
        key = (row["rate_date"], row["currency_code"])
        if key in rates and rates[key]["uah_per_unit"] != row["uah_per_unit"]:
            problem = "a second, different rate for this date; the first kept"
            issues.about(record, "rate", problem, row["uah_per_unit"])
            continue
        rates.setdefault(key, row)
    frame = pd.DataFrame(list(rates.values()))
    if frame.empty:
        frame = pd.DataFrame(columns=COLUMNS)
    return {"exchange_rates": frame}
