"""Person names as the sources write them, made comparable.

Sources spell one name many ways: three apostrophes (’ ' ʼ), Latin look-alike letters typed into
Cyrillic words ("сiчня"), stray spaces. Everything here is a pure function on strings, so every
source and the search index use the same rules.
"""

import re
import unicodedata
from functools import lru_cache

import translitua

APOSTROPHE = "'"
_APOSTROPHES = "'’ʼ`‘´′"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")

# Latin letters that look like Cyrillic ones; repaired only inside words that are mostly Cyrillic.
_LOOKALIKES = str.maketrans(
    "aceiopxyABCEHIKMOPTX",
    "асеіорхуАВСЕНІКМОРТХ",
)
_CYRILLIC = re.compile(r"[А-ЯЁа-яёІіЇїЄєҐґ]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[\w" + _APOSTROPHES + r"]+")

# The official Latin (KMU-2010) first, then the older systems people still use for the same names.
OFFICIAL_LATIN = translitua.UkrainianKMU
OTHER_LATIN = (
    translitua.UkrainianPassport2007,
    translitua.UkrainianPassport2004Alt,
    translitua.UkrainianBGN,
    translitua.UkrainianNational1996,
    translitua.UkrainianSimple,
    translitua.RussianInternationalPassport1997,
)


def repair_lookalikes(text: str) -> str:
    """Replace Latin look-alike letters inside words that are otherwise Cyrillic."""
    if not (_LATIN.search(text) and _CYRILLIC.search(text)):
        return text  # most texts: no word can mix the two

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if _CYRILLIC.search(word) and _LATIN.search(word):
            return word.translate(_LOOKALIKES)
        return word

    return _WORD.sub(fix, text)


@lru_cache(maxsize=1 << 18)
def clean_text(text: str | None) -> str:
    """One spelling of a source string: NFC, one apostrophe, no look-alikes, single spaces.
    Kept per string: sources repeat the same strings (the register's "[Конфіденційна
    інформація]") hundreds of thousands of times."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHE_RE.sub(APOSTROPHE, text)
    text = repair_lookalikes(text)
    return " ".join(text.split())


def clean_name_part(text: str | None) -> str:
    """A name part in its usual capitalisation ("ЄВТУШОК" becomes "Євтушок")."""
    part = clean_text(text)
    if part.isupper() or part.islower():
        part = "-".join(piece[:1].upper() + piece[1:].lower() for piece in part.split("-"))
    return part


def join_name(last: str, first: str, patronymic: str) -> str:
    return " ".join(part for part in (last, first, patronymic) if part)


def latin(text: str) -> str:
    """The official Ukrainian Latin transliteration (Cabinet of Ministers resolution 55, 2010)."""
    return translitua.translit(clean_text(text), OFFICIAL_LATIN)


# Russian letters that the Ukrainian transliteration table does not know.
_RUSSIAN_ONLY = str.maketrans({"ы": "и", "э": "е", "ё": "е", "ъ": ""})
# Ordered rewrites that make every transliteration system's spelling of a sound the same.
_SKELETON_RULES = [
    (re.compile(p), r)
    for p, r in [
        (r"[^a-z]", ""),
        (r"s[h]?ch", "Q"),
        (r"zh", "Z"),
        (r"kh", "X"),
        (r"ch", "C"),
        (r"sh", "S"),
        (r"t[sz]|tc", "T"),
        (r"ph", "f"),
        (r"h", "g"),
        (r"x", "ks"),
        (r"[cq]", "k"),
        (r"w", "v"),
        (r"[iyj]+", "i"),
        (r"i([eaou])", r"\1"),
        (r"(.)\1+", r"\1"),
    ]
]


def skeleton(text: str) -> str:
    """A spelling-blind key of a name: Ukrainian and Russian Cyrillic and the Latin of every
    transliteration system give the same ASCII string ("Євтушок", "Евтушок", "Yevtushok",
    "Ievtushok" → "evtuSok"; "Галайчук", "Galaychuk", "Halaichuk" → "galaiCuk")."""
    text = clean_text(text).casefold().translate(_RUSSIAN_ONLY).replace(APOSTROPHE, "")
    if _CYRILLIC.search(text):
        text = translitua.translit(text, OFFICIAL_LATIN).lower()
    for pattern, replacement in _SKELETON_RULES:
        text = pattern.sub(replacement, text)
    return text


def search_forms(*names: str) -> str:
    """Extra spellings for full-text search: names without apostrophes and in the older Latin
    systems ("Serhiy", "Sergii", "Zelenskiy"), each word once."""
    words: dict[str, None] = {}
    for name in names:
        name = clean_text(name)
        for word in name.replace(APOSTROPHE, "").split():
            words.setdefault(word, None)
        for table in OTHER_LATIN:
            for word in translitua.translit(name, table).replace(APOSTROPHE, "").split():
                if word.isascii():
                    words.setdefault(word, None)
    return " ".join(words)


_QUOTES = re.compile('["«»“”„]')


def fold(text: str | None) -> str:
    """A string as a search compares it, whatever its case, quotes, apostrophes or Latin
    look-alikes: SQLite's LIKE folds the case of Latin letters only."""
    return " ".join(_QUOTES.sub(" ", clean_text(text)).casefold().split())
