"""A donor's row page: the person she is, her red flags with their rules, and whether her
donations were checked against the income she declared, or why not."""

from pamyat.portal.facts import flag_words, rows

DONOR = "SELECT person_id FROM donors WHERE donor_id = :id"
FLAGS = """
    SELECT f.flag_code, f.title, f.rule, f.threshold_value, f.measured_value, f.year,
           p.name AS party
    FROM donor_red_flags f LEFT JOIN parties p USING (party_id)
    WHERE f.donor_id = :id ORDER BY f.year, f.flag_code
"""
CHECKS = "SELECT * FROM donor_income_checks WHERE person_id = :id ORDER BY year"


async def donor_facts(db, donor_id: str, lang: str) -> dict:
    found = await rows(db, DONOR, id=donor_id)
    person = found[0]["person_id"] if found else None
    return {
        "person_id": person,
        "flags": [flag_words(f, lang) for f in await rows(db, FLAGS, id=donor_id)],
        "income_checks": await rows(db, CHECKS, id=person) if person else [],
    }
