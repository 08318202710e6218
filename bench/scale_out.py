"""Benchmark: the path past one machine's one core, tried with existing engines.

`python -m bench.scale_out [--dataset 10pct]` takes a dataset the pipeline benchmark built
(data/bench/pipeline/<dataset>) and measures:

- **distributed crawling**: the real NAZK declarations spider in 1 and then 2 processes sharing
  one request queue and one duplicate filter in a Redis server this benchmark starts
  (scrapy-redis, bench/redis_worker.py), against the same mirror. It checks that the workers
  together fetched exactly the documents the single-process crawl fetched, none twice;
- **read scaling**: the immutable published database served by 1 and then 2 Datasette
  processes, person pages asked by 4 clients in turn across the processes.

Writes bench/scale_out.json and bench/scale_out.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import redis

from bench import portal
from bench.pipeline import mirror_served
from pamyat.core import config

HERE = Path(__file__).resolve().parent
SOURCE = "nazk_declarations"
CLIENTS = 4


@contextmanager
def redis_server():
    port = portal.free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}", client
    finally:
        server.terminate()
        server.wait()


@contextmanager
def mirror_of(data: Path):
    """The mirror of a data folder, served from its own process; yields its URL."""
    env = {**os.environ, "PAMYAT_DATA_DIR": str(data)}
    with mirror_served(env, data.parent / "scale-out-mirror.log") as (url, _):
        yield url


def document_ids(data: Path) -> list[str]:
    """The record ids of every NAZK declarations run in a data folder, good or failed."""
    ids = []
    for path in sorted((data / "raw" / SOURCE).glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            ids += [json.loads(line)["source_record_id"] for line in f]
    return ids


def crawl(dataset: Path, workers: int, mirror_url: str, redis_url: str, client) -> dict:
    """The spider in `workers` processes; they see the rada and cec runs of the dataset."""
    data = dataset / "scale-out" / f"{workers}-workers"
    if data.exists():
        shutil.rmtree(data)
    for source in ("rada", "cec"):
        (data / "raw").mkdir(parents=True, exist_ok=True)
        (data / "raw" / source).symlink_to(dataset / "data" / "raw" / source)
    client.flushall()
    env = {**os.environ, "PAMYAT_DATA_DIR": str(data)}
    subprocess.run(  # the names to look up, as `pamyat crawl` writes them before the spider
        [
            sys.executable,
            "-c",
            f"from etl.normalize import known_persons; known_persons.write({SOURCE!r})",
        ],
        env=env,
        check=True,
    )
    started = time.perf_counter()
    with ExitStack() as stack:
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "bench.redis_worker", SOURCE, mirror_url, redis_url]
                + [f"scale-out-w{n}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stack.enter_context(open(data / f"worker-{n}.log", "w")),
            )
            for n in range(workers)
        ]
        for process in processes:
            process.wait()
    seconds = time.perf_counter() - started
    ids = document_ids(data)
    per_worker = [
        json.loads(p.read_text())["records"]
        for p in sorted((data / "raw" / SOURCE).glob("*.run.json"))
    ]
    return {
        "workers": workers,
        "seconds": round(seconds, 1),
        "records": len(ids),
        "distinct_records": len(set(ids)),
        "records_per_worker": per_worker,
        "ids": set(ids),
    }


def read_scaling(database: Path, processes: int) -> dict:
    paths = portal.sample_paths(database, portal.REQUESTS, seed=3)["person page"]
    with ExitStack() as stack:
        urls = [stack.enter_context(portal.served(database)) for _ in range(processes)]
        # Each request goes to the next process in turn, as a round-robin proxy would send it.
        spread = [(urls[i % processes], path) for i, path in enumerate(paths)]
        result = portal.load_spread(spread, CLIENTS)
    return {"datasette_processes": processes, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="10pct", help="a folder of data/bench/pipeline")
    args = parser.parse_args()
    dataset = config.data_dir() / "bench" / "pipeline" / args.dataset
    single = set(document_ids(dataset / "data"))
    crawls = []
    with redis_server() as (redis_url, client), mirror_of(dataset / "data") as mirror_url:
        for workers in (1, 2):
            found = crawl(dataset, workers, mirror_url, redis_url, client)
            found["same_documents_as_the_pipeline_crawl"] = found.pop("ids") == single
            crawls.append(found)
            print(found, flush=True)
    database = dataset / "data" / "pamyat.db"
    reads = [read_scaling(database, n) for n in (1, 2)]
    results = {"dataset": args.dataset, "cores": os.cpu_count(), "crawl": crawls, "read": reads}
    (HERE / "scale_out.json").write_text(json.dumps(results, indent=1))
    (HERE / "scale_out.md").write_text(markdown(results))
    # This path runs only here: the benchmark is its test, and fails as one.
    for found in crawls:
        if not found["same_documents_as_the_pipeline_crawl"] or (
            found["records"] != found["distinct_records"]
        ):
            raise SystemExit(
                f"scale-out: {found['workers']} crawling processes did not fetch each document "
                f"of the pipeline's crawl exactly once ({found['records']} records, "
                f"{found['distinct_records']} distinct)"
            )


def markdown(results: dict) -> str:
    lines = [
        "# Scaling out: more crawling processes, more Datasette processes",
        "",
        f"`python -m bench.scale_out --dataset {results['dataset']}` on {results['cores']} "
        "cores. Crawl: the NAZK declarations spider in N processes sharing a Redis request "
        "queue and duplicate filter (scrapy-redis), against one mirror process.",
        "",
        "| workers | seconds | records | distinct | per worker | same documents as one "
        "plain crawl |",
        "|---|---|---|---|---|---|",
        *[
            f"| {c['workers']} | {c['seconds']} | {c['records']:,} | {c['distinct_records']:,} "
            f"| {', '.join(f'{n:,}' for n in c['records_per_worker'])} | "
            f"{'yes' if c['same_documents_as_the_pipeline_crawl'] else 'NO'} |"
            for c in results["crawl"]
        ],
        "",
        f"Reads: person pages, {CLIENTS} clients, each request to the next Datasette process "
        "in turn.",
        "",
        *portal.latency_table(results["read"], {"Datasette processes": "datasette_processes"}),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
