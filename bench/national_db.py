"""A published database at Ukraine's national volumes, for measuring the portal's pages.

The demo database (real recorded data) is copied and grown with generated rows in the published
schema: candidates with their candidacies, asset declarations with their yearly totals, donors and
donations to the real parties, news items with mentions, and a convocation's worth of roll calls
for the real MPs. Then the materialised views, the full-text indexes and the events (what the
feeds read) are rebuilt and ANALYZE run, as a build would; a nightly after the demo's build is
recorded as having learned one generated row in a thousand, so the feeds have news.

Volumes at scale 1.0 (the issue's national figures): 200,000 candidates, 2,000,000 declarations,
3,000,000 donations from 300,000 donors, 500,000 news items and mentions, 4,000 roll calls. Rows
are lean: a generated declaration has its register fields and one hryvnia total, no item tables.
This database is for page latency only; the pipeline's own cost at scale is measured by #12's
generator, which goes through the mirror and the spiders.
"""

import shutil
import sqlite3
import time
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd
from translitua import translit

from bench.generate.population import VOLUMES
from bench.people import people, zipf_weights
from etl.publish.changes import key_sql
from etl.publish.database import fts_table_name, load_events
from etl.publish.schema import TABLES
from etl.publish.search import search_names
from etl.publish.views import VIEWS
from pamyat.core import config

RUN = "bench"
FIRST_ROLL_CALL = 10_000_000  # above the Rada's own event ids
ELECTION = "bench-local"


def insert(conn: sqlite3.Connection, table: str, rows) -> None:
    """Rows (dicts with the same keys, streamed) into `table`."""
    rows = iter(rows)
    first = next(rows)
    columns = list(first)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.executemany(sql, chain([tuple(first.values())], (tuple(row.values()) for row in rows)))


def _persons(conn, rng, count: int) -> list[str]:
    """Generated candidates as persons, with their candidacy and source row."""
    frame = people(config.samples_dir(), count, seed=7, prefix="bench")
    frame["person_id"] = [f"g{i:07d}" for i in range(count)]
    frame["full_name"] = frame.last_name + " " + frame.first_name + " " + frame.patronymic
    frame["full_name_latin"] = [translit(name) for name in frame.full_name]
    insert(
        conn,
        "persons",
        (
            {
                "person_id": p.person_id,
                "full_name": p.full_name,
                "last_name": p.last_name,
                "first_name": p.first_name,
                "patronymic": p.patronymic,
                "full_name_latin": p.full_name_latin,
                "name_search": f"{p.full_name} {p.full_name_latin}",
                "birth_date": p.birth_date,
                "gender": "male" if p.gender == "m" else "female",
            }
            for p in frame.itertuples()
        ),
    )
    parties = [row[0] for row in conn.execute("SELECT party_id FROM parties")]
    nominated = rng.choice(parties, size=count, p=zipf_weights(len(parties), 1.1, 2))
    insert(
        conn,
        "candidacies",
        (
            {
                "candidacy_id": f"{ELECTION}:{i}",
                "election_id": ELECTION,
                "person_id": p.person_id,
                "full_name": p.full_name,
                "nominating_party_id": nominated[i],
                "nominated_by": nominated[i],
                "is_self_nominated": 0,
                "is_elected": int(i % 5 == 0),
                "council": f"Рада громади {i % 1400}",
                "source": "cec",
                "source_record_id": f"{ELECTION}:{i}",
                "source_url": f"https://www.cvk.gov.ua/{ELECTION}/{i}.html",
                "run_id": RUN,
            }
            for i, p in enumerate(frame.itertuples())
        ),
    )
    insert(
        conn,
        "person_sources",
        (
            {
                "source": "cec",
                "source_record_id": f"{ELECTION}:{i}",
                "person_id": person_id,
                "source_url": f"https://www.cvk.gov.ua/{ELECTION}/{i}.html",
                "match_method": "new person",
                "run_id": RUN,
            }
            for i, person_id in enumerate(frame.person_id)
        ),
    )
    held = pd.DataFrame({"person_id": frame.person_id, "source": "cec"})
    names = search_names({"persons": frame, "person_sources": held})
    insert(conn, "search_names", names.to_dict("records"))
    return list(frame.person_id)


