"""Spider `nazk_declarations`, City-Bureau style: its callbacks on the answers of the mirror's
v2 list endpoint (the real documents' summaries) and on the real documents, in every shape."""

import asyncio
import csv
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from pamyat.core import sources
from pamyat.core.manifest import load_manifest, url_key
from pamyat.mirror.server import MirrorRequest, MirrorServer
from scrapers.base import SourceError
from scrapers.nazk_declarations.mirror import answer_list, detail_url, list_url
from scrapers.nazk_declarations.spider import NazkDeclarationsSpider

TARUTA = "2876a5ef-e48d-40f0-8fb2-296a0a9a4dc5"
DUBNEVYCH = {"2be988d5-e2ac-4009-a291-1edfef9de11c", "9dce4690-bd23-4e43-902f-e6594c06eda7"}


@pytest.fixture(scope="module")
def mirror(mirror_root):
    return load_manifest(mirror_root)


@pytest.fixture(scope="module")
def summaries(mirror):
    return json.loads(Path(mirror[url_key(list_url())]["data"]).read_text(encoding="utf-8"))


def spider(**source) -> NazkDeclarationsSpider:
    nazk = NazkDeclarationsSpider.from_crawler(get_crawler(NazkDeclarationsSpider), run_id="t")
    nazk.source = {**nazk.source, **source}
    return nazk


