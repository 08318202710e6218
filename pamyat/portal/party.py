"""A party's page: its money by year and quarter (received, by what each receipt is, and
spent), who funds it, which of its donations break a rule, and its MPs, each fact with its
source. What a receipt is (a donation, a transfer between its own units, state funding, a
refund) is the donations table's receipt_class: the page, the canned queries and the flags
share it."""

import json

from etl.trails.money_sources import KINDS
from pamyat.portal.charts import hryvnia_bars
from pamyat.portal.facts import flag_words, rows, table_links, ukrainian_sorted
from pamyat.portal.words import code_word, word
from scrapers.nazk_party_reports.receipts import CLASSES, DONATIONS

PARTY = "SELECT * FROM parties WHERE party_id = :id"
LINEAGE = """
    SELECT name, source, first_year, last_year, donors_count, shared_donors_count, previous_name
    FROM party_lineage WHERE party_id = :id
    ORDER BY first_year IS NULL, first_year, last_year, name
"""
MONEY_SOURCES = """
    SELECT year, money_source, received_minor, donations_count, donors_count
    FROM party_money_sources WHERE party_id = :id ORDER BY year
"""
# Its own candidates and MPs who gave it money, the largest givers first.
OWN_POLITICIANS = """
    SELECT o.person_id, p.full_name, o.ties, SUM(o.net_minor) AS net_minor,
           SUM(o.donations_count) AS donations, MIN(o.year) AS first_year,
           MAX(o.year) AS last_year
    FROM own_party_donations o JOIN persons p USING (person_id)
    WHERE o.party_id = :id
    GROUP BY o.person_id ORDER BY net_minor DESC LIMIT :limit
"""
OWN_BY_YEAR = """
    SELECT person_id, year, net_minor FROM own_party_donations
    WHERE party_id = :id AND person_id IN (SELECT value FROM json_each(:people))
    ORDER BY year
"""
BUNDLES = """
    SELECT * FROM donation_bundles WHERE party_id = :id
    ORDER BY total_minor DESC LIMIT :limit
"""
# Net of refunds; a row that repeats another (the same payment in two reports) counts once.
RECEIVED = """
    SELECT year, quarter, receipt_class,
           SUM(amount_minor) - SUM(COALESCE(refund_minor, 0)) AS received_minor,
           COUNT(*) AS donations
    FROM donations
    WHERE party_id = :id AND repeats_donation_id IS NULL AND year IS NOT NULL
    GROUP BY year, quarter, receipt_class
"""
SPENT_BY_QUARTER = """
    SELECT year, quarter, SUM(amount_minor) AS spent_minor, COUNT(*) AS payments
    FROM party_expenditures
    WHERE party_id = :id AND year IS NOT NULL
    GROUP BY year, quarter
"""
# Summed from the covering index alone, the class's rows found by a seek (party_id,
# receipt_class), then the first payers looked up (bench/portal.md).
TOP_PAYERS = """
    SELECT t.*, n.name, n.donor_kind, n.region, n.edrpou_code, n.person_id,
           (SELECT GROUP_CONCAT(DISTINCT d.source) FROM donations d
            WHERE d.donor_id = t.donor_id AND d.party_id = :id) AS sources
    FROM (
        SELECT donor_id, SUM(amount_minor) - SUM(COALESCE(refund_minor, 0)) AS net_minor,
               COUNT(*) AS donations, MIN(year) AS first_year, MAX(year) AS last_year
        FROM donations
        WHERE party_id = :id AND receipt_class IN ({classes}) AND repeats_donation_id IS NULL
        GROUP BY donor_id
        ORDER BY net_minor DESC
        LIMIT :limit
    ) t JOIN donors n USING (donor_id)
    ORDER BY t.net_minor DESC
"""
# How many of the top donors, and of each other class's payers, a party's page lists.
DONORS_SHOWN = 20
OTHERS_SHOWN = 10
# A several-parties flag names no party: it belongs to every party the donor gave that year.
# Its measured value names the parties.
FLAGS = """
    SELECT f.flag_code, f.title, f.rule, f.threshold_value, f.measured_value, f.year,
           f.donor_id, n.name AS donor, n.person_id
    FROM donor_red_flags f JOIN donors n USING (donor_id)
    WHERE f.party_id = :id
       OR (f.party_id IS NULL AND EXISTS (
            SELECT 1 FROM donations d
            WHERE d.donor_id = f.donor_id AND d.party_id = :id AND d.year = f.year))
    ORDER BY f.year DESC, f.flag_code, n.name
    LIMIT :limit
"""
# A party's page lists this many flags; the link under them leads to all.
FLAGS_SHOWN = 100
# Its MPs: those sitting in its faction now, and those the Rada lists as its members.
MPS = """
    SELECT p.person_id, p.full_name, p.full_name_latin,
           GROUP_CONCAT(COALESCE(m.role_title, m.role), '; ') AS roles,
           MIN(m.source_url) AS source_url
    FROM memberships m
    JOIN persons p USING (person_id)
    LEFT JOIN organizations o USING (organization_id)
    WHERE (o.organization_type = 'faction' AND o.party_id = :id AND m.end_date IS NULL)
       OR (m.role = 'член партії' AND m.party_id = :id
           AND m.person_id IN (SELECT person_id FROM memberships WHERE role = 'народний депутат'))
    GROUP BY p.person_id
"""
# How many own politicians and bundles a party's page lists; the links under them lead to all.
OWN_SHOWN = 20
BUNDLES_SHOWN = 20
# A party page lists this many MPs at a time, in Ukrainian alphabetical order.
MPS_SHOWN = 50
CANDIDATES = """
    SELECT e.name AS election, e.election_date, COUNT(*) AS candidates,
           SUM(c.is_elected) AS elected
    FROM candidacies c JOIN elections e USING (election_id)
    WHERE c.nominating_party_id = :id
    GROUP BY c.election_id ORDER BY e.election_date
"""


