"""Text from the sources is never rendered as HTML: an MP record whose party name carries a
script and whose photo address carries an attribute goes through the real spider, build and
Datasette, and the pages show that text as text, in a real browser that runs no script of it."""

import csv
import io

import httpx
import pytest
from mirror_variants import MPS_KEY, file_variant

from conftest import run_pamyat, served
from pamyat.core.manifest import url_key

SCRIPT = '<script>window.pamyatInjected = 1; alert("injected")</script>'
PARTY = f"Партія {SCRIPT}"
PHOTO = 'https://example.org/x.jpg" onerror="window.pamyatInjected = 2'
MP_ID = "11728"


UNIAN_KEY = url_key("https://rss.unian.net/site/news_ukr.rss")
REAL_LINK = (
    "https://www.unian.ua/war/donbas-u-dnipri-likari-ryatuyut-sapera-yakiy-pidirvavsya-na-"
    "donbasi-video-novini-dnipra-11162807.html"
)
JAVASCRIPT_LINK = "javascript:window.pamyatInjected=3"
NEWS_TITLE = "Сергій Євтушок відповів журналістам"


@pytest.fixture(scope="module")
def hostile_portal(mirror_root, tmp_path_factory):
    """The MP's record carries a script and a photo address with an attribute; an item of the
    UNIAN feed names her and links to `javascript:`."""

    def inject(body):
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
        mp = next(row for row in rows if row["id"] == MP_ID)
        mp["party_name"], mp["photo"] = PARTY, PHOTO
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")

    def hostile_item(body):
        text = body.decode("utf-8").replace(REAL_LINK, JAVASCRIPT_LINK, 1)
        title = '"Зір вдалося зберегти": у Дніпрі лікарі рятують сапера, який підірвався на Донбасі'
        return text.replace(title, NEWS_TITLE, 1).encode("utf-8")

    folder = tmp_path_factory.mktemp("hostile") / "data"
    folder.mkdir()
    rewrites = {MPS_KEY: inject, UNIAN_KEY: hostile_item}
    with file_variant(mirror_root, tmp_path_factory.mktemp("variant"), rewrites) as server:
        run_pamyat(folder, "nightly", "rada", "media", "--mirror", server.url)
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
    assert page.locator("img.photo").count() == 0  # an address with a quote is no address
    assert_inert(page, dialogs)
    issues = httpx.get(
        f"{hostile_portal}/pamyat/data_issues.json",
        params={"record_id": person_of_the_mp(hostile_portal), "_shape": "array"},
    ).json()
    problem = "persons.photo_url: not a plain http(s) link; left out"
    assert [(i["field"], i["problem"]) for i in issues] == [("photo_url", problem)]


def test_a_news_link_to_javascript_is_never_a_link(page, hostile_portal):
    dialogs = visit(page, f"{hostile_portal}/person/{person_of_the_mp(hostile_portal)}")
    news = page.locator("#news li", has_text=NEWS_TITLE)
    assert news.count() == 1  # the item is kept, and names her
    assert news.locator("a").count() == 0
    # Her latest events say it too, with no link either.
    assert page.locator("#events li", has_text=NEWS_TITLE).locator("a").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    news.click()
    assert_inert(page, dialogs)
    (item,) = httpx.get(
        f"{hostile_portal}/pamyat/media_items.json",
        params={"title": NEWS_TITLE, "_shape": "array"},
    ).json()
    assert item["url"] is None


def test_every_page_sends_a_content_security_policy(page, hostile_portal):
    """The policy itself stops an inline script that escaping missed: one is added to a real
    page in the browser, and does not run."""
    for path in ("/", f"/person/{person_of_the_mp(hostile_portal)}", "/-/search?q=Партія",
                 "/pamyat/persons", "/pamyat/persons.csv", "/pamyat/persons.json"):  # fmt: skip
        headers = httpx.get(hostile_portal + path).headers
        policy = headers["content-security-policy"]
        assert (
            "script-src 'self' 'sha256-" in policy
            and "unsafe-inline" not in policy.split("style-src")[0]
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    response = page.goto(f"{hostile_portal}/pamyat/persons")
    assert response.status == 200 and violations == []  # Datasette's own scripts are allowed
    page.set_content(
        page.content().replace("</body>", "<script>window.pamyatInjected = 4</script></body>")
    )
    page.goto(f"{hostile_portal}/pamyat/persons")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pamyatInjected = 5'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.pamyatInjected") is None
    assert any("Content Security" in v for v in violations)


def test_datasette_s_csv_debug_view_is_off(hostile_portal):
    """Its `_trace` view writes the rows into HTML unescaped."""
    response = httpx.get(
        f"{hostile_portal}/pamyat/parties.csv", params={"_trace": "1", "_search": "Партія"}
    )
    assert response.headers["content-type"].startswith("text/plain")
    assert "<textarea" not in response.text
    assert PARTY in {row["name"] for row in csv.DictReader(io.StringIO(response.text))}


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
