"""`pamyat build` on the real crawl: figures checked against counts computed independently from
the real MPs file, full-text search, stable ids, and a failed build that changes nothing."""

import csv
import shutil
import sqlite3

import pytest

from etl.publish import metadata
from pamyat.build import BuildError, build
from pamyat.core.issues import DataIssues
from scrapers.rada import reader as rada_reader


@pytest.fixture(scope="module")
def sample_rows(samples) -> list[dict]:
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def scalar(db, sql, *params):
    return db.execute(sql, params).fetchone()[0]


def test_counts_match_the_source_file(db, sample_rows):
    mps = "select person_id from person_sources where source = 'rada'"
    assert (
        scalar(db, f"select count(*) from persons where person_id in ({mps})")
        == len(sample_rows)
        == 436
    )
    assert scalar(
        db, f"select count(*) from persons where gender = 'female' and person_id in ({mps})"
    ) == sum(r["gender"] == "2" for r in sample_rows)
    assert scalar(db, "select count(*) from memberships where role = 'народний депутат'") == 436
    assert scalar(db, "select count(*) from memberships where district_number is not null") == sum(
        bool(r["district_num"]) for r in sample_rows
    )
    assert scalar(db, "select count(*) from memberships where end_date is not null") == sum(
        bool(r["date_end"]) for r in sample_rows
    )
    assert scalar(db, "select count(*) from memberships where role = 'член партії'") == sum(
        r["party_id"] not in ("", "50") for r in sample_rows
    )
    assert scalar(db, "select count(*) from person_sources where source = 'rada'") == 436


def test_a_named_mp_field_by_field(db):
    row = db.execute(
        "select p.full_name, last_name, first_name, patronymic, full_name_latin, birth_date, "
        "gender, photo_url, s.source_record_id, s.page_url, s.source_url from persons p "
        "join person_sources s using (person_id) where s.source_record_id = '11728'"
    ).fetchone()
    assert row == (
        "Євтушок Сергій Миколайович",
        "Євтушок",
        "Сергій",
        "Миколайович",
        "Yevtushok Serhii Mykolaiovych",
        "1973-11-13",
        "male",
        "http://static.rada.gov.ua/dep_img9/but25.jpg",
        "11728",
        "http://itd.rada.gov.ua/mps/info/page/11728",
        "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv",
    )
    mandate = db.execute(
        "select organization_id, start_date, end_date, district_number, list_party_id, "
        "list_position from memberships where source_record_id = '11728' "
        "and role = 'народний депутат'"
    ).fetchone()
    assert mandate == (
        "rada-9",
        "2020-06-30",
        None,
        None,
        "vseukrainske-obiednannia-batkivshchyna",
        25,
    )
    assert (
        scalar(
            db,
            "select party_id from memberships where source_record_id = '11728' "
            "and role = 'член партії'",
        )
        == "vseukrainske-obiednannia-batkivshchyna"
    )


def test_district_mp_and_missing_patronymic(db):
    assert db.execute(
        "select patronymic, full_name_latin from persons where full_name = 'Джемілєв Мустафа'"
    ).fetchone() == (None, "Dzhemiliev Mustafa")
    assert db.execute(
        "select district_number, region from memberships m join person_sources s "
        "using (source, source_record_id) join persons p on p.person_id = s.person_id "
        "where p.full_name like 'Єфімов Максим%' and role = 'народний депутат'"
    ).fetchone() == (48, "Донецька область")


@pytest.mark.parametrize(
    "query",
    [
        "Yevtushok",
        "yevtushok",
        "Євтушок",
        "ЄВТУШОК",
        "євтушок сергій",
        "Serhiy Yevtushok",
        "Ievtushok",
    ],
)
def test_full_text_search_finds_the_mp_in_both_scripts(db, query):
    quoted = " ".join(f'"{word}"' for word in query.split())
    found = db.execute(
        "select full_name from persons where rowid in (select rowid from "
        "persons_fts where persons_fts match ?)",
        (quoted,),
    ).fetchall()
    expected = {"Євтушок Сергій Миколайович"}
    if len(query.split()) == 1:  # the surname alone also finds a 2019 candidate
        expected.add("Євтушок Олександр Петрович")
    assert {name for (name,) in found} == expected


@pytest.mark.parametrize("query", ["Ар'єв", "Ар’єв", "Арʼєв", "Арєв", "Ariev"])
def test_search_ignores_the_apostrophe_used(db, query):
    found = db.execute(
        "select full_name from persons where rowid in (select rowid from "
        "persons_fts where persons_fts match ?)",
        (f'"{query}"',),
    ).fetchall()
    assert found == [("Ар'єв Володимир Ігорович",)]


def test_parties_are_one_row_each(db, sample_rows):
    rada_codes = {r["party_id"] for r in sample_rows} - {"", "50"}
    assert {
        c
        for (c,) in db.execute(
            "select rada_party_code from parties where rada_party_code is not null"
        )
    } == rada_codes
    assert scalar(db, "select name from parties where party_id = 'sluha-narodu'") == (
        'ПОЛІТИЧНА ПАРТІЯ "СЛУГА НАРОДУ"'
    )


