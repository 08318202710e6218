"""Problems found in source data: kept as rows of the published `data_issues` table and logged."""

import logging
from collections import Counter, defaultdict

log = logging.getLogger("pamyat.data_issues")


class DataIssues:
    def __init__(self):
        self.rows: list[dict] = []
        # Per source: the entries its records' sections held, those that became rows, and those
        # kept in the raw layer only by a stated rule (see `entries`).
        self.coverage: dict[str, Counter] = defaultdict(Counter)

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

    def entries(self, record: dict, section: str, held: int, rows: int, withheld=False) -> None:
        """No silent loss: what one section of a record held against the rows it yielded. A
        section kept in the raw layer only by a stated rule is `withheld`; any other entry
        without its row is a data issue naming the record and the section."""
        counted = self.coverage[record["source"]]
        counted["held"] += held
        if withheld:
            counted["withheld"] += held
            return
        counted["rows"] += min(rows, held)
        if rows < held:
            counted["lost"] += held - rows
            self.about(
                record, section, f"{held - rows} of the section's {held} entries yielded no row"
            )

    def loss_gate(self, source: str, max_share: float) -> str | None:
        """Why a source's read fails its gate (more of its entries lost than `max_share`, from
        source.yml `max_entry_loss`), or None."""
        counted = self.coverage.get(source, Counter())
        readable = counted["held"] - counted["withheld"]
        if not readable or counted["lost"] / readable <= max_share:
            return None
        return (
            f"{source}: {counted['lost']} of {readable} entries of its records yielded no row "
            f"({counted['lost'] / readable:.1%}; at most {max_share:.1%} may); see data_issues"
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
