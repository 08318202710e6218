"""One writer at a time: a second crawl, build, nightly or rollback in the same data folder
says who holds it and exits at once; a dead holder's lock is taken over."""

import os
import signal
import subprocess
import time

import pytest
from mirror_variants import MPS_KEY

from conftest import PAMYAT, run_pamyat
from pamyat.mirror.server import MirrorServer

# A crawl test ends within a minute (its fixtures aside), or fails.
pytestmark = pytest.mark.timeout(60, func_only=True)

SLOW = {"PAMYAT_DOWNLOAD_TIMEOUT": "3"}  # the hung MP file fails after its retries, ~10 s


@pytest.fixture(scope="module")
def mirror(mirror_root):
    with MirrorServer(mirror_root) as server:
        server.timeout_seconds = 30
        server.inject(MPS_KEY, "timeout")
        yield server


def start_nightly(data_dir, mirror):
    env = {**os.environ, "PAMYAT_DATA_DIR": str(data_dir), **SLOW}
    process = subprocess.Popen(
        [*PAMYAT, "nightly", "rada", "--mirror", mirror.url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not (data_dir / "pamyat.lock.json").is_file():
        assert time.monotonic() < deadline and process.poll() is None, "the nightly never began"
        time.sleep(0.05)
    return process


def test_a_second_nightly_says_who_runs_and_exits_at_once(data_dir, mirror):
    first = start_nightly(data_dir, mirror)
    for command in (["nightly", "rada", "--mirror", mirror.url], ["build"], ["rollback"]):
        started = time.monotonic()
        second = run_pamyat(data_dir, *command, check=False)
        assert time.monotonic() - started < 10
        assert second.returncode == 75
        assert f"another pamyat nightly is running (pid {first.pid}, since " in second.stderr
    stdout, _ = first.communicate(timeout=60)
    assert first.returncode == 1  # the Rada's MP file never came: reported, not a traceback
    assert "rada failed: its last good data stays published" in stdout
    assert len(list((data_dir / "reports").glob("*.md"))) == 1
    assert not (data_dir / "pamyat.lock.json").exists()


def test_a_dead_holder_s_lock_is_taken_over(data_dir, mirror):
    first = start_nightly(data_dir, mirror)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=30)
    result = run_pamyat(data_dir, "crawl", "rada", "--mirror", mirror.url, check=False,
                        env=SLOW)  # fmt: skip
    assert "another pamyat" not in result.stderr
    assert "rada: FAILED" in result.stderr  # it ran (and met the same hung file)
