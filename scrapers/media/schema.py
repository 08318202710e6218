"""Published tables of the news: outlets, their feed items, and the portal persons each item
mentions (see schema.py for the conventions)."""

from functools import partial

from sqlalchemy import Float, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import FREE_TEXT, Base, SourceRow, table_info

SOURCES = ["media"]
_info = partial(table_info, SOURCES)


class MediaOutlet(SourceRow, Base):
    __tablename__ = "media_outlets"
    __table_args__ = (
        {
            "comment": "News outlets whose feeds the portal reads (scrapers/media/feeds.yml).",
            "info": _info("name", ["language"], natural_key=["outlet_code"]),
        },
    )
    outlet_code: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Text)
    feed_url: Mapped[str] = mapped_column(Text)
    feed_title: Mapped[str | None] = mapped_column(Text)
    feed_format: Mapped[str | None] = mapped_column(Text)


class MediaItem(SourceRow, Base):
    __tablename__ = "media_items"
    __table_args__ = (
        Index("ix_media_items_outlet", "outlet_code", "published_at"),
        {
            "comment": "News items of the feeds, one per item however many runs saw it (by "
            "guid, else link). Title and summary as plain text, quoted from the feed; the "
            "article is at its URL.",
            "info": _info(
                "title",
                ["outlet_code", "language"],
                fts=["title", "summary"],
                natural_key=["item_id"],
            ),
        },
    )
    item_id: Mapped[str] = mapped_column(Text, primary_key=True)
    outlet_code: Mapped[str] = mapped_column(Text, ForeignKey("media_outlets.outlet_code"))
    url: Mapped[str | None] = mapped_column(Text)
    guid: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    summary: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    published_at: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Text)
    categories: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[str] = mapped_column(Text)


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_person", "person_id"),
        Index("ix_mentions_item", "item_id"),
        {
            "comment": "Portal persons named in news items, found in the title and summary "
            "(scrapers/media/mentions.py; rules and confidences in its source.yml). One row per "
            "item and person, the best match; a name several persons share is kept without a "
            "person, its reason naming them.",
            "info": _info(
                "matched_text",
                ["reason", "field"],
                natural_key=["item_id", "person_id", "field", "matched_text"],
            ),
        },
    )
    mention_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(Text, ForeignKey("media_items.item_id"))
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    matched_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(Text)
