"""Published tables of the news: outlets, their feed items, and the portal persons each item
mentions (see schema.py for the conventions)."""

from functools import partial

from sqlalchemy import Float, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped

from etl.publish.schema_base import FREE_TEXT, Base, SourceRow, column, table_info

SOURCES = ["media"]
_info = partial(table_info, SOURCES)


class MediaOutlet(SourceRow, Base):
    __tablename__ = "media_outlets"
    __table_args__ = (
        {
            "comment": "News outlets whose feeds the portal reads (scrapers/media/feeds.yml).",
            "info": _info("name", ["language"]),
        },
    )
    outlet_code: Mapped[str] = column(Text, "Our code for the outlet", primary_key=True)
    name: Mapped[str] = column(Text, "The outlet's name")
    language: Mapped[str] = column(Text, "Language its items are written in: uk or ru")
    feed_url: Mapped[str] = column(Text, "The feed read")
    feed_title: Mapped[str | None] = column(Text, "The feed's own title")
    feed_format: Mapped[str | None] = column(Text, "Feed format (rss20, atom10, ...)")


class MediaItem(SourceRow, Base):
    __tablename__ = "media_items"
    __table_args__ = (
        Index("ix_media_items_outlet", "outlet_code", "published_at"),
        {
            "comment": "News items of the feeds, one per item however many runs saw it (by "
            "guid, else link). Title and summary as plain text, quoted from the feed; the "
            "article is at its URL.",
            "info": _info("title", ["outlet_code", "language"], fts=["title", "summary"]),
        },
    )
    item_id: Mapped[str] = column(Text, "Item id (from outlet and guid or link)", primary_key=True)
    outlet_code: Mapped[str] = column(Text, "The outlet", ForeignKey("media_outlets.outlet_code"))
    url: Mapped[str | None] = column(
        Text, "Link to the article (http or https; another kind of link is left out and reported)"
    )
    guid: Mapped[str | None] = column(Text, "The feed's guid of the item")
    title: Mapped[str | None] = column(Text, "Headline", info=FREE_TEXT)
    summary: Mapped[str | None] = column(Text, "Summary as plain text", info=FREE_TEXT)
    published_at: Mapped[str | None] = column(Text, "Publication time (UTC, ISO 8601)")
    language: Mapped[str] = column(Text, "uk or ru")
    categories: Mapped[str | None] = column(Text, "The feed's categories, separated by ';'")
    first_seen_at: Mapped[str] = column(Text, "When a crawl first saw it (UTC)")


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_person", "person_id"),
        Index("ix_mentions_item", "item_id"),
        {
            "comment": "Portal persons named in news items, found in the title and summary "
            "(etl/normalize/mentions.py; rules and confidences in mentions.yml). One row per "
            "item and person, the best match; a name several persons share is kept without a "
            "person, its reason naming them.",
            "info": _info("matched_text", ["reason", "field"]),
        },
    )
    mention_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    item_id: Mapped[str] = column(Text, "The item", ForeignKey("media_items.item_id"))
    person_id: Mapped[str | None] = column(
        Text, "The person (empty: ambiguous)", ForeignKey("persons.person_id")
    )
    matched_text: Mapped[str] = column(Text, "The words found, as written")
    confidence: Mapped[float] = column(Float, "How sure the rule is, 0-1 (mentions.yml)")
    reason: Mapped[str] = column(Text, "The rule that linked it, or why it is ambiguous")
    field: Mapped[str] = column(Text, "title or summary")
