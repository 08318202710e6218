"""Atom feeds of events (feedgen writes the XML): a person's, a party's, the members' of a
party or faction, and the portal's of the last nights.

An entry's id is a tag URI of the event's id, which names its record: the same event has the
same entry id after any rebuild, so a feed reader never shows it twice. An entry links the
source (http(s) only) and, in its content, the page of whom it is about; `published` is when
it happened, `updated` when we learned it.
"""

from datetime import UTC, date, datetime
from urllib.parse import quote, urlsplit

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from pamyat.core import config
from pamyat.core.text.values import is_web_url
from pamyat.portal.words import word

# The year in the tag URIs' authority (RFC 4151): when this naming began.
TAG_YEAR = 2026


def tag(name: str) -> str:
    host = urlsplit(config.public_url()).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{quote(name, safe=':/')}"


def moment(value: str | None) -> datetime | None:
    """An ISO date or timestamp as a moment in UTC (a date: its midnight)."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _page_of(event: dict) -> str | None:
    base = config.public_url()
    if event.get("person_id"):
        return f"{base}/person/{event['person_id']}"
    if event.get("party_id"):
        return f"{base}/party/{event['party_id']}"
    return None


def _content(event: dict, page: str | None, source: str | None, lang: str) -> str:
    """The entry's line and its two links, as HTML with every value escaped."""
    links = []
    if page:
        links.append(Markup('<a href="{}">{}</a>').format(page, event.get("full_name") or page))
    if source:
        links.append(Markup('<a href="{}">{}</a>').format(source, word("source", lang)))
    return str(
        Markup("<p>{}</p><p>{}</p>").format(
            event["text"] or event["title"], Markup(" · ").join(links)
        )
    )


def atom(
    feed_name: str,
    title: str,
    page_path: str,
    feed_path: str,
    entries: list[dict],
    lang: str,
    built_at: str,
) -> bytes:
    """The feed `feed_name` (its id) of `entries` (events as pamyat/portal/events.py says
    them), in the order given; an empty feed is as new as the build (`built_at`)."""
    base = config.public_url()
    feed = FeedGenerator()
    feed.id(tag(f"feed/{feed_name}"))
    feed.title(title)
    feed.author({"name": "Pamyat", "uri": base})
    feed.link(href=f"{base}{page_path}", rel="alternate", type="text/html")
    feed.link(href=f"{base}{feed_path}", rel="self", type="application/atom+xml")
    feed.language(lang)
    learned = [moment(e["learned_at"]) for e in entries]
    feed.updated(max((m for m in learned if m), default=moment(built_at)))
    for event, learned_at in zip(entries, learned, strict=True):
        entry = feed.add_entry(order="append")
        entry.id(tag(f"event/{event['event_id']}"))
        entry.title(event["title"])
        page = _page_of(event)
        source = event["source_url"] if is_web_url(event.get("source_url")) else None
        # One link per entry: feedgen 1.0.0 writes no rel, so each link would be an
        # alternate one. The page and the source are both in the content.
        if source or page:
            entry.link(href=source or page)
        entry.content(_content(event, page, source, lang), type="html")
        happened = moment(event["happened_date"])
        entry.published(happened or learned_at)
        entry.updated(learned_at or happened)
    return feed.atom_str(pretty=True)
