"""The readable pages in a real browser (Playwright driving Debian's Chromium) at a laptop's
width and a phone's (390 px), on the demo: every page fits the screen, wide tables scroll in
their own box, charts scale; party money, converted currencies, one language at a time, the
forgiving search, races, key facts and the canned queries as a reader meets them. Each test's
screenshot is kept in tests/artifacts/."""

import re
from urllib.parse import quote

import httpx

POROSHENKO = "Порошенко Петро Олексійович"
TARUTA = "Тарута Сергій Олексійович"
EUROPEAN_SOLIDARITY = "21715714"


def person_id(portal: str, name: str) -> str:
    response = httpx.get(
        f"{portal}/pamyat.json",
        params={
            "sql": "select person_id from persons where full_name = :n",
            "n": name,
            "_shape": "array",
        },
    )
    (person,) = response.json()
    return person["person_id"]


def bundled_donor(portal: str) -> str:
    """A donor of the demo's one bundle (many donors, one amount, one day)."""
    response = httpx.get(
        f"{portal}/pamyat.json",
        params={"sql": "select donor_id from donation_bundle_members limit 1", "_shape": "array"},
    )
    (donor,) = response.json()
    return donor["donor_id"]


def overflow(tab) -> int:
    """How far the page is wider than the screen, in CSS pixels (0: it fits)."""
    return tab.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def pages(portal: str) -> list[str]:
    return [
        "/",
        f"/person/{person_id(portal, POROSHENKO)}",
        f"/person/{person_id(portal, TARUTA)}",
        "/party/sluha-narodu",
        "/party/yevropeiska-solidarnist",
        "/race/vnd2019?district=80",
        "/race/vnd2019",
        "/-/search?q=" + quote("Зеленский"),
        "/pamyat/party_top_donors?party=" + quote("Слуга народу") + "&year=2024",
        "/pamyat/mps_by_declared_cash",
        "/pamyat/persons?_facet=gender",
        "/pamyat/exchange_rates",
        f"/pamyat/donors/{bundled_donor(portal)}",
        "/pamyat/own_party_funders?party=" + quote("Європейська Солідарність"),
    ]


def test_every_page_fits_the_screen(screen, portal):
    width = screen.viewport_size["width"]
    for path in pages(portal):
        screen.goto(portal + path)
        assert overflow(screen) <= 0, (path, width)
        for chart in screen.locator(".chart svg").all():
            assert chart.bounding_box()["width"] <= width, path


def test_a_party_s_page_counts_only_donations_as_its_donors(screen, portal):
    screen.goto(portal + "/party/yevropeiska-solidarnist")
    donors = screen.locator("#donors > .table-scroll tbody tr").all_inner_texts()
    assert len(donors) == 20 and not any(EUROPEAN_SOLIDARITY in d for d in donors)
    screen.click("#payers-intra_party summary")
    assert EUROPEAN_SOLIDARITY in screen.inner_text("#payers-intra_party")
    classes = screen.locator("#receipt-classes tbody tr td:first-child").all_inner_texts()
    assert classes[:2] == ["Внески осіб", "Внески компаній"]
    assert screen.locator("#money-chart svg rect.rect").count() > 0


def test_foreign_cash_is_converted_at_the_official_rate(screen, portal):
    screen.goto(portal + f"/person/{person_id(portal, TARUTA)}")
    rows = screen.locator("#declarations tbody tr").all_inner_texts()
    usd = [r for r in rows if "\tUSD\t" in r]
    assert usd and all(re.search(r"27\.190858 грн, 2016-12-31", r) for r in usd if "2016" in r)
    flags = screen.locator("#declarations .red-flag").all_inner_texts()
    assert any(
        "Готівка понад 100 мінімальних зарплат" in f and "у всіх валютах" in f for f in flags
    )


def test_the_switch_turns_every_page_english_and_back(screen, portal):
    screen.goto(portal + f"/person/{person_id(portal, POROSHENKO)}")
    assert screen.inner_text("#voting h2") == "Голосування в парламенті"
    assert "Голосував у фракції" in screen.inner_text("#timeline")
    screen.click(".language-switch a")
    assert screen.inner_text("#voting h2") == "Votes in parliament"
    screen.goto(portal + "/party/sluha-narodu")
    assert screen.inner_text("#donors h2") == "Top donors"
    screen.click(".language-switch a")
    assert screen.inner_text("#donors h2") == "Найбільші донори"


