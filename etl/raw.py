"""Reading the raw layer: the crawl runs that scrapers/run_writer.py left in data/raw/<source>/."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pamyat import config

PROVENANCE = ("source", "source_record_id", "source_url", "run_id")


def provenance(record: dict) -> dict:
    """What every published row keeps of the raw record it came from."""
    return {key: record[key] for key in PROVENANCE}


class NoGoodRun(LookupError):
    pass


@dataclass(frozen=True)
class Run:
    source: str
    run_id: str
    manifest: dict
    folder: Path

    @property
    def records_path(self) -> Path:
        return self.folder / self.manifest["records_file"]

    def records(self) -> Iterator[dict]:
        with self.records_path.open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def runs(source: str) -> list[Run]:
    """Every finished run of a source, oldest first (run ids sort by time)."""
    folder = config.raw_dir() / source
    found = []
    for path in sorted(folder.glob("*.run.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        found.append(Run(source, manifest["run_id"], manifest, folder))
    return found


def good_runs(source: str) -> list[Run]:
    return [run for run in runs(source) if run.manifest["status"] == "ok"]


def latest_good_run(source: str) -> Run:
    good = good_runs(source)
    if not good:
        raise NoGoodRun(
            f"{source}: no successful crawl in {config.raw_dir() / source}; "
            f"run `pamyat crawl {source}` (add --mirror to use the recorded mirror)"
        )
    return good[-1]


def records_to_build(source: str, latest: Run, keep_every_run: bool) -> Iterator[dict]:
    """The latest good run's records; for a source whose answers show only the latest records
    (news feeds), every good run's, oldest first."""
    for run in good_runs(source) if keep_every_run else [latest]:
        yield from run.records()
