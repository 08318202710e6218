"""A running portal answers every request from one database version, and moves to a new build
within seconds, under load, with no failed request: a table's count always matches its rows,
a CSV export streamed across a swap is one version's rows, and reconciliation matches against
the new persons without a restart."""

import csv
import io
import json
import os
import shutil
import sqlite3
import threading
import time

import httpx

from conftest import served
from pamyat.portal.versions import POLL_SECONDS

SWAPS = 3
SECONDS_BETWEEN = 7.0
# A new version is served within the poll and the time to count its rows.
MOVES_WITHIN = POLL_SECONDS + 3.0


def publish(data, version):
    """Put a database in place as `pamyat build` does: a new file renamed over the old."""
    temporary = data / "pamyat.db.swap.tmp"
    shutil.copy(version, temporary)
    os.replace(temporary, data / "pamyat.db")


def ids(path, sql):
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute(sql)}


def test_one_version_per_request_under_load(demo_data, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(demo_data / "pamyat.db", a)
    shutil.copy(a, b)
    with sqlite3.connect(b) as conn:  # version B: fewer runs and half the persons
        conn.execute("DELETE FROM ingest_runs WHERE source IN ('rada', 'cec', 'media')")
        conn.execute("DELETE FROM persons WHERE rowid % 2 = 0")
    runs = {len(ids(a, "SELECT run_id || source FROM ingest_runs")): "a",
            len(ids(b, "SELECT run_id || source FROM ingest_runs")): "b"}  # fmt: skip
    persons = {
        "a": ids(a, "SELECT person_id FROM persons"),
        "b": ids(b, "SELECT person_id FROM persons"),
    }
    assert len(runs) == 2
    only_in_a = sorted(persons["a"] - persons["b"])[0]
    with sqlite3.connect(a) as conn:
        (gone_name,) = conn.execute(
            "SELECT full_name FROM persons WHERE person_id = ?", [only_in_a]
        ).fetchone()
    publish(data, a)
    answers, streams, failures, stop = [], [], [], threading.Event()

    def read_tables():
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                begun = time.monotonic()
                r = client.get(f"{url}/pamyat/ingest_runs.json", params={"_size": "max"})
                if r.status_code != 200:
                    failures.append(r.status_code)
                    continue
                body = r.json()
                answers.append((begun, body["filtered_table_rows_count"], len(body["rows"])))

    def stream_persons():
        with httpx.Client(timeout=60) as client:
            while not stop.is_set():
                r = client.get(
                    f"{url}/pamyat/persons.csv",
                    params={"_stream": "on", "_size": "50", "_col": "full_name"},
                )
                if r.status_code != 200:
                    failures.append(r.status_code)
                    continue
                streams.append({row["person_id"] for row in csv.DictReader(io.StringIO(r.text))})

    with served(data) as url:
        readers = [threading.Thread(target=read_tables) for _ in range(3)]
        readers.append(threading.Thread(target=stream_persons))
        for thread in readers:
            thread.start()
        swaps = []
        for number in range(SWAPS):
            time.sleep(SECONDS_BETWEEN)
            version = b if number % 2 == 0 else a
            publish(data, version)
            swaps.append((time.monotonic(), "b" if version == b else "a"))
        time.sleep(MOVES_WITHIN + 1)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        reconciled = httpx.post(
            f"{url}/pamyat/-/reconcile", data={"queries": json.dumps({"q": {"query": gone_name}})}
        ).json()

    assert failures == []
    assert len(answers) > 100 and len(streams) >= 3
    mixed = [(count, rows) for _, count, rows in answers if count != rows]
    assert mixed == []  # the count and the rows of one page are of one version
    assert all(stream in (persons["a"], persons["b"]) for stream in streams)
    for (when, version), following in zip(swaps, [*swaps[1:], (float("inf"), None)], strict=True):
        settled = [
            runs[rows] for begun, _, rows in answers if when + MOVES_WITHIN <= begun < following[0]
        ]
        assert settled and set(settled) == {version}
    # The last version (B) has no such person: the matcher moved with it.
    assert only_in_a not in {r["id"] for r in reconciled["q"]["result"]}
