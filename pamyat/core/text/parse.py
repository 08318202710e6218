"""Reading a name written any way into its parts.

Handles the forms the sources use: surname first ("ЄВТУШОК Сергій Миколайович") or given name
first ("Сергій Євтушок", "Serhii Yevtushok"); initials ("Євтушок С.М.", "С. М. Євтушок");
a missing patronymic; and names glued by text extraction ("БевзСвітлана Володимирівна").
"""

import re
from dataclasses import dataclass

from pamyat.core.text.forms import given_name, is_known_patronymic, is_patronymic
from pamyat.core.text.names import clean_name_part, clean_text

# A lower-case letter followed by a capital, or a capital followed by a capitalised word, inside
# one token: where the CEC's <br> between surname and given names was lost.
_GLUED = re.compile(
    r"(?<=[a-zа-яіїєґ])(?=[A-ZА-ЯІЇЄҐ])|(?<=[A-ZА-ЯІЇЄҐ])(?=[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ])"
)
_INITIAL = re.compile(r"^\w\.?$")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class NameParts:
    last: str = ""
    first: str = ""
    patronymic: str = ""
    first_initial: str = ""
    patronymic_initial: str = ""

    @property
    def full(self) -> str:
        first = self.first or (self.first_initial + "." if self.first_initial else "")
        patronymic = self.patronymic or (
            self.patronymic_initial + "." if self.patronymic_initial else ""
        )
        return " ".join(p for p in (self.last, first, patronymic) if p)


def _is_given(word: str) -> bool:
    """A known given name, or a hyphenated one made of known names ("Ганна-Марія")."""
    return bool(given_name(word)) or ("-" in word and all(map(given_name, word.split("-"))))


def unglue(text: str) -> str:
    return " ".join(_GLUED.sub(" ", word) for word in text.split())


def _tokens(text: str) -> list[str]:
    text = unglue(clean_text(text).replace(",", " "))
    text = re.sub(r"(\w)\.(?=\w)", r"\1. ", text)  # "С.М." → "С. М."
    return text.split()


def split_part(part: str | None) -> tuple[str, str]:
    """A given name or patronymic as (full form, initial); an initial alone gives ("", "С")."""
    part = clean_name_part(part)
    full, initial = ("", part.rstrip(".")) if _INITIAL.match(part) else (part, part[:1])
    return full, initial.upper()


def from_parts(last: str | None, first: str | None, patronymic: str | None) -> NameParts:
    """Parts a source already separates; initials given as parts are recognised too."""
    first, first_initial = split_part(first)
    patronymic, patronymic_initial = split_part(patronymic)
    return NameParts(clean_name_part(last), first, patronymic, first_initial, patronymic_initial)


def parse_name(text: str) -> NameParts:
    tokens = _tokens(text)
    initials = [t.rstrip(".").upper() for t in tokens if _INITIAL.match(t)]
    words = [t for t in tokens if not _INITIAL.match(t)]
    if initials:
        first = next((w for w in words if _is_given(w)), "")
        last = " ".join(w for w in words if w != first)
        if first:
            return from_parts(last, first, initials[0] if initials else "")
        return from_parts(last, initials[0], initials[1] if len(initials) > 1 else "")

    patronymic_at = _patronymic_position(words)
    patronymic = words.pop(patronymic_at) if patronymic_at is not None and len(words) > 1 else ""
    if len(words) == 1:
        return from_parts(words[0], "", patronymic)
    if not words:
        return NameParts()
    given_first = _given_name_comes_first(words, patronymic_at, text)
    first, rest = (words[0], words[1:]) if given_first else (words[-1], words[:-1])
    return from_parts(" ".join(rest), first, patronymic)


def _patronymic_position(words: list[str]) -> int | None:
    """Which word is the patronymic: a known patronymic before a mere patronymic ending, right
    after a given name if there is a choice, and never the only word left to be the surname
    (surnames such as "Рабінович" or "Дубневич" end like patronymics)."""
    candidates = [i for i, w in enumerate(words) if is_patronymic(w) and not _is_given(w)]

    def leaves_a_surname(i: int) -> bool:
        return any(not _is_given(w) for j, w in enumerate(words) if j != i)

    for pool in ([i for i in candidates if is_known_patronymic(words[i])], candidates):
        viable = [i for i in pool if leaves_a_surname(i)]
        if viable:
            after_given = [i for i in viable if i > 0 and _is_given(words[i - 1])]
            return (after_given or viable)[-1]
    return None


def _given_name_comes_first(words: list[str], patronymic_at: int | None, text: str) -> bool:
    """Official Ukrainian order is surname first; a known given name, a patronymic in the middle
    ("Сергій Миколайович Євтушок") or Latin script (English order) say otherwise."""
    head, tail = _is_given(words[0]), _is_given(words[-1])
    if head and not tail:
        return True
    if tail and not head:
        return False
    if patronymic_at is not None:
        return patronymic_at == 1 and len(words) == 2
    return bool(_LATIN.search(text))


def gender_of(parts: NameParts) -> str | None:
    """m or f from the given name, else from the patronymic's ending."""
    return gender_of_given(parts.first) or gender_of_patronymic(parts.patronymic)


def gender_of_given(first: str) -> str | None:
    known = given_name(first) if first else None
    return known.gender if known else None


def gender_of_patronymic(patronymic: str) -> str | None:
    patronymic = patronymic.casefold()
    if patronymic.endswith(("івна", "ївна", "овна", "евна", "ична", "ivna", "ovna", "evna")):
        return "f"
    if patronymic.endswith(("ович", "евич", "євич", "ич", "ovych", "ovich", "evich")):
        return "m"
    return None
