"""Spider `rada`: the catalogue of MP datasets → each convocation's files → one record per row.

Files (source.yml `files`): the MPs (one record per MP) and their posts in factions, groups,
committees and delegations (one record per post). Every column is kept as it is (normalising
is the ETL's job). Each header is checked against source.yml: a missing required column fails
the run, anything else unexpected is a data issue. Rows that cannot be records (no numeric id,
wrong number of cells) are reported and skipped.
"""

import csv
import hashlib
import io
import json

from scrapers.base import SourceError, SourceSpider

CATALOGUE_HOST = "https://data.rada.gov.ua"
# The column holding the MP's id in each file.
ID_COLUMNS = {"mp": "id", "post": "mp_id"}


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


def record_id(kind: str, row: dict) -> str:
    """The MP's id for an MP; for a post, the MP's id and a digest of the post and body."""
    mp_id = row[ID_COLUMNS[kind]].strip()
    if kind == "mp":
        return mp_id
    digest = hashlib.sha1(f"{row['post_name']}|{row['unit_name']}".encode()).hexdigest()[:12]
    return f"{mp_id}:{digest}"


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
            for kind, spec in self.source["files"].items():
                path = spec["path"].format(n=convocation, nn=f"{convocation:02d}")
                found = sorted(link for link in links if link.endswith(path))
                if not found:
                    raise SourceError(
                        self.name,
                        url,
                        f"the catalogue lists no {kind} file for "
                        f"convocation {convocation} ({path})",
                    )
                yield self.request(found[0], self.parse_file, cb_kwargs={"kind": kind})

    def parse_file(self, response, kind: str):
        reader = csv.DictReader(io.StringIO(self.text_of(response), newline=""))
        self.check_columns(response, kind, reader.fieldnames or [])
        id_column = ID_COLUMNS[kind]
        for line, row in enumerate(reader, start=2):
            mp_id = (row.get(id_column) or "").strip()
            if None in row or None in row.values():
                self.issue(
                    response,
                    mp_id or f"line {line}",
                    None,
                    "row has a different number of cells than the header",
                    line,
                )
            elif not mp_id.isdigit():
                self.issue(
                    response, f"line {line}", id_column, "MP id is missing or not a number", mp_id
                )
            else:
                yield self.record(response, kind, record_id(kind, row), row)

    def check_columns(self, response, kind: str, columns: list[str]) -> None:
        spec = self.source["files"][kind]
        missing = [c for c in spec["required_columns"] if c not in columns]
        if missing:
            raise SourceError(
                self.name,
                self.real_url(response.url),
                f"required columns missing: {', '.join(missing)}",
            )
        for column in spec["expected_columns"]:
            if column not in columns:
                self.issue(response, None, column, "expected column is missing")
        for column in columns:
            if column not in spec["expected_columns"]:
                self.issue(response, None, column, "unexpected column (kept in the raw record)")
