"""Published tables of party finance: parties' reports, donations and donors, spending, and the
legal-limit checks (see schema.py for the conventions).

Amounts are exact kopiykas (`*_minor`). A donor's birth date, tax number, bank account and address
are never published: only her name, kind, region and amounts.
"""

from functools import partial

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped

from etl.publish.schema_base import FREE_TEXT, Base, SourceRow, column, table_info

SOURCES = ["nazk_party_reports", "chesno_party_reports"]
YEAR = "Year the report covers"
QUARTER = "Quarter 1-4, 5 for the annual report, empty for an election fund"


_info = partial(table_info, SOURCES)


class PartyName(Base):
    __tablename__ = "party_names"
    __table_args__ = (
        Index("ix_party_names_party", "party_id"),
        {
            "comment": "Every name a party's central office was reported under, and when: "
            "parties get renamed, their EDRPOU code stays.",
            "info": _info("name", ["source"]),
        },
    )
    party_name_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    party_id: Mapped[str] = column(Text, "The party", ForeignKey("parties.party_id"))
    name: Mapped[str] = column(Text, "The name as the source writes it")
    source: Mapped[str] = column(Text, "Source that used the name")
    first_year: Mapped[int | None] = column(
        Integer, "First report year with the name (empty: the register's current name)"
    )
    last_year: Mapped[int | None] = column(Integer, "Last report year with the name")


class PartyBranch(Base):
    __tablename__ = "party_branches"
    __table_args__ = (
        Index("ix_party_branches_party", "party_id"),
        {
            "comment": "Regional and local organisations of the parties (legal entities of "
            "their own), as the register and the reports list them.",
            "info": _info("name", ["party_id"], fts=["name"]),
        },
    )
    branch_code: Mapped[str] = column(Text, "The branch's EDRPOU code", primary_key=True)
    party_id: Mapped[str | None] = column(Text, "Its party", ForeignKey("parties.party_id"))
    name: Mapped[str | None] = column(Text, "Its latest name", info=FREE_TEXT)
    names_count: Mapped[int] = column(Integer, "How many names it was listed under")
    first_report_year: Mapped[int | None] = column(Integer, "First report year listing it")
    last_report_year: Mapped[int | None] = column(Integer, "Last report year listing it")


class PartyReport(SourceRow, Base):
    __tablename__ = "party_reports"
    __table_args__ = (
        Index("ix_party_reports_party", "party_id", "year"),
        {
            "comment": "Financial reports of parties and their branches: quarterly, annual "
            "(quarter 5) and election-fund reports.",
            "info": _info("report_id", ["report_kind", "year", "quarter", "party_id"]),
        },
    )
    report_id: Mapped[str] = column(
        Text, "Report id: the register's UUID, or chesno:… for a CHESNO table", primary_key=True
    )
    party_id: Mapped[str | None] = column(Text, "The party", ForeignKey("parties.party_id"))
    filer_code: Mapped[str | None] = column(Text, "EDRPOU code of the unit that filed it")
    is_branch_report: Mapped[bool] = column(Integer, "1 when a branch filed it")
    year: Mapped[int] = column(Integer, YEAR)
    quarter: Mapped[int | None] = column(Integer, QUARTER)
    report_kind: Mapped[str] = column(Text, "quarterly, annual or election_fund")
    election_id: Mapped[str | None] = column(Text, "For an election fund: the election (vnd2019)")
    submitted_date: Mapped[str | None] = column(Text, "Date signed (ISO 8601), when known")


