"""Rada MPs: raw records → tidy frames of person records, parties, the parliament and mandates.

One raw record is one MP mandate in one convocation. Names are cleaned with the identity rules;
dates become ISO; the Rada's "Безпартійний" pseudo-party (id 50) means no party membership.
"""

import hashlib
import re
from collections import defaultdict

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from pamyat.core.text.names import clean_name_part, clean_text, join_name, latin, repair_lookalikes
from pamyat.core.text.parties import NOT_A_PARTY, party_id, party_key
from pamyat.core.text.positions import MP
from pamyat.core.text.values import integer, is_plausible_birth_date, iso_date
from scrapers.rada import roll_calls

SOURCE = "rada"
GENDERS = {"1": "male", "2": "female"}
KINDS = {"mp", "post", "registration", "vote_result", "event_question", "vote_page"}
MP_ROLE = "народний депутат"
PARTY_MEMBER_ROLE = "член партії"


def parliament_id(convocation: int) -> str:
    return f"rada-{convocation}"


class _Row:
    """One raw record, with a helper that turns unreadable values into data issues."""

    def __init__(self, record: dict, issues: DataIssues):
        self.record = record
        self.fields = record["fields"]
        self.issues = issues

    def get(self, field: str) -> str:
        return clean_text(self.fields.get(field))

    def parse(self, field: str, parser):
        try:
            return parser(self.fields.get(field))
        except ValueError as error:
            self.report(field, str(error), self.fields.get(field))
            return None

    def report(self, field: str, problem: str, value=None) -> None:
        self.issues.about(self.record, field, problem, value)


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_kind[record["kind"]].append(record)
    for kind in set(by_kind) - KINDS:
        for record in by_kind[kind]:
            _Row(record, issues).report(None, f"unknown kind of record {kind!r}, skipped")
    people, memberships, parties, organizations = [], [], {}, {}
    for record in by_kind["mp"]:
        row = _Row(record, issues)
        people.append(_person(row))
        memberships.extend(_memberships(row, parties, organizations))
    for record in by_kind["post"]:
        post = _post(_Row(record, issues), organizations)
        if post:
            memberships.append(post)
    _link_factions_to_parties(organizations, parties)
    person_records = pd.DataFrame(people)
    faction_of_mp = {
        m["person_record_id"]: m["organization_id"]
        for m in memberships
        if organizations.get(m.get("organization_id"), {}).get("organization_type")
        in roll_calls.FACTION_TYPES
    }
    mp_of_rada_id = {r["fields"].get("rada_id"): r["source_record_id"] for r in by_kind["mp"]}
    votes = roll_calls.normalize(
        by_kind,
        mp_of_rada_id,
        faction_of_mp,
        organizations,
        issues,
    )
    return {
        "person_records": person_records,
        "parties": pd.DataFrame(parties.values()),
        "organizations": pd.DataFrame(organizations.values()),
        "memberships": pd.DataFrame(memberships),
        **votes,
    }


def organization_id(convocation: int, name: str) -> str:
    """Readable and stable: the convocation, the start of the Latin name, a digest of it."""
    slug = re.sub(r"[^a-z0-9]+", "-", latin(name).lower()).strip("-")[:40].rstrip("-")
    return f"rada-{convocation}-{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def organization_type(name: str) -> str | None:
    """From the lookup in source.yml: the longest name prefix that matches."""
    types = sources.config(SOURCE)["lookups"]["organization_types"]
    matches = [prefix for prefix in types if name.startswith(prefix)]
    return types[max(matches, key=len)] if matches else None


def _post(row: _Row, organizations: dict) -> dict | None:
    """A post in a faction, group, committee or delegation, as a membership."""
    unit, post = row.get("unit_name"), row.get("post_name")
    if not unit:
        row.report("unit_name", "post without a body, skipped", row.fields.get("post_title"))
        return None
    convocation = int(re.search(r"/skl(\d+)/", row.record["source_url"]).group(1))
    org = organization_id(convocation, unit)
    if org not in organizations:
        kind = organization_type(unit)
        if kind is None:
            row.report("unit_name", "unknown kind of body, kept as 'other'", unit)
        organizations[org] = {
            "organization_id": org,
            "name": unit,
            "organization_type": kind or "other",
            "convocation": convocation,
        }
    return {
        "role": post,
        "role_title": row.get("post_title") or None,
        "organization_id": org,
        "person_record_id": row.fields["mp_id"].strip(),
        **provenance(row.record),
    }


