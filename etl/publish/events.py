"""What happened to each person and party, one row an event (`events`): what their feeds,
the person page's latest events and the staff's watchlist report show.

Events are read from the published facts and their history (`changes`) once every table, view
and change of a build is in place. An event's id names the record it comes from (its natural
key), never a row number, so a rebuild gives every event the id it had; an unchanged nightly
adds no event. Each event has the date it happened (the source's date; where the source gives
none, the date we learned it) and the date we learned it: when the build that first published
its record ran (`changes`, else the first build of our history).
"""

import json
import sqlite3
from collections import defaultdict
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from etl.publish.changes import key_sql

CONFIG_FILE = Path(__file__).with_name("events.yml")
COLUMNS = [
    "event_id",
    "event_type",
    "person_id",
    "party_id",
    "organization_id",
    "happened_date",
    "learned_at",
    "about",
    "field",
    "old_value",
    "new_value",
    "amount_minor",
    "previous_amount_minor",
    "year",
    "votes",
    "is_elected",
    "table_name",
    "record_key",
    "source",
    "source_url",
]


@cache
def config() -> dict:
    return yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))


# When our history begins: the first build listed (a small table, read on every page).
HISTORY_START = "SELECT MIN(built_at) AS history_start FROM builds"


def history_start(conn: sqlite3.Connection) -> str | None:
    return conn.execute(HISTORY_START).fetchone()[0]


def _learned(table: str, alias: str) -> str:
    """When the build that (last) added the row of `table` aliased `alias` ran."""
    return (
        "COALESCE((SELECT MAX(c.detected_at) FROM changes c "
        f"WHERE c.table_name = '{table}' AND c.record_key = {key_sql(table, alias)} "
        "AND c.change_type = 'added'), :start)"
    )


def _select(**columns: str) -> str:
    """A SELECT list of every event column: the ones given, NULL for the others."""
    return ", ".join(f"{columns.get(c, 'NULL')} AS {c}" for c in COLUMNS)


# Income of one declaration in hryvnias (a foreign currency at the official rate).
_INCOME = """(SELECT SUM(CASE WHEN t.currency_code = 'UAH' THEN t.income_minor
                   ELSE CAST(ROUND(t.income_minor * t.uah_per_unit) AS INTEGER) END)
              FROM declaration_year_totals t WHERE t.document_id = {document})"""

DECLARATIONS = f"""
    SELECT {
    _select(
        event_id="'declaration:' || d.document_id",
        event_type="'declaration'",
        person_id="d.person_id",
        happened_date=f"COALESCE(d.submitted_date, substr({_learned('declarations', 'd')}, 1, 10))",
        learned_at=_learned("declarations", "d"),
        about="d.document_type",
        new_value="d.position",
        amount_minor=_INCOME.format(document="d.document_id"),
        previous_amount_minor=_INCOME.format(
            document="(SELECT p.document_id FROM declarations p WHERE p.person_id = d.person_id "
            "AND p.declaration_year = d.declaration_year - 1 AND p.document_type = d.document_type "
            "ORDER BY p.submitted_date DESC LIMIT 1)"
        ),
        year="d.declaration_year",
        table_name="'declarations'",
        record_key=key_sql("declarations", "d"),
        source="d.source",
        source_url="COALESCE(d.document_url, d.source_url)",
    )
}
    FROM declarations d WHERE d.person_id IS NOT NULL
"""

CANDIDACIES = f"""
    SELECT {
    _select(
        event_id="'candidacy:' || c.candidacy_id",
        event_type="'candidacy'",
        person_id="c.person_id",
        party_id="c.nominating_party_id",
        happened_date="COALESCE(c.registered_date, e.election_date)",
        learned_at=_learned("candidacies", "c"),
        about="e.name",
        new_value="c.nominated_by",
        table_name="'candidacies'",
        record_key=key_sql("candidacies", "c"),
        source="c.source",
        source_url="c.source_url",
    )
}
    FROM candidacies c LEFT JOIN elections e USING (election_id)
    WHERE c.person_id IS NOT NULL OR c.nominating_party_id IS NOT NULL
"""