def test_the_search_box_forgives_spellings_and_suggests(screen, portal):
    screen.goto(portal + "/")
    screen.fill("#pamyat-q", "Зеленского")
    screen.press("#pamyat-q", "Enter")
    screen.wait_for_url("**/-/search?q=*")
    first = screen.locator("#found-persons li").first
    assert first.locator("a").inner_text() == "Зеленський Володимир Олександрович"
    assert "Президент України" in first.inner_text()
    screen.fill("#pamyat-q", "Пурошенкі")
    screen.press("#pamyat-q", "Enter")
    screen.wait_for_url("**/-/search?q=*")
    screen.click(".did-you-mean a")
    screen.wait_for_url("**/-/search?q=*")
    assert POROSHENKO in screen.locator("#found-persons li a").all_inner_texts()


def test_from_a_candidate_to_her_whole_race(screen, portal):
    screen.goto(portal + "/race/vnd2019?district=80")
    winner = screen.locator("table.candidates tr.elected td a").first
    name = winner.inner_text()
    winner.click()
    screen.wait_for_url("**/person/*")
    assert screen.inner_text("h1") == name
    assert screen.locator("#candidacies dl.biography dt").count() >= 6
    screen.click("#candidacies a.race")
    screen.wait_for_url("**/race/vnd2019?district=80")
    assert name in screen.locator("table.candidates").inner_text()


def test_the_key_facts_and_a_neutral_photo(screen, portal):
    screen.goto(portal + f"/person/{person_id(portal, POROSHENKO)}")
    facts = screen.inner_text("dl.key-facts")
    assert "Європейська Солідарність" in facts and "Декларація за" in facts
    frame = screen.locator(".photo-frame").bounding_box()
    assert frame["width"] >= 90 and frame["height"] >= 120  # the placeholder, offline too


def test_a_bundled_donor_s_page_shows_the_flag_and_why_no_income_check(screen, portal):
    screen.goto(portal + f"/pamyat/donors/{bundled_donor(portal)}")
    trails = screen.inner_text("section.donor-trails")
    assert "ту саму суму того самого дня" in trails and "Правило" in trails
    assert "не перевірено проти задекларованого доходу" in trails
    screen.goto(portal + "/party/yevropeiska-solidarnist")
    assert "дали її власні кандидати й депутати" in screen.inner_text("#money-sources")
    assert "Порошенко Петро Олексійович" in screen.inner_text("#own-politicians")


def test_a_canned_query_reads_as_a_table(screen, portal):
    screen.goto(portal + "/pamyat/party_top_donors?party=" + quote("слуга НАРОДУ") + "&year=2024")
    headers = screen.locator("table.rows-and-columns th").all_inner_texts()
    assert "Сума, грн" in [h.strip() for h in headers]
    assert screen.locator("table.rows-and-columns tbody tr").count() > 10
    assert not screen.locator("textarea#sql-editor").is_visible()  # the SQL is folded away


def test_datasette_s_own_pages_in_the_page_s_language(screen, portal):
    """A table page: Datasette's controls, the counts and the notes in Ukrainian, the rows as
    they are; in English after the switch, and a canned query's columns with them."""
    screen.goto(portal + "/pamyat/persons?_facet=gender&_sort=full_name")
    text = screen.inner_text("section.content")
    assert "Наступна сторінка" in text and "Ці дані як" in text
    assert re.search(r"\d рядк(ів|и|ок) упорядковано за full_name", text)
    assert not re.search(r"Next page|This data as|Advanced export|sorted by", text)
    assert "Прізвище" in screen.locator("dd").all_inner_texts()
    assert screen.locator("input[type=submit]").first.get_attribute("value") == "Застосувати"
    screen.click(".language-switch a")
    # The switch answers with a redirect back: wait for the page it brings (under load the
    # old page can still be the one read).
    screen.locator("section.content", has_text="Next page").wait_for()
    text = screen.inner_text("section.content")
    assert "Next page" in text and "Наступна сторінка" not in text
    assert "Surname" in screen.locator("dd").all_inner_texts()
    screen.goto(portal + "/pamyat/party_top_donors?party=" + quote("слуга народу") + "&year=2024")
    headers = [h.strip() for h in screen.locator("table.rows-and-columns th").all_inner_texts()]
    assert "Amount, UAH" in headers and "Сума, грн" not in headers
