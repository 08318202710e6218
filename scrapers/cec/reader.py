"""CEC: 2019 single-member district candidates and results, and 2020 elected city council
members → elections, candidacies (with the biography read into fields) and person records
for the identity engine.

Results join candidates within their district by name; the CEC marks clone candidates by their
birth year ("Мінько Сергій Анатолійович (1973)"), which decides between namesakes. Votes are
integers and shares exact decimal text ("26,62" → "26.62"). The winner is the candidate with
the most votes in the results; where the Rada's MP for the district is someone else (a recount
after these results), that is reported as a data issue.
"""

import re
from collections import defaultdict

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from pamyat.core.text.names import clean_name_part, clean_text, join_name
from pamyat.core.text.parse import split_part
from pamyat.core.text.parties import NOT_A_PARTY, party_id, party_key
from pamyat.core.text.positions import position_code
from pamyat.core.text.values import integer, iso_date
from scrapers.cec.bio import FIELDS as BIO_FIELDS
from scrapers.cec.bio import parse_bio

SOURCE = "cec"
ELECTION = {
    "election_id": "vnd2019",
    "name": "Позачергові вибори народних депутатів України 21 липня 2019 року "
    "(одномандатні округи)",
    "election_type": "parliament, single-member districts",
    "election_date": "2019-07-21",
}
LOCAL_2020 = {
    "election_id": "vm2020",
    "name": "Місцеві вибори 25 жовтня 2020 року (обрані депутати міських рад)",
    "election_type": "local, city councils",
    "election_date": "2020-10-25",
}
SELF_NOMINATED = "самовисування"
_CLONE_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)$")


def share(text: str | None) -> str | None:
    """ "26,62" as exact decimal text "26.62"."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(f"not a share: {text!r}")
    return text


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_kind[record["kind"]].append(record)
    candidacies, people, parties = [], [], {}
    for record in by_kind["candidate"]:
        candidacy, person = _candidate(record, parties, issues)
        candidacies.append(candidacy)
        people.append(person)
    _results(candidacies, by_kind["result"], issues)
    for record in by_kind["council_member"]:
        candidacy, person = _council_member(record, parties, issues)
        candidacies.append(candidacy)
        people.append(person)
    elections = [
        {**ELECTION, "source_url": _index_url("vnd2019", "districts")},
        {**LOCAL_2020, "source_url": _index_url("vm2020", "regions")},
    ]
    return {
        "elections": pd.DataFrame([{**e, "source": SOURCE} for e in elections]),
        "candidacies": pd.DataFrame(candidacies),
        "person_records": pd.DataFrame(people),
        "parties": pd.DataFrame(parties.values()),
    }


# Each table's titles by our name (source.yml).
CANDIDATES = sources.columns(SOURCE, "vnd2019", "candidate_columns")
RESULTS = sources.columns(SOURCE, "vnd2019", "result_columns")
MEMBERS = sources.columns(SOURCE, "vm2020", "member_columns")


def _index_url(election: str, page: str) -> str:
    """The CEC page listing an election's districts or councils (from source.yml)."""
    return sources.origin(SOURCE) + sources.config(SOURCE)[election][page]


def _common(
    record: dict, bio_field: str, party_field: str, parties: dict, issues: DataIssues
) -> tuple[dict, dict, dict]:
    """What a candidate record of any election gives: (candidacy part, person record, bio)."""
    fields = record["fields"]
    bio, problems = parse_bio(fields.get(bio_field))
    for problem in problems:
        issues.about(record, bio_field, problem)
    last = clean_name_part(fields["surname"])
    given, _, patronymic = clean_text(fields["given_names"]).partition(" ")
    first, _ = split_part(given)
    patronymic, _ = split_part(patronymic)
    full_name = join_name(last, first, patronymic)
    nominated = clean_text(fields.get(party_field))
    nominating_party = None
    if nominated.casefold() != SELF_NOMINATED:
        key = party_key(nominated)
        if key not in NOT_A_PARTY:
            nominating_party = party_id(key)
            parties.setdefault(
                nominating_party, {"party_id": nominating_party, "name": nominated, "name_key": key}
            )
    text = clean_text(fields.get(bio_field)).casefold()
    gender = "female" if "народилася" in text else "male" if "народився" in text else None
    origin = provenance(record)
    candidacy = {
        "candidacy_id": record["source_record_id"],
        "full_name": full_name,
        "nominated_by": nominated or None,
        "nominating_party_id": nominating_party,
        "is_self_nominated": int(nominated.casefold() == SELF_NOMINATED),
        **{field: bio[field] for field in BIO_FIELDS if field != "birth_date"},
        **origin,
        "person_record_id": record["source_record_id"],
    }
    person = {
        **origin,
        "page_url": record["source_url"],
        "last_name": last,
        "first_name": first,
        "patronymic": patronymic or None,
        "full_name": full_name,
        "birth_date": bio["birth_date"],
        "gender": gender,
        "photo_url": None,
        "position": position_code(bio["occupation"]),
        "party_id": nominating_party,
        "region": bio["residence"],
        "workplace": bio["workplace"],
        "council": ", ".join(filter(None, [bio["occupation"], bio["workplace"]])) or None,
    }
    return candidacy, person, bio