def _declarations(conn, rng, count: int, persons: list[str]) -> None:
    """Declarations of a declarant population a few times the candidates; a candidate who
    declares has one per year."""
    linked = rng.random(count) < 0.3
    owners = rng.choice(len(persons), size=count)
    years = rng.integers(2015, 2026, size=count)
    income = rng.lognormal(12.5, 1.2, size=count).astype(np.int64) * 100
    money = rng.lognormal(11.5, 1.6, size=count).astype(np.int64) * 100

    def documents():
        for i in range(count):
            yield {
                "document_id": f"bench-{i:08d}",
                "user_declarant_id": int(owners[i]) if linked[i] else 10_000_000 + i,
                "person_id": persons[owners[i]] if linked[i] else None,
                "document_type": "annual",
                "declaration_type_code": 1,
                "form_type_code": 1,
                "is_corrected": 0,
                "declaration_year": int(years[i]),
                "document_shape": "v2",
                "declarant_name": "",
                "position": "депутат місцевої ради",
                "document_url": f"https://public.nazk.gov.ua/documents/bench-{i:08d}",
                "source": "nazk_declarations",
                "source_record_id": f"bench-{i:08d}",
                "source_url": f"https://public-api.nazk.gov.ua/v2/documents/bench-{i:08d}",
                "run_id": RUN,
            }

    insert(conn, "declarations", documents())
    insert(
        conn,
        "declaration_year_totals",
        (
            {
                "source": "nazk_declarations",
                "document_id": f"bench-{i:08d}",
                "currency_code": "UAH",
                "person_id": persons[owners[i]] if linked[i] else None,
                "declaration_year": int(years[i]),
                "income_minor": int(income[i]),
                "money_minor": int(money[i]),
                "hidden_amounts": 0,
            }
            for i in range(count)
        ),
    )


def _donations(conn, rng, donors: int, count: int, persons: list[str]) -> None:
    parties = [row[0] for row in conn.execute("SELECT party_id FROM parties")]
    party_of = rng.choice(parties, size=count, p=zipf_weights(len(parties), 1.2, 2))
    donor_of = rng.choice(donors, size=count, p=zipf_weights(donors, 0.8, 10))
    years = rng.integers(2016, 2026, size=count)
    quarters = rng.integers(1, 6, size=count)
    amounts = rng.lognormal(9, 1.5, size=count).astype(np.int64) * 100
    linked = rng.random(donors) < 0.05
    owner = rng.choice(len(persons), size=donors)
    insert(
        conn,
        "donors",
        (
            {
                "donor_id": f"bench-donor-{d}",
                "person_id": persons[owner[d]] if linked[d] else None,
                "name": f"ДОНОР {d}",
                "donor_kind": "individual",
                "first_year": 2016,
                "last_year": 2025,
                "donations_count": 1,
                "source": "nazk_party_reports",
                "name_search": f"ДОНОР {d} DONOR {d}",
            }
            for d in range(donors)
        ),
    )
    insert(
        conn,
        "donations",
        (
            {
                "donation_id": f"bench-{i}",
                "report_id": f"bench-report-{party_of[i]}-{years[i]}-{quarters[i]}",
                "party_id": party_of[i],
                "fund": "party",
                "donation_kind": "money",
                "receipt_class": "donation_person",
                "donor_id": f"bench-donor-{donor_of[i]}",
                "donor_kind": "individual",
                "donation_date": f"{years[i]}-0{(quarters[i] - 1) % 4 * 3 + 1}-15",
                "year": int(years[i]),
                "quarter": int(quarters[i]),
                "amount_minor": int(amounts[i]),
                "source": "nazk_party_reports",
                "source_record_id": f"bench-{i}",
                "source_url": "https://politdata.nazk.gov.ua/",
                "run_id": RUN,
            }
            for i in range(count)
        ),
    )


def _news(conn, rng, count: int, persons: list[str]) -> None:
    outlets = [row[0] for row in conn.execute("SELECT outlet_code FROM media_outlets")]
    titles = [row[0] for row in conn.execute("SELECT title FROM media_items")]
    mentioned = rng.choice(len(persons), size=count, p=zipf_weights(len(persons), 1.0, 50))
    insert(
        conn,
        "media_items",
        (
            {
                "item_id": f"bench-{i}",
                "outlet_code": outlets[i % len(outlets)],
                "url": f"https://news.example/{i}",
                "title": titles[i % len(titles)],
                "published_at": f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}T10:00:00Z",
                "language": "uk",
                "first_seen_at": "2026-11-01T00:00:00Z",
                "source": "media",
                "source_record_id": f"bench-{i}",
                "source_url": "https://news.example/rss",
                "run_id": RUN,
            }
            for i in range(count)
        ),
    )
    insert(
        conn,
        "mentions",
        (
            {
                "item_id": f"bench-{i}",
                "person_id": persons[mentioned[i]],
                "matched_text": "…",
                "confidence": 0.9,
                "reason": "full name",
                "field": "title",
            }
            for i in range(count)
        ),
    )


