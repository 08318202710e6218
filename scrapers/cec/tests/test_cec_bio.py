"""The CEC's free-text biographies read into fields, on named real candidates."""

import csv
import re
from collections import Counter

import pytest

from pamyat.core.text.names import clean_text
from scrapers.cec.bio import clauses, parse_bio

NAME_2019 = "Прізвище, ім'я та по батькові кандидата в депутати"


@pytest.fixture(scope="module")
def candidates_2019(samples) -> dict[str, dict]:
    path = samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return {row[NAME_2019]: row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def councillors_2020(samples) -> dict[str, dict]:
    path = samples / "cec" / "vm2020_elected_city_councils_3_oblasts.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return {row["Прізвище, ім’я, по батькові"]: row for row in csv.DictReader(f)}


def test_a_2019_candidate_field_by_field(candidates_2019):
    fields, problems = parse_bio(candidates_2019["ГижкоАндрій Петрович"]["Основні відомості"])
    assert problems == []
    assert fields == {
        "birth_date": "1978-06-27",
        "birth_place": "місті Вінниці",
        "education": "вища",
        "occupation": "перший заступник голови",
        "workplace": "Вінницька обласна державна адміністрація",
        "party_membership": 'Політичної партії "Європейська Солідарність"',
        "is_party_member": 1,
        "residence": "селі Березино Вінницького району Вінницької області",
        "has_criminal_record": 0,
        "criminal_record": None,
        "nomination": 'Політична партія "Європейська Солідарність"',
    }


def test_latin_lookalikes_and_self_nomination(candidates_2019):
    bio = candidates_2019["БевзСвітлана Володимирівна"]["Основні відомості"]
    assert "безпартійнa" in bio  # a Latin "a" in the real text
    fields, problems = parse_bio(bio)
    assert problems == []
    assert (fields["birth_date"], fields["is_party_member"], fields["nomination"]) == (
        "1973-11-04",
        0,
        "самовисування",
    )
    assert fields["workplace"] == "Вінницький національний технічний університет"
    assert fields["occupation"] == "доцент кафедри електричних станцій та систем"


def test_a_2020_councillor_field_by_field(councillors_2020):
    fields, problems = parse_bio(councillors_2020["Камінський Валерій Владиславович"]["Відомості"])
    assert problems == []
    assert {k: v for k, v in fields.items() if v is not None} == {
        "birth_date": "1983-08-26",
        "education": "вища",
        "party_membership": 'ПОЛІТИЧНОЇ ПАРТІЇ "ЄВРОПЕЙСЬКА СОЛІДАРНІСТЬ"',
        "is_party_member": 1,
        "workplace": 'ТОВ "Інномед-центр ендохірургії"',
        "occupation": "Лікар уролог",
        "residence": "м. Вінниця, Вінницький р-н., Вінницька обл",
    }


def test_commas_inside_real_quoted_names_do_not_split():
    bio = (
        'освіта вища, проректор, ВНЗ "Відкритий міжнародний університет розвитку людини '
        '"Україна", член політичної партії Всеукраїнське об’єднання "Батьківщина", '
        "проживає в місті Вінниці"
    )
    assert clauses(bio) == [
        "освіта вища",
        "проректор",
        'ВНЗ "Відкритий міжнародний університет розвитку людини "Україна"',
        'член політичної партії Всеукраїнське об’єднання "Батьківщина"',
        "проживає в місті Вінниці",
    ]
    assert clauses('освіта вища, ТОВ "Альфа, Бета", директор') == [
        "освіта вища",
        'ТОВ "Альфа, Бета"',
        "директор",
    ]


def test_every_real_bio_is_read_and_gaps_are_reported(samples):
    def rows(name):
        with open(samples / "cec" / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    problems = Counter()
    born = 0
    all_2019 = rows("vnd2019_single_member_candidates_wp033_tables.csv")
    for row in all_2019:
        fields, found = parse_bio(row["Основні відомості"])
        problems.update(found)
        born += fields["birth_date"] is not None
    assert born == len(all_2019) == 3220 and problems == {"no is party member": 2}
    all_2020 = rows("vm2020_elected_city_councils_3_oblasts.csv")
    problems = Counter(p for row in all_2020 for p in parse_bio(row["Відомості"])[1])
    assert len(all_2020) == 1543 and set(problems) == {"no residence"}


def test_an_unreadable_bio_is_a_problem_not_a_crash():
    fields, problems = parse_bio("народився 31 лютого 1970 року в місті Києві")
    assert fields["birth_date"] is None and problems[0].startswith("birth date:")
    assert parse_bio("")[1] == ["empty biography"]


def test_a_birth_abroad_keeps_its_country_in_the_birth_place(candidates_2019):
    """ "народився … року в місті Кустанай, Казахстан, громадянин України, …": the country
    is part of the birth place, not the job. Checked on every real 2019 bio against the text
    between the birth year and "громадянин"."""
    born_in = re.compile(r"\d{4}\s*року (?:в|у) (.+?), громадян")
    abroad = 0
    for row in candidates_2019.values():
        bio = row["Основні відомості"]
        fields, _ = parse_bio(bio)
        written = born_in.search(clean_text(bio))
        if written:
            place = re.sub(r",\s*", ", ", written.group(1))  # "району,Грузія" in one real bio
            assert fields["birth_place"] == place, bio
            abroad += "," in place
            assert fields["occupation"] not in place.split(", ")[1:], bio
    assert abroad >= 100  # the real file holds about 120 such bios
