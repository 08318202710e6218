"""Recorded responses of the CEC: pages rendered from the real rows in the real site's markup.

We hold the real rows (samples/cec), saved as tables, not the pages: no real CEC page is stored
anywhere we could find. The mirror renders them in the markup public scrapers of the live site
document (formats.md lists each element, the scraper that documents it, and what is inferred):

- 2019 district list `wp032…`: links `td.cntr > a.a2` to each district's `wp033…pf7331=N`,
  whose candidates are the second `table.t2`, headers the first row of `<td>` cells titled as
  the CEC titles them, the district in `p > font`, the surname and given names split by <br>;
- 2019 results index `wp306_n…`: links `td a.a1`; a district's results (the page's URL is
  inferred) have the district in `<h1>`, the share counted in `tr + tr .b`, and the table
  (`<th>` headers Кандидат, Графік, % ЗА, Голосів ЗА) with each candidate's `a.a2` link;
- 2020 regions `pvm002…`: the second `table.t2`, a header row of council types ("Міські ради")
  over two columns each, a row per region with a link `pvm035…pid112=T…pid100=R…` per type;
  that page lists "Region, Council" links `pvm056pid102=C…`; the council page has its title in
  `p.p2` and its members in the last `table.t2`, parties as one-cell `td.td10` rows in `<b>`,
  info cells `td.td2small`, columns "№ ТВО, за яким закріплено", "Прізвище, ім'я, по
  батькові", "Відомості", votes, quota share, district elected in.

Numbers the site gives and we do not hold (council, region and type codes in URLs, counts in
the regions table) are ours. Pages are served in windows-1251 with the charset in a meta tag,
as the live site does.
"""

import csv
import html
from collections import defaultdict
from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder
from pamyat.core.text.parse import unglue

HOST = sources.origin("cec")
DISTRICTS = "/pls/vnd2019/wp032pt001f01=919.html"
CHARSET = "windows-1251"
# Each table's titles by our name (source.yml).
NAME_2019 = sources.columns("cec", "vnd2019", "candidate_columns")["name"]
RESULTS = sources.columns("cec", "vnd2019", "result_columns")
MEMBERS = sources.columns("cec", "vm2020", "member_columns")
CONTENT_TYPE = f"text/html; charset={CHARSET}"
# Council types as the regions table heads them, and the code each has in the URLs (12, 21, 31
# and 61 documented; 41 inferred). The sample's "Тип ради" names the type without " ради".
COUNCIL_TYPES = {
    "Обласні": 12,
    "Районні": 21,
    "Міські": 31,
    "Районні у містах": 41,
    "Сільські, селищні": 61,
}
# A council page's columns in the page's order (a district's title: the first alternative).
MEMBER_COLUMNS = [
    title if isinstance(title, str) else title[0]
    for title in (
        MEMBERS[name] for name in ("district", "name", "bio", "votes", "quota_share", "elected_in")
    )
]
# The sample's columns (CVK_data_scraper renamed the real titles) → the real titles.
SAMPLE_COLUMNS = {
    "ТВО/ОВО": "№ ТВО, за яким закріплено",
    "Прізвище, ім’я, по батькові": "Прізвище, ім'я, по батькові",
}


def district_url(number: int | str) -> str:
    return f"{HOST}/pls/vnd2019/wp033pt001f01=919pf7331={number}.html"


def results_url(number: int | str) -> str:
    """A district's results page (the pattern beside the index `wp306_npt001f01=919.html` is
    inferred: we hold the rows, not the pages)."""
    return f"{HOST}/pls/vnd2019/wp306_npt001f01=919pf7331={number}.html"


def regions_url() -> str:
    return HOST + sources.config("cec")["vm2020"]["regions"]


def council_list_url(council_type: int, region: int) -> str:
    return (
        f"{HOST}/pls/vm2020/pvm035pt001f01=695pt00_t001f01=695"
        f"pid112={council_type}pid100={region}rej=0.html"
    )


def council_url(number: int) -> str:
    """A council's elected members (pid102 the council, pf7691 its election: ours)."""
    return (
        f"{HOST}/pls/vm2020/pvm056pid102={number}pf7691={60000 + number}"
        "pt001f01=695rej=0pt00_t001f01=695.html"
    )


def _page(title: str, body: str) -> bytes:
    return (
        "<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">'
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>"
    ).encode(CHARSET, errors="xmlcharrefreplace")


