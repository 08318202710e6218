"""Problems found in source data: kept as rows of the published `data_issues` table and logged."""

import logging
from collections import Counter

log = logging.getLogger("pamyat.data_issues")


class DataIssues:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, source, run_id, record_id, field, problem, value=None, *, stage, url=None):
        row = {
            "source": source,
            "run_id": run_id,
            "stage": stage,
            "source_url": url,
            "record_id": None if record_id is None else str(record_id),
            "field": field,
            "problem": problem,
            "value": None if value is None else str(value)[:500],
        }
        self.rows.append(row)
        log.debug(
            "%s %s record %s field %s: %s (%r)", source, stage, record_id, field, problem, value
        )

    def log_summary(self) -> None:
        """One line per source and problem (each issue is a row of `data_issues`)."""
        counts = Counter((r["source"], r["problem"]) for r in self.rows)
        for (source, problem), n in sorted(counts.items()):
            log.warning("%s: %d× %s (see the data_issues table)", source, n, problem)

    def about(self, record: dict, field, problem, value=None) -> None:
        """A problem found while normalising one raw record, located by its provenance."""
        self.add(
            record["source"],
            record["run_id"],
            record["source_record_id"],
            field,
            problem,
            value,
            stage="normalize",
            url=record["source_url"],
        )

    def extend_from_crawl(self, issues: list[dict]) -> None:
        for issue in issues:
            self.add(
                issue["source"],
                issue["run_id"],
                issue["record_id"],
                issue["field"],
                issue["problem"],
                issue["value"],
                stage="crawl",
                url=issue["source_url"],
            )
