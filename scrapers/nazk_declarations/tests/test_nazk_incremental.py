"""The NAZK nightly asks only for what is new: after a good run and its build, a crawl lists by
start_date/end_date, fetches only documents not published yet, and builds on the good run; the
build publishes both together. Through the real CLI, the real mirror server and a new real
document appearing in the register."""

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from pamyat.core import sources
from pamyat.core.manifest import MANIFEST_NAME, url_key
from pamyat.mirror.server import MirrorServer
from scrapers.nazk_declarations import incremental
from scrapers.nazk_declarations.mirror import detail_url, list_url

pytestmark = pytest.mark.timeout(240, func_only=True)

PIDKAPKA_2020 = "767bf293-a574-4ede-ace7-c0e3f33bbd54"
NEW_DOCUMENT = "00000000-1111-4222-8333-444444444444"


@pytest.fixture
def nazk_data(demo_data, data_dir):
    """A data folder with the demo's Rada and CEC runs, whose persons the NAZK spider looks up."""
    for source in ("rada", "cec"):
        shutil.copytree(demo_data / "raw" / source, data_dir / "raw" / source)
    return data_dir


def add_document(root, source_id: str, new_id: str, submitted: datetime) -> None:
    """The register gains a document: a real one's copy under a new id, submitted now."""
    manifest = json.loads((root / MANIFEST_NAME).read_text())
    entries = manifest["entries"]
    original = json.loads(Path(entries[url_key(detail_url(source_id))]["file"]).read_text())
    document = {**original, "id": new_id, "date": submitted.isoformat()}
    path = root / "new-document.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    entries[url_key(detail_url(new_id))] = {"file": str(path), "content_type": "application/json"}
    listing = entries[url_key(list_url())]
    summaries = json.loads(Path(listing["data"]).read_text())
    item = next(s for s in summaries if s["id"] == source_id)
    summaries.append({**item, "id": new_id, "date": document["date"]})
    data = root / "new-summaries.json"
    data.write_text(json.dumps(summaries, ensure_ascii=False), encoding="utf-8")
    listing["data"] = str(data)
    (root / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False))


def runs(data_dir) -> list[dict]:
    folder = data_dir / "raw" / "nazk_declarations"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.run.json"))]


def records(data_dir, manifest) -> list[dict]:
    path = data_dir / "raw" / "nazk_declarations" / manifest["records_file"]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def published() -> set[str]:
    """The documents the published database of PAMYAT_DATA_DIR holds, read as the spider
    reads them."""
    documents, _ = incremental.published_holdings()
    return documents


def test_a_nightly_after_a_good_run_asks_only_for_what_is_new(
    pamyat, nazk_data, mirror_copy, monkeypatch
):
    root = mirror_copy
    with MirrorServer(root) as server:
        pamyat(nazk_data, "crawl", "nazk_declarations", "--mirror", server.url)
    pamyat(nazk_data, "build")
    monkeypatch.setenv("PAMYAT_DATA_DIR", str(nazk_data))
    before = published()
    (full,) = runs(nazk_data)
    assert full["builds_on"] is None and len(before) == full["records"] >= 20

    add_document(root, PIDKAPKA_2020, NEW_DOCUMENT, datetime.now(UTC).replace(microsecond=0))
    with MirrorServer(root) as server:
        pamyat(nazk_data, "crawl", "nazk_declarations", "--mirror", server.url)
        asked = list(server.requests)
    full, nightly = runs(nazk_data)
    assert nightly["status"] == "ok" and nightly["builds_on"] == full["run_id"]
    assert [r["source_record_id"] for r in records(nazk_data, nightly)] == [NEW_DOCUMENT]
    assert nightly["held_by_kind"]["document"] == full["records"] + 1
    # Listings were asked within the window (but tonight's swept share, in full).
    listings = [dict(parse_qsl(urlsplit(u).query)) for u in asked if "/documents/list" in u]
    windowed = [q for q in listings if "start_date" in q]
    assert windowed
    overlap = sources.config("nazk_declarations")["incremental"]["overlap_seconds"]
    started = datetime.fromisoformat(full["started_at"].replace("Z", "+00:00"))
    assert {int(q["start_date"]) for q in windowed} == {int(started.timestamp()) - overlap}
    # No document already published was fetched again.
    fetched = {u.rsplit("/", 1)[1] for u in asked if "/documents/" in u and "/list" not in u}
    assert fetched == {NEW_DOCUMENT}

    pamyat(nazk_data, "build")
    assert published() == before | {NEW_DOCUMENT}


def test_a_full_crawl_is_asked_for(pamyat, nazk_data, mirror_root):
    with MirrorServer(mirror_root) as server:
        pamyat(nazk_data, "crawl", "nazk_declarations", "--mirror", server.url)
        pamyat(nazk_data, "build")
        pamyat(nazk_data, "crawl", "nazk_declarations", "--mirror", server.url, "--full")
    first, second = runs(nazk_data)
    assert second["builds_on"] is None and second["records"] == first["records"]


def test_every_listing_is_swept_whole_once_in_sweep_nights():
    """Night after night the window spares a different share; over `sweep_nights` nights each
    listing is asked in full exactly once."""
    listings = [{"user_declarant_id": n} for n in range(200)] + [{"query": "Тарута Сергій"}]
    window = {"start_date": 1, "end_date": 2}
    nights = 7
    swept = [0] * len(listings)
    for night in range(100, 100 + nights):
        plan = incremental.Plan(builds_on="r", window=window, night=night, sweep_nights=nights)
        for i, listing in enumerate(listings):
            asked = plan.params(listing)
            swept[i] += "start_date" not in asked
            assert asked in (listing, {**listing, **window})
    assert set(swept) == {1}
