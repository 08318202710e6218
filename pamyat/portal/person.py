"""A person's page: who she is, what she holds, her path through parties, factions and
elections, how she votes, what she declares, whom she funds and what the news says, each fact
with its source."""

from urllib.parse import quote, urlencode

from pamyat.core import config
from pamyat.portal import events
from pamyat.portal.charts import hryvnia_bars
from pamyat.portal.facts import flag_words, rows, source_title, table_links, votes_said
from pamyat.portal.race import race_url
from pamyat.portal.words import code_word, word

PERSON = "SELECT * FROM persons WHERE person_id = :id"
# Her latest events at the head of the page; the feed has more.
LATEST_EVENTS = 10
REDIRECT = "SELECT person_id FROM person_redirects WHERE retired_person_id = :id"
SOURCES = """
    SELECT source, source_record_id, source_url, page_url, match_method, match_score,
           match_evidence
    FROM person_sources WHERE person_id = :id ORDER BY source, source_record_id
"""
# Parliament, faction and party memberships make the timeline; other posts are listed apart.
MEMBERSHIPS = """
    SELECT m.role, m.role_title, m.start_date, m.end_date, m.end_reason, m.district_number,
           m.list_position, o.name AS organization, o.organization_type, m.party_id,
           COALESCE(p.name, lp.name) AS party, m.list_party_id, m.source, m.source_url,
           (o.organization_type IN ('parliament', 'faction') OR m.role = 'член партії')
               AS is_timeline
    FROM memberships m
    LEFT JOIN organizations o USING (organization_id)
    LEFT JOIN parties p ON p.party_id = m.party_id
    LEFT JOIN parties lp ON lp.party_id = m.list_party_id
    WHERE m.person_id = :id
    ORDER BY m.start_date, m.role_title
"""
CANDIDACIES = """
    SELECT c.election_id, e.name AS election, e.election_date, c.district_number, c.council,
           c.region, c.council_district, c.nominated_by, c.nominating_party_id,
           c.is_self_nominated, c.registered_date, c.birth_place, c.education, c.occupation,
           c.workplace, c.party_membership, c.residence, c.has_criminal_record,
           c.criminal_record, c.votes, c.vote_share, c.is_elected, c.cancelled_date,
           c.cancellation_reason, c.source, c.source_url
    FROM candidacies c LEFT JOIN elections e USING (election_id)
    WHERE c.person_id = :id
    ORDER BY e.election_date
"""
# The Rada dates no faction membership; the roll calls show when she sat in which faction.
FACTIONS_SEEN = """
    SELECT o.name AS faction, h.organization_id,
           h.first_seen_date, h.last_seen_date, h.roll_calls
    FROM mp_faction_history h LEFT JOIN organizations o USING (organization_id)
    WHERE h.person_id = :id
"""
VOTING = "SELECT * FROM mp_vote_summary WHERE person_id = :id"
LOYALTY = """
    SELECT o.name AS faction, l.roll_calls, l.with_majority, l.loyalty
    FROM mp_faction_loyalty l JOIN organizations o USING (organization_id)
    WHERE l.person_id = :id ORDER BY l.roll_calls DESC
"""
DECLARATIONS = """
    SELECT document_id, declaration_year, document_type, is_corrected, position, workplace,
           submitted_date, document_url, source, source_url
    FROM declarations WHERE person_id = :id
    ORDER BY declaration_year DESC, submitted_date DESC
"""
DECLARED_TOTALS = """
    SELECT t.document_id, t.declaration_year, d.document_type, t.currency_code,
           t.income_minor, t.money_minor, t.cash_minor, t.money_change_minor, t.rate_date,
           t.uah_per_unit, t.money_uah_minor, t.cash_uah_minor
    FROM declaration_year_totals t JOIN declarations d USING (document_id)
    WHERE t.person_id = :id
    ORDER BY t.declaration_year, d.submitted_date, t.currency_code
"""
FLAGS = """
    SELECT flag_code, title, rule, threshold_value, measured_value, declaration_year AS year,
           document_id
    FROM red_flags WHERE person_id = :id ORDER BY declaration_year
"""
DONATIONS_BY_PARTY = """
    SELECT d.year, d.party_id, p.name AS party, COUNT(*) AS donations,
           SUM(d.amount_minor) - SUM(COALESCE(d.refund_minor, 0)) AS net_minor,
           GROUP_CONCAT(DISTINCT d.source) AS sources,
           (SELECT o.ties FROM own_party_donations o
            WHERE o.person_id = :id AND o.party_id = d.party_id AND o.year = d.year) AS own_party
    FROM donations d
    JOIN donors n USING (donor_id)
    LEFT JOIN parties p ON p.party_id = d.party_id
    WHERE n.person_id = :id AND d.repeats_donation_id IS NULL
    GROUP BY d.year, d.party_id
    ORDER BY d.year, net_minor DESC
"""
DONOR_IDS = "SELECT donor_id, name FROM donors WHERE person_id = :id"
DONOR_FLAGS = """
    SELECT f.flag_code, f.title, f.rule, f.threshold_value, f.measured_value, f.year,
           p.name AS party
    FROM donor_red_flags f LEFT JOIN parties p USING (party_id)
    WHERE f.person_id = :id
       OR f.donor_id IN (SELECT donor_id FROM donors WHERE person_id = :id)
    ORDER BY f.year
"""
INCOME_CHECKS = """
    SELECT * FROM donor_income_checks WHERE person_id = :id ORDER BY year
"""
# Donors who may be (possible: in the review queue) or are (judged) her declared relatives.
RELATIVES = """
    SELECT r.donor_id, n.name, r.relation, r.family_member_name, r.evidence,
           'judged' AS status, r.judged_by, r.judged_at,
           (SELECT SUM(net_minor) FROM donor_party_years y WHERE y.donor_id = r.donor_id)
               AS net_minor
    FROM donor_relatives r JOIN donors n USING (donor_id)
    WHERE r.person_id = :id
    UNION ALL
    SELECT n.donor_id, n.name, NULL, q.right_name, q.evidence, 'possible', NULL, NULL,
           (SELECT SUM(net_minor) FROM donor_party_years y WHERE y.donor_id = n.donor_id)
    FROM match_review q JOIN donors n ON q.left_record = n.source || ':' || n.donor_id
    WHERE q.right_person_id = :id AND q.question = 'relative'
"""
NEWS = """
    SELECT i.title, i.url, i.published_at, o.name AS outlet, m.matched_text, m.reason,
           m.confidence
    FROM mentions m
    JOIN media_items i USING (item_id)
    JOIN media_outlets o USING (outlet_code)
    WHERE m.person_id = :id
    ORDER BY i.published_at DESC
    LIMIT 50
"""


