"""Spider `nazk_party_reports`, City-Bureau style: its callbacks on the mirror's answers (rendered
from the real report rows), followed the way Scrapy would, with figures checked against the
recorded spreadsheets read here with python-calamine."""

import asyncio
import json
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from pamyat.core.manifest import MirrorBuilder, url_key
from pamyat.mirror.server import respond
from scrapers.base import SourceError
from scrapers.nazk_party_reports import mirror
from scrapers.nazk_party_reports.spider import NazkPartyReportsSpider

SECTION_FILES = {
    "monetary_contributions": "politdata_5_private_contributions.xlsx",
    "other_contributions": "politdata_6_in_kind_donations.xlsx",
    "budget_expenses": "politdata_9.1_expenditures_public_funding.xlsx",
}
BRANCHES_FILE = "politdata_2.1_local_orgs_info.xlsx"
PAYMENTS = "POST /party/report/{id}/payments/{section}"


@pytest.fixture(scope="module")
def entries(samples, tmp_path_factory):
    """This source's mirror only, built from the real rows."""
    builder = MirrorBuilder(tmp_path_factory.mktemp("mirror"))
    mirror.build(samples, builder)
    return builder.entries


@pytest.fixture(scope="module")
def sheets(party_sheet) -> dict[str, list[dict]]:
    return {name: party_sheet(name) for name in [*SECTION_FILES.values(), BRANCHES_FILE]}


def spider(**source) -> NazkPartyReportsSpider:
    nazk = NazkPartyReportsSpider.from_crawler(get_crawler(NazkPartyReportsSpider), run_id="t")
    nazk.source = {**nazk.source, **source}
    return nazk


def response(request: Request, status: int, body: bytes, content_type: str) -> TextResponse:
    return TextResponse(
        url=request.url,
        status=status,
        body=body,
        headers={"Content-Type": content_type},
        request=request,
    )


def fetch(request: Request, entries: dict) -> TextResponse:
    """The mirror's answer to a request of the spider, without the HTTP layer."""
    if request.method == "POST":
        params = json.loads(request.body)
    else:
        params = dict(parse_qsl(urlsplit(request.url).query))
    status, body, content_type = respond(entries, url_key(request.url), params, {})
    assert status == 200, (request.url, body)
    return response(request, status, body, content_type)


def follow(requests: list, entries: dict) -> tuple[list[dict], list[Request]]:
    """Run the callbacks of `requests` and of every request they yield, answering from the
    mirror; returns the records and the requests made."""
    records, made, queue = [], [], list(requests)
    while queue:
        request = queue.pop(0)
        made.append(request)
        for out in request.callback(fetch(request, entries), **request.cb_kwargs):
            (queue if isinstance(out, Request) else records).append(out)
    return records, made


def first_request(nazk) -> Request:
    async def collect():
        return [r async for r in nazk.start()]

    (request,) = asyncio.run(collect())
    return request


@pytest.fixture(scope="module")
def crawled(entries):
    nazk = spider()
    records, made = follow([first_request(nazk)], entries)
    return nazk, records, made


def test_every_party_report_and_payment_row_is_crawled(crawled, sheets):
    nazk, records, _ = crawled
    assert not nazk.failures and not nazk.issues
    kinds = Counter(r["kind"] for r in records)
    parties = {r["fields"]["code"] for r in records if r["kind"] == "party"}
    all_rows = [row for rows in sheets.values() for row in rows]
    assert parties == {row["party_main_EDRPOU"] for row in all_rows}
    assert kinds["party"] == len(parties)
    reports = [r for r in records if r["kind"] == "report"]
    assert {r["source_record_id"] for r in reports} == {row["report_id"] for row in all_rows}
    assert len(reports) == kinds["report"]
    for section, name in SECTION_FILES.items():
        direction = "outgoing" if section == "budget_expenses" else "incoming"
        got = Counter(
            r["source_record_id"]
            for r in reports
            for _ in r["fields"]["payment_info"][direction][section]
        )
        assert got == Counter(row["report_id"] for row in sheets[name]), section


def test_records_link_to_the_real_register(crawled):
    _, records, _ = crawled
    report = next(r for r in records if r["kind"] == "report")
    assert report["source_url"] == (
        f"https://politdata.nazk.gov.ua/api/v2/party/report/{report['source_record_id']}"
    )
    assert {r["source"] for r in records} == {"nazk_party_reports"}


