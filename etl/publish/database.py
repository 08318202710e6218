"""Writing the published SQLite database safely.

The database is built into a temporary file beside the target, loaded in one transaction, given
its full-text indexes, checked, and only then renamed over data/pamyat.db (an atomic rename on
one filesystem). A failure at any step removes the temporary file and leaves the published
database exactly as it was, so a reader never sees a half-built database.
"""

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Integer, create_engine

from etl.publish import changes, events
from etl.publish.privacy import mask_private
from etl.publish.schema import FTS_TOKENIZER, TABLES, Base
from etl.publish.views import VIEWS
from pamyat.core.stages import Stages


class PublishError(RuntimeError):
    pass


def fts_table_name(table: str) -> str:
    return f"{table}_fts"


def _rows(table, frame: pd.DataFrame) -> list[tuple]:
    unknown = set(frame.columns) - {c.name for c in table.columns}
    if unknown:
        raise PublishError(f"{table.name}: columns not in the schema: {sorted(unknown)}")
    columns = []
    for col in table.columns:
        if col.name not in frame:
            values = pd.Series([None] * len(frame), dtype=object)
        elif isinstance(col.type, Integer):
            values = frame[col.name].astype("Int64").astype(object)
        else:
            values = frame[col.name].astype(object)
        columns.append(values.where(values.notna(), None).tolist())
    return list(zip(*columns, strict=True))


def _load(conn: sqlite3.Connection, tables: dict[str, pd.DataFrame]) -> None:
    unknown = set(tables) - {t.name for t in TABLES}
    if unknown:
        raise PublishError(f"frames with no table in the schema: {sorted(unknown)}")
    with conn:
        for table in TABLES:
            frame = tables.get(table.name)
            if frame is None or frame.empty:
                continue
            names = ", ".join(c.name for c in table.columns)
            marks = ", ".join("?" for _ in table.columns)
            conn.executemany(
                f"INSERT INTO {table.name} ({names}) VALUES ({marks})", _rows(table, frame)
            )


def load_events(conn: sqlite3.Connection) -> int:
    """Load the events of what `conn` holds (its changes loaded, its views made), private
    fields masked as in every table; returns how many."""
    found = {"events": events.events(conn)}
    mask_private(found)
    _load(conn, found)
    return len(found["events"])


def _create_fts(conn: sqlite3.Connection) -> int:
    """The full-text indexes; returns the number of rows indexed."""
    indexed = 0
    for table in TABLES:
        columns = table.info.get("fts")
        if not columns:
            continue
        fts = fts_table_name(table.name)
        tokenizer = FTS_TOKENIZER.replace('"', '""')
        conn.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, "
            f'content="{table.name}", tokenize="{tokenizer}")'
        )
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        indexed += conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
    conn.commit()
    return indexed


def _create_views(conn: sqlite3.Connection) -> None:
    for view in VIEWS:
        if view.materialized_index:
            conn.execute(f"CREATE TABLE {view.name} AS {view.sql}")
            index = ", ".join(view.materialized_index)
            conn.execute(f"CREATE INDEX ix_{view.name} ON {view.name} ({index})")
        else:
            conn.execute(f"CREATE VIEW {view.name} AS {view.sql}")
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({view.name})")]
        if columns != list(view.columns):
            raise PublishError(
                f"view {view.name} has columns {columns}, its declaration "
                f"describes {list(view.columns)}"
            )
    conn.commit()


def check_natural_keys(tables: dict[str, pd.DataFrame]) -> None:
    """Refuses a table whose natural key names more than one row: its history (changes.py)
    could not tell those rows apart. A key column a frame lacks is NULL in every row."""
    problems = []
    for table in TABLES:
        key, frame = table.info.get("natural_key"), tables.get(str(table.name))
        if key and frame is not None and len(frame) > 1:
            repeated = frame.reindex(columns=key).duplicated(keep=False)
            if repeated.any():
                problems.append(
                    f"{table.name}: {repeated.sum()} rows share a value of its natural key "
                    f"({', '.join(key)}) with another"
                )
    if problems:
        raise PublishError("the new database failed its checks: " + "; ".join(problems))


def _check(conn: sqlite3.Connection, minimum_rows: dict[str, int]) -> None:
    problems = []
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        problems.append("integrity_check failed")
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    for table in TABLES:
        if table.info.get("fts"):
            fts = fts_table_name(table.name)
            try:
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                problems.append(f"{fts}: {error}")
    for table, minimum in minimum_rows.items():
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if count < minimum:
            problems.append(f"{table} has {count} rows, fewer than {minimum}")
    if problems:
        raise PublishError("the new database failed its checks: " + "; ".join(problems[:20]))


