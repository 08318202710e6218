"""`pamyat nightly`: crawl every source, build, and leave a morning report for the staff.

Each source is crawled on its own: one that fails (down, 5xx, timeout, truncated, empty, a
changed layout, too few records against the last good run) keeps its last good data, and the
others are published. The report (data/reports/<start>.md and .json) lists every failure and
the records added, changed and removed per table and source. Exit status 1 when anything
failed, so cron mails the staff.
"""

import json
import signal
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl.publish.database import backup_path
from pamyat import watch
from pamyat.build import BuildError, BuildReport, build
from pamyat.core import config
from pamyat.crawl import crawl

EXAMPLES = 30
ALL_SOURCES = "all sources"
CHANGE_TYPES = ("added", "changed", "removed")
# The share of the nightly's deadline its crawls may take; the rest is the build's.
CRAWL_SHARE = 0.75


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def change_counts(changes: pd.DataFrame) -> list[dict]:
    """Rows added, changed and removed per source and table (a table made from every source,
    such as persons, counts under "all sources")."""
    if changes.empty:
        return []
    frame = changes.assign(source=changes["source"].fillna(ALL_SOURCES))
    counts = (
        frame.groupby(["source", "table_name", "change_type"])["record_key"]
        .nunique()
        .unstack(fill_value=0)
        .reindex(columns=["added", "changed", "removed"], fill_value=0)
        .reset_index()
        .rename(columns={"table_name": "table"})
    )
    return [
        {k: (int(v) if k in CHANGE_TYPES else v) for k, v in row.items()}
        for row in counts.to_dict("records")
    ]


def interrupted_runs() -> list[str]:
    """Crawls that were killed: records kept aside in a .part file, no outcome written."""
    return sorted(
        str(part)
        for part in config.raw_dir().glob("*/*.jsonl.part")
        if not part.with_name(part.name.removesuffix(".jsonl.part") + ".run.json").exists()
    )


def report_data(
    started: str,
    manifests: list[dict],
    built: BuildReport | None,
    error,
    quarantined: list[str],
    rejected: list[str] = (),
) -> dict:
    changes = built.changes if built is not None else pd.DataFrame()
    examples = changes.head(EXAMPLES).astype(object)
    return {
        "started_at": started,
        "finished_at": _now(),
        "status": "ok"
        if error is None and not rejected and all(m["status"] == "ok" for m in manifests)
        else "failed",
        "database": str(config.database_path()),
        "backup": str(backup_path(config.database_path())),
        "sources": [
            {
                "source": m["source"],
                "run_id": m["run_id"],
                "status": m["status"],
                "records": m["records"],
                "records_by_kind": m.get("records_by_kind", {}),
                # An incremental crawl: the good run it adds to, and all they hold together.
                "builds_on": m.get("builds_on"),
                "held": sum((m.get("held_by_kind") or {}).values()) or m["records"],
                "failures": m["failures"],
                "data_issues": len(m.get("issues", [])),
                "published_run": (built.runs.get(m["source"]) if built else None),
            }
            for m in manifests
        ],
        "build": {
            "status": "failed" if error else "ok",
            "error": error,
            "rows": built.rows if built else {},
            "stages": built.stages if built else [],
        },
        "interrupted_runs": interrupted_runs(),
        "quarantined_runs": quarantined,
        "rejected_runs": list(rejected),
        "changes": change_counts(changes),
        "change_examples": examples.where(examples.notna(), None).to_dict("records"),
        # What the build learned of the ones the staff watch (pamyat/watch.py).
        "watchlist": watch.last_build_report(config.database_path()) if built else [],
    }


def watchlist_markdown(watched: list[dict]) -> list[str]:
    """The report's first section: what changed for each one watched."""
    if not watched:
        return []
    lines = ["## Watchlist", ""]
    for w in watched:
        found = w["events"] or w["changes"]
        lines.append(
            f"### {w['name']} ({w['kind']} {w['id']})" + ("" if found else ": nothing new")
        )
        lines += [f"- {watch.event_line(e)}" for e in w["events"]]
        if w["changes"]:
            lines.append(
                "- rows changed: "
                + ", ".join(
                    f"{c['table_name']} {c['change_type']} {c['rows']}" for c in w["changes"]
                )
            )
        lines.append("")
    return lines


