"""Spider `rada`: the catalogue of MP datasets → each convocation's MPs file → one record per MP.

Every column of the file is kept as it is (normalising is the ETL's job). The header is checked
against source.yml: a missing required column fails the run, anything else unexpected is a data
issue. Rows that cannot be an MP (no numeric id, wrong number of cells) are reported and skipped.
"""

import csv
import io
import json
import re

from scrapers.base import SourceError, SourceSpider

CATALOGUE_HOST = "https://data.rada.gov.ua"


def _strings(document):
    """Every string anywhere in a JSON document (the catalogue's shape is not ours to rely on)."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from _strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from _strings(value)


class RadaSpider(SourceSpider):
    name = "rada"

    async def start(self):
        yield self.request(CATALOGUE_HOST + self.source["catalogue"], self.parse_catalogue)

    def parse_catalogue(self, response):
        url = self.real_url(response.url)
        try:
            catalogue = json.loads(self.text_of(response))
        except json.JSONDecodeError as error:
            raise SourceError(self.name, url, f"the catalogue is not JSON: {error}") from error
        links = set(_strings(catalogue))
        for convocation in self.source["convocations"]:
            pattern = re.compile(rf"/ogd/mps/skl{convocation}/mps{convocation:02d}-data\.csv$")
            found = sorted(link for link in links if pattern.search(link))
            if not found:
                raise SourceError(
                    self.name, url, f"the catalogue lists no MPs file for convocation {convocation}"
                )
            yield self.request(found[0], self.parse_mps, cb_kwargs={"convocation": convocation})

    def parse_mps(self, response, convocation: int):
        reader = csv.DictReader(io.StringIO(self.text_of(response), newline=""))
        self.check_columns(response, reader.fieldnames or [])
        for line, row in enumerate(reader, start=2):
            record_id = (row.get("id") or "").strip()
            if None in row or None in row.values():
                self.issue(
                    response,
                    record_id or f"line {line}",
                    None,
                    "row has a different number of cells than the header",
                    line,
                )
            elif not record_id.isdigit():
                self.issue(
                    response, f"line {line}", "id", "MP id is missing or not a number", record_id
                )
            else:
                yield self.record(response, "mp", record_id, row)

    def check_columns(self, response, columns: list[str]) -> None:
        url = self.real_url(response.url)
        missing = [c for c in self.source["required_columns"] if c not in columns]
        if missing:
            raise SourceError(self.name, url, f"required columns missing: {', '.join(missing)}")
        for column in self.source["expected_columns"]:
            if column not in columns:
                self.issue(response, None, column, "expected column is missing")
        for column in columns:
            if column not in self.source["expected_columns"]:
                self.issue(response, None, column, "unexpected column (kept in the raw record)")
