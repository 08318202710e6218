"""The readable pages as a citizen reads them on the demo, served by a real Datasette: one
language a page (Ukrainian first, English by the switch), words that agree with the person,
codes as words, the key facts, the CEC's whole biography, race pages, and sections that say why
they are empty. The independent side: the Rada's and the CEC's recorded files."""

import csv
import re

import httpx
import pytest
from bs4 import BeautifulSoup

from pamyat.core.text.names import clean_text
from pamyat.portal.words import catalogue

POROSHENKO = "Порошенко Петро Олексійович"
DISTRICT = 80
CEC_NAME = "Прізвище, ім'я та по батькові кандидата в депутати"


def sql(portal: str, query: str, **params) -> list[dict]:
    response = httpx.get(
        f"{portal}/pamyat.json", params={"sql": query, "_shape": "array", **params}
    )
    assert response.status_code == 200, response.text
    return response.json()


def page(portal: str, path: str, lang: str | None = None) -> BeautifulSoup:
    cookies = {"pamyat_lang": lang} if lang else {}
    response = httpx.get(portal + path, cookies=cookies, timeout=30)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def labels(soup: BeautifulSoup) -> set[str]:
    """The page's own labels: headings, table heads, summaries, the key facts' terms."""
    found = soup.select(
        "article h2, article h3, article th, article summary, article dt, .home h2, "
        ".search-group h2, .pamyat-search label"
    )
    return {" ".join(e.get_text(" ", strip=True).split()) for e in found}


def only_in(language: str) -> set[str]:
    """The words one language has and the other does not (forms by gender included)."""
    other = "en" if language == "uk" else "uk"
    words = catalogue()["words"].values()

    def texts(entry):
        return set(entry.values()) if isinstance(entry, dict) else {entry}

    mine = set().union(*(texts(e[language]) for e in words))
    theirs = set().union(*(texts(e[other]) for e in words))
    return {w for w in mine - theirs if "{" not in w}


@pytest.fixture(scope="module")
def poroshenko_id(portal) -> str:
    (person,) = sql(portal, "select person_id from persons where full_name = :n", n=POROSHENKO)
    return person["person_id"]


@pytest.fixture(scope="module")
def paths(portal, poroshenko_id) -> list[str]:
    return [
        "/",
        f"/person/{poroshenko_id}",
        "/party/yevropeiska-solidarnist",
        f"/race/vnd2019?district={DISTRICT}",
        "/race/vnd2019",
        "/-/search?q=Порошенко",
    ]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_page_speaks_one_language(portal, paths, lang):
    foreign = only_in("en" if lang == "uk" else "uk")
    own = only_in(lang)
    for path in paths:
        shown = labels(page(portal, path, None if lang == "uk" else lang))
        assert shown & own, path
        assert not shown & foreign, (path, shown & foreign)


def test_the_switch_remembers_the_language_and_stays_on_the_portal(portal, poroshenko_id):
    here = f"/person/{poroshenko_id}"
    response = httpx.get(portal + "/-/lang/en", params={"next": here})
    assert response.status_code == 302 and response.headers["location"] == here
    assert response.cookies.get("pamyat_lang") == "en"
    english = page(portal, here, "en")
    assert english.select_one("#voting h2").get_text(strip=True) == "Votes in parliament"
    switch = english.select_one(".language-switch a")["href"]
    assert switch.startswith("/-/lang/uk?") and "next=" in switch
    away = httpx.get(portal + "/-/lang/uk", params={"next": "//evil.example/"})
    assert away.headers["location"] == "/"


def test_words_agree_with_the_person_s_gender(portal, samples):
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        gender = {row["full_name"]: row["gender"] for row in csv.DictReader(f)}
    seen = sql(
        portal,
        "select p.person_id, p.full_name from persons p where p.person_id in "
        "(select person_id from mp_faction_history) order by p.person_id limit 40",
    )
    checked = set()
    for person in seen:
        written = gender.get(person["full_name"])
        if written not in ("1", "2"):
            continue
        timeline = page(portal, f"/person/{person['person_id']}").select_one("#timeline")
        expected = "Голосував у фракції" if written == "1" else "Голосувала у фракції"
        wrong = "Голосувала у фракції" if written == "1" else "Голосував у фракції"
        assert expected in timeline.get_text() and wrong not in timeline.get_text()
        checked.add(written)
    assert checked == {"1", "2"}


