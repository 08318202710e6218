"""Text from the sources is never rendered as HTML: an MP record whose party name carries a
script and whose photo address carries an attribute goes through the real spider, build and
Datasette, and the pages show that text as text, in a real browser that runs no script of it."""

import httpx
import pytest
from conftest import run_pamyat, served
from mirror_variants import variant

from pamyat.mirror import build_mirror

SCRIPT = '<script>window.pamyatInjected = 1; alert("injected")</script>'
PARTY = f"Партія {SCRIPT}"
PHOTO = 'https://example.org/x.jpg" onerror="window.pamyatInjected = 2'
MP_ID = "11728"


@pytest.fixture(scope="module")
def hostile_portal(samples, tmp_path_factory):
    mirror = tmp_path_factory.mktemp("mirror")
    build_mirror(samples, mirror)

    def inject(rows):
        rows = [dict(row) for row in rows]
        mp = next(row for row in rows if row["id"] == MP_ID)
        mp["party_name"], mp["photo"] = PARTY, PHOTO
        return rows

    folder = tmp_path_factory.mktemp("hostile") / "data"
    folder.mkdir()
    with variant(mirror, tmp_path_factory.mktemp("variant"), inject) as server:
        run_pamyat(folder, "nightly", "rada", "--mirror", server.url)
    with served(folder) as url:
        yield url


def person_of_the_mp(portal: str) -> str:
    rows = httpx.get(
        f"{portal}/pamyat/person_sources.json",
        params={"source": "rada", "source_record_id": MP_ID, "_shape": "array"},
    ).json()
    return rows[0]["person_id"]


def visit(page, url: str) -> list[str]:
    """Open `url`; the dialogs any script opened."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    return dialogs


def assert_inert(page, dialogs):
    assert dialogs == []
    assert page.evaluate("window.pamyatInjected") is None
    assert page.locator("script:has-text('pamyatInjected')").count() == 0
    assert page.locator("img[onerror]").count() == 0


def test_the_person_page_shows_source_markup_as_text(page, hostile_portal):
    dialogs = visit(page, f"{hostile_portal}/person/{person_of_the_mp(hostile_portal)}")
    assert PARTY in page.inner_text("#timeline")
    assert page.locator("img.photo").get_attribute("src") == PHOTO
    assert_inert(page, dialogs)


def test_the_party_page_and_the_search_show_it_as_text(page, hostile_portal):
    dialogs = visit(page, f"{hostile_portal}/-/search?q=Партія")
    link = page.locator("#found-parties a", has_text="Партія <script>")
    assert link.inner_text() == PARTY
    link.click()
    page.wait_for_url("**/party/*")
    assert page.inner_text("h1") == PARTY
    assert_inert(page, dialogs)


def test_datasette_s_own_tables_show_it_as_text(page, hostile_portal):
    dialogs = visit(page, f"{hostile_portal}/pamyat/parties?_search=Партія")
    assert PARTY in page.inner_text("table.rows-and-columns")
    assert_inert(page, dialogs)
