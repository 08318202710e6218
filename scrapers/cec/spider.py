"""Spider `cec`: the 2019 district list → each single-member district's candidates table, and
the results index → each district's results.

One record per candidate: the name cell's surname and given names (split at the CEC's <br>,
so they are never glued), and every other column by its title, as written. One record per
result row: votes and share as written, and the CEC's candidate id from the row's link. The
district comes from the page's URL (pf7331=<N>). Each table's titles are checked against
source.yml: a missing one fails the run (the layout changed).
"""

import hashlib
import html
import re

from bs4 import BeautifulSoup

from scrapers.base import SourceError, SourceSpider

HOST = "https://www.cvk.gov.ua"
_DISTRICT = re.compile(r"pf7331=(\d+)\.html")


def _name_cell(cell) -> tuple[str, str]:
    """The CEC's name cell: the surname, <br>, the given names (so never glued)."""
    surname, _, given = (cell.get_text("\n", strip=True) + "\n").partition("\n")
    return surname, given


def _digest(surname: str, given: str, bio: str | None) -> str:
    """A record id part that tells namesakes (clone candidates) apart by their biographies."""
    return hashlib.sha1(f"{surname}|{given}|{bio}".encode()).hexdigest()[:10]


class CecSpider(SourceSpider):
    name = "cec"

    async def start(self):
        pages = [
            (self.source["vnd2019"]["districts"], self.parse_district),
            (self.source["vnd2019"]["results"], self.parse_results),
            (self.source["vm2020"]["councils"], self.parse_council),
        ]
        for index, callback in pages:
            yield self.request(HOST + index, self.parse_index, cb_kwargs={"callback": callback})

    def parse_index(self, response, callback):
        """A list of districts or councils: follow each link."""
        soup = BeautifulSoup(self.text_of(response), "lxml")
        links = [a["href"] for a in soup.select("table.t2 a.a1")]
        if not links:
            raise SourceError(self.name, self.real_url(response.url), "no links (table.t2 a.a1)")
        base = self.real_url(response.url)
        for href in links:
            yield self.request(re.sub(r"[^/]+$", href, base), callback)

    def _table(self, response, expected: list[str]):
        """The titled table.t2 of a page, its titles checked; yields (row number, cells)."""
        url = self.real_url(response.url)
        soup = BeautifulSoup(self.text_of(response), "lxml")
        table = next((t for t in soup.select("table.t2") if t.find("th")), None)
        if table is None:
            raise SourceError(self.name, url, "no titled table (table.t2 with th)")
        titles = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        missing = [t for t in expected if t not in titles]
        if missing:
            raise SourceError(self.name, url, f"columns missing: {', '.join(missing)}")
        for title in titles:
            if title not in expected:
                self.issue(response, None, title, "unexpected column (kept in the raw record)")
        for number, row in enumerate(table.find_all("tr")):
            cells = row.find_all("td")
            if not cells:
                continue
            if len(cells) != len(titles):
                self.issue(
                    response,
                    f"row {number}",
                    None,
                    "row has a different number of cells than the titles",
                    len(cells),
                )
                continue
            yield titles, cells

    def parse_results(self, response):
        """A district's results: each candidate's votes and share, as written."""
        district = _DISTRICT.search(response.url).group(1)
        for titles, cells in self._table(response, self.source["vnd2019"]["result_columns"]):
            link = cells[0].find("a")
            candidate_id = re.search(r"pf7201=(\d+)", link["href"]).group(1) if link else None
            if candidate_id is None:
                self.issue(
                    response,
                    f"district {district}",
                    "Кандидат",
                    "result row without the candidate's link, skipped",
                    cells[0].get_text(" ", strip=True),
                )
                continue
            fields = {"district": district, "candidate_id": candidate_id}
            for title, cell in zip(titles, cells, strict=True):
                fields[title] = " ".join(cell.get_text(" ").split())
            yield self.record(response, "result", f"vnd2019:{candidate_id}", fields)

    def parse_council(self, response):
        """A council's elected members (2020): its name, region and type from the header."""
        text = self.text_of(response)
        header = dict(re.findall(r'<p class="p2">([^:<]+): ([^<]*)</p>', text))
        council = {
            "region": html.unescape(header.get("Регіон", "")),
            "council": html.unescape(header.get("Рада", "")),
            "council_type": html.unescape(header.get("Тип ради", "")),
        }
        if not council["council"]:
            raise SourceError(self.name, self.real_url(response.url), "no council name")
        number = re.search(r"pt005f01=(\d+)", response.url).group(1)
        for titles, cells in self._table(response, self.source["vm2020"]["member_columns"]):
            surname, given = _name_cell(cells[0])
            fields = {**council, "surname": surname.strip(), "given_names": " ".join(given.split())}
            for title, cell in zip(titles[1:], cells[1:], strict=True):
                fields[title] = " ".join(cell.get_text(" ").split())
            digest = _digest(surname, given, fields.get("Відомості"))
            yield self.record(response, "council_member", f"vm2020:{number}:{digest}", fields)

    def parse_district(self, response):
        """A district's candidates: the name cell split at <br>, the other cells by title."""
        district = _DISTRICT.search(response.url).group(1)
        for titles, cells in self._table(response, self.source["vnd2019"]["candidate_columns"]):
            surname, given = _name_cell(cells[0])
            fields = {
                "district": district,
                "surname": surname.strip(),
                "given_names": " ".join(given.split()),
            }
            for title, cell in zip(titles[1:], cells[1:], strict=True):
                fields[title] = " ".join(cell.get_text(" ").split())
            digest = _digest(surname, given, fields.get("Основні відомості"))
            yield self.record(response, "candidate", f"vnd2019:{district}:{digest}", fields)
