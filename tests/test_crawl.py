"""`pamyat crawl` end to end: the real spider over HTTP from the real mirror server, into the
append-only raw layer; failures name the source and URL and never replace good data."""

import csv
import json

import pytest

from pamyat.mirror import build_mirror
from pamyat.mirror.manifest import MANIFEST_NAME
from pamyat.mirror.server import MirrorServer

MPS_URL = "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"


def good_runs(data_dir):
    return sorted((data_dir / "raw" / "rada").glob("*Z.jsonl"))


def manifests(data_dir):
    folder = data_dir / "raw" / "rada"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.run.json"))]


def test_demo_crawl_writes_every_mp_with_provenance(demo_data, samples):
    (run_file,) = good_runs(demo_data)
    records = [json.loads(line) for line in run_file.read_text(encoding="utf-8").splitlines()]
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        sample_ids = [row["id"] for row in csv.DictReader(f)]
    assert [r["source_record_id"] for r in records] == sample_ids
    assert len(records) == 436
    (manifest,) = manifests(demo_data)
    assert (manifest["status"], manifest["records"], manifest["mode"]) == ("ok", 436, "mirror")
    assert manifest["run_id"] == run_file.name.removesuffix(".jsonl")
    for record in records:
        assert record["source_url"] == MPS_URL
        assert record["run_id"] == manifest["run_id"]
        assert record["fetched_at"] >= manifest["started_at"]
        assert len(record["fields"]) == 35


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
