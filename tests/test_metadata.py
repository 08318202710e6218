"""metadata.yml describes every published table and column, and is what the schema generates."""

import sqlite3

from etl.publish import metadata
from etl.publish.database import described_problems
from pamyat import config


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
