"""Recorded responses of the CEC: pages rendered in the CEC's markup from the real rows.

We hold the real rows (samples/cec), saved as tables, not the pages. The mirror renders the
pages the spider reads: the 2019 district list (wp032) linking each district's candidates page
(wp033 ... pf7331=<N>), whose `table.t2` has the CEC's columns, the surname and the given names
separated by <br> in the name cell, as on the real site. Pages are served in windows-1251 with
the charset declared in a meta tag, as the live site does.
"""

import csv
import html
from collections import defaultdict
from pathlib import Path

from etl.identity.parse import unglue
from pamyat.mirror.manifest import MirrorBuilder
from scrapers import sources

HOST = "https://www.cvk.gov.ua"
DISTRICTS = "/pls/vnd2019/wp032pt001f01=919.html"
CHARSET = "windows-1251"
NAME_2019 = "Прізвище, ім'я та по батькові кандидата в депутати"


def district_url(number: int | str) -> str:
    return f"{HOST}/pls/vnd2019/wp033pt001f01=919pf7331={number}.html"


def results_url(number: int | str) -> str:
    """A district's results page (the pattern beside the index `wp306_npt001f01=919.html` is
    inferred: we hold the rows, not the pages)."""
    return f"{HOST}/pls/vnd2019/wp306_npt001f01=919pf7331={number}.html"


def _page(title: str, body: str) -> bytes:
    return (
        "<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<p class="p1">{html.escape(title)}</p>{body}</body></html>'
    ).encode(CHARSET, errors="xmlcharrefreplace")


def _name_cell(glued: str) -> str:
    """The CEC writes the surname, <br>, then the given names."""
    surname, _, given = unglue(glued).partition(" ")
    return f"{html.escape(surname)}<br>{html.escape(given)}"


def _candidates_page(number: str, rows: list[dict], columns: list[str]) -> bytes:
    head = "".join(f'<th class="th2">{html.escape(c)}</th>' for c in columns)
    lines = []
    for i, row in enumerate(rows):
        cls = "td2" if i % 2 == 0 else "td3"
        cells = [_name_cell(row[NAME_2019])] + [
            html.escape(row[key]) for key in row if key not in (NAME_2019, "tvo")
        ]
        lines.append("<tr>" + "".join(f'<td class="{cls}">{c}</td>' for c in cells) + "</tr>")
    summary = f'<table class="t2"><tr><td class="td2">Округ № {number}</td></tr></table>'
    table = f'<table class="t2"><tr>{head}</tr>{"".join(lines)}</table>'
    return _page(f"Одномандатний виборчий округ № {number}", summary + table)


def council_url(number: int) -> str:
    """A council's elected members (the pvm035 page; its parameters are inferred)."""
    return f"{HOST}/pls/vm2020/pvm035pt001f01=695pt005f01={number}.html"


def _council_page(rows: list[dict], columns: list[str]) -> bytes:
    first = rows[0]
    header = "".join(
        f'<p class="p2">{label}: {html.escape(first[label])}</p>'
        for label in ("Регіон", "Рада", "Тип ради")
    )
    head = "".join(f'<th class="th2">{html.escape(c)}</th>' for c in columns)
    lines = []
    for i, row in enumerate(rows):
        cls = "td2" if i % 2 == 0 else "td3"
        cells = [_name_cell(row["Прізвище, ім’я, по батькові"])] + [
            html.escape(row[c]) for c in columns[1:]
        ]
        lines.append("<tr>" + "".join(f'<td class="{cls}">{c}</td>' for c in cells) + "</tr>")
    table = f'<table class="t2"><tr>{head}</tr>{"".join(lines)}</table>'
    return _page(f"Обрані депутати: {first['Рада']}", header + table)


def _results_page(number: str, rows: list[dict]) -> bytes:
    titles = ["Кандидат", "% ЗА", "Голосів ЗА"]
    head = "".join(f'<th class="th2">{t}</th>' for t in titles)
    lines = []
    for i, row in enumerate(rows):
        cls = "td2" if i % 2 == 0 else "td3"
        link = html.escape(row["candidate_url"].rsplit("/", 1)[-1])
        name = f'<a class="a2" href="{link}">{html.escape(row["Кандидат"])}</a>'
        cells = [name, html.escape(row["% ЗА"]), html.escape(row["Голосів ЗА"])]
        lines.append("<tr>" + "".join(f'<td class="{cls}">{c}</td>' for c in cells) + "</tr>")
    counted = html.escape(rows[0]["percent_counted"]) if rows else ""
    summary = (
        f'<table class="t2"><tr><td class="td2">Оброблено протоколів: {counted}%</td></tr></table>'
    )
    table = f'<table class="t2"><tr>{head}</tr>{"".join(lines)}</table>'
    return _page(f"Результати голосування в одномандатному окрузі № {number}", summary + table)


def _index(title: str, urls: dict[str, str]) -> bytes:
    links = "".join(
        f'<tr><td class="td2"><a class="a1" href="{url.rsplit("/", 1)[-1]}">'
        f"{html.escape(label)}</a></td></tr>"
        for label, url in urls.items()
    )
    return _page(title, f'<table class="t2">{links}</table>')


def _rows_by_district(path: Path) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8", newline="") as f:
        by_district: dict[str, list[dict]] = defaultdict(list)
        for row in csv.DictReader(f):
            by_district[row["tvo"]].append(row)
    return dict(sorted(by_district.items(), key=lambda item: int(item[0])))


def build(samples: Path, mirror: MirrorBuilder) -> None:
    content_type = f"text/html; charset={CHARSET}"
    results = _rows_by_district(samples / "cec" / "vnd2019_single_member_results_wp306_tables.csv")
    for number, rows in results.items():
        mirror.add_rendered(results_url(number), _results_page(number, rows), content_type)
    mirror.add_rendered(
        HOST + sources.config("cec")["vnd2019"]["results"],
        _index("Результати виборів в одномандатних округах", {n: results_url(n) for n in results}),
        content_type,
    )
    councils: dict[tuple, list[dict]] = defaultdict(list)
    with open(
        samples / "cec" / "vm2020_elected_city_councils_3_oblasts.csv", encoding="utf-8", newline=""
    ) as f:
        for row in csv.DictReader(f):
            councils[(row["Регіон"], row["Рада"])].append(row)
    council_columns = sources.config("cec")["vm2020"]["member_columns"]
    urls = {}
    for number, key in enumerate(sorted(councils), start=1):
        urls[key[1]] = council_url(number)
        mirror.add_rendered(
            council_url(number), _council_page(councils[key], council_columns), content_type
        )
    mirror.add_rendered(
        HOST + sources.config("cec")["vm2020"]["councils"],
        _index("Місцеві вибори 2020: ради", urls),
        content_type,
    )
    columns = sources.config("cec")["vnd2019"]["candidate_columns"]
    candidates = _rows_by_district(
        samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    )
    for number, rows in candidates.items():
        mirror.add_rendered(
            district_url(number), _candidates_page(number, rows, columns), content_type
        )
    mirror.add_rendered(
        HOST + DISTRICTS,
        _index("Одномандатні виборчі округи", {n: district_url(n) for n in candidates}),
        content_type,
    )
