"""Datasette's own pages in one language (pamyat/portal/chrome.py), on small pages: the phrases
are still the installed Datasette's, data and scripts are never touched, counts agree with
their number, two-language notes keep the page's half, and every canned-query column has its
English name."""

import re
from pathlib import Path

import datasette
import pytest

from etl.publish.queries import QUERIES
from pamyat.portal.chrome import as_written, counted, description_in, in_language, phrases

DATASETTE = Path(datasette.__file__).parent
RENDERED = "\n".join(
    path.read_text(encoding="utf-8")
    for path in [*(DATASETTE / "templates").glob("*.html"), DATASETTE / "filters.py"]
)


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("kind", ["text", "button", "operator"])
def test_every_phrase_is_one_the_installed_datasette_renders(kind):
    """An upgrade that rewords a phrase fails here, instead of leaving it in English."""
    source = squeezed(re.sub(r"\{[%{].*?[%}]\}", " ", RENDERED))
    own = {"Pamyat's own ingest records"}  # the metadata's, not Datasette's
    missing = [p for p in phrases()[kind] if p not in own and squeezed(p) not in source]
    assert missing == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [("1", "1 рядок"), ("2", "2 рядки"), ("5", "5 рядків"), ("11", "11 рядків"),
     ("21", "21 рядок"), ("4,763", "4\u00a0763 рядки"), ("1,095", "1\u00a0095 рядків")],
)  # fmt: skip
def test_rows_are_counted_as_ukrainian_counts_them(number, expected):
    assert counted(number) == expected


TABLE_PAGE = """<html><head><title>pamyat: persons: 1,095 rows where gender = "female and more" \
sorted by full_name descending</title><script>var label = "2 rows";</script></head><body>
<h3>1,095 rows where gender = "female and more" sorted by full_name descending</h3>
<dl class="column-descriptions"><dt>last_name</dt><dd>Surname / Прізвище</dd></dl>
<select name="_filter_op"><option value="contains">contains</option>
<option value="exact" selected>=</option></select><option value="">Sort by full_name</option>
<input type="submit" value="Apply">
<table class="rows-and-columns"><thead><tr><th data-column-description="Surname / Прізвище" \
class="col-x" scope="col">Next page</th></tr></thead>
<tbody><tr><td>Next page</td><td>3 rows</td></tr></tbody></table>
<p><a href="?_next=2">Next page</a></p><ul class="tight-bullets"><li>object 5</li></ul>
<p class="export-links">This data as <a href="x.json">json</a></p></body></html>"""
NOTES = as_written({"Surname / Прізвище": ("Surname", "Прізвище")})


def test_a_ukrainian_page_has_datasette_s_words_in_ukrainian_and_the_data_as_it_is():
    page = in_language(TABLE_PAGE, "uk", NOTES)
    assert page.startswith('<html lang="uk">')
    description = (
        '1\u00a0095 рядків де gender = "female and more" упорядковано за full_name за спаданням'
    )
    assert f"<h3>{description}</h3>" in page and f"<title>pamyat: persons: {description}" in page
    assert "<dd>Прізвище</dd>" in page
    assert '<option value="contains">містить</option>' in page
    assert '<option value="">Сортувати за full_name</option>' in page
    assert '<input type="submit" value="Застосувати">' in page
    assert '<a href="?_next=2">Наступна сторінка</a>' in page
    assert ">Ці дані як <a" in page
    # The rows, the facets' values and the scripts, untouched.
    rows = re.search(r"<tbody>.*</tbody>", page, re.S)[0]
    assert rows in TABLE_PAGE and ">Next page</th>" in page
    assert 'data-column-description="Прізвище"' in page
    assert "<li>object 5</li>" in page and 'var label = "2 rows";' in page


def test_an_english_page_keeps_the_english_half_of_each_note():
    page = in_language(TABLE_PAGE, "en", NOTES)
    assert "<dd>Surname</dd>" in page and "Прізвище" not in page
    assert 'data-column-description="Surname"' in page
    assert "<h3>1,095 rows where" in page and ">Next page</a>" in page


def test_a_canned_query_s_columns_in_english_on_an_english_page_only():
    header = (
        '<table class="rows-and-columns"><thead><tr>'
        '<th class="col-a" scope="col">Імовірність зв&#39;язку</th></tr></thead></table>'
    )
    assert ">Link probability</th>" in in_language(header, "en", {})
    assert ">Імовірність зв&#39;язку</th>" in in_language(header, "uk", {})


def test_every_canned_query_column_and_title_has_both_languages():
    aliases = {a for q in QUERIES.values() for a in re.findall(r'AS "([^"]+)"', q["sql"])}
    english = phrases()["query_columns"]
    assert sorted(a for a in aliases if a not in english and not re.fullmatch(r"[a-z_]+", a)) == []
    assert sorted(set(english) - aliases) == []  # no name of a column no query has
    assert all(len(q["title"].split(" / ")) == 2 for q in QUERIES.values())


def test_a_description_keeps_the_paragraphs_of_the_page_s_language():
    both = '<p lang="en">One row per person.</p><p lang="uk">Один рядок на особу.</p>'
    assert description_in(both, "uk") == '<p lang="uk">Один рядок на особу.</p>'
    assert description_in(both, "en") == '<p lang="en">One row per person.</p>'
