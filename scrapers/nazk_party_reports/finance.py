"""Reading party finance values the same way whatever the source: amounts, dates, donor and
recipient kinds, and the region that is all we publish of an address."""

import re
from datetime import date

from pamyat.core import sources
from pamyat.core.text.names import clean_text
from pamyat.core.text.values import iso_date, minor_units

EDRPOU = re.compile(r"^\d{8}$")


# The lookups for the sources' dirty values (the register's source.yml).
CONFIG = sources.config("nazk_party_reports")


def text(value) -> str | None:
    cleaned = clean_text(None if value is None else str(value))
    return cleaned or None


def kopiykas(value) -> int | None:
    """An amount in UAH (a JSON number, "8261796,36", "1000.0") as exact kopiykas."""
    if isinstance(value, float):
        value = repr(value)
    return minor_units(None if value is None else str(value))


def payment_date(value, year: int, quarter: int | None) -> tuple[str | None, str | None]:
    """(ISO date, problem). A date written without its year ("27.07": Texty's spreadsheet lost
    it) takes the report's year, and must fall in the report's quarter."""
    written = text(value)
    if written is None:
        return None, None
    parts = written.split(".")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        day, month = int(parts[0]), int(parts[1].ljust(2, "0"))
        try:
            found = date(year, month, day)
        except ValueError:
            return None, "not a date"
        if quarter in (1, 2, 3, 4) and (month - 1) // 3 + 1 != quarter:
            return None, "a date without its year, outside the report's quarter"
        return found.isoformat(), "a date without its year; the report's year is taken"
    try:
        return iso_date(written), None
    except ValueError:
        return None, "not a date"


def quarter(value) -> int | None:
    return CONFIG["quarters"].get(text(value) or "")


def kind(lookup: str, value) -> str | None:
    """donor_kinds / recipient_kinds of a written type; None when unknown."""
    return CONFIG[lookup].get((text(value) or "").casefold())


def intra_party(value) -> str | None:
    written = (text(value) or "").casefold()
    return CONFIG["intra_party"].get(written, written or None)


def region(location) -> str | None:
    """The region a location starts with or names ("Черкаська область, Сміла, вулиця …" →
    "Черкаська область", "м.Київ" → "м. Київ"); None when it names none."""
    found = (text(location) or "").casefold().replace("’", "'")
    words = re.findall(r"[а-яіїєґ'-]+", found)
    for word in words:
        if word in CONFIG["regions"]:
            return word.capitalize() + " область"
        if word in CONFIG["cities_with_region_status"]:
            return "м. " + word.capitalize()
    if CONFIG["republic"] in found or "крим" in words:
        return "Автономна Республіка Крим"
    return None


def legal_code(code) -> str | None:
    """An EDRPOU code (8 digits, zeros kept) — never a person's 10-digit tax number."""
    written = text(code)
    if written and written.isdigit() and len(written) < 8:
        written = written.zfill(8)
    return written if written and EDRPOU.match(written) else None
