"""What every page does with a fact: read its rows, show its money, name its source."""

from functools import cache
from urllib.parse import urlencode

import pyuca

from etl.publish.metadata import DATABASE
from etl.trails import rules as trails_rules
from pamyat.core import sources
from pamyat.portal.words import word


async def rows(db, sql: str, **params) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


def hryvnias(minor: int | None) -> str:
    """Kopiykas as the way Ukrainians write money: 1 234 567.89."""
    if minor is None:
        return "—"
    return f"{minor / 100:,.2f}".replace(",", "\u202f")


def votes_said(votes: int, lang: str) -> str:
    """ "16 023 votes": a count of votes, its thousands apart."""
    return word("votes_n", lang, n=f"{votes:,}".replace(",", " "))


def source_title(code: str, lang: str = "uk") -> str:
    """A source's title in the page's language (source.yml `title_uk`, `title`)."""
    try:
        config = sources.config(code)
    except KeyError:
        return code
    return config["title_uk"] if lang == "uk" else config["title"]


def table_links(datasette, table: str, **filters) -> dict[str, str]:
    """The Datasette table behind a section, filtered to the page's rows, and its exports."""
    query = urlencode(filters)
    path = datasette.urls.table(DATABASE, table)
    return {
        "table": f"{path}?{query}",
        "csv": f"{path}.csv?{query}&_stream=on",
        "csv_excel": f"{path}.csv?{query}&_stream=on&_bom=1",  # a byte-order mark: UTF-8 in Excel
        "json": f"{path}.json?{query}&_shape=array&_size=max",
    }


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def ukrainian_sorted(items: list[dict], key: str) -> list[dict]:
    """In alphabetical order as Ukrainian has it (А Б … Г Ґ … И І Ї Й …), by the Unicode
    Collation Algorithm; SQLite's binary order puts І, Є and Ї before А."""
    return sorted(items, key=lambda item: _collator().sort_key(item[key] or ""))


def source_names(codes: str | None, lang: str) -> str:
    """A list of source codes ("nazk_party_reports,chesno_party_reports") as a page names
    them (source.yml `short`)."""
    names = []
    for code in (codes or "").split(","):
        try:
            names.append(sources.config(code)["short"][lang])
        except KeyError:
            names.append(code)
    return ", ".join(n for n in names if n)


def flag_words(flag: dict, lang: str) -> dict:
    """A red flag's title and rule in the page's language, from its source's source.yml or the
    money trails' rules.yml (the tables store them in English)."""
    found = [sources.config(name).get("red_flags", {}) for name in sources.names()]
    for rules in [*found, trails_rules.config()["red_flags"]]:
        rule = rules.get(flag.get("flag_code"))
        if rule and lang == "uk":
            return {**flag, "title": rule["title_uk"], "rule": " ".join(rule["rule_uk"].split())}
    return flag
