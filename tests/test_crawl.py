"""`pamyat crawl` end to end: the real spider over HTTP from the real mirror server, into the
append-only raw layer; failures name the source and URL and never replace good data."""

import csv
import json
import shutil

import pytest

from pamyat.core.manifest import MANIFEST_NAME
from pamyat.mirror.server import MirrorServer

# A crawl test ends within three minutes (its fixtures aside), or fails: a deadline against a
# hang, not a speed goal (those are in bench/). The slowest runs two crawls and a build, 45 s on
# an idle machine and over 60 s beside the other CI worker.
pytestmark = pytest.mark.timeout(180, func_only=True)

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
def mirror(mirror_root):
    with MirrorServer(mirror_root) as server:
        yield server


def test_a_missing_file_fails_naming_source_and_url(pamyat, data_dir, mirror_copy):
    root = mirror_copy
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


@pytest.fixture
def nazk_data(demo_data, data_dir):
    """A data folder with the demo's Rada and CEC runs, whose persons the NAZK spider looks up."""
    for source in ("rada", "cec"):
        shutil.copytree(demo_data / "raw" / source, data_dir / "raw" / source)
    return data_dir


def nazk_run(data_dir) -> tuple[dict, list[dict]]:
    """The latest NAZK declarations run: its manifest and its records."""
    folder = data_dir / "raw" / "nazk_declarations"
    manifest = json.loads(sorted(folder.glob("*.run.json"))[-1].read_text())
    lines = (folder / manifest["records_file"]).read_text(encoding="utf-8").splitlines()
    return manifest, [json.loads(line) for line in lines]


def test_a_crawl_split_among_processes_fetches_each_document_once(pamyat, nazk_data, mirror):
    found = {}
    for processes in (1, 3):
        pamyat(nazk_data, "crawl", "nazk_declarations", "--mirror", mirror.url,
               "--processes", str(processes))  # fmt: skip
        manifest, records = nazk_run(nazk_data)
        assert (manifest["status"], manifest["parts"]) == ("ok", processes)
        assert manifest["records"] == len(records)
        found[processes] = sorted(r["source_record_id"] for r in records)
    assert len(found[1]) >= 10
    assert found[3] == found[1]  # the same documents, none fetched twice
    assert not list((nazk_data / "raw" / "nazk_declarations").glob("*part*"))  # parts merged


def test_a_failed_part_fails_the_whole_run_and_keeps_its_records(pamyat, nazk_data, mirror):
    args = ("crawl", "nazk_declarations", "--mirror", mirror.url, "--processes", "2")
    pamyat(nazk_data, *args)
    good, records = nazk_run(nazk_data)
    broken = records[0]["source_record_id"]
    mirror.inject(f"*/v2/documents/{broken}", "http500")
    result = pamyat(nazk_data, *args, check=False)
    assert result.returncode == 1
    assert f"GET https://public-api.nazk.gov.ua/v2/documents/{broken} failed: HTTP 500" in (
        result.stderr
    )
    failed, kept = nazk_run(nazk_data)
    assert failed["status"] == "failed" and failed["records_file"].endswith(".failed.jsonl")
    # The other part's documents and the broken part's others are all kept, never published.
    assert sorted(r["source_record_id"] for r in kept) == sorted(
        r["source_record_id"] for r in records if r["source_record_id"] != broken
    )
    built = pamyat(nazk_data, "build")
    assert good["run_id"] in built.stdout