async def redirect(db, person_id: str) -> str | None:
    """The id a merged person now has, if `person_id` was merged into another."""
    found = await rows(db, REDIRECT, id=person_id)
    return found[0]["person_id"] if found else None


def timeline(
    memberships: list[dict],
    factions_seen: list[dict],
    candidacies: list[dict],
    votes_url: str,
    lang: str,
    gender: str | None,
) -> list[dict]:
    """Parliament, faction and party memberships, factions seen in roll calls and candidacies,
    in the order they began."""
    events = [
        {
            "date": m["start_date"],
            "end_date": m["end_date"],
            "kind": "party" if m["role"] == "член партії" else m["organization_type"],
            "what": m["role_title"] or m["role"],
            "where": m["party"] if m["role"] == "член партії" else m["organization"],
            "detail": m["end_reason"],
            "source_url": m["source_url"],
        }
        for m in memberships
        if m["is_timeline"]
    ]
    events += [
        {
            "date": f["first_seen_date"],
            "end_date": f["last_seen_date"],
            "kind": "roll calls",
            "what": word("voted_in_faction", lang, gender),
            "where": f["faction"] or word("unaffiliated", lang),
            "detail": word("roll_calls_n", lang, n=f["roll_calls"]),
            "source_url": votes_url,
        }
        for f in factions_seen
    ]
    events += [
        {
            "date": c["election_date"],
            "end_date": None,
            "kind": "candidacy",
            "what": c["election"],
            "where": c["nominated_by"],
            "detail": candidacy_result(c, lang, gender),
            "source_url": c["source_url"],
        }
        for c in candidacies
    ]
    return sorted(events, key=lambda event: event["date"] or "")


