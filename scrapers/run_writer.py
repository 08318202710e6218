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


class RawRunWriter:
    @classmethod
    def from_crawler(cls, crawler):
        writer = cls()
        crawler.signals.connect(writer.spider_error, signal=signals.spider_error)
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        return writer

    def open_spider(self, spider):
        self.paths = run_paths(spider.name, spider.run_id)
        self.paths["part"].parent.mkdir(parents=True, exist_ok=True)
        self.file = self.paths["part"].open("w", encoding="utf-8")
        self.started_at = utc_now()
        self.counts: Counter = Counter()

    def process_item(self, item, spider):
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
        for kind, minimum in spider.source.get("min_records", {}).items():
            if self.counts[kind] < minimum:
                failures.append(
                    f"{spider.name}: {self.counts[kind]} {kind} records, fewer "
                    f"than the {minimum} expected"
                )
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
