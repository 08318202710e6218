"""Spider `cec`: the 2019 district list → each single-member district's candidates table.

One record per candidate: the name cell's surname and given names (split at the CEC's <br>,
so they are never glued), and every other column by its title, as written. The district
comes from the page's URL (pf7331=<N>). The table's titles are checked against source.yml: a
missing one fails the run (the layout changed).
"""

import hashlib
import re

from bs4 import BeautifulSoup

from scrapers.base import SourceError, SourceSpider

HOST = "https://www.cvk.gov.ua"
_DISTRICT = re.compile(r"pf7331=(\d+)\.html")


class CecSpider(SourceSpider):
    name = "cec"

    async def start(self):
        yield self.request(HOST + self.source["vnd2019"]["districts"], self.parse_districts)

    def parse_districts(self, response):
        soup = BeautifulSoup(self.text_of(response), "lxml")
        links = [a["href"] for a in soup.select("table.t2 a.a1") if _DISTRICT.search(a["href"])]
        if not links:
            raise SourceError(self.name, self.real_url(response.url),
                              "no district links (table.t2 a.a1)")
        base = self.real_url(response.url)
        for href in links:
            url = re.sub(r"[^/]+$", href, base)
            yield self.request(url, self.parse_district)

    def parse_district(self, response):
        url = self.real_url(response.url)
        district = _DISTRICT.search(url).group(1)
        soup = BeautifulSoup(self.text_of(response), "lxml")
        table = next((t for t in soup.select("table.t2") if t.find("th")), None)
        if table is None:
            raise SourceError(self.name, url, "no candidates table (table.t2 with titles)")
        titles = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        expected = self.source["vnd2019"]["candidate_columns"]
        missing = [t for t in expected if t not in titles]
        if missing:
            raise SourceError(self.name, url, f"columns missing: {', '.join(missing)}")
        for title in titles:
            if title not in expected:
                self.issue(response, None, title, "unexpected column (kept in the raw record)")
        for row in table.find_all("tr"):
            cells = row.find_all("td")
            if not cells:
                continue
            if len(cells) != len(titles):
                self.issue(response, f"district {district}", None,
                           "row has a different number of cells than the titles", len(cells))
                continue
            surname, _, given = (cells[0].get_text("\n", strip=True) + "\n").partition("\n")
            fields = {"district": district, "surname": surname.strip(),
                      "given_names": " ".join(given.split())}
            for title, cell in zip(titles[1:], cells[1:], strict=True):
                fields[title] = " ".join(cell.get_text(" ").split())
            digest = hashlib.sha1(f"{surname}|{given}|{fields.get('Основні відомості')}"
                                  .encode()).hexdigest()[:10]
            yield self.record(response, "candidate", f"vnd2019:{district}:{digest}", fields)