def markdown(report: dict) -> str:
    failed = [s for s in report["sources"] if s["status"] != "ok"]
    headline = (
        "all sources ok"
        if report["status"] == "ok"
        else f"{len(failed)} source(s) FAILED"
        + ("; BUILD FAILED" if report["build"]["error"] else "")
    )
    lines = [f"# Pamyat nightly, {report['started_at']}: {headline}", ""]
    lines += watchlist_markdown(report.get("watchlist") or [])
    lines += [
        "| source | status | records | data issues | published run |",
        "|---|---|---|---|---|",
    ]
    for s in report["sources"]:
        records = s["records"]
        if s.get("builds_on"):
            records = f"{records} new (with run {s['builds_on']}: {s['held']})"
        lines.append(
            f"| {s['source']} | {s['status']} | {records} | {s['data_issues']} | "
            f"{s['published_run'] or '-'} |"
        )
    for s in failed:
        lines += ["", f"## {s['source']} failed: its last good data stays published", ""]
        lines += [f"- {failure}" for failure in s["failures"]]
    if report["build"]["error"]:
        lines += ["", "## The build failed: the published database was left as it was", ""]
        lines.append(f"- {report['build']['error']}")
    if report["quarantined_runs"]:
        lines += ["", "## Quarantined runs (a corrupt file; set aside, never read again)", ""]
        lines += [f"- {what}" for what in report["quarantined_runs"]]
    if report.get("rejected_runs"):
        lines += ["", "## Runs passed over (they lost entries; the run before is published)", ""]
        lines += [f"- {what}" for what in report["rejected_runs"]]
    if report["interrupted_runs"]:
        lines += ["", "## Interrupted crawls (killed; kept aside, never published)", ""]
        lines += [f"- {path}" for path in report["interrupted_runs"]]
    if report["build"]["stages"]:
        lines += ["", "## Where the build's time went", ""]
        lines += ["| stage | seconds | items | peak memory MB |", "|---|---|---|---|"]
        lines += [
            f"| {s['stage']} | {s['seconds']} | {s['items'] or '-'} | {s['peak_memory_mb']} |"
            for s in report["build"]["stages"]
        ]
    lines += ["", "## Changes", ""]
    if not report["changes"]:
        lines.append("No record was added, changed or removed.")
    else:
        lines += ["| source | table | added | changed | removed |", "|---|---|---|---|---|"]
        for c in report["changes"]:
            lines.append(
                f"| {c['source']} | {c['table']} | {c['added']} | {c['changed']} | {c['removed']} |"
            )
        lines += ["", f"First {EXAMPLES} (all in the `changes` table):", ""]
        for c in report["change_examples"]:
            what = f"{c['field']}: {c['old_value']!r} → {c['new_value']!r}" if c["field"] else ""
            lines.append(f"- {c['table_name']} {c['record_key']} {c['change_type']} {what}")
    lines += [
        "",
        f"Database: {report['database']}; the one it replaced: {report['backup']} "
        "(`pamyat rollback` puts it back).",
    ]
    return "\n".join(lines) + "\n"


class _Overtime(Exception):
    pass


@contextmanager
def _deadline(seconds: float):
    """Raises _Overtime in this thread once `seconds` have passed."""

    def overtime(signum, frame):
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def nightly(
    names: list[str],
    mirror: bool,
    mirror_url: str | None,
    processes: int | None = None,
    deadline: int | None = None,
) -> tuple[dict, Path]:
    """Crawl, build and report within `deadline` seconds (PAMYAT_NIGHTLY_DEADLINE): the crawls
    end by CRAWL_SHARE of it, and a build still running at the deadline is stopped, leaving the
    published database as it was."""
    started = _now()
    deadline = deadline or config.nightly_deadline()
    begun = time.monotonic()
    manifests = crawl(
        names, mirror, mirror_url, quiet=True, processes=processes,
        until=begun + deadline * CRAWL_SHARE,
    )  # fmt: skip
    built, error, progress = None, None, BuildReport()
    try:
        with _deadline(begun + deadline - time.monotonic()):
            built = build(report=progress)
    except BuildError as failure:
        error = str(failure)
    except _Overtime:
        error = f"the nightly passed its deadline of {deadline} s during the build"
    report = report_data(started, manifests, built, error, progress.quarantined, progress.rejected)
    folder = config.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / started.replace(":", "")
    stem.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    stem.with_suffix(".md").write_text(markdown(report), encoding="utf-8")
    return report, stem.with_suffix(".md")
