"""The home page's ways in: the Rada by faction, elections by region, parties by money, the
latest red flags and the latest changes, each a few rows with a link to the rest."""

from pamyat.portal.facts import flag_words, rows, table_links, ukrainian_sorted
from scrapers.nazk_party_reports.receipts import DONATIONS

FACTIONS = """
    SELECT o.organization_id, o.name, o.organization_type, o.party_id,
           COUNT(DISTINCT m.person_id) AS members
    FROM organizations o JOIN memberships m USING (organization_id)
    WHERE o.organization_type IN ('faction', 'group') AND m.end_date IS NULL
    GROUP BY o.organization_id
    ORDER BY members DESC
"""
REGIONS = """
    SELECT c.region, c.election_id, substr(e.election_date, 1, 4) AS year,
           COUNT(DISTINCT c.council) AS councils, COUNT(*) AS candidacies
    FROM candidacies c JOIN elections e USING (election_id)
    WHERE c.council IS NOT NULL AND c.region IS NOT NULL
    GROUP BY c.region, c.election_id
"""
DISTRICTS = """
    SELECT c.election_id, substr(e.election_date, 1, 4) AS year,
           COUNT(DISTINCT c.district_number) AS districts, COUNT(*) AS candidacies
    FROM candidacies c JOIN elections e USING (election_id)
    WHERE c.district_number IS NOT NULL GROUP BY c.election_id
"""
# Donations (persons and companies) only, each row once: the receipt classes of receipts.py.
PARTIES_BY_MONEY = """
    SELECT p.party_id, p.name, SUM(d.amount_minor) - SUM(COALESCE(d.refund_minor, 0)) AS net_minor,
           COUNT(*) AS donations, MIN(d.year) AS first_year, MAX(d.year) AS last_year
    FROM donations d JOIN parties p USING (party_id)
    WHERE d.repeats_donation_id IS NULL AND d.receipt_class IN ({classes})
    GROUP BY p.party_id
    ORDER BY net_minor DESC
    LIMIT 10
"""
DECLARATION_FLAGS = """
    SELECT f.flag_code, f.title, f.rule, f.threshold_value, f.measured_value,
           f.declaration_year AS year, f.person_id, d.declarant_name AS who
    FROM red_flags f JOIN declarations d USING (document_id)
    ORDER BY f.declaration_year DESC, f.flag_id DESC
    LIMIT 5
"""
DONOR_FLAGS = """
    SELECT f.flag_code, f.title, f.rule, f.threshold_value, f.measured_value, f.year,
           f.person_id, n.name AS who
    FROM donor_red_flags f JOIN donors n USING (donor_id)
    ORDER BY f.year DESC, f.flag_id DESC
    LIMIT 5
"""
CHANGES = """
    SELECT change_id, table_name, record_key, change_type, field, old_value, new_value,
           detected_at
    FROM changes ORDER BY change_id DESC LIMIT 10
"""


async def home(datasette, db, lang: str) -> dict:
    classes = ", ".join(f"'{c}'" for c in DONATIONS)
    regions = ukrainian_sorted(await rows(db, REGIONS), "region")
    return {
        "factions": await rows(db, FACTIONS),
        "regions": regions,
        "districts": await rows(db, DISTRICTS),
        "parties_by_money": await rows(db, PARTIES_BY_MONEY.format(classes=classes)),
        "latest_flags": [
            flag_words(f, lang)
            for f in await rows(db, DECLARATION_FLAGS) + await rows(db, DONOR_FLAGS)
        ],
        "latest_changes": await rows(db, CHANGES),
        "home_links": {
            "changes": table_links(datasette, "changes", _sort_desc="change_id")["table"],
            "flags": table_links(datasette, "red_flags")["table"],
            "donor_flags": table_links(datasette, "donor_red_flags")["table"],
        },
    }
