"""CEC 2019 in the built database: every candidate, her biography's fields, exact results, and
every district winner who sat in the Rada linked to her MP record."""

import csv
from collections import defaultdict

NAME = "Прізвище, ім'я та по батькові кандидата в депутати"


def read(samples, folder, name):
    with open(samples / folder / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_candidate_is_in(db, samples):
    rows = read(samples, "cec", "vnd2019_single_member_candidates_wp033_tables.csv")
    assert (
        db.execute("select count(*) from candidacies where election_id = 'vnd2019'").fetchone()[0]
        == len(rows)
        == 3220
    )
    assert db.execute("select count(*) from candidacies where person_id is null").fetchone() == (0,)
    per_district = defaultdict(int)
    for row in rows:
        per_district[int(row["tvo"])] += 1
    assert dict(
        db.execute(
            "select district_number, count(*) from candidacies "
            "where election_id = 'vnd2019' group by 1"
        )
    ) == (per_district)
    self_nominated = sum(row["Висування"] == "Самовисування" for row in rows)
    assert db.execute(
        "select sum(is_self_nominated) from candidacies where election_id = 'vnd2019'"
    ).fetchone() == (self_nominated,)


def test_results_are_exact(db, samples):
    rows = read(samples, "cec", "vnd2019_single_member_results_wp306_tables.csv")
    votes = defaultdict(int)
    for row in rows:
        votes[int(row["tvo"])] += int(row["Голосів ЗА"].replace(" ", "").replace("\u00a0", ""))
    published = dict(
        db.execute(
            "select district_number, sum(votes) from candidacies "
            "where election_id = 'vnd2019' group by 1"
        )
    )
    assert published == votes
    shares = sorted(row["% ЗА"].replace(",", ".") for row in rows)
    assert (
        sorted(
            s
            for (s,) in db.execute(
                "select vote_share from candidacies where vote_share is not null"
            )
        )
        == shares
    )


def test_a_named_candidate_field_by_field(db):
    row = db.execute(
        "select district_number, full_name, nominated_by, nominating_party_id, "
        "is_self_nominated, registered_date, birth_place, education, occupation, workplace, "
        "is_party_member, residence, has_criminal_record, votes, vote_share, is_elected "
        "from candidacies where full_name = 'Гижко Андрій Петрович'"
    ).fetchone()
    assert row == (
        11,
        "Гижко Андрій Петрович",
        'Політична партія "Європейська Солідарність"',
        "yevropeiska-solidarnist",
        0,
        "2019-06-24",
        "місті Вінниці",
        "вища",
        "перший заступник голови",
        "Вінницька обласна державна адміністрація",
        1,
        "селі Березино Вінницького району Вінницької області",
        0,
        9018,
        "11.12",
        0,
    )


def test_glued_names_are_split_and_the_person_has_her_birth_date(db):
    row = db.execute(
        "select p.last_name, p.first_name, p.patronymic, p.birth_date, p.gender "
        "from candidacies c join persons p using (person_id) "
        "where c.full_name = 'Бевз Світлана Володимирівна'"
    ).fetchone()
    assert row == ("Бевз", "Світлана", "Володимирівна", "1973-11-04", "female")


def test_every_district_winner_who_sat_in_the_rada_is_her_mp_record(db, samples):
    mps = [
        r
        for r in read(samples, "rada", "mps09-data.csv")
        if r["district_num"] and r["date_begin"] == "29.08.2019"
    ]
    person_of_mp = dict(
        db.execute("select source_record_id, person_id from person_sources where source = 'rada'")
    )
    candidacy = defaultdict(set)
    for district, person in db.execute("select district_number, person_id from candidacies"):
        candidacy[district].add(person)
    missing = [
        mp["full_name"]
        for mp in mps
        if person_of_mp[mp["id"]] not in candidacy[int(mp["district_num"])]
    ]
    assert len(mps) == 198 and missing == []  # one seat was filled later


def test_the_clone_candidates_stay_apart(db):
    minko = db.execute(
        "select count(distinct person_id), group_concat(votes) from candidacies "
        "where full_name = 'Мінько Сергій Анатолійович'"
    ).fetchone()
    assert minko[0] == 2 and sorted(map(int, minko[1].split(","))) == [2770, 24163]


def _key(name: str, bio: str):
    from pamyat.core.text.parse import parse_name
    from pamyat.core.text.values import birth_date_in_bio

    parts = parse_name(name)
    return (
        parts.last.casefold(),
        parts.first.casefold(),
        parts.patronymic.casefold(),
        (birth_date_in_bio(bio)),
    )


def test_every_council_member_is_in(db, samples):
    rows = read(samples, "cec", "vm2020_elected_city_councils_3_oblasts.csv")
    published = dict(
        db.execute(
            "select council, count(*) from candidacies where election_id = 'vm2020' group by 1"
        )
    )
    expected = defaultdict(int)
    for row in rows:
        expected[row["Рада"]] += 1
    assert published == expected and sum(expected.values()) == 1543
    row = db.execute(
        "select full_name, nominated_by, occupation, workplace, residence, votes, "
        "quota_share, elected_in from candidacies where full_name = "
        "'Камінський Валерій Владиславович'"
    ).fetchone()
    assert row == (
        "Камінський Валерій Владиславович",
        'ПОЛІТИЧНА ПАРТІЯ "ЄВРОПЕЙСЬКА СОЛІДАРНІСТЬ"',
        "Лікар уролог",
        'ТОВ "Інномед-центр ендохірургії"',
        "м. Вінниця, Вінницький р-н., Вінницька обл",
        None,
        None,
        "ЄБВО",
    )


def test_people_who_stood_in_both_elections_are_one_person(db, samples):
    """Every person found by exact name and birth date in both elections is linked; the
    engine also links spelling variants an exact rule misses, named here."""
    stood_2019 = {
        _key(r[NAME], r["Основні відомості"])
        for r in read(samples, "cec", "vnd2019_single_member_candidates_wp033_tables.csv")
    }
    elected_2020 = {
        _key(r["Прізвище, ім’я, по батькові"], r["Відомості"])
        for r in read(samples, "cec", "vm2020_elected_city_councils_3_oblasts.csv")
    }
    exact = stood_2019 & elected_2020
    linked = db.execute(
        "select a.full_name, b.full_name, p.birth_date from candidacies a join candidacies b "
        "on a.person_id = b.person_id join persons p on p.person_id = a.person_id "
        "where a.election_id = 'vnd2019' and b.election_id = 'vm2020'"
    ).fetchall()
    keys = {
        _key(first, f"народилася {born[8:]}.{born[5:7]}.{born[:4]}") for first, _, born in linked
    }
    assert exact <= keys and len(exact) > 30
    variants = {
        (first, second)
        for first, second, born in linked
        if _key(first, f"народилася {born[8:]}.{born[5:7]}.{born[:4]}") not in exact
    }
    assert variants == {
        ("Гончаренко Наталя Вікторівна", "Гончаренко Наталія Вікторівна"),  # two spellings
        ("Самойленко-Тидір Вікторія Андріївна", "Самойленко Вікторія Андріївна"),
    }


def test_a_winner_the_rada_did_not_seat_is_reported(db):
    """District 210: most votes in these results for Коровченко; the Rada seated Приходько."""
    rows = db.execute(
        "select value, problem from data_issues where field = 'is_elected'"
    ).fetchall()
    assert [value for value, _ in rows] == ["Коровченко Сергій Володимирович"]
    assert rows[0][1].startswith("district 210: the Rada seated another candidate")
