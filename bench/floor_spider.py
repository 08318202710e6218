"""The Scrapy floor: a bare spider fetching one small recorded response N times from the mirror,
with the crawl's own reactor and concurrency and no callback work, so the crawl stage reads as a
share of what Scrapy itself does on this machine. `python -m bench.floor_spider URL N` prints
{"responses": N, "seconds": s}."""

import json
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess

from scrapers import settings


class FloorSpider(scrapy.Spider):
    name = "floor"

    def __init__(self, url: str, count: int):
        super().__init__()
        self.url, self.count = url, count

    async def start(self):
        for number in range(self.count):
            yield scrapy.Request(f"{self.url}?n={number}", self.parse, dont_filter=True)

    def parse(self, response):
        return None


def main() -> None:
    url, count = sys.argv[1], int(sys.argv[2])
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
            "TWISTED_REACTOR": settings.TWISTED_REACTOR,
            "CONCURRENT_ITEMS": settings.CONCURRENT_ITEMS,
            **settings.MIRROR_OVERRIDES,
        }
    )
    process.crawl(FloorSpider, url=url, count=count)
    started = time.perf_counter()
    process.start()
    print(json.dumps({"responses": count, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
