"""The portal's one search box: /-/search?q= over persons, parties and donors at once, in
Cyrillic or Latin and whatever the case ("Yevtushok" and "Євтушок", "ПОРОШЕНКО" and
"порошенко"), through the full-text indexes the build makes (persons.name_search and the
name_search of etl/publish/search.py); persons also by a Russian, old Latin, inflected or
mistyped spelling (pamyat/portal/finder.py), each with her role and years, and "did you mean"
when no person is found."""

import re
import sqlite3

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response

from etl.publish.metadata import DATABASE
from pamyat.portal import finder
from pamyat.portal.versions import for_pages
from pamyat.portal.words import language, word

LIMIT = 20
# What each group shows: its table, key, label and a line of detail (SQL expressions on `t`).
GROUPS = {
    "parties": {
        "key": "party_id",
        "label": "t.name",
        "detail": "COALESCE(:edrpou || ' ' || t.edrpou_code, '')",
    },
    "donors": {
        "key": "donor_id",
        "label": "t.name",
        "detail": "COALESCE(t.region, '') || ' · ' || t.first_year || '–' || t.last_year "
        "|| ' · ' || t.donations_count || ' ' || :donations",
    },
}


# What one search may ask: a name is a few words; a one-letter prefix matches half the index.
MAX_CHARACTERS = 100
MAX_WORDS = 6
MIN_WORD = 2


class SearchRefused(ValueError):
    """A search beyond the limits: answered 400 with the reason (its word, the limit)."""


def query_words(text: str) -> list[str]:
    """The words of a search, apostrophes dropped as in the index, one-letter words (initials)
    left out."""
    return [w for w in re.findall(r"\w+", re.sub(r"['’ʼ`]", "", text)) if len(w) >= MIN_WORD]


def fts_query(text: str) -> str | None:
    """Every word of the text (query_words) as a prefix, all required."""
    if len(text) > MAX_CHARACTERS:
        raise SearchRefused("at_most_characters", MAX_CHARACTERS)
    words = query_words(text)
    if len(words) > MAX_WORDS:
        raise SearchRefused("at_most_words", MAX_WORDS)
    return " ".join(f'"{word}"*' for word in words) or None


def page_url(datasette, table: str, key: str) -> str:
    """Persons and parties have a readable page; donors their row."""
    pages = {"persons": "/person/", "parties": "/party/"}
    return pages[table] + key if table in pages else datasette.urls.row(DATABASE, table, key)


async def persons(db, text: str, query: str, lang: str) -> tuple[list[dict], list[str]]:
    """Persons found by the full-text index (match 3) or by the finder's keys (2: a Russian,
    old Latin or inflected spelling; 1: one typo away), best match first, then the most
    prominent; and, when none is found, the surnames nearest what was typed."""
    words = query_words(text)
    choices = await finder.surname_keys(db)
    indexed = await db.execute(
        "SELECT t.person_id, COALESCE(MAX(s.prominence), 0) FROM persons_fts "
        "JOIN persons t ON t.rowid = persons_fts.rowid "
        "LEFT JOIN search_names s ON s.person_id = t.person_id "
        f"WHERE persons_fts MATCH :query GROUP BY t.person_id LIMIT {finder.PER_WORD}",
        {"query": query},
    )
    ranked = {row[0]: (3, row[1]) for row in indexed.rows}
    for person, match, prominence in await finder.find(db, words, choices):
        ranked.setdefault(person, (match, prominence))
    best = sorted(ranked, key=lambda p: (-ranked[p][0], -ranked[p][1], p))[:LIMIT]
    if not best:
        near = finder.suggestions(words, choices)
        return [], await finder.surnames(db, near)
    marks = ", ".join(f":p{n}" for n in range(len(best)))
    found = await db.execute(
        f"SELECT person_id, full_name, full_name_latin FROM persons WHERE person_id IN ({marks})",
        {f"p{n}": p for n, p in enumerate(best)},
    )
    named = {row[0]: row for row in found.rows}
    roles = await finder.roles(db, best, lambda key, **v: word(key, lang, **v))
    return [
        {
            "id": p,
            "label": named[p]["full_name"],
            "detail": " · ".join(
                part
                for part in (
                    roles.get(p),
                    named[p]["full_name_latin"],
                    word("typo_match", lang) if ranked[p][0] == 1 else None,
                )
                if part
            ),
            "url": f"/person/{p}",
        }
        for p in best
    ], []


async def search(datasette, text: str, lang: str) -> tuple[list[dict], list[str]]:
    """Up to LIMIT rows of each group, and the "did you mean" surnames when no person is
    found."""
    query = fts_query(text)
    if query is None:
        return [], []
    db = for_pages(datasette)
    words = {"donations": word("donations_n", lang).lower(), "edrpou": word("edrpou", lang)}
    found, near = await persons(db, text, query, lang)
    groups = [{"table": "persons", "rows": found}]
    for table, group in GROUPS.items():
        sql = (
            f"SELECT t.{group['key']} AS id, {group['label']} AS label, {group['detail']} AS "
            f"detail FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid "
            f"WHERE {table}_fts MATCH :query ORDER BY {table}_fts.rank LIMIT {LIMIT}"
        )
        rows = (await db.execute(sql, {"query": query, **words})).rows
        groups.append(
            {
                "table": table,
                "rows": [
                    {**dict(row), "url": page_url(datasette, table, row["id"])} for row in rows
                ],
            }
        )
    return groups, near


async def search_page(datasette, request):
    text = request.args.get("q", "").strip()
    lang = language(request)
    status, error, groups, near = 200, None, [], []
    try:
        groups, near = await search(datasette, text, lang) if text else ([], [])
    except SearchRefused as refused:
        limit, n = refused.args
        status, error = 400, f"{word('too_long', lang)}: {word(limit, lang, n=n)}."
    except (QueryInterrupted, sqlite3.DatabaseError):
        status, error = 503, word("too_slow", lang)
    context = {
        "q": text[:MAX_CHARACTERS],
        "error": error,
        "groups": groups,
        "near": near,
        "found": sum(len(g["rows"]) for g in groups),
    }
    html = await datasette.render_template("search.html", context, request=request)
    return Response.html(html, status=status)


@hookimpl
def register_routes():
    return [(r"^/-/search$", search_page)]
