"""One database version per request, and a new build served within seconds, never mixed.

`pamyat build` renames a new file over data/pamyat.db. A Datasette serving the path would read
the old file from connections opened before the swap and the new one from later connections,
and one page could show a count of 12 beside 18 rows. Instead each published version is pinned
here by a hard link of its own (data/pamyat.db.versions/<pid>/<version>.db: the file lives as
long as the link) and served by a Database object with connections of its own; a request takes
the version current when it began, for all it does (every lookup of the database by name or
route answers that version: `PinnedDatabases`), and a version is retired when no request
reads it any more.

Every POLL_SECONDS the published path is looked at; a new file is pinned, its tables counted,
and only then served: new requests move to it within POLL_SECONDS and the counting time.

The readable pages (person, party, search, reconciliation) read through `for_pages`: the same
version on threads of their own (PAGE_THREADS), so heavy SQL on Datasette's threads never
makes a person page wait.
"""

import asyncio
import contextvars
import logging
import os
import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from datasette.database import Database

from etl.publish.metadata import DATABASE

log = logging.getLogger("pamyat.versions")
POLL_SECONDS = 2.0
PAGE_THREADS = 2
PAGES = ThreadPoolExecutor(max_workers=PAGE_THREADS, thread_name_prefix="pamyat-pages")


class _CoarseTimeLimitConnection(sqlite3.Connection):
    """Datasette checks its SQL time limit every 1,000 SQLite instructions (0.08 ms) with a
    Python callback: three queries running to the limit then take the interpreter's lock
    tens of thousands of times a second, and the event loop serving every page starved for
    seconds (measured: bench/heavy_sql.md). Every PROGRESS_STEPS instructions (about 15 ms)
    keeps the limit and frees the loop."""

    def set_progress_handler(self, handler, n):
        super().set_progress_handler(handler, max(n, PROGRESS_STEPS))


PROGRESS_STEPS = 200_000


class VersionedDatabase(Database):
    """A published version: an immutable file of its own, read on the `executor` given, with
    a connection of its own in each thread (Datasette keys its connections by name, which
    every version shares)."""

    def __init__(self, ds, path: Path, version: str, executor, counts: dict):
        super().__init__(ds, path=str(path), is_mutable=False)
        self.name = DATABASE
        self.version = version
        self.cached_hash = version
        self.cached_size = path.stat().st_size
        self._cached_table_counts = counts
        self._executor = executor
        self._local = threading.local()

    def connect(self, write=False):
        conn = sqlite3.connect(
            f"file:{self.path}?immutable=1",
            uri=True,
            check_same_thread=False,
            factory=_CoarseTimeLimitConnection,
        )
        self._all_file_connections.append(conn)
        return conn

    async def execute_fn(self, fn):
        def in_thread():
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self.connect()
                self.ds._prepare_connection(conn, self.name)
                self._local.conn = conn
            return fn(conn)

        return await asyncio.get_running_loop().run_in_executor(self._executor, in_thread)


@dataclass
class Version:
    id: str
    path: Path
    served: VersionedDatabase  # on Datasette's SQL threads
    pages: VersionedDatabase  # on the pages' threads
    readers: int = 0


_current: contextvars.ContextVar[Version | None] = contextvars.ContextVar(
    "pamyat_version", default=None
)


class PinnedDatabases(dict):
    """Datasette's map of databases, where the published one is the version the current
    request began with (Datasette looks it up by name or route several times a request)."""

    def _pinned(self, name, db):
        version = _current.get()
        return version.served if version is not None and name == DATABASE else db

    def __getitem__(self, name):
        return self._pinned(name, super().__getitem__(name))

    def get(self, name, default=None):
        return self._pinned(name, super().get(name, default))

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]

    def copy(self):
        return PinnedDatabases(dict.items(self))


