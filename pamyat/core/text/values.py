"""Parsing the value formats the sources share. Each parser returns None for an empty value and
raises ValueError for a value it cannot read, so the caller can record a data issue."""

import re
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pamyat.core.text.names import clean_text

_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f\"'<>\\`]")


def is_web_url(value) -> bool:
    """Whether a link from source data may be published: http or https, a host, and nothing
    a browser would strip or read differently (spaces, control characters, quotes)."""
    if not isinstance(value, str) or _UNSAFE_IN_URL.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


_DOTTED_DATE = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}")


def iso_date(value: str | None) -> str | None:
    """A date written dd.mm.yyyy (or already ISO) as ISO 8601. The sources' usual dd.mm.yyyy is
    read without strptime: a million dates at 10% of national volumes took 19 s through it."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if _DOTTED_DATE.fullmatch(value):
            day, month, year = value.split(".")
            return date(int(year), int(month), int(day)).isoformat()
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise ValueError(f"not a date in a known format: {value!r}") from None


KYIV = ZoneInfo("Europe/Kyiv")


def kyiv_time(value: str) -> str:
    """A Kyiv wall-clock "DD.MM.YYYY HH:MM:SS" as ISO 8601 with its offset (+02:00 in winter,
    +03:00 in summer), as the NAZK API v2 writes times."""
    moment = datetime.strptime(value, "%d.%m.%Y %H:%M:%S").replace(tzinfo=KYIV)
    return moment.isoformat()


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


_MONTHS = {
    month: number
    for number, names in enumerate(
        [
            ("січня", "января"),
            ("лютого", "февраля"),
            ("березня", "марта"),
            ("квітня", "апреля"),
            ("травня", "мая"),
            ("червня", "июня"),
            ("липня", "июля"),
            ("серпня", "августа"),
            ("вересня", "сентября"),
            ("жовтня", "октября"),
            ("листопада", "ноября"),
            ("грудня", "декабря"),
        ],
        start=1,
    )
    for month in names
}
_DATE_IN_WORDS = re.compile(r"(\d{1,2})\s+([а-яіїєґ]+)\s+(\d{4})", re.IGNORECASE)


def date_in_words(text: str | None) -> str | None:
    """ "13 листопада 1973" (Ukrainian or Russian month names, anywhere in the text) as ISO."""
    match = _DATE_IN_WORDS.search(clean_text(text).casefold())
    if not match:
        return None
    day, month, year = match.groups()
    if month not in _MONTHS:
        raise ValueError(f"unknown month name {month!r}")
    return date(int(year), _MONTHS[month], int(day)).isoformat()


def any_date(text: str | None) -> str | None:
    """A date written dd.mm.yyyy, ISO or in words; None when empty, ValueError when unreadable."""
    text = clean_text(text)
    if not text:
        return None
    try:
        return iso_date(text)
    except ValueError:
        found = date_in_words(text)
        if found is None:
            raise ValueError(f"not a date: {text!r}") from None
        return found


_BORN = re.compile(
    r"народи\w*\s+(\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+[а-яіїєґ]+\s+\d{4})", re.IGNORECASE
)


def birth_date_in_bio(text: str | None) -> str | None:
    """The birth date in a CEC biography: "народився 13 листопада 1973 року" or
    "народилася 26.08.1983 р."; None when the text states none."""
    match = _BORN.search(clean_text(text))
    return any_date(match.group(1)) if match else None


_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$")


def decimal_text(value: str | None) -> str | None:
    """A decimal number written with a comma or point ("556,80") as exact text ("556.80")."""
    text = (value or "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if not _DECIMAL.match(text):
        raise ValueError(f"not a decimal number: {value!r}")
    return text.replace(",", ".")


def minor_units(value: str | None) -> int | None:
    """An amount of money in hundredths (kopiykas, cents), exactly: "137634,5" → 13763450."""
    text = decimal_text(value)
    if text is None:
        return None
    whole, _, fraction = text.partition(".")
    if len(fraction.rstrip("0")) > 2:
        raise ValueError(f"an amount with more than two decimals: {value!r}")
    return int(whole) * 100 + int((fraction + "00")[:2])
