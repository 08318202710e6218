"""`pamyat watch add|remove|list`: the persons and parties the watchdog staff follow, and what
changed for them in the last build (the morning report opens with it).

The list is data/watchlist.csv (kind, id, name, when added). One is named by her id (a
merged person's old id leads to her new one) or by her name, resolved with the identity
engine's name keys: the surname's skeleton and the given name's key, as the records are
linked, so "Зеленский Владимир" finds "Зеленський Володимир". A name that fits more than one
person is refused with the ids it fits; a party is found by its name key (party_key).
"""

import csv
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pamyat.core import config
from pamyat.core.text.forms import canonical_patronymic, given_name_key
from pamyat.core.text.names import skeleton
from pamyat.core.text.parse import parse_name
from pamyat.core.text.parties import party_key

FIELDS = ["kind", "id", "name", "added_at"]
PERSON = "SELECT person_id, full_name FROM persons WHERE person_id = ?"
MERGED = "SELECT person_id FROM person_redirects WHERE retired_person_id = ?"
PARTY = "SELECT party_id, name FROM parties WHERE party_id = ?"
PARTY_BY_KEY = "SELECT party_id, name FROM parties WHERE name_key = ?"
BY_NAME_KEYS = """
    SELECT p.person_id, p.full_name, p.patronymic FROM persons p
    WHERE p.person_id IN (SELECT person_id FROM search_names
                          WHERE part = 'last_name' AND skeleton = :last)
      AND p.person_id IN (SELECT person_id FROM search_names
                          WHERE part = 'first_name' AND skeleton = :first)
"""
# What a person is, to tell namesakes apart.
WHAT = """
    SELECT COALESCE(
      (SELECT m.role_title FROM memberships m WHERE m.person_id = :id AND m.end_date IS NULL
       ORDER BY m.start_date DESC LIMIT 1),
      (SELECT e.name FROM candidacies c JOIN elections e USING (election_id)
       WHERE c.person_id = :id ORDER BY e.election_date DESC LIMIT 1),
      (SELECT d.position FROM declarations d WHERE d.person_id = :id
       ORDER BY d.declaration_year DESC LIMIT 1))
"""
# What the last build learned about the ones watched.
LAST_BUILD = "SELECT MAX(built_at) FROM builds"
EVENTS_LEARNED = """
    SELECT * FROM events WHERE learned_at = :built_at AND {who} = :id
    ORDER BY happened_date DESC
"""
CHANGES_FOUND = """
    SELECT table_name, change_type, COUNT(*) AS rows FROM changes
    WHERE detected_at = :built_at AND {who} = :id
    GROUP BY table_name, change_type ORDER BY table_name, change_type
"""
COLUMN = {"person": "person_id", "party": "party_id"}


class WatchError(ValueError):
    pass


@dataclass
class Watched:
    kind: str
    id: str
    name: str


def watchlist_path() -> Path:
    return config.data_dir() / "watchlist.csv"


def load() -> list[dict]:
    path = watchlist_path()
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _save(rows: list[dict]) -> None:
    path = watchlist_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(path)


def _connect() -> sqlite3.Connection:
    path = config.database_path()
    if not path.is_file():
        raise WatchError(f"no published database at {path}: run `pamyat build` first")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _by_name(conn: sqlite3.Connection, name: str) -> list[Watched]:
    parts = parse_name(name)
    found = []
    if parts.last and parts.first:
        keys = {"last": skeleton(parts.last), "first": given_name_key(parts.first)}
        for person_id, full_name, patronymic in conn.execute(BY_NAME_KEYS, keys):
            other = (
                parts.patronymic
                and patronymic
                and (canonical_patronymic(patronymic) != canonical_patronymic(parts.patronymic))
            )
            if not other:
                found.append(Watched("person", person_id, full_name))
    found += [Watched("party", *row) for row in conn.execute(PARTY_BY_KEY, (party_key(name),))]
    return found


def resolve(conn: sqlite3.Connection, who: str) -> Watched:
    """The one person or party `who` (an id or a name) stands for, or a WatchError saying
    why not."""
    who = who.strip()
    merged = conn.execute(MERGED, (who,)).fetchone()
    person = conn.execute(PERSON, (merged[0] if merged else who,)).fetchone()
    if person:
        return Watched("person", *person)
    party = conn.execute(PARTY, (who,)).fetchone()
    if party:
        return Watched("party", *party)
    found = _by_name(conn, who)
    if not found:
        raise WatchError(
            f"{who!r}: no person or party with this id or name (a person by her surname and "
            "given name)"
        )
    if len(found) > 1:
        fits = "; ".join(
            f"{w.id} ({w.name}{', ' + what if (what := _what(conn, w)) else ''})" for w in found
        )
        raise WatchError(f"{who!r} fits {len(found)}: {fits}. Add one by its id.")
    return found[0]


def _what(conn: sqlite3.Connection, watched: Watched) -> str | None:
    if watched.kind != "person":
        return "party"
    return conn.execute(WHAT, {"id": watched.id}).fetchone()[0]


def add(names: list[str]) -> list[Watched]:
    """Adds each one; refuses them all, adding none, when one cannot be resolved."""
    conn = _connect()
    try:
        found = [resolve(conn, who) for who in names]
    finally:
        conn.close()
    rows = load()
    held = {(r["kind"], r["id"]) for r in rows}
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for watched in found:
        if (watched.kind, watched.id) not in held:
            rows.append(
                {"kind": watched.kind, "id": watched.id, "name": watched.name, "added_at": now}
            )
            held.add((watched.kind, watched.id))
    _save(rows)
    return found


def remove(names: list[str]) -> list[dict]:
    """Removes each one named by its id or its name as listed; an unlisted one is refused."""
    rows = load()
    gone = []
    for who in names:
        listed = [r for r in rows if who.strip() in (r["id"], r["name"])]
        if not listed:
            raise WatchError(f"{who!r} is not on the watchlist ({watchlist_path()})")
        gone += listed
        rows = [r for r in rows if r not in listed]
    _save(rows)
    return gone


def last_build_report(database: Path) -> list[dict]:
    """For each one watched: the events the last build learned and the rows of changes it
    found, by table (the morning report's first section)."""
    watched = load()
    if not watched or not database.is_file():
        return []
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        built_at = conn.execute(LAST_BUILD).fetchone()[0]
        said = []
        for w in watched:
            who = COLUMN[w["kind"]]
            params = {"built_at": built_at, "id": w["id"]}
            said.append(
                {
                    **w,
                    "events": [
                        dict(r) for r in conn.execute(EVENTS_LEARNED.format(who=who), params)
                    ],
                    "changes": [
                        dict(r) for r in conn.execute(CHANGES_FOUND.format(who=who), params)
                    ],
                }
            )
        return said
    finally:
        conn.close()


def event_line(event: dict) -> str:
    """One event in a line of the staff's report."""
    parts = [event["happened_date"] or "", event["event_type"], event["about"] or ""]
    if event["old_value"] or event["new_value"]:
        parts.append(
            f"{event['field'] or ''} {event['old_value'] or '—'} → {event['new_value'] or '—'}"
        )
    if event["amount_minor"] is not None:
        parts.append(f"{event['amount_minor'] / 100:,.2f} UAH")
    return " · ".join(p.strip() for p in parts if p and p.strip()) + (
        f" ({event['source_url']})" if event["source_url"] else ""
    )
