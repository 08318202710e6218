"""Places as identity evidence: an oblast and a council, written the ways sources write them.

Sources name the same oblast as «Вінницька область», «Вінницька обл», «Вінницька» (a schema-5
declaration), «селі Березино Вінницького району Вінницької області» or only by its centre,
«місті Вінниці» (a CEC bio); the same council as «Вінницька міська рада» (the CEC),
«депутат Вінницької міської ради» (a declared post) or «..., Вінницька міська рада Вінницької
області» (a declared workplace). Each becomes one key: the adjective's stem ("вінницьк"), and
for a council the stem and its kind ("вінницьк міськ").
"""

import csv
import re
from functools import cache

from etl.identity.forms import DATA

_ADJECTIVE = r"([а-яіїєґ'’-]+?(?:ськ|цьк|зьк))(?:а|ої|ій|у|ого|ий|ому|ої)"
_OBLAST = re.compile(_ADJECTIVE + r"\s+(?:област[іьи]|обл\b|обл\.)")
_COUNCIL = re.compile(
    _ADJECTIVE + r"\s+(міськ|обласн|районн|сільськ|селищн)[а-яіїє]*\s+рад[аиіу]?\b"
)
_CITY = re.compile(r"(?:^|\s)(?:місті|м\.|місто)\s*([а-яіїєґ'’-]+)")
_BARE_OBLAST = re.compile(_ADJECTIVE + r"$")


@cache
def _centres() -> list[tuple[str, str]]:
    with open(DATA / "oblast_centres.csv", encoding="utf-8") as f:
        rows = [(r["city"], r["oblast"]) for r in csv.DictReader(f)]
    return sorted(rows, key=lambda r: -len(r[0]))  # the longest stem first


def _text(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold().replace("’", "'")


def region_key(value) -> str | None:
    """The oblast a text names (Kyiv and Sevastopol are their own), or None."""
    text = _text(value)
    if not text:
        return None
    found = _OBLAST.findall(text)
    if found:
        return found[-1]  # «... Вінницького району Вінницької області»: the last is the oblast
    bare = _BARE_OBLAST.fullmatch(text)
    if bare:
        return bare.group(1)
    city = _CITY.search(text)
    if city:
        for stem, oblast in _centres():
            if city.group(1).startswith(stem):
                return oblast
    return None


def council_key(*values) -> str | None:
    """The council the texts name first («вінницьк міськ»), or None."""
    for value in values:
        found = _COUNCIL.search(_text(value))
        if found:
            return f"{found.group(1)} {found.group(2)}"
    return None


_NOT_A_PLACE = re.compile(r"^\[.*\]$|^(ні|немає|-)$|не працю|пенсіонер|безробітн")


def workplace_key(value) -> str | None:
    """A workplace compared as written, without case, quotes and punctuation."""
    text = re.sub(r"[^\w\s-]", " ", _text(value))
    text = re.sub(r"\s+", " ", text).strip()
    return text if text and not _NOT_A_PLACE.search(_text(value)) else None