class Donation(SourceRow, Base):
    __tablename__ = "donations"
    __table_args__ = (
        # Covering the party page's sums by quarter and by donor: no table lookups for a party
        # with hundreds of thousands of donations (bench/portal.md).
        Index(
            "ix_donations_party",
            "party_id",
            "year",
            "quarter",
            "donor_id",
            "amount_minor",
            "refund_minor",
            "repeats_donation_id",
        ),
        # Also answers "did this donor give to this party that year" (a party page's flags).
        Index("ix_donations_donor", "donor_id", "party_id", "year"),
        Index("ix_donations_report", "report_id"),
        {
            "comment": "Donations received by parties, their branches and election funds: "
            "money, in kind, state funding, other incomes and transfers between a party's own "
            "units. One row "
            "per row of the source; a row another report already holds points to it "
            "(repeats_donation_id) and counts in no total.",
            "info": _info(
                "donor_name",
                ["donation_kind", "donor_kind", "fund", "year", "party_id"],
                fts=["donor_name"],
            ),
        },
    )
    donation_id: Mapped[str] = column(Text, "Row id (the register's payment id)", primary_key=True)
    report_id: Mapped[str] = column(Text, "Report", ForeignKey("party_reports.report_id"))
    party_id: Mapped[str | None] = column(Text, "Party", ForeignKey("parties.party_id"))
    unit_code: Mapped[str | None] = column(Text, "EDRPOU code of the unit that received it")
    fund: Mapped[str] = column(Text, "party (its accounts) or election_fund")
    donation_kind: Mapped[str] = column(
        Text, "money, in_kind, state_funding or other_income (interest, other receipts)"
    )
    in_kind_type: Mapped[str | None] = column(Text, "For in kind: what was given", info=FREE_TEXT)
    donor_id: Mapped[str | None] = column(Text, "The donor", ForeignKey("donors.donor_id"))
    donor_name: Mapped[str | None] = column(Text, "Donor's name as written")
    donor_type: Mapped[str | None] = column(Text, "Donor type as written")
    donor_kind: Mapped[str | None] = column(
        Text, "individual, legal_entity, party_unit (the party's own) or state_budget"
    )
    donor_region: Mapped[str | None] = column(Text, "Donor's region (nothing finer is published)")
    intra_party_kind: Mapped[str | None] = column(
        Text, "A transfer between the party's own units (or its own money to its election fund)"
    )
    donation_date: Mapped[str | None] = column(Text, "Date received (ISO 8601)")
    year: Mapped[int] = column(Integer, YEAR)
    quarter: Mapped[int | None] = column(Integer, QUARTER)
    amount_minor: Mapped[int | None] = column(Integer, "Amount in kopiykas")
    refund_minor: Mapped[int | None] = column(Integer, "Amount refunded to the donor, kopiykas")
    assessed_value_minor: Mapped[int | None] = column(
        Integer, "In kind: value by the official method, kopiykas"
    )
    repeats_donation_id: Mapped[str | None] = column(
        Text, "The same donation in a report of higher rank (this row counts in no total)"
    )


class Donor(Base):
    __tablename__ = "donors"
    __table_args__ = (
        Index("ix_donors_person", "person_id"),
        {
            "comment": "One row per donor across reports, branches, parties and years: a legal "
            "entity by its EDRPOU code; a person by name and region (and, unpublished, birth "
            "date or tax number). Initials are never merged with a full name.",
            "info": _info("name", ["donor_kind", "region"], fts=["name", "name_search"]),
        },
    )
    donor_id: Mapped[str] = column(Text, "Stable id of the donor", primary_key=True)
    person_id: Mapped[str | None] = column(
        Text, "The donor as a portal person (a politician)", ForeignKey("persons.person_id")
    )
    name: Mapped[str] = column(Text, "Name (the spelling most used)")
    donor_kind: Mapped[str | None] = column(Text, "individual, legal_entity, party_unit…")
    region: Mapped[str | None] = column(Text, "Region")
    edrpou_code: Mapped[str | None] = column(Text, "EDRPOU code (legal entities only)")
    first_year: Mapped[int] = column(Integer, "First year of a donation")
    last_year: Mapped[int] = column(Integer, "Last year of a donation")
    donations_count: Mapped[int] = column(Integer, "Number of donations")
    source: Mapped[str] = column(Text, "Source of the donor's first donation")
    source_record_id: Mapped[str | None] = column(Text, "Same as donor_id")
    name_search: Mapped[str] = column(
        Text, "The name in Latin (every transliteration) for search", nullable=False
    )


class PartyExpenditure(SourceRow, Base):
    __tablename__ = "party_expenditures"
    __table_args__ = (
        Index("ix_party_expenditures_party", "party_id", "year", "quarter", "amount_minor"),
        {
            "comment": "Payments made by parties: from state funding and from their own funds, "
            "donations returned and sums transferred to the state budget, and payments from "
            "election funds (2019).",
            "info": _info(
                "recipient_name",
                ["funding", "recipient_kind", "year", "party_id", "expense_title"],
                fts=["recipient_name", "purpose"],
            ),
        },
    )
    expenditure_id: Mapped[str] = column(Text, "Row id", primary_key=True)
    report_id: Mapped[str] = column(Text, "Report", ForeignKey("party_reports.report_id"))
    party_id: Mapped[str | None] = column(Text, "Party", ForeignKey("parties.party_id"))
    unit_code: Mapped[str | None] = column(Text, "EDRPOU code of the unit that paid")
    funding: Mapped[str] = column(
        Text,
        "state_funding, party_funds (its own money), donation_returned, transferred_to_budget "
        "or election_fund",
    )
    payment_date: Mapped[str | None] = column(Text, "Date paid (ISO 8601)")
    year: Mapped[int] = column(Integer, YEAR)
    quarter: Mapped[int | None] = column(Integer, QUARTER)
    amount_minor: Mapped[int | None] = column(Integer, "Amount in kopiykas")
    recipient_name: Mapped[str | None] = column(Text, "Recipient", info=FREE_TEXT)
    recipient_type: Mapped[str | None] = column(Text, "Recipient type as written")
    recipient_kind: Mapped[str | None] = column(
        Text, "individual, sole_trader, legal_entity or party_unit"
    )
    recipient_code: Mapped[str | None] = column(Text, "Recipient's EDRPOU (legal entities only)")
    recipient_region: Mapped[str | None] = column(Text, "Recipient's region")
    purpose: Mapped[str | None] = column(Text, "What it paid for", info=FREE_TEXT)
    basis: Mapped[str | None] = column(Text, "Contract or invoice it paid under", info=FREE_TEXT)
    expense_code: Mapped[str | None] = column(Text, "Election fund: the expense article's code")
    expense_title: Mapped[str | None] = column(Text, "Election fund: the article in words")
    district_number: Mapped[int | None] = column(Integer, "Election fund: district number")


