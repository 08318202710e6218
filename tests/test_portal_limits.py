"""Hostile or merely heavy requests against the real portal (the demo served by `pamyat serve`):
each is refused with a clear 4xx, bounded in what it costs, and never slows the pages others
read; CSV exports cannot carry a formula into a spreadsheet."""

import csv
import io
import json
import re
import sqlite3
import threading
import time

import httpx
import pytest

from conftest import served
from pamyat.spreadsheet import FORMULA_START


def test_a_search_word_bomb_is_refused_with_a_plain_page(portal):
    for query in ("a " * 500, "Порошенко " * 7, "x" * 101):
        response = httpx.get(f"{portal}/-/search", params={"q": query})
        assert response.status_code == 400
        assert "Запит задовгий" in response.text
        assert "SELECT" not in response.text and "Traceback" not in response.text
    found = httpx.get(f"{portal}/-/search", params={"q": "Порошенко Петро"})
    assert found.status_code == 200 and "/person/" in found.text


@pytest.mark.parametrize(
    "path", ["/person//feed.atom", "//feed.atom", "/pamyat//persons", "/person/x//", "//x.json"]
)
def test_a_path_with_an_empty_part_is_a_404_not_a_server_error(portal, path):
    """Datasette reads an empty part as a database named "" and fails (500) on it."""
    response = httpx.get(portal + path)
    assert response.status_code == 404
    assert "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("queries", "message"),
    [
        ("[1, 2]", "queries must be a JSON object of named queries"),
        ('"Петро"', "queries must be a JSON object of named queries"),
        ("null", "queries must be a JSON object of named queries"),
        ("{", "queries is not JSON"),
        ('{"q0": null}', "query 'q0' must be an object with a `query` string"),
        ('{"q0": {"query": ""}}', "query 'q0': `query` must be a name of 1 to 200 characters"),
        ('{"q0": {"query": "Петро", "limit": "abc"}}', "query 'q0': `limit` must be a whole"),
        ('{"q0": {"query": "Петро", "limit": 10000}}', "query 'q0': `limit` must be a whole"),
        ('{"q0": {"query": "Петро", "properties": "abc"}}', "`properties` must be a list"),
        ("[" * 100_000 + "]" * 100_000, "queries is not JSON"),
        (json.dumps({f"q{i}": {"query": "Петро"} for i in range(501)}), "at most 500 queries"),
    ],
)
def test_malformed_reconciliation_queries_get_a_400_saying_why(portal, queries, message):
    response = httpx.post(f"{portal}/pamyat/-/reconcile", data={"queries": queries})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_reconciliation_manifest_never_trusts_the_host_header(portal):
    manifest = httpx.get(f"{portal}/pamyat/-/reconcile", headers={"Host": "evil.example"}).json()
    assert "evil.example" not in json.dumps(manifest)
    assert manifest["identifierSpace"] == "http://127.0.0.1:8001/pamyat/persons"


def test_large_reconciliation_batches_do_not_stop_other_requests(portal, demo_data):
    """Four batches of 500 names are matched one after another in their own thread; a request
    made meanwhile is answered before they are all done (on the event loop it waited)."""
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        names = [n for (n,) in conn.execute("SELECT full_name FROM persons LIMIT 500")]
    batch = json.dumps({f"q{i}": {"query": name[:-1]} for i, name in enumerate(names)})
    finished = []

    def reconcile():
        response = httpx.post(f"{portal}/pamyat/-/reconcile", data={"queries": batch}, timeout=120)
        finished.append((time.monotonic(), response.status_code))

    batches = [threading.Thread(target=reconcile) for _ in range(4)]
    for thread in batches:
        thread.start()
    time.sleep(0.2)
    assert httpx.get(f"{portal}/-/versions.json", timeout=120).status_code == 200
    answered = time.monotonic()
    for thread in batches:
        thread.join(timeout=120)
    assert [status for _, status in finished] == [200] * 4
    assert answered < max(when for when, _ in finished)


def test_a_huge_value_fails_at_once_and_a_huge_answer_is_refused(portal):
    blob = httpx.get(f"{portal}/pamyat.json", params={"sql": "select hex(zeroblob(200000000))"})
    assert blob.status_code == 400 and blob.json()["error"] == "string or blob too big"
    big = httpx.get(
        f"{portal}/pamyat.json",
        params={"sql": "select hex(randomblob(400000)) from persons limit 60"},
        timeout=60,
    )
    assert big.status_code == 413
    assert "larger than 25 MB" in big.text


def test_a_person_page_is_answered_while_heavy_sql_holds_every_sql_thread(demo_data):
    """On a server of its own: after a "string or blob too big" error a page has been seen to
    wait seconds for heavy SQL, cause not yet found (see the hardening issue's note)."""
    with served(demo_data) as portal:
        _page_beside_heavy_sql(portal, demo_data)


def _page_beside_heavy_sql(portal, demo_data):
    # Counts for ever: Datasette's 3-second limit stops it.
    heavy = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        (person,) = conn.execute("SELECT person_id FROM persons LIMIT 1").fetchone()
    ended = []

    def run_heavy():
        httpx.get(f"{portal}/pamyat.json", params={"sql": heavy}, timeout=60)
        ended.append(time.monotonic())

    threads = [threading.Thread(target=run_heavy) for _ in range(3)]  # Datasette's 3 threads
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    page = httpx.get(f"{portal}/person/{person}", timeout=60)
    answered = time.monotonic()
    for thread in threads:
        thread.join(timeout=60)
    assert page.status_code == 200
    assert answered < min(ended)


def test_csv_exports_carry_no_formula_into_a_spreadsheet(portal, demo_data):
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        purposes = [p for (p,) in conn.execute("SELECT purpose FROM party_expenditures")]
    number = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?")  # a number is no formula: kept
    dangerous = [
        p for p in purposes if p and p.startswith(FORMULA_START) and not number.fullmatch(p)
    ]
    assert len(dangerous) > 100  # real report rows: "+380…" phone numbers, "=…", "-…"
    response = httpx.get(
        f"{portal}/pamyat/party_expenditures.csv",
        params={"_stream": "on", "_size": "max", "_col": "purpose"},
        timeout=120,
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    exported = [r["purpose"] for r in rows]
    assert len(exported) == len(purposes)
    assert not [p for p in exported if p.startswith(FORMULA_START) and not number.fullmatch(p)]
    assert sorted(p for p in exported if p.startswith("'")) == sorted(
        ["'" + p for p in dangerous] + [p for p in purposes if p and p.startswith("'")]
    )
    spreadsheet = httpx.get(f"{portal}/pamyat/persons.csv", params={"_bom": "1", "_size": "5"})
    assert spreadsheet.content.startswith("\ufeffperson_id,".encode())
