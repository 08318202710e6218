"""Rada roll calls: registrations, vote results and roll-call pages → vote events and votes.

The open-data TSVs carry MP ids (`id_mp` = the MPs file's `rada_id`) and the Rada's faction
codes; the pages carry short names ("Євтушок С.М.") inside faction blocks. Faction codes are
mapped to factions by the data itself: the body most MPs with that code belong to in the posts
file. A page's names are handed to the identity stage as lines (etl/identity/roll_calls.py),
which links them to MPs, among the block's faction first. Where an event has both, the TSV's
votes are published and the page is checked against them. Malformed triples, unknown MP ids and
unknown faction codes are data issues; the rest is kept.
"""

import re
from collections import Counter, defaultdict

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from pamyat.core.text.parties import party_key

SOURCE = "rada"
OPTION_CODES = sources.config(SOURCE)["vote_options"]
OPTIONS = {str(code): option for option, code in OPTION_CODES.items()}
FACTION_TYPES = ("faction", "group")
NON_AFFILIATED = "Позафракційні"
CLEAR_MAJORITY = 0.8


def body_key(name: str) -> str:
    """One key for a faction however it is written ('Фракція політичної партії "СЛУГА НАРОДУ"',
    'Фракція ПОЛІТИЧНОЇ ПАРТІЇ "СЛУГА НАРОДУ"', 'Група "За майбутнє" у Верховній Раді')."""
    quoted = re.findall(r"[\"«“](.+?)[\"»”]", name.replace("’", "'"))
    return party_key(quoted[0] if quoted else name)


def _triples(record: dict, issues: DataIssues):
    """(id_mp, faction code, option) of an event's `results`; malformed ones are reported."""
    for triple in record["fields"]["results"].split("|"):
        parts = triple.split(":")
        if len(parts) != 3 or parts[2] not in OPTIONS:
            issues.about(
                record,
                "results",
                "malformed id_mp:id_faction:status triple, skipped",
                triple,
            )
            continue
        yield parts[0], parts[1], OPTIONS[parts[2]]


