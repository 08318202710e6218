"""Persons as people type them: a Russian spelling ("Зеленский", "Юлия Тимошенко"), an old
Latin one ("Yulia Tymoshenko"), an inflected form ("Зеленського") or a typo ("Porochenko").

Each typed word becomes keys: the identity engine's skeleton of the word, of its dictionary
forms in Ukrainian and Russian (pymorphy3), and of the given name it may be; a person matches
when every word meets one of her name's keys (search_names). A word that meets no key is
compared with every surname's key by edit distance (rapidfuzz). Persons come ranked by how
they matched, then by prominence (search_names.prominence)."""

import os

from rapidfuzz import fuzz, process

from pamyat.core.text.forms import given_name_key
from pamyat.core.text.names import skeleton
from pamyat.core.text.word_forms import analyzer

# How close a mistyped key must come to a surname's key (rapidfuzz ratio, 0-100); a
# suggestion may come further.
TYPO_SCORE = 80
SUGGESTION_SCORE = 70
# The most persons one word may bring (a common surname has thousands at national volumes).
PER_WORD = 2000
SKELETONS = "SELECT DISTINCT skeleton FROM search_names WHERE part = 'last_name'"
HOLDERS = """
    SELECT person_id, MAX(prominence) AS prominence FROM search_names
    WHERE skeleton IN ({keys})
    GROUP BY person_id ORDER BY prominence DESC LIMIT {limit}
"""


def word_keys(word: str) -> set[str]:
    """The keys one typed word may stand for."""
    lower = word.casefold()
    forms = {lower}
    if not lower.isascii():
        for language in ("uk", "ru"):
            forms |= {p.normal_form for p in analyzer(language).parse(lower)[:4]}
    keys = {skeleton(f) for f in forms} | {given_name_key(f) for f in forms}
    return keys - {""}


_read: dict[tuple, tuple[str, ...]] = {}


async def surname_keys(db) -> tuple[str, ...]:
    """Every surname's key, read once per database file (a nightly build is a new file)."""
    version = (db.path, os.path.getmtime(db.path)) if db.path else None
    if version not in _read:
        rows = (await db.execute(SKELETONS)).rows
        _read.clear()
        _read[version] = tuple(row[0] for row in rows)
    return _read[version]


def close_keys(key: str, choices: tuple[str, ...], cutoff: int) -> list[str]:
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [choice for choice, _score, _index in found]


async def holders(db, keys: set[str]) -> dict[str, int]:
    """Persons with a name word of one of the keys, and their prominence."""
    if not keys:
        return {}
    marks = ", ".join(f":k{n}" for n in range(len(keys)))
    sql = HOLDERS.format(keys=marks, limit=PER_WORD)
    params = {f"k{n}": key for n, key in enumerate(sorted(keys))}
    return {row[0]: row[1] for row in (await db.execute(sql, params)).rows}


async def find(db, words: list[str], choices: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(person_id, match, prominence) of the persons every word meets: match 2 by a key of the
    word, 1 by a key one typo away."""
    found: dict[str, tuple[int, int]] | None = None
    for word in words:
        keys = word_keys(word)
        met = {p: (2, s) for p, s in (await holders(db, keys)).items()}
        if not met:
            typo = {c for k in keys for c in close_keys(k, choices, TYPO_SCORE)}
            met = {p: (1, s) for p, s in (await holders(db, typo)).items()}
        found = (
            met
            if found is None
            else {
                p: (min(m, found[p][0]), max(s, found[p][1]))
                for p, (m, s) in met.items()
                if p in found
            }
        )
    return sorted(
        ((p, m, s) for p, (m, s) in (found or {}).items()), key=lambda f: (-f[1], -f[2], f[0])
    )


def suggestions(words: list[str], choices: tuple[str, ...]) -> list[str]:
    """The surname keys nearest each word's, for "did you mean" when nothing matched."""
    near: list[str] = []
    for word in words:
        for key in word_keys(word):
            near += [c for c in close_keys(key, choices, SUGGESTION_SCORE) if c not in near]
    return near[:5]


ROLES = {
    "parliament": """
        SELECT m.person_id, COALESCE(m.role_title, m.role) AS what, m.start_date, m.end_date
        FROM memberships m JOIN organizations o USING (organization_id)
        WHERE o.organization_type = 'parliament' AND m.person_id IN ({ids})
    """,
    "candidacies": """
        SELECT c.person_id, substr(e.election_date, 1, 4) AS year, c.district_number,
               c.council, c.is_elected
        FROM candidacies c JOIN elections e USING (election_id)
        WHERE c.person_id IN ({ids}) ORDER BY e.election_date DESC
    """,
    "declarations": """
        SELECT person_id, position, workplace, MIN(declaration_year) AS first_year,
               MAX(declaration_year) AS last_year
        FROM declarations WHERE person_id IN ({ids}) GROUP BY person_id
    """,
}


def _span(first, last) -> str:
    first, last = str(first or "")[:4], str(last or "")[:4]
    return first if first == last else f"{first}–{last}"


async def roles(db, ids: list[str], word) -> dict[str, str]:
    """Each person's role and years, as a result line shows them: her seat in parliament, else
    her latest candidacy, else her latest declared post. `word(key, **values)` says it in the
    page's language."""
    if not ids:
        return {}
    marks = ", ".join(f":p{n}" for n in range(len(ids)))
    params = {f"p{n}": person for n, person in enumerate(ids)}
    found: dict[str, str] = {}
    for row in (await db.execute(ROLES["declarations"].format(ids=marks), params)).rows:
        post = ", ".join(dict.fromkeys(p for p in (row["position"], row["workplace"]) if p))
        found[row[0]] = f"{post} ({word('declared_years', years=_span(row[3], row[4]))})"
    for row in (await db.execute(ROLES["candidacies"].format(ids=marks), params)).rows:
        where = (
            word("district_n", n=row["district_number"])
            if row["district_number"]
            else row["council"] or ""
        )
        said = word("role_elected" if row["is_elected"] else "role_candidate", where=where)
        found.setdefault(row[0], f"{said}, {row['year']}")
    for row in (await db.execute(ROLES["parliament"].format(ids=marks), params)).rows:
        found[row[0]] = f"{row['what']}, {_span(row['start_date'], row['end_date'])}" + (
            "" if row["end_date"] else "…"
        )
    return found


async def surnames(db, keys: list[str]) -> list[str]:
    """The surname most prominent persons write for each key, for "did you mean"."""
    names = []
    for key in keys:
        found = await db.execute(
            "SELECT word FROM search_names WHERE skeleton = :key AND part = 'last_name' "
            "ORDER BY prominence DESC LIMIT 1",
            {"key": key},
        )
        names += [row[0] for row in found.rows if row[0] not in names]
    return names
