"""The published schema, declared once. Tables, indexes, full-text indexes and the descriptions in
metadata.yml all follow from these models.

Conventions (after PUDL): `_id` keys, `_date` ISO 8601 dates, `_url` links, `_code` official
codes, `is_` booleans. Every table has a description (`comment`); every column is named after a
field of fields.yml, which describes it once for every table: the metadata generator refuses a
table or a column without. `info` carries what Datasette needs: the sources a table comes
from, its full-text columns, facets and the column that labels a row.
"""

import importlib

from sqlalchemy import Float, ForeignKey, Index, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pamyat.core import sources
from pamyat.core.tables import FREE_TEXT, FTS_TOKENIZER, Base, SourceRow


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = {
        "comment": "One row per person, whichever sources mention her: MPs, candidates, "
        "declarants. The person_id stays the same across nightly rebuilds.",
        "info": {
            "natural_key": ["person_id"],
            "sources": ["rada"],
            "fts": ["full_name", "full_name_latin", "name_search"],
            "facets": ["gender"],
            "label_column": "full_name",
        },
    }
    person_id: Mapped[str] = mapped_column(Text, primary_key=True)
    full_name: Mapped[str] = mapped_column(Text, nullable=False)
    last_name: Mapped[str] = mapped_column(Text)
    first_name: Mapped[str] = mapped_column(Text)
    patronymic: Mapped[str | None] = mapped_column(Text)
    full_name_latin: Mapped[str] = mapped_column(Text)
    name_search: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(Text)
    photo_url: Mapped[str | None] = mapped_column(Text)


class SearchName(Base):
    __tablename__ = "search_names"
    __table_args__ = (
        Index("ix_search_names_skeleton", "skeleton", "prominence"),
        {
            "comment": "The search box's key to persons: each person's surname and given name "
            "with its spelling-blind skeleton (Ukrainian, Russian and every Latin spelling "
            "give the same one), and how prominent she is (the sources that hold her, the news "
            "that names her).",
            "info": {"natural_key": ["person_id", "part"], "sources": [], "facets": ["part"]},
        },
    )
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), primary_key=True)
    part: Mapped[str] = mapped_column(Text, primary_key=True)
    word: Mapped[str] = mapped_column(Text)
    skeleton: Mapped[str] = mapped_column(Text)
    prominence: Mapped[int] = mapped_column(Integer)


class PersonSource(Base):
    __tablename__ = "person_sources"
    __table_args__ = (
        Index("ix_person_sources_person", "person_id"),
        {
            "comment": "Every source record that was linked to a person, with how it was linked: "
            "the way to check any fact back to its origin.",
            "info": {
                "natural_key": ["source", "source_record_id"],
                "sources": ["rada"],
                "facets": ["source", "match_method"],
            },
        },
    )
    source: Mapped[str] = mapped_column(Text, primary_key=True)
    source_record_id: Mapped[str] = mapped_column(Text, primary_key=True)
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), nullable=False)
    source_url: Mapped[str] = mapped_column(Text)
    page_url: Mapped[str | None] = mapped_column(Text)
    match_method: Mapped[str] = mapped_column(Text)
    match_score: Mapped[float | None] = mapped_column(Float)
    match_evidence: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[str] = mapped_column(Text)


class PersonRedirect(Base):
    __tablename__ = "person_redirects"
    __table_args__ = {
        "comment": "Person ids retired when records were merged into another person: follow "
        "the redirect, so an old link to a person keeps working.",
        "info": {"sources": ["rada"]},
    }
    retired_person_id: Mapped[str] = mapped_column(Text, primary_key=True)
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), nullable=False)


class MatchReview(Base):
    __tablename__ = "match_review"
    __table_args__ = {
        "comment": "Pairs of records to judge, with their evidence: those the identity engine "
        "could not decide (is it the same person?), and donors who may be a politician's "
        "declared family member (is the donor this relative?). People settle them with "
        "`pamyat review`, and their judgements always win.",
        "info": {"sources": ["rada"], "facets": ["status"]},
    }
    review_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    left_record: Mapped[str] = mapped_column(Text, nullable=False)
    right_record: Mapped[str] = mapped_column(Text, nullable=False)
    left_person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    right_person_id: Mapped[str | None] = mapped_column(Text, ForeignKey("persons.person_id"))
    left_name: Mapped[str] = mapped_column(Text)
    right_name: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)


