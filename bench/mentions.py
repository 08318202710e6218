"""Benchmark: finding persons' names in news text as the number of persons and of items grows.

`python -m bench.mentions` indexes generated persons (bench/people.py) and scans the real items
of the recorded feeds, repeated to the size asked, and writes bench/mentions.md and .json: the
seconds to build the name index (word forms of every name, the automaton), to scan the items,
and items scanned per second. With one automaton for all names, the scan's cost should follow
the text, whatever the number of persons.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

import feedparser

from bench.people import people
from pamyat.core import config
from scrapers.media.mentions import NameIndex, find_mentions
from scrapers.media.reader import plain_text
from scrapers.media.spider import feeds

HERE = Path(__file__).resolve().parent
PERSONS = (5_000, 50_000, 200_000)
ITEMS = (10_000, 100_000)


def real_items() -> list[dict]:
    found = []
    for feed in feeds():
        parsed = feedparser.parse((config.samples_dir() / "media" / feed["sample"]).read_bytes())
        for entry in parsed.entries:
            texts = {
                "title": plain_text(entry.get("title")),
                "summary": plain_text(entry.get("summary")),
            }
            found.append({k: v for k, v in texts.items() if v})
    return found


def measure(persons_count: int, items: list[dict]) -> list[dict]:
    persons = people(config.samples_dir(), persons_count, seed=7, prefix="p")
    persons = persons.rename(columns={"key": "person_id"})
    started = time.perf_counter()
    index = NameIndex(persons, {})
    indexed = time.perf_counter()
    results = []
    for count in ITEMS:
        begin = time.perf_counter()
        found = sum(len(find_mentions(index, items[i % len(items)])) for i in range(count))
        seconds = time.perf_counter() - begin
        characters = sum(len(" ".join(items[i % len(items)].values())) for i in range(count))
        results.append(
            {
                "persons": persons_count,
                "surname_forms": len(index.by_surname),
                "seconds_index": round(indexed - started, 1),
                "items": count,
                "characters": characters,
                "seconds_scan": round(seconds, 2),
                "items_per_second": round(count / seconds),
                "mentions": found,
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    return results


def table(results: list[dict]) -> str:
    lines = [
        "| persons | surname forms | index s | items | characters | scan s | items/s | "
        "mentions | peak MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['persons']:,} | {r['surname_forms']:,} | {r['seconds_index']} | "
            f"{r['items']:,} | {r['characters']:,} | {r['seconds_scan']} | "
            f"{r['items_per_second']:,} | {r['mentions']:,} | {r['peak_memory_mb']:,} |"
        )
    return "\n".join(lines)


def main() -> int:
    items = real_items()
    results = []
    for count in PERSONS:
        results += measure(count, items)
        print(table(results).splitlines()[-1], flush=True)
    (HERE / "mentions.json").write_text(json.dumps(results, indent=1))
    (HERE / "mentions.md").write_text(
        "# Mentions benchmark\n\n"
        f"Generated persons (bench/people.py) indexed, then the {len(items)} real items of the "
        f"recorded feeds scanned, repeated to the size shown, on {os.cpu_count()} cores, one "
        "process (`peak MB` is its maximum so far).\n\n"
        + table(results)
        + "\n\nRead items/s down the persons column: one automaton holds every name form, so "
        "the scan's rate should barely move as persons grow, and its time should grow with the "
        "items. The index (word forms, cached per distinct name) grows with the names.\n"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
