"""Published tables of party finance: parties' reports, donations and donors, spending, and the
legal-limit checks (see schema.py for the conventions).

Amounts are exact kopiykas (`*_minor`). A donor's birth date, tax number, bank account and address
are never published: only her name, kind, region and amounts.
"""

from functools import partial

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import FREE_TEXT, Base, SourceRow, table_info

SOURCES = ["nazk_party_reports", "chesno_party_reports"]


_info = partial(table_info, SOURCES)


class PartyName(Base):
    __tablename__ = "party_names"
    __table_args__ = (
        Index("ix_party_names_party", "party_id"),
        {
            "comment": "Every name a party's central office was reported under, and when: "
            "parties get renamed, their EDRPOU code stays.",
            "info": _info("name", ["source"], natural_key=["party_id", "name", "source"]),
        },
    )
    party_name_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[str] = mapped_column(Text, ForeignKey("parties.party_id"))
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    first_year: Mapped[int | None] = mapped_column(Integer)
    last_year: Mapped[int | None] = mapped_column(Integer)


class PartyBranch(Base):
    __tablename__ = "party_branches"
    __table_args__ = (
        Index("ix_party_branches_party", "party_id"),
        {
            "comment": "Regional and local organisations of the parties (legal entities of "
            "their own), as the register and the reports list them.",
            "info": _info("name", ["party_id"], fts=["name"], natural_key=["branch_code"]),
        },
    )
    branch_code: Mapped[str] = mapped_column(Text, primary_key=True)
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    name: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    names_count: Mapped[int] = mapped_column(Integer)
    first_report_year: Mapped[int | None] = mapped_column(Integer)
    last_report_year: Mapped[int | None] = mapped_column(Integer)


class PartyReport(SourceRow, Base):
    __tablename__ = "party_reports"
    __table_args__ = (
        Index("ix_party_reports_party", "party_id", "year"),
        {
            "comment": "Financial reports of parties and their branches: quarterly, annual "
            "(quarter 5) and election-fund reports.",
            "info": _info(
                "report_id",
                ["report_kind", "year", "quarter", "party_id"],
                natural_key=["report_id"],
            ),
        },
    )
    report_id: Mapped[str] = mapped_column(Text, primary_key=True)
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    filer_code: Mapped[str | None] = mapped_column(Text)
    is_branch_report: Mapped[bool] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    report_kind: Mapped[str] = mapped_column(Text)
    election_id: Mapped[str | None] = mapped_column(Text)
    submitted_date: Mapped[str | None] = mapped_column(Text)


class Donation(SourceRow, Base):
    __tablename__ = "donations"
    __table_args__ = (
        # Covering the party page's sums by quarter and by payer: no table lookups for a party
        # with hundreds of thousands of donations, and a class's payers found by a seek, not a
        # scan of the party's every row (bench/portal.md).
        Index(
            "ix_donations_party",
            "party_id",
            "receipt_class",
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
                ["receipt_class", "donation_kind", "fund", "year", "party_id"],
                fts=["donor_name"],
                natural_key=["source", "source_record_id"],
            ),
        },
    )
    donation_id: Mapped[str] = mapped_column(Text, primary_key=True)
    report_id: Mapped[str] = mapped_column(Text, ForeignKey("party_reports.report_id"))
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    unit_code: Mapped[str | None] = mapped_column(Text)
    fund: Mapped[str] = mapped_column(Text)
    donation_kind: Mapped[str] = mapped_column(Text)
    receipt_class: Mapped[str] = mapped_column(Text)
    in_kind_type: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    donor_id: Mapped[str | None] = mapped_column(Text, ForeignKey("donors.donor_id"))
    donor_name: Mapped[str | None] = mapped_column(Text)
    donor_type: Mapped[str | None] = mapped_column(Text)
    donor_kind: Mapped[str | None] = mapped_column(Text)
    donor_region: Mapped[str | None] = mapped_column(Text)
    intra_party_kind: Mapped[str | None] = mapped_column(Text)
    donation_date: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    refund_minor: Mapped[int | None] = mapped_column(Integer)
    assessed_value_minor: Mapped[int | None] = mapped_column(Integer)
    repeats_donation_id: Mapped[str | None] = mapped_column(Text)