class DonorPartyYear(Base):
    __tablename__ = "donor_party_years"
    __table_args__ = (
        Index("ix_donor_party_years_party", "party_id", "year"),
        {
            "comment": "What each donor gave each party (all units) in a year, net of refunds, "
            "against the legal limit: the fact behind the 'above the legal limit' flag.",
            "info": _info(None, ["fund", "year", "donor_kind", "is_above_limit"]),
        },
    )
    donor_party_year_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    donor_id: Mapped[str] = column(Text, "Donor", ForeignKey("donors.donor_id"))
    party_id: Mapped[str | None] = column(Text, "Party", ForeignKey("parties.party_id"))
    fund: Mapped[str] = column(Text, "party or election_fund (limits apply to each)")
    year: Mapped[int] = column(Integer, "Year")
    donor_kind: Mapped[str] = column(Text, "individual or legal_entity")
    donations_count: Mapped[int] = column(Integer, "Donations counted (repeats left out)")
    given_minor: Mapped[int] = column(Integer, "Given, kopiykas (in kind at its stated value)")
    refunded_minor: Mapped[int] = column(Integer, "Refunded, kopiykas")
    net_minor: Mapped[int] = column(Integer, "Given minus refunded, kopiykas")
    limit_minimum_wages: Mapped[int | None] = column(Integer, "Limit in minimum wages (400 / 800)")
    minimum_wage_uah: Mapped[int | None] = column(Integer, "Minimum wage on 1 January, UAH")
    limit_minor: Mapped[int | None] = column(Integer, "The limit, kopiykas")
    is_above_limit: Mapped[bool | None] = column(
        Integer, "1 when net is above the limit (empty: no minimum wage known for the year)"
    )


class DonorRedFlag(Base):
    __tablename__ = "donor_red_flags"
    __table_args__ = (
        Index("ix_donor_red_flags_donor", "donor_id"),
        Index("ix_donor_red_flags_party", "party_id", "year"),
        {
            "comment": "Editorial red flags on donors: a rule met, with its threshold shown. A "
            "prompt to look closer, not an accusation; the facts are in donations.",
            "info": _info("title", ["flag_code", "year", "party_id"]),
        },
    )
    flag_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    flag_code: Mapped[str] = column(Text, "The rule's code")
    title: Mapped[str] = column(Text, "The rule in a few words")
    rule: Mapped[str] = column(Text, "The rule in full")
    threshold_unit: Mapped[str] = column(Text, "Unit of the threshold")
    threshold_value: Mapped[str] = column(Text, "The threshold worked out for this case")
    measured_value: Mapped[str] = column(Text, "What was measured")
    donor_id: Mapped[str] = column(Text, "Donor", ForeignKey("donors.donor_id"))
    party_id: Mapped[str | None] = column(Text, "Party, when the rule is about one")
    year: Mapped[int] = column(Integer, "Year")
    person_id: Mapped[str | None] = column(
        Text, "The donor as a portal person", ForeignKey("persons.person_id")
    )


class DonationLimit(Base):
    __tablename__ = "donation_limits"
    __table_args__ = {
        "comment": "The most one donor may give one party in a year, in minimum monthly wages "
        "of 1 January, by donor kind (reference data, with the law).",
        "info": {"sources": [], "facets": []},
    }
    donor_kind: Mapped[str] = column(Text, "individual or legal_entity", primary_key=True)
    minimum_wages: Mapped[int] = column(Integer, "Limit in minimum monthly wages")
    law: Mapped[str] = column(Text, "The law that sets it")
