"""`pamyat crawl` end to end: the real spider over HTTP from the real mirror server, into the
append-only raw layer; failures name the source and URL and never replace good data."""

import csv
import json

import pytest

from pamyat.mirror import build_mirror
from pamyat.mirror.manifest import MANIFEST_NAME
from pamyat.mirror.server import MirrorServer

MPS_URL = "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"
POSTS_URL = "https://data.rada.gov.ua/ogd/mps/skl9/mp-posts_full.csv"


def good_runs(data_dir):
    return sorted((data_dir / "raw" / "rada").glob("*Z.jsonl"))


def manifests(data_dir):
    folder = data_dir / "raw" / "rada"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.run.json"))]


def test_demo_crawl_writes_every_record_with_provenance(demo_data, samples):
    (run_file,) = good_runs(demo_data)
    records = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    expected = {}
    for kind, sample, id_column in (
        ("mp", "mps09-data.csv", "id"),
        ("post", "mp-posts_full-skl9.csv", "mp_id"),
    ):
        with open(samples / "rada" / sample, encoding="utf-8", newline="") as f:
            expected[kind] = [row[id_column] for row in csv.DictReader(f)]
    mps = [r for r in records if r["kind"] == "mp"]
    posts = [r for r in records if r["kind"] == "post"]
    assert [r["source_record_id"] for r in mps] == expected["mp"]
    assert [r["source_record_id"].split(":")[0] for r in posts] == expected["post"]
    (manifest,) = manifests(demo_data)
    assert (manifest["status"], manifest["records"], manifest["mode"]) == (
        "ok",
        len(records),
        "mirror",
    )
    assert manifest["records_by_kind"] == {
        "mp": 436,
        "post": 3482,
        "registration": 72,
        "vote_result": 3,
        "event_question": 3,
        "vote_page": 3,
    }
    assert manifest["run_id"] == run_file.name.removesuffix(".jsonl")
    for record in mps + posts:
        assert record["source_url"] == (MPS_URL if record["kind"] == "mp" else POSTS_URL)
    pages = sorted(r["source_url"] for r in records if r["kind"] == "vote_page")
    assert pages == sorted(
        f"https://w1.c1.rada.gov.ua/pls/radan_gs09/ns_golos_print?g_id={n}&vid=1"
        for n in (25, 1000, 1315)
    )
    for record in records:
        assert record["run_id"] == manifest["run_id"]
        assert record["fetched_at"] >= manifest["started_at"]
    assert {len(r["fields"]) for r in mps} == {35}


@pytest.fixture
def mirror(samples, tmp_path):
    build_mirror(samples, tmp_path / "mirror")
    with MirrorServer(tmp_path / "mirror") as server:
        yield server


def test_a_missing_file_fails_naming_source_and_url(pamyat, data_dir, samples, tmp_path):
    root = tmp_path / "broken-mirror"
    build_mirror(samples, root)
    manifest = json.loads((root / MANIFEST_NAME).read_text())
    del manifest["entries"]["data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"]
    (root / MANIFEST_NAME).write_text(json.dumps(manifest))
    with MirrorServer(root) as server:
        result = pamyat(data_dir, "crawl", "rada", "--mirror", server.url, check=False)
    assert result.returncode == 1
    assert f"rada: GET {MPS_URL} failed: HTTP 404" in result.stderr
    assert good_runs(data_dir) == []


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("http500", f"rada: GET {MPS_URL} failed: HTTP 500"),
        ("truncate", f"rada: GET {MPS_URL} failed:"),
        ("empty", f"rada: {MPS_URL}: the response is empty"),
    ],
)
def test_a_broken_source_keeps_the_last_good_run(pamyat, data_dir, mirror, fault, message):
    pamyat(data_dir, "crawl", "rada", "--mirror", mirror.url)
    mirror.inject("*mps09-data.csv", fault)
    result = pamyat(data_dir, "crawl", "rada", "--mirror", mirror.url, check=False)
    assert result.returncode == 1
    assert message in result.stderr
    assert "the last good data stays in use" in result.stderr
    good, failed = manifests(data_dir)
    assert (good["status"], failed["status"]) == ("ok", "failed")
    assert len(good_runs(data_dir)) == 1

    built = pamyat(data_dir, "build")
    assert good["run_id"] in built.stdout
