"""The per-record history: what each published row looked like before (`changes`).

Every build compares the new database with the one it replaces, table by table, on each
tracked table's natural key: a row added, a row removed (its last values kept as JSON), or a
field changed (old and new value). Rows are compared as SQLite stores them, so a rebuild of
unchanged sources adds nothing. History is carried over from the previous database.
"""

import json
import sqlite3
from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd

from etl.publish.schema import TABLES

# Every table of facts, by the natural key its schema declares (`info["natural_key"]`); the
# tables of runs, issues, identity and history itself have none.
TRACKED = {str(t.name): t.info["natural_key"] for t in TABLES if "natural_key" in t.info}
# Columns that change on every build without the fact changing: the run, and the row numbers
# (a primary key outside the natural key) a build gives its rows afresh.
UNTRACKED_COLUMNS = {"run_id"} | {
    str(c.name)
    for t in TABLES
    if str(t.name) in TRACKED
    for c in t.primary_key.columns
    if c.name not in TRACKED[str(t.name)]
}
CHANGE_COLUMNS = [
    "table_name",
    "record_key",
    "change_type",
    "field",
    "old_value",
    "new_value",
    "source",
    "run_id",
    "person_id",
    "party_id",
    "detected_at",
]


def _read(conn: sqlite3.Connection, table: str) -> pd.DataFrame | None:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if not exists:
        return None
    return pd.read_sql_query(f"SELECT * FROM {table}", conn, dtype=object)


def _keyed(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    frame = frame.astype(object).where(frame.notna(), None)
    parts = [frame[column].where(frame[column].notna(), "").astype(str) for column in key]
    frame.index = pd.Index(reduce(lambda left, right: left + "|" + right, parts))
    return frame[~frame.index.duplicated()]


def record_key(row: dict, key: list[str]) -> str:
    """A row's `record_key`, as `_keyed` makes it: its key columns as text, joined by |."""
    return "|".join("" if row.get(column) is None else str(row[column]) for column in key)


def key_sql(table: str, alias: str) -> str:
    """The SQL that gives the `record_key` of a row of `table` (aliased `alias`)."""
    return " || '|' || ".join(
        f"COALESCE(CAST({alias}.{column} AS TEXT), '')" for column in TRACKED[table]
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def _row_json(row: pd.Series) -> str:
    values = {k: v for k, v in row.items() if k not in UNTRACKED_COLUMNS and v is not None}
    return json.dumps(values, ensure_ascii=False, default=str)


def table_changes(
    table: str,
    key: list[str],
    old: pd.DataFrame,
    new: pd.DataFrame,
    donors_person: dict | None = None,
) -> list[dict]:
    """The rows added, removed and the fields changed, each with the person and the party
    the row is about (a donor's row through `donors_person`, her donor_id → person_id)."""
    old, new = _keyed(old, key), _keyed(new, key)
    rows = []
    donors_person = donors_person or {}

    def change(record_key, change_type, row, field=None, before=None, after=None):
        person = row.get("person_id")
        if person is None and row.get("donor_id") is not None:
            person = donors_person.get(row.get("donor_id"))
        rows.append(
            {
                "table_name": table,
                "record_key": record_key,
                "change_type": change_type,
                "field": field,
                "old_value": before,
                "new_value": after,
                "source": row.get("source"),
                "run_id": row.get("run_id"),
                "person_id": person,
                "party_id": row.get("party_id"),
            }
        )

    for record_key in new.index.difference(old.index):
        change(record_key, "added", new.loc[record_key], after=_row_json(new.loc[record_key]))
    for record_key in old.index.difference(new.index):
        change(record_key, "removed", old.loc[record_key], before=_row_json(old.loc[record_key]))
    both = new.index.intersection(old.index)
    columns = [
        c for c in new.columns if c in old.columns and c not in UNTRACKED_COLUMNS and c not in key
    ]
    # Positions of the rows in both, so each column is compared without copying the frames.
    old_at, new_at = old.index.get_indexer(both), new.index.get_indexer(both)
    for column in columns:
        before, after = old[column].to_numpy()[old_at], new[column].to_numpy()[new_at]
        for i in np.flatnonzero(before != after):
            if _text(before[i]) != _text(after[i]):
                row = new.iloc[new_at[i]]
                change(both[i], "changed", row, column, _text(before[i]), _text(after[i]))
    return rows


def compare(previous: Path, conn: sqlite3.Connection, detected_at: str) -> pd.DataFrame:
    """The history of the previous database plus what changed in the new one (`conn`)."""
    if not previous.is_file():
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    old_conn = sqlite3.connect(f"file:{previous}?mode=ro", uri=True)
    try:
        history = _read(old_conn, "changes")
        donors_person = {**_donors_person(old_conn), **_donors_person(conn)}
        rows = []
        for table, key in TRACKED.items():
            old, new = _read(old_conn, table), _read(conn, table)
            if old is not None and new is not None:
                rows += table_changes(table, key, old, new, donors_person)
    finally:
        old_conn.close()
    found = pd.DataFrame(rows, columns=CHANGE_COLUMNS[:-1]).assign(detected_at=detected_at)
    if history is not None and len(history):
        history = history.drop(columns="change_id").reindex(columns=CHANGE_COLUMNS)
        found = pd.concat([history, found], ignore_index=True)
    return found


def _donors_person(conn: sqlite3.Connection) -> dict:
    try:
        return dict(conn.execute("SELECT donor_id, person_id FROM donors").fetchall())
    except sqlite3.OperationalError:  # a database from before there were donors
        return {}


def builds(previous: Path, built_at: str, history: pd.DataFrame) -> pd.DataFrame:
    """The builds the previous database lists, and this one. A database from before builds
    were listed begins its list with its first change: our history begins there."""
    found = int((history["detected_at"] == built_at).sum()) if len(history) else 0
    this = pd.DataFrame([{"built_at": built_at, "changes_count": found}])
    held = None
    if previous.is_file():
        old_conn = sqlite3.connect(f"file:{previous}?mode=ro", uri=True)
        try:
            held = _read(old_conn, "builds")
        finally:
            old_conn.close()
    if held is not None and len(held):
        return pd.concat([held.drop(columns="build_id"), this], ignore_index=True)
    earlier = history.loc[history["detected_at"] < built_at, "detected_at"] if len(history) else []
    if len(earlier):
        first = pd.DataFrame([{"built_at": min(earlier), "changes_count": None}])
        return pd.concat([first, this], ignore_index=True)
    return this
