"""Recorded responses of the news feeds: the real feed files, served at their URLs.

The recorded files carry no HTTP headers; each is served without a charset, so the feed's own
XML declaration decides (windows-1251 for the Russian-language Ukrainska Pravda feed).
"""

from pathlib import Path

from pamyat.core.manifest import MirrorBuilder
from scrapers.media.spider import feeds


def build(samples: Path, builder: MirrorBuilder) -> None:
    for feed in feeds():
        builder.add_file(feed["url"], samples / "media" / feed["sample"], "application/rss+xml")
