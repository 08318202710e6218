"""Shared fixtures of every test: those in tests/ and each source's own in scrapers/<name>/tests/.
Tests read the real recorded data from ../shared/samples (never copies), run
the real mirror server, the real `pamyat` commands and a real Datasette.

Two tiers: a test that needs the mirror, the demo, a served portal, the browser or the `pamyat`
command is end to end (marked `e2e`, whichever way it asks); the others are the fast tier.
`make test` runs the fast tier first (`-m "not e2e"`), then the end-to-end one."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import httpx
import pytest
from python_calamine import CalamineWorkbook

from pamyat.core import config
from pamyat.core.manifest import MANIFEST_NAME
from pamyat.mirror import build_mirror

PAMYAT = [sys.executable, "-m", "pamyat.cli"]
END_TO_END = {"demo_data", "mirror_root", "portal", "browser", "pamyat"}


def pytest_collection_modifyitems(items):
    for item in items:
        if END_TO_END & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def samples() -> Path:
    folder = config.samples_dir()
    assert folder.is_dir(), f"the real samples are missing: {folder} (set PAMYAT_SAMPLES_DIR)"
    return folder


@pytest.fixture(scope="session")
def party_sheet(samples):
    """`party_sheet(file name)`: the rows of one of Texty's tables of the party register
    (samples/nazk_party_reports), read once with python-calamine: the independent side of the
    party-finance tests."""

    @cache
    def rows(name: str) -> list[dict]:
        book = CalamineWorkbook.from_path(str(samples / "nazk_party_reports" / name))
        header, *cells = book.get_sheet_by_index(0).to_python()
        return [dict(zip(header, row, strict=True)) for row in cells]

    return rows


def run_pamyat(
    data_dir: Path,
    *args: str,
    check: bool = True,
    stdin: str | None = None,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run the `pamyat` command as a user would, with its data in `data_dir`."""
    env = {**os.environ, "PAMYAT_DATA_DIR": str(data_dir), **(env or {})}
    result = subprocess.run(
        [*PAMYAT, *args], env=env, capture_output=True, text=True, timeout=600, input=stdin
    )
    if check and result.returncode != 0:
        raise AssertionError(f"pamyat {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(name="pamyat")
def pamyat_command():
    """`pamyat(data_dir, *args)` runs the command line as a user would."""
    return run_pamyat


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty data folder for this test, also used by in-process code."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PAMYAT_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory, samples) -> Path:
    """The demo as `make demo` makes it: mirror → crawl → build, in a folder of its own."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    folder.mkdir()
    run_pamyat(folder, "mirror", "build")
    run_pamyat(folder, "crawl", "--mirror")
    run_pamyat(folder, "build")
    return folder


@pytest.fixture(scope="module")
def db(demo_data):
    """The demo's published database, read-only."""
    conn = sqlite3.connect(f"file:{demo_data / 'pamyat.db'}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def mirror_root(samples, tmp_path_factory) -> Path:
    """The mirror of the real samples, built once for the session: never change it (take
    `mirror_copy` for that)."""
    root = tmp_path_factory.mktemp("mirror")
    build_mirror(samples, root)
    return root


@pytest.fixture
def mirror_copy(mirror_root, tmp_path) -> Path:
    """A mirror of this test's own, whose manifest (and files it adds) the test may change:
    only the manifest is copied, as its entries name the recorded and rendered files by path."""
    root = tmp_path / "mirror"
    root.mkdir()
    shutil.copy(mirror_root / MANIFEST_NAME, root / MANIFEST_NAME)
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def portal(demo_data) -> str:
    """The demo database served by Datasette, as `pamyat serve` serves it."""
    with served(demo_data) as url:
        yield url


@contextmanager
def served(data_dir: Path):
    """`pamyat serve` of a data folder on a free port, once it answers; yields its URL."""
    port = free_port()
    env = {**os.environ, "PAMYAT_DATA_DIR": str(data_dir)}
    url = f"http://127.0.0.1:{port}"
    # Its log goes to a file: a pipe nobody reads would fill up and block the server.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [*PAMYAT, "serve", "--port", str(port)], env=env, stdout=log, stderr=log, text=True
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(url + "/-/versions.json").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            else:
                log.seek(0)
                pytest.fail(f"Datasette did not start: {log.read()}")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def canned():
    """`canned(portal, query, **params)`: the rows a canned query of the portal answers."""

    def ask(portal: str, query: str, **params) -> list[dict]:
        response = httpx.get(f"{portal}/pamyat/{query}.json", params={**params, "_shape": "array"})
        assert response.status_code == 200, response.text
        return response.json()

    return ask


QUALITY: list[str] = []


@pytest.fixture(scope="session")
def quality_report():
    """`quality_report(line)`: a measured figure, printed in the summary of the test run."""
    return QUALITY.append


def pytest_terminal_summary(terminalreporter):
    if QUALITY:
        terminalreporter.section("measured quality")
        for line in QUALITY:
            terminalreporter.write_line(line)


CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (installed by `make setup` and .ci/run). One per
    module: Playwright's sync API keeps an event loop running in the main thread while it is
    open, and a later test's asyncio.run (a spider's async start) would find it."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@contextmanager
def browser_tab(browser, name: str, width: int, height: int = 900):
    """A fresh page of `width` CSS pixels (390: a phone's, touch and all); its screenshot is
    kept in tests/artifacts/ after the test."""
    phone = width < 600
    context = browser.new_context(
        locale="uk-UA",
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
    )
    tab = context.new_page()
    try:
        yield tab
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page at a laptop's width."""
    with browser_tab(browser, request.node.name, 1280) as tab:
        yield tab


@pytest.fixture(params=[1366, 390], ids=["laptop", "phone"])
def screen(browser, request):
    """A fresh browser page at a laptop's width and at a phone's (390 px)."""
    with browser_tab(browser, request.node.name, request.param, 844) as tab:
        yield tab
