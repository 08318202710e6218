"""The CEC's elections and candidacies (etl/publish/schema.py has the conventions and the
tables shared by every source)."""

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import FREE_TEXT, Base, SourceRow


class Election(Base):
    __tablename__ = "elections"
    __table_args__ = {
        "comment": "Elections whose candidates and results the portal holds.",
        "info": {
            "natural_key": ["election_id"],
            "sources": ["cec"],
            "label_column": "name",
            "facets": ["election_type"],
        },
    }
    election_id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    election_type: Mapped[str] = mapped_column(Text)
    election_date: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)


class Candidacy(SourceRow, Base):
    __tablename__ = "candidacies"
    __table_args__ = (
        Index("ix_candidacies_person", "person_id"),
        Index("ix_candidacies_district", "election_id", "district_number"),
        {
            "comment": "Candidates registered in an election, with the biography they declared "
            "to the CEC read into fields, and their result.",
            "info": {
                "natural_key": ["candidacy_id"],
                "sources": ["cec"],
                "label_column": "full_name",
                "facets": [
                    "election_id",
                    "is_elected",
                    "is_self_nominated",
                    "is_party_member",
                    "education",
                    "region",
                ],
            },
        },
    )
    candidacy_id: Mapped[str] = mapped_column(Text, primary_key=True)
    election_id: Mapped[str] = mapped_column(
        Text, ForeignKey("elections.election_id"), nullable=False
    )
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), nullable=False)
    district_number: Mapped[int | None] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(Text, nullable=False)
    nominated_by: Mapped[str | None] = mapped_column(Text)
    nominating_party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    is_self_nominated: Mapped[bool] = mapped_column(Integer)
    registered_date: Mapped[str | None] = mapped_column(Text)
    cancelled_date: Mapped[str | None] = mapped_column(Text)
    cancellation_reason: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    birth_place: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    education: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    occupation: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    workplace: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    party_membership: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    is_party_member: Mapped[bool | None] = mapped_column(Integer)
    residence: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    has_criminal_record: Mapped[bool | None] = mapped_column(Integer)
    criminal_record: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    nomination: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    votes: Mapped[int | None] = mapped_column(Integer)
    vote_share: Mapped[str | None] = mapped_column(Text)
    is_elected: Mapped[bool] = mapped_column(Integer)
    cec_candidate_id: Mapped[str | None] = mapped_column(Text)
    council: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    council_district: Mapped[str | None] = mapped_column(Text)
    elected_in: Mapped[str | None] = mapped_column(Text)
    quota_share: Mapped[str | None] = mapped_column(Text)
