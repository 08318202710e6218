"""The case forms of a person's name in Ukrainian and Russian, for finding it in running text
("Зеленського", "Зеленскому", "Олени Кондратюк", "Елены Кондратюк").

Forms come from pymorphy3 with its Ukrainian and Russian dictionaries (OpenCorpora, VESUM): the
nominative parse of the gender the person has, then every singular form of its lexeme. A name
the dictionaries do not know is inflected by pymorphy3's predictor from its ending. Russian
spellings of a Ukrainian name come from the given-name table and the surname suffix table of
pamyat/core/text/data, and the letters that differ (і → и, є → е, и → и or ы).
"""

import itertools
from functools import cache

import pymorphy3

from pamyat.core.text import forms

GENDER_TAGS = {"m": "masc", "f": "femn"}
GENDERS = {"masc", "femn", "neut"}
# Ukrainian letters as a Russian text writes them; и is written и or ы ("Шмигаль": "Шмыгаль").
RUSSIAN_LETTERS = {"і": ("и",), "ї": ("и", "йи"), "є": ("е",), "ґ": ("г",), "'": ("", "ь")}
RUSSIAN_I = ("и", "ы")
MAX_SPELLINGS = 8


@cache
def analyzer(language: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=language)


def _fits(tag, gender: str | None) -> bool:
    wanted = GENDER_TAGS.get(gender or "")
    grams = tag.grammemes
    return wanted is None or wanted in grams or "ms-f" in grams or not grams & GENDERS


def inflections(word: str, language: str, gender: str | None, kind: str) -> set[str]:
    """Every singular case form (lower case) of a name word: kind "Surn" or "Name"."""
    lower = word.casefold()
    parses = [
        p
        for p in analyzer(language).parse(lower)
        if p.word == lower
        and p.tag.case == "nomn"
        and _fits(p.tag, gender)
        and p.tag.POS in ("NOUN", "ADJF")
    ]
    parses.sort(key=lambda p: (kind not in p.tag, p.tag.POS != "NOUN"))
    found = {lower}
    if parses:
        best = parses[0]
        found |= {
            f.word
            for f in best.lexeme
            if f.tag.number != "plur" and _fits(f.tag, gender) and "Abbr" not in f.tag
        }
    return found


def russian_spellings(surname: str) -> set[str]:
    """How a Russian text spells a Ukrainian surname ("Зеленський" → "зеленский")."""
    lower = surname.casefold()
    for russian, ukrainian in forms.surname_suffix_pairs():
        if lower.endswith(ukrainian):
            lower = lower[: -len(ukrainian)] + russian
            break
    choices = [RUSSIAN_LETTERS.get(c) or (RUSSIAN_I if c == "и" else (c,)) for c in lower]
    spellings = itertools.islice(itertools.product(*choices), MAX_SPELLINGS)
    return {"".join(letters) for letters in spellings}


@cache
def surname_forms(surname: str, gender: str | None) -> frozenset[str]:
    """Ukrainian and Russian case forms of a surname (cached: namesakes are many)."""
    found = inflections(surname, "uk", gender, "Surn")
    for spelling in russian_spellings(surname):
        found |= inflections(spelling, "ru", gender, "Surn")
    return frozenset(found)


@cache
def given_name_forms(first: str, gender: str | None) -> frozenset[str]:
    """Ukrainian and Russian case forms of a given name ("Олена": "олени", "елены", ...)."""
    found = inflections(first, "uk", gender, "Name")
    known = forms.given_name(first)
    russian = {known.canonical} if known else russian_spellings(first)
    for spelling in russian:
        found |= inflections(spelling, "ru", gender, "Name")
    return frozenset(found)


def is_given_name(word: str) -> bool:
    """Whether a word is a given name in some case, Ukrainian or Russian ("Максима")."""
    lower = word.casefold()
    return any(
        "Name" in parse.tag
        for language in ("uk", "ru")
        for parse in analyzer(language).parse(lower)
    )
