"""metadata.yml describes every published table and column, and is what the schema generates."""

import re
import sqlite3

import httpx
import pytest

from etl.publish import metadata
from etl.publish.database import described_problems
from pamyat.core import config, sources


def test_committed_metadata_is_what_the_schema_generates():
    committed = config.metadata_path().read_text(encoding="utf-8")
    assert committed == metadata.render(), "metadata.yml is stale: run `pamyat metadata`"


def test_every_table_and_column_of_the_built_database_is_described(demo_data):
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        assert described_problems(conn, metadata.load()) == []
        tables = {
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type in ('table', 'view')"
            )
        }
    described = set(metadata.load()["databases"]["pamyat"]["tables"])
    assert described <= tables
    assert {"persons", "person_sources", "parties"} <= described


def test_an_undescribed_table_is_caught(demo_data, tmp_path):
    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_data / "pamyat.db") as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("create table secrets (tax_number text)")
        assert described_problems(target, metadata.load()) == ["table secrets is not described"]


def test_every_table_names_its_source_and_licence():
    tables = metadata.load()["databases"]["pamyat"]["tables"]
    for table in tables.values():
        assert table["source"] and table["license"]
        assert table["license_url"].startswith("https://")
    for name in ("persons", "memberships", "parties"):
        assert "Verkhovna Rada" in tables[name]["source"]


def test_every_description_is_in_english_and_ukrainian():
    generated = metadata.generate()
    tables = generated["databases"]["pamyat"]["tables"]
    queries = generated["databases"]["pamyat"]["queries"]
    for entry in (generated, *tables.values(), *queries.values()):
        english, ukrainian = entry["description_html"].split('</p><p lang="uk">')
        assert english.startswith('<p lang="en">') and re.search("[а-яіїєґ]", ukrainian, re.I)
    for table in tables.values():
        for text in table["columns"].values():
            english, _, ukrainian = text.partition(" / ")
            assert english and ukrainian, text
    for query in queries.values():
        assert re.search("[а-яіїєґ]", query["title"].split(" / ")[1], re.I)


def test_a_column_without_its_field_or_a_stale_description_is_refused(monkeypatch):
    complete = metadata.fields()
    monkeypatch.setattr(
        metadata, "fields", lambda: {k: v for k, v in complete.items() if k != "last_name"}
    )
    with pytest.raises(metadata.UndescribedSchema, match="persons.last_name is not described"):
        metadata.generate()
    shoe = {"en": "Shoe size", "uk": "Розмір взуття"}
    monkeypatch.setattr(metadata, "fields", lambda: {**complete, "shoe_size": shoe})
    with pytest.raises(metadata.UndescribedSchema, match="field shoe_size"):
        metadata.generate()
    words = {**complete, "gender": {**complete["gender"], "by_table": {"votes": shoe}}}
    monkeypatch.setattr(metadata, "fields", lambda: words)
    with pytest.raises(metadata.UndescribedSchema, match="field gender for table votes"):
        metadata.generate()


def test_a_field_described_by_two_files_is_refused(monkeypatch, tmp_path):
    twice = tmp_path / "fields.yml"
    twice.write_text("fields:\n  person_id: {en: The MP, uk: Депутат}\n", encoding="utf-8")
    files = [*metadata.description_files(), twice]
    monkeypatch.setattr(metadata, "description_files", lambda: files)
    with pytest.raises(metadata.UndescribedSchema, match="field person_id is described twice"):
        metadata.fields.__wrapped__()


def test_a_source_s_own_fields_and_tables_are_described_in_its_folder():
    generated = metadata.generate()["databases"]["pamyat"]["tables"]
    own = metadata._load(sources.SCRAPERS_DIR / "rada" / "fields.yml")
    assert "option" in own["fields"] and "option" not in metadata._load(metadata.FIELDS)
    assert generated["votes"]["columns"]["option"].startswith(own["fields"]["option"]["en"])
    assert own["tables"]["votes"] in generated["votes"]["description_html"]


def test_a_table_without_its_ukrainian_is_refused(monkeypatch):
    complete = metadata.ukrainian()
    tables = {k: v for k, v in complete["tables"].items() if k != "persons"}
    monkeypatch.setattr(metadata, "ukrainian", lambda: {**complete, "tables": tables})
    with pytest.raises(metadata.UndescribedSchema, match="no Ukrainian .* for tables 'persons'"):
        metadata.generate()


def test_a_field_has_one_description_wherever_it_is_published():
    """Fields declared once: a column name reads the same in every table and view, but where
    its field says it means something else in that table."""
    tables = metadata.generate()["databases"]["pamyat"]["tables"]
    texts: dict[str, set[str]] = {}
    for table, entry in tables.items():
        for name, text in entry["columns"].items():
            if table not in metadata.fields()[name].get("by_table", {}):
                texts.setdefault(name, set()).add(text)
    assert {name: t for name, t in texts.items() if len(t) > 1} == {}
    assert len(tables["persons"]["columns"]["person_id"].split(" / ")) == 2
    assert tables["votes"]["columns"]["person_id"] == tables["candidacies"]["columns"]["person_id"]


def test_the_portal_describes_tables_and_columns_in_the_page_s_language(portal):
    """Both languages are in the metadata; a page shows the one it is in (Ukrainian first,
    English by the switch's cookie)."""
    generated = metadata.generate()["databases"]["pamyat"]["tables"]["persons"]
    surname = generated["columns"]["last_name"]
    english, ukrainian = surname.split(" / ")
    page = httpx.get(f"{portal}/pamyat/persons").text
    assert "хоч би які джерела її згадували" in page
    assert "whichever sources mention her" not in page
    assert f"<dd>{ukrainian}</dd>" in page and surname not in page
    assert generated["source_uk"] in page and generated["license_uk"] in page
    english_page = httpx.get(f"{portal}/pamyat/persons", cookies={"pamyat_lang": "en"}).text
    assert "whichever sources mention her" in english_page
    assert "хоч би які джерела її згадували" not in english_page
    assert f"<dd>{english}</dd>" in english_page
    assert generated["source"] in english_page
    home = httpx.get(f"{portal}/").text
    assert "Відкриті дані про українських політиків" in home