def candidacy_result(candidacy: dict, lang: str, gender: str | None) -> str:
    if candidacy["cancelled_date"]:
        return word("cancelled", lang, date=candidacy["cancelled_date"])
    place = (
        word("district_n", lang, n=candidacy["district_number"])
        if candidacy["district_number"]
        else candidacy["council"] or ""
    )
    votes = "" if candidacy["votes"] is None else ", " + votes_said(candidacy["votes"], lang)
    share = "" if candidacy["vote_share"] is None else f" ({candidacy['vote_share']}%)"
    outcome = {1: "elected", 0: "not_elected"}.get(candidacy["is_elected"])
    said = word(outcome, lang, gender) if outcome else ""
    return ", ".join(part for part in (place + votes + share, said) if part)


def current_positions(memberships: list[dict], declarations: list[dict], lang: str) -> list[dict]:
    """What she holds now: open parliament and faction seats, else her latest declared post."""
    positions = [
        {
            "what": m["role_title"] or m["role"],
            "where": m["organization"],
            "since": m["start_date"],
            "source_url": m["source_url"],
        }
        for m in memberships
        if m["organization_type"] in ("parliament", "faction") and not m["end_date"]
    ]
    if not positions and declarations:
        latest = declarations[0]
        positions.append(
            {
                "what": latest["position"],
                "where": latest["workplace"],
                "since": word("declared_for", lang, year=latest["declaration_year"]),
                "source_url": latest["document_url"],
            }
        )
    return positions


def declarations_chart(totals: list[dict], lang: str):
    """Income and money per declaration, foreign currency converted to hryvnias at the
    official rate of the year's last day (a currency without a rate is left out, and the
    table says so)."""
    documents: dict[str, dict] = {}
    for t in totals:
        document = documents.setdefault(
            t["document_id"],
            {
                "label": f"{t['declaration_year']} "
                + code_word("document_type", t["document_type"], lang),
                "income": None,
                "money": None,
            },
        )
        if t["income_minor"] is not None:
            document["income"] = (document["income"] or 0) + t["income_minor"]
        if t["money_uah_minor"] is not None:
            document["money"] = (document["money"] or 0) + t["money_uah_minor"]
    if not documents:
        return None
    shown = list(documents.values())
    return hryvnia_bars(
        word("chart_declarations", lang),
        [d["label"] for d in shown],
        {
            word("series_income", lang): [d["income"] for d in shown],
            word("series_money", lang): [d["money"] for d in shown],
        },
        lang,
    )


def key_facts(
    memberships: list[dict], candidacies: list[dict], totals: list[dict], flags: int
) -> dict:
    """The head of the page: her party now, her latest declared income and money (all
    currencies in hryvnias), how many red flags she has."""
    parties = [m for m in memberships if m["role"] == "член партії" and not m["end_date"]]
    factions = [m for m in memberships if m["organization_type"] == "faction" and not m["end_date"]]
    party = (
        parties[-1]["party"]
        if parties
        else factions[-1]["organization"]
        if factions
        else candidacies[-1]["nominated_by"]
        if candidacies
        else None
    )
    latest = None
    if totals:
        year = max(t["declaration_year"] for t in totals)
        document = [t for t in totals if t["declaration_year"] == year][-1]["document_id"]
        held = [t for t in totals if t["document_id"] == document]
        latest = {
            "year": year,
            "income_minor": sum(t["income_minor"] or 0 for t in held),
            "money_minor": sum(t["money_uah_minor"] or 0 for t in held),
        }
    return {"party": party, "declared": latest, "flags": flags}


def wrong_link_report(person: dict, source: dict) -> str | None:
    """A prefilled e-mail to the editors (PAMYAT_CORRECTIONS_EMAIL) saying that a record
    linked by the engine is not this person's; None where an id or a judgement decided."""
    if source["match_score"] is None:
        return None
    record = f"{source['source']}:{source['source_record_id']}"
    subject = f"Pamyat: wrong link? {record} → {person['person_id']}"
    body = (
        f"{config.public_url()}/person/{person['person_id']} ({person['full_name']})\n"
        f"Record / Запис: {record}\n"
        f"Evidence / Докази: {source['match_evidence']}\n\n"
        "Why this record is not this person / Чому цей запис не цієї особи:\n"
    )
    return f"mailto:{config.corrections_email()}?" + urlencode(
        {"subject": subject, "body": body}, quote_via=quote
    )