class Donor(Base):
    __tablename__ = "donors"
    __table_args__ = (
        Index("ix_donors_person", "person_id"),
        {
            "comment": "One row per donor across reports, branches, parties and years: a legal "
            "entity by its EDRPOU code; a person by name and region (and, unpublished, birth "
            "date or tax number). Initials are never merged with a full name.",
            "info": _info(
                "name",
                ["donor_kind", "region"],
                fts=["name", "name_search"],
                natural_key=["donor_id"],
            ),
        },
    )
    donor_id: Mapped[str] = mapped_column(Text, primary_key=True)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    name: Mapped[str] = mapped_column(Text)
    donor_kind: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    edrpou_code: Mapped[str | None] = mapped_column(Text)
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    donations_count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    source_record_id: Mapped[str | None] = mapped_column(Text)
    name_search: Mapped[str] = mapped_column(Text, nullable=False)


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
                natural_key=["source", "source_record_id"],
            ),
        },
    )
    expenditure_id: Mapped[str] = mapped_column(Text, primary_key=True)
    report_id: Mapped[str] = mapped_column(Text, ForeignKey("party_reports.report_id"))
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    unit_code: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str] = mapped_column(Text)
    payment_date: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    recipient_name: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    recipient_type: Mapped[str | None] = mapped_column(Text)
    recipient_kind: Mapped[str | None] = mapped_column(Text)
    recipient_code: Mapped[str | None] = mapped_column(Text)
    recipient_region: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    basis: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    expense_code: Mapped[str | None] = mapped_column(Text)
    expense_title: Mapped[str | None] = mapped_column(Text)
    district_number: Mapped[int | None] = mapped_column(Integer)


class DonorPartyYear(Base):
    __tablename__ = "donor_party_years"
    __table_args__ = (
        Index("ix_donor_party_years_party", "party_id", "year"),
        {
            "comment": "What each donor gave each party (all units) in a year, net of refunds, "
            "against the legal limit: the fact behind the 'above the legal limit' flag.",
            "info": _info(
                None,
                ["fund", "year", "donor_kind", "is_above_limit"],
                natural_key=["donor_id", "party_id", "fund", "year"],
            ),
        },
    )
    donor_party_year_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    donor_id: Mapped[str] = mapped_column(Text, ForeignKey("donors.donor_id"))
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    fund: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    donor_kind: Mapped[str] = mapped_column(Text)
    donations_count: Mapped[int] = mapped_column(Integer)
    given_minor: Mapped[int] = mapped_column(Integer)
    refunded_minor: Mapped[int] = mapped_column(Integer)
    net_minor: Mapped[int] = mapped_column(Integer)
    limit_minimum_wages: Mapped[int | None] = mapped_column(Integer)
    minimum_wage_uah: Mapped[int | None] = mapped_column(Integer)
    limit_minor: Mapped[int | None] = mapped_column(Integer)
    is_above_limit: Mapped[bool | None] = mapped_column(Integer)


class DonorRedFlag(Base):
    __tablename__ = "donor_red_flags"
    __table_args__ = (
        Index("ix_donor_red_flags_donor", "donor_id"),
        Index("ix_donor_red_flags_party", "party_id", "year"),
        {
            "comment": "Editorial red flags on donors: a rule met, with its threshold shown. A "
            "prompt to look closer, not an accusation; the facts are in donations.",
            "info": _info(
                "title",
                ["flag_code", "year", "party_id"],
                natural_key=["flag_code", "donor_id", "party_id", "year"],
            ),
        },
    )
    flag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_code: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    threshold_unit: Mapped[str] = mapped_column(Text)
    threshold_value: Mapped[str] = mapped_column(Text)
    measured_value: Mapped[str] = mapped_column(Text)
    donor_id: Mapped[str] = mapped_column(Text, ForeignKey("donors.donor_id"))
    party_id: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))


class DonationLimit(Base):
    __tablename__ = "donation_limits"
    __table_args__ = {
        "comment": "The most one donor may give one party in a year, in minimum monthly wages "
        "of 1 January, by donor kind (reference data, with the law).",
        "info": {"natural_key": ["donor_kind"], "sources": [], "facets": []},
    }
    donor_kind: Mapped[str] = mapped_column(Text, primary_key=True)
    minimum_wages: Mapped[int] = mapped_column(Integer)
    law: Mapped[str] = mapped_column(Text)
