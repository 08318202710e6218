"""Reading the raw layer: the crawl runs that scrapers/run_writer.py left in data/raw/<source>/."""

import json
from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from pamyat.core import config

PROVENANCE = ("source", "source_record_id", "source_url", "run_id")


def provenance(record: dict) -> dict:
    """What every published row keeps of the raw record it came from."""
    return {key: record[key] for key in PROVENANCE}


class NoGoodRun(LookupError):
    pass


class RawDataError(ValueError):
    """A run's file that cannot be read: it names the file and the line."""

    def __init__(self, path: Path, line: int | None, problem: str):
        self.path = path
        where = f"{path} line {line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


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
        try:
            lines = self.records_path.open(encoding="utf-8")
        except OSError as error:
            raise RawDataError(self.records_path, None, error.strerror or str(error)) from error
        with lines:
            for number, line in enumerate(lines, start=1):
                try:
                    record = json.loads(line)
                except ValueError as error:
                    problem = f"not a JSON record ({error})"
                    raise RawDataError(self.records_path, number, problem) from error
                yield record


def _manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise RawDataError(path, None, f"not a JSON run manifest ({error})") from error


def run_manifest(source: str, run_id: str) -> dict:
    return _manifest(config.raw_dir() / source / f"{run_id}.run.json")


def runs(source: str) -> list[Run]:
    """Every finished run of a source, oldest first (run ids sort by time)."""
    folder = config.raw_dir() / source
    found = []
    for path in sorted(folder.glob("*.run.json")):
        manifest = _manifest(path)
        found.append(Run(source, manifest["run_id"], manifest, folder))
    return found


def quarantine(error: RawDataError) -> str:
    """Sets aside the run a corrupt file belongs to, so that no build reads it again: a corrupt
    records file becomes <run>.corrupt.jsonl and its manifest says "quarantined" with the
    reason; a corrupt manifest becomes <run>.run.json.corrupt. Returns what was done."""
    path = error.path
    if path.name.endswith(".run.json"):
        path.replace(path.with_name(path.name + ".corrupt"))
        return f"{error}; set aside as {path.name}.corrupt"
    run_id = path.name.split(".", 1)[0]
    manifest_path = path.with_name(f"{run_id}.run.json")
    manifest = _manifest(manifest_path)
    corrupt = path.with_name(f"{run_id}.corrupt.jsonl")
    if path.exists():
        path.replace(corrupt)
    manifest.update(
        status="quarantined",
        records_file=corrupt.name,
        failures=[*manifest["failures"], str(error)],
    )
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return f"{error}; run {run_id} quarantined as {corrupt.name}"


def good_runs(source: str) -> list[Run]:
    return [run for run in runs(source) if run.manifest["status"] == "ok"]


def latest_good_run(source: str, passed_over: Set[str] = frozenset()) -> Run:
    """The newest good run, but for those the build passed over (it lost too much)."""
    good = [run for run in good_runs(source) if run.run_id not in passed_over]
    if not good:
        if passed_over:
            raise NoGoodRun(f"{source}: every good run lost more entries than it may")
        raise NoGoodRun(
            f"{source}: no successful crawl in {config.raw_dir() / source}; "
            f"run `pamyat crawl {source}` (add --mirror to use the recorded mirror)"
        )
    return good[-1]


def chain(latest: Run) -> list[Run]:
    """The run and the good runs it builds on, newest first: an incremental crawl fetches only
    what is new since the run it names in `builds_on`, so its source's records are all of them
    together. A run that builds on none (a full crawl) ends the chain."""
    by_id = {run.run_id: run for run in good_runs(latest.source)}
    found, run = [latest], latest
    while run.manifest.get("builds_on") in by_id and by_id[run.manifest["builds_on"]] not in found:
        run = by_id[run.manifest["builds_on"]]
        found.append(run)
    return found


def records_to_build(source: str, latest: Run, keep_every_run: bool) -> Iterator[dict]:
    """The latest good run's records, with those of the runs it builds on (each record once,
    its newest copy); for a source whose answers show only the latest records (news feeds),
    every good run's, oldest first."""
    if keep_every_run:
        for run in good_runs(source):
            yield from run.records()
        return
    seen: set[tuple[str, str]] = set()
    for run in chain(latest):
        for record in run.records():
            key = (record["kind"], record["source_record_id"])
            if key not in seen:
                seen.add(key)
                yield record
