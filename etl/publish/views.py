"""Published views: the figures a citizen asks about, computed in SQL from the tables, so they
always agree with the rows they summarise. Each view is declared with its description and its
columns, whose descriptions are their fields' (fields.yml), like the tables in schema.py."""

from dataclasses import dataclass

VOTING_OPTIONS = "('for', 'against', 'abstain', 'not voting')"


@dataclass(frozen=True)
class View:
    name: str
    description: str
    # Its columns, by field name (fields.yml describes each).
    columns: tuple[str, ...]
    sql: str
    facets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ("rada",)
    # Set for a view too costly to compute per request: it is published as a table with this
    # index (the database is immutable, so the table agrees with its rows as the view would).
    materialized_index: tuple[str, ...] = ()


VIEWS = [
    View(
        "mp_vote_summary",
        "Per MP: how she voted in the roll calls held, and how often she was there "
        "(attendance = share of roll calls or registrations at which she was not absent).",
        (
            "person_id",
            "full_name",
            "roll_calls",
            "voted_for",
            "voted_against",
            "abstained",
            "did_not_vote",
            "absent",
            "vote_attendance",
            "registrations",
            "registration_attendance",
        ),
        """
        SELECT v.person_id, p.full_name,
          SUM(e.event_type = 'vote') AS roll_calls,
          SUM(e.event_type = 'vote' AND v.option = 'for') AS voted_for,
          SUM(e.event_type = 'vote' AND v.option = 'against') AS voted_against,
          SUM(e.event_type = 'vote' AND v.option = 'abstain') AS abstained,
          SUM(e.event_type = 'vote' AND v.option = 'not voting') AS did_not_vote,
          SUM(e.event_type = 'vote' AND v.option = 'absent') AS absent,
          ROUND(1.0 * SUM(e.event_type = 'vote' AND v.option != 'absent')
                / NULLIF(SUM(e.event_type = 'vote'), 0), 4) AS vote_attendance,
          SUM(e.event_type = 'registration') AS registrations,
          ROUND(1.0 * SUM(e.event_type = 'registration' AND v.option = 'present')
                / NULLIF(SUM(e.event_type = 'registration'), 0), 4) AS registration_attendance
        FROM votes v JOIN vote_events e USING (vote_event_id) JOIN persons p USING (person_id)
        GROUP BY v.person_id
        """,
    ),
    View(
        "faction_majorities",
        "For each roll call and faction: the option most of its voting members chose (ties "
        "broken by the order for, against, abstain, not voting), and how many chose it.",
        (
            "vote_event_id",
            "organization_id",
            "majority_option",
            "majority_size",
            "members_voting",
        ),
        f"""
        SELECT vote_event_id, organization_id, option AS majority_option, n AS majority_size,
               members_voting
        FROM (
          SELECT v.vote_event_id, v.organization_id, v.option, COUNT(*) AS n,
                 SUM(COUNT(*)) OVER (PARTITION BY v.vote_event_id, v.organization_id)
                   AS members_voting,
                 ROW_NUMBER() OVER (PARTITION BY v.vote_event_id, v.organization_id
                   ORDER BY COUNT(*) DESC,
                   CASE v.option WHEN 'for' THEN 1 WHEN 'against' THEN 2 WHEN 'abstain' THEN 3
                   ELSE 4 END) AS rank
          FROM votes v JOIN vote_events e USING (vote_event_id)
          WHERE e.event_type = 'vote' AND v.organization_id IS NOT NULL
            AND v.option IN {VOTING_OPTIONS}
          GROUP BY v.vote_event_id, v.organization_id, v.option
        ) WHERE rank = 1
        """,
        materialized_index=("vote_event_id", "organization_id"),
    ),
    View(
        "mp_faction_loyalty",
        "Party-line loyalty: per MP and faction, the share of roll calls (where she was "
        "present) in which she chose what most of her faction chose.",
        (
            "person_id",
            "full_name",
            "organization_id",
            "roll_calls",
            "with_majority",
            "loyalty",
        ),
        f"""
        SELECT v.person_id, p.full_name, v.organization_id, COUNT(*) AS roll_calls,
               SUM(v.option = m.majority_option) AS with_majority,
               ROUND(1.0 * SUM(v.option = m.majority_option) / COUNT(*), 4) AS loyalty
        FROM votes v
        JOIN faction_majorities m USING (vote_event_id, organization_id)
        JOIN persons p USING (person_id)
        WHERE v.option IN {VOTING_OPTIONS}
        GROUP BY v.person_id, v.organization_id
        """,
        facets=("organization_id",),
    ),
    View(
        "mp_faction_history",
        "Which faction each MP sat in, by roll calls over time: more than one row for an MP "
        "means she switched (or her faction was formed during the convocation).",
        (
            "person_id",
            "full_name",
            "faction_code",
            "organization_id",
            "first_seen_date",
            "last_seen_date",
            "roll_calls",
        ),
        """
        SELECT v.person_id, p.full_name, v.faction_code, v.organization_id,
               MIN(e.event_date) AS first_seen_date, MAX(e.event_date) AS last_seen_date,
               COUNT(*) AS roll_calls
        FROM votes v JOIN vote_events e USING (vote_event_id) JOIN persons p USING (person_id)
        WHERE v.faction_code IS NOT NULL
        GROUP BY v.person_id, v.faction_code, v.organization_id
        """,
        facets=("organization_id",),
    ),
]
