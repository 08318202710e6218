"""The portal's words (pamyat/portal/words.yml): every word a template asks for exists in
both languages with the same placeholders, and the gendered ones have every form; the search
keys make one of a name's Ukrainian, Russian, Latin and inflected spellings."""

import re
import string
from pathlib import Path

import pytest

from pamyat.portal import finder
from pamyat.portal.words import catalogue, code_word, word
from plugins.pages import safe_next

TEMPLATES = Path(__file__).parent.parent / "templates"
ASKED = re.compile(r"""\bt\(\s*["']([a-z_]+)["'](\s*~)?""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def test_every_word_a_template_asks_for_is_in_both_languages():
    asked = {
        key
        for path in TEMPLATES.glob("*.html")
        for key, built in ASKED.findall(path.read_text(encoding="utf-8"))
        if not built
    }
    loop = re.search(r"for field in \(([^)]*)\)", (TEMPLATES / "person.html").read_text())
    asked |= {"bio_" + field for field in re.findall(r'"(\w+)"', loop.group(1))}
    asked |= {"group_" + group for group in ("persons", "parties", "donors")}
    words = catalogue()["words"]
    assert asked and asked <= set(words), sorted(asked - set(words))
    for key, entry in words.items():
        assert set(entry) == {"uk", "en"}, key
        expected = placeholders(forms(entry["en"])[0])
        for text in forms(entry["uk"]) + forms(entry["en"]):
            assert placeholders(text) == expected, key
        if isinstance(entry["uk"], dict):
            assert set(entry["uk"]) == {"m", "f", "any"}, key


def test_a_word_agrees_with_the_person():
    assert word("voted_in_faction", "uk", "male") == "Голосував у фракції"
    assert word("voted_in_faction", "uk", "female") == "Голосувала у фракції"
    assert word("voted_in_faction", "uk", None) == "Голосування у фракції"
    assert word("voted_in_faction", "en", "female") == "Voted in the faction"
    assert word("roll_calls_n", "uk", n=12) == "12 голосувань"


def test_codes_are_words_and_an_unknown_code_stays_itself():
    assert code_word("document_type", "annual", "uk") == "щорічна"
    assert code_word("match_method", "anchor", "en") == "by another source's reference"
    assert code_word("document_type", "something new", "uk") == "something new"


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/party/holos?mps_page=2", "/party/holos?mps_page=2"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_the_language_switch_goes_back_to_this_portal_only(target, expected):
    assert safe_next(target) == expected


@pytest.mark.parametrize(
    "typed, name",
    [
        ("Зеленский", "Зеленський"),  # Russian
        ("Зеленського", "Зеленський"),  # inflected
        ("Zelensky", "Зеленський"),  # old Latin
        ("Евтушок", "Євтушок"),
        ("Yulia", "Юлія"),
        ("Юлии", "Юлія"),
        ("Сергей", "Сергій"),
        ("Serhiy", "Сергій"),
        ("Порошенка", "Порошенко"),
    ],
)
def test_a_typed_word_meets_the_name_s_key(typed, name):
    keys = finder.word_keys(name)
    assert finder.word_keys(typed) & keys, (typed, name)


def test_a_typo_is_one_edit_from_the_key():
    (key,) = {finder.skeleton("Порошенко")}
    assert key in finder.close_keys(finder.skeleton("Porochenko"), ("zelenski", key), 80)
    assert finder.close_keys(finder.skeleton("Qwxzy"), ("zelenski", key), 80) == []
