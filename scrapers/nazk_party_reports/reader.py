"""NAZK party reports (API v2): parties and their offices, reports, and every payment section
that carries money: donations (money, in kind), state funding and other incomes received;
spending of state funding and of the party's own funds, donations returned and sums transferred
to the state budget paid out.

Every payment row is read field by field (source.yml lists the fields known); an unknown
field, an unreadable amount or date, a row without a donor and a party unit the register does
not list are data issues naming the report and the row, and the rest of the report is kept.
A donor's code, birth date and address are kept in `_private_*` columns for donor matching
only: donors.py drops them before anything is published.
"""

from functools import cache

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from scrapers.nazk_party_reports import donors, limits
from scrapers.nazk_party_reports import finance as pf

SOURCE = "nazk_party_reports"
# Section → donations.donation_kind, and → party_expenditures.funding.
DONATION_SECTIONS = {
    "monetary_contributions": "money",
    "other_contributions": "in_kind",
    "state_funding": "state_funding",
    "other_incomes": "other_income",
}
SPENDING_SECTIONS = {
    "budget_expenses": "state_funding",
    "outgoing_expenses": "party_funds",
    "return_expenses": "donation_returned",
    "transfer_expenses": "transferred_to_budget",
}


@cache
def known_payment_fields() -> frozenset[str]:
    return frozenset(sources.config(SOURCE)["payment_fields"].split())


class Report:
    """One report record, with the party units the register lists and the issues it raises."""

    def __init__(self, record: dict, ids: dict, codes: dict[str, str], issues: DataIssues):
        self.record, self.codes, self.issues = record, codes, issues
        self.fields = record["fields"]
        self.id = self.fields["id"]
        self.year = int(self.fields["year"])
        self.quarter = int(self.fields["quarter"])
        filer = ids.get(self.fields.get("party_id"))
        if filer is None:
            self.report(
                "party_id", "unknown party id: not in /parties", self.fields.get("party_id")
            )
        self.filer_code, self.party_code = filer or (None, None)

    def report(self, field: str, problem: str, value=None) -> None:
        self.issues.about(self.record, field, problem, value)

    def row(self) -> dict:
        return {
            "report_id": self.id,
            "party_code": self.party_code,
            "filer_code": self.filer_code,
            "is_branch_report": int(bool(self.fields.get("is_party_office"))),
            "year": self.year,
            "quarter": self.quarter,
            "report_kind": "annual" if self.quarter == 5 else "quarterly",
            "submitted_date": pf.text(self.fields.get("signed_date")),
            **provenance(self.record),
        }

    def unit(self, code, where: str) -> tuple[str | None, str | None]:
        """(unit code, party code) of the party unit a row names."""
        code = pf.legal_code(code)
        if code in self.codes:
            return code, self.codes[code]
        self.report(
            where,
            "unknown party code: not among /parties' units; the report's party is taken",
            code,
        )
        return code, self.party_code

    def amount(self, entry: dict, where: str, field: str) -> int | None:
        try:
            return pf.kopiykas(entry.get(field))
        except ValueError:
            self.report(f"{where}.{field}", "unreadable amount", entry.get(field))
            return None

    def date(self, entry: dict, where: str) -> str | None:
        value = entry.get("payment_operation_date")
        found, problem = pf.payment_date(value, self.year, self.quarter)
        if problem:
            self.report(f"{where}.payment_operation_date", problem, value)
        return found

    def sections(self, direction: str, names: dict):
        """(section, where, entry) of every row of the sections named; a section not named is
        reported, with its rows counted as lost."""
        info = (self.fields.get("payment_info") or {}).get(direction) or {}
        for section in sorted(set(info) - set(names)):
            self.report(f"payment_info.{direction}.{section}", "unknown section; not read")
            self.issues.entries(self.record, section, len(info[section] or []), 0)
        for section in names:
            held = info.get(section) or []
            rows = [e for e in held if isinstance(e, dict)]
            self.issues.entries(self.record, section, len(held), len(rows))
            for number, entry in enumerate(rows, start=1):
                where = f"{section}[{number}]"
                unknown = set(entry) - known_payment_fields()
                for field in sorted(unknown):
                    self.report(f"{where}.{field}", "unknown field; not read", entry[field])
                yield section, where, entry

    def kind(
        self, lookup: str, entry: dict, field: str, where: str
    ) -> tuple[str | None, str | None]:
        """(type as written, its kind by pf.kind); an unknown type is reported."""
        written = pf.text(entry.get(field))
        found = pf.kind(lookup, written)
        if written and found is None:
            self.report(
                f"{where}.{field}", f"unknown {lookup.removesuffix('_kinds')} type", written
            )
        return written, found

    def provenance(self, where: str) -> dict:
        return {**provenance(self.record), "source_record_id": f"{self.id}/{where}"}


