"""Spider `nazk_party_reports`: the NAZK party-reports register, API v2.

`POST /parties` lists the central parties with their regional offices; `POST /party/{id}/reports`
lists the reports each of them filed; `GET /party/report/{id}` is a whole report. The payment
sections of source.yml are read from the report, and a section the report lacks is paged through
`POST /party/report/{id}/payments/{section}`. Each report is kept whole in the raw layer.
"""

import json

from scrapers.base import SourceError, SourceSpider


class NazkPartyReportsSpider(SourceSpider):
    name = "nazk_party_reports"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units: set[str] = set()
        self.reports: set[str] = set()

    async def start(self):
        yield self.post("/parties", "parties", self.parse_parties)

    def post(self, endpoint: str, kind: str, callback, page: int = 1, **cb_kwargs):
        size = self.source["page_size"][kind]
        body = {"filters": None, "order": None, "pager": {"page": page, "size": size}}
        return self.request(
            self.source["api"] + endpoint,
            callback,
            method="POST",
            body=json.dumps(body),
            headers={"Content-Type": "application/json"},
            cb_kwargs={"page": page, **cb_kwargs},
        )

    def answer(self, response) -> dict | list:
        try:
            return json.loads(self.text_of(response))["results"]
        except (ValueError, KeyError, TypeError) as error:
            url = self.real_url(response.url)
            raise SourceError(self.name, url, f"not a v2 answer: {error}") from error

    def listed(self, response, page: int, kind: str) -> tuple[list, bool]:
        """The rows of a list page, and whether another page follows."""
        results = self.answer(response)
        rows = results.get("list") if isinstance(results, dict) else None
        if not isinstance(rows, list):
            raise SourceError(self.name, self.real_url(response.url), "no results.list")
        more = len(rows) == self.source["page_size"][kind]
        if more and page >= self.source["max_pages"]:
            self.fail(f"{self.name}: {self.real_url(response.url)}: more than {page} pages")
            more = False
        return rows, more

    def parse_parties(self, response, page: int):
        parties, more = self.listed(response, page, "parties")
        for party in parties:
            yield self.record(response, "party", party["id"], party)
            for unit in [party, *(party.get("regional_offices") or [])]:
                if unit["id"] not in self.units:
                    self.units.add(unit["id"])
                    path = f"/party/{unit['id']}/reports"
                    yield self.post(path, "reports", self.parse_reports, path=path)
        if more:
            yield self.post("/parties", "parties", self.parse_parties, page + 1)

    def parse_reports(self, response, page: int, path: str):
        reports, more = self.listed(response, page, "reports")
        for report in reports:
            if report["id"] not in self.reports:
                self.reports.add(report["id"])
                url = f"{self.source['api']}/party/report/{report['id']}"
                yield self.request(url, self.parse_report)
        if more:
            yield self.post(path, "reports", self.parse_reports, page + 1, path=path)

    def parse_report(self, response):
        report = self.answer(response)
        if not isinstance(report, dict) or "id" not in report:
            raise SourceError(self.name, self.real_url(response.url), "not a report")
        info = report.setdefault("payment_info", {})
        missing = [
            (direction, section)
            for direction, names in self.source["sections"].items()
            for section in names
            if (info.get(direction) or {}).get(section) is None
        ]
        yield from self.next_section(response, report, missing)

    def next_section(self, detail, report: dict, missing: list):
        """Page the first missing section, or keep the report (with its detail's URL) once none
        is left."""
        if not missing:
            yield self.record(detail, "report", report["id"], report)
            return
        direction, section = missing[0]
        path = f"/party/report/{report['id']}/payments/{section}"
        report["payment_info"].setdefault(direction, {})[section] = []
        kwargs = {"path": path, "detail": detail, "report": report, "missing": missing}
        yield self.post(path, "section", self.parse_section, **kwargs)

    def parse_section(self, response, page: int, path, detail, report: dict, missing: list):
        rows, more = self.listed(response, page, "section")
        direction, section = missing[0]
        report["payment_info"][direction][section].extend(rows)
        if more:
            kwargs = {"path": path, "detail": detail, "report": report, "missing": missing}
            yield self.post(path, "section", self.parse_section, page + 1, **kwargs)
        else:
            yield from self.next_section(detail, report, missing[1:])
