"""A crawl always ends: it never waits on a process that has already ended, each source has a
deadline, and a hung crawling process is killed and its run failed with the reason."""

import json
import os
import signal
import subprocess
import threading
import time

import psutil
import pytest
from mirror_variants import MPS_KEY

from conftest import PAMYAT, run_pamyat
from pamyat import crawl as crawl_module
from pamyat.mirror.server import MirrorServer

# A crawl test ends within a minute (its fixtures aside), or fails; crawling processes, killed
# and waited for, are end to end.
pytestmark = [pytest.mark.timeout(60, func_only=True), pytest.mark.e2e]


def _ends_before_it_exits(*args):
    """A crawling process whose sentinel pipe closes a moment before it exits: the window in
    which the old supervisor saw it alive, then waited on nothing, for ever."""
    os.closerange(3, 1024)
    time.sleep(0.05)


def test_the_crawl_never_waits_on_a_process_that_has_ended(data_dir, monkeypatch):
    monkeypatch.setattr(crawl_module, "_crawl_process", _ends_before_it_exits)
    for attempt in range(12):
        run_id = f"20260101T0000{attempt:02d}000000Z"
        supervisor = threading.Thread(
            target=crawl_module._run, args=(["rada"], run_id, None, True, 1, None), daemon=True
        )
        supervisor.start()
        supervisor.join(timeout=30)
        assert not supervisor.is_alive(), f"the crawl hung on attempt {attempt + 1}"
        manifest = json.loads((data_dir / "raw" / "rada" / f"{run_id}.run.json").read_text())
        assert manifest["status"] == "failed"
        assert "rada: the crawl ended without writing its outcome" in manifest["failures"]


DOWNLOAD_TIMEOUT = 2
GRACE = DOWNLOAD_TIMEOUT + crawl_module.GRACE_SECONDS


def crawl(data_dir, url, deadline):
    env = {
        **os.environ,
        "PAMYAT_DATA_DIR": str(data_dir),
        "PAMYAT_CRAWL_DEADLINE": deadline,
        "PAMYAT_DOWNLOAD_TIMEOUT": str(DOWNLOAD_TIMEOUT),
    }
    return subprocess.Popen(
        [*PAMYAT, "crawl", "rada", "--mirror", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def the_run(data_dir) -> dict:
    (path,) = (data_dir / "raw" / "rada").glob("*.run.json")
    return json.loads(path.read_text())


def test_a_source_that_passes_its_deadline_fails_with_the_reason(data_dir, mirror_root):
    with MirrorServer(mirror_root) as server:
        server.timeout_seconds = 50
        server.inject(MPS_KEY, "timeout")  # the MP file never comes
        started = time.monotonic()
        process = crawl(data_dir, server.url, "3")
        _, stderr = process.communicate(timeout=50)
    assert time.monotonic() - started < 3 + GRACE + 10
    assert process.returncode == 1
    assert "rada: the crawl passed its deadline of 3 s" in stderr
    run = the_run(data_dir)
    assert run["status"] == "failed" and run["records_file"].endswith(".failed.jsonl")


def test_a_hung_crawling_process_is_killed_and_its_run_failed(data_dir, mirror_root):
    with MirrorServer(mirror_root) as server:
        started = time.monotonic()
        process = crawl(data_dir, server.url, "4")
        children = []
        while not children:  # the spider's own process, once it has begun writing
            assert time.monotonic() - started < 30, "no crawling process started"
            children = [
                child
                for child in psutil.Process(process.pid).children()
                if "resource_tracker" not in " ".join(child.cmdline())
            ]
            time.sleep(0.1)
        while not list((data_dir / "raw" / "rada").glob("*.jsonl.part")):
            assert time.monotonic() - started < 30, "the crawl never began writing"
            time.sleep(0.05)
        for child in children:
            child.send_signal(signal.SIGSTOP)  # hung: it neither works nor ends
        _, stderr = process.communicate(timeout=50)
    assert process.returncode == 1
    reason = f"was killed: still running {GRACE} s after its deadline of 4 s"
    assert f"rada: the crawl {reason}" in stderr
    run = the_run(data_dir)
    assert run["status"] == "failed"
    assert (data_dir / "raw" / "rada" / run["records_file"]).is_file()


def test_a_nightly_ends_by_its_deadline_with_a_report(data_dir, mirror_root):
    """A good Rada run, then a 2-second nightly whose MP file hangs: its crawl is stopped at
    1.5 s, and the build of the last good run at 2 s; both are reported."""
    with MirrorServer(mirror_root) as server:
        run_pamyat(data_dir, "crawl", "rada", "--mirror", server.url)
        server.timeout_seconds = 50
        server.inject(MPS_KEY, "timeout")
        started = time.monotonic()
        result = run_pamyat(
            data_dir, "nightly", "rada", "--mirror", server.url, "--deadline", "2",
            check=False, env={"PAMYAT_DOWNLOAD_TIMEOUT": str(DOWNLOAD_TIMEOUT)},
        )  # fmt: skip
    assert time.monotonic() - started < 2 + GRACE + 15
    assert result.returncode == 1
    assert "rada: the crawl passed its deadline of 1 s" in result.stdout
    assert "the nightly passed its deadline of 2 s during the build" in result.stdout
    assert not (data_dir / "pamyat.db").exists()
    assert not list(data_dir.glob("pamyat.db.*"))  # its temporary files too
