"""`pamyat nightly` as cron runs it, against the real mirror server with injected faults: what
was published is never lost, every failure is reported, the other sources are updated, and the
`changes` table and the morning report show exactly what changed."""

import json
import os
import shutil
import sqlite3
import subprocess
import threading
import time

import httpx
import pytest
from mirror_variants import MPS_KEY, MPS_URL, variant

from conftest import PAMYAT, run_pamyat, served
from etl.publish.schema import TABLES
from pamyat.mirror.server import MirrorServer

# A crawl test ends within a minute (its fixtures aside), or fails.
pytestmark = pytest.mark.timeout(60, func_only=True)

FAST = {"PAMYAT_DOWNLOAD_TIMEOUT": "1"}


@pytest.fixture(scope="module")
def published(mirror_root, tmp_path_factory):
    """A data folder after one good nightly of the Rada."""
    folder = tmp_path_factory.mktemp("published") / "data"
    folder.mkdir()
    with MirrorServer(mirror_root) as server:
        run_pamyat(folder, "nightly", "rada", "--mirror", server.url)
    return folder


@pytest.fixture
def data(published, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(published, folder)
    return folder


def nightly(data, url, *sources, env=None):
    return run_pamyat(
        data, "nightly", *(sources or ("rada",)), "--mirror", url, check=False, env=env
    )


def report(data) -> dict:
    return json.loads(sorted((data / "reports").glob("*.json"))[-1].read_text())


def query(data, sql, *args):
    with sqlite3.connect(f"file:{data / 'pamyat.db'}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def test_a_second_nightly_on_unchanged_sources_changes_nothing(data, mirror_root):
    with MirrorServer(mirror_root) as server:
        result = nightly(data, server.url)
    assert result.returncode == 0, result.stderr
    assert "No record was added, changed or removed." in result.stdout
    assert report(data)["changes"] == []
    assert query(data, "select count(*) from changes") == [(0,)]
    assert (data / "pamyat.previous.db").is_file()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("http500", f"rada: GET {MPS_URL} failed: HTTP 500"),
        ("timeout", f"rada: GET {MPS_URL} failed:"),
        ("truncate", f"rada: GET {MPS_URL} failed:"),
        ("empty", f"rada: {MPS_URL}: the response is empty"),
    ],
)
def test_a_failing_source_keeps_what_was_published(data, mirror_root, fault, message):
    published_run = query(data, "select run_id from ingest_runs where is_published = 1")
    with MirrorServer(mirror_root) as server:
        server.timeout_seconds = 5
        server.inject(MPS_KEY, fault)
        result = nightly(data, server.url, env=FAST)
    assert result.returncode == 1
    assert message in result.stdout
    assert "rada failed: its last good data stays published" in result.stdout
    morning = report(data)
    assert morning["status"] == "failed"
    (rada,) = morning["sources"]
    assert rada["status"] == "failed" and rada["published_run"] == published_run[0][0]
    assert any(message in failure for failure in rada["failures"])
    # Rebuilt from the same good run: the same facts, nothing changed.
    assert morning["changes"] == []
    assert query(data, "select count(*) from persons") == [(436,)]


def test_a_wrong_charset_label_is_read_right_and_reported(data, mirror_root):
    with MirrorServer(mirror_root) as server:
        server.inject(MPS_KEY, "wrong-charset")
        result = nightly(data, server.url)
    assert result.returncode == 0, result.stdout
    (rada,) = report(data)["sources"]
    assert rada["data_issues"] >= 1
    assert query(
        data,
        "select full_name from persons where person_id in "
        "(select person_id from person_sources where source_record_id = '11728')",
    ) == [("Євтушок Сергій Миколайович",)]
    assert report(data)["changes"] == []


def test_a_removed_column_fails_the_source(data, mirror_root, tmp_path):
    def without_birthday(rows):
        return [{k: v for k, v in row.items() if k != "birthday"} for row in rows]

    with variant(mirror_root, tmp_path, without_birthday) as server:
        result = nightly(data, server.url)
    assert result.returncode == 1
    assert "required columns missing: birthday" in result.stdout
    assert query(data, "select count(*) from persons where birth_date is not null") == [(436,)]


