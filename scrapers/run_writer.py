"""Writes each crawl run to data/raw/<source>/, append-only, and decides whether it is good.

Records stream into `<run_id>.jsonl.part`. When the spider closes, the run is good only if it
finished normally, no request or callback failed, and it met the source's count assertion; then
the file becomes `<run_id>.jsonl`. Otherwise it is kept as `<run_id>.failed.jsonl`, so nothing is
lost, but the build never reads it. `<run_id>.run.json` records the outcome and the data issues.
"""

import json
from collections import Counter
from pathlib import Path

from scrapy import signals

from etl import raw
from pamyat import config
from scrapers.base import SourceError, utc_now


def run_paths(source: str, run_id: str) -> dict[str, Path]:
    folder = config.raw_dir() / source
    return {
        "part": folder / f"{run_id}.jsonl.part",
        "good": folder / f"{run_id}.jsonl",
        "failed": folder / f"{run_id}.failed.jsonl",
        "manifest": folder / f"{run_id}.run.json",
    }


def last_good_counts(source: str) -> dict[str, int]:
    """Records by kind of the source's latest good run (empty if it has none)."""
    try:
        return raw.latest_good_run(source).manifest.get("records_by_kind", {})
    except raw.NoGoodRun:
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
        self.paths = run_paths(spider.name, spider.run_id)
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
        if reason != "finished":
            failures.append(f"{spider.name}: the crawl stopped early ({reason})")
        failures += count_gate_failures(spider.name, spider.source, self.counts)
        status = "failed" if failures else "ok"
        target = self.paths["good" if status == "ok" else "failed"]
        self.paths["part"].replace(target)
        manifest = {
            "source": spider.name,
            "run_id": spider.run_id,
            "mode": "mirror" if spider.mirror_url else "live",
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "status": status,
            "records": sum(self.counts.values()),
            "records_by_kind": dict(self.counts),
            "records_file": target.name,
            "failures": failures,
            "issues": spider.issues,
        }
        self.paths["manifest"].write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
