"""Spider `rada`, tested City-Bureau style: its parse callbacks on the real recorded responses.

Expected values are read independently from the real file with the csv module."""

import csv
import json

import pytest
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from scrapers.base import SourceError
from scrapers.rada.mirror import file_url
from scrapers.rada.spider import RadaSpider

MPS_URL = file_url("mp", 9)
POSTS_URL = file_url("post", 9)
ALL_FILES = {
    kind: file_url(kind, 9)
    for kind in ("mp", "post", "registration", "vote_result", "event_question")
}
CATALOGUE_URL = "https://data.rada.gov.ua/ogd/mps/list.json"


def make_spider(mirror_url=None) -> RadaSpider:
    crawler = get_crawler(RadaSpider, {"PAMYAT_MIRROR_URL": mirror_url})
    return RadaSpider.from_crawler(crawler, run_id="test-run")


def response(url: str, body: bytes, content_type: str) -> TextResponse:
    return TextResponse(
        url=url, body=body, headers={"Content-Type": content_type}, request=Request(url)
    )


@pytest.fixture(scope="module")
def mps_bytes(samples) -> bytes:
    return (samples / "rada" / "mps09-data.csv").read_bytes()


@pytest.fixture(scope="module")
def expected_rows(samples) -> dict[str, dict]:
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def parse(spider, body: bytes, content_type="text/csv; charset=utf-8", kind="mp") -> list[dict]:
    url = {"mp": MPS_URL, "post": POSTS_URL}[kind]
    return list(spider.parse_file(response(url, body, content_type), kind=kind, convocation=9))


def catalogue_response(links: dict) -> TextResponse:
    body = json.dumps({"convocations": [{"convocation": 9, "files": links}]}).encode()
    return response(CATALOGUE_URL, body, "application/json")


def test_catalogue_leads_to_the_convocation_files():
    requests = list(make_spider().parse_catalogue(catalogue_response(ALL_FILES)))
    assert [(r.url, r.cb_kwargs) for r in requests] == [
        (url, {"kind": kind, "convocation": 9}) for kind, url in ALL_FILES.items()
    ]


def test_in_mirror_mode_the_same_request_goes_to_the_mirror():
    spider = make_spider("http://127.0.0.1:9999")
    request = next(iter(spider.parse_catalogue(catalogue_response(ALL_FILES))))
    assert request.url == "http://127.0.0.1:9999/data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"
    assert spider.real_url(request.url) == MPS_URL


def test_catalogue_without_the_convocation_names_source_and_url():
    with pytest.raises(SourceError, match=r"rada: .*list\.json: .*post file for convocation 9"):
        list(make_spider().parse_catalogue(catalogue_response({"csv": MPS_URL})))


def test_yields_every_mp_with_every_field(mps_bytes, expected_rows):
    spider = make_spider()
    records = parse(spider, mps_bytes)
    assert len(records) == len(expected_rows) == 436
    assert {r["source_record_id"]: r["fields"] for r in records} == expected_rows
    assert spider.issues == []


def test_records_carry_provenance(mps_bytes):
    record = parse(make_spider("http://127.0.0.1:9999"), mps_bytes)[0]
    assert record["source"] == "rada" and record["kind"] == "mp"
    assert record["run_id"] == "test-run"
    assert record["source_url"] == MPS_URL  # the real URL, even when fetched from the mirror
    assert record["fetched_at"].endswith("Z")


def test_named_real_mps(mps_bytes):
    records = {r["source_record_id"]: r["fields"] for r in parse(make_spider(), mps_bytes)}
    yevtushok = records["11728"]
    assert (yevtushok["last_name"], yevtushok["first_name"], yevtushok["second_name"]) == (
        "Євтушок",
        "Сергій",
        "Миколайович",
    )
    assert (yevtushok["birthday"], yevtushok["gender"], yevtushok["party_id"]) == (
        "13.11.1973",
        "1",
        "17",
    )
    assert records["2394"]["full_name"] == "Джемілєв Мустафа"
    assert records["2394"]["second_name"] == ""
    assert records["20979"]["first_name"] == "Мар'яна"


def test_windows_1251_file_gives_the_same_records(mps_bytes):
    utf8 = parse(make_spider(), mps_bytes)
    legacy = mps_bytes.decode("utf-8").encode("cp1251")
    for content_type in ("text/csv; charset=windows-1251", "text/csv"):
        spider = make_spider()
        assert [r["fields"] for r in parse(spider, legacy, content_type)] == [
            r["fields"] for r in utf8
        ]
        assert spider.issues == []


