"""The published schema, declared once. Tables, indexes, full-text indexes and the descriptions in
metadata.yml all follow from these models.

Conventions (after PUDL): `_id` keys, `_date` ISO 8601 dates, `_url` links, `_code` official
codes, `is_` booleans. Every table and column has a description (`comment`): the metadata
generator refuses one without. `info` carries what Datasette needs: the sources a table comes
from, its full-text columns, facets and the column that labels a row.
"""

from sqlalchemy import Float, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped

from etl.publish.schema_base import FREE_TEXT, FTS_TOKENIZER, Base, SourceRow, column


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = {
        "comment": "One row per person, whichever sources mention her: MPs, candidates, "
        "declarants. The person_id stays the same across nightly rebuilds.",
        "info": {
            "sources": ["rada"],
            "fts": ["full_name", "full_name_latin", "name_search"],
            "facets": ["gender"],
            "label_column": "full_name",
        },
    }
    person_id: Mapped[str] = column(Text, "Stable Pamyat id of the person", primary_key=True)
    full_name: Mapped[str] = column(
        Text, "Full name in Ukrainian: surname, given name, patronymic", nullable=False
    )
    last_name: Mapped[str] = column(Text, "Surname")
    first_name: Mapped[str] = column(Text, "Given name")
    patronymic: Mapped[str | None] = column(Text, "Patronymic (empty when the source has none)")
    full_name_latin: Mapped[str] = column(
        Text, "Full name in the official Latin transliteration (KMU 2010), as in a passport"
    )
    name_search: Mapped[str] = column(
        Text,
        "Other spellings for search: without apostrophes and in older Latin systems "
        "(Serhiy, Sergii, Zelenskiy)",
    )
    birth_date: Mapped[str | None] = column(
        Text, "Date of birth (ISO 8601); published for public officials only"
    )
    gender: Mapped[str | None] = column(Text, "female or male, as the source states it")
    photo_url: Mapped[str | None] = column(Text, "Official photo")


EVIDENCE = (
    "The evidence of the match, strongest first: each comparison, how the records compare on "
    "it and its Bayes factor (×10: ten times likelier one person; ×0.01: a hundred times "
    "likelier two); for a name that agrees, how rare it is among the records (1 in N)"
)


class PersonSource(Base):
    __tablename__ = "person_sources"
    __table_args__ = (
        Index("ix_person_sources_person", "person_id"),
        {
            "comment": "Every source record that was linked to a person, with how it was linked: "
            "the way to check any fact back to its origin.",
            "info": {"sources": ["rada"], "facets": ["source", "match_method"]},
        },
    )
    source: Mapped[str] = column(Text, "Source of the record", primary_key=True)
    source_record_id: Mapped[str] = column(
        Text,
        "The record's id in its source (for the Rada, the id column of the MPs file)",
        primary_key=True,
    )
    person_id: Mapped[str] = column(
        Text, "The person the record belongs to", ForeignKey("persons.person_id"), nullable=False
    )
    source_url: Mapped[str] = column(Text, "Address of the source document holding the record")
    page_url: Mapped[str | None] = column(Text, "Human-readable page of the record at the source")
    match_method: Mapped[str] = column(
        Text,
        "How the record was linked: 'source id' when the "
        "source's own id decides, else the matching rule",
    )
    match_score: Mapped[float | None] = column(
        Float,
        "Probability that the record is this person's, from the identity model, 0 to 1 (empty "
        "when an id or a judgement decided)",
    )
    match_evidence: Mapped[str | None] = column(Text, EVIDENCE)
    run_id: Mapped[str] = column(Text, "Crawl run that brought the record")


class PersonRedirect(Base):
    __tablename__ = "person_redirects"
    __table_args__ = {
        "comment": "Person ids retired when records were merged into another person: follow "
        "the redirect, so an old link to a person keeps working.",
        "info": {"sources": ["rada"]},
    }
    retired_person_id: Mapped[str] = column(Text, "The id no longer in use", primary_key=True)
    person_id: Mapped[str] = column(
        Text, "The person it now belongs to", ForeignKey("persons.person_id"), nullable=False
    )


