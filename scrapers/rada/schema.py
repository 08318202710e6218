"""The Rada's roll calls: vote events and each MP's vote (etl/publish/schema.py has the
conventions and the tables shared by every source)."""

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core.tables import Base, SourceRow


class VoteEvent(SourceRow, Base):
    __tablename__ = "vote_events"
    __table_args__ = (
        Index("ix_vote_events_date", "event_date"),
        {
            "comment": "Plenary roll calls of the Verkhovna Rada: votes (with their title, bill "
            "and result) and registrations of the MPs present.",
            "info": {
                "natural_key": ["vote_event_id"],
                "sources": ["rada"],
                "facets": ["event_type", "is_adopted"],
                "label_column": "title",
            },
        },
    )
    vote_event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(Text, nullable=False)
    event_date: Mapped[str | None] = mapped_column(Text)
    voted_at: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    bill_number: Mapped[str | None] = mapped_column(Text)
    is_adopted: Mapped[bool | None] = mapped_column(Integer)
    for_count: Mapped[int | None] = mapped_column(Integer)
    against_count: Mapped[int | None] = mapped_column(Integer)
    abstain_count: Mapped[int | None] = mapped_column(Integer)
    not_voting_count: Mapped[int | None] = mapped_column(Integer)
    present_count: Mapped[int | None] = mapped_column(Integer)
    absent_count: Mapped[int | None] = mapped_column(Integer)
    page_url: Mapped[str | None] = mapped_column(Text)


class Vote(SourceRow, Base):
    __tablename__ = "votes"
    __table_args__ = (
        Index("ix_votes_event", "vote_event_id"),
        Index("ix_votes_person", "person_id"),
        {
            "comment": "How each MP voted (or registered) in each roll call, with the faction "
            "she sat in at the time.",
            "info": {
                "natural_key": ["vote_event_id", "person_id"],
                "sources": ["rada"],
                "facets": ["option", "organization_id"],
            },
        },
    )
    vote_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote_event_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("vote_events.vote_event_id"), nullable=False
    )
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), nullable=False)
    option: Mapped[str] = mapped_column(Text, nullable=False)
    faction_code: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = mapped_column(
        Text, ForeignKey("organizations.organization_id")
    )
