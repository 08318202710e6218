"""The portal in a real browser (Playwright driving Debian's Chromium) on the demo database:
what a newcomer does first, finding a real MP by typing her name in either script."""

import csv
import io

import httpx
import pytest


def search(page, portal: str, text: str) -> dict[str, list[str]]:
    """Type `text` in the home page's search box; the labels found, by group."""
    page.goto(portal + "/")
    page.fill("#pamyat-q", text)
    page.press("#pamyat-q", "Enter")
    page.wait_for_url("**/-/search?q=*")
    return {
        group: page.locator(f"#found-{group} li a").all_inner_texts()
        for group in ("persons", "parties", "donors")
    }


@pytest.mark.parametrize("text", ["Yevtushok", "Євтушок", "serhii yevtushok", "ЄВТУШОК"])
def test_the_search_box_finds_the_mp_in_either_script(page, portal, text):
    found = search(page, portal, text)
    assert "Євтушок Сергій Миколайович" in found["persons"]
    assert "ЄВТУШОК СЕРГІЙ МИКОЛАЙОВИЧ" in found["donors"]  # he gave to his party in 2021


def test_upper_and_lower_case_find_the_same(page, portal):
    upper, lower = search(page, portal, "ПОРОШЕНКО"), search(page, portal, "порошенко")
    assert upper == lower
    assert "Порошенко Петро Олексійович" in upper["persons"]
    assert "ПОРОШЕНКО ПЕТРО ОЛЕКСІЙОВИЧ" in upper["donors"]


def test_a_party_is_found_by_its_latin_name(page, portal):
    found = search(page, portal, "Yevropeiska Solidarnist")
    assert found["parties"] == ['Політична партія "Європейська Солідарність"']


def drawn_bars(page, chart: str) -> list[float]:
    """Heights of the bars the browser actually laid out in a chart."""
    return page.eval_on_selector_all(
        f"{chart} svg rect.rect", "bars => bars.map(bar => bar.getBBox().height)"
    )


def test_from_the_search_box_to_her_page_her_chart_an_export_and_her_party(page, portal):
    """The newcomer's path: type a name, read the page with its sources, see the chart, take
    the data away, open the party's finances."""
    search(page, portal, "Poroshenko Petro")
    page.click("#found-persons >> text=Порошенко Петро Олексійович")
    page.wait_for_url("**/person/*")
    assert page.inner_text("h1") == "Порошенко Петро Олексійович"
    assert "Poroshenko Petro Oleksiiovych" in page.inner_text(".latin")
    assert page.locator("#sources tbody tr").count() >= 3
    heights = drawn_bars(page, "#declarations-chart")
    assert len(heights) == 4 and all(height > 0 for height in heights)
    assert page.locator("#declarations-chart svg").bounding_box()["width"] > 400

    person_id = page.get_attribute("article.person", "data-person-id")
    for_excel = page.locator("#declarations .export-csv-excel").last.get_attribute("href")
    assert httpx.get(portal + for_excel).content.startswith("\ufeff".encode())
    page.click("#declarations .export-csv >> nth=-1")
    exported = list(csv.DictReader(io.StringIO(page.inner_text("body"))))
    assert {row["declaration_year"] for row in exported} == {"2015", "2017"}
    assert {row["person_id"] for row in exported} == {person_id}
    page.go_back()

    page.click("#donations a[href^='/party/'] >> nth=0")
    page.wait_for_url("**/party/yevropeiska-solidarnist")
    assert page.inner_text("h1") == 'Політична партія "Європейська Солідарність"'
    years = page.locator("#money-chart svg .axis.x text").count()
    missing = page.locator(".missing-years").count()
    drawn = sum(height > 0 for height in drawn_bars(page, "#money-chart"))
    assert years >= 4 and drawn >= years - missing  # each year held: its donations at least
    assert page.locator("#donors > .table-scroll tbody tr").count() == 20


def test_source_text_in_a_search_is_escaped(page, portal):
    found = search(page, portal, "<script>alert(1)</script>")
    assert found == {"persons": [], "parties": [], "donors": []}
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert "«<script>alert(1)</script>»" in page.inner_text(".search-summary")
