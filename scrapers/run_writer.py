"""Writes each crawl run to data/raw/<source>/, append-only, and decides whether it is good.

Records stream into `<run_id>.jsonl.part`. When the spider closes, the run is good only if it
finished normally, no request or callback failed, and it met the source's count assertion; then
the file becomes `<run_id>.jsonl`. Otherwise it is kept as `<run_id>.failed.jsonl`, so nothing is
lost, but the build never reads it. `<run_id>.run.json` records the outcome and the data issues.
A crawl split among processes writes one part per process; the run is decided once, over all of
them (`settle_run`).
"""

import contextlib
import json
import shutil
from collections import Counter
from pathlib import Path

from scrapy import signals

from pamyat.core import config, raw, sources
from scrapers.base import SourceError, utc_now


def run_paths(source: str, run_id: str, part: str = "1/1") -> dict[str, Path]:
    """A run's files; a part of a split run ("2/3") streams into its own file and leaves an
    outcome beside it, until settle_run makes the run of all of them."""
    folder = config.raw_dir() / source
    if part != "1/1":
        name = f"{run_id}.part{part.replace('/', 'of')}"
        return {"part": folder / f"{name}.jsonl.part", "outcome": folder / f"{name}.json"}
    return {
        "part": folder / f"{run_id}.jsonl.part",
        "good": folder / f"{run_id}.jsonl",
        "failed": folder / f"{run_id}.failed.jsonl",
        "manifest": folder / f"{run_id}.run.json",
    }


def held_counts(manifest: dict) -> dict[str, int]:
    """Records by kind a run holds: its own, with those of the runs it builds on (an
    incremental crawl's)."""
    return manifest.get("held_by_kind") or manifest.get("records_by_kind", {})


def last_good_counts(source: str) -> dict[str, int]:
    """Records by kind the source's latest good run holds (empty if it has none)."""
    try:
        return held_counts(raw.latest_good_run(source).manifest)
    except (raw.NoGoodRun, raw.RawDataError):  # a corrupt run is quarantined by the build
        return {}


def count_gate_failures(source: str, settings: dict, counts: Counter) -> list[str]:
    """The count gates of source.yml: `min_records` per kind, and `max_drop`, the largest share
    of a kind's records a run may lose against the last good run (a site that half-answers)."""
    failures = [
        f"{source}: {counts[kind]} {kind} records, fewer than the {minimum} expected"
        for kind, minimum in settings.get("min_records", {}).items()
        if counts[kind] < minimum
    ]
    last = last_good_counts(source)
    for kind, share in settings.get("max_drop", {}).items():
        before = last.get(kind, 0)
        if before and counts[kind] < before * (1 - share):
            failures.append(
                f"{source}: {counts[kind]} {kind} records, {1 - counts[kind] / before:.0%} fewer "
                f"than the last good run's {before} (at most {share:.0%} may go)"
            )
    return failures


