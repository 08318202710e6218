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
            html.escape(row[key]) for key in row if key not in (NAME_2019, "tvo")]
        lines.append("<tr>" + "".join(f'<td class="{cls}">{c}</td>' for c in cells) + "</tr>")
    summary = f'<table class="t2"><tr><td class="td2">Округ № {number}</td></tr></table>'
    table = f'<table class="t2"><tr>{head}</tr>{"".join(lines)}</table>'
    return _page(f"Одномандатний виборчий округ № {number}", summary + table)


def build(samples: Path, mirror: MirrorBuilder) -> None:
    columns = sources.config("cec")["vnd2019"]["candidate_columns"]
    path = samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    with open(path, encoding="utf-8", newline="") as f:
        by_district: dict[str, list[dict]] = defaultdict(list)
        for row in csv.DictReader(f):
            by_district[row["tvo"]].append(row)
    content_type = f"text/html; charset={CHARSET}"
    links = []
    for number in sorted(by_district, key=int):
        mirror.add_rendered(district_url(number),
                            _candidates_page(number, by_district[number], columns),
                            content_type)
        links.append(f'<tr><td class="td2"><a class="a1" href="wp033pt001f01=919pf7331='
                     f'{number}.html">{number}</a></td></tr>')
    mirror.add_rendered(HOST + DISTRICTS,
                        _page("Одномандатні виборчі округи",
                              f'<table class="t2">{"".join(links)}</table>'), content_type)
