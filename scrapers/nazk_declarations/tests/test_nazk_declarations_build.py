"""NAZK declarations in the built database: every real document, linked to the portal's persons
by the identity engine (and the committed judgements), with the privacy and trap cases."""

import httpx

HIDDEN_MARKERS = ["[Конфіденційна інформація]", "[Не застосовується]", "[Не відомо]"]


def person_of(db, source: str, record_id: str) -> str:
    return db.execute(
        "select person_id from person_sources where source = ? and source_record_id = ?",
        (source, record_id),
    ).fetchone()[0]


def declarations_of(db, name: str) -> list[tuple]:
    return db.execute(
        "select document_id, user_declarant_id, person_id from declarations "
        "where declarant_name = ? order by submitted_date",
        (name,),
    ).fetchall()


def test_every_real_document_is_in(db, samples):
    archive = list((samples / "nazk_declarations").glob("*.json"))
    v2 = list((samples / "nazk_v2").glob("document_*.json"))
    ids = {p.stem.rsplit("_", 1)[1] for p in archive + v2}
    assert {r[0] for r in db.execute("select document_id from declarations")} == ids
    types = dict(db.execute("select document_type, count(*) from declarations group by 1"))
    assert types["change notice"] == 8
    assert db.execute(
        "select count(*) from declarations where document_shape = 'v1'"
    ).fetchone() == (2,)


def test_the_real_v2_documents_are_published_whole(db, samples):
    """Names, estate, family: what the old reader dropped, from the crawl through the build."""
    e9d07eea = "e9d07eea-3483-4578-aa6a-f297e23f04ed"
    estate = db.execute(
        "select count(*) from declared_real_estate where document_id = ?", (e9d07eea,)
    ).fetchone()[0]
    assert estate == 1428  # the large annual document of a land holder (PROVENANCE.md)
    v2_ids = [p.stem.split("_", 1)[1] for p in (samples / "nazk_v2").glob("document_*.json")]
    marks = ",".join("?" * len(v2_ids))
    unnamed = db.execute(
        f"select count(*) from declarations where document_id in ({marks}) "
        "and (declarant_name = '' or submitted_at is null)",
        v2_ids,
    ).fetchone()[0]
    assert unnamed == 0
    # A candidate's declarant becomes a person, an MP's is linked to the MP; the three other
    # officials (police, a state enterprise) stay unlinked, as every official the portal does
    # not know as a politician.
    linked = db.execute(
        f"select count(*) from declarations where document_id in ({marks}) "
        "and person_id is not null",
        v2_ids,
    ).fetchone()[0]
    assert linked == 4  # Pidkapka's three and M'yalyk's
    family = db.execute(
        f"select count(*) from declaration_family_members where document_id in ({marks})", v2_ids
    ).fetchone()[0]
    assert family == 22


def test_one_declarant_across_years_is_one_person(db):
    """Pidkapka's candidate 2019, annual 2020 and 2025 declarations (one user_declarant_id)."""
    docs = declarations_of(db, "Підкапка Костянтин Васильович")
    assert [d[1] for d in docs] == [1525473] * 3
    assert len({d[2] for d in docs}) == 1 and docs[0][2] is not None


def test_an_mp_s_v2_declaration_is_linked_to_his_rada_person(db):
    (doc,) = declarations_of(db, "М'ялик Віктор Ничипорович")
    rada_id = db.execute(
        "select source_record_id from person_sources where source = 'rada' and person_id = ?",
        (doc[2],),
    ).fetchone()
    assert rada_id is not None


def test_taruta_is_linked_to_his_rada_person(db):
    (doc,) = declarations_of(db, "Тарута Сергій Олексійович")
    assert doc[2] == person_of(db, "rada", "18140")


def test_poroshenko_s_declarations_are_linked_to_his_rada_person(db):
    docs = declarations_of(db, "Порошенко Петро Олексійович")
    assert len(docs) == 2  # 2015 (API v1, no declarant id) and the 2017 candidate's
    assert {d[2] for d in docs} == {person_of(db, "rada", "2273")}