def test_every_unit_is_asked_for_its_reports_once(crawled):
    _, records, made = crawled
    listings = Counter(r.url for r in made if r.url.endswith("/reports"))
    units = {
        unit["id"]
        for r in records
        if r["kind"] == "party"
        for unit in [r["fields"], *r["fields"]["regional_offices"]]
    }
    assert set(listings.values()) == {1}
    assert {url.split("/party/")[1].split("/")[0] for url in listings} == units


def test_short_pages_list_the_same_parties_and_reports(entries, crawled):
    _, records, _ = crawled
    small = spider(page_size={"parties": 17, "reports": 2, "section": 500})
    parties = [first_request(small)]
    party_records, made = [], []
    while parties:  # the party listing only: its report listings are followed below
        request = parties.pop(0)
        made.append(request)
        for out in request.callback(fetch(request, entries), **request.cb_kwargs):
            if isinstance(out, dict):
                party_records.append(out)
            elif out.callback == small.parse_parties:
                parties.append(out)
    assert len(made) == len(party_records) // 17 + 1
    assert [r["fields"] for r in party_records] == [
        r["fields"] for r in records if r["kind"] == "party"
    ]
    busiest = Counter(r["fields"]["party_id"] for r in records if r["kind"] == "report")
    unit, count = busiest.most_common(1)[0]
    listing = small.post(f"/party/{unit}/reports", "reports", small.parse_reports)
    listing.cb_kwargs["path"] = f"/party/{unit}/reports"
    details, asked = [], [listing]
    while asked:
        request = asked.pop(0)
        for out in request.callback(fetch(request, entries), **request.cb_kwargs):
            (asked if out.callback == small.parse_reports else details).append(out)
    assert count > 2 and len(details) == count


def test_a_report_without_a_section_gets_it_page_by_page(entries, crawled):
    _, records, _ = crawled
    full = max(
        (r for r in records if r["kind"] == "report"),
        key=lambda r: len(r["fields"]["payment_info"]["incoming"]["monetary_contributions"]),
    )
    rows = full["fields"]["payment_info"]["incoming"]["monetary_contributions"]
    assert len(rows) > 7
    nazk = spider(page_size={"parties": 500, "reports": 100, "section": 7})
    detail_url = full["source_url"]
    status, body, content_type = respond(entries, url_key(detail_url), {}, {})
    stripped = json.loads(body)
    del stripped["results"]["payment_info"]["incoming"]["monetary_contributions"]
    request = nazk.request(detail_url, nazk.parse_report)
    answer = response(request, status, json.dumps(stripped).encode(), content_type)
    out = list(nazk.parse_report(answer))
    assert len(out) == 1 and out[0].url.endswith(
        f"/party/report/{full['source_record_id']}/payments/monetary_contributions"
    )
    (record,), made = follow(out, entries)
    assert len(made) == len(rows) // 7 + 1
    assert record["fields"]["payment_info"] == full["fields"]["payment_info"]
    assert record["source_url"] == detail_url


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"<html>maintenance</html>", "not a v2 answer"),
        (b'{"data": []}', "not a v2 answer"),
        (b'{"results": {"items": []}}', "no results.list"),
    ],
)
def test_an_answer_in_another_shape_stops_the_source_naming_the_url(body, problem):
    nazk = spider()
    request = first_request(nazk)
    with pytest.raises(SourceError, match=f"nazk_party_reports: .*/parties: {problem}"):
        list(nazk.parse_parties(response(request, 200, body, "application/json"), page=1))


def test_a_report_without_an_id_stops_the_source():
    nazk = spider()
    request = nazk.request("https://politdata.nazk.gov.ua/api/v2/party/report/x", None)
    answer = response(request, 200, b'{"results": {"year": 2021}}', "application/json")
    with pytest.raises(SourceError, match="party/report/x: not a report"):
        list(nazk.parse_report(answer))


def test_a_listing_that_never_ends_fails_the_run(entries):
    nazk = spider(page_size={"parties": 1, "reports": 100, "section": 500}, max_pages=3)
    request = first_request(nazk)
    pages = 0
    while request is not None:
        pages += 1
        nxt = [
            out
            for out in request.callback(fetch(request, entries), **request.cb_kwargs)
            if isinstance(out, Request) and out.callback == nazk.parse_parties
        ]
        request = nxt[0] if nxt else None
    assert pages == 3
    assert nazk.failures == [
        "nazk_party_reports: https://politdata.nazk.gov.ua/api/v2/parties: more than 3 pages"
    ]
