"""Source `chesno_party_reports`, City-Bureau style: the spider's callback on each recorded CSV
file (the real files, at the commits source.yml pins), and the reader on its records."""

import csv

import pytest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from scrapers.chesno_party_reports import reader
from scrapers.chesno_party_reports.spider import ChesnoPartyReportsSpider, file_url

FILES = sources.config("chesno_party_reports")["files"]
# The recorded files sit with the register's samples.
FOLDER = "nazk_party_reports"


def _spider() -> ChesnoPartyReportsSpider:
    crawler = get_crawler(ChesnoPartyReportsSpider)
    return ChesnoPartyReportsSpider.from_crawler(crawler, run_id="t")


def _response(samples, entry: dict, body: bytes | None = None) -> TextResponse:
    return TextResponse(
        url=file_url(entry),
        body=body if body is not None else (samples / FOLDER / entry["sample"]).read_bytes(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )


def _rows(samples, entry: dict) -> list[dict]:
    with (samples / FOLDER / entry["sample"]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("entry", FILES, ids=lambda e: e["sample"])
def test_every_row_of_a_file_is_one_record_kept_as_written(samples, entry):
    spider = _spider()
    records = list(spider.parse_table(_response(samples, entry), entry))
    rows = _rows(samples, entry)
    assert [r["fields"]["row"] for r in records] == rows
    assert {r["kind"] for r in records} == {entry["table"]}
    assert records[0]["source_record_id"] == f"{entry['repository']}/{entry['path']}#1"
    assert len({r["source_record_id"] for r in records}) == len(rows)
    assert spider.issues == []


def test_a_row_with_more_cells_than_titles_is_reported_and_kept(samples):
    entry = FILES[0]
    text = (samples / FOLDER / entry["sample"]).read_text(encoding="utf-8")
    header, first, *rest = text.splitlines(keepends=True)
    body = (header + first.rstrip("\r\n") + ",зайва клітинка\n" + "".join(rest)).encode()
    spider = _spider()
    records = list(spider.parse_table(_response(samples, entry, body), entry))
    assert len(records) == len(_rows(samples, entry))
    assert [(i["record_id"], i["problem"]) for i in spider.issues] == [
        ("1", "more cells than column titles")
    ]


def test_a_row_with_a_bad_amount_is_kept_and_reported(samples):
    entry = next(e for e in FILES if e["table"] == "donations")
    rows = _rows(samples, entry)[:2]
    rows[0][reader.CONFIG["columns"]["donations"]["amount"]] = "дві тисячі"
    records = [
        {
            "source": "chesno_party_reports",
            "kind": entry["table"],
            "source_record_id": f"{entry['path']}#{n}",
            "source_url": f"https://example.org/{entry['path']}",
            "run_id": "t",
            "fields": {"table": entry["table"], "election": entry.get("election"), "row": row},
        }
        for n, row in enumerate(rows)
    ]
    issues = DataIssues()
    donations = reader.normalize(records, issues)["donations"]
    assert len(donations) == 2
    assert donations["amount_minor"].isna().tolist() == [True, False]
    assert [(i["record_id"], i["field"], i["problem"]) for i in issues.rows] == [
        (f"{entry['path']}#0", "amount", "unreadable amount")
    ]