RESULTS = f"""
    SELECT {
    _select(
        event_id="'result:' || c.candidacy_id",
        event_type="'result'",
        person_id="c.person_id",
        party_id="c.nominating_party_id",
        happened_date="COALESCE(c.cancelled_date, e.election_date)",
        learned_at=_learned("candidacies", "c"),
        about="e.name",
        new_value="c.cancelled_date",
        old_value="c.cancellation_reason",
        votes="c.votes",
        is_elected="c.is_elected",
        table_name="'candidacies'",
        record_key=key_sql("candidacies", "c"),
        source="c.source",
        source_url="c.source_url",
    )
}
    FROM candidacies c LEFT JOIN elections e USING (election_id)
    WHERE (c.person_id IS NOT NULL OR c.nominating_party_id IS NOT NULL)
      AND (c.is_elected IS NOT NULL OR c.votes IS NOT NULL OR c.cancelled_date IS NOT NULL)
"""

# Money given (else the value in kind), as the limits count it; repeated rows once.
DONATIONS = f"""
    SELECT {
    _select(
        event_id="'donation:' || d.source || '|' || d.source_record_id",
        event_type="'donation'",
        person_id="n.person_id",
        party_id="d.party_id",
        happened_date="d.donation_date",
        learned_at=_learned("donations", "d"),
        about="COALESCE(n.name, d.donor_name)",
        field="d.donation_kind",
        amount_minor="COALESCE(d.amount_minor, d.assessed_value_minor)",
        year="d.year",
        table_name="'donations'",
        record_key=key_sql("donations", "d"),
        source="d.source",
        source_url="d.source_url",
    )
}
    FROM donations d LEFT JOIN donors n USING (donor_id)
    WHERE d.repeats_donation_id IS NULL AND d.receipt_class IN ({{classes}})
      AND COALESCE(d.amount_minor, d.assessed_value_minor) >= :donation_minimum
"""

NEWS = f"""
    SELECT {
    _select(
        event_id="'news:' || i.item_id || '|' || m.person_id",
        event_type="'news'",
        person_id="m.person_id",
        happened_date="COALESCE(i.published_at, i.first_seen_at)",
        learned_at=_learned("media_items", "i"),
        about="i.title",
        new_value="o.name",
        table_name="'media_items'",
        record_key=key_sql("media_items", "i"),
        source="i.source",
        source_url="i.url",
    )
}
    FROM (SELECT DISTINCT item_id, person_id FROM mentions) m
    JOIN media_items i USING (item_id)
    LEFT JOIN media_outlets o USING (outlet_code)
"""

VOTES_AGAINST_FACTION = f"""
    SELECT {
    _select(
        event_id="'vote:' || v.vote_event_id || '|' || v.person_id",
        event_type="'vote_against_faction'",
        person_id="v.person_id",
        organization_id="v.organization_id",
        happened_date="e.event_date",
        learned_at=_learned("votes", "v"),
        about="e.title",
        old_value="m.majority_option",
        new_value="v.option",
        table_name="'votes'",
        record_key=key_sql("votes", "v"),
        source="v.source",
        source_url="COALESCE(e.page_url, v.source_url)",
    )
}
    FROM votes v
    JOIN vote_events e USING (vote_event_id)
    JOIN faction_majorities m USING (vote_event_id, organization_id)
    WHERE e.event_type = 'vote' AND v.option IN ({{options}})
      AND m.majority_option IN ({{options}}) AND v.option != m.majority_option
"""