def test_a_run_that_lost_a_third_of_the_mps_is_refused(data, mirror_root, tmp_path):
    with variant(mirror_root, tmp_path, lambda rows: rows[: len(rows) // 2]) as server:
        result = nightly(data, server.url)
    assert result.returncode == 1
    assert "218 mp records, 50% fewer than the last good run's 436" in result.stdout
    assert query(data, "select count(*) from persons") == [(436,)]


def test_a_source_change_shows_in_the_report_and_the_changes_table(data, mirror_root, tmp_path):
    """One MP's birth date corrected, another MP gone from the file: exactly those changes."""
    gone = {}

    def rewrite(rows):
        rows = [dict(r) for r in rows]
        next(r for r in rows if r["id"] == "11728")["birthday"] = "02.01.1980"
        gone["id"] = rows[-1]["id"]
        return rows[:-1]

    def person_of(record_id):
        return query(
            data,
            "select p.person_id, p.birth_date from persons p join person_sources s "
            "using (person_id) where s.source = 'rada' and s.source_record_id = ?",
            record_id,
        )[0]

    with variant(mirror_root, tmp_path, rewrite) as server:
        yevtushok, birth = person_of("11728")
        gone_person, _ = person_of(gone["id"])
        gone_memberships = query(
            data, "select count(*) from memberships where person_id = ?", gone_person
        )[0][0]
        result = nightly(data, server.url)
    assert result.returncode == 0, result.stdout
    assert query(
        data,
        "select old_value, new_value from changes where table_name = 'persons' "
        "and record_key = ? and field = 'birth_date'",
        yevtushok,
    ) == [(birth, "1980-01-02")]
    assert query(
        data,
        "select change_type from changes where table_name = 'persons' and record_key = ?",
        gone_person,
    ) == [("removed",)]
    counts = {(c["source"], c["table"]): c for c in report(data)["changes"]}
    persons = counts["all sources", "persons"]
    assert (persons["added"], persons["changed"], persons["removed"]) == (0, 1, 1)
    assert counts["rada", "memberships"]["removed"] == gone_memberships > 0
    assert f"persons {yevtushok} changed birth_date: {birth!r} → '1980-01-02'" in result.stdout


def test_a_broken_source_publishes_the_others(data, mirror_root):
    """The Rada fails, the CEC is new: the CEC is published, the Rada's last good run stays."""
    with MirrorServer(mirror_root) as server:
        server.inject(MPS_KEY, "http500")
        result = nightly(data, server.url, "rada", "cec")
    assert result.returncode == 1
    by_source = {s["source"]: s for s in report(data)["sources"]}
    assert by_source["rada"]["status"] == "failed" and by_source["rada"]["published_run"]
    assert by_source["cec"]["status"] == "ok"
    assert by_source["cec"]["published_run"] == by_source["cec"]["run_id"]
    assert query(data, "select count(*) from candidacies")[0][0] > 4000
    assert query(
        data,
        "select count(*) from persons where person_id in "
        "(select person_id from person_sources where source = 'rada')",
    ) == [(436,)]


def test_a_killed_crawl_and_a_killed_build_leave_the_database_intact(data, mirror_root):
    before = (data / "pamyat.db").read_bytes()
    env = {"PAMYAT_DATA_DIR": str(data)}
    with MirrorServer(mirror_root) as server:
        server.timeout_seconds = 60
        server.inject(MPS_KEY, "timeout")  # the crawl hangs on the MP file: kill it there
        crawl = subprocess.Popen(
            [*PAMYAT, "crawl", "rada", "--mirror", server.url], env={**os.environ, **env}
        )
        deadline = time.monotonic() + 60  # killed writing its records, hung on the MP file
        while not (
            list((data / "raw" / "rada").glob("*.jsonl.part")) and MPS_KEY in server.requests
        ):
            assert time.monotonic() < deadline, "the crawl never reached the MP file"
            time.sleep(0.1)
        crawl.kill()
        crawl.wait()
    assert list((data / "raw" / "rada").glob("*.jsonl.part"))  # what it had, kept aside
    build = subprocess.Popen([*PAMYAT, "build"], env={**os.environ, **env})
    deadline = time.monotonic() + 120  # killed while it writes the new database
    while not list(data.glob("pamyat.db.*.tmp")):
        assert time.monotonic() < deadline and build.poll() is None, "no temporary database"
        time.sleep(0.05)
    build.kill()
    build.wait()
    assert list(data.glob("pamyat.db.*.tmp"))  # left behind by the killed build
    assert (data / "pamyat.db").read_bytes() == before
    with MirrorServer(mirror_root) as server:
        result = nightly(data, server.url)
    assert result.returncode == 0
    assert "## Interrupted crawls" in result.stdout
    assert len(report(data)["interrupted_runs"]) == 1
    assert not list(data.glob("pamyat.db.*.tmp"))
    assert query(data, "select count(*) from persons") == [(436,)]


def test_rollback_puts_the_previous_database_back(data, mirror_root):
    with MirrorServer(mirror_root) as server:
        nightly(data, server.url)
    current = (data / "pamyat.db").read_bytes()
    previous = (data / "pamyat.previous.db").read_bytes()
    run_pamyat(data, "rollback")
    assert (data / "pamyat.db").read_bytes() == previous
    assert (data / "pamyat.previous.db").read_bytes() == current


def test_datasette_reading_during_swaps_never_sees_a_broken_database(data):
    with served(data) as url:
        answers, stop = [], threading.Event()

        def read():
            with httpx.Client(timeout=30) as client:
                while not stop.is_set():
                    r = client.get(
                        url + "/pamyat.json", params={"sql": "select count(*) as n from persons"}
                    )
                    answers.append(
                        (
                            r.status_code,
                            r.json().get("rows") if r.status_code == 200 else r.text[:200],
                        )
                    )

        readers = [threading.Thread(target=read) for _ in range(3)]
        for t in readers:
            t.start()
        for _ in range(2):
            run_pamyat(data, "build")
        stop.set()
        for t in readers:
            t.join()
    assert len(answers) > 20
    assert {a for a in answers if a[0] != 200} == set()
    assert {tuple(map(tuple, rows)) for _, rows in answers} == {((436,),)}


def test_the_report_says_where_the_build_s_time_went(published):
    """Each stage with its seconds, items and peak memory; the items are checked against the
    crawl's own count and the published database."""
    morning = report(published)
    stages = {s["stage"]: s for s in morning["build"]["stages"]}
    assert list(stages) == [
        "normalise",
        "identity",
        "link",
        "money trails",
        "publish",
        "fts",
        "views",
        "events",
        "checks",
    ]
    assert all(s["seconds"] >= 0 and s["peak_memory_mb"] > 0 for s in stages.values())
    (rada,) = morning["sources"]
    assert stages["normalise"]["items"] == rada["records"]
    assert stages["identity"]["items"] == rada["records_by_kind"]["mp"]
    indexed = [t.name for t in TABLES if t.info.get("fts")]
    assert stages["fts"]["items"] == sum(
        query(published, f"select count(*) from {name}")[0][0] for name in indexed
    )
    markdown = sorted((published / "reports").glob("*.md"))[-1].read_text()
    assert "## Where the build's time went" in markdown
