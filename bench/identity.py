"""Benchmark: linking candidate records against declarant records at national scale.

`python -m bench.identity` runs 10%, 25%, 50% and 100% of 200,000 candidates against 2,000,000
declarants, each size in a fresh process (so peak memory is its own), and writes
bench/identity.md and bench/identity.json: pairs compared, seconds per stage, peak memory,
precision and recall against the generated truth, and how time grows with size.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from bench import splink_reference
from bench.people import noisy_copies, people
from etl.identity import model, settings
from etl.identity.records import prepare
from etl.identity.score import LINK, decide
from pamyat.core import config

CANDIDATES, DECLARANTS = 200_000, 2_000_000
SHARE_TRUE = 0.4  # candidates who are also declarants
HERE = Path(__file__).resolve().parent
ENGINES = ("ours", "splink")


def generated(fraction: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    declarants = people(config.samples_dir(), int(DECLARANTS * fraction), seed=1, prefix="nazk")
    copies = int(CANDIDATES * fraction * SHARE_TRUE)
    candidates = pd.concat(
        [
            noisy_copies(declarants, copies, seed=2, prefix="cec"),
            people(
                config.samples_dir(), int(CANDIDATES * fraction) - copies, seed=3, prefix="new"
            ).assign(truth=None, noise="not a declarant"),
        ],
        ignore_index=True,
    )
    return candidates, declarants


def _records(candidates: pd.DataFrame, declarants: pd.DataFrame) -> pd.DataFrame:
    """Both sides as identity records; `exclusive` by side: a side names each person once, so
    only pairs across the sides are compared."""
    both = pd.concat([candidates, declarants], ignore_index=True)
    parts = both["key"].str.partition(":")
    return both.assign(source=parts[0], source_record_id=parts[2], exclusive=parts[0])


def _ours(records: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    frame = model.model_frame(prepare(records).assign(exclusive=records["exclusive"].to_numpy()))
    learnt = model.train(frame)
    scored, compared = model.predict(frame, learnt, settings.load()["thresholds"]["review"])
    scored["decision"] = decide(
        scored["score"], settings.load(), model.never_linked(scored, learnt)
    )
    return scored[scored["decision"] == LINK][["left_record", "right_record", "score"]], compared


def _splink(records: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    cluster, compared = splink_reference.link(records)
    frame = cluster.rename("cluster").reset_index()
    pairs = frame.merge(frame, on="cluster")
    pairs = pairs[pairs["unique_id_x"] < pairs["unique_id_y"]]
    return pairs.rename(
        columns={"unique_id_x": "left_record", "unique_id_y": "right_record"}
    ).assign(score=1.0)[["left_record", "right_record", "score"]], compared


def measure(fraction: float, engine: str) -> dict:
    started = time.perf_counter()
    candidates, declarants = generated(fraction)
    records = _records(candidates, declarants)
    ready = time.perf_counter()
    links, compared = (_ours if engine == "ours" else _splink)(records)
    linked = time.perf_counter()

    # Each candidate's link to a declarant (its best, when several).
    keys = pd.concat(
        [
            links.rename(columns={"left_record": "a", "right_record": "b"}),
            links.rename(columns={"right_record": "a", "left_record": "b"}),
        ]
    )
    keys = keys[~keys["a"].str.startswith("nazk:") & keys["b"].str.startswith("nazk:")]
    best = keys.sort_values("score", ascending=False).drop_duplicates("a").set_index("a")["b"]
    truth = candidates.set_index("key")["truth"].dropna()
    correct = int((best.reindex(truth.index) == truth).sum())
    return {
        "engine": engine,
        "fraction": fraction,
        "candidates": len(candidates),
        "declarants": len(declarants),
        "pairs_compared": compared,
        "all_pairs": len(candidates) * len(declarants),
        "seconds_generate": round(ready - started, 1),
        "seconds_identity": round(linked - ready, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "links": len(best),
        "precision": round(correct / len(best), 4) if len(best) else None,
        "recall": round(correct / len(truth), 4),
    }


def table(results: list[dict]) -> str:
    lines = [
        "| share | engine | candidates | declarants | pairs compared | identity s | peak MB | "
        "links | precision | recall |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['fraction']:.0%} | {r['engine']} | {r['candidates']:,} | "
            f"{r['declarants']:,} | {r['pairs_compared']:,} | {r['seconds_identity']} | "
            f"{r['peak_memory_mb']:,} | {r['links']:,} | {r['precision']} | {r['recall']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fraction", type=float, help="measure one size in this process")
    parser.add_argument("--engine", choices=ENGINES, default="ours")
    parser.add_argument("--sizes", default="0.1,0.25,0.5,1.0")
    args = parser.parse_args()
    if args.fraction:
        print(json.dumps(measure(args.fraction, args.engine)))
        return 0
    results = []
    for fraction in map(float, args.sizes.split(",")):
        for engine in ENGINES:
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.identity",
                    "--fraction",
                    str(fraction),
                    "--engine",
                    engine,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(table(results).splitlines()[-1], flush=True)
    write_report(results)
    print(table(results))
    return 0


def write_report(results: list[dict]) -> None:
    (HERE / "identity.json").write_text(json.dumps(results, indent=1))
    (HERE / "identity.md").write_text(
        "# Identity benchmark\n\n"
        f"{CANDIDATES:,} candidate records (40% noisy copies of declarants, written with the "
        "noise of bench/people.py: capitals, typos, Russian forms, look-alike letters, no "
        "patronymic, no birth date) linked against "
        f"{DECLARANTS:,} generated declarant records, on {os.cpu_count()} cores, by our "
        "engine (the model of etl/identity/model.py learnt from these records, then scored) "
        "and by Splink out of the box (bench/splink_reference.py) on the same records. Each "
        "size and engine runs in a fresh process; `identity s` is learning and linking, "
        "`peak MB` the process's maximum resident memory.\n\n" + table(results) + "\n"
    )


if __name__ == "__main__":
    sys.exit(main())
