"""A person's page as the portal held it on a past date (/person/<id>?as_of=YYYY-MM-DD): every
table the page reads, rebuilt for her from the history of changes (etl/publish/history.py)
into an in-memory database the page's own queries then read.

The date must lie within the history held: from the day of the first build on to today.
"""

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from etl.publish import events, history
from etl.publish.views import VIEWS
from pamyat.portal.facts import rows

# The tables the person page reads, each with the rows that are hers, in an order where a
# scope reads only tables rebuilt before it (None: the whole table, a small list of names).
PERSON_SCOPES = {
    "persons": "person_id = :person",
    "person_sources": "person_id = :person",
    "person_redirects": "0",
    "organizations": None,
    "parties": None,
    "elections": None,
    "memberships": "person_id = :person",
    "candidacies": "person_id = :person",
    "votes": "person_id = :person",
    "vote_events": "vote_event_id IN (SELECT vote_event_id FROM votes)",
    # Not a table of facts (no history): her factions' majorities in the roll calls she voted in.
    "faction_majorities": "(vote_event_id, organization_id) IN "
    "(SELECT vote_event_id, organization_id FROM votes)",
    "declarations": "person_id = :person",
    "declaration_year_totals": "person_id = :person",
    "red_flags": "person_id = :person",
    "donors": "person_id = :person",
    "donations": "donor_id IN (SELECT donor_id FROM donors)",
    "donor_party_years": "donor_id IN (SELECT donor_id FROM donors)",
    "own_party_donations": "person_id = :person",
    "donor_red_flags": "person_id = :person OR donor_id IN (SELECT donor_id FROM donors)",
    "donor_income_checks": "person_id = :person",
    "donor_relatives": "person_id = :person",
    # The review queue is work in progress, not a fact the portal held.
    "match_review": "0",
    "mentions": "person_id = :person",
    "media_items": "item_id IN (SELECT item_id FROM mentions)",
    "media_outlets": None,
    # What had happened to her by then: the events learned by the end of the day.
    "events": "person_id = :person AND learned_at <= :until",
}
# The views the page reads over the rebuilt tables.
PERSON_VIEWS = ("mp_vote_summary", "mp_faction_loyalty", "mp_faction_history")


class DateRefused(ValueError):
    pass


@dataclass
class Results:
    rows: list


class MemoryDatabase:
    """The rebuilt tables, read like the published database (`db.execute(sql, params)`)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    async def execute(self, sql: str, params=None) -> Results:
        return Results(self.conn.execute(sql, params or {}).fetchall())

    def close(self) -> None:
        self.conn.close()


async def held_range(db) -> tuple[date, date]:
    """From the day of the first build to today."""
    found = (await rows(db, events.HISTORY_START))[0]["history_start"]
    today = datetime.now(UTC).date()
    return (date.fromisoformat(found[:10]) if found else today), today


async def checked_date(db, asked: str) -> date:
    """The date asked for, if it can be read and lies within the history held."""
    start, today = await held_range(db)
    try:
        day = date.fromisoformat(asked)
    except ValueError:
        raise DateRefused("as_of_unreadable", {"date": asked}) from None
    if not start <= day <= today:
        raise DateRefused("as_of_refused", {"date": asked, "start": start, "today": today})
    return day


def _rebuilt(published: Path, person_id: str, day: date) -> sqlite3.Connection:
    conn = history.open_beside(published)
    until = f"{day.isoformat()}T23:59:59Z"
    params = {"person": person_id, "until": until}
    for table, scope in PERSON_SCOPES.items():
        history.rebuild(conn, table, scope, params, after=until)
    for view in VIEWS:
        if view.name in PERSON_VIEWS:
            conn.execute(f"CREATE VIEW main.{view.name} AS {view.sql}")
    return conn


async def person_as_of(published: Path, person_id: str, day: date) -> MemoryDatabase:
    """Her tables as they stood at the end of `day` (UTC)."""
    conn = await asyncio.get_running_loop().run_in_executor(
        None, _rebuilt, published, person_id, day
    )
    return MemoryDatabase(conn)
