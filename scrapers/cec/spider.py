"""Spider `cec`: the CEC's pages as the real site writes them (formats.md).

2019 parliamentary election: the district list → each single-member district's candidates; the
results index → each district's results. 2020 local elections: the regions table → each
region's list of councils of a type → each council's elected members.

Tables are found by their header text, not by position or tag: the CEC writes its headers as
the first row of `<td>` cells (some pages use `<th>`), and a page may hold several `table.t2`.
Links are found by the URL pattern of the page they lead to, whatever their markup
(`td.cntr > a.a2` since mid-July 2019, `.td2 .a1` before). A council page's region, council and
council type come from the navigation that led to it; its parties are one-cell rows (`<b>`) or
a "Висування" column. A page without the expected table or links stops the source naming the
URL and what was expected; a column nobody expected is a data issue.
"""

import hashlib
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from pamyat.core import sources
from scrapers.base import SourceError, SourceSpider

HOST = sources.origin("cec")
BIO_2019 = sources.columns("cec", "vnd2019", "candidate_columns")["bio"]
MEMBERS_2020 = sources.columns("cec", "vm2020", "member_columns")


def title_key(text: str) -> str:
    """A column title as compared: spacing, case and the apostrophe's form do not count."""
    return " ".join(text.replace("’", "'").replace("ʼ", "'").split()).casefold()


def _text(cell) -> str:
    return " ".join(cell.get_text(" ").split())


def _person_cells(titles: list[str], cells: list, bio_title: str) -> tuple[dict, str]:
    """The fields of a row naming a person, and the record id part that tells namesakes
    (clone candidates) apart by their biographies. The name is the column whose title starts
    with "Прізвище": the surname, <br>, the given names (so never glued). The id part hashes
    the name as the cell splits, unstripped, so that record ids (and the judgements that name
    them, data/judgements.csv) stay what they were."""
    column = next((i for i, t in enumerate(titles) if title_key(t).startswith("прізвище")), 0)
    surname, _, given = (cells[column].get_text("\n", strip=True) + "\n").partition("\n")
    fields = {"surname": surname.strip(), "given_names": " ".join(given.split())}
    for number, (title, cell) in enumerate(zip(titles, cells, strict=True)):
        if number != column:
            fields[title] = _text(cell)
    digest = hashlib.sha1(f"{surname}|{given}|{fields.get(bio_title)}".encode()).hexdigest()
    return fields, digest[:10]


def _alternatives(required) -> list[str]:
    """A required title, or the list of titles any one of which will do."""
    return [title_key(t) for t in ([required] if isinstance(required, str) else required)]


def _rows(table) -> list:
    """A table's own rows (not those of a table inside it)."""
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _grid(row) -> list:
    """A row's cells, each repeated over the columns it spans."""
    cells = []
    for cell in row.find_all(["td", "th"], recursive=False):
        span = cell.get("colspan", "1")
        cells += [cell] * (int(span) if str(span).isdigit() else 1)
    return cells