class MatchReview(Base):
    __tablename__ = "match_review"
    __table_args__ = {
        "comment": "Pairs of records the identity engine could not decide, with their "
        "evidence: people settle them with `pamyat review`, and their judgements always win.",
        "info": {"sources": ["rada"], "facets": ["status"]},
    }
    review_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    left_record: Mapped[str] = column(Text, "One record, as source:record id", nullable=False)
    right_record: Mapped[str] = column(Text, "The other record", nullable=False)
    left_person_id: Mapped[str | None] = column(
        Text,
        "Person the left record belongs to now (empty: a record of no person yet, e.g. a donor)",
        ForeignKey("persons.person_id"),
    )
    right_person_id: Mapped[str | None] = column(
        Text,
        "Person the right record belongs to now (empty likewise)",
        ForeignKey("persons.person_id"),
    )
    left_name: Mapped[str] = column(Text, "Name in the left record")
    right_name: Mapped[str] = column(Text, "Name in the right record")
    score: Mapped[float] = column(Float, "Engine's estimate that they are one person, 0 to 1")
    evidence: Mapped[str] = column(Text, EVIDENCE)
    status: Mapped[str] = column(
        Text,
        "uncertain (between the thresholds), or why a link "
        "was refused (e.g. two different Rada ids)",
    )


class MatchWeight(Base):
    __tablename__ = "match_weights"
    __table_args__ = {
        "comment": "The identity model the build learnt from the records (Fellegi–Sunter, "
        "trained with Splink): for each comparison of two records and each of its levels, how "
        "often true pairs (m) and random pairs (u) reach it. The same model is saved as "
        "identity_model.json beside the database.",
        "info": {"sources": ["rada"], "facets": ["comparison"]},
    }
    weight_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    comparison: Mapped[str] = column(Text, "What is compared (surname, birth date, oblast, ...)")
    level: Mapped[str] = column(Text, "How the two records compare on it")
    m_probability: Mapped[float | None] = column(
        Float, "Share of pairs that are one person reaching this level"
    )
    u_probability: Mapped[float | None] = column(
        Float, "Share of random pairs (two people) reaching this level"
    )
    bayes_factor: Mapped[float | None] = column(
        Float,
        "m / u: how many times likelier a pair at this level is one person (below 1: two)",
    )
    term_frequency: Mapped[int] = column(
        Integer,
        "1 when the factor is adjusted by the value's frequency: a rare surname that agrees "
        "counts for more than a common one",
    )


class Party(Base):
    __tablename__ = "parties"
    __table_args__ = {
        "comment": "Political parties, one row per party whatever spelling a source uses.",
        "info": {"sources": ["rada"], "label_column": "name", "fts": ["name", "name_search"]},
    }
    party_id: Mapped[str] = column(
        Text, "Stable Pamyat id of the party (from its name key)", primary_key=True
    )
    name: Mapped[str] = column(Text, "Party name as the source writes it", nullable=False)
    name_key: Mapped[str] = column(
        Text,
        "Normalised name used to recognise the party across sources",
        nullable=False,
        unique=True,
    )
    rada_party_code: Mapped[str | None] = column(Text, "The party's id in the Rada's open data")
    edrpou_code: Mapped[str | None] = column(
        Text, "The party's EDRPOU code (its central office), from the NAZK register"
    )
    name_search: Mapped[str] = column(
        Text, "The name in Latin (every transliteration) for search", nullable=False
    )


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = {
        "comment": "Bodies people belong to: the parliament of each convocation, its "
        "factions, deputy groups, committees, subcommittees, commissions and delegations.",
        "info": {"sources": ["rada"], "facets": ["organization_type"], "label_column": "name"},
    }
    organization_id: Mapped[str] = column(
        Text, "Stable Pamyat id of the organisation", primary_key=True
    )
    name: Mapped[str] = column(Text, "Name in Ukrainian", nullable=False)
    organization_type: Mapped[str] = column(
        Text, "parliament, faction, group or committee", nullable=False
    )
    convocation: Mapped[int | None] = column(Integer, "Convocation of the Verkhovna Rada")
    party_id: Mapped[str | None] = column(
        Text, "For a faction: its party", ForeignKey("parties.party_id")
    )


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
            "info": {"sources": ["rada"], "facets": ["role", "organization_id", "party_id"]},
        },
    )
    membership_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    person_id: Mapped[str] = column(
        Text, "The member", ForeignKey("persons.person_id"), nullable=False
    )
    role: Mapped[str] = column(
        Text,
        "Role: 'народний депутат' (MP), 'член партії' (party member), or the post in a body "
        "as the Rada names it ('Член депутатської фракції', 'Голова Комітету ...')",
        nullable=False,
    )
    role_title: Mapped[str | None] = column(Text, "The post's full title, as the source gives it")
    organization_id: Mapped[str | None] = column(
        Text,
        "The body: the parliament, a faction, a committee ...",
        ForeignKey("organizations.organization_id"),
    )
    party_id: Mapped[str | None] = column(
        Text, "The party, for a party membership", ForeignKey("parties.party_id")
    )
    start_date: Mapped[str | None] = column(Text, "First day (ISO 8601), when known")
    end_date: Mapped[str | None] = column(Text, "Last day (ISO 8601); empty while it lasts")
    end_reason: Mapped[str | None] = column(Text, "Why it ended, as the source says")
    district_number: Mapped[int | None] = column(
        Integer, "Single-member district the MP was elected in (empty for list MPs)"
    )
    list_party_id: Mapped[str | None] = column(
        Text, "Party whose national list the MP was elected from", ForeignKey("parties.party_id")
    )
    list_position: Mapped[int | None] = column(Integer, "Place on that party list")
    region: Mapped[str | None] = column(Text, "Region of the district")