class MatchWeight(Base):
    __tablename__ = "match_weights"
    __table_args__ = {
        "comment": "The identity model the build learnt from the records (Fellegi–Sunter, "
        "trained with Splink): for each comparison of two records and each of its levels, how "
        "often true pairs (m) and random pairs (u) reach it. The same model is saved as "
        "identity_model.json beside the database.",
        "info": {"sources": ["rada"], "facets": ["comparison"]},
    }
    weight_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comparison: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(Text)
    m_probability: Mapped[float | None] = mapped_column(Float)
    u_probability: Mapped[float | None] = mapped_column(Float)
    bayes_factor: Mapped[float | None] = mapped_column(Float)
    term_frequency: Mapped[int] = mapped_column(Integer)


class Party(Base):
    __tablename__ = "parties"
    __table_args__ = {
        "comment": "Political parties, one row per party whatever spelling a source uses.",
        "info": {
            "natural_key": ["party_id"],
            "sources": ["rada"],
            "label_column": "name",
            "fts": ["name", "name_search"],
        },
    }
    party_id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_key: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    rada_party_code: Mapped[str | None] = mapped_column(Text)
    edrpou_code: Mapped[str | None] = mapped_column(Text)
    name_search: Mapped[str] = mapped_column(Text, nullable=False)


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = {
        "comment": "Bodies people belong to: the parliament of each convocation, its "
        "factions, deputy groups, committees, subcommittees, commissions and delegations.",
        "info": {
            "natural_key": ["organization_id"],
            "sources": ["rada"],
            "facets": ["organization_type"],
            "label_column": "name",
        },
    }
    organization_id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    organization_type: Mapped[str] = mapped_column(Text, nullable=False)
    convocation: Mapped[int | None] = mapped_column(Integer)
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))


class Membership(SourceRow, Base):
    __tablename__ = "memberships"
    __table_args__ = (
        Index("ix_memberships_person", "person_id"),
        Index("ix_memberships_party", "party_id"),
        Index("ix_memberships_organization", "organization_id"),
        {
            "comment": "Who belonged to what and when: MP mandates (with district or list "
            "place), party memberships, and posts in factions, committees and delegations, "
            "each with its source. Posts come from the Rada's current list, which gives no "
            "dates: their start and end are empty.",
            "info": {
                "natural_key": [
                    "source",
                    "source_record_id",
                    "role",
                    "organization_id",
                    "party_id",
                ],
                "sources": ["rada"],
                "facets": ["role", "organization_id", "party_id"],
            },
        },
    )
    membership_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(Text, ForeignKey("persons.person_id"), nullable=False)
    role: Mapped[str] = mapped_column(Text, nullable=False)
    role_title: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = mapped_column(
        Text, ForeignKey("organizations.organization_id")
    )
    party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    start_date: Mapped[str | None] = mapped_column(Text)
    end_date: Mapped[str | None] = mapped_column(Text)
    end_reason: Mapped[str | None] = mapped_column(Text)
    district_number: Mapped[int | None] = mapped_column(Integer)
    list_party_id: Mapped[str | None] = mapped_column(Text, ForeignKey("parties.party_id"))
    list_position: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(Text)