def _cells(values: list[str], cls: str) -> str:
    return "<tr>" + "".join(f'<td class="{cls}">{v}</td>' for v in values) + "</tr>"


def _name_cell(glued: str) -> str:
    """The CEC writes the surname, <br>, then the given names."""
    surname, _, given = unglue(glued).partition(" ")
    return f"{html.escape(surname)}<br>{html.escape(given)}"


def _link(url: str, text: str, cls: str) -> str:
    return f'<a class="{cls}" href="{url.rsplit("/", 1)[-1]}">{html.escape(text)}</a>'


# 2019 --------------------------------------------------------------------------------------------
def _districts_page(numbers) -> bytes:
    rows = "".join(
        f'<tr><td class="cntr">{_link(district_url(n), n, "a2")}</td></tr>' for n in numbers
    )
    head = _cells(["№ ОВО"], "td2")
    return _page("Одномандатні виборчі округи", f'<table class="t2">{head}{rows}</table>')


def _candidates_page(number: str, rows: list[dict]) -> bytes:
    titles = [key for key in rows[0] if key != "tvo"]
    lines = [_cells([html.escape(t) for t in titles], "td1")]
    for i, row in enumerate(rows):
        cells = [_name_cell(row[NAME_2019])] + [html.escape(row[t]) for t in titles[1:]]
        lines.append(_cells(cells, "td2" if i % 2 == 0 else "td3"))
    heading = f"<p><font>Одномандатний виборчий округ № {number}</font></p>"
    summary = f'<table class="t2">{_cells([f"Округ № {number}"], "td2")}</table>'
    table = f'<table class="t2">{"".join(lines)}</table>'
    return _page(f"Округ № {number}", heading + summary + table)


def _results_index(numbers) -> bytes:
    rows = "".join(
        f'<tr><td class="td2">{_link(results_url(n), f"Округ № {n}", "a1")}</td></tr>'
        for n in numbers
    )
    return _page("Результати в одномандатних округах", f"<table><tbody>{rows}</tbody></table>")


def _results_page(number: str, rows: list[dict]) -> bytes:
    columns = [RESULTS[name] for name in ("candidate", "chart", "share", "votes")]
    head = "".join(f"<th>{t}</th>" for t in columns)
    lines = []
    for row in rows:
        name = _link(row["candidate_url"], row[RESULTS["candidate"]], "a2")
        lines.append(
            f"<tr><td>{name}</td><td></td><td>{html.escape(row[RESULTS['share']])}</td>"
            f"<td>{html.escape(row[RESULTS['votes']])}</td></tr>"
        )
    counted = html.escape(rows[0]["percent_counted"]) if rows else ""
    progress = (
        "<table><tr><td>Відсоток опрацьованих протоколів</td></tr>"
        f'<tr><td class="b">{counted}</td></tr></table>'
    )
    table = f'<table class="t2"><tr>{head}</tr>{"".join(lines)}</table>'
    table = f"<div><main><div>{table}</div></main></div>"
    heading = f"<h1>Одномандатний виборчий округ № {number}</h1>"
    return _page(f"Результати: округ № {number}", heading + progress + table)


# 2020 --------------------------------------------------------------------------------------------
def _regions_page(links: dict[str, dict[str, str]]) -> bytes:
    """Regions by council type; each type two columns (elected members, a link to the
    councils), as CVK_data_scraper reads them."""
    types = list(COUNCIL_TYPES)
    head = '<td class="td1" rowspan="2">Регіон</td><td class="td1" rowspan="2">Рад</td>'
    head += "".join(f'<td class="td1" colspan="2">{t} ради</td>' for t in types)
    head += '<td class="td1" colspan="2">Разом</td>'
    sub = "".join('<td class="td1">рад</td><td class="td1">депутатів</td>' for _ in types + [0])
    lines = [f"<tr>{head}</tr>", f"<tr>{sub}</tr>"]
    for region, by_type in links.items():
        cells = [html.escape(region), str(len(by_type))]
        for council_type in types:
            url = by_type.get(council_type)
            cells += [_link(url, "1", "a1") if url else "", ""]
        lines.append(_cells(cells + ["", ""], "td2"))
    lines.append(_cells(["Разом", ""] + [""] * (2 * len(types) + 2), "td2"))
    tables = '<table class="t2"><tr><td>Місцеві вибори 2020</td></tr></table>'
    tables += f'<table class="t2">{"".join(lines)}</table>'
    return _page("Обрані депутати місцевих рад", tables)