def _link_factions_to_parties(organizations: dict, parties: dict) -> None:
    """A faction is its party's group in parliament ("Фракція ПОЛІТИЧНОЇ ПАРТІЇ "СЛУГА НАРОДУ"
    у Верховній Раді України дев'ятого скликання")."""
    for org in organizations.values():
        if org["organization_type"] != "faction":
            continue
        name = org["name"].removeprefix("Фракція ").split(" у Верховній Раді")[0]
        pid = party_id(party_key(name))
        org["party_id"] = pid if pid in parties else None


def _person(row: _Row) -> dict:
    for field in ("last_name", "first_name", "second_name"):
        value = row.fields.get(field) or ""
        if repair_lookalikes(value) != value:
            row.report(field, "Latin look-alike letters in a Cyrillic name, repaired", value)
    last = clean_name_part(row.fields.get("last_name"))
    first = clean_name_part(row.fields.get("first_name"))
    patronymic = clean_name_part(row.fields.get("second_name"))
    full_name = join_name(last, first, patronymic)
    if full_name != row.get("full_name"):
        row.report(
            "full_name",
            "full name differs from its parts; the parts were used",
            row.fields.get("full_name"),
        )
    birth_date = row.parse("birthday", iso_date)
    if birth_date and not is_plausible_birth_date(birth_date):
        row.report("birthday", "implausible birth date, dropped", birth_date)
        birth_date = None
    gender = GENDERS.get(row.get("gender"))
    if gender is None:
        row.report("gender", "unknown gender code", row.fields.get("gender"))
    return {
        **provenance(row.record),
        "page_url": row.get("anketa_url") or None,
        "last_name": last,
        "first_name": first,
        "patronymic": patronymic or None,
        "full_name": full_name,
        "birth_date": birth_date,
        "gender": gender,
        "photo_url": row.get("photo") or None,
        # evidence for linking other sources' records to this MP
        "district": row.get("district_num") or None,
        "party_id": _party_key_id(row.get("party_name")),
        "position": MP,
    }


def _party_key_id(name: str) -> str | None:
    key = party_key(name)
    return None if key in NOT_A_PARTY else party_id(key)


def _party(name: str, rada_code: str | None, parties: dict) -> str | None:
    pid = _party_key_id(name)
    if pid is None:
        return None
    key = party_key(name)
    known = parties.setdefault(
        pid, {"party_id": pid, "name": name, "name_key": key, "rada_party_code": rada_code}
    )
    if rada_code and not known["rada_party_code"]:  # the register's own spelling wins
        known.update(name=name, rada_party_code=rada_code)
    return pid


def _memberships(row: _Row, parties: dict, parliaments: dict) -> list[dict]:
    convocation = row.parse("convocation", integer)
    origin = {**provenance(row.record), "person_record_id": row.record["source_record_id"]}
    result = []
    if convocation:
        parliament = parliament_id(convocation)
        parliaments.setdefault(
            parliament,
            {
                "organization_id": parliament,
                "name": f"Верховна Рада України {convocation}-го скликання",
                "organization_type": "parliament",
                "convocation": convocation,
            },
        )
        district = row.parse("district_num", integer)
        on_list = district is None
        result.append(
            {
                "role": MP_ROLE,
                "organization_id": parliament,
                "party_id": None,
                "start_date": row.parse("date_begin", iso_date),
                "end_date": row.parse("date_end", iso_date),
                "end_reason": row.get("resignation_text") or None,
                "district_number": district,
                "list_party_id": _party(row.get("party_text"), None, parties) if on_list else None,
                "list_position": row.parse("num_in_party", integer) if on_list else None,
                "region": row.get("region_name") or None,
                **origin,
            }
        )
    member_of = _party(row.get("party_name"), row.get("party_id") or None, parties)
    if member_of:
        result.append({"role": PARTY_MEMBER_ROLE, "party_id": member_of, **origin})
    return result