def close_run(source: str, run_id: str, outcomes: list[dict], files: list[Path]) -> dict:
    """Decides a run from the outcomes of its parts (one, unless split): good only if every
    part finished without failure and all together meet the count gates. The parts' records
    become the run's one file (good or failed); returns the manifest written beside it."""
    counts: Counter = Counter()
    for outcome in outcomes:
        counts.update(outcome["records_by_kind"])
    builds_on = next(filter(None, (outcome.get("builds_on") for outcome in outcomes)), None)
    held = Counter(counts)
    if builds_on:
        held.update(held_counts(raw.run_manifest(source, builds_on)))
    failures = [failure for outcome in outcomes for failure in outcome["failures"]]
    failures += count_gate_failures(source, sources.config(source), held)
    status = "failed" if failures else "ok"
    paths = run_paths(source, run_id)
    target = paths["good" if status == "ok" else "failed"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if files == [paths["part"]]:
        paths["part"].replace(target)
    else:
        with target.open("wb") as merged:
            for path in files:
                with path.open("rb") as part:
                    shutil.copyfileobj(part, merged)
        for path in files:
            path.unlink()
    # Every part reads the same listings, so a listing's issue is reported by each: kept once.
    issues = {json.dumps(i, sort_keys=True): i for o in outcomes for i in o["issues"]}
    manifest = {
        "source": source,
        "run_id": run_id,
        "mode": next(filter(None, (outcome["mode"] for outcome in outcomes)), None),
        "parts": len(outcomes),
        "started_at": min(outcome["started_at"] for outcome in outcomes),
        "finished_at": utc_now(),
        "status": status,
        "records": sum(counts.values()),
        "records_by_kind": dict(counts),
        # An incremental crawl: the run whose records these add to, and all they hold.
        "builds_on": builds_on,
        "held_by_kind": dict(held),
        "records_file": target.name,
        "failures": failures,
        "issues": list(issues.values()),
    }
    paths["manifest"].write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def settle_run(source: str, run_id: str, parts: int, why: str) -> dict:
    """The run once all its processes have ended (one, unless split). A part that left no
    outcome (killed at its deadline, or dead) fails the run for `why`; its records, counted from
    its file, are kept in the failed file."""
    manifest = run_paths(source, run_id)["manifest"]
    if parts == 1 and manifest.is_file():  # the spider closed its run itself
        return json.loads(manifest.read_text(encoding="utf-8"))
    outcomes, files = [], []
    for number in range(1, parts + 1):
        paths = run_paths(source, run_id, f"{number}/{parts}")
        if paths["part"].is_file():
            files.append(paths["part"])
        if paths.get("outcome") and paths["outcome"].is_file():
            outcomes.append(json.loads(paths["outcome"].read_text(encoding="utf-8")))
            paths["outcome"].unlink()
            continue
        counts = _counted(paths["part"]) if paths["part"].is_file() else Counter()
        where = f"part {number} of {parts} of the crawl" if parts > 1 else "the crawl"
        outcomes.append(_outcome(None, utc_now(), counts, [f"{source}: {where} {why}"], []))
    return close_run(source, run_id, outcomes, files)


def _counted(path: Path) -> Counter:
    """Records by kind in a part a process left unfinished; the line it was writing when it was
    killed is not a record."""
    counts: Counter = Counter()
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                counts[json.loads(line)["kind"]] += 1
    return counts


def _outcome(mode, started_at, counts, failures, issues, builds_on=None) -> dict:
    return {
        "mode": mode,
        "builds_on": builds_on,
        "started_at": started_at,
        "records_by_kind": dict(counts),
        "failures": failures,
        "issues": issues,
    }


class RawRunWriter:
    @classmethod
    def from_crawler(cls, crawler):
        writer = cls()
        writer.crawler = crawler
        crawler.signals.connect(writer.spider_error, signal=signals.spider_error)
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        return writer

    def open_spider(self):
        spider = self.crawler.spider
        self.part = f"{spider.part_number}/{spider.parts}"
        self.paths = run_paths(spider.name, spider.run_id, self.part)
        self.paths["part"].parent.mkdir(parents=True, exist_ok=True)
        self.file = self.paths["part"].open("w", encoding="utf-8")
        self.started_at = utc_now()
        self.counts: Counter = Counter()

    def process_item(self, item):
        self.file.write(json.dumps(item, ensure_ascii=False) + "\n")
        self.counts[item["kind"]] += 1
        return item

    def spider_error(self, failure, response, spider):
        if failure.check(SourceError):
            spider.fail(str(failure.value))
        else:
            url = spider.real_url(response.url)
            spider.fail(f"{spider.name}: {url}: {failure.type.__name__}: {failure.value}")

    def spider_closed(self, spider, reason):
        self.file.close()
        failures = list(spider.failures)
        if reason == "closespider_timeout":
            deadline = spider.settings.getint("CLOSESPIDER_TIMEOUT")
            failures.append(f"{spider.name}: the crawl passed its deadline of {deadline} s")
        elif reason != "finished":
            failures.append(f"{spider.name}: the crawl stopped early ({reason})")
        mode = "mirror" if spider.mirror_url else "live"
        outcome = _outcome(
            mode, self.started_at, self.counts, failures, spider.issues, spider.builds_on
        )
        if "outcome" in self.paths:
            self.paths["outcome"].write_text(json.dumps(outcome, ensure_ascii=False))
        else:
            close_run(spider.name, spider.run_id, [outcome], [self.paths["part"]])