def _council_list_page(region: str, councils: dict[str, str]) -> bytes:
    lines = [_cells(["Рада"], "td1")]
    for council, url in councils.items():
        lines.append(_cells([_link(url, f"{region}, {council}", "a1")], "td2"))
    return _page(region, f'<table class="t2">{"".join(lines)}</table>')


def _council_page(council: str, rows: list[dict]) -> bytes:
    lines = [_cells([html.escape(c) for c in MEMBER_COLUMNS], "td1")]
    party = None
    for row in rows:
        if row["Партія"] != party:
            party = row["Партія"]
            lines.append(
                f'<tr><td class="td10" colspan="{len(MEMBER_COLUMNS)}">'
                f"<b>{html.escape(party)}</b></td></tr>"
            )
        real = {SAMPLE_COLUMNS.get(key, key): value for key, value in row.items()}
        cells = [html.escape(real[MEMBER_COLUMNS[0]]), _name_cell(real[MEMBER_COLUMNS[1]])]
        cells.append(f'<td class="td2small">{html.escape(real[MEMBER_COLUMNS[2]])}</td>')
        cells += [html.escape(real[c]) for c in MEMBER_COLUMNS[3:]]
        lines.append(
            "<tr>"
            + "".join(c if c.startswith("<td") else f'<td class="td2">{c}</td>' for c in cells)
            + "</tr>"
        )
    heading = f'<p class="p2">{html.escape(council)}</p>'
    summary = '<table class="t2"><tr><td>Обрані депутати</td></tr></table>'
    return _page(council, heading + summary + f'<table class="t2">{"".join(lines)}</table>')


def _rows_by_district(path: Path) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8", newline="") as f:
        by_district: dict[str, list[dict]] = defaultdict(list)
        for row in csv.DictReader(f):
            by_district[row["tvo"]].append(row)
    return dict(sorted(by_district.items(), key=lambda item: int(item[0])))


def council_type_of(sample_type: str) -> str:
    """The regions table's column for the sample's "Тип ради" ("Сільські" and "Селищні" share
    one)."""
    return next(t for t in COUNCIL_TYPES if sample_type.casefold() in t.casefold())


def councils_of(path: Path) -> dict[tuple[str, str], list[dict]]:
    """The sample's members by (region, council), councils numbered in this order."""
    councils: dict[tuple, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            councils[(row["Регіон"], row["Рада"])].append(row)
    return dict(sorted(councils.items()))


def _build_2020(samples: Path, mirror: MirrorBuilder) -> None:
    councils = councils_of(samples / "cec" / "vm2020_elected_city_councils_3_oblasts.csv")
    regions = sorted({region for region, _ in councils})
    listed: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for number, ((region, council), rows) in enumerate(councils.items(), start=1):
        mirror.add_rendered(council_url(number), _council_page(council, rows), CONTENT_TYPE)
        listed[(region, council_type_of(rows[0]["Тип ради"]))][council] = council_url(number)
    links: dict[str, dict[str, str]] = defaultdict(dict)
    for (region, council_type), by_council in listed.items():
        url = council_list_url(COUNCIL_TYPES[council_type], regions.index(region) + 1)
        links[region][council_type] = url
        mirror.add_rendered(url, _council_list_page(region, by_council), CONTENT_TYPE)
    mirror.add_rendered(regions_url(), _regions_page(dict(sorted(links.items()))), CONTENT_TYPE)


def build(samples: Path, mirror: MirrorBuilder) -> None:
    results = _rows_by_district(samples / "cec" / "vnd2019_single_member_results_wp306_tables.csv")
    for number, rows in results.items():
        mirror.add_rendered(results_url(number), _results_page(number, rows), CONTENT_TYPE)
    index = HOST + sources.config("cec")["vnd2019"]["results"]
    mirror.add_rendered(index, _results_index(results), CONTENT_TYPE)
    candidates = _rows_by_district(
        samples / "cec" / "vnd2019_single_member_candidates_wp033_tables.csv"
    )
    for number, rows in candidates.items():
        mirror.add_rendered(district_url(number), _candidates_page(number, rows), CONTENT_TYPE)
    mirror.add_rendered(HOST + DISTRICTS, _districts_page(candidates), CONTENT_TYPE)
    _build_2020(samples, mirror)