class VoteEvent(SourceRow, Base):
    __tablename__ = "vote_events"
    __table_args__ = (
        Index("ix_vote_events_date", "event_date"),
        {
            "comment": "Plenary roll calls of the Verkhovna Rada: votes (with their title, bill "
            "and result) and registrations of the MPs present.",
            "info": {
                "sources": ["rada"],
                "facets": ["event_type", "is_adopted"],
                "label_column": "title",
            },
        },
    )
    vote_event_id: Mapped[int] = column(
        Integer,
        "The Rada's id of the event (id_event, the g_id of its roll-call page)",
        primary_key=True,
    )
    event_type: Mapped[str] = column(Text, "vote, or registration", nullable=False)
    event_date: Mapped[str | None] = column(Text, "Day of the event (ISO 8601)")
    voted_at: Mapped[str | None] = column(Text, "Time of the vote, Kyiv time (ISO 8601)")
    title: Mapped[str | None] = column(Text, "What was voted on, as the Rada words it")
    bill_number: Mapped[str | None] = column(Text, "Number of the bill voted on")
    is_adopted: Mapped[bool | None] = column(Integer, "1 adopted, 0 rejected (votes only)")
    for_count: Mapped[int | None] = column(Integer, "MPs who voted for")
    against_count: Mapped[int | None] = column(Integer, "MPs who voted against")
    abstain_count: Mapped[int | None] = column(Integer, "MPs who abstained")
    not_voting_count: Mapped[int | None] = column(Integer, "MPs present who did not vote")
    present_count: Mapped[int | None] = column(Integer, "MPs registered as present")
    absent_count: Mapped[int | None] = column(Integer, "MPs absent")
    page_url: Mapped[str | None] = column(Text, "The roll-call page at the Rada")


class Vote(SourceRow, Base):
    __tablename__ = "votes"
    __table_args__ = (
        Index("ix_votes_event", "vote_event_id"),
        Index("ix_votes_person", "person_id"),
        {
            "comment": "How each MP voted (or registered) in each roll call, with the faction "
            "she sat in at the time.",
            "info": {"sources": ["rada"], "facets": ["option", "organization_id"]},
        },
    )
    vote_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    vote_event_id: Mapped[int] = column(
        Integer, "The roll call", ForeignKey("vote_events.vote_event_id"), nullable=False
    )
    person_id: Mapped[str] = column(Text, "The MP", ForeignKey("persons.person_id"), nullable=False)
    option: Mapped[str] = column(
        Text,
        "for, against, abstain, not voting, absent; present or absent for registrations",
        nullable=False,
    )
    faction_code: Mapped[str | None] = column(Text, "The Rada's faction code (id_faction)")
    organization_id: Mapped[str | None] = column(
        Text,
        "Her faction or group at the time (empty: non-affiliated)",
        ForeignKey("organizations.organization_id"),
    )


