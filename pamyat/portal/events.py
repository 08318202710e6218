"""Events (the `events` table) as the portal says them: a title and a line in the page's
language, for a person's latest events, her feed, a party's and the portal's."""

from etl.publish import events as published_events
from pamyat.portal.facts import hryvnias, rows, votes_said
from pamyat.portal.words import code_word, word

SELECT = """
    SELECT e.*, p.full_name, p.gender, y.name AS party
    FROM events e
    LEFT JOIN persons p USING (person_id)
    LEFT JOIN parties y ON y.party_id = e.party_id
"""
# A feed's newest first: what we learned last (a reader shows what is new to it), then what
# happened last; the page's timeline is by when it happened.
FEED_ORDER = " ORDER BY e.learned_at DESC, e.happened_date DESC LIMIT :n"
PAGE_ORDER = " ORDER BY e.happened_date DESC, e.learned_at DESC LIMIT :n"
OF_PERSON = SELECT + " WHERE e.person_id = :id"
OF_PARTY = SELECT + " WHERE e.party_id = :id"
# Its members: party members, its faction's members and MPs elected from it.
MEMBERS_OF_PARTY = """
    SELECT person_id FROM memberships WHERE party_id = :id OR list_party_id = :id
       OR organization_id IN (SELECT organization_id FROM organizations WHERE party_id = :id)
"""
# The latest of all their events found in the index alone, then read.
OF_MEMBERS = (
    SELECT
    + """
    WHERE e.rowid IN (SELECT rowid FROM events WHERE person_id IN ({members})
                      ORDER BY learned_at DESC, happened_date DESC LIMIT :n)
"""
    + FEED_ORDER
)
MEMBERS_OF_ORGANIZATION = "SELECT person_id FROM memberships WHERE organization_id = :id"
# What the builds after `after` learned (one bound: the index finds them alone).
RECENT = SELECT + " WHERE e.learned_at > :after" + FEED_ORDER


def entries_limit() -> int:
    return published_events.config()["feed_entries"]


async def of_person(db, person_id: str, lang: str) -> list[dict]:
    found = await rows(db, OF_PERSON + FEED_ORDER, id=person_id, n=entries_limit())
    return [said(e, lang) for e in found]


async def latest_of_person(db, person_id: str, lang: str, n: int) -> list[dict]:
    """Her latest events by when they happened, for her page."""
    return [said(e, lang) for e in await rows(db, OF_PERSON + PAGE_ORDER, id=person_id, n=n)]


async def of_party(db, party_id: str, lang: str) -> list[dict]:
    found = await rows(db, OF_PARTY + FEED_ORDER, id=party_id, n=entries_limit())
    return [said(e, lang) for e in found]


async def of_members(db, members_sql: str, group_id: str, lang: str) -> list[dict]:
    sql = OF_MEMBERS.format(members=members_sql)
    return [said(e, lang, named=True) for e in await rows(db, sql, id=group_id, n=entries_limit())]


async def recent(db, since: str, start: str | None, lang: str) -> list[dict]:
    """What the builds since `since` learned, once our history had begun (the first build's
    events are everything held, not news)."""
    after = max(since, start or "")
    found = await rows(db, RECENT, after=after, n=entries_limit())
    return [said(e, lang, named=True) for e in found]


def _option(value, lang: str) -> str:
    return code_word("vote_option", value, lang)


def _title(e: dict, lang: str) -> str:
    kind, gender = e["event_type"], e["gender"]
    where = e["about"] or word("unaffiliated", lang)
    if kind == "declaration":
        return word(
            "event_declaration",
            lang,
            kind=code_word("document_type", e["about"], lang),
            year=e["year"] or "",
        )
    if kind == "fact_changed":
        return word("event_fact_changed", lang, field=code_word("fact_field", e["field"], lang))
    if kind == "joined" and e["old_value"]:
        return word("event_switched", lang, gender, before=e["old_value"], where=where)
    if kind in ("joined", "left", "candidacy", "result", "faction_seen"):
        return word(f"event_{kind}", lang, gender, where=where)
    if kind == "donation":
        return word(
            "event_donation",
            lang,
            amount=hryvnias(e["amount_minor"]),
            donor=e["about"] or "—",
            party=e["party"] or "—",
        )
    if kind == "vote_against_faction":
        return word(
            "event_vote_against_faction",
            lang,
            gender,
            option=_option(e["new_value"], lang),
            majority=_option(e["old_value"], lang),
        )
    return e["about"] or kind  # news: its headline


def _text(e: dict, lang: str) -> str:
    kind = e["event_type"]
    if kind == "declaration":
        said = [word("event_income", lang, income=hryvnias(e["amount_minor"]))]
        if e["previous_amount_minor"] is not None:
            said.append(
                word("event_income_before", lang, income=hryvnias(e["previous_amount_minor"]))
            )
        if e["new_value"]:
            said.append(e["new_value"])
        return "; ".join(said)
    if kind == "fact_changed":
        return f"{e['old_value'] or '—'} → {e['new_value'] or '—'}"
    if kind == "candidacy":
        return word("event_nominated_by", lang, by=e["new_value"] or "—")
    if kind == "result":
        if e["new_value"]:
            return word("cancelled", lang, date=e["new_value"]) + (
                f": {e['old_value']}" if e["old_value"] else ""
            )
        outcome = {1: "elected", 0: "not_elected"}.get(e["is_elected"])
        votes = "" if e["votes"] is None else votes_said(e["votes"], lang)
        return ", ".join(
            p for p in (word(outcome, lang, e["gender"]) if outcome else "", votes) if p
        )
    if kind == "faction_seen":
        return word("event_before", lang, before=e["old_value"] or word("unaffiliated", lang))
    if kind in ("joined", "left"):
        return " · ".join(
            p for p in (code_word("organization_type", e["field"], lang), e["new_value"]) if p
        )
    if kind == "news":
        return word("event_news", lang, outlet=e["new_value"] or "—")
    if kind == "vote_against_faction":
        return e["about"] or ""
    return ""


def said(e: dict, lang: str, named: bool = False) -> dict:
    """The event with its title and line; `named`: the title begins with whom it is about (a
    feed of many persons)."""
    title = _title(e, lang)
    if named and e["full_name"]:
        title = f"{e['full_name']}: {title}"
    return {**e, "title": title, "text": _text(e, lang)}
