"""Ukrainian and Russian forms of the same name, from the data files in pamyat/core/text/data/.

"Олександр" and "Александр", "Миколайович" and "Николаевич", "Зеленський" and "Зеленский" are
the same name written in two languages. Each gets one canonical form (the given name's key), so
that records in either language compare equal. Latin spellings of given names are recognised
by their skeleton (see names.skeleton).
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pamyat.core.text.names import clean_text, skeleton

DATA = Path(__file__).resolve().parent / "data"
_PATRONYMIC_ENDINGS = re.compile(
    r"(ович|евич|євич|йович|ьович|івна|ївна|овна|евна|ьевна|ична|ілліч|ильич|ич|"
    r"ovych|ovich|evych|evich|ievich|yovych|iovych|ivna|ovna|evna|yivna|iivna|ichna)$",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    return clean_text(text).casefold().replace("ё", "е")


@dataclass(frozen=True)
class GivenName:
    canonical: str  # the Russian form, lower case: one key for "Ганна" and "Анна"
    gender: str  # m or f


@cache
def _given_names() -> tuple[dict[str, GivenName], dict[str, str]]:
    """(form → given name, patronymic form → father's canonical name), forms in lower case
    and as Latin skeletons."""
    names: dict[str, GivenName] = {}
    patronymics: dict[str, str] = {}
    with open(DATA / "given_names.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            given = GivenName(_key(row["ru"]), row["gender"])
            for form in (row["uk"], row["ru"]):
                names.setdefault(_key(form), given)
                names.setdefault(skeleton(form), given)
            for column in (
                "uk_patronymic_m",
                "uk_patronymic_f",
                "ru_patronymic_m",
                "ru_patronymic_f",
            ):
                if row[column]:
                    patronymics.setdefault(_key(row[column]), given.canonical)
                    patronymics.setdefault(skeleton(row[column]), given.canonical)
    return names, patronymics


@cache
def _surname_suffixes() -> list[tuple[str, str]]:
    with open(DATA / "surname_suffixes.csv", encoding="utf-8", newline="") as f:
        return sorted(((r["ru"], r["uk"]) for r in csv.DictReader(f)), key=lambda p: -len(p[0]))


@cache
def surname_suffix_pairs() -> list[tuple[str, str]]:
    """(Russian, Ukrainian) surname endings, the longest Ukrainian one first."""
    return sorted(_surname_suffixes(), key=lambda pair: -len(pair[1]))


def given_name(text: str) -> GivenName | None:
    names, _ = _given_names()
    return names.get(_key(text)) or names.get(skeleton(text))


def canonical_given(text: str) -> str:
    """The key of a given name in any language or script; an unknown name keys on its skeleton."""
    known = given_name(text)
    return known.canonical if known else skeleton(text)


def canonical_patronymic(text: str) -> str:
    """The father's given-name key behind a patronymic ("Миколайович", "Николаевич" → "николай")."""
    _, patronymics = _given_names()
    return patronymics.get(_key(text)) or patronymics.get(skeleton(text)) or skeleton(text)


def is_known_patronymic(text: str) -> bool:
    _, patronymics = _given_names()
    return _key(text) in patronymics or skeleton(text) in patronymics


def is_patronymic(text: str) -> bool:
    _, patronymics = _given_names()
    return bool(_PATRONYMIC_ENDINGS.search(text)) or _key(text) in patronymics


@cache
def _feminine_endings() -> list[tuple[str, str]]:
    with open(DATA / "surname_genders.csv", encoding="utf-8", newline="") as f:
        pairs = [(r["feminine"], r["masculine"]) for r in csv.DictReader(f)]
    return sorted(pairs, key=lambda p: -len(p[0]))


def masculine_surname(text: str) -> str:
    """The masculine form of a surname ("Зеленська" → "зеленський", "Тимошенко" unchanged), so
    that a wife, a daughter or a sister shares the family's surname key."""
    lower = ukrainian_surname(text)
    for feminine, masculine in _feminine_endings():
        if lower.endswith(feminine):
            return ukrainian_surname(lower[: -len(feminine)] + masculine)
    return lower


def ukrainian_surname(text: str) -> str:
    """A Russian-form surname in its Ukrainian form ("Зеленский" → "Зеленський")."""
    lower = _key(text)
    for ru, uk in _surname_suffixes():
        if lower.endswith(ru):
            return lower[: -len(ru)] + uk
    return lower


def given_name_key(text: str) -> str:
    """A given name's spelling-blind key: one for "Сергій", "Сергей" and "Serhiy"."""
    known = given_name(text)
    return skeleton(known.canonical if known else text)
