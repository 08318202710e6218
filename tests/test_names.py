"""Name normalisation on the tricky real names and strings of the Rada's MPs file."""

import csv

import pytest

from pamyat.core.text.names import (
    clean_name_part,
    clean_text,
    latin,
    repair_lookalikes,
    search_forms,
)
from pamyat.core.text.parties import NOT_A_PARTY, party_id, party_key


@pytest.mark.parametrize("written", ["Ар'єв", "Ар’єв", "Арʼєв", "Ар`єв", "Ар‘єв"])
def test_every_apostrophe_becomes_one(written):
    assert clean_text(written) == "Ар'єв"


def test_latin_lookalikes_inside_cyrillic_words_are_repaired(samples):
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    party_texts = [r["party_text"] for r in rows if r["party_text"].startswith("безпартійн")]
    assert "безпартійнa" in party_texts  # the real file has a Latin "a" here
    assert {clean_text(t) for t in party_texts} == {"безпартійний", "безпартійна"}
    bios = " ".join(r["anketa_data"] for r in rows)
    assert "сiчня" in bios and "сiчня" not in clean_text(bios) and "січня" in clean_text(bios)


def test_latin_words_are_left_alone():
    assert repair_lookalikes("Serhii Yevtushok, IT-компанія") == "Serhii Yevtushok, IT-компанія"


@pytest.mark.parametrize(
    ("written", "usual"),
    [
        ("ЄВТУШОК", "Євтушок"),
        ("мар’яна", "Мар'яна"),
        ("Ганна-Марія", "Ганна-Марія"),
        ("ГАННА-МАРІЯ", "Ганна-Марія"),
        ("  Джемілєв ", "Джемілєв"),
    ],
)
def test_name_parts_get_usual_capitalisation(written, usual):
    assert clean_name_part(written) == usual


@pytest.mark.parametrize(
    ("cyrillic", "official"),
    [
        ("Євтушок Сергій Миколайович", "Yevtushok Serhii Mykolaiovych"),
        ("Ар'єв Володимир Ігорович", "Ariev Volodymyr Ihorovych"),
        ("Безугла Мар’яна Володимирівна", "Bezuhla Mariana Volodymyrivna"),
        ("Джемілєв Мустафа", "Dzhemiliev Mustafa"),
    ],
)
def test_official_latin_is_kmu_2010(cyrillic, official):
    assert latin(cyrillic) == official


def test_search_forms_hold_older_latin_spellings():
    forms = search_forms("Зеленський Володимир Олександрович").split()
    assert {"Zelenskiy", "Zelenskyy", "Volodimir", "Зеленський"} <= set(forms)
    assert all(word.isascii() or word.isalpha() for word in forms)
    assert "Арєв" in search_forms("Ар'єв Володимир")


@pytest.mark.parametrize(
    "written",
    [
        'ПОЛІТИЧНА ПАРТІЯ "СЛУГА НАРОДУ"',
        'член ПОЛІТИЧНОЇ ПАРТІЇ "СЛУГА НАРОДУ"',
        "Політична партія «Слуга народу»",
        'Партія "Слуга народу"',  # the CEC's 2020 short form (Партія "Громадська сила")
        "слуга  народу",
    ],
)
def test_party_spellings_share_one_key(written):
    assert party_key(written) == "слуга народу"
    assert party_id(party_key(written)) == "sluha-narodu"


def test_non_party_labels():
    assert party_key("Безпартійний") in NOT_A_PARTY
    assert party_key("безпартійнa") in NOT_A_PARTY
    assert party_key("Аграрна партія України") == "аграрна партія україни"
    assert party_key("ПАРТІЯ РЕГІОНІВ") == "партія регіонів"  # "партія" is its name, unquoted
