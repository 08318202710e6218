"""bench/results.md from bench/results.json: each stage beside the machine's floor, the targets,
identity and mention quality against the generated truth, and the portal's latency."""

import json
from pathlib import Path

from bench.portal import latency_table

HERE = Path(__file__).resolve().parent
TARGETS = {
    "end_to_end_10pct_s": 600,
    "peak_memory_mb": 4096,
    "identity_100pct_s": 120,
    "identity_100pct_mb": 4096,
    "identity_10pct_precision": 0.995,
    "identity_10pct_recall": 0.95,
}
# p95 latency targets (ms) of pages on the national database: #14's person page, #27's feeds.
PAGE_P95_MS = dict.fromkeys(
    (
        "person page",
        "person feed",
        "party feed",
        "party members feed",
        "faction members feed",
        "portal feed",
    ),
    200,
)

# Stage → (its throughput: items or MB a second, the floor it is compared with).
FLOOR_OF = {
    "crawl+parse": ("responses", "scrapy_loopback_responses_per_s"),
    "normalise": ("raw MB", "json_parse_mb_per_s"),
    "identity": ("pairs", "rapidfuzz_cdist_pairs_per_s"),
    "publish": ("rows", "sqlite_insert_rows_per_s"),
    "fts": ("rows", "fts5_build_rows_per_s"),
    # The events are found by SQL over the published tables and inserted: the insert floor.
    "events": ("rows", "sqlite_insert_rows_per_s"),
}


def _stages(run: dict) -> list[dict]:
    """Every stage with what it handled: the crawl's responses, the normaliser's raw MB, the
    identity engine's pairs, rows published and indexed."""
    crawl = run["crawl"]
    rows = [
        {
            "stage": "crawl+parse",
            "seconds": crawl["seconds"],
            "items": crawl["records"],
            "work": crawl["responses"],
            "peak_memory_mb": crawl["peak_memory_mb"],
        }
    ]
    for stage in run["build"]["stages"]:
        work = stage["items"]
        if stage["stage"] == "normalise":
            work = crawl["raw_mb"]
        elif stage["stage"] == "identity":
            work = run["build"]["pairs_compared"]
        rows.append({**stage, "work": work})
    return rows


def _rate(work, seconds) -> float | None:
    return round(work / seconds, 1) if work and seconds else None


