"""Spider `media`: the news feeds of feeds.yml, RSS 2.0 or Atom, one record per item.

The body is decoded by our charset rules (scrapers.encoding), and a feed whose charset is not
declared and that is not UTF-8 is not guessed at. feedparser reads the feed whatever its
namespaces (a default namespace hides `channel/item` from plain lookups). A feed that cannot be
read, or an item without a link, is a data issue and is skipped: the other feeds go on.
"""

from functools import cache
from pathlib import Path

import feedparser
import yaml

from scrapers.base import SourceSpider
from scrapers.encoding import UndecodableBody, decode_body

FEEDS_FILE = Path(__file__).with_name("feeds.yml")


@cache
def feeds() -> list[dict]:
    return yaml.safe_load(FEEDS_FILE.read_text(encoding="utf-8"))


def _iso(parsed) -> str | None:
    """feedparser's UTC time tuple as an ISO timestamp."""
    if not parsed:
        return None
    return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*parsed[:6])


class MediaSpider(SourceSpider):
    name = "media"

    async def start(self):
        for feed in feeds():
            yield self.request(feed["url"], self.parse_feed, cb_kwargs={"feed": feed})

    def parse_feed(self, response, feed: dict):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            decoded = decode_body(response.body, content_type, guess=False)
        except UndecodableBody as error:
            self.issue(response, feed["outlet"], "charset", f"feed skipped: {error}")
            return
        if decoded.problem:
            self.issue(response, feed["outlet"], "charset", decoded.problem, content_type)
        parsed = feedparser.parse(decoded.text)
        problem = parsed.get("bozo_exception")
        if isinstance(problem, feedparser.CharacterEncodingOverride):
            problem = None  # we decoded the text ourselves; the declaration no longer applies
        if problem is not None or not parsed.version:
            why = problem or "neither RSS nor Atom"
            self.issue(response, feed["outlet"], None, f"unreadable feed, skipped: {why}")
            return
        yield self.record(
            response,
            "feed",
            feed["outlet"],
            {**feed, "title": parsed.feed.get("title"), "format": parsed.version},
        )
        for number, entry in enumerate(parsed.entries, start=1):
            link = entry.get("link")
            if not link:
                where = f"{feed['outlet']}#{number}"
                self.issue(
                    response, where, "link", "item without a link, skipped", entry.get("title")
                )
                continue
            yield self.record(response, "item", entry.get("id") or link, self.item(feed, entry))

    @staticmethod
    def item(feed: dict, entry) -> dict:
        """The item's fields as the feed gives them (HTML of the summary kept as written)."""
        return {
            "outlet": feed["outlet"],
            "language": feed["language"],
            "guid": entry.get("id"),
            "link": entry["link"],
            "title": entry.get("title"),
            "summary": entry.get("summary"),
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "published_as_written": entry.get("published") or entry.get("updated"),
            "categories": [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")],
        }