class CecSpider(SourceSpider):
    name = "cec"

    async def start(self):
        vnd, vm = self.source["vnd2019"], self.source["vm2020"]
        listings = [
            (vnd["districts"], vnd["district_page"], self.parse_district),
            (vnd["results"], vnd["results_page"], self.parse_results),
        ]
        for index, pattern, callback in listings:
            kwargs = {"pattern": pattern, "callback": callback}
            yield self.request(HOST + index, self.parse_index, cb_kwargs=kwargs)
        yield self.request(HOST + vm["regions"], self.parse_regions)

    def page(self, response) -> BeautifulSoup:
        """The response parsed, its charset resolved; once per response."""
        return BeautifulSoup(self.text_of(response), "lxml")

    # Pages that list other pages -------------------------------------------------------------
    def links(self, response, pattern: str) -> list[tuple[str, object]]:
        """(absolute URL, link) of every link to a page of `pattern`; none stops the source."""
        soup = self.page(response)
        base = self.real_url(response.url)
        found = [
            (urljoin(base, a["href"]), a)
            for a in soup.find_all("a", href=True)
            if re.search(pattern, a["href"])
        ]
        if not found:
            raise SourceError(self.name, base, f"no links to pages like {pattern}")
        return found

    def parse_index(self, response, pattern: str, callback):
        """A list of districts: follow each district's link, once."""
        for url in dict(self.links(response, pattern)):
            yield self.request(url, callback)

    def parse_regions(self, response):
        """The 2020 regions table: each region's link to its councils of each type (the type
        is the column's header)."""
        url, config = self.real_url(response.url), self.source["vm2020"]
        types = {title_key(t): t for t in config["council_types"]}
        followed = 0
        for table in self.page(response).find_all("table"):
            rows = _rows(table)
            header = next((r for r in rows if self._council_type_header(r, types)), None)
            if header is None:
                continue
            labels = [title_key(_text(c)).removesuffix(" ради") for c in _grid(header)]
            for row in rows[rows.index(header) + 1 :]:
                cells = _grid(row)
                region = _text(cells[0]) if cells else ""
                for column, cell in enumerate(cells[1:], start=1):
                    link = cell.find("a", href=True)
                    if link is None or not re.search(config["council_list_page"], link["href"]):
                        continue
                    label = labels[column] if column < len(labels) else ""
                    if label not in types:
                        self.issue(response, region, label, "link under an unknown column")
                        continue
                    followed += 1
                    kwargs = {"region": region, "council_type": types[label]}
                    yield self.request(
                        urljoin(url, link["href"]), self.parse_council_list, cb_kwargs=kwargs
                    )
        if not followed:
            raise SourceError(
                self.name, url, "no table of regions by council type with links to their councils"
            )

    @staticmethod
    def _council_type_header(row, types: dict) -> bool:
        labels = {title_key(_text(c)).removesuffix(" ради") for c in _grid(row)}
        return len(labels & set(types)) >= 2

    def parse_council_list(self, response, region: str, council_type: str):
        """A region's councils of a type: "Region, Council" links to each council's page."""
        for url, link in dict(self.links(response, self.source["vm2020"]["council_page"])).items():
            _, _, council = _text(link).rpartition(", ")
            kwargs = {"region": region, "council_type": council_type, "council": council}
            yield self.request(url, self.parse_council, cb_kwargs=kwargs)

    # Tables ------------------------------------------------------------------------------------
    def titled_table(self, response, soup, columns: dict) -> tuple[list[str], list]:
        """(titles, rows below the header) of the page's table whose header row (one of its
        first three) has every required title, or one of its alternatives."""
        url = self.real_url(response.url)
        wanted_titles = list(columns["required"].values())
        required = [_alternatives(r) for r in wanted_titles]
        closest: list = wanted_titles
        for table in soup.find_all("table"):
            rows = _rows(table)
            for number, row in enumerate(rows[:3]):
                titles = [_text(c) for c in row.find_all(["td", "th"], recursive=False)]
                keys = {title_key(t) for t in titles}
                missing = [
                    wanted
                    for wanted, alternatives in zip(wanted_titles, required, strict=True)
                    if not any(a in keys for a in alternatives)
                ]
                if not missing:
                    self._check_titles(response, titles, columns)
                    return titles, rows[number + 1 :]
                closest = min(closest, missing, key=len)
        lacking = "; ".join(" or ".join([r] if isinstance(r, str) else r) for r in closest)
        raise SourceError(self.name, url, f"no table has the columns expected; missing: {lacking}")

    def _check_titles(self, response, titles: list[str], columns: dict) -> None:
        known = {title_key(t) for t in columns["expected"].values()}
        for required in columns["required"].values():
            known |= set(_alternatives(required))
        for title in titles:
            if title_key(title) not in known:
                self.issue(response, None, title, "unexpected column (kept in the raw record)")

    def table_rows(self, response, soup, columns: dict):
        """(titles, cells) of each row of the titled table with as many cells as titles; a
        one-cell row is yielded as (None, cells) (a party's heading); any other is reported."""
        titles, rows = self.titled_table(response, soup, columns)
        for number, row in enumerate(rows, start=1):
            cells = row.find_all(["td", "th"], recursive=False)
            if len(cells) == 1:
                yield None, cells
            elif len(cells) == len(titles):
                yield titles, cells
            elif cells:
                self.issue(
                    response,
                    f"row {number}",
                    None,
                    "row has a different number of cells than the titles",
                    len(cells),
                )

    def number_in_url(self, response, pattern: str) -> str:
        found = re.search(pattern, response.url)
        if found is None:
            url = self.real_url(response.url)
            raise SourceError(self.name, url, f"the URL is not like {pattern}")
        return found.group(1)

    # Records -----------------------------------------------------------------------------------
    def parse_district(self, response):
        """A district's candidates: the name cell split at <br>, the other cells by title."""
        config = self.source["vnd2019"]
        district = self.number_in_url(response, config["district_page"])
        soup = self.page(response)
        for titles, cells in self.table_rows(response, soup, config["candidate_columns"]):
            if titles is None:
                continue
            person, digest = _person_cells(titles, cells, BIO_2019)
            fields = {"district": district, **person}
            yield self.record(response, "candidate", f"vnd2019:{district}:{digest}", fields)

    def parse_results(self, response):
        """A district's results: each candidate's votes and share, as written, and the CEC's
        candidate id from the row's link."""
        config = self.source["vnd2019"]
        district = self.number_in_url(response, config["results_page"])
        soup = self.page(response)
        for titles, cells in self.table_rows(response, soup, config["result_columns"]):
            if titles is None:
                continue
            link = cells[0].find("a", href=True)
            found = re.search(config["candidate_page"], link["href"]) if link else None
            if found is None:
                self.issue(
                    response,
                    f"district {district}",
                    titles[0],
                    "result row without the candidate's link, skipped",
                    _text(cells[0]),
                )
                continue
            fields = {"district": district, "candidate_id": found.group(1)}
            fields |= {t: _text(c) for t, c in zip(titles, cells, strict=True)}
            yield self.record(response, "result", f"vnd2019:{found.group(1)}", fields)

    def parse_council(self, response, region: str, council_type: str, council: str):
        """A council's elected members (2020), under their parties' one-cell headings."""
        config = self.source["vm2020"]
        found = re.search(config["council_id"], response.url)
        council_id = found.group(1) if found else hashlib.sha1(response.url.encode()).hexdigest()
        soup = self.page(response)
        heading = soup.select_one("p.p2")
        title = _text(heading) if heading else None
        council = council or title
        if not council:
            raise SourceError(self.name, self.real_url(response.url), "no council name")
        party = None
        for titles, cells in self.table_rows(response, soup, config["member_columns"]):
            if titles is None:
                party = _text(cells[0].find("b") or cells[0])
                continue
            person, digest = _person_cells(titles, cells, MEMBERS_2020["bio"])
            fields = {
                "region": region,
                "council": council,
                "council_type": council_type,
                "page_title": title,
                **person,
            }
            fields["party"] = fields.get(MEMBERS_2020["nomination"]) or party
            yield self.record(response, "council_member", f"vm2020:{council_id}:{digest}", fields)