def _candidate(record: dict, parties: dict, issues: DataIssues) -> tuple[dict, dict]:
    """A 2019 single-member district candidate."""
    fields = record["fields"]
    candidacy, person, bio = _common(
        record, CANDIDATES["bio"], CANDIDATES["nomination"], parties, issues
    )
    cancelled = clean_text(fields.get(CANDIDATES["cancelled"]))
    candidacy.update(
        election_id=ELECTION["election_id"],
        district_number=int(fields["district"]),
        registered_date=_date(
            record, issues, CANDIDATES["registered"], fields.get(CANDIDATES["registered"])
        ),
        cancelled_date=_date(record, issues, CANDIDATES["cancelled"], cancelled[:10]),
        cancellation_reason=cancelled[10:].strip() or None,
        _birth_year=(bio["birth_date"] or "")[:4] or None,  # to tell clones apart
    )
    return candidacy, {**person, "district": fields["district"]}


def _council_member(record: dict, parties: dict, issues: DataIssues) -> tuple[dict, dict]:
    """A member elected to a city council in 2020, from a party list."""
    fields = record["fields"]
    candidacy, person, _ = _common(record, MEMBERS["bio"], "party", parties, issues)
    votes = fields.get(MEMBERS["votes"])
    try:
        votes = integer(votes.removesuffix(".0")) if votes else None
        quota = share(fields.get(MEMBERS["quota_share"]))
    except ValueError as error:
        issues.about(record, MEMBERS["votes"], str(error), votes)
        votes = quota = None
    candidacy.update(
        election_id=LOCAL_2020["election_id"],
        council=fields.get("council") or None,
        region=fields.get("region") or None,
        council_district=next((fields[t] for t in MEMBERS["district"] if fields.get(t)), None),
        elected_in=fields.get(MEMBERS["elected_in"]) or None,
        votes=votes,
        quota_share=quota,
        is_elected=1,
    )
    person.update(region=candidacy["region"], council=candidacy["council"])
    return candidacy, person


def _date(record, issues, field, value) -> str | None:
    try:
        return iso_date(value)
    except ValueError as error:
        issues.about(record, field, str(error), value)
        return None


def _results(candidacies: list[dict], results: list[dict], issues: DataIssues) -> None:
    """Votes, share and the winner onto each candidacy, matched within its district."""
    by_district: dict[int, list[dict]] = defaultdict(list)
    for candidacy in candidacies:
        by_district[candidacy["district_number"]].append(candidacy)
    most: dict[int, tuple[int, dict]] = {}
    for record in results:
        fields = record["fields"]
        district = int(fields["district"])
        name, year = _result_name(fields[RESULTS["candidate"]])
        found = [
            c
            for c in by_district[district]
            if c["full_name"].casefold() == name.casefold()
            and (year is None or c["_birth_year"] == year)
        ]
        if len(found) > 1:  # a clone who withdrew is not in the results
            found = [c for c in found if not c["cancelled_date"]] or found
        if len(found) != 1:
            issues.about(
                record,
                RESULTS["candidate"],
                f"{len(found)} candidates of district {district} fit this result row, skipped",
                fields[RESULTS["candidate"]],
            )
            continue
        try:
            votes = integer(fields[RESULTS["votes"]])
            vote_share = share(fields[RESULTS["share"]])
        except ValueError as error:
            issues.about(record, RESULTS["votes"], str(error), fields[RESULTS["votes"]])
            continue
        found[0].update(votes=votes, vote_share=vote_share, cec_candidate_id=fields["candidate_id"])
        if district not in most or votes > most[district][0]:
            most[district] = (votes, found[0])
    winners = {id(w) for _, w in most.values()}
    for candidacy in candidacies:
        candidacy["is_elected"] = int(id(candidacy) in winners)
        del candidacy["_birth_year"]
        candidacy.setdefault("votes", None)
        candidacy.setdefault("vote_share", None)
        candidacy.setdefault("cec_candidate_id", None)


def _result_name(text: str) -> tuple[str, str | None]:
    """ "Мінько Сергій Анатолійович (1973), самовисування" → (name, "1973")."""
    name = clean_text(text.split(",")[0])
    clone = _CLONE_YEAR.match(name)
    return (clone.group(1), clone.group(2)) if clone else (name, None)


def winners_not_seated(
    candidacies: pd.DataFrame, memberships: pd.DataFrame, issues: DataIssues
) -> None:
    """Report each 2019 district whose MP in the Rada is not the candidate with the most votes
    in the CEC results (a recount or a court decision after these results)."""
    if candidacies.empty or memberships.empty:
        return
    seated = memberships[
        memberships["district_number"].notna() & (memberships["start_date"] == "2019-08-29")
    ]
    mp_of = dict(zip(seated["district_number"].astype(int), seated["person_id"], strict=True))
    winners = candidacies[
        (candidacies["election_id"] == ELECTION["election_id"]) & (candidacies["is_elected"] == 1)
    ]
    for row in winners.itertuples():
        mp = mp_of.get(int(row.district_number))
        if mp is not None and mp != row.person_id:
            issues.add(
                SOURCE,
                row.run_id,
                row.candidacy_id,
                "is_elected",
                f"district {int(row.district_number)}: the Rada seated another candidate "
                f"({mp}) than the one with the most votes in these results",
                row.full_name,
                stage="normalize",
                url=row.source_url,
            )


def finish(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    """After identity: each district whose seated MP is not the CEC's winner is reported."""
    if "candidacies" in tables and "memberships" in tables:
        winners_not_seated(tables["candidacies"], tables["memberships"], issues)
