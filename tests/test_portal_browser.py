"""The portal in a real browser (Playwright driving Debian's Chromium) on the demo database:
what a newcomer does first, finding a real MP by typing her name in either script."""

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


def test_search_result_leads_to_the_record_and_its_export(page, portal):
    search(page, portal, "Yevtushok Serhii")
    page.click("text=Євтушок Сергій Миколайович")
    page.wait_for_url("**/pamyat/persons/*")
    assert "Євтушок Сергій Миколайович" in page.inner_text("body")
    json_link = page.locator("a[href*='.json']").first.get_attribute("href")
    exported = httpx.get(portal + json_link, params={"_shape": "objects"}).json()
    assert exported["rows"][0]["full_name"] == "Євтушок Сергій Миколайович"


def test_source_text_in_a_search_is_escaped(page, portal):
    found = search(page, portal, "<script>alert(1)</script>")
    assert found == {"persons": [], "parties": [], "donors": []}
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert "«<script>alert(1)</script>»" in page.inner_text(".search-summary")
