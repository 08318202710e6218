"""Benchmark: our identity engine and the Splink reference (bench/splink_reference.py) on the
very records a build's identity stage receives, each in a process of its own, both scored
against the generated truth (bench/truth.py).

`python -m bench.engines records FOLDER` writes the records of a generated dataset's crawl
(FOLDER/data) to FOLDER/identity_records.pkl; `python -m bench.engines ours|splink FOLDER
[THRESHOLD]` links them (at the build's link threshold, or at THRESHOLD) and prints one JSON
line: pairs compared, seconds, precision, recall.
"""

import json
import os
import sys
import time
from pathlib import Path

import pandas as pd

RECORDS = "identity_records.pkl"


def write_records(folder: Path) -> None:
    from pamyat.build import BuildReport, _normalise
    from pamyat.core.issues import DataIssues

    tables = _normalise(BuildReport(), DataIssues())
    tables["person_records"].to_pickle(folder / RECORDS)


def _persons_only(records: pd.DataFrame, cluster: pd.Series) -> pd.Series:
    """Clusters that are persons, as the build decides (resolve._person_groups): a cluster of
    records none of which creates a person (donors alone) leaves each record alone."""
    keys = records["source"] + ":" + records["source_record_id"].astype(str)
    makers = records.get("creates_person", pd.Series(True, index=records.index))
    making = set(cluster.reindex(keys[makers.fillna(True).astype(bool)]).dropna())
    return cluster[cluster.isin(making)]


def link(engine: str, records: pd.DataFrame) -> tuple[pd.Series, int]:
    if engine == "ours":
        from etl.identity.resolve import resolve

        found = resolve(records)
        sources = found.person_sources
        keys = sources["source"] + ":" + sources["source_record_id"].astype(str)
        return pd.Series(sources["person_id"].to_numpy(), index=keys), found.pairs_compared
    from bench import splink_reference

    clusters, compared = splink_reference.link(records)
    return _persons_only(records, clusters), compared


def _at_threshold(threshold: float) -> None:
    """Both engines read the link threshold from the identity settings."""
    from etl.identity import settings

    config = settings.load()
    config["thresholds"] = {**config["thresholds"], "link": threshold}
    settings.load = lambda: config


def run(engine: str, folder: Path, threshold: float | None = None) -> dict:
    from bench import truth

    if threshold is not None:
        _at_threshold(threshold)
    records = pd.read_pickle(folder / RECORDS)
    started = time.perf_counter()
    person_of_record, compared = link(engine, records)
    seconds = time.perf_counter() - started
    database = folder / "data" / "pamyat.db"
    found = truth.units_of(records, person_of_record, database)
    scored = truth.identity(database, pd.read_csv(folder / "truth.csv", dtype=str), found)
    scored.pop("person_of_key")
    return {
        "engine": engine,
        "threshold": threshold,
        "records": len(records),
        "pairs_compared": compared,
        "seconds_linking": round(seconds, 1),
        **scored,
    }


def main() -> int:
    what, folder = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("PAMYAT_DATA_DIR", str(folder / "data"))
    if what == "records":
        write_records(folder)
    else:
        threshold = float(sys.argv[3]) if len(sys.argv) > 3 else None
        print(json.dumps(run(what, folder, threshold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
