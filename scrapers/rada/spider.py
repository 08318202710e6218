"""Spider `rada`: the catalogue of datasets → each convocation's files → one record per row.

Files (source.yml `files`): the MPs (one record per MP), their posts in factions, groups,
committees and delegations (one record per post), plenary registrations and vote results (one
record per event, with every MP's `id_mp:id_faction:status`), the event list, and each
event's roll-call page (one record per page, MPs by short name within faction blocks).
Every column is kept as it is (normalising is the ETL's job). Each header is checked against
source.yml: a missing required column fails the run, anything else unexpected is a data issue.
Rows that cannot be records (no numeric id, wrong number of cells) are reported and skipped.
"""

import csv
import hashlib
import io
import json

from pamyat.core import sources
from scrapers.base import SourceError, SourceSpider
from scrapers.rada import vote_page

# The column holding each file's record id (the MP's, or the plenary event's).
ID_COLUMNS = {
    "mp": "id",
    "post": "mp_id",
    "registration": "id_event",
    "vote_result": "id_event",
    "event_question": "id_event",
}


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
    """The row's own id; for a post, the MP's id and a digest of the post and body."""
    own_id = row[ID_COLUMNS[kind]].strip()
    if kind != "post":
        return own_id
    digest = hashlib.sha1(f"{row['post_name']}|{row['unit_name']}".encode()).hexdigest()[:12]
    return f"{own_id}:{digest}"


class RadaSpider(SourceSpider):
    name = "rada"

    async def start(self):
        yield self.request(sources.origin("rada") + self.source["catalogue"], self.parse_catalogue)

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
                yield self.request(
                    found[0], self.parse_file, cb_kwargs={"kind": kind, "convocation": convocation}
                )

    def parse_file(self, response, kind: str, convocation: int):
        delimiter = self.source["files"][kind].get("delimiter", ",")
        reader = csv.DictReader(
            io.StringIO(self.text_of(response), newline=""), delimiter=delimiter
        )
        self.check_columns(response, kind, reader.fieldnames or [])
        id_column = ID_COLUMNS[kind]
        for line, row in enumerate(reader, start=2):
            own_id = (row.get(id_column) or "").strip()
            if None in row or None in row.values():
                self.issue(
                    response,
                    own_id or f"line {line}",
                    None,
                    "row has a different number of cells than the header",
                    line,
                )
            elif not own_id.isdigit():
                self.issue(
                    response, f"line {line}", id_column, "id is missing or not a number", own_id
                )
            else:
                yield self.record(response, kind, record_id(kind, row), row)
                if kind == "event_question" and self.is_vote(row):
                    yield self.request(
                        self.vote_page_url(convocation, own_id),
                        self.parse_vote_page,
                        cb_kwargs={"g_id": own_id},
                    )

    def is_vote(self, event: dict) -> bool:
        """Only a vote has a roll-call page."""
        types = self.source["files"]["event_question"]["vote_event_types"]
        return (event.get("type_event") or "").strip() in types

    def vote_page_url(self, convocation: int, g_id: str) -> str:
        return self.source["vote_page"].format(nn=f"{convocation:02d}", g_id=g_id)

    def parse_vote_page(self, response, g_id: str):
        """One roll call: its header and every MP's option, by faction block."""
        try:
            page = vote_page.parse(self.text_of(response))
        except vote_page.PageError as error:
            self.issue(response, g_id, None, f"unreadable roll-call page: {error}")
            return
        for block in page["blocks"]:
            for name, option in block["votes"]:
                if option not in vote_page.OPTION_CODES:
                    self.issue(response, g_id, "status", f"unknown status word for {name}", option)
        yield self.record(response, "vote_page", g_id, page)

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
