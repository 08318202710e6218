"""Parsing the value formats the sources share. Each parser returns None for an empty value and
raises ValueError for a value it cannot read, so the caller can record a data issue."""

from datetime import date, datetime


def iso_date(value: str | None, formats: tuple[str, ...] = ("%d.%m.%Y", "%Y-%m-%d")) -> str | None:
    """A date written dd.mm.yyyy (or already ISO) as ISO 8601."""
    value = (value or "").strip()
    if not value:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"not a date in a known format: {value!r}")


def integer(value: str | None) -> int | None:
    value = (value or "").strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    return int(value)


def is_plausible_birth_date(iso: str, today: date | None = None) -> bool:
    """Politicians are between 18 and 110 years old."""
    born = date.fromisoformat(iso)
    today = today or date.today()
    return 18 <= (today - born).days / 365.25 <= 110