def version_id(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


def _counts(path: Path) -> dict[str, int]:
    """Rows of every table (Datasette shows them; an immutable file is counted once)."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


class Versions:
    """The versions one Datasette process serves."""

    def __init__(self, datasette, published: Path):
        self.datasette = datasette
        self.published = published
        self.folder = published.with_name(published.name + ".versions") / str(os.getpid())
        self.current: Version | None = None
        self.retiring: list[Version] = []
        self._watcher: asyncio.Task | None = None
        self._refresh_schemas = datasette.refresh_schemas  # Datasette's own
        self._schemas_read_for: str | None = None

    def _remove_dead_processes_links(self) -> None:
        for folder in self.folder.parent.glob("*"):
            if folder.name.isdigit() and not _alive(int(folder.name)):
                shutil.rmtree(folder, ignore_errors=True)

    async def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._remove_dead_processes_links()
        databases = self.datasette.databases
        if not isinstance(databases, PinnedDatabases):
            self.datasette.databases = PinnedDatabases(dict.items(databases))
        self.datasette.refresh_schemas = self._schemas_once_per_version
        await self.refresh()

    async def _schemas_once_per_version(self) -> None:
        """Datasette reads every database's schema version before every request, on its SQL
        threads: behind 3-second queries a cheap page waited 15 s for it. A version's schema
        never changes, so it is read once per version."""
        version = self.current.id if self.current else None
        if version != self._schemas_read_for:
            await self._refresh_schemas()
            self._schemas_read_for = version

    async def refresh(self) -> None:
        """Serve the published file if it is new; retire versions nobody reads."""
        try:
            found = version_id(self.published)
        except FileNotFoundError:
            found = None  # between a rollback's two renames: keep serving what we have
        if found and (self.current is None or found != self.current.id):
            version = await asyncio.get_running_loop().run_in_executor(None, self._pin, found)
            if version is not None:
                if self.current is not None:
                    self.retiring.append(self.current)
                self.current = version
                self.datasette.databases = _with(self.datasette.databases, version.served)
                log.info("serving database version %s", version.id)
        for old in [v for v in self.retiring if v.readers == 0]:
            self.retiring.remove(old)
            old.served.close()
            old.pages.close()
            old.path.unlink(missing_ok=True)

    def _pin(self, found: str) -> Version | None:
        link = self.folder / f"{found}.db"
        try:
            if not link.exists():
                os.link(self.published, link)
        except FileNotFoundError:
            return None
        if version_id(link) != found:  # replaced while we linked: the next look takes it
            link.unlink()
            return None
        counts = _counts(link)
        ds = self.datasette
        return Version(
            found,
            link,
            VersionedDatabase(ds, link, found, ds.executor, counts),
            VersionedDatabase(ds, link, found, PAGES, counts),
        )

    def keep_watching(self) -> None:
        """Look for new versions from the loop that serves the requests (`datasette serve`
        runs the startup hooks in a loop of their own, which then stops)."""
        loop = asyncio.get_running_loop()
        if self._watcher is None or self._watcher.get_loop() is not loop or self._watcher.done():
            self._watcher = loop.create_task(self._watch())

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                await self.refresh()
            except Exception:  # a bad moment on disk must not stop the watching
                log.exception("looking for a new database version failed")

    def enter(self):
        """A request begins: it reads the current version until it ends."""
        version = self.current
        if version is not None:
            version.readers += 1
        return version, _current.set(version)

    def leave(self, entered) -> None:
        version, token = entered
        _current.reset(token)
        if version is not None:
            version.readers -= 1


def _with(databases: dict, db: VersionedDatabase) -> PinnedDatabases:
    updated = PinnedDatabases(dict.items(databases))
    dict.__setitem__(updated, DATABASE, db)
    db.route = DATABASE
    return updated


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        pass
    return True


def for_pages(datasette) -> VersionedDatabase | Database:
    """The database the readable pages read: the request's version on the pages' threads."""
    version = _current.get()
    return version.pages if version is not None else datasette.get_database(DATABASE)
