"""Events, feeds and a page's past (fast tier: small databases made here)."""

import sqlite3

import feedparser
import pytest

from etl.publish import changes, events, history
from etl.publish.schema import TABLES_BY_NAME
from pamyat.portal.feeds import atom
from pamyat.portal.words import catalogue
from scrapers.nazk_party_reports.receipts import DONATIONS


def test_the_sql_record_key_is_the_one_the_history_keeps():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE memberships (source, source_record_id, role, organization_id, party_id)"
    )
    row = {"source": "rada", "source_record_id": "18090:ab", "role": "Член", "organization_id": 7}
    conn.execute("INSERT INTO memberships VALUES (?, ?, ?, ?, NULL)", list(row.values()))
    (by_sql,) = conn.execute(
        f"SELECT {changes.key_sql('memberships', 'm')} FROM memberships m"
    ).fetchone()
    assert (
        by_sql == changes.record_key(row, changes.TRACKED["memberships"]) == "rada|18090:ab|Член|7|"
    )


def test_every_fact_that_makes_an_event_has_its_words():
    settings = events.config()
    fields = catalogue()["codes"]["fact_field"]
    for table, columns in settings["fact_fields"].items():
        assert set(columns) <= {c.name for c in TABLES_BY_NAME[table].columns}, table
        assert set(columns) <= set(fields), table
    assert tuple(settings["donation_receipt_classes"]) == DONATIONS


def _published(tmp_path):
    """A published database of one person's memberships and their history."""
    path = tmp_path / "pamyat.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE memberships (membership_id INTEGER, person_id TEXT, role TEXT, "
        "organization_id TEXT, party_id TEXT, source TEXT, source_record_id TEXT, "
        "list_position INTEGER)"
    )
    conn.execute(
        "CREATE TABLE changes (change_id INTEGER PRIMARY KEY, table_name, record_key, change_type, "
        "field, old_value, new_value, source, run_id, person_id, party_id, detected_at)"
    )
    rows = [
        # Now: she sits in group B (joined on the 10th) with place 3 (was 5 until the 12th);
        # a seat moved to her from another person on the 11th.
        (1, "p1", "member", "group-b", None, "rada", "r1", 3),
        (2, "p1", "member", "committee", None, "rada", "r3", None),
    ]
    conn.executemany("INSERT INTO memberships VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    history_rows = [
        ("memberships", "rada|r2|member|faction-a|", "removed", None,
         '{"person_id": "p1", "role": "member", "organization_id": "faction-a", "source": "rada", '
         '"source_record_id": "r2", "list_position": 9}', None, "p1", "2026-01-10T02:00:00Z"),
        ("memberships", "rada|r1|member|group-b|", "added", None, None, "{}", "p1",
         "2026-01-10T02:00:00Z"),
        ("memberships", "rada|r3|member|committee|", "changed", "person_id", "p2", "p1", "p1",
         "2026-01-11T02:00:00Z"),
        ("memberships", "rada|r1|member|group-b|", "changed", "list_position", "5", "3", "p1",
         "2026-01-12T02:00:00Z"),
    ]  # fmt: skip
    conn.executemany(
        "INSERT INTO changes (table_name, record_key, change_type, field, old_value, new_value, "
        "person_id, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        history_rows,
    )
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-01-09", {("faction-a", 9)}),
        ("2026-01-10", {("group-b", 5)}),
        ("2026-01-11", {("group-b", 5), ("committee", None)}),
        ("2026-01-12", {("group-b", 3), ("committee", None)}),
    ],
)
def test_her_rows_are_rebuilt_as_they_stood_on_a_day(tmp_path, day, expected):
    conn = history.open_beside(_published(tmp_path))
    history.rebuild(
        conn, "memberships", "person_id = :person", {"person": "p1"}, f"{day}T23:59:59Z"
    )
    found = {
        (r["organization_id"], r["list_position"])
        for r in conn.execute("SELECT * FROM memberships")
    }
    assert found == expected


def test_a_row_that_moved_to_her_was_someone_else_s_before(tmp_path):
    conn = history.open_beside(_published(tmp_path))
    history.rebuild(
        conn, "memberships", "person_id = :person", {"person": "p2"}, "2026-01-10T23:59:59Z"
    )
    assert [r["organization_id"] for r in conn.execute("SELECT * FROM memberships")] == [
        "committee"
    ]


def test_a_feed_is_well_formed_atom_with_stable_ids_and_escaped_text():
    event = {
        "event_id": "news:42|p1",
        "title": "<script>alert(1)</script> headline",
        "text": "mentioned by <b>outlet</b>",
        "learned_at": "2026-12-02T02:00:00Z",
        "happened_date": "2026-11-30T10:16:21Z",
        "person_id": "p1",
        "full_name": "Петренко Олена",
        "source_url": "javascript:alert(2)",
    }
    body = atom(
        "person/p1", "Pamyat: Петренко", "/person/p1", "/person/p1/feed.atom", [event], "uk", None
    )
    parsed = feedparser.parse(body)
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.id.endswith(":event/news:42%7Cp1")
    assert (
        atom("person/p1", "x", "/person/p1", "/f", [event], "en", None).count(entry.id.encode())
        == 1
    )
    assert entry.title == event["title"]
    assert "<script>" not in body.decode() and "javascript:" not in body.decode()
    assert entry.link.endswith("/person/p1") and entry.published.startswith("2026-11-30")
