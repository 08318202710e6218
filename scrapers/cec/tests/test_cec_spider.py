"""Spider `cec`, City-Bureau style: its callbacks on the pages the mirror renders from the real
rows in the real site's documented markup (formats.md), in the live site's windows-1251 and in
UTF-8, and on the documented variants: headers as <td> or <th>, both link styles."""

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from etl.identity import judgements
from pamyat.core import sources
from pamyat.core.manifest import load_manifest, url_key
from scrapers.base import SourceError
from scrapers.cec import mirror as cec_mirror
from scrapers.cec.mirror import DISTRICTS, HOST, district_url, regions_url, results_url
from scrapers.cec.spider import CecSpider

NAME = "Прізвище, ім'я та по батькові кандидата в депутати"


@pytest.fixture(scope="module")
def mirror(mirror_root):
    return load_manifest(mirror_root)


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


def sample_rows(samples, name: str) -> list[dict]:
    with open(samples / "cec" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def rows(samples) -> list[dict]:
    return sample_rows(samples, "vnd2019_single_member_candidates_wp033_tables.csv")


def district_list(cec, response):
    pattern = sources.config("cec")["vnd2019"]["district_page"]
    return list(cec.parse_index(response, pattern=pattern, callback=cec.parse_district))


def test_the_district_list_leads_to_every_district(mirror, rows):
    requests = district_list(spider(), page(mirror, HOST + DISTRICTS))
    assert {r.url for r in requests} == {district_url(n) for n in {r["tvo"] for r in rows}}
    assert len(requests) == 199


def test_both_link_styles_lead_to_the_districts(mirror):
    """`td.cntr > a.a2` since mid-July 2019, `.td2 .a1` before (formats.md)."""
    response = page(mirror, HOST + DISTRICTS)
    assert b'<td class="cntr"><a class="a2"' in response.body
    before = response.replace(
        body=response.body.replace(
            b'<td class="cntr"><a class="a2"', b'<td class="td2"><a class="a1"'
        )
    )
    assert [r.url for r in district_list(spider(), before)] == [
        r.url for r in district_list(spider(), response)
    ]


def test_a_list_without_district_links_stops_the_source(mirror):
    response = page(mirror, HOST + DISTRICTS)
    broken = response.replace(body=response.body.replace(b"wp033", b"wp099"))
    with pytest.raises(SourceError, match=r"wp032pt001f01=919\.html: no links to pages like wp033"):
        district_list(spider(), broken)


def with_th_headers(response: HtmlResponse) -> HtmlResponse:
    """The page with its tables' header rows written as <th> cells."""
    soup = BeautifulSoup(response.text, "lxml")
    for table in soup.find_all("table"):
        for cell in table.find("tr").find_all("td"):
            cell.name = "th"
    return response.replace(body=soup.encode("cp1251"))


def test_headers_in_th_read_as_headers_in_td(mirror, rows):
    response = page(mirror, district_url(11))
    td_records = list(spider().parse_district(response))
    th_records = list(spider().parse_district(with_th_headers(response)))
    assert [r["fields"] for r in th_records] == [r["fields"] for r in td_records]
    assert len(td_records) == len([r for r in rows if r["tvo"] == "11"])


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
    with pytest.raises(
        SourceError,
        match=r"cec: .*pf7331=11\.html: no table has the columns expected; missing: Висування$",
    ):
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


def follow(cec, mirror, request) -> list:
    """A request answered from the mirror, its records and further requests."""
    return list(request.callback(page(mirror, request.url), **request.cb_kwargs))


@pytest.fixture(scope="module")
def council_members(mirror):
    """Every 2020 member, reached as the spider goes: regions → councils of a type → council."""
    cec = spider()
    lists = list(cec.parse_regions(page(mirror, regions_url())))
    councils = [r for listing in lists for r in follow(cec, mirror, listing)]
    return lists, councils, [m for c in councils for m in follow(cec, mirror, c)]


@pytest.fixture(scope="module")
def council_rows(samples) -> list[dict]:
    return sample_rows(samples, "vm2020_elected_city_councils_3_oblasts.csv")


def test_the_regions_table_leads_to_each_region_s_city_councils(council_members, council_rows):
    lists, councils, _ = council_members
    regions = {r["Регіон"] for r in council_rows}
    assert {(r.cb_kwargs["region"], r.cb_kwargs["council_type"]) for r in lists} == {
        (region, "Міські") for region in regions
    }
    assert {(r.cb_kwargs["region"], r.cb_kwargs["council"]) for r in councils} == {
        (r["Регіон"], r["Рада"]) for r in council_rows
    }
    # The real council URL pattern, which the old spider crashed on (AttributeError).
    assert all("/pls/vm2020/pvm056pid102=" in r.url for r in councils)


def test_every_council_member_field_by_field(council_members, council_rows):
    """Region, council and type from the navigation, the party from its one-cell row, the
    other cells by their real titles: each the sample's row."""
    _, _, members = council_members
    assert len(members) == len({m["source_record_id"] for m in members}) == len(council_rows)
    read = sorted(
        (
            f["region"],
            f["council"],
            f["council_type"],
            f["party"],
            f["№ ТВО, за яким закріплено"],
            f"{f['surname']} {f['given_names']}",
            f["Відомості"],
            f["Виборчий округ, в якому обрано"],
        )
        for f in (m["fields"] for m in members)
    )
    expected = sorted(
        (
            r["Регіон"],
            r["Рада"],
            r["Тип ради"],
            " ".join(r["Партія"].split()),
            r["ТВО/ОВО"],
            " ".join(r["Прізвище, ім’я, по батькові"].split()),
            " ".join(r["Відомості"].split()),
            r["Виборчий округ, в якому обрано"],
        )
        for r in council_rows
    )
    assert read == expected


def test_a_council_page_with_the_other_district_title_and_a_nomination_column(mirror):
    """Councils elected by districts title the column "№ ОВО"; a page without party rows has
    a "Висування" column (CVK_data_scraper reads both)."""
    url = cec_mirror.council_url(1)
    response = page(mirror, url)
    soup = BeautifulSoup(response.text, "lxml")
    header = soup.find_all("table", class_="t2")[-1].find("tr")
    header.find_all("td")[0].string = "№ ОВО"
    for row in soup.find_all("td", class_="td10"):
        row.parent.decompose()
    for row in soup.find_all("table", class_="t2")[-1].find_all("tr"):
        cell = soup.new_tag("td")
        cell.string = "Висування" if row is header else "Самовисування"
        row.append(cell)
    kwargs = {"region": "R", "council_type": "Міські", "council": "C"}
    members = list(spider().parse_council(response.replace(body=soup.encode("cp1251")), **kwargs))
    assert members and all(m["fields"]["party"] == "Самовисування" for m in members)
    assert all("№ ОВО" in m["fields"] for m in members)


def test_a_regions_page_without_council_links_stops_the_source(mirror):
    response = page(mirror, regions_url())
    broken = response.replace(body=response.body.replace(b"pvm035", b"pvm099"))
    with pytest.raises(SourceError, match="no table of regions by council type"):
        list(spider().parse_regions(broken))


def test_every_judged_cec_record_keeps_its_id(mirror, rows):
    """Record ids are stable across layout changes: each CEC record data/judgements.csv names
    is still crawled under its id."""
    judged = {
        record.removeprefix("cec:")
        for judgement in judgements.load()
        for record in (judgement.left_record, judgement.right_record)
        if record.startswith("cec:")
    }
    crawled = set()
    for number in {r["tvo"] for r in rows}:
        crawled |= {
            r["source_record_id"]
            for r in spider().parse_district(page(mirror, district_url(number)))
        }
    assert judged and judged <= crawled