def test_utf8_file_labelled_windows_1251_is_read_right_and_reported(mps_bytes):
    spider = make_spider()
    records = parse(spider, mps_bytes, "text/csv; charset=windows-1251")
    assert records[0]["fields"]["last_name"] == "Євтушок"
    assert [i["field"] for i in spider.issues] == ["charset"]


def test_missing_required_column_fails_naming_source_url_and_column(mps_bytes):
    text = mps_bytes.decode("utf-8").replace(",birthday,", ",born,", 1)
    with pytest.raises(SourceError) as error:
        parse(make_spider(), text.encode("utf-8"))
    assert str(error.value) == f"rada: {MPS_URL}: required columns missing: birthday"


def test_unexpected_column_is_kept_and_reported(mps_bytes):
    lines = mps_bytes.decode("utf-8").split("\n")
    header = lines[0].rstrip("\r") + ",twitter"
    body = "\n".join([header] + [line.rstrip("\r") + "," for line in lines[1:] if line])
    spider = make_spider()
    records = parse(spider, body.encode("utf-8"))
    assert len(records) == 436 and records[0]["fields"]["twitter"] == ""
    assert [(i["field"], i["problem"]) for i in spider.issues] == [
        ("twitter", "unexpected column (kept in the raw record)")
    ]


def test_bad_rows_are_reported_and_skipped(mps_bytes):
    text = mps_bytes.decode("utf-8").replace("\n11728,", "\nX11728,", 1)
    spider = make_spider()
    records = parse(spider, (text + "99999,too,few\n").encode("utf-8"))
    assert len(records) == 435
    assert [(i["record_id"], i["field"]) for i in spider.issues] == [
        ("line 2", "id"),
        ("99999", None),
    ]


def test_empty_response_fails():
    with pytest.raises(SourceError, match="the response is empty"):
        parse(make_spider(), b"")


def test_posts_file_gives_one_record_per_post(samples):
    body = (samples / "rada" / "mp-posts_full-skl9.csv").read_bytes()
    with open(samples / "rada" / "mp-posts_full-skl9.csv", encoding="utf-8", newline="") as f:
        expected = list(csv.DictReader(f))
    spider = make_spider()
    records = parse(spider, body, kind="post")
    assert [r["fields"] for r in records] == expected and len(records) == 3482
    assert len({r["source_record_id"] for r in records}) == 3482
    first = records[0]
    assert first["kind"] == "post" and first["source_url"] == POSTS_URL
    assert first["source_record_id"].startswith("18090:")
    assert spider.issues == []


def test_the_real_event_list_asks_roll_calls_only_for_votes():
    """The real header of plenary_event_question-skl9.csv (formats.md); type_event 0 is a vote,
    1 a registration, 8 a speech: only the vote has a roll-call page."""
    body = (
        "date_agenda,id_question,date_question,type_event,date_event,name_event,id_event\n"
        "2019-08-29,1,2019-08-29T10:00:00,1,2019-08-29T10:01:00,Електронна реєстрація,24\n"
        "2019-08-29,2,2019-08-29T10:02:00,0,2019-08-29T10:03:00,Про тимчасову президію,25\n"
        "2019-08-29,3,2019-08-29T10:04:00,8,2019-08-29T10:05:00,Виступ депутата,26\n"
    ).encode()
    url = ALL_FILES["event_question"]
    spider = make_spider()
    out = list(
        spider.parse_file(
            response(url, body, "text/csv; charset=utf-8"), kind="event_question", convocation=9
        )
    )
    records = [o for o in out if isinstance(o, dict)]
    pages = [o.url for o in out if isinstance(o, Request)]
    assert [r["source_record_id"] for r in records] == ["24", "25", "26"]
    assert records[1]["fields"]["date_event"] == "2019-08-29T10:03:00"
    assert pages == [spider.vote_page_url(9, "25")]
    assert spider.issues == []  # every real column is expected


def test_an_event_list_without_type_event_stops_the_source():
    body = b"id_event,date_event,name_event,bill_number,vote_number,result\n25,x,y,,1,\n"
    with pytest.raises(SourceError, match="required columns missing: type_event"):
        list(
            make_spider().parse_file(
                response(ALL_FILES["event_question"], body, "text/csv"),
                kind="event_question",
                convocation=9,
            )
        )