class Election(Base):
    __tablename__ = "elections"
    __table_args__ = {
        "comment": "Elections whose candidates and results the portal holds.",
        "info": {"sources": ["cec"], "label_column": "name", "facets": ["election_type"]},
    }
    election_id: Mapped[str] = column(
        Text, "Pamyat id of the election (the CEC's code)", primary_key=True
    )
    name: Mapped[str] = column(Text, "Name of the election, in Ukrainian", nullable=False)
    election_type: Mapped[str] = column(Text, "Kind of election")
    election_date: Mapped[str] = column(Text, "Voting day (ISO 8601)")
    source: Mapped[str] = column(Text, "Source of the row")
    source_url: Mapped[str | None] = column(Text, "The CEC's page of the election")


class Candidacy(SourceRow, Base):
    __tablename__ = "candidacies"
    __table_args__ = (
        Index("ix_candidacies_person", "person_id"),
        Index("ix_candidacies_district", "election_id", "district_number"),
        {
            "comment": "Candidates registered in an election, with the biography they declared "
            "to the CEC read into fields, and their result.",
            "info": {
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
    candidacy_id: Mapped[str] = column(Text, "Pamyat id of the candidacy", primary_key=True)
    election_id: Mapped[str] = column(
        Text, "The election", ForeignKey("elections.election_id"), nullable=False
    )
    person_id: Mapped[str] = column(
        Text, "The candidate", ForeignKey("persons.person_id"), nullable=False
    )
    district_number: Mapped[int | None] = column(Integer, "Single-member district")
    full_name: Mapped[str] = column(
        Text, "Name as registered (surname, given name, patronymic)", nullable=False
    )
    nominated_by: Mapped[str | None] = column(
        Text, "Who nominated her: a party, or 'Самовисування' (self-nomination)"
    )
    nominating_party_id: Mapped[str | None] = column(
        Text, "The nominating party", ForeignKey("parties.party_id")
    )
    is_self_nominated: Mapped[bool] = column(Integer, "1 when self-nominated")
    registered_date: Mapped[str | None] = column(Text, "Registered as candidate on (ISO 8601)")
    cancelled_date: Mapped[str | None] = column(Text, "Registration cancelled on (ISO 8601)")
    cancellation_reason: Mapped[str | None] = column(
        Text, "Why it was cancelled, as the CEC writes it", info=FREE_TEXT
    )
    birth_place: Mapped[str | None] = column(Text, "Place of birth, as declared", info=FREE_TEXT)
    education: Mapped[str | None] = column(Text, "Education level, as declared", info=FREE_TEXT)
    occupation: Mapped[str | None] = column(Text, "Job or position, as declared", info=FREE_TEXT)
    workplace: Mapped[str | None] = column(Text, "Workplace, as declared", info=FREE_TEXT)
    party_membership: Mapped[str | None] = column(
        Text, "Party she declared membership of", info=FREE_TEXT
    )
    is_party_member: Mapped[bool | None] = column(
        Integer, "1 party member, 0 non-partisan (безпартійний/безпартійна)"
    )
    residence: Mapped[str | None] = column(
        Text, "Place of residence (settlement), as declared", info=FREE_TEXT
    )
    has_criminal_record: Mapped[bool | None] = column(
        Integer, "1 when a criminal record is declared"
    )
    criminal_record: Mapped[str | None] = column(
        Text, "The declared criminal record, if any", info=FREE_TEXT
    )
    nomination: Mapped[str | None] = column(
        Text, "Nominating subject as the biography states", info=FREE_TEXT
    )
    votes: Mapped[int | None] = column(Integer, "Votes received")
    vote_share: Mapped[str | None] = column(Text, "Share of the votes, percent (exact decimal)")
    is_elected: Mapped[bool] = column(
        Integer,
        "1 when elected: for 2019 districts, the candidate with the most votes in the results",
    )
    cec_candidate_id: Mapped[str | None] = column(
        Text, "The CEC's id of the candidate (in its result page address)"
    )
    council: Mapped[str | None] = column(Text, "Local elections: the council")
    region: Mapped[str | None] = column(Text, "Local elections: the region of the council")
    council_district: Mapped[str | None] = column(
        Text,
        "Local elections: her territorial district in the party list ('Перший кандидат' "
        "heads the list)",
    )
    elected_in: Mapped[str | None] = column(
        Text,
        "Local elections: where she was elected ('ЄБВО' the single multi-member "
        "district, else the territorial district)",
    )
    quota_share: Mapped[str | None] = column(
        Text, "Local elections: her votes as a percent of the electoral quota (exact decimal)"
    )


class IngestRun(Base):
    __tablename__ = "ingest_runs"
    __table_args__ = {
        "comment": "Every crawl run of every source and its outcome; is_published marks the "
        "run this database was built from.",
        "info": {"sources": [], "facets": ["source", "status"]},
    }
    source: Mapped[str] = column(Text, "Source crawled", primary_key=True)
    run_id: Mapped[str] = column(Text, "Run id (UTC start time)", primary_key=True)
    mode: Mapped[str] = column(Text, "live (the real site) or mirror (recorded responses)")
    started_at: Mapped[str] = column(Text, "Start (UTC, ISO 8601)")
    finished_at: Mapped[str] = column(Text, "End (UTC, ISO 8601)")
    status: Mapped[str] = column(Text, "ok, or failed (then its data was not published)")
    records: Mapped[int] = column(Integer, "Records the run collected")
    failures: Mapped[str | None] = column(Text, "Why the run failed, one reason per line")
    is_published: Mapped[bool] = column(Integer, "1 for the run this database was built from")


class Change(Base):
    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_record", "table_name", "record_key"),
        {
            "comment": "The history of every published fact: each nightly build records the rows "
            "added, removed (with their last values) and the fields changed (old and new value).",
            "info": {"sources": [], "facets": ["table_name", "change_type", "source", "field"]},
        },
    )
    change_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    table_name: Mapped[str] = column(Text, "Table of the row", nullable=False)
    record_key: Mapped[str] = column(
        Text, "The row's natural key, its key columns joined by |", nullable=False
    )
    change_type: Mapped[str] = column(Text, "added, removed or changed", nullable=False)
    field: Mapped[str | None] = column(Text, "Column changed (changes only)")
    old_value: Mapped[str | None] = column(
        Text, "Value before; for a removed row, the whole row as JSON", info=FREE_TEXT
    )
    new_value: Mapped[str | None] = column(
        Text, "Value after; for an added row, the whole row as JSON", info=FREE_TEXT
    )
    source: Mapped[str | None] = column(Text, "Source of the row")
    run_id: Mapped[str | None] = column(Text, "Crawl run that brought the change")
    detected_at: Mapped[str] = column(Text, "Build that found it (UTC, ISO 8601)")


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
    issue_id: Mapped[int] = column(Integer, "Row number", primary_key=True)
    source: Mapped[str] = column(Text, "Source of the record", nullable=False)
    run_id: Mapped[str | None] = column(Text, "Crawl run in which it was found")
    stage: Mapped[str] = column(
        Text, "crawl (reading the response), normalize (cleaning) or link (to its person)"
    )
    source_url: Mapped[str | None] = column(Text, "Document in which it was found")
    record_id: Mapped[str | None] = column(Text, "Record concerned, if any")
    field: Mapped[str | None] = column(Text, "Field concerned, if any")
    problem: Mapped[str] = column(Text, "What is wrong", nullable=False, info=FREE_TEXT)
    value: Mapped[str | None] = column(Text, "The offending value (cut at 500 characters)")


# The NAZK declaration, media and party finance tables live in modules of their own; importing them
# registers them.
from etl.publish import schema_declarations, schema_media, schema_party_finance  # noqa: E402, F401

TABLES = Base.metadata.sorted_tables
TABLES_BY_NAME = {table.name: table for table in TABLES}
__all__ = ["FTS_TOKENIZER", "TABLES", "TABLES_BY_NAME", "Base"]
