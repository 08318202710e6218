"""Benchmark: the whole nightly pipeline on a generated national-scale dataset.

`python -m bench.pipeline [--scale 0.01 --scale 0.1]` generates each dataset in the real
sources' formats (bench/generate), builds its mirror, serves it from its own process, crawls it
with the real spiders (`pamyat crawl --mirror URL`), builds the database (`pamyat build`), scores
identity and mentions against the generated truth, and measures the portal's latency on the
result. Each command runs in its own process, so its peak memory (summed with the processes it
starts) is its own. The machine's
floors (bench/floors.py) are measured in the same run. Writes bench/results.json and
bench/results.md.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

from bench import floors, portal, truth
from bench.generate import generate
from bench.people import people
from bench.results import markdown
from pamyat.core import config
from pamyat.core.stages import peak_memory_mb

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TARGET_SECONDS_10PCT = 600
TARGET_MEMORY_MB = 4096
# A small real document the mirror serves: the Scrapy floor fetches it over and over.
SMALL_DOCUMENT = "0769594f-4825-48c6-8762-3e29d1e82ecf"
_RESPONSES = re.compile(r"'downloader/response_count': (\d+)")


def _tree_memory_peak(pid: int) -> int:
    """The largest resident memory of a process and the processes it started, summed over those
    alive at once (sampled every 0.2 s, until the process ends): the crawl runs several."""
    root, peak = psutil.Process(pid), 0
    while root.status() != psutil.STATUS_ZOMBIE:
        total = 0
        for process in [root, *root.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue  # ended between the listing and the reading
        peak = max(peak, total)
        time.sleep(0.2)
    return peak


def measured(command: list[str], env: dict, log: Path) -> dict:
    """Runs a command to its end: seconds, peak memory (with the processes it started),
    exit status."""
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampled = _tree_memory_peak(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}); see {log}")
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_memory_mb": round(max(usage.ru_maxrss * 1024, sampled) / 2**20),
    }


@contextmanager
def mirror_served(env: dict, log: Path):
    """`pamyat mirror serve` in its own process on a free port, once it answers: (URL, pid)."""
    port = portal.free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [str(BIN / "pamyat"), "mirror", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=out,
        )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                httpx.get(url + "/", timeout=5)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the mirror did not start at {url}") from None
                time.sleep(0.3)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait()


def _crawl_figures(folder: Path, log: Path) -> dict:
    runs = [(p, json.loads(p.read_text())) for p in (folder / "data" / "raw").glob("*/*.run.json")]
    raw_bytes = sum((path.parent / m["records_file"]).stat().st_size for path, m in runs)
    return {
        "responses": sum(int(n) for n in _RESPONSES.findall(log.read_text())),
        "records": sum(m["records"] for _, m in runs),
        "raw_mb": round(raw_bytes / 1e6, 1),
        "failed_sources": [m["source"] for _, m in runs if m["status"] != "ok"],
    }


# Stricter link thresholds ours is scored at when, at the build's, its precision is below
# Splink's: the engines are compared at equal or better precision.
STRICTER = (0.99, 0.995, 0.999, 0.9999)


def _engine(folder: Path, env: dict, engine: str, threshold: float | None = None) -> dict:
    python = str(BIN / "python")
    label = engine if threshold is None else f"{engine}-{threshold}"
    log = folder / f"engine-{label}.log"
    command = [python, "-m", "bench.engines", engine, str(folder)]
    run = measured(command + ([str(threshold)] if threshold is not None else []), env, log)
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    return {**json.loads(lines[-1]), **run}


def compare_engines(folder: Path, env: dict) -> list[dict]:
    """Our identity engine and the Splink reference on the records this build linked, each in
    a process of its own (bench/engines.py): quality, pairs compared, seconds, peak memory; and
    ours at stricter thresholds until its precision is at least Splink's."""
    python = str(BIN / "python")
    measured([python, "-m", "bench.engines", "records", str(folder)], env, folder / "records.log")
    ours, splink = _engine(folder, env, "ours"), _engine(folder, env, "splink")
    compared = [ours, splink]
    for threshold in STRICTER:
        if ours["precision"] >= splink["precision"]:
            break
        ours = _engine(folder, env, "ours", threshold)
        compared.append(ours)
    return compared


def run_scale(scale: float, root: Path, floors_wanted: bool) -> dict:
    label = f"{scale * 100:g}%"
    folder = root / label.replace("%", "pct")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    generated = generate(scale, folder, config.samples_dir())
    print(label, "generated", generated, flush=True)
    env = {
        **os.environ,
        "PAMYAT_DATA_DIR": str(folder / "data"),
        "PAMYAT_SAMPLES_DIR": str(folder / "samples"),
    }
    env.pop("PAMYAT_DATABASE", None)
    pamyat = str(BIN / "pamyat")
    result = {"scale": scale, "label": label, "generated": generated}
    result["mirror_build"] = measured([pamyat, "mirror", "build"], env, folder / "mirror.log")
    with mirror_served(env, folder / "mirror-serve.log") as (mirror_url, mirror_pid):
        if floors_wanted:
            names = people(config.samples_dir(), 20_000, seed=5, prefix="floor")
            full = (names.last_name + " " + names.first_name + " " + names.patronymic).tolist()
            small = f"{mirror_url}/public-api.nazk.gov.ua/v2/documents/{SMALL_DOCUMENT}"
            result["floors"] = floors.measure(folder / "samples", full, small)
            print("floors", result["floors"], flush=True)
        crawl_log = folder / "crawl.log"
        result["crawl"] = measured([pamyat, "crawl", "--mirror", mirror_url], env, crawl_log)
        result["crawl"].update(_crawl_figures(folder, crawl_log))
        result["mirror_peak_memory_mb"] = peak_memory_mb(mirror_pid)
    print(label, "crawl", result["crawl"], flush=True)
    report = folder / "build.json"
    result["build"] = measured(
        [pamyat, "build", "--report", str(report)], env, folder / "build.log"
    )
    result["build"].update(json.loads(report.read_text()))
    database = folder / "data" / "pamyat.db"
    result["database_mb"] = round(database.stat().st_size / 1e6, 1)
    result["truth"] = truth.score(database, folder / "truth.csv")
    print(label, "build", result["build"]["stages"], result["truth"], flush=True)
    result["identity_engines"] = compare_engines(folder, env)
    print(label, "engines", result["identity_engines"], flush=True)
    result["latency"] = portal.measure(label, database)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, action="append", help="1.0 = national volumes (default 0.01, 0.1)"
    )
    args = parser.parse_args()
    root = config.data_dir() / "bench" / "pipeline"
    runs = [run_scale(s, root, i == 0) for i, s in enumerate(args.scale or [0.01, 0.1])]
    results = {"cores": os.cpu_count(), "floors": runs[0].pop("floors"), "runs": runs}
    (HERE / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    (HERE / "results.md").write_text(markdown(results))


if __name__ == "__main__":
    main()
