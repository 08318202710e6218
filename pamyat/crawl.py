"""`pamyat crawl`: run the spiders of the chosen sources, live or against the recorded mirror."""

import ctypes
import json
import logging
import multiprocessing
import os
import signal
import sys
from multiprocessing.connection import wait

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from pamyat import config
from pamyat.mirror.server import MirrorServer
from scrapers import sources
from scrapers.base import new_run_id
from scrapers.run_writer import merge_parts, run_paths

PR_SET_PDEATHSIG = 1  # linux/prctl.h


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
    name: str, run_id: str, mirror_url: str | None, quiet: bool, part: str, parent: int
):
    """One source's spider (or one part of it) in a process of its own: Scrapy holds one core."""
    _end_with(parent)
    config.configure_logging()
    settings = scrapy_settings(mirror_url)
    if quiet:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    # After CrawlerProcess, which sets Scrapy's loggers to DEBUG for its own handler.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    process.crawl(name, run_id=run_id, part=part)
    process.start()


def _run(names: list[str], run_id: str, mirror_url: str | None, quiet: bool, processes: int):
    """Starts each source as soon as the sources its `after:` (source.yml) names have ended; a
    spider that can split runs in `processes` parts, merged into one run when all have ended."""
    context = multiprocessing.get_context("spawn")  # a fresh reactor in each process
    spiders = SpiderLoader.from_settings(scrapy_settings(None))
    waiting = {name: set(sources.config(name).get("after", [])) & set(names) for name in names}
    running: dict[str, list] = {}
    while waiting or running:
        busy = set(waiting) | set(running)
        ready = [name for name, after in waiting.items() if not after & busy]
        if not ready and not running:
            raise ValueError(f"sources wait for each other: {', '.join(waiting)}")
        for name in ready:
            del waiting[name]
            parts = processes if spiders.load(name).can_split else 1
            running[name] = [
                context.Process(
                    target=_crawl_process,
                    args=(name, run_id, mirror_url, quiet, f"{number}/{parts}", os.getpid()),
                    name=f"crawl {name} {number}/{parts}",
                )
                for number in range(1, parts + 1)
            ]
            for process in running[name]:
                process.start()
        alive = [process for group in running.values() for process in group if process.is_alive()]
        wait([process.sentinel for process in alive])
        for name, group in list(running.items()):
            if not any(process.is_alive() for process in group):
                for process in group:
                    process.join()
                if len(group) > 1:
                    merge_parts(name, run_id, len(group))
                del running[name]


def crawl(
    names: list[str],
    mirror: bool = False,
    mirror_url: str | None = None,
    quiet: bool = False,
    processes: int | None = None,
) -> list[dict]:
    """Crawl the sources; returns each run's manifest (status, records, failures). `quiet`
    keeps Scrapy to warnings (the nightly's report says the rest). `processes`: how many a
    splittable spider is shared among; by default one per core on the mirror, and one live,
    where politeness, not the processor, sets the pace."""
    for name in names:
        sources.config(name)  # fails early on an unknown source
    server = MirrorServer(config.mirror_dir()).start() if mirror and not mirror_url else None
    try:
        url = server.url if server else mirror_url
        processes = processes or ((os.cpu_count() or 1) if url else 1)
        run_id = new_run_id()
        _run(names, run_id, url, quiet, processes)
    finally:
        if server:
            server.stop()
    manifests = []
    for name in names:
        path = run_paths(name, run_id)["manifest"]
        if path.is_file():
            manifests.append(json.loads(path.read_text(encoding="utf-8")))
        else:
            manifests.append(
                {
                    "source": name,
                    "run_id": run_id,
                    "status": "failed",
                    "records": 0,
                    "failures": [f"{name}: the spider did not run"],
                }
            )
    return manifests