def test_bohdan_dubnevych_is_one_declarant_and_not_his_brother(db):
    docs = declarations_of(db, "Дубневич Богдан Васильович")
    assert len(docs) == 2 and {d[1] for d in docs} == {35490}
    assert len({d[2] for d in docs}) == 1
    yaroslav = person_of(db, "rada", "15790")
    assert docs[0][2] != yaroslav
    assert db.execute(
        "select count(*) from person_sources where person_id = ? and source = 'nazk_declarations'",
        (yaroslav,),
    ).fetchone() == (0,)


def test_a_candidate_s_declaration_creates_a_person_others_stay_unlinked(db):
    (zelensky,) = declarations_of(db, "Зеленський Володимир Олександрович")
    assert zelensky[2] is not None
    assert db.execute(
        "select full_name from persons where person_id = ?", (zelensky[2],)
    ).fetchone() == ("Зеленський Володимир Олександрович",)
    unlinked = db.execute(
        "select count(*) from declarations "
        "where person_id is null and document_type = 'change notice'"
    ).fetchone()[0]
    assert unlinked == 8  # officials who are no MP or candidate the portal knows
    assert db.execute(
        "select count(*) from persons p join person_sources s using (person_id) "
        "where s.source_record_id = '13140'"
    ).fetchone() == (0,)


def test_no_hidden_marker_is_published(db):
    tables = [
        r[0]
        for r in db.execute(
            "select name from sqlite_master where type = 'table' and name like 'declar%'"
        )
    ]
    for table in tables:
        columns = [r[1] for r in db.execute(f"pragma table_info({table})")]
        for column in columns:
            marks = ",".join("?" * len(HIDDEN_MARKERS))
            found = db.execute(
                f"select count(*) from {table} where {column} in ({marks})", HIDDEN_MARKERS
            ).fetchone()[0]
            assert found == 0, (table, column)


def test_year_totals_match_the_rows(db):
    """declaration_year_totals against a sum over the published rows."""
    for document_id, currency, money in db.execute(
        "select document_id, currency_code, money_minor from declaration_year_totals"
    ).fetchall():
        expected = db.execute(
            "select sum(amount_minor) from declared_money where document_id = ? "
            "and currency_code = ?",
            (document_id, currency),
        ).fetchone()[0]
        assert money == expected


def test_the_change_from_the_previous_year_follows_the_person(db):
    """Poroshenko's 2015 document has no declarant id: the change is still computed, by person."""
    row = db.execute(
        "select previous_year, previous_money_minor, money_minor, money_change_minor "
        "from declaration_year_totals where declaration_year = 2017 and currency_code = 'UAH' "
        "and person_id = ?",
        (person_of(db, "rada", "2273"),),
    ).fetchone()
    assert row[0] == 2015 and row[3] == row[2] - row[1]


def test_canned_queries_answer_in_the_portal(portal):
    cash = httpx.get(f"{portal}/pamyat/mps_by_declared_cash.json?_shape=objects").json()
    names = {r["Депутат"] for r in cash["rows"]}
    assert {"Тарута Сергій Олексійович", "Порошенко Петро Олексійович"} <= names
    # Ranked on hryvnias at the official rate: Taruta's 5.15 M USD above 900 k UAH.
    ranked = [r["Депутат"] for r in cash["rows"]]
    assert ranked.index("Тарута Сергій Олексійович") < ranked.index("Порошенко Петро Олексійович")
    flags = httpx.get(f"{portal}/pamyat/declaration_red_flags.json?_shape=objects").json()
    assert all(r["Поріг"] and r["Правило"] for r in flags["rows"])
    found = httpx.get(
        f"{portal}/pamyat/person_declarations.json",
        params={"name": "Дубневич", "_shape": "objects"},
    ).json()
    assert {r["Вид"] for r in found["rows"]} == {"before dismissal", "after dismissal"}
