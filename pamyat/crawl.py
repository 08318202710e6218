"""`pamyat crawl`: run the spiders of the chosen sources, live or against the recorded mirror."""

import json
import logging

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.internet import defer

from pamyat import config
from pamyat.mirror.server import MirrorServer
from scrapers import sources
from scrapers.base import new_run_id
from scrapers.run_writer import run_paths


def scrapy_settings(mirror_url: str | None) -> Settings:
    settings = Settings()
    settings.setmodule("scrapers.settings", priority="project")
    if mirror_url:
        settings.set("PAMYAT_MIRROR_URL", mirror_url, priority="cmdline")
        settings.update(settings.getdict("MIRROR_OVERRIDES"), priority="cmdline")
    if config.download_timeout():
        settings.set("DOWNLOAD_TIMEOUT", config.download_timeout(), priority="cmdline")
    return settings


def stages(names: list[str]) -> list[list[str]]:
    """Sources in the order their `after:` (source.yml) asks: each stage runs in parallel."""
    remaining, ordered = list(names), []
    while remaining:
        stage = [
            n for n in remaining if not set(sources.config(n).get("after", [])) & set(remaining)
        ]
        if not stage:
            raise ValueError(f"sources wait for each other: {', '.join(remaining)}")
        ordered.append(stage)
        remaining = [n for n in remaining if n not in stage]
    return ordered


def _run_in_stages(process: CrawlerProcess, ordered: list[list[str]], run_id: str) -> None:
    @defer.inlineCallbacks
    def run():
        for stage in ordered:
            yield defer.DeferredList([process.crawl(name, run_id=run_id) for name in stage])

    def stop(_):
        from twisted.internet import reactor  # imported late: the one Scrapy installed

        reactor.stop()

    run().addBoth(stop)
    process.start(stop_after_crawl=False)


def crawl(
    names: list[str], mirror: bool = False, mirror_url: str | None = None, quiet: bool = False
) -> list[dict]:
    """Crawl the sources; returns each run's manifest (status, records, failures). `quiet`
    keeps Scrapy to warnings (the nightly's report says the rest)."""
    for name in names:
        sources.config(name)  # fails early on an unknown source
    server = MirrorServer(config.mirror_dir()).start() if mirror and not mirror_url else None
    try:
        settings = scrapy_settings(server.url if server else mirror_url)
        if quiet:
            settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        process = CrawlerProcess(settings)
        # After CrawlerProcess, which sets Scrapy's loggers to DEBUG for its own handler.
        logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
        run_id = new_run_id()
        _run_in_stages(process, stages(names), run_id)
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
