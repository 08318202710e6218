"""Datasette's own pages (tables, rows, queries, the database) in the page's language.

Datasette has no translations, and its templates are its own: rather than fork them, the
portal rewrites the fixed phrases they render (datasette_words.yml) on a Ukrainian page, and on
either page keeps only that language's half of each column note and canned-query title (the
metadata writes them "English / Українська"). Rows, facet values, SQL and anything else from
the data are never touched: those parts of the page are set aside before any phrase is sought.
"""

import html
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal
from markupsafe import Markup, escape

UKRAINIAN = Locale("uk")

# Parts of a page set aside untouched: the rows, the facets' values, SQL, and the scripts and
# styles (the Content-Security-Policy allows inline scripts by their hashes).
DATA_PARTS = re.compile(
    r"<table class=\"rows-and-columns\">.*?</table>|<ul class=\"tight-bullets\">.*?</ul>"
    r"|<pre\b.*?</pre>|<textarea\b.*?</textarea>|<code>.*?</code>"
    r"|<script\b.*?</script>|<style\b.*?</style>",
    re.S,
)
# A paragraph of a two-language description (etl/publish/metadata.py writes one per language).
PARAGRAPH = re.compile(r'<p lang="(\w+)">.*?</p>', re.S)
THEAD = re.compile(r"<thead>.*?</thead>", re.S)
HEADER = re.compile(r'(<th class="col-[^"]*" scope="col">)([^<]*)(</th>)')
TEXT = re.compile(r">(\s*)([^<>]*?)(\s*)<")
BUTTON = re.compile(r'(<input type="submit" value=")([^"]*)(")')
OPTION = re.compile(r"(<option\b[^>]*>)([^<]*)(</option>)")
NOTE = re.compile(r'(data-column-description=")([^"]*)(")|(>)([^<>]+)(<)')
ROWS = re.compile(r"\b(\d[\d,]*) rows?\b")
# A table's count and filters, in its heading and title: "N rows where a contains "x" and
# b > 2 sorted by c".
DESCRIPTION = re.compile(r"\b(\d[\d,]*) rows?\b([^<]*)(?=</h3>|</title>)")
QUOTED = re.compile(r'("[^"]*")')
SORT_BY = re.compile(r"^Sort by (\S+)$")
VIEW = re.compile(r"^(\S+) \(view\)$")
QUERY_RETURNED = re.compile(r"^Custom SQL query returning (more than )?([\d,]+) rows?$")
LINKED = re.compile(r"(</a>)\s*from (\S+) in (\S+)")
HIDDEN = re.compile(r"\.\.\. and (<a [^>]*>)([\d,]+) hidden tables?</a>")


@cache
def phrases() -> dict:
    return yaml.safe_load(Path(__file__).with_name("datasette_words.yml").read_text("utf-8"))


def counted(number: str) -> str:
    """Rows counted as Ukrainian writes them, "4,958 rows" as "4 958 рядків" (Babel's plural
    rules and digit grouping for Ukrainian)."""
    value = int(number.replace(",", ""))
    word = phrases()["row"][UKRAINIAN.plural_form(value)]
    return f"{format_decimal(value, locale='uk')} {word}"


@cache
def _description_words() -> tuple[re.Pattern, dict[str, str]]:
    """The words of a table's filters, the longest first where one holds another."""
    words = {**phrases()["description"], **phrases()["operator"]}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b"), words


def _description(found: re.Match) -> str:
    """A table's count and filters in Ukrainian, the values they quote as they are."""
    pattern, words = _description_words()
    filters = "".join(
        part if part.startswith('"') else pattern.sub(lambda m: words[m[1]], part)
        for part in QUOTED.split(found[2])
    )
    return counted(found[1]) + filters


def _text(value: str) -> str:
    words = phrases()
    if value in words["text"]:
        return words["text"][value]
    for pattern, key in ((SORT_BY, "sort_by"), (VIEW, "view")):
        found = pattern.match(value)
        if found:
            return words[key].format(found[1])
    found = QUERY_RETURNED.match(value)
    if found:
        return words["query_returned_more" if found[1] else "query_returned"].format(
            counted(found[2])
        )
    return ROWS.sub(lambda m: counted(m.group(1)), value)


def _in_ukrainian(chrome: str) -> str:
    words = phrases()
    chrome = DESCRIPTION.sub(_description, chrome)
    chrome = OPTION.sub(lambda m: m[1] + words["operator"].get(m[2], _text(m[2])) + m[3], chrome)
    chrome = BUTTON.sub(lambda m: m[1] + words["button"].get(m[2], m[2]) + m[3], chrome)
    chrome = LINKED.sub(
        lambda m: m[1] + " " + words["linked_from"].format(column=m[2], table=m[3]), chrome
    )
    chrome = HIDDEN.sub(lambda m: words["hidden_tables"].format(link=m[1], count=m[2]), chrome)
    return TEXT.sub(lambda m: f">{m[1]}{_text(m[2]) if m[2] else ''}{m[3]}<", chrome)


def _halves(lang: str, notes: dict[str, tuple[str, str]]) -> Callable[[str], str]:
    """Each two-language note of the page, whole in a text or a column's description, as its
    `lang` half."""
    index = 0 if lang == "en" else 1

    def one(found: re.Match) -> str:
        opening, note, closing = (
            (found[1], found[2], found[3]) if found[1] else found.group(4, 5, 6)
        )
        key = note.strip()
        return opening + (str(escape(notes[key][index])) if key in notes else note) + closing

    return lambda chrome: NOTE.sub(one, chrome)


def _outside_data(page: str, change: Callable[[str], str], notes: Callable[[str], str]) -> str:
    """`change` applied to the page's chrome only, the data parts left as they are but for
    the column notes in a table's head (`notes`)."""
    pieces, start = [], 0
    for found in DATA_PARTS.finditer(page):
        part = THEAD.sub(lambda head: notes(head[0]), found[0])
        pieces += [change(page[start : found.start()]), part]
        start = found.end()
    return "".join([*pieces, change(page[start:])])


def english_headers(page: str) -> str:
    """A canned query's Ukrainian column names in English (the rows' own cells untouched)."""
    names = phrases()["query_columns"]

    def named(found: re.Match) -> str:
        name = names.get(html.unescape(found[2]))
        return found[1] + (str(escape(name)) if name else found[2]) + found[3]

    return HEADER.sub(named, page)


def in_language(page: str, lang: str, notes: dict[str, tuple[str, str]]) -> str:
    """A page Datasette rendered, in `lang` ("uk" or "en"); `notes` maps each two-language
    note, as the page writes it (HTML-escaped), to its English and Ukrainian halves."""
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    half = _halves(lang, notes)
    if lang == "en":
        return _outside_data(english_headers(page), half, half)
    return _outside_data(page, lambda chrome: _in_ukrainian(half(chrome)), half)


def as_written(notes: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Two-language notes keyed as a page writes them (HTML-escaped), with their halves."""
    return {str(escape(note)): halves for note, halves in notes.items()}


def description_in(description_html: str, lang: str) -> Markup:
    """A two-language description's paragraphs in `lang` (the metadata's own, escaped HTML)."""
    kept = [m[0] for m in PARAGRAPH.finditer(description_html) if m[1] == lang]
    return Markup("".join(kept) or description_html)
