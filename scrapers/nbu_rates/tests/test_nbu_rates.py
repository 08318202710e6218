"""Spider `nbu_rates`, City-Bureau style: its callback on the mirror's answers for every date we
hold, the rates checked against official_rates.csv read here; an answer in the documented form
with currencies we hold no row of; and the bad answers a live API can give."""

import csv
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from pamyat.core.issues import DataIssues
from pamyat.mirror.server import MirrorRequest
from scrapers.base import SourceError
from scrapers.nbu_rates import mirror, reader
from scrapers.nbu_rates.spider import NbuRatesSpider, rates_url, valuation_dates

HELD = Path(mirror.__file__).with_name("official_rates.csv")


def spider() -> NbuRatesSpider:
    return NbuRatesSpider.from_crawler(get_crawler(NbuRatesSpider), run_id="t")


def response(day: str, body: bytes) -> TextResponse:
    url = rates_url(day)
    return TextResponse(
        url=url,
        body=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=Request(url),
    )


def mirror_body(day: str, **params) -> bytes:
    status, document = mirror.answer(
        MirrorRequest("", {"date": day, "json": "", **params}), mirror.held_rates(), {}
    )
    assert status == 200
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def crawl(day: str, body: bytes) -> tuple[list[dict], NbuRatesSpider]:
    nbu = spider()
    return list(nbu.parse_rates(response(day, body), day=day)), nbu


def read(records: list[dict]):
    issues = DataIssues()
    return reader.normalize(records, issues)["exchange_rates"], issues


@pytest.fixture(scope="module")
def held() -> list[dict]:
    with HELD.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_held_rate_read_exactly_for_one_unit(held):
    days = sorted({row["rate_date"].replace("-", "") for row in held})
    records = []
    for day in days:
        found, nbu = crawl(day, mirror_body(day))
        assert not nbu.issues and found
        records += found
    table, issues = read(records)
    assert not issues.rows
    expected = {
        (r["rate_date"], r["cc"]): Decimal(r["uah_per_units"]) / int(r["units"]) for r in held
    }
    got = {(r.rate_date, r.currency_code): Decimal(r.uah_per_unit) for r in table.itertuples()}
    assert got == expected
    usd = table[table["currency_code"] == "USD"].iloc[0]
    assert usd["currency_number"] == 840 and usd["currency_name"] == "Долар США"
    assert usd["source_url"] == rates_url(usd["rate_date"].replace("-", ""))


def test_one_currency_by_valcode_as_the_api_narrows_it():
    (only,) = json.loads(mirror_body("20191231", valcode="eur"))
    assert only["cc"] == "EUR" and only["exchangedate"] == "31.12.2019"


def test_every_currency_of_an_answer_with_its_digits_as_written():
    """The live answer lists every currency the bank sets a rate for, metals included, some
    with more digits than a float keeps apart; each lands as written."""
    day = ',"exchangedate":"31.12.2016"}'
    body = (
        f'[{{"r030":826,"txt":"Фунт стерлінгів","rate":33.4753,"cc":"GBP"{day},'
        f'{{"r030":360,"txt":"Рупія","rate":0.0020210000000000001,"cc":"IDR"{day},'
        f'{{"r030":959,"txt":"Золото","rate":31314,"cc":"XAU"{day}]'
    ).encode()
    records, nbu = crawl("20161231", body)
    table, issues = read(records)
    assert not nbu.issues and not issues.rows
    assert dict(zip(table["currency_code"], table["uah_per_unit"], strict=True)) == {
        "GBP": "33.4753",
        "IDR": "0.0020210000000000001",
        "XAU": "31314",
    }
    assert set(table["rate_date"]) == {"2016-12-31"}


def test_a_date_without_rates_is_a_data_issue_naming_it():
    records, nbu = crawl("20251231", mirror_body("20251231"))
    assert records == []
    assert [(i["record_id"], i["problem"]) for i in nbu.issues] == [
        ("20251231", "the National Bank answered no rates for this date")
    ]


@pytest.mark.parametrize("body", [b'{"message": "Wrong parameters format"}', b"<html>busy</html>"])
def test_an_answer_that_is_no_list_of_rates_stops_the_source_naming_the_url(body):
    with pytest.raises(SourceError, match="nbu_rates: .*date=20191231"):
        crawl("20191231", body)


def test_a_broken_rate_is_a_data_issue_and_the_others_land():
    body = json.dumps(
        [
            {"r030": 840, "txt": "Долар США", "rate": 23.686886, "cc": "USD",
             "exchangedate": "31.12.2019"},
            {"r030": 978, "txt": "Євро", "rate": None, "cc": "EUR", "exchangedate": "31.12.2019"},
            {"r030": 985, "txt": "Злотий", "rate": 6.2208, "cc": "PLN",
             "exchangedate": "31.12.2019", "special": "x"},
            {"r030": 1, "txt": "?", "rate": 1, "cc": "", "exchangedate": "31.12.2019"},
        ]
    ).encode()  # fmt: skip
    records, nbu = crawl("20191231", body)
    table, issues = read(records)
    assert sorted(table["currency_code"]) == ["PLN", "USD"]
    named = {(i["record_id"], i["field"]) for i in issues.rows}
    expected = {("EUR@31.12.2019", "rate"), ("PLN@31.12.2019", "special"), ("@31.12.2019", "cc")}
    assert expected <= named


def test_the_spider_asks_each_year_end_up_to_the_last_full_year():
    days = valuation_dates(datetime(2026, 12, 2))
    assert days[0] == "20141231" and days[-1] == "20251231" and len(days) == 12