# Parliament seats, factions and parties: the memberships a switch is made of.
MEMBERSHIPS = f"""
    SELECT m.*, {key_sql("memberships", "m")} AS record_key,
           COALESCE(o.organization_type, 'party') AS kind,
           COALESCE(o.name, p.name) AS organization
    FROM memberships m
    LEFT JOIN organizations o USING (organization_id)
    LEFT JOIN parties p ON p.party_id = m.party_id
    WHERE m.person_id IS NOT NULL
      AND (o.organization_type IN ('parliament', 'faction', 'group') OR m.role = 'член партії')
"""
ORGANIZATIONS = "SELECT organization_id, organization_type, name FROM organizations"
MEMBERSHIP_CHANGES = """
    SELECT record_key, change_type, old_value, new_value, detected_at FROM changes
    WHERE table_name = 'memberships' AND change_type IN ('added', 'removed')
"""
FACT_CHANGES = """
    SELECT * FROM changes WHERE change_type = 'changed' AND table_name = :table
      AND field IN ({fields}) AND (person_id IS NOT NULL OR party_id IS NOT NULL)
"""
# The first roll call she voted in in each faction.
FACTIONS_SEEN = f"""
    WITH firsts AS (
      SELECT v.vote_event_id, v.person_id, v.faction_code, v.organization_id, e.event_date,
             ROW_NUMBER() OVER (PARTITION BY v.person_id, v.faction_code
                                ORDER BY e.event_date, v.vote_event_id) AS rank
      FROM votes v JOIN vote_events e USING (vote_event_id)
      WHERE v.faction_code IS NOT NULL AND v.person_id IS NOT NULL
    )
    SELECT f.person_id, f.faction_code, f.organization_id, f.event_date AS first_seen_date,
           o.name AS organization, {_learned("votes", "f")} AS learned_at, {
    key_sql("votes", "f")
} AS record_key
    FROM firsts f LEFT JOIN organizations o USING (organization_id)
    WHERE f.rank = 1
    ORDER BY f.person_id, f.event_date
"""


def _frame(conn: sqlite3.Connection, sql: str, **params) -> pd.DataFrame:
    return pd.read_sql_query(sql, conn, params=params, dtype=object)


