"""One writer at a time in a data folder: `pamyat crawl`, `build`, `nightly` and `rollback` each
hold data/pamyat.lock while they run, so two nightlies can never delete each other's files.

The lock is an flock (filelock): the kernel drops it when its holder dies, however it dies, so
a dead holder's lock is simply taken by the next command. Beside it, pamyat.lock.json says who
holds it, for the message the second command gives.
"""

import json
import os
from contextlib import contextmanager
from datetime import UTC, datetime

from filelock import FileLock, Timeout

from pamyat.core import config


class Busy(RuntimeError):
    """Another command writes in the data folder."""


def _holder_path():
    return config.data_dir() / "pamyat.lock.json"


def holder() -> dict | None:
    """Who holds the lock, as it wrote itself down (None when nobody says)."""
    try:
        return json.loads(_holder_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextmanager
def one_writer(command: str):
    """Hold the data folder's lock for `command`, or raise Busy at once naming the holder."""
    folder = config.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "pamyat.lock", timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        held = holder()
        who = "another pamyat command is running"
        if held:
            who = f"another pamyat {held['command']} is running (pid {held['pid']}, "
            who += f"since {held['since']})"
        raise Busy(f"{who}; it holds {folder / 'pamyat.lock'}") from None
    try:
        since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        _holder_path().write_text(
            json.dumps({"command": command, "pid": os.getpid(), "since": since}),
            encoding="utf-8",
        )
        yield
    finally:
        _holder_path().unlink(missing_ok=True)
        lock.release()
