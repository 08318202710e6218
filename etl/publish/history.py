"""Rows as the portal held them on a past date, rebuilt from the history of changes.

A table's rows now, undone change by change back to the date, newest first: a row added since
is taken out, a row removed since is put back as it was (`changes` keeps its last values), a
field changed since gets its old value back. Which rows: those a scope (an SQL condition on
the table) selects now, and those the history says belonged to the person then (a change's
person_id, or a person_id changed away from her). A table without a natural key keeps no
history and is copied as it is now.

The rebuilt rows go into an in-memory database (`main`) beside the published one (attached
as `pub`), table by table in an order where a scope may read tables rebuilt before it.
"""

import json
import sqlite3
from pathlib import Path

from etl.publish.changes import TRACKED, key_sql, record_key

PUBLISHED = "pub"

CANDIDATE_KEYS = """
    SELECT DISTINCT record_key FROM pub.changes
    WHERE table_name = :table AND detected_at > :after
      AND (person_id = :person OR (field = 'person_id' AND old_value = :person))
"""
CHANGES_OF_KEYS = """
    SELECT change_id, record_key, change_type, field, old_value FROM pub.changes
    WHERE table_name = :table AND detected_at > :after
      AND record_key IN (SELECT record_key FROM temp.wanted)
    ORDER BY change_id DESC
"""
ALL_CHANGES = """
    SELECT change_id, record_key, change_type, field, old_value FROM pub.changes
    WHERE table_name = :table AND detected_at > :after
    ORDER BY change_id DESC
"""


def open_beside(published: Path) -> sqlite3.Connection:
    """An empty in-memory database with the published one attached, read only."""
    conn = sqlite3.connect("file:as-of?mode=memory", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"ATTACH DATABASE ? AS {PUBLISHED}", (f"file:{published}?immutable=1",))
    conn.execute("CREATE TEMP TABLE wanted (record_key TEXT PRIMARY KEY)")
    return conn


def _types(conn: sqlite3.Connection, table: str) -> dict[str, type]:
    """What a column's stored text is turned back into (changes keep old values as text)."""
    kinds = {"INTEGER": int, "REAL": float, "FLOAT": float}
    return {
        row["name"]: kinds.get(row["type"].upper(), str)
        for row in conn.execute(f"PRAGMA {PUBLISHED}.table_info({table})")
    }


def _typed(value, kind: type):
    if value is None or kind is str:
        return value
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        return value


def _current_rows(conn: sqlite3.Connection, table: str, keys: set[str]) -> list[dict]:
    """Rows of the published table by their record keys (rows the scope does not select now)."""
    key = TRACKED[table]
    found = []
    for wanted in keys:
        values = wanted.split("|")
        if len(values) != len(key):
            continue  # a key value holding "|": the row cannot be told from its key
        # Column = text finds an integer too (SQLite applies the column's affinity), by index.
        condition = " AND ".join(
            f"{c} = ?" if v else f"({c} IS NULL OR {c} = '')"
            for c, v in zip(key, values, strict=True)
        )
        found += [
            dict(r)
            for r in conn.execute(
                f"SELECT * FROM {PUBLISHED}.{table} WHERE {condition}", [v for v in values if v]
            )
        ]
    return found


def rebuild(
    conn: sqlite3.Connection,
    table: str,
    scope: str | None,
    params: dict,
    after: str,
) -> int:
    """Creates main.`table` with its rows as they were at `after` (changes detected later are
    undone); `scope`: the SQL condition that selects the rows wanted (None: all of them).
    Rows are copied by SQLite; only those with a later change pass through Python. Returns the
    number of rows."""
    condition = scope or "1"
    conn.execute(
        f"CREATE TABLE main.{table} AS SELECT * FROM {PUBLISHED}.{table} WHERE {condition}",
        params,
    )
    key = TRACKED.get(table)
    if key is not None:
        _undo_later_changes(conn, table, key, scope, params, after)
    return conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]


def _undo_later_changes(
    conn: sqlite3.Connection, table: str, key: list[str], scope: str | None, params: dict, after
) -> None:
    arguments = {"table": table, "after": after, "person": params.get("person")}
    if scope is None:
        changes = conn.execute(ALL_CHANGES, arguments).fetchall()
    else:
        conn.execute("DELETE FROM temp.wanted")
        conn.execute(
            f"INSERT OR IGNORE INTO temp.wanted SELECT {key_sql(table, 't')} FROM main.{table} t"
        )
        conn.execute("INSERT OR IGNORE INTO temp.wanted " + CANDIDATE_KEYS, arguments)
        changes = conn.execute(CHANGES_OF_KEYS, arguments).fetchall()
    if not changes:
        return
    touched = {c["record_key"] for c in changes}
    conn.execute("DELETE FROM temp.wanted")
    conn.executemany("INSERT INTO temp.wanted VALUES (?)", [(k,) for k in touched])
    in_touched = f"{key_sql(table, 't')} IN (SELECT record_key FROM temp.wanted)"
    rows = [dict(r) for r in conn.execute(f"SELECT * FROM main.{table} t WHERE {in_touched}")]
    held = {record_key(row, key): row for row in rows}
    if scope is not None:
        removed_later = {c["record_key"] for c in changes if c["change_type"] == "removed"}
        for row in _current_rows(conn, table, touched - set(held) - removed_later):
            held[record_key(row, key)] = row
    types = _types(conn, table)
    for change in changes:
        _undo(held, change, types)
    conn.execute(f"DELETE FROM main.{table} AS t WHERE {in_touched}")
    columns = list(types)  # in the table's order
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO main.{table} VALUES ({marks})",
        [[r.get(c) for c in columns] for r in held.values()],
    )
    if scope is not None:
        # Rows that were someone else's then (moved to her since) are not hers on the date.
        conn.execute(f"DELETE FROM main.{table} WHERE NOT ({scope})", params)


def _undo(held: dict, change: sqlite3.Row, types: dict) -> None:
    wanted = change["record_key"]
    if change["change_type"] == "added":
        held.pop(wanted, None)
    elif change["change_type"] == "removed":
        held[wanted] = json.loads(change["old_value"])
    elif wanted in held:
        field = change["field"]
        held[wanted] = {**held[wanted], field: _typed(change["old_value"], types.get(field, str))}