def _fact_changes(conn: sqlite3.Connection) -> pd.DataFrame:
    frames = []
    for table, fields in config()["fact_fields"].items():
        marks = ", ".join(f"'{f}'" for f in fields)
        found = _frame(conn, FACT_CHANGES.format(fields=marks), table=table)
        frames.append(
            pd.DataFrame(
                {
                    "event_id": "change:"
                    + found["table_name"]
                    + "|"
                    + found["record_key"]
                    + "|"
                    + found["field"]
                    + "|"
                    + found["detected_at"],
                    "event_type": "fact_changed",
                    "person_id": found["person_id"],
                    "party_id": found["party_id"],
                    "happened_date": found["detected_at"].str[:10],
                    "learned_at": found["detected_at"],
                    "field": found["field"],
                    "old_value": found["old_value"],
                    "new_value": found["new_value"],
                    "table_name": found["table_name"],
                    "record_key": found["record_key"],
                    "source": found["source"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _removed_memberships(conn: sqlite3.Connection, changed: pd.DataFrame) -> list[dict]:
    """Seats, factions and parties left: the rows builds removed, as they were."""
    bodies = {o: (kind, name) for o, kind, name in conn.execute(ORGANIZATIONS)}
    party_names = dict(conn.execute("SELECT party_id, name FROM parties"))
    left = []
    for change in changed[changed["change_type"] == "removed"].itertuples():
        row = json.loads(change.old_value)
        kind, name = bodies.get(row.get("organization_id"), (None, None))
        if kind not in ("parliament", "faction", "group") and row.get("role") != "член партії":
            continue
        if row.get("person_id"):
            left.append(
                {
                    **row,
                    "kind": kind or "party",
                    "detected_at": change.detected_at,
                    "organization": name or party_names.get(row.get("party_id")),
                    "record_key": change.record_key,
                }
            )
    return left


def _switch_kind(kind: str) -> str:
    """A faction and a deputies' group are one kind of body: moving from one to the other is
    a switch."""
    return "faction" if kind == "group" else kind


def _memberships(conn: sqlite3.Connection, start: str) -> pd.DataFrame:
    """A seat, faction or party joined (from what she left in the same build: a switch), and
    one left with nothing in its place."""
    held = _frame(conn, MEMBERSHIPS)
    changed = _frame(conn, MEMBERSHIP_CHANGES)
    added = changed[changed["change_type"] == "added"].groupby("record_key")["detected_at"].max()
    held["learned_at"] = held["record_key"].map(added).fillna(start)
    left = _removed_memberships(conn, changed)
    # What each person left, by kind of body and build: a switch when she joined one then.
    left_in_build: dict[tuple, list[str]] = defaultdict(list)
    for m in left:
        if m["organization"]:
            left_in_build[(m["person_id"], _switch_kind(m["kind"]), m["detected_at"])].append(
                m["organization"]
            )
    events = []
    for m in held.to_dict("records"):
        before = left_in_build.get((m["person_id"], _switch_kind(m["kind"]), m["learned_at"]), [])
        events.append(
            {
                "event_id": f"joined:{m['record_key']}",
                "event_type": "joined",
                "person_id": m["person_id"],
                "party_id": m["party_id"],
                "organization_id": m["organization_id"],
                "happened_date": m["start_date"] or m["learned_at"][:10],
                "learned_at": m["learned_at"],
                "about": m["organization"],
                "field": m["kind"],
                "old_value": "; ".join(sorted(before)) or None,
                "new_value": m["role_title"] or m["role"],
                "table_name": "memberships",
                "record_key": m["record_key"],
                "source": m["source"],
                "source_url": m["source_url"],
            }
        )
    joined_at = {(e["person_id"], _switch_kind(e["field"]), e["learned_at"]) for e in events}
    for m in left:
        if (m["person_id"], _switch_kind(m["kind"]), m["detected_at"]) in joined_at:
            continue  # a switch: said on what she joined
        events.append(
            {
                "event_id": f"left:{m['record_key']}|{m['detected_at']}",
                "event_type": "left",
                "person_id": m["person_id"],
                "party_id": m.get("party_id"),
                "organization_id": m.get("organization_id"),
                "happened_date": m.get("end_date") or m["detected_at"][:10],
                "learned_at": m["detected_at"],
                "about": m["organization"],
                "field": m["kind"],
                "table_name": "memberships",
                "record_key": m["record_key"],
                "source": m.get("source"),
                "source_url": m.get("source_url"),
            }
        )
    return pd.DataFrame(events, columns=COLUMNS)


def _factions_seen(conn: sqlite3.Connection, start: str) -> pd.DataFrame:
    """A faction she voted in after another one: a switch the roll calls show, dated by her
    first roll call in the new one."""
    seen = _frame(conn, FACTIONS_SEEN, start=start)
    by_person = seen.groupby("person_id")
    switched = seen.assign(
        previous=by_person["organization"].shift(), previous_code=by_person["faction_code"].shift()
    ).dropna(subset=["previous_code"])
    return pd.DataFrame(
        {
            "event_id": "faction_seen:"
            + switched["person_id"]
            + "|"
            + switched["faction_code"].astype(str),
            "event_type": "faction_seen",
            "person_id": switched["person_id"],
            "organization_id": switched["organization_id"],
            "happened_date": switched["first_seen_date"],
            "learned_at": switched["learned_at"],
            "about": switched["organization"],
            "old_value": switched["previous"],
            "table_name": "votes",
            "record_key": switched["record_key"],
        },
        columns=COLUMNS,
    )


def events(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every event of the database `conn` holds (its changes loaded, its views made)."""
    start = history_start(conn)
    settings = config()
    options = ", ".join(f"'{o}'" for o in settings["opposing_options"])
    classes = ", ".join(f"'{c}'" for c in settings["donation_receipt_classes"])
    params = {"start": start, "donation_minimum": settings["donation_minimum_uah"] * 100}
    frames = [
        _frame(conn, sql.replace("{options}", options).replace("{classes}", classes), **params)
        for sql in (DECLARATIONS, CANDIDACIES, RESULTS, DONATIONS, NEWS, VOTES_AGAINST_FACTION)
    ]
    frames += [_memberships(conn, start), _factions_seen(conn, start), _fact_changes(conn)]
    held = [pd.DataFrame(columns=COLUMNS)] + [f for f in frames if len(f)]
    found = pd.concat(held, ignore_index=True).reindex(columns=COLUMNS)
    found = found[found["person_id"].notna() | found["party_id"].notna()]
    return found.drop_duplicates("event_id")