def faction_codes(
    events: list[dict], mp_of_rada_id: dict, faction_of_mp: dict, issues: DataIssues
) -> dict[str, str | None]:
    """Faction code → organization_id, by the posts of the MPs who carry the code."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for record in events:
        for rada_id, code, _ in _triples(record, DataIssues()):
            mp = mp_of_rada_id.get(rada_id)
            if mp:
                seen[code][faction_of_mp.get(mp)] += 1
    mapping = {}
    for code, bodies in seen.items():
        body, count = bodies.most_common(1)[0]
        if count / sum(bodies.values()) < CLEAR_MAJORITY:
            issues.add(
                SOURCE,
                None,
                code,
                "id_faction",
                f"faction code has no clear faction; its MPs are in {dict(bodies.most_common(3))}",
                stage="normalize",
            )
        mapping[code] = body  # None: the MPs with this code belong to no faction or group
    return mapping


def normalize(
    by_kind: dict[str, list[dict]],
    mp_of_rada_id: dict,
    faction_of_mp: dict,
    organizations: dict,
    issues: DataIssues,
) -> dict:
    events = by_kind.get("registration", []) + by_kind.get("vote_result", [])
    codes = faction_codes(events, mp_of_rada_id, faction_of_mp, issues)
    pages = {r["source_record_id"]: r for r in by_kind.get("vote_page", [])}
    questions = {r["source_record_id"]: r["fields"] for r in by_kind.get("event_question", [])}
    vote_events, votes = [], []
    for record in events:
        kind = "registration" if record["kind"] == "registration" else "vote"
        event_id = record["source_record_id"]
        vote_events.append(_event(record, kind, questions.get(event_id), pages.get(event_id)))
        before = len(votes)
        for rada_id, code, option in _triples(record, issues):
            mp = mp_of_rada_id.get(rada_id)
            if mp is None:
                issues.about(
                    record,
                    "results",
                    f"unknown MP id {rada_id}, vote skipped",
                    rada_id,
                )
                continue
            if code not in codes:
                issues.about(
                    record,
                    "results",
                    f"unknown faction code {code}",
                    code,
                )
            votes.append(_vote(record, event_id, mp, code, codes.get(code), option))
        held = len([t for t in record["fields"]["results"].split("|") if t])
        issues.entries(record, "results", held, len(votes) - before)
    tsv_events = {r["source_record_id"] for r in by_kind.get("vote_result", [])}
    body_of_key = {
        body_key(o["name"]): oid
        for oid, o in organizations.items()
        if o["organization_type"] in FACTION_TYPES
    }
    lines: dict[str, list] = defaultdict(list)
    for event_id, page in pages.items():
        if event_id not in tsv_events:
            vote_events.append(_event(page, "vote", questions.get(event_id), page))
        _page_lines(page, event_id in tsv_events, body_of_key, lines)
    return {
        "vote_events": pd.DataFrame(vote_events),
        "votes": pd.DataFrame(votes),
        "roll_call_lines": pd.DataFrame(lines),
        "roll_call_factions": pd.DataFrame(
            {"source": SOURCE, "person_record_id": mp, "organization_id": body}
            for mp, body in faction_of_mp.items()
        ),
    }


def _page_lines(page: dict, checked: bool, body_of_key: dict, lines: dict[str, list]) -> None:
    """One row per name of a roll-call page, for the identity stage to link, added to the
    columns `lines` (a column list each: a dict per name would cost hundreds of MB at national
    volumes): the block's faction (None for the non-affiliated and for a block of no known
    faction) and whether the block lists one faction's MPs only (a faction's block, or the
    non-affiliated one)."""
    origin = provenance(page)
    for block in page["fields"]["blocks"]:
        body = body_of_key.get(body_key(block["name"]))
        is_roster = body is not None or block["name"].startswith(NON_AFFILIATED)
        for name, option in block["votes"]:
            row = {
                "vote_event_id": int(page["source_record_id"]),
                "checked": checked,
                "block": block["name"],
                "organization_id": body,
                "block_is_roster": is_roster,
                "name": name.replace(" .", ""),
                "name_as_written": name,
                "option": option,
                "option_known": option in OPTION_CODES,
                **origin,
            }
            for column, value in row.items():
                lines[column].append(value)


def _adopted(decision: str | None, voting_result: str | None) -> int | None:
    """The roll-call page's decision ("Рішення (не) прийнято"), else the TSV's voting_result
    (1 or 0; inferred, formats.md); None for a registration."""
    if decision:
        return int("не прийнято" not in decision)
    return int(voting_result) if (voting_result or "").strip() in ("0", "1") else None


def _event(record: dict, kind: str, question: dict | None, page: dict | None) -> dict:
    fields = record["fields"]
    header = page["fields"] if page else {}
    totals = header.get("totals", {})

    def count(column, total_key):
        value = fields.get(column)
        return int(value) if value not in (None, "") else totals.get(total_key)

    adopted = _adopted(header.get("decision"), fields.get("voting_result"))
    return {
        "vote_event_id": int(record["source_record_id"]),
        "event_type": kind,
        "event_date": (header.get("voted_at") or fields.get("date_agenda") or "")[:10] or None,
        "voted_at": header.get("voted_at") or (question or {}).get("date_event") or None,
        "title": header.get("title") or (question or {}).get("name_event"),
        "bill_number": header.get("bill_number") or None,
        "is_adopted": adopted,
        "for_count": count("for", "for"),
        "against_count": count("against", "against"),
        "abstain_count": count("abstain", "abstain"),
        "not_voting_count": count("not_voting", "not_voting"),
        "present_count": count("presence", "present"),
        "absent_count": count("absent", "absent"),
        "page_url": page["source_url"] if page else None,
        **provenance(record),
    }


def _vote(record, event_id, mp, code, organization_id, option) -> dict:
    return {
        "vote_event_id": int(event_id),
        "person_record_id": mp,
        "faction_code": code,
        "organization_id": organization_id,
        "option": option,
        **provenance(record),
    }