def _roll_calls(conn, rng, count: int) -> None:
    """A convocation's roll calls, every MP's vote in each."""
    mps = [
        row
        for row in conn.execute(
            "SELECT DISTINCT person_id, "
            "(SELECT organization_id FROM votes v WHERE v.person_id = m.person_id LIMIT 1) "
            "FROM memberships m WHERE role = 'народний депутат'"
        )
    ]
    options = np.array(["for", "against", "abstain", "not voting", "absent"])
    insert(
        conn,
        "vote_events",
        (
            {
                "vote_event_id": FIRST_ROLL_CALL + e,
                "event_type": "vote",
                "event_date": f"2024-{e % 12 + 1:02d}-{e % 28 + 1:02d}",
                "title": f"Проєкт Закону № {e}",
                "source": "rada",
                "source_record_id": f"bench-{e}",
                "source_url": "https://w1.c1.rada.gov.ua/",
                "run_id": RUN,
            }
            for e in range(count)
        ),
    )
    chosen = rng.choice(len(options), size=(count, len(mps)), p=[0.6, 0.05, 0.05, 0.1, 0.2])
    insert(
        conn,
        "votes",
        (
            {
                "vote_event_id": FIRST_ROLL_CALL + e,
                "person_id": person_id,
                "organization_id": organization_id,
                "option": options[chosen[e, m]],
                "source": "rada",
                "source_record_id": f"bench-{e}-{m}",
                "source_url": "https://w1.c1.rada.gov.ua/",
                "run_id": RUN,
            }
            for e in range(count)
            for m, (person_id, organization_id) in enumerate(mps)
        ),
    )


# A nightly after the demo's build learned one generated row in this many: the portal feed and
# the feeds' learned dates then read as after a night with news.
LAST_NIGHT_EVERY = 1000
# Each table the last nightly added rows to: the person and party its changes name.
LAST_NIGHT = {
    "declarations": ("t.person_id", "NULL"),
    "candidacies": ("t.person_id", "t.nominating_party_id"),
    "donations": ("(SELECT person_id FROM donors n WHERE n.donor_id = t.donor_id)", "t.party_id"),
    "media_items": ("NULL", "NULL"),
}


def _last_night(conn) -> None:
    """The builds list and the history of changes of a nightly that added a share of the
    generated rows, as a build records them."""
    built_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    added = 0
    for table, (person, party) in LAST_NIGHT.items():
        added += conn.execute(
            "INSERT INTO changes (table_name, record_key, change_type, source, run_id, "
            "detected_at, person_id, party_id) "
            f"SELECT '{table}', {key_sql(table, 't')}, 'added', t.source, t.run_id, ?, "
            f"{person}, {party} FROM {table} t "
            f"WHERE t.run_id = '{RUN}' AND t.rowid % {LAST_NIGHT_EVERY} = 0",
            (built_at,),
        ).rowcount
    conn.execute("INSERT INTO builds (built_at, changes_count) VALUES (?, ?)", (built_at, added))


def generate(demo: Path, target: Path, scale: float) -> dict:
    """Copy the demo database to `target` and grow it to `scale` × the national volumes;
    the seconds each part took and the rows of the biggest tables."""
    target.unlink(missing_ok=True)
    shutil.copyfile(demo, target)
    rng = np.random.default_rng(7)
    volume = {name: max(1, int(count * scale)) for name, count in VOLUMES.items()}
    seconds = {}
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        conn.execute(
            "INSERT INTO elections (election_id, name, election_type, election_date, source) "
            "VALUES (?, 'Згенеровані місцеві вибори', 'local', '2025-10-26', 'cec')",
            (ELECTION,),
        )
        started = time.perf_counter()
        persons = _persons(conn, rng, volume["candidates"])
        seconds["persons"] = time.perf_counter() - started
        for part, make in (
            ("declarations", lambda: _declarations(conn, rng, volume["declarations"], persons)),
            (
                "donations",
                lambda: _donations(conn, rng, volume["donors"], volume["donations"], persons),
            ),
            ("news", lambda: _news(conn, rng, volume["news"], persons)),
            ("roll calls", lambda: _roll_calls(conn, rng, volume["roll_calls"])),
        ):
            started = time.perf_counter()
            make()
            seconds[part] = time.perf_counter() - started
    started = time.perf_counter()
    for view in VIEWS:
        if view.materialized_index:
            conn.execute(f"DELETE FROM {view.name}")
            conn.execute(f"INSERT INTO {view.name} {view.sql}")
    for table in TABLES:
        if table.info.get("fts"):
            fts = fts_table_name(table.name)
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    seconds["indexes"] = time.perf_counter() - started
    started = time.perf_counter()
    _last_night(conn)
    conn.execute("DELETE FROM events")
    load_events(conn)
    seconds["events"] = time.perf_counter() - started
    conn.execute("ANALYZE")
    conn.commit()
    rows = {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in (
            "persons",
            "declarations",
            "donations",
            "media_items",
            "mentions",
            "votes",
            "events",
        )
    }
    conn.close()
    return {"seconds": seconds, "rows": rows, "bytes": target.stat().st_size}