def quarters(received: list[dict], spent: list[dict], lang: str) -> list[dict]:
    """One row per report period with either figure, oldest first: donations (persons and
    companies) and the other classes apart."""
    empty = {"donations_minor": None, "donations": 0, "other_minor": None, "spent_minor": None}
    table: dict[tuple, dict] = {}
    for row in received:
        period = table.setdefault((row["year"], row["quarter"]), dict(empty))
        column = "donations" if row["receipt_class"] in DONATIONS else "other"
        period[f"{column}_minor"] = _plus(period[f"{column}_minor"], row["received_minor"])
        if column == "donations":
            period["donations"] += row["donations"]
    for row in spent:
        table.setdefault((row["year"], row["quarter"]), dict(empty)).update(row)
    ordered = sorted(table, key=lambda k: (k[0], k[1] or 0))
    return [{**table[k], "label": period_label(*k, lang)} for k in ordered]


def _plus(total: int | None, amount: int | None) -> int | None:
    """A sum that stays unknown while every amount in it is."""
    return total if amount is None else (total or 0) + amount


def period_label(year: int, quarter: int | None, lang: str) -> str:
    """Quarter 5 is the register's annual report; CHESNO's election funds have no quarter."""
    if quarter is None:
        return word("election_fund", lang, year=year)
    if quarter <= 4:
        return word("quarter", lang, year=year, q=quarter)
    return word("annual_report", lang, year=year)


def by_class(received: list[dict], lang: str) -> list[dict]:
    """Every receipt class with what it brought in all years, in CLASSES' order."""
    totals = {
        code: {"code": code, "title": code_word("receipt_class", code, lang), "minor": 0, "rows": 0}
        for code in CLASSES
    }
    for row in received:
        totals[row["receipt_class"]]["minor"] += row["received_minor"] or 0
        totals[row["receipt_class"]]["rows"] += row["donations"]
    return [t for t in totals.values() if t["rows"]]


def years(received: list[dict], spent: list[dict]) -> tuple[list[dict], list[int]]:
    """Donations, state funding and spending per calendar year from the first to the last year
    held, and the years in between that no report covers."""
    table: dict[int, dict] = {}
    for row in received:
        year = table.setdefault(row["year"], {"donations": 0, "state": 0, "spent": 0})
        if row["receipt_class"] in DONATIONS:
            year["donations"] += row["received_minor"] or 0
        elif row["receipt_class"] == "state_funding":
            year["state"] += row["received_minor"] or 0
    for row in spent:
        table.setdefault(row["year"], {"donations": 0, "state": 0, "spent": 0})
        table[row["year"]]["spent"] += row["spent_minor"] or 0
    if not table:
        return [], []
    span = range(min(table), max(table) + 1)
    return [{"year": y, **table.get(y, {})} for y in span], [y for y in span if y not in table]


def money_sources(found: list[dict], lang: str) -> dict:
    """Where its money came from in all years, by kind (money_sources.KINDS' order), each with
    its share of the total, and the share of its donations that its own politicians gave."""
    kinds = {k: {"code": k, "minor": 0, "donations": 0} for k in KINDS}
    for row in found:
        kinds[row["money_source"]]["minor"] += row["received_minor"]
        kinds[row["money_source"]]["donations"] += row["donations_count"]
    total = sum(k["minor"] for k in kinds.values())
    donated = total - kinds["state_funding"]["minor"]
    listed = [
        {
            **k,
            "title": code_word("money_source", k["code"], lang),
            "share": _share(k["minor"], total),
        }
        for k in kinds.values()
        if k["donations"]
    ]
    return {
        "kinds": listed,
        "total_minor": total,
        "own_share": _share(kinds["own_politicians"]["minor"], donated),
    }


