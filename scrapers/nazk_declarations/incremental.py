"""What a nightly NAZK crawl asks for: only what is new since the last good run.

The register holds millions of documents; re-reading it in full every night would take days
and burden the API. A crawl after a good run lists by `start_date`/`end_date` (unix seconds of
submission) from that run's start, less an overlap, to now, and fetches only documents the
published database does not hold yet; its run `builds_on` that good run, and the build reads
them together (pamyat/core/raw.py `chain`). Each night one share of the listings
(`sweep_nights` shares in all, by a hash of the listing) is listed in full, so within that many
nights every listing has been swept whole, catching what a window misses (a document dated
before its window, a new declarant's older documents). `PAMYAT_FULL_CRAWL=1` (`pamyat crawl
--full`), no good run or no published database makes the crawl full.
"""

import json
import os
import sqlite3
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pamyat.core import config, raw

FULL_CRAWL = "PAMYAT_FULL_CRAWL"


@dataclass
class Plan:
    builds_on: str | None = None
    window: dict = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    declarants: set[str] = field(default_factory=set)
    night: int = 0
    sweep_nights: int = 1

    def params(self, listing: dict) -> dict:
        """A listing's parameters tonight: within the window, unless its share is swept."""
        if not self.window or self.swept(listing):
            return listing
        return {**listing, **self.window}

    def swept(self, listing: dict) -> bool:
        key = json.dumps(listing, sort_keys=True, ensure_ascii=False)
        return zlib.crc32(key.encode("utf-8")) % self.sweep_nights == self.night % self.sweep_nights


def published_holdings() -> tuple[set[str], set[str]]:
    """The document ids and declarant ids the published database holds (none without one)."""
    path = config.database_path()
    if not path.is_file():
        return set(), set()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT document_id, user_declarant_id FROM declarations")
        documents, declarants = set(), set()
        for document_id, declarant in rows:
            documents.add(document_id)
            if declarant is not None:
                declarants.add(str(declarant))
        return documents, declarants
    except sqlite3.Error:
        return set(), set()
    finally:
        connection.close()


def plan(source: dict, now: datetime | None = None) -> Plan:
    """Tonight's plan for the source of source.yml `source`."""
    now = now or datetime.now(UTC)
    settings = source["incremental"]
    if os.environ.get(FULL_CRAWL) == "1":
        return Plan()
    try:
        base = raw.latest_good_run(source["name"])
    except (raw.NoGoodRun, raw.RawDataError):
        return Plan()
    documents, declarants = published_holdings()
    if not documents:
        return Plan()
    started = datetime.fromisoformat(base.manifest["started_at"].replace("Z", "+00:00"))
    window = {
        "start_date": int(started.timestamp()) - settings["overlap_seconds"],
        "end_date": int(now.timestamp()),
    }
    return Plan(
        builds_on=base.run_id,
        window=window,
        documents=documents,
        declarants=declarants,
        night=int(now.timestamp()) // 86400,
        sweep_nights=settings["sweep_nights"],
    )
