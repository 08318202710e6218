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
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

DATA = Path(__file__).resolve().parent / "data"

_ADJECTIVE = r"([а-яіїєґ'’-]+?(?:ськ|цьк|зьк))(?:а|ої|ій|у|ого|ий|ому|ої)"
_OBLAST = re.compile(r"([а-яіїєґ'’-]+)\s+(?:област[іьи]|обл\b|обл\.)")
_ENDING = re.compile(r"(?:ої|ій|ому|ого|ий|а|у|і)$")
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


@cache
def _oblasts() -> set[str]:
    """Every region key: the oblasts (by their centres), Kyiv oblast, and the two cities."""
    return {oblast for _, oblast in _centres()} | {"київськ"}


@cache
def _lookups() -> dict[str, str | None]:
    return yaml.safe_load((DATA / "region_lookups.yml").read_text(encoding="utf-8"))


def _known(adjective: str) -> str | None:
    """An oblast's adjective («Вінницької») as its key; a misspelt one («закарпастька») by the
    nearest key."""
    stem = _ENDING.sub("", adjective)
    if stem in _oblasts():
        return stem
    found = process.extractOne(stem, sorted(_oblasts()), scorer=JaroWinkler.similarity)
    return found[0] if found and found[1] >= 0.9 else None


def _text(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold().replace("’", "'")


def region_key(value) -> str | None:
    """The oblast a text names (Kyiv and Sevastopol are their own), or None."""
    text = _text(value)
    if not text:
        return None
    if text in _lookups():
        return _lookups()[text]
    found = _OBLAST.findall(text)
    if found:
        return _known(found[-1])  # «... Вінницького району Вінницької області»: the last
    bare = _BARE_OBLAST.fullmatch(text)
    if bare:
        return _known(bare.group(0))
    city = _CITY.search(text)
    if city:
        for stem, oblast in _centres():
            if city.group(1).startswith(stem):
                return oblast
    return None


# How a region key is written in full, where its stem alone does not say it.
_REGION_NAMES = {
    "київ": "м. Київ",
    "севастопол": "м. Севастополь",
    "кримськ": "Автономна Республіка Крим",
}


def region_name(value) -> str | None:
    """The oblast a text names, written in full ("Жмеринка / Вінницька область / Україна" and
    "Вінницька" → "Вінницька область"), or None: a region and nothing finer."""
    key = region_key(value)
    if key is None:
        return None
    return _REGION_NAMES.get(key) or key[0].upper() + key[1:] + "а область"


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
