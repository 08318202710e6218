"""`pamyat crawl`: run the spiders of the chosen sources, live or against the recorded mirror."""

import ctypes
import json
import logging
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from pamyat.core import config, sources
from pamyat.mirror.server import MirrorServer
from scrapers.base import new_run_id
from scrapers.run_writer import run_paths, settle_run

PR_SET_PDEATHSIG = 1  # linux/prctl.h
# A source's crawl ends by its deadline: the spider closes itself then, letting the requests
# in flight end within their download timeout; a process still running GRACE_SECONDS after
# that (hung) is killed.
DEADLINE_SECONDS = 3 * 3600
GRACE_SECONDS = 10


def scrapy_settings(mirror_url: str | None) -> Settings:
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    if mirror_url:
        settings.set("PAMYAT_MIRROR_URL", mirror_url, priority="cmdline")
        settings.update(settings.getdict("MIRROR_OVERRIDES"), priority="cmdline")
    if config.download_timeout():
        settings.set("DOWNLOAD_TIMEOUT", config.download_timeout(), priority="cmdline")
    return settings


def _end_with(parent: int) -> None:
    """A crawling process is killed when `pamyat crawl` is, even by SIGKILL (Linux's parent-death
    signal): stopping the crawl stops all of it, and its records stay behind as interrupted."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it was gone before the signal was asked for
        os._exit(1)


def _crawl_process(
    name: str,
    run_id: str,
    mirror_url: str | None,
    quiet: bool,
    part: str,
    parent: int,
    deadline_seconds: int,
):
    """One source's spider (or one part of it) in a process of its own: Scrapy holds one core.
    At its deadline the spider closes itself (CLOSESPIDER_TIMEOUT), keeping what it fetched."""
    _end_with(parent)
    config.configure_logging()
    settings = scrapy_settings(mirror_url)
    settings.set("CLOSESPIDER_TIMEOUT", deadline_seconds, priority="cmdline")
    if quiet:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    # After CrawlerProcess, which sets Scrapy's loggers to DEBUG for its own handler.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    process.crawl(name, run_id=run_id, part=part)
    process.start()


def source_deadline(name: str) -> int:
    """Seconds a source's crawl may take: PAMYAT_CRAWL_DEADLINE, else `deadline_seconds` in its
    source.yml, else DEADLINE_SECONDS."""
    return config.crawl_deadline() or sources.config(name).get("deadline_seconds", DEADLINE_SECONDS)


@dataclass
class _Crawling:
    """A source being crawled: its processes, those that have ended, and when it must end."""

    processes: list
    seconds: int  # its deadline
    grace: int  # how long after its deadline a process still running is killed
    kill_at: float
    why: str = "ended without writing its outcome"
    ended: set = field(default_factory=set)

    @property
    def done(self) -> bool:
        return len(self.ended) == len(self.processes)

    def kill(self) -> None:
        for process in self.processes:
            if process.sentinel not in self.ended:
                process.kill()
                process.join()
                self.ended.add(process.sentinel)
        self.why = (
            f"was killed: still running {self.grace} s after its deadline of {self.seconds} s"
        )


def _start(context, name, run_id, mirror_url, quiet, parts, seconds, grace) -> _Crawling:
    processes = [
        context.Process(
            target=_crawl_process,
            args=(name, run_id, mirror_url, quiet, f"{n}/{parts}", os.getpid(), seconds),
            name=f"crawl {name} {n}/{parts}",
        )
        for n in range(1, parts + 1)
    ]
    for process in processes:
        process.start()
    return _Crawling(processes, seconds, grace, time.monotonic() + seconds + grace)


def _run(
    names: list[str],
    run_id: str,
    mirror_url: str | None,
    quiet: bool,
    processes: int,
    until: float | None,
):
    """Starts each source as soon as the sources its `after:` (source.yml) names have ended; a
    spider that can split runs in `processes` parts, settled into one run when all have ended.
    Each source ends by its deadline (`until`, a time.monotonic(), caps them all): a process
    still running its download timeout and GRACE_SECONDS later is killed, and its run fails
    with the reason. Waits are on the processes' sentinels with a timeout, and a process counts
    as ended once its sentinel is ready: an ended process is never waited for."""
    context = multiprocessing.get_context("spawn")  # a fresh reactor in each process
    spiders = SpiderLoader.from_settings(scrapy_settings(None))
    grace = scrapy_settings(mirror_url).getint("DOWNLOAD_TIMEOUT") + GRACE_SECONDS
    waiting = {name: set(sources.config(name).get("after", [])) & set(names) for name in names}
    running: dict[str, _Crawling] = {}
    while waiting or running:
        busy = set(waiting) | set(running)
        ready = [name for name, after in waiting.items() if not after & busy]
        if not ready and not running:
            raise ValueError(f"sources wait for each other: {', '.join(waiting)}")
        for name in ready:
            del waiting[name]
            seconds = source_deadline(name)
            if until is not None:
                seconds = max(1, min(seconds, int(until - time.monotonic())))
            if sources.config(name).get("query_persons_from"):
                # Here, not at the top: every crawling process imports this module, and only
                # this one needs the normalisers.
                from etl.normalize import known_persons

                known_persons.write(name)
            parts = processes if spiders.load(name).can_split else 1
            running[name] = _start(context, name, run_id, mirror_url, quiet, parts, seconds, grace)
        pending = {
            process.sentinel: (crawling, process)
            for crawling in running.values()
            for process in crawling.processes
            if process.sentinel not in crawling.ended
        }
        first_kill = min(crawling.kill_at for crawling in running.values())
        for sentinel in wait(list(pending), timeout=max(0.0, first_kill - time.monotonic())):
            crawling, process = pending[sentinel]
            process.join()
            crawling.ended.add(sentinel)
            if process.exitcode:
                crawling.why = f"ended with exit code {process.exitcode}"
        for name, crawling in list(running.items()):
            if not crawling.done and time.monotonic() >= crawling.kill_at:
                crawling.kill()
            if crawling.done:
                settle_run(name, run_id, len(crawling.processes), crawling.why)
                del running[name]


def crawl(
    names: list[str],
    mirror: bool = False,
    mirror_url: str | None = None,
    quiet: bool = False,
    processes: int | None = None,
    until: float | None = None,
) -> list[dict]:
    """Crawl the sources; returns each run's manifest (status, records, failures). `quiet`
    keeps Scrapy to warnings (the nightly's report says the rest). `processes`: how many a
    splittable spider is shared among; by default one per core on the mirror, and one live,
    where politeness, not the processor, sets the pace. `until` (a time.monotonic()): every
    source's crawl ends by then (the nightly's deadline)."""
    for name in names:
        sources.config(name)  # fails early on an unknown source
    server = MirrorServer(config.mirror_dir()).start() if mirror and not mirror_url else None
    try:
        url = server.url if server else mirror_url
        processes = processes or ((os.cpu_count() or 1) if url else 1)
        run_id = new_run_id()
        _run(names, run_id, url, quiet, processes, until)
    finally:
        if server:
            server.stop()
    return [
        json.loads(run_paths(name, run_id)["manifest"].read_text(encoding="utf-8"))
        for name in names
    ]
