"""CHESNO's tables: donations of the quarterly reports (table 5, 2016-17 and 2024 layouts) and
the 2019 election-fund reports (donations to the fund and its spending).

CHESNO's tables have no report ids: a report is one party unit's table for a year and quarter
("chesno:2017:39181335:3"), or one party's election fund ("chesno:vnd2019:holos"). The party is
named, not coded, except where its central office files; the register's donors.py finds its
code. As in the register, a donor's code and address are kept in `_private_*` columns for
matching only.
"""

import pandas as pd

from pamyat.core import sources
from pamyat.core.issues import DataIssues
from pamyat.core.raw import provenance
from pamyat.core.text.parties import party_id, party_key
from scrapers.nazk_party_reports import finance as pf

SOURCE = "chesno_party_reports"


# How CHESNO's tables are read (source.yml): column titles, the central office, in-kind purposes.
CONFIG = sources.config(SOURCE)


class Row:
    """One CHESNO row under our column names, reporting its problems."""

    def __init__(self, record: dict, issues: DataIssues, reported: set):
        self.record, self.issues = record, issues
        fields = record["fields"]
        self.table, self.election = fields["table"], fields.get("election")
        titles = {title: name for name, title in CONFIG["columns"][self.table].items()}
        self.values = {}
        for title, value in fields["row"].items():
            if title in titles:
                self.values[titles[title]] = pf.text(value)
            elif (record["source_url"], title) not in reported:
                reported.add((record["source_url"], title))
                self.report(title, "unknown column; not read (reported once per file)", value)

    def __getitem__(self, name: str):
        return self.values.get(name)

    def report(self, field: str, problem: str, value=None) -> None:
        self.issues.about(self.record, field, problem, value)

    def amount(self, name: str) -> int | None:
        try:
            return pf.kopiykas(self[name])
        except ValueError:
            self.report(name, "unreadable amount", self[name])
            return None

    def date(self, year: int, quarter: int | None) -> str | None:
        found, problem = pf.payment_date(self["date"], year, quarter)
        if problem:
            self.report("date", problem, self["date"])
        return found

    def kind(self, lookup: str, name: str) -> str | None:
        found = pf.kind(lookup, self[name])
        if self[name] and found is None:
            self.report(name, f"unknown {name.replace('_', ' ')}", self[name])
        return found


def _report_id(row: Row, year: int, quarter: int | None, unit: str | None) -> str:
    if row.election:
        return f"chesno:{row.election}:{party_id(party_key(row['party']))}"
    return f"chesno:{year}:{unit or party_id(party_key(row['party']))}:{quarter}"


def _donation(row: Row, units: list[dict]) -> tuple[dict, dict]:
    """The donation and its report."""
    year = 2019 if row.election else int(row["year"])
    quarter = None if row.election else pf.quarter(row["quarter"])
    donor_kind = row.kind("donor_kinds", "donor_type")
    intra = pf.intra_party(row["intra_party"])
    unit_code = pf.legal_code(row["unit_code"])
    party_code = unit_code if row["unit"] == CONFIG["central_office"] else None
    donor = row["donor_name"]
    if row.election and donor_kind == "party_unit":
        # The party's own money: the payer is the party, named as it was then.
        party_code = unit_code = pf.legal_code(row["donor_code"])
        donor = (donor or "").removeprefix(CONFIG["central_office_prefix"]) or None
        intra = "the party's own money"
        units.append(_unit(row, unit_code, donor, year))
    elif unit_code and party_code:
        units.append(_unit(row, unit_code, row["party"], year))
    if intra:
        donor_kind = "party_unit"
    if donor is None:
        row.report("donor_name", "a row without a donor; kept without one")
    purpose = (row["purpose"] or "").casefold()
    report_id = _report_id(row, year, quarter, unit_code)
    donation = {
        "donation_id": row.record["source_record_id"],
        "report_id": report_id,
        "party_code": party_code,
        "party_name": row["party"],
        "unit_code": unit_code,
        "fund": "election_fund" if row.election else "party",
        "donation_kind": "state_funding"
        if donor_kind == "state_budget"
        else "in_kind"
        if purpose in CONFIG["in_kind_purposes"]
        else "money",
        "in_kind_type": row["purpose"] if purpose in CONFIG["in_kind_purposes"] else None,
        "donor_name": donor,
        "donor_type": row["donor_type"],
        "donor_kind": donor_kind,
        "donor_region": pf.region(row["donor_address"]),
        "intra_party_kind": intra,
        "donation_date": row.date(year, quarter),
        "year": year,
        "quarter": quarter,
        "amount_minor": row.amount("amount"),
        "refund_minor": row.amount("refund"),
        "_private_code": row["donor_code"],
        **provenance(row.record),
    }
    return donation, _report(row, report_id, party_code, unit_code, year, quarter)


def _unit(row: Row, code: str | None, name: str | None, year: int) -> dict:
    return {
        "unit_code": code,
        "unit_name": name,
        "party_code": code,
        "is_central": 1,
        "year": year,
        **provenance(row.record),
    }


def _report(row: Row, report_id, party_code, unit_code, year, quarter) -> dict:
    kind = "election_fund" if row.election else "annual" if quarter == 5 else "quarterly"
    return {
        "report_id": report_id,
        "party_code": party_code,
        "party_name": row["party"],
        "filer_code": unit_code,
        "is_branch_report": int(bool(unit_code) and not party_code and not row.election),
        "year": year,
        "quarter": quarter,
        "report_kind": kind,
        "election_id": row.election,
        **provenance(row.record),
        "source_record_id": report_id,
    }


def _expenditure(row: Row) -> tuple[dict, dict]:
    recipient_kind = row.kind("recipient_kinds", "recipient_type")
    report_id = _report_id(row, 2019, None, None)
    expenditure = {
        "expenditure_id": row.record["source_record_id"],
        "report_id": report_id,
        "party_code": None,
        "party_name": row["party"],
        "funding": "election_fund",
        "payment_date": row.date(2019, None),
        "year": 2019,
        "quarter": None,
        "amount_minor": row.amount("amount"),
        "recipient_name": row["recipient_name"],
        "recipient_type": row["recipient_type"],
        "recipient_kind": recipient_kind,
        "recipient_code": pf.legal_code(row["recipient_code"])
        if recipient_kind == "legal_entity"
        else None,
        "recipient_region": pf.region(row["recipient_address"]),
        "purpose": row["purpose"],
        "expense_code": row["expense_code"],
        "expense_title": row["expense_title"],
        "district_number": int(row["district_number"]) if row["district_number"] else None,
        **provenance(row.record),
    }
    return expenditure, _report(row, report_id, None, None, 2019, None)


def normalize(records, issues: DataIssues) -> dict[str, pd.DataFrame]:
    tables = {"donations": [], "party_expenditures": [], "party_units": []}
    reports, reported = {}, set()
    for record in records:
        if record["kind"] not in CONFIG["columns"]:
            issues.about(record, "kind", "unknown record kind; not read", record["kind"])
            continue
        row = Row(record, issues, reported)
        if row.table == "election_expenses":
            item, report = _expenditure(row)
            tables["party_expenditures"].append(item)
        else:
            item, report = _donation(row, tables["party_units"])
            tables["donations"].append(item)
        known = reports.setdefault(report["report_id"], report)
        known["party_code"] = known["party_code"] or report["party_code"]
    frames = {name: pd.DataFrame(rows) for name, rows in tables.items()}
    frames["party_reports"] = pd.DataFrame(reports.values())
    return frames