def test_codes_are_shown_as_words(portal, poroshenko_id):
    soup = page(portal, f"/person/{poroshenko_id}")
    methods = sql(
        portal,
        "select distinct match_method from person_sources where person_id = :p",
        p=poroshenko_id,
    )
    kinds = sql(
        portal,
        "select distinct document_type from declarations where person_id = :p",
        p=poroshenko_id,
    )
    shown = soup.select_one("#sources").get_text(" ") + soup.select_one("#declarations").get_text(
        " "
    )
    codes = {m["match_method"] for m in methods} | {k["document_type"] for k in kinds}
    assert codes and not any(re.search(rf"\b{re.escape(c)}\b", shown) for c in codes)


def test_the_key_facts_are_those_the_tables_hold(portal, poroshenko_id):
    facts = page(portal, f"/person/{poroshenko_id}").select_one("dl.key-facts")
    (party,) = sql(
        portal,
        "select p.name from memberships m join parties p using (party_id) "
        "where m.person_id = :p and m.role = 'член партії' and m.end_date is null",
        p=poroshenko_id,
    )
    assert facts.select_one(".party-now").get_text(strip=True) == party["name"]
    (latest,) = sql(
        portal,
        "select max(declaration_year) as year from declaration_year_totals where person_id = :p",
        p=poroshenko_id,
    )
    assert f"Декларація за {latest['year']}" in facts.get_text()
    (flags,) = sql(
        portal,
        "select (select count(*) from red_flags where person_id = :p) + (select count(*) from "
        "donor_red_flags f where f.person_id = :p or f.donor_id in (select donor_id from donors "
        "where person_id = :p)) as n",
        p=poroshenko_id,
    )
    assert facts.select_one(".flags-count").get_text(strip=True) == f"⚑ {flags['n']}"


@pytest.fixture(scope="module")
def district_rows(samples) -> list[dict]:
    path = samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["tvo"] == str(DISTRICT)]


def glued(name: str) -> str:
    """The CEC's tables glue the surname to the given names: compare without spaces."""
    return "".join(clean_text(name).split())


def test_a_candidate_s_page_shows_the_whole_cec_biography(portal, district_rows):
    row = district_rows[0]
    (person,) = sql(
        portal,
        "select person_id from candidacies where election_id = 'vnd2019' and "
        "district_number = :d and replace(full_name, ' ', '') = :n",
        d=DISTRICT,
        n=glued(row[CEC_NAME]),
    )
    soup = page(portal, f"/person/{person['person_id']}")
    biography = soup.select_one("#candidacies dl.biography")
    bio = clean_text(row["Основні відомості"])
    terms = [dt.get_text(strip=True) for dt in biography.select("dt")]
    assert {"Місце народження", "Освіта", "Посада", "Місце проживання", "Судимість"} <= set(terms)
    for dt in biography.select("dt"):
        value = dt.find_next_sibling("dd").get_text(strip=True)
        if dt.get_text(strip=True) in ("Місце народження", "Освіта", "Місце проживання"):
            assert value in bio, (value, bio)
    race = soup.select_one("#candidacies a.race")["href"]
    assert race == f"/race/vnd2019?district={DISTRICT}"


def test_a_race_page_lists_every_candidate_of_the_district(portal, district_rows):
    soup = page(portal, f"/race/vnd2019?district={DISTRICT}")
    shown = [a.get_text(strip=True) for a in soup.select("table.candidates tbody td:first-child a")]
    assert sorted(glued(n) for n in shown) == sorted(glued(r[CEC_NAME]) for r in district_rows)
    elected = soup.select("table.candidates tr.elected")
    assert len(elected) == 1
    councils = page(portal, "/race/vm2020").select("table.races tbody tr")
    (held,) = sql(
        portal, "select count(distinct council) as n from candidacies where council is not null"
    )
    assert len(councils) == held["n"]


def test_every_empty_section_says_why(portal):
    """A councillor holds one candidacy: her other sections explain themselves."""
    (person,) = sql(
        portal,
        "select person_id from person_sources group by person_id "
        "having count(*) = 1 and max(source) = 'cec' limit 1",
    )
    soup = page(portal, f"/person/{person['person_id']}")
    for section in soup.select("article > section"):
        held = section.select("table, ul, dl, .red-flag, figure")
        explained = section.select_one("p.empty")
        assert held or (explained and len(explained.get_text(strip=True)) > 30), section["id"]
    assert soup.select_one("#voting p.empty") and soup.select_one("#declarations p.empty")
