"""A corrupt raw run (a line cut short by a crash or a full disk) gives an error naming the
file and the line, is quarantined and reported once, and never breaks a later build: the run
before it is read instead."""

import json
import sqlite3

import pytest

from conftest import run_pamyat
from pamyat.mirror.server import MirrorServer

# A crawl test ends within a minute (its fixtures aside), or fails.
pytestmark = pytest.mark.timeout(60, func_only=True)


@pytest.fixture(scope="module")
def mirror(mirror_root):
    with MirrorServer(mirror_root) as server:
        yield server


def cut_line(path, number):
    """Line `number` of a JSON-lines file cut in half, as a writer that died leaves it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = lines[number - 1][: len(lines[number - 1]) // 2] + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def good_runs(data_dir, source):
    return sorted((data_dir / "raw" / source).glob("*Z.jsonl"))


def count(data_dir, sql):
    with sqlite3.connect(data_dir / "pamyat.db") as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_corrupt_run_is_quarantined_and_later_builds_go_on(data_dir, mirror):
    for _ in range(2):
        run_pamyat(data_dir, "crawl", "rada", "media", "--mirror", mirror.url)
    run_pamyat(data_dir, "build")
    items = count(data_dir, "select count(*) from media_items")
    old_media, _ = good_runs(data_dir, "media")  # media reads every run: an old one matters
    _, new_rada = good_runs(data_dir, "rada")
    cut_line(old_media, 3)
    cut_line(new_rada, 5)

    built = run_pamyat(data_dir, "build")
    assert f"quarantined: {old_media} line 3: not a JSON record" in built.stderr
    assert f"quarantined: {new_rada} line 5: not a JSON record" in built.stderr
    for path in (old_media, new_rada):
        run_id = path.name.removesuffix(".jsonl")
        manifest = json.loads(path.with_name(f"{run_id}.run.json").read_text())
        assert manifest["status"] == "quarantined"
        assert (path.parent / f"{run_id}.corrupt.jsonl").is_file() and not path.exists()
    # The Rada's run before the corrupt one, and the media runs that are whole.
    assert count(data_dir, "select count(*) from persons") == 436
    assert 0 < count(data_dir, "select count(*) from media_items") <= items
    assert count(data_dir, "select count(*) from ingest_runs where status = 'quarantined'") == 2

    night = run_pamyat(data_dir, "nightly", "rada", "media", "--mirror", mirror.url)
    assert "Quarantined runs" not in night.stdout  # reported once, when it was found
    assert count(data_dir, "select count(*) from persons") == 436


def test_a_corrupt_manifest_is_set_aside_and_reported_in_the_morning(data_dir, mirror):
    run_pamyat(data_dir, "crawl", "rada", "--mirror", mirror.url)
    (manifest,) = (data_dir / "raw" / "rada").glob("*.run.json")
    manifest.write_text(manifest.read_text()[:40])
    night = run_pamyat(data_dir, "nightly", "rada", "--mirror", mirror.url)
    assert "## Quarantined runs" in night.stdout
    assert f"{manifest}: not a JSON run manifest" in night.stdout
    assert manifest.with_name(manifest.name + ".corrupt").is_file()
    assert count(data_dir, "select count(*) from persons") == 436
