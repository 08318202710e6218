"""A party's page: its money by quarter (received and spent), who funds it, which of its
donations break a rule, and its MPs, each fact with its source."""

from pamyat.portal.charts import hryvnia_bars
from pamyat.portal.facts import rows, source_title, table_links

PARTY = "SELECT * FROM parties WHERE party_id = :id"
NAMES = """
    SELECT name, source, first_year, last_year FROM party_names
    WHERE party_id = :id ORDER BY first_year, name
"""
# Net of refunds; a row that repeats another (the same payment in two reports) counts once.
RECEIVED_BY_QUARTER = """
    SELECT year, quarter,
           SUM(amount_minor) - SUM(COALESCE(refund_minor, 0)) AS received_minor,
           COUNT(*) AS donations
    FROM donations
    WHERE party_id = :id AND repeats_donation_id IS NULL AND year IS NOT NULL
    GROUP BY year, quarter
"""
SPENT_BY_QUARTER = """
    SELECT year, quarter, SUM(amount_minor) AS spent_minor, COUNT(*) AS payments
    FROM party_expenditures
    WHERE party_id = :id AND year IS NOT NULL
    GROUP BY year, quarter
"""
# Summed from the covering index alone, then the twenty donors looked up (bench/portal.md).
TOP_DONORS = """
    SELECT t.*, n.name, n.donor_kind, n.region, n.edrpou_code, n.person_id,
           (SELECT GROUP_CONCAT(DISTINCT d.source) FROM donations d
            WHERE d.donor_id = t.donor_id AND d.party_id = :id) AS sources
    FROM (
        SELECT donor_id, SUM(amount_minor) - SUM(COALESCE(refund_minor, 0)) AS net_minor,
               COUNT(*) AS donations, MIN(year) AS first_year, MAX(year) AS last_year
        FROM donations
        WHERE party_id = :id AND repeats_donation_id IS NULL
        GROUP BY donor_id
        ORDER BY net_minor DESC
        LIMIT 20
    ) t JOIN donors n USING (donor_id)
    ORDER BY t.net_minor DESC
"""
# A several-parties flag names no party: it belongs to every party the donor gave that year.
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
    ORDER BY p.full_name
"""
CANDIDATES = """
    SELECT e.name AS election, e.election_date, COUNT(*) AS candidates,
           SUM(c.is_elected) AS elected
    FROM candidacies c JOIN elections e USING (election_id)
    WHERE c.nominating_party_id = :id
    GROUP BY c.election_id ORDER BY e.election_date
"""


def quarters(received: list[dict], spent: list[dict]) -> list[dict]:
    """One row per quarter with either figure, oldest first."""
    empty = {"received_minor": None, "donations": 0, "spent_minor": None, "payments": 0}
    table: dict[tuple, dict] = {}
    for row in received + spent:
        table.setdefault((row["year"], row["quarter"]), dict(empty)).update(row)
    ordered = [table[key] for key in sorted(table, key=lambda k: (k[0], k[1] or 0))]
    return [{**row, "label": quarter_label(row["year"], row["quarter"])} for row in ordered]


def quarter_label(year: int, quarter: int | None) -> str:
    """Quarter 5 is the register's annual report; CHESNO's election funds have no quarter."""
    if quarter is None:
        return str(year)
    return f"{year} Q{quarter}" if quarter <= 4 else f"{year} annual / річний"


def money_chart(by_quarter: list[dict]):
    if not by_quarter:
        return None
    return hryvnia_bars(
        "Donations received and money spent by quarter / Внески й витрати за кварталами",
        [q["label"] for q in by_quarter],
        {
            "Received / Отримано": [q["received_minor"] for q in by_quarter],
            "Spent / Витрачено": [q["spent_minor"] for q in by_quarter],
        },
    )


async def party_page(datasette, db, party_id: str) -> dict | None:
    found = await rows(db, PARTY, id=party_id)
    if not found:
        return None
    by_quarter = quarters(
        await rows(db, RECEIVED_BY_QUARTER, id=party_id),
        await rows(db, SPENT_BY_QUARTER, id=party_id),
    )
    return {
        "party": found[0],
        "names": [
            {**n, "title": source_title(n["source"])} for n in await rows(db, NAMES, id=party_id)
        ],
        "by_quarter": by_quarter,
        "money_chart": money_chart(by_quarter),
        "top_donors": await rows(db, TOP_DONORS, id=party_id),
        "flags": await rows(db, FLAGS, id=party_id, limit=FLAGS_SHOWN + 1),
        "flags_shown": FLAGS_SHOWN,
        "mps": await rows(db, MPS, id=party_id),
        "candidates": await rows(db, CANDIDATES, id=party_id),
        "links": {
            "party": table_links(datasette, "parties", party_id=party_id),
            "donations": table_links(datasette, "donations", party_id=party_id),
            "expenditures": table_links(datasette, "party_expenditures", party_id=party_id),
            "flags": table_links(datasette, "donor_red_flags", party_id=party_id),
            "several_parties": table_links(
                datasette, "donor_red_flags", flag_code="several_parties"
            )["table"],
        },
    }
