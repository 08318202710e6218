"""The machine's floors, measured in the same run as the pipeline: what the bare tools do here,
so each stage's throughput reads as a share of what this machine can do at all.

- SQLite bulk insert: rows of 10 columns a second, one transaction, `executemany`;
- FTS5 build: rows a second indexed by a content-table `rebuild`, with the portal's tokenizer;
- lxml: MB a second of generated roll-call pages parsed by lxml.html;
- JSON: MB a second of generated declarations parsed by json.loads;
- rapidfuzz: name pairs a second scored by `cdist` on every core;
- Scrapy: responses a second fetched from the mirror on loopback (bench/floor_spider.py).
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html
from rapidfuzz import fuzz, process

from pamyat.core.tables import FTS_TOKENIZER

INSERT_ROWS = 1_000_000
FTS_ROWS = 300_000
PARSE_FILES = 2_000


def _rate(count: float, seconds: float) -> float:
    return round(count / seconds, 1)


def sqlite_insert() -> float:
    rows = (
        (i, f"name {i}", i * 7, None, "2020-01-01", 1.5, "x" * 20, i % 97, "a", "b")
        for i in range(INSERT_ROWS)
    )
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "floor.db")
        conn.execute(
            "CREATE TABLE t (a INTEGER, b TEXT, c INTEGER, d TEXT, e TEXT, f REAL, g TEXT, "
            "h INTEGER, i TEXT, j TEXT)"
        )
        started = time.perf_counter()
        with conn:
            conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        seconds = time.perf_counter() - started
        conn.close()
    return _rate(INSERT_ROWS, seconds)


def fts5_build(names: list[str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        conn = sqlite3.connect(Path(folder) / "floor.db")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, other TEXT)")
        with conn:
            conn.executemany(
                "INSERT INTO t (name, other) VALUES (?, ?)",
                ((names[i % len(names)], f"{names[-i % len(names)]} {i}") for i in range(FTS_ROWS)),
            )
        tokenizer = FTS_TOKENIZER.replace('"', '""')
        started = time.perf_counter()
        conn.execute(
            'CREATE VIRTUAL TABLE t_fts USING fts5(name, other, content="t", '
            f'tokenize="{tokenizer}")'
        )
        conn.execute("INSERT INTO t_fts(t_fts) VALUES ('rebuild')")
        conn.commit()
        seconds = time.perf_counter() - started
        conn.close()
    return _rate(FTS_ROWS, seconds)


def _megabytes_per_second(bodies: list[bytes], parse) -> float:
    started = time.perf_counter()
    for body in bodies:
        parse(body)
    return round(sum(map(len, bodies)) / 1e6 / (time.perf_counter() - started), 1)


def lxml_parse(samples: Path) -> float:
    pages = sorted((samples / "rada").glob("ns_golos_print_g_id_*.html"))[:PARSE_FILES]
    return _megabytes_per_second([p.read_bytes() for p in pages], lxml.html.fromstring)


def json_parse(samples: Path) -> float:
    documents = sorted((samples / "nazk_declarations").glob("declaration_*.json"))[:PARSE_FILES]
    return _megabytes_per_second([p.read_bytes() for p in documents], json.loads)


def rapidfuzz_cdist(names: list[str]) -> float:
    left, right = names[:2_000], names[:20_000]
    started = time.perf_counter()
    process.cdist(left, right, scorer=fuzz.ratio, workers=-1)
    return _rate(len(left) * len(right), time.perf_counter() - started)


def scrapy_loopback(url: str, count: int = 20_000) -> float:
    answer = subprocess.run(
        [sys.executable, "-m", "bench.floor_spider", url, str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(answer.stdout.strip().splitlines()[-1])
    return _rate(measured["responses"], measured["seconds"])


def measure(samples: Path, names: list[str], mirror_url: str) -> dict:
    """Every floor; `mirror_url` is the URL of one small recorded response on the mirror."""
    return {
        "cores": os.cpu_count(),
        "sqlite_insert_rows_per_s": sqlite_insert(),
        "fts5_build_rows_per_s": fts5_build(names),
        "lxml_parse_mb_per_s": lxml_parse(samples),
        "json_parse_mb_per_s": json_parse(samples),
        "rapidfuzz_cdist_pairs_per_s": rapidfuzz_cdist(names),
        "scrapy_loopback_responses_per_s": scrapy_loopback(mirror_url),
    }