class IngestRun(Base):
    __tablename__ = "ingest_runs"
    __table_args__ = {
        "comment": "Every crawl run of every source and its outcome; is_published marks the "
        "run this database was built from.",
        "info": {"sources": [], "facets": ["source", "status"]},
    }
    source: Mapped[str] = mapped_column(Text, primary_key=True)
    run_id: Mapped[str] = mapped_column(Text, primary_key=True)
    mode: Mapped[str] = mapped_column(Text)
    started_at: Mapped[str] = mapped_column(Text)
    finished_at: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    records: Mapped[int] = mapped_column(Integer)
    failures: Mapped[str | None] = mapped_column(Text)
    is_published: Mapped[bool] = mapped_column(Integer)


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_record", "table_name", "record_key"),
        Index("ix_changes_person", "person_id", "detected_at"),
        Index("ix_changes_party", "party_id", "detected_at"),
        # A record moved from one person to another: found by the person it left.
        Index(
            "ix_changes_moved_from",
            "old_value",
            sqlite_where=text("field = 'person_id'"),
        ),
        {
            "comment": "The history of every published fact: each nightly build records the rows "
            "added, removed (with their last values) and the fields changed (old and new value).",
            "info": {"sources": [], "facets": ["table_name", "change_type", "source", "field"]},
        },
    )
    change_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(Text, nullable=False)
    record_key: Mapped[str] = mapped_column(Text, nullable=False)
    change_type: Mapped[str] = mapped_column(Text, nullable=False)
    field: Mapped[str | None] = mapped_column(Text)
    old_value: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    new_value: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    source: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[str | None] = mapped_column(Text)
    detected_at: Mapped[str] = mapped_column(Text)
    person_id: Mapped[str | None] = mapped_column(Text)
    party_id: Mapped[str | None] = mapped_column(Text)


class Build(Base):
    __tablename__ = "builds"
    __table_args__ = {
        "comment": "Every build that published a database, carried from build to build: the "
        "history of changes covers the time from the first one on.",
        "info": {"sources": []},
    }
    build_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    built_at: Mapped[str] = mapped_column(Text, nullable=False)
    changes_count: Mapped[int] = mapped_column(Integer)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        # Her page's latest events (by when they happened), and her feed's (by when learned).
        Index("ix_events_person", "person_id", "happened_date"),
        Index("ix_events_person_learned", "person_id", "learned_at", "happened_date"),
        Index("ix_events_party", "party_id", "learned_at", "happened_date"),
        Index("ix_events_organization", "organization_id", "happened_date"),
        Index("ix_events_learned", "learned_at"),
        {
            "comment": "What happened to each person and party, an event a row, as their feeds "
            "show it: a new declaration, a changed fact, a seat, faction or party joined or "
            "left, a candidacy and its result, a donation from the threshold in "
            "etl/publish/events.yml, news that mention her, a vote against her faction's "
            "majority. The id names the record, so it stays the same across rebuilds.",
            "info": {"sources": [], "facets": ["event_type", "table_name", "source"]},
        },
    )
    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    event_type: Mapped[str] = mapped_column(Text, nullable=False)
    person_id: Mapped[str | None] = mapped_column(Text)
    party_id: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[str | None] = mapped_column(Text)
    happened_date: Mapped[str | None] = mapped_column(Text)
    learned_at: Mapped[str] = mapped_column(Text, nullable=False)
    about: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    field: Mapped[str | None] = mapped_column(Text)
    old_value: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    new_value: Mapped[str | None] = mapped_column(Text, info=FREE_TEXT)
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    previous_amount_minor: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    votes: Mapped[int | None] = mapped_column(Integer)
    is_elected: Mapped[bool | None] = mapped_column(Integer)
    table_name: Mapped[str | None] = mapped_column(Text)
    record_key: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)


class DataIssue(Base):
    __tablename__ = "data_issues"
    __table_args__ = (
        Index("ix_data_issues_source", "source", "run_id"),
        {
            "comment": "Problems found in the source data: what was odd, where, and what we did "
            "(kept, repaired or skipped). Nothing is dropped silently.",
            "info": {"sources": [], "facets": ["source", "stage", "field"]},
        },
    )
    issue_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    run_id: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text, nullable=False, info=FREE_TEXT)
    value: Mapped[str | None] = mapped_column(Text)


# Tables read across sources are declared beside the code that makes them, as a source's are.
CROSS_SOURCE = ["etl.trails"]


def _register_sources_tables() -> None:
    """A source's own tables live in its folder (scrapers/<name>/schema.py); importing the
    module registers them. Found through the registry, so this module names no source."""
    for name in sources.names():
        if (sources.SCRAPERS_DIR / name / "schema.py").is_file():
            importlib.import_module(f"scrapers.{name}.schema")
    for package in CROSS_SOURCE:
        importlib.import_module(f"{package}.schema")


_register_sources_tables()

TABLES = Base.metadata.sorted_tables
TABLES_BY_NAME = {table.name: table for table in TABLES}
__all__ = ["FTS_TOKENIZER", "TABLES", "TABLES_BY_NAME", "Base"]
