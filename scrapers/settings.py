"""Scrapy settings shared by every Pamyat spider (docs/design.md, "Known costs and traps").

Live mode is the default. `pamyat crawl --mirror` sets PAMYAT_MIRROR_URL, and every spider then
asks the local mirror the same requests, and turns politeness off (it is our own server).
"""

from pamyat.core import sources

BOT_NAME = "pamyat"
SPIDER_MODULES = [f"scrapers.{name}.spider" for name in sources.names()]

USER_AGENT = "Pamyat open-data portal (civic watchdog; contact: pamyat@example.org)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4

DOWNLOAD_TIMEOUT = 60
DOWNLOAD_FAIL_ON_DATALOSS = True  # a truncated body is an error, never half a file
DOWNLOAD_MAXSIZE = 512 * 1024 * 1024
MEMUSAGE_ENABLED = True
MEMUSAGE_LIMIT_MB = 3072
RETRY_ENABLED = True
RETRY_TIMES = 2

TELNETCONSOLE_ENABLED = False
# On, Scrapy re-reads each callback's source on every response (3 ms each, measured on the
# NAZK listings: half the crawl); ruff's checks catch a generator returning a value instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
LOG_INSTALL_ROOT_HANDLER = False
# Scrapy starts this many asyncio workers for every response's output, however small: at the
# default 100, the NAZK crawl spent most of its time creating tasks. Our one pipeline writes
# synchronously, so one worker loses nothing (bench/results.md: the NAZK crawl went 2:02 → 1:45
# at 1% of national volumes).
CONCURRENT_ITEMS = 1
# Twisted's own epoll reactor costs less per response than the asyncio one (a bare Scrapy
# spider on the mirror: 567 against 446 responses/s); nothing of ours needs asyncio.
TWISTED_REACTOR = "twisted.internet.epollreactor.EPollReactor"
LOG_LEVEL = "INFO"
ITEM_PIPELINES = {"scrapers.run_writer.RawRunWriter": 100}

# None: live. A URL such as http://127.0.0.1:8123 : the recorded mirror.
PAMYAT_MIRROR_URL = None
# Settings that replace the live ones when crawling the mirror.
MIRROR_OVERRIDES = {
    "ROBOTSTXT_OBEY": False,
    "AUTOTHROTTLE_ENABLED": False,
    # 16 left both processes waiting on each other: 32 took the 1% NAZK crawl from 84 s to 51 s.
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "DOWNLOAD_TIMEOUT": 20,
}
