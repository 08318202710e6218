"""Spider `chesno_party_reports`: CHESNO's CSV tables of party finance reports.

Each file of source.yml is fetched at its pinned commit; every row becomes a record that keeps
the row as written (column titles in Ukrainian) with the file's table kind and election.
"""

import csv
import io
from urllib.parse import quote

from pamyat.core import sources
from scrapers.base import SourceError, SourceSpider

SOURCE = "chesno_party_reports"


def file_url(entry: dict) -> str:
    base = sources.config(SOURCE)["repositories"][entry["repository"]]
    return f"{base}/{quote(entry['path'])}"


class ChesnoPartyReportsSpider(SourceSpider):
    name = SOURCE

    async def start(self):
        for entry in self.source["files"]:
            yield self.request(file_url(entry), self.parse_table, cb_kwargs={"entry": entry})

    def parse_table(self, response, entry: dict):
        rows = list(csv.DictReader(io.StringIO(self.text_of(response))))
        if not rows:
            raise SourceError(self.name, self.real_url(response.url), "no rows")
        for number, row in enumerate(rows, start=1):
            if None in row:  # more cells than titles: the row is not what the header says
                self.issue(response, number, None, "more cells than column titles", row[None])
                del row[None]
            fields = {"table": entry["table"], "election": entry.get("election"), "row": row}
            record_id = f"{entry['repository']}/{entry['path']}#{number}"
            yield self.record(response, entry["table"], record_id, fields)