def described_problems(conn: sqlite3.Connection, metadata: dict) -> list[str]:
    """Tables and columns of the database that metadata.yml does not describe."""
    described = metadata["databases"]["pamyat"]["tables"]
    problems = []
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master "
            "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
        )
    ]
    fts_tables = {fts_table_name(t.name) for t in TABLES if t.info.get("fts")}
    for name in tables:
        if name in fts_tables or any(name.startswith(f + "_") for f in fts_tables):
            continue  # full-text indexes and their shadow tables are hidden
        table = described.get(name)
        if not table or not table.get("description"):
            problems.append(f"table {name} is not described")
            continue
        for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{name}')"):
            if not table.get("columns", {}).get(column):
                problems.append(f"column {name}.{column} is not described")
    return problems


def backup_path(target: Path) -> Path:
    """The database the last build replaced (`pamyat rollback` puts it back)."""
    return target.with_name(f"{target.stem}.previous{target.suffix}")


def _temporaries(target: Path) -> list[Path]:
    """Temporary databases of builds and rollbacks, and SQLite's journals beside them."""
    return list(target.parent.glob(f"{target.name}.*.tmp")) + list(
        target.parent.glob(f"{target.name}.*.tmp-*")
    )


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of builds that were killed: never published, safe to delete."""
    for stale in _temporaries(target):
        stale.unlink(missing_ok=True)


# A build needs about this many times the database's size free: the new file, its journal,
# and SQLite's temporary space for indexes (measured on the demo and at national volumes).
FREE_SPACE_FACTOR = 3


def check_free_space(target: Path, estimate: int) -> None:
    """Refuses a build that the disk cannot hold, before it begins. `estimate`: the database's
    size in bytes (the published one's, or for a first build the raw records')."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    needed = FREE_SPACE_FACTOR * estimate
    if free < needed:
        raise PublishError(
            f"not enough free space in {folder}: {free / 1e6:.1f} MB free, about "
            f"{needed / 1e6:.1f} MB needed ({FREE_SPACE_FACTOR} × {estimate / 1e6:.1f} MB)"
        )


def _swap(temporary: Path, target: Path) -> None:
    """Keep the published file as the backup (a second name for it: no copy, no gap), then
    rename the new one over it. Readers see the old file or the new one, never a partial one."""
    backup = backup_path(target)
    if target.is_file():
        backup.unlink(missing_ok=True)
        os.link(target, backup)
    os.replace(temporary, target)


def rollback(target: Path) -> Path:
    """Swap the backup back in; the database it replaces becomes the backup."""
    backup = backup_path(target)
    if not backup.is_file():
        raise FileNotFoundError(f"no previous database at {backup}")
    swap = target.with_name(f"{target.name}.rollback.tmp")
    swap.unlink(missing_ok=True)
    os.link(backup, swap)
    _swap(swap, target)
    return target


def publish(
    tables: dict[str, pd.DataFrame],
    target: Path,
    metadata: dict,
    minimum_rows: dict[str, int],
    stages: Stages | None = None,
) -> pd.DataFrame:
    """Build, check and swap in the database; returns the changes this build found. The load
    and the full-text indexes are measured as the stages "publish" and "fts"."""
    stages = stages or Stages()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    detected_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    doing = "creating the new database"
    try:
        engine = create_engine(f"sqlite:///{temporary}")
        Base.metadata.create_all(engine)
        engine.dispose()
        conn = sqlite3.connect(temporary)
        try:
            with stages.stage("publish") as step:
                check_natural_keys(tables)
                doing = "loading the rows"
                _load(conn, tables)
                doing = "comparing with the published database"
                history = changes.compare(target, conn, detected_at)
                masked = {"changes": history}  # values of a database built before masking
                mask_private(masked)
                history = masked["changes"]
                doing = "loading the changes"
                builds = changes.builds(target, detected_at, history)
                _load(conn, {"changes": history, "builds": builds})
                step["items"] = sum(len(frame) for frame in tables.values()) + len(history)
            with stages.stage("fts") as step:
                doing = "creating the full-text indexes"
                step["items"] = _create_fts(conn)
            with stages.stage("views"):
                doing = "creating the views"
                _create_views(conn)
            with stages.stage("events") as step:
                doing = "finding the events"
                step["items"] = load_events(conn)
            with stages.stage("checks"):
                undescribed = described_problems(conn, metadata)
                if undescribed:
                    raise PublishError(
                        "metadata.yml is out of date (run `pamyat metadata`): "
                        + "; ".join(undescribed)
                    )
                doing = "checking the new database"
                _check(conn, minimum_rows)
                conn.execute("ANALYZE")
                conn.commit()
        finally:
            conn.close()
        doing = "putting the new database in place"
        _swap(temporary, target)
    except (sqlite3.Error, OSError) as error:
        raise PublishError(f"{doing}: {error}") from error
    finally:
        temporary.unlink(missing_ok=True)
        _remove_stale_temporaries(target)
    return history[history["detected_at"] == detected_at]
