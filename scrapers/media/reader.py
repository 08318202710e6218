"""News feeds: outlets and items, the text of each item as plain text.

Feeds show only their latest items, so the build hands this normaliser the records of every good
run (source.yml: keep_every_run). An item is one item whatever run saw it: keyed by its outlet
and guid, else its link. Its text is the latest run's, its `first_seen_at` the earliest fetch.
"""

import hashlib
import unicodedata

import pandas as pd
from bs4 import BeautifulSoup

from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from scrapers.media import mentions


def plain_text(html: str | None) -> str | None:
    """A feed's HTML (tags, entities, CDATA already unwrapped) as one line of plain text, the
    words as the outlet wrote them (a quote: look-alike letters are repaired only for finding
    names)."""
    if not html:
        return None
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return unicodedata.normalize("NFC", " ".join(text.split())) or None


def item_id(outlet: str, key: str) -> str:
    return "item-" + hashlib.sha1(f"{outlet}|{key}".encode()).hexdigest()[:16]


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    outlets, items, first_seen = {}, {}, {}
    for record in records:
        fields = record["fields"]
        if record["kind"] == "feed":
            outlets[fields["outlet"]] = {
                "outlet_code": fields["outlet"],
                "name": fields["name"],
                "language": fields["language"],
                "feed_url": record["source_url"],
                "feed_title": plain_text(fields.get("title")),
                "feed_format": fields.get("format"),
                **provenance(record),
            }
        elif record["kind"] == "item":
            key = item_id(fields["outlet"], record["source_record_id"])
            first_seen.setdefault(key, record["fetched_at"])
            items[key] = {
                "item_id": key,
                "outlet_code": fields["outlet"],
                "url": fields["link"],
                "guid": fields.get("guid"),
                "title": plain_text(fields.get("title")),
                "summary": plain_text(fields.get("summary")),
                "published_at": fields.get("published"),
                "language": fields["language"],
                "categories": "; ".join(fields.get("categories") or []) or None,
                "first_seen_at": first_seen[key],
                **provenance(record),
            }
        else:
            issues.about(record, "kind", "unknown record kind; not read", record["kind"])
    return {
        "media_outlets": pd.DataFrame(list(outlets.values())),
        "media_items": pd.DataFrame(list(items.values())),
    }


def finish(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    """After identity: the persons each item mentions."""
    if "media_items" in tables:
        tables.update(mentions.finish(tables))
