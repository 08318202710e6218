"""A race's page: every candidate of one single-member district, or every councillor elected
to one council, with who nominated them, their job and their result; each links to the
person's page and the CEC's page. Without a district or council: the races of an election
(of one region, when one is asked)."""

from urllib.parse import urlencode

from pamyat.portal.facts import rows, table_links, ukrainian_sorted

ELECTION = "SELECT * FROM elections WHERE election_id = :election"
CANDIDATES = """
    SELECT c.person_id, c.full_name, c.nominated_by, c.nominating_party_id, c.occupation,
           c.workplace, c.party_membership, c.votes, c.vote_share, c.is_elected,
           c.cancelled_date, c.region, c.source_url
    FROM candidacies c
    WHERE c.election_id = :election AND {where}
    ORDER BY c.votes DESC
"""
RACES = """
    SELECT district_number, council, region, COUNT(*) AS candidates,
           GROUP_CONCAT(CASE WHEN is_elected = 1 THEN full_name END, '; ') AS elected
    FROM candidacies
    WHERE election_id = :election AND (:region = '' OR region = :region)
    GROUP BY district_number, council
    ORDER BY district_number
"""
# What names one race: a district's number, or a council's name (a few words).
MAX_COUNCIL = 200


def race_url(candidacy: dict) -> str:
    """The page of the race a candidacy was in."""
    where = (
        {"district": candidacy["district_number"]}
        if candidacy["district_number"]
        else {"council": candidacy["council"]}
    )
    return f"/race/{candidacy['election_id']}?" + urlencode(where)


async def races(db, election: dict, region: str) -> dict | None:
    """The races of an election, each with its candidates' count and who was elected."""
    if len(region) > MAX_COUNCIL:
        return None
    found = await rows(db, RACES, election=election["election_id"], region=region)
    if not found:
        return None
    if not found[0]["district_number"]:
        found = ukrainian_sorted(found, "council")
    for race in found:
        race["url"] = race_url({**race, "election_id": election["election_id"]})
    return {"election": election, "region": region or None, "races": found}


async def race_page(
    datasette, db, election_id: str, district: str, council: str, region: str = ""
) -> dict | None:
    """Everything the page shows of one race (or of an election's races), or None when there
    is no such race."""
    found = await rows(db, ELECTION, election=election_id)
    if found and not district and not council:
        return await races(db, found[0], region)
    if district.isdigit() and len(district) < 5:
        where, params = "c.district_number = :district", {"district": int(district)}
        filters = {"election_id": election_id, "district_number": int(district)}
    elif council and len(council) <= MAX_COUNCIL:
        where, params = "c.council = :council", {"council": council}
        filters = {"election_id": election_id, "council": council}
    else:
        return None
    if not found:
        return None
    candidates = await rows(db, CANDIDATES.format(where=where), election=election_id, **params)
    if not candidates:
        return None
    if not district:  # a council's councillors: by party, then by name
        candidates = ukrainian_sorted(candidates, "full_name")
        candidates.sort(key=lambda c: c["nominated_by"] or "")
    return {
        "election": found[0],
        "district": int(district) if district else None,
        "council": council or None,
        "region": candidates[0]["region"],
        "candidates": candidates,
        "has_votes": any(c["votes"] is not None for c in candidates),
        "links": {"candidacies": table_links(datasette, "candidacies", **filters)},
    }