def json_response(url: str, document, request: Request | None = None) -> TextResponse:
    return TextResponse(
        url=url,
        body=json.dumps(document, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=request or Request(url),
    )


def answer(request: Request, summaries, **options) -> TextResponse:
    """What the mirror's list endpoint answers to a request of the spider."""
    params = dict(parse_qsl(urlsplit(request.url).query))
    status, body = answer_list(
        MirrorRequest(urlsplit(request.url).path, params), summaries, options
    )
    assert status == 200, body
    return json_response(request.url, body, request)


def crawl_listings(nazk, first: Request, summaries, **options) -> tuple[list, list[str]]:
    """Follow listings the way Scrapy would (deduplicated), answering from the mirror's index;
    returns the document requests and the listing URLs asked."""
    queue, seen, documents = [first], set(), []
    while queue:
        request = queue.pop(0)
        if request.url in seen:
            continue
        seen.add(request.url)
        for out in nazk.parse_list(answer(request, summaries, **options), **request.cb_kwargs):
            (queue if out.callback == nazk.parse_list else documents).append(out)
    return documents, sorted(seen)


def test_the_mirror_serves_every_real_document(mirror, summaries, samples):
    archive = list((samples / "nazk_declarations").glob("*.json"))
    v2 = list((samples / "nazk_v2").glob("document_*.json"))
    assert len(summaries) == len(archive) + len(v2) == 23
    for item in summaries:
        assert url_key(detail_url(item["id"])) in mirror


def test_the_real_v2_answers_are_served_byte_for_byte(samples, mirror_root):
    recorded = sorted((samples / "nazk_v2").glob("*.json"))
    with MirrorServer(mirror_root) as server:
        base = f"{server.url}/public-api.nazk.gov.ua/v2/documents"
        for path in recorded:
            if path.name.startswith("document_"):
                url = f"{base}/{path.stem.removeprefix('document_')}"
            else:
                declarant = path.stem.split("_")[-2]
                url = f"{base}/list?user_declarant_id={declarant}"
            assert httpx.get(url).content == path.read_bytes(), path.name
    assert len(recorded) == 11


def real_list(samples, declarant: int) -> dict:
    path = samples / "nazk_v2" / f"list_user_declarant_id_{declarant}_page1.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_real_list_answer_is_followed_item_by_item(samples):
    """7 items of count 7: each document is asked for once, and no second page."""
    body = real_list(samples, 1525473)
    nazk = spider()
    request = nazk.listing({"user_declarant_id": 1525473})
    nazk.declarants.add("1525473")  # this listing is the declarant's own
    out = list(nazk.parse_list(json_response(request.url, body, request), **request.cb_kwargs))
    assert sorted(r.url.rsplit("/", 1)[1] for r in out) == sorted(i["id"] for i in body["data"])
    assert len(out) == body["count"] == 7


def test_a_real_list_answer_with_more_pages_asks_the_next(samples):
    """100 items of count 309: page 2 is asked (pages 2 to 4 hold the rest)."""
    body = real_list(samples, 1432475)
    nazk = spider()
    nazk.declarants.add("1432475")
    request = nazk.listing({"user_declarant_id": 1432475})
    out = list(nazk.parse_list(json_response(request.url, body, request), **request.cb_kwargs))
    listings = [r for r in out if r.callback == nazk.parse_list]
    assert [dict(parse_qsl(urlsplit(r.url).query))["page"] for r in listings] == ["2"]
    assert len(out) - len(listings) == len({i["id"] for i in body["data"]}) == 100


def test_the_list_answer_has_the_real_envelope(summaries, samples):
    """Only `data` and `count`, and items shaped as the real ones (same keys, step_0, step_1)."""
    status, body = answer_list(MirrorRequest("", {"user_declarant_id": "1525473"}), summaries, {})
    assert status == 200 and set(body) == {"data", "count"} and body["count"] == 3
    real_keys = {frozenset(i) for i in real_list(samples, 1525473)["data"]}
    assert {frozenset(i) for i in body["data"]} <= real_keys
    archive = answer_list(MirrorRequest("", {"query": "Тарута Сергій"}), summaries, {})[1]
    (item,) = archive["data"]
    assert set(item["data"]) == {"step_0", "step_1"} and item["date"] == "2017-03-30T22:40:16+03:00"


def test_the_list_filters_by_submission_time(summaries):
    """start_date/end_date are unix seconds over `date`: Pidkapka's 2020 annual declaration was
    submitted at 2021-03-31T11:29:37+03:00 (1617179377)."""
    params = {"user_declarant_id": "1525473", "start_date": "1617179377", "end_date": "1617179377"}
    _, body = answer_list(MirrorRequest("", params), summaries, {})
    assert [i["id"] for i in body["data"]] == ["767bf293-a574-4ede-ace7-c0e3f33bbd54"]
    assert answer_list(MirrorRequest("", {"start_date": "x"}), summaries, {}) == (
        400,
        {"error": 400},
    )


def test_a_name_finds_its_documents_and_then_all_of_the_declarant_s(summaries):
    nazk = spider()
    first = nazk.listing(
        {"query": "Дубневич Богдан Васильович"}, wanted="дубневич богдан васильович"
    )
    documents, asked = crawl_listings(nazk, first, summaries)
    assert {r.url.rsplit("/", 1)[1] for r in documents} == DUBNEVYCH
    assert any("user_declarant_id=35490" in url for url in asked)


def test_a_name_search_keeps_only_that_name(summaries):
    """The API's search also matches parts of names: Yaroslav's query must not bring Bohdan."""
    nazk = spider()
    first = nazk.listing({"query": "Дубневич"}, wanted="дубневич ярослав васильович")
    documents, _ = crawl_listings(nazk, first, summaries)
    assert documents == []


def test_paging_and_splitting_past_the_page_cap(summaries):
    """With 2 a page and at most 2 pages, a listing of 23 documents is split by year, and each
    year is paged: every document is still found, once."""
    nazk = spider(per_page=2, max_pages=2, split_years=[2015, 2026])
    documents, asked = crawl_listings(nazk, nazk.listing({}), summaries, per_page=2, max_pages=2)
    assert sorted(r.url.rsplit("/", 1)[1] for r in documents) == sorted(s["id"] for s in summaries)
    # 2020 (3 documents) is paged; 2019 (8) is split by type as well.
    assert any("declaration_year=2020" in url and "page=2" in url for url in asked)
    assert any("declaration_year=2019" in url and "declaration_type=4" in url for url in asked)
    assert not any(dict(parse_qsl(urlsplit(u).query)).get("page") == "3" for u in asked)


def test_a_listing_that_no_split_can_page_is_reported(summaries):
    nazk = spider(per_page=1, max_pages=1, split_types=[0])
    request = nazk.listing({"declaration_year": 2019, "declaration_type": 0})
    list(nazk.parse_list(answer(request, summaries, per_page=1, max_pages=1), **request.cb_kwargs))
    assert [i["field"] for i in nazk.issues] == ["count"]
    assert "more than the 1 the API pages" in nazk.issues[0]["problem"]


@pytest.mark.parametrize("document_id", [TARUTA, "3371ace7-177b-44d6-ba2a-53e023f740be"])
def test_a_document_is_kept_whole(mirror, document_id):
    body = Path(mirror[url_key(detail_url(document_id))]["file"]).read_bytes()
    response = TextResponse(
        url=detail_url(document_id),
        body=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=Request(detail_url(document_id)),
    )
    (record,) = spider().parse_document(response)
    assert record["kind"] == "document" and record["source_record_id"] == document_id
    assert record["fields"]["document"] == json.loads(body)
    assert record["source_url"] == detail_url(document_id)


def test_a_list_answer_without_data_fails_naming_the_url():
    url = list_url() + "?query=xyz&page=1"
    with pytest.raises(SourceError, match=r"nazk_declarations: .*list\?query=xyz.*not a v2 list"):
        list(spider().parse_list(json_response(url, {"count": 1}), {}, 1, None))


def test_an_error_answer_fails_naming_the_url_and_the_code():
    url = list_url() + "?query=xyz&page=1"
    with pytest.raises(SourceError, match=r"list\?query=xyz&page=1: the API answered error 7"):
        list(spider().parse_list(json_response(url, {"error": 7}), {}, 1, None))


def test_the_real_mirror_server_answers_the_list_endpoint(mirror_root):
    with MirrorServer(mirror_root) as server:
        base = f"{server.url}/public-api.nazk.gov.ua/v2/documents"
        found = httpx.get(f"{base}/list", params={"query": "Тарута Сергій"}).json()
        assert [d["id"] for d in found["data"]] == [TARUTA] and found["count"] == 1
        by_id = httpx.get(f"{base}/list", params={"user_declarant_id": "35490"}).json()
        assert {d["id"] for d in by_id["data"]} == DUBNEVYCH
        assert httpx.get(f"{base}/list", params={"page": "101"}).status_code == 400
        server.inject("public-api.nazk.gov.ua/v2/documents/list*", "http500")
        assert httpx.get(f"{base}/list", params={"query": "Тарута"}).status_code == 500


def test_declarations_are_crawled_after_the_sources_whose_persons_they_search(demo_data):
    def run(source):
        (manifest,) = (demo_data / "raw" / source).glob("*.run.json")
        return json.loads(manifest.read_text())

    declarations = run("nazk_declarations")
    assert declarations["status"] == "ok"
    assert declarations["started_at"] >= max(run(s)["finished_at"] for s in ("rada", "cec"))


def start_requests(nazk) -> list[Request]:
    async def collect():
        return [r async for r in nazk.start()]

    return asyncio.run(collect())


def test_the_crawl_writes_the_names_the_spider_looks_up(demo_data, samples, monkeypatch):
    """`pamyat crawl` wrote the full names of the Rada and CEC runs before it started the spider
    (it reads that file, not the normalisers); the spider lists each one."""
    monkeypatch.setenv("PAMYAT_DATA_DIR", str(demo_data))
    written = json.loads(sources.persons_to_query("nazk_declarations").read_text())
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        mps = {" ".join(row["full_name"].split()) for row in csv.DictReader(f)}
    assert mps <= set(written) and len(written) > len(mps)
    nazk = spider(follow={}, listings=[])
    queries = [dict(parse_qsl(urlsplit(r.url).query)).get("query") for r in start_requests(nazk)]
    assert sorted(queries) == written and not nazk.failures


def test_without_the_names_to_look_up_the_run_fails(data_dir):
    nazk = spider(follow={}, listings=[])
    assert start_requests(nazk) == []
    (failure,) = nazk.failures
    assert "nazk_declarations.persons.json is missing" in failure