def test_ingest_run_is_recorded(db, sample_rows, samples):
    def rows(name, delimiter=","):
        with open(samples / "rada" / name, encoding="utf-8", newline="") as f:
            return sum(1 for _ in csv.DictReader(f, delimiter=delimiter))

    pages = len(list((samples / "rada").glob("ns_golos_print_g_id_*.html")))
    expected = (
        len(sample_rows)
        + rows("mp-posts_full-skl9.csv")
        + rows("plenary_register_mps-skl9.tsv", "\t")
        + 3 * pages
    )
    assert db.execute(
        "select source, status, records, is_published from ingest_runs where source = 'rada'"
    ).fetchall() == [("rada", "ok", expected, 1)]


@pytest.fixture
def crawled(data_dir, demo_data):
    """A data folder holding the demo's raw crawl, to build in-process."""
    shutil.copytree(demo_data / "raw", data_dir / "raw")
    return data_dir


def test_person_ids_are_stable_across_rebuilds(crawled, demo_data):
    def ids(path):
        with sqlite3.connect(path) as conn:
            return dict(conn.execute("select source_record_id, person_id from person_sources"))

    build()
    assert ids(crawled / "pamyat.db") == ids(demo_data / "pamyat.db")


def test_a_failed_build_leaves_the_published_database_untouched(crawled, monkeypatch):
    build()
    published = (crawled / "pamyat.db").read_bytes()
    model = (crawled / "identity_model.json").read_bytes()
    described = metadata.load()
    del described["databases"]["pamyat"]["tables"]["persons"]["columns"]["birth_date"]
    monkeypatch.setattr(metadata, "load", lambda: described)
    with pytest.raises(BuildError, match="column persons.birth_date is not described"):
        build()
    assert (crawled / "pamyat.db").read_bytes() == published
    assert (crawled / "identity_model.json").read_bytes() == model
    assert sorted(p.name for p in crawled.iterdir()) == ["identity_model.json", "pamyat.db", "raw"]


def test_build_without_any_crawl_says_what_to_run(data_dir):
    with pytest.raises(BuildError, match="run `pamyat crawl rada`"):
        build()


def test_normalize_reports_bad_values_and_keeps_the_record(sample_rows):
    row = dict(sample_rows[0], birthday="31.02.1973", gender="3", last_name="Євтушoк")
    record = {
        "kind": "mp",
        "source": "rada",
        "source_record_id": row["id"],
        "source_url": "u",
        "run_id": "r",
        "fields": row,
    }
    issues = DataIssues()
    frames = rada_reader.normalize([record], issues)
    person = frames["person_records"].iloc[0]
    assert person["last_name"] == "Євтушок" and person["birth_date"] is None
    assert person["gender"] is None
    assert {(i["record_id"], i["field"]) for i in issues.rows} == {
        ("11728", "birthday"),
        ("11728", "gender"),
        ("11728", "last_name"),
    }


def test_posts_become_memberships_of_typed_bodies(db, samples):
    with open(samples / "rada" / "mp-posts_full-skl9.csv", encoding="utf-8", newline="") as f:
        posts = list(csv.DictReader(f))
    with_body = [p for p in posts if p["unit_name"]]
    assert (
        scalar(
            db,
            "select count(*) from memberships m join organizations o using "
            "(organization_id) where o.organization_type != 'parliament'",
        )
        == len(with_body)
        == 3480
    )
    assert scalar(
        db, "select count(*) from organizations where organization_type != 'parliament'"
    ) == len({p["unit_name"] for p in with_body})
    assert scalar(db, "select count(*) from memberships where person_id is null") == 0
    assert scalar(
        db, "select count(*) from data_issues where problem = 'post without a body, skipped'"
    ) == len(posts) - len(with_body)


BATKIVSHCHYNA_FACTION = (
    'Фракція політичної партії Всеукраїнське об\'єднання "Батьківщина" у Верховній Раді '
    "України дев'ятого скликання"
)


def test_a_named_mp_s_faction_and_committee(db):
    rows = db.execute(
        "select o.organization_type, o.name, m.role, o.party_id from memberships m "
        "join organizations o using (organization_id) join person_sources s "
        "on s.person_id = m.person_id where s.source_record_id = '386' "
        "and o.organization_type in ('faction', 'committee') order by 1"
    ).fetchall()
    assert rows == [
        (
            "committee",
            "Комітет Верховної Ради України з питань правової політики",
            "Член Комітету Верховної Ради України",
            None,
        ),
        (
            "faction",
            BATKIVSHCHYNA_FACTION,
            "Заступник голови депутатської фракції",
            "vseukrainske-obiednannia-batkivshchyna",
        ),
    ]


def test_every_body_has_a_known_type(db):
    assert scalar(db, "select count(*) from organizations where organization_type = 'other'") == 0
