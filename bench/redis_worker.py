"""One crawling process of a distributed crawl: the real spider with scrapy-redis's scheduler and
duplicate filter, so that several processes share one request queue and one set of seen requests
in Redis. `python -m bench.redis_worker SOURCE MIRROR_URL REDIS_URL RUN_ID` writes its records as
its own raw run, RUN_ID.

The queue persists when a worker closes (SCHEDULER_PERSIST): a worker that finishes early must
not clear what the others are still crawling; whoever starts the workers clears Redis after.
"""

import sys

from scrapy.crawler import CrawlerProcess

from pamyat.crawl import scrapy_settings

REDIS_SETTINGS = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_PERSIST": True,
}


def main() -> None:
    source, mirror_url, redis_url, run_id = sys.argv[1:5]
    settings = scrapy_settings(mirror_url)
    settings.setdict({**REDIS_SETTINGS, "REDIS_URL": redis_url}, priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(source, run_id=run_id)
    process.start()


if __name__ == "__main__":
    main()
