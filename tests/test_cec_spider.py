"""Spider `cec`, City-Bureau style: its callbacks on the pages the mirror renders from the real
rows, in the live site's windows-1251 and in UTF-8."""

import csv
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from pamyat.mirror import build_mirror
from pamyat.mirror.manifest import load_manifest, url_key
from scrapers.base import SourceError
from scrapers.cec.mirror import DISTRICTS, HOST, district_url, results_url
from scrapers.cec.spider import CecSpider

NAME = "Прізвище, ім'я та по батькові кандидата в депутати"


@pytest.fixture(scope="module")
def mirror(samples, tmp_path_factory):
    root = tmp_path_factory.mktemp("mirror")
    build_mirror(samples, root)
    return load_manifest(root)


def page(mirror, url, charset="windows-1251") -> HtmlResponse:
    body = Path(mirror[url_key(url)]["file"]).read_bytes()
    if charset == "utf-8":
        body = body.decode("cp1251").replace("windows-1251", "utf-8").encode("utf-8")
    return HtmlResponse(
        url=url,
        body=body,
        request=Request(url),
        headers={"Content-Type": f"text/html; charset={charset}"},
    )


def spider() -> CecSpider:
    return CecSpider.from_crawler(get_crawler(CecSpider), run_id="t")


@pytest.fixture(scope="module")
def rows(samples) -> list[dict]:
    path = samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_district_list_leads_to_every_district(mirror, rows):
    cec = spider()
    requests = list(cec.parse_index(page(mirror, HOST + DISTRICTS), cec.parse_district))
    assert {r.url for r in requests} == {district_url(n) for n in {r["tvo"] for r in rows}}
    assert len(requests) == 199


@pytest.mark.parametrize("charset", ["windows-1251", "utf-8"])
def test_a_district_s_candidates_field_by_field(mirror, rows, charset):
    records = list(spider().parse_district(page(mirror, district_url(11), charset)))
    expected = [r for r in rows if r["tvo"] == "11"]
    assert len(records) == len(expected)
    bevz = next(r["fields"] for r in records if r["fields"]["surname"] == "Бевз")
    assert bevz["given_names"] == "Світлана Володимирівна"  # not glued: split at <br>
    assert bevz["district"] == "11" and bevz["Висування"] == "Самовисування"
    assert bevz["Дата реєстрації кандидатом"] == "20.06.2019"
    assert bevz["Основні відомості"].startswith("народилася 4 листопада 1973 року")
    assert "безпартійнa" in bevz["Основні відомості"]  # the source's Latin "a", kept raw


def test_every_candidate_once(mirror, rows):
    found = []
    for number in {r["tvo"] for r in rows}:
        found += spider().parse_district(page(mirror, district_url(number)))
    assert len(found) == len({r["source_record_id"] for r in found}) == len(rows) == 3220
    names = sorted(f"{r['fields']['surname']}{r['fields']['given_names']}" for r in found)
    assert names == sorted(" ".join(r[NAME].split()) for r in rows)


def test_a_changed_layout_fails_naming_source_and_url(mirror):
    response = page(mirror, district_url(11))
    broken = response.replace(
        body=response.body.replace("Висування".encode("cp1251"), "Хто висунув".encode("cp1251"))
    )
    with pytest.raises(SourceError, match=r"cec: .*pf7331=11\.html: columns missing: Висування"):
        list(spider().parse_district(broken))


def test_results_exact_as_written(mirror, samples):
    path = samples / "cec" / "vnd2019_single_member_results_wp306_tables.csv"
    with open(path, encoding="utf-8", newline="") as f:
        expected = [r for r in csv.DictReader(f) if r["tvo"] == "80"]
    records = list(spider().parse_results(page(mirror, results_url(80))))
    assert [
        (r["fields"]["Кандидат"], r["fields"]["Голосів ЗА"], r["fields"]["% ЗА"]) for r in records
    ] == [(r["Кандидат"], r["Голосів ЗА"], r["% ЗА"]) for r in expected]
    minko = records[0]["fields"]
    assert minko["Кандидат"].startswith("Мінько Сергій Анатолійович (1973)")
    assert (minko["Голосів ЗА"], minko["candidate_id"]) == ("24 163", "15305")