def _donation(report: Report, section: str, where: str, entry: dict) -> dict:
    unit_code, party_code = report.unit(entry.get("receiver_code"), f"{where}.receiver_code")
    donor = pf.text(entry.get("payer_name"))
    if donor is None:
        report.report(f"{where}.payer_name", "a row without a donor; kept without one")
    donor_type, donor_kind = report.kind("donor_kinds", entry, "payer_type", where)
    if section == "state_funding":
        donor_kind = "state_budget"  # whatever the payer's type says: the section says whose
    return {
        "donation_id": entry.get("id") or f"{report.id}/{where}",
        "report_id": report.id,
        "party_code": party_code,
        "unit_code": unit_code,
        "fund": "party",
        "donation_kind": DONATION_SECTIONS[section],
        "in_kind_type": pf.text(entry.get("payment_description")),
        "donor_name": donor,
        "donor_type": donor_type,
        "donor_kind": donor_kind,
        "donor_region": pf.region(entry.get("payer_address")),
        "intra_party_kind": "party unit" if donor_kind == "party_unit" else None,
        "donation_date": report.date(entry, where),
        "year": report.year,
        "quarter": report.quarter,
        "amount_minor": report.amount(entry, where, "payment_amount"),
        "refund_minor": report.amount(entry, where, "refund_amount"),
        # API v2 has no field for the in-kind value by the official method.
        "assessed_value_minor": None,
        "_private_code": pf.text(entry.get("payer_code")),
        "_private_birth_date": pf.text(entry.get("payer_birthday")),
        **report.provenance(where),
    }


def _expenditure(report: Report, section: str, where: str, entry: dict) -> dict:
    unit_code, party_code = report.unit(entry.get("payer_code"), f"{where}.payer_code")
    recipient_type, recipient_kind = report.kind("recipient_kinds", entry, "receiver_type", where)
    return {
        "expenditure_id": entry.get("id") or f"{report.id}/{where}",
        "report_id": report.id,
        "party_code": party_code,
        "unit_code": unit_code,
        "funding": SPENDING_SECTIONS[section],
        "payment_date": report.date(entry, where),
        "year": report.year,
        "quarter": report.quarter,
        "amount_minor": report.amount(entry, where, "payment_amount"),
        "recipient_name": pf.text(entry.get("receiver_name")),
        "recipient_type": recipient_type,
        "recipient_kind": recipient_kind,
        "recipient_code": pf.legal_code(entry.get("receiver_code"))
        if recipient_kind == "legal_entity"
        else None,
        "recipient_region": pf.region(entry.get("receiver_address")),
        "purpose": pf.text(entry.get("payment_purpose")),
        "basis": pf.text(entry.get("payment_reason")),
        **report.provenance(where),
    }


def _units(parties: list[dict]) -> tuple[dict, list[dict]]:
    """{party or office id: (its code, its party's code)} and the units as observed."""
    ids, observed = {}, []
    for record in parties:
        party = record["fields"]
        code = pf.legal_code(party.get("code"))
        for unit in [party, *(party.get("regional_offices") or [])]:
            unit_code = pf.legal_code(unit.get("code"))
            ids[unit["id"]] = (unit_code, code)
            observed.append(
                {
                    "unit_code": unit_code,
                    "unit_name": pf.text(unit.get("name")),
                    "party_code": code,
                    "is_central": int(unit is party),
                    "year": None,
                    **provenance(record),
                }
            )
    return ids, observed


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    records = list(records)
    for record in records:
        if record["kind"] not in ("party", "report"):
            issues.about(record, "kind", "unknown record kind; not read", record["kind"])
    ids, units = _units([r for r in records if r["kind"] == "party"])
    codes = dict(ids.values())
    tables = {"party_reports": [], "donations": [], "party_expenditures": [], "party_units": units}
    for record in records:
        if record["kind"] != "report":
            continue
        report = Report(record, ids, codes, issues)
        tables["party_reports"].append(report.row())
        for office in report.fields.get("regional_offices") or []:
            tables["party_units"].append(
                {
                    "unit_code": pf.legal_code(office.get("code")),
                    "unit_name": pf.text(office.get("name")),
                    "party_code": report.party_code,
                    "is_central": 0,
                    "year": report.year,
                    **provenance(record),
                }
            )
        for section, where, entry in report.sections("incoming", DONATION_SECTIONS):
            tables["donations"].append(_donation(report, section, where, entry))
        for section, where, entry in report.sections("outgoing", SPENDING_SECTIONS):
            tables["party_expenditures"].append(_expenditure(report, section, where, entry))
    return {name: pd.DataFrame(rows) for name, rows in tables.items()}


# Run by the build on the frames of every source (CHESNO's rows too), before the identity
# engine: one donor per person or company, the parties' units and names.
combine = donors.combine


def finish(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    """After identity (donors carry person_id): the donors' yearly sums against the legal
    limits, and their red flags."""
    if "donations" in tables:
        tables.update(limits.finish(tables))