def _share(part: int, whole: int) -> str | None:
    """A share as a percentage with one decimal, or None of nothing."""
    return f"{100 * part / whole:.1f}" if whole > 0 else None


def money_chart(by_year: list[dict], lang: str):
    if not by_year:
        return None
    return hryvnia_bars(
        word("chart_party", lang),
        [str(y["year"]) for y in by_year],
        {
            word("series_donations", lang): [y.get("donations") for y in by_year],
            word("series_state", lang): [y.get("state") for y in by_year],
            word("series_spent", lang): [y.get("spent") for y in by_year],
        },
        lang,
    )


async def top_payers(db, party_id: str, classes: tuple[str, ...], limit: int) -> list[dict]:
    sql = TOP_PAYERS.format(classes=", ".join(f"'{c}'" for c in classes))
    return await rows(db, sql, id=party_id, limit=limit)


async def own_politicians(db, party_id: str) -> list[dict]:
    """The own candidates and MPs who gave it most, each with what she gave year by year."""
    found = await rows(db, OWN_POLITICIANS, id=party_id, limit=OWN_SHOWN + 1)
    people = json.dumps([p["person_id"] for p in found])
    years: dict[str, list[dict]] = {}
    for row in await rows(db, OWN_BY_YEAR, id=party_id, people=people):
        years.setdefault(row["person_id"], []).append(row)
    return [{**p, "years": years.get(p["person_id"], [])} for p in found]


async def party_page(datasette, db, party_id: str, lang: str, mps_page: int = 1) -> dict | None:
    found = await rows(db, PARTY, id=party_id)
    if not found:
        return None
    received = await rows(db, RECEIVED, id=party_id)
    spent = await rows(db, SPENT_BY_QUARTER, id=party_id)
    by_year, missing_years = years(received, spent)
    mps = ukrainian_sorted(await rows(db, MPS, id=party_id), "full_name")
    pages = max(1, -(-len(mps) // MPS_SHOWN))
    mps_page = min(max(mps_page, 1), pages)
    other = [c for c in CLASSES if c not in DONATIONS]
    return {
        "party": found[0],
        "names": await rows(db, LINEAGE, id=party_id),
        "money_sources": money_sources(await rows(db, MONEY_SOURCES, id=party_id), lang),
        "own_politicians": await own_politicians(db, party_id),
        "own_shown": OWN_SHOWN,
        "bundles": await rows(db, BUNDLES, id=party_id, limit=BUNDLES_SHOWN + 1),
        "bundles_shown": BUNDLES_SHOWN,
        "by_quarter": quarters(received, spent, lang),
        "by_class": by_class(received, lang),
        "by_year": by_year,
        "missing_years": missing_years,
        "money_chart": money_chart(by_year, lang),
        "top_donors": await top_payers(db, party_id, DONATIONS, DONORS_SHOWN),
        "other_payers": {
            code: await top_payers(db, party_id, (code,), OTHERS_SHOWN) for code in other
        },
        "flags": [
            flag_words(f, lang) for f in await rows(db, FLAGS, id=party_id, limit=FLAGS_SHOWN + 1)
        ],
        "flags_shown": FLAGS_SHOWN,
        "mps": mps[(mps_page - 1) * MPS_SHOWN : mps_page * MPS_SHOWN],
        "mps_count": len(mps),
        "mps_page": mps_page,
        "mps_pages": pages,
        "candidates": await rows(db, CANDIDATES, id=party_id),
        "links": {
            "party": table_links(datasette, "parties", party_id=party_id),
            "donations": table_links(datasette, "donations", party_id=party_id),
            "expenditures": table_links(datasette, "party_expenditures", party_id=party_id),
            "flags": table_links(datasette, "donor_red_flags", party_id=party_id),
            "money_sources": table_links(datasette, "party_money_sources", party_id=party_id),
            "own_politicians": table_links(datasette, "own_party_donations", party_id=party_id),
            "bundles": table_links(datasette, "donation_bundles", party_id=party_id),
            "lineage": table_links(datasette, "party_lineage", party_id=party_id),
            "several_parties": table_links(
                datasette, "donor_red_flags", flag_code="several_parties"
            )["table"],
            "classes": {
                code: table_links(datasette, "donations", party_id=party_id, receipt_class=code)
                for code in CLASSES
            },
        },
    }
