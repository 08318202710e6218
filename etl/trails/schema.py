"""Published tables of the money trails (etl/trails; see etl/publish/schema.py for the
conventions). Facts read across sources; the judgements on them are donor_red_flags rows."""

from functools import partial

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import Base, table_info

_info = partial(
    table_info, ["nazk_party_reports", "chesno_party_reports", "nazk_declarations", "rada", "cec"]
)


class DonorIncomeCheck(Base):
    __tablename__ = "donor_income_checks"
    __table_args__ = (
        Index("ix_donor_income_checks_person", "person_id", "year"),
        {
            "comment": "For each donor linked to a declarant and each year she gave: what she "
            "gave all parties against the income she and her family declared for the year, "
            "and whether a rule is met, within the rules or not computable (and why). A donor "
            "linked to no declaration is not checked.",
            "info": _info(None, ["check_status", "year"], natural_key=["person_id", "year"]),
        },
    )
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), primary_key=True)
    year: Mapped[int | None] = mapped_column(Integer, primary_key=True)
    donated_minor: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str | None] = mapped_column(Text, ForeignKey("declarations.document_id"))
    income_minor: Mapped[int | None] = mapped_column(Integer)
    income_share: Mapped[str | None] = mapped_column(Text)
    check_status: Mapped[str] = mapped_column(Text)
    check_reason_code: Mapped[str | None] = mapped_column(Text)
    check_reason: Mapped[str | None] = mapped_column(Text)


class OwnPartyDonation(Base):
    __tablename__ = "own_party_donations"
    __table_args__ = (
        Index("ix_own_party_donations_party", "party_id", "year"),
        Index("ix_own_party_donations_person", "person_id"),
        {
            "comment": "Politicians who fund their own party: what each candidate, MP or "
            "councillor gave a party she is tied to (it nominated her, listed her, seated her "
            "in its faction, or counts her a member), per year, net of refunds.",
            "info": _info(
                None, ["party_id", "year"], natural_key=["person_id", "party_id", "year"]
            ),
        },
    )
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), primary_key=True)
    party_id: Mapped[str] = mapped_column(Text, ForeignKey("parties.party_id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    net_minor: Mapped[int] = mapped_column(Integer)
    donations_count: Mapped[int] = mapped_column(Integer)
    ties: Mapped[str] = mapped_column(Text)


class PartyMoneySource(Base):
    __tablename__ = "party_money_sources"
    __table_args__ = (
        Index("ix_party_money_sources_party", "party_id", "year"),
        {
            "comment": "Where a party's money comes from, per year: its own candidates and "
            "MPs, other persons, companies and state funding, net of refunds, each payment once.",
            "info": _info(
                None, ["money_source", "year"], natural_key=["party_id", "year", "money_source"]
            ),
        },
    )
    party_id: Mapped[str] = mapped_column(Text, ForeignKey("parties.party_id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    money_source: Mapped[str] = mapped_column(Text, primary_key=True)
    received_minor: Mapped[int] = mapped_column(Integer)
    donations_count: Mapped[int] = mapped_column(Integer)
    donors_count: Mapped[int] = mapped_column(Integer)


class DonationBundle(Base):
    __tablename__ = "donation_bundles"
    __table_args__ = (
        Index("ix_donation_bundles_party", "party_id", "year"),
        {
            "comment": "Groups of donors of one party who look like one payer: many who gave "
            "the same amount on the same day, or persons who declared the same employer and "
            "gave in the same year (the rules: donor_red_flags).",
            "info": _info(None, ["bundle_kind", "year"], natural_key=["bundle_id"]),
        },
    )
    bundle_id: Mapped[str] = mapped_column(Text, primary_key=True)
    bundle_kind: Mapped[str] = mapped_column(Text)
    party_id: Mapped[str] = mapped_column(Text, ForeignKey("parties.party_id"))
    year: Mapped[int] = mapped_column(Integer)
    donation_date: Mapped[str | None] = mapped_column(Text)
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    employer: Mapped[str | None] = mapped_column(Text)
    donors_count: Mapped[int] = mapped_column(Integer)
    total_minor: Mapped[int] = mapped_column(Integer)


class DonationBundleMember(Base):
    __tablename__ = "donation_bundle_members"
    __table_args__ = (
        Index("ix_donation_bundle_members_donor", "donor_id"),
        {
            "comment": "The donors of each bundle, with what each gave in it.",
            "info": _info(None, [], natural_key=["bundle_id", "donor_id"]),
        },
    )
    bundle_id: Mapped[str] = mapped_column(
        Text, ForeignKey("donation_bundles.bundle_id"), primary_key=True
    )
    donor_id: Mapped[str] = mapped_column(Text, ForeignKey("donors.donor_id"), primary_key=True)
    person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    donations_count: Mapped[int] = mapped_column(Integer)
    given_minor: Mapped[int] = mapped_column(Integer)


class DonorRelative(Base):
    __tablename__ = "donor_relatives"
    __table_args__ = (
        Index("ix_donor_relatives_person", "person_id"),
        {
            "comment": "Donors a person judged to be a family member a politician declared: "
            "proposed by name and region (match_review), linked only by that judgement.",
            "info": _info(None, ["relation"], natural_key=["donor_id", "person_id"]),
        },
    )
    donor_id: Mapped[str] = mapped_column(Text, ForeignKey("donors.donor_id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), primary_key=True)
    relation: Mapped[str | None] = mapped_column(Text)
    family_member_name: Mapped[str] = mapped_column(Text)
    document_id: Mapped[str] = mapped_column(Text, ForeignKey("declarations.document_id"))
    evidence: Mapped[str] = mapped_column(Text)
    judged_by: Mapped[str] = mapped_column(Text)
    judged_at: Mapped[str] = mapped_column(Text)


class PartyLineage(Base):
    __tablename__ = "party_lineage"
    __table_args__ = (
        Index("ix_party_lineage_party", "party_id"),
        {
            "comment": "Every name a party was known under, by which source and when (finance "
            "reports, the Rada, the CEC), and for a name reports were made under, the donors "
            "who gave under it and how many also gave under the name before.",
            "info": _info("name", ["source"], natural_key=["party_id", "name", "source"]),
        },
    )
    party_lineage_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[str] = mapped_column(Text, ForeignKey("parties.party_id"))
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    first_year: Mapped[int | None] = mapped_column(Integer)
    last_year: Mapped[int | None] = mapped_column(Integer)
    donors_count: Mapped[int | None] = mapped_column(Integer)
    shared_donors_count: Mapped[int | None] = mapped_column(Integer)
    previous_name: Mapped[str | None] = mapped_column(Text)
