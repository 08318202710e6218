"""Spider `nazk_declarations`, City-Bureau style: its callbacks on the answers of the mirror's
v2 list endpoint (the real documents' summaries) and on the real documents, in every shape."""

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from pamyat.mirror import build_mirror
from pamyat.mirror.manifest import load_manifest, url_key
from pamyat.mirror.server import MirrorRequest, MirrorServer
from scrapers.base import SourceError
from scrapers.nazk_declarations.mirror import answer_list, detail_url, list_url
from scrapers.nazk_declarations.spider import NazkDeclarationsSpider

TARUTA = "2876a5ef-e48d-40f0-8fb2-296a0a9a4dc5"
DUBNEVYCH = {"2be988d5-e2ac-4009-a291-1edfef9de11c", "9dce4690-bd23-4e43-902f-e6594c06eda7"}


@pytest.fixture(scope="module")
def mirror(samples, tmp_path_factory):
    root = tmp_path_factory.mktemp("mirror")
    build_mirror(samples, root)
    return load_manifest(root)


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
    files = list((samples / "nazk_declarations").glob("*.json"))
    assert len(summaries) == len(files) == 15
    for item in summaries:
        assert url_key(detail_url(item["id"])) in mirror


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
    """With 2 a page and at most 2 pages, a listing of 15 documents is split by year, and each
    year is paged: every document is still found, once."""
    nazk = spider(per_page=2, max_pages=2, split_years=[2015, 2021])
    documents, asked = crawl_listings(nazk, nazk.listing({}), summaries, per_page=2, max_pages=2)
    assert sorted(r.url.rsplit("/", 1)[1] for r in documents) == sorted(s["id"] for s in summaries)
    assert any("declaration_year=2019" in url and "page=2" in url for url in asked)
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
    url = list_url() + "?query=x&page=1"
    with pytest.raises(SourceError, match=r"nazk_declarations: .*list\?query=x.*not a v2 list"):
        list(spider().parse_list(json_response(url, {"error": "busy"}), {}, 1, None))


def test_the_real_mirror_server_answers_the_list_endpoint(samples, tmp_path):
    build_mirror(samples, tmp_path)
    with MirrorServer(tmp_path) as server:
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
