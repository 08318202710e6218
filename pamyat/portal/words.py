"""The portal's words, one language a page (words.yml): Ukrainian first, English by the switch
(/-/lang/en sets a cookie; ?lang=en asks for one page). A Ukrainian word agrees with the
person's gender where the person has one; the codes the tables store are shown as words."""

from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("uk", "en")
DEFAULT = "uk"
COOKIE = "pamyat_lang"
GENDERS = {"male": "m", "female": "f"}


@cache
def catalogue() -> dict:
    return yaml.safe_load((Path(__file__).parent / "words.yml").read_text(encoding="utf-8"))


def language(request) -> str:
    """The page's language: asked in the URL, else chosen by the switch, else Ukrainian."""
    if request is None:
        return DEFAULT
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in LANGUAGES else DEFAULT


def word(key: str, lang: str, gender: str | None = None, **values) -> str:
    """The word for `key` in `lang`, in the form for the person's gender, with its values."""
    entry = catalogue()["words"][key][lang]
    if isinstance(entry, dict):
        entry = entry[GENDERS.get(gender or "", "any")]
    return entry.format(**values) if values else entry


def code_word(kind: str, code, lang: str) -> str:
    """A stored code (document_type "annual", match_method "anchor") as a word; a code the
    catalogue lacks is shown as it is."""
    if code is None:
        return ""
    entry = catalogue()["codes"][kind].get(code)
    return entry[lang] if entry else str(code)