def _number(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if isinstance(value, float) and value < 100 else f"{value:,.0f}"


def stage_table(run: dict, floors: dict) -> list[str]:
    lines = [
        "| stage | seconds | items | items/s | peak MB | throughput | machine floor | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in _stages(run):
        unit, floor_key = FLOOR_OF.get(s["stage"], (None, None))
        rate = _rate(s["work"], s["seconds"]) if unit else None
        floor = floors.get(floor_key) if floor_key else None
        ratio = f"{rate / floor:.2f}" if rate and floor else "-"
        throughput = f"{_number(rate)} {unit}/s" if rate else "-"
        floor_text = f"{_number(floor)} {unit}/s" if floor else "-"
        lines.append(
            f"| {s['stage']} | {s['seconds']} | {_number(s['items'])} | "
            f"{_number(_rate(s['items'], s['seconds']))} | {s['peak_memory_mb']:,} | "
            f"{throughput} | {floor_text} | {ratio} |"
        )
    return lines


def end_to_end(run: dict) -> tuple[float, int]:
    """Crawl from the mirror to a published database: seconds and the largest peak."""
    return (
        round(run["crawl"]["seconds"] + run["build"]["seconds"], 1),
        max(run["crawl"]["peak_memory_mb"], run["build"]["peak_memory_mb"]),
    )


def _identity_at_full_scale() -> dict | None:
    path = HERE / "identity.json"
    if not path.is_file():
        return None
    return next((r for r in json.loads(path.read_text()) if r["fraction"] == 1.0), None)


def _pages_with_targets() -> dict | None:
    """The national database's latencies of the pages with a target (bench/portal.json)."""
    path = HERE / "portal.json"
    if not path.is_file():
        return None
    measured = json.loads(path.read_text())
    found = [
        r for r in measured["latency"] if r["database"] == "national" and r["page"] in PAGE_P95_MS
    ]
    return {"scale": measured["scale"], "rows": found} if found else None


def targets(results: dict) -> list[str]:
    lines = ["| target | measured | met |", "|---|---|---|"]
    for run in results["runs"]:
        seconds, peak = end_to_end(run)
        if run["scale"] == 0.1:
            met = seconds < TARGETS["end_to_end_10pct_s"]
            lines.append(f"| 10% end to end < 600 s | {seconds} s | {'yes' if met else 'NO'} |")
            met = peak < TARGETS["peak_memory_mb"]
            lines.append(f"| 10% peak memory < 4 GB | {peak:,} MB | {'yes' if met else 'NO'} |")
            lines += _identity_targets(run)
    identity = _identity_at_full_scale()
    if identity:
        met = identity["seconds_identity"] < TARGETS["identity_100pct_s"]
        lines.append(
            f"| identity at 100% < 120 s (bench/identity.md) | {identity['seconds_identity']} s "
            f"for {identity['candidates']:,} × {identity['declarants']:,} records | "
            f"{'yes' if met else 'NO'} |"
        )
        met = identity["peak_memory_mb"] < TARGETS["identity_100pct_mb"]
        lines.append(
            f"| identity at 100% < 4 GB | {identity['peak_memory_mb']:,} MB | "
            f"{'yes' if met else 'NO'} |"
        )
    pages = _pages_with_targets()
    if pages:
        for row in pages["rows"]:
            target = PAGE_P95_MS[row["page"]]
            met = row["p95_ms"] < target
            lines.append(
                f"| {row['page']} p95 < {target} ms at {pages['scale'] * 100:g}% "
                f"(bench/portal.md), {row['clients']} client(s) | {row['p95_ms']} ms | "
                f"{'yes' if met else 'NO'} |"
            )
    return lines


def _identity_targets(run: dict) -> list[str]:
    """The 10% identity targets: against the truth, and against Splink in the same run."""
    engines = run.get("identity_engines", [])
    ours = next((e for e in engines if e["engine"] == "ours"), None)
    if ours is None:
        return []
    splink = next((e for e in engines if e["engine"] == "splink"), None)
    lines = []
    for what in ("precision", "recall"):
        floor = TARGETS[f"identity_10pct_{what}"]
        met = ours[what] >= floor
        lines.append(f"| 10% identity {what} ≥ {floor} | {ours[what]} | {'yes' if met else 'NO'} |")
    if splink:
        # Ours at the build's threshold, or at the first stricter one as precise as Splink.
        matched = next(
            (e for e in engines if e["engine"] == "ours" and e["precision"] >= splink["precision"]),
            None,
        )
        met = matched is not None and matched["recall"] >= splink["recall"]
        at = "ours: none as precise" if matched is None else _engine_label(matched)
        shown = "" if matched is None else f" {matched['precision']} / {matched['recall']}"
        lines.append(
            f"| 10% identity: our recall ≥ Splink's at equal or better precision | {at}"
            f"{shown}, Splink {splink['precision']} / {splink['recall']} "
            f"| {'yes' if met else 'NO'} |"
        )
    return lines


def _engine_label(engine: dict) -> str:
    threshold = engine.get("threshold")
    at = "the build's threshold" if threshold is None else threshold
    return f"{engine['engine']} at {at}"


def engines_table(run: dict) -> list[str]:
    if not run.get("identity_engines"):
        return []
    lines = [
        "Identity engines on the records this build linked, each in its own process "
        "(bench/engines.py; Splink out of the box: bench/splink_reference.py):",
        "",
        "| engine | records | pairs compared | precision | recall | true pairs | found pairs "
        "| linking s | process s | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in run["identity_engines"]:
        lines.append(
            f"| {_engine_label(e)} | {e['records']:,} | {e['pairs_compared']:,} | {e['precision']} "
            f"| {e['recall']} | {e['true_pairs']:,} | {e['found_pairs']:,} | "
            f"{e['seconds_linking']} | {e['seconds']} | {e['peak_memory_mb']:,} |"
        )
    return ["", *lines]


def markdown(results: dict) -> str:
    floors = results["floors"]
    lines = [
        "# Pipeline benchmark at national scale",
        "",
        "`make bench` (`python -m bench.pipeline`) on a machine with "
        f"{results['cores']} cores: a dataset generated in the real sources' formats "
        "(bench/generate) is served by the mirror in its own process, crawled by the real "
        "spiders, built into the published database and served by Datasette. Every command "
        "runs in its own process; its peak memory counts the processes it starts, summed "
        "over those running at once (the crawl runs each source, and each part of the NAZK "
        "crawl, in a process of its own); the build's is given per stage. "
        "What was fixed on the way, with before/after figures: [PROFILE.md](PROFILE.md). "
        "Past one machine, the crawl over a shared Redis queue (scrapy-redis), and more "
        "Datasette processes: "
        "[scale_out.md](scale_out.md). Identity alone at 100%: [identity.md](identity.md); "
        "the portal on a 100% database: [portal.md](portal.md); the money trails' precision "
        "and recall on planted cases: [trails.md](trails.md).",
        "",
        "## Targets",
        "",
        *targets(results),
        "",
        "## The machine's floors, measured in the same run",
        "",
        "| floor | measured |",
        "|---|---|",
        *[f"| {name} | {_number(value)} |" for name, value in floors.items()],
    ]
    for run in results["runs"]:
        generated = run["generated"]
        seconds, peak = end_to_end(run)
        identity, mentions = run["truth"]["identity"], run["truth"]["mentions"]
        lines += [
            "",
            f"## {run['label']} of national volumes",
            "",
            f"Generated in {generated['seconds']} s: {generated['candidates']:,} candidates, "
            f"{generated['declarants']:,} declarants with {generated['documents']:,} "
            f"declarations (about {generated['mean_document_bytes']:,} bytes each; real ones "
            f"are 5 KB to 680 KB), {generated['donors']:,} donors, "
            f"{generated['donations']:,} donations by persons, {generated['roll_calls']:,} "
            f"roll calls ({generated['votes']:,} votes), {generated['news_mentions']:,} "
            f"news items naming someone. Mirror built in {run['mirror_build']['seconds']} s; "
            f"the mirror's own peak memory {run['mirror_peak_memory_mb']:,} MB.",
            "",
            f"**End to end (crawl from the mirror → published database): {seconds} s, peak "
            f"memory {peak:,} MB.** Crawl: {run['crawl']['responses']:,} responses, "
            f"{run['crawl']['records']:,} records, {run['crawl']['raw_mb']:,} MB raw. Database: "
            f"{run['database_mb']:,} MB.",
            "",
            *stage_table(run, floors),
            "",
            f"Identity against the generated truth: precision {identity['precision']}, recall "
            f"{identity['recall']} over {identity['units']:,} source units "
            f"({identity['true_pairs']:,} true pairs; {identity['units_not_published']:,} "
            "units never crawled). Mentions: precision "
            f"{mentions['precision']}, recall {mentions['recall']} of "
            f"{mentions['mentions_generated']:,} generated mentions.",
            *engines_table(run),
            "",
            *latency_table(run["latency"], {"page": "page", "clients": "clients"}),
        ]
    return "\n".join(lines) + "\n"