def election_day_links(candidacies: list[dict], person_id: str, held: tuple) -> list[dict]:
    """Beside each candidacy, her page as it stood on election day, where our history
    (`held`: its first and last day) reaches that day."""
    start, today = held
    links = []
    for c in candidacies:
        day = c["election_date"]
        inside = bool(day) and start.isoformat() <= day <= today.isoformat()
        links.append({"url": f"/person/{person_id}?as_of={day}" if inside else None})
    return links


async def person_page(datasette, db, person_id: str, lang: str, held: tuple) -> dict | None:
    """Everything the page shows of one person, or None when there is no such person; `held`:
    the first and last day of the history held (for the links to her page on a past day)."""
    found = await rows(db, PERSON, id=person_id)
    if not found:
        return None
    memberships = await rows(db, MEMBERSHIPS, id=person_id)
    candidacies = await rows(db, CANDIDACIES, id=person_id)
    declarations = await rows(db, DECLARATIONS, id=person_id)
    totals = await rows(db, DECLARED_TOTALS, id=person_id)
    donors = await rows(db, DONOR_IDS, id=person_id)
    voting = await rows(db, VOTING, id=person_id)
    donor_ids = ",".join(d["donor_id"] for d in donors)
    links = {
        "person": table_links(datasette, "persons", person_id=person_id),
        "memberships": table_links(datasette, "memberships", person_id=person_id),
        "candidacies": table_links(datasette, "candidacies", person_id=person_id),
        "votes": table_links(datasette, "votes", person_id=person_id),
        "declarations": table_links(datasette, "declarations", person_id=person_id),
        "totals": table_links(datasette, "declaration_year_totals", person_id=person_id),
        "donations": table_links(datasette, "donations", donor_id__in=donor_ids),
        "mentions": table_links(datasette, "mentions", person_id=person_id),
    }
    factions_seen = await rows(db, FACTIONS_SEEN, id=person_id)
    flags = [flag_words(f, lang) for f in await rows(db, FLAGS, id=person_id)]
    donor_flags = [flag_words(f, lang) for f in await rows(db, DONOR_FLAGS, id=person_id)]
    return {
        "person": found[0],
        "sources": [
            {
                **s,
                "title": source_title(s["source"], lang),
                "report": wrong_link_report(found[0], s),
            }
            for s in await rows(db, SOURCES, id=person_id)
        ],
        "positions": current_positions(memberships, declarations, lang),
        "timeline": timeline(
            memberships,
            factions_seen,
            candidacies,
            links["votes"]["table"],
            lang,
            found[0]["gender"],
        ),
        "other_posts": [m for m in memberships if not m["is_timeline"]],
        "candidacies": candidacies,
        "candidacy_results": [candidacy_result(c, lang, found[0]["gender"]) for c in candidacies],
        "election_days": election_day_links(candidacies, person_id, held),
        "history_start": held[0],
        "events": await events.latest_of_person(db, person_id, lang, LATEST_EVENTS),
        "feed_url": f"/person/{person_id}/feed.atom",
        "races": [race_url(c) for c in candidacies],
        "voting": voting[0] if voting else None,
        "loyalty": await rows(db, LOYALTY, id=person_id),
        "declarations": declarations,
        "totals": totals,
        "declarations_chart": declarations_chart(totals, lang),
        "flags": flags,
        "key_facts": key_facts(memberships, candidacies, totals, len(flags) + len(donor_flags)),
        "donors": donors,
        "donations": await rows(db, DONATIONS_BY_PARTY, id=person_id),
        "donor_flags": donor_flags,
        "income_checks": await rows(db, INCOME_CHECKS, id=person_id),
        "relatives": await rows(db, RELATIVES, id=person_id),
        "news": await rows(db, NEWS, id=person_id),
        "links": links,
        "match_weights_url": table_links(datasette, "match_weights")["table"],
    }
