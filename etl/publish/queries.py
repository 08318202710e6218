"""Canned queries: the common questions, answerable in the portal without writing SQL."""

QUERIES = {
    "mp_votes": {
        "title": "How did an MP vote? / Як голосував депутат",
        "description": "Every roll call of an MP found by name (any part of it).",
        "sql": """
            SELECT e.event_date, e.title, e.bill_number, v.option,
                   o.name AS faction, e.page_url
            FROM votes v
            JOIN vote_events e USING (vote_event_id)
            JOIN persons p USING (person_id)
            LEFT JOIN organizations o ON o.organization_id = v.organization_id
            WHERE e.event_type = 'vote' AND p.full_name LIKE '%' || :name || '%'
            ORDER BY e.voted_at DESC
        """,
    },
    "attendance": {
        "title": "MPs by attendance / Відвідуваність засідань",
        "description": "Share of registrations and roll calls each MP attended, lowest first.",
        "sql": """
            SELECT full_name, registrations, registration_attendance, roll_calls,
                   vote_attendance, absent
            FROM mp_vote_summary
            ORDER BY registration_attendance, vote_attendance, full_name
        """,
    },
    "least_loyal": {
        "title": "MPs who vote against their faction / Хто голосує всупереч фракції",
        "description": "Party-line loyalty, lowest first: the share of roll calls in which the "
        "MP chose what most of her faction chose.",
        "sql": """
            SELECT l.full_name, o.name AS faction, l.roll_calls, l.with_majority, l.loyalty
            FROM mp_faction_loyalty l JOIN organizations o USING (organization_id)
            ORDER BY l.loyalty, l.roll_calls DESC
        """,
    },
    "faction_switchers": {
        "title": "MPs who changed faction / Хто змінював фракцію",
        "description": "MPs who sat in more than one faction or group (or none) in the roll "
        "calls, with the dates each was seen.",
        "sql": """
            SELECT h.full_name, COALESCE(o.name, 'позафракційні') AS faction,
                   h.first_seen_date, h.last_seen_date, h.roll_calls
            FROM mp_faction_history h
            LEFT JOIN organizations o USING (organization_id)
            WHERE h.person_id IN (SELECT person_id FROM mp_faction_history
                                  GROUP BY person_id HAVING COUNT(*) > 1)
            ORDER BY h.full_name, h.first_seen_date
        """,
    },
    "body_members": {
        "title": "Members of a faction or committee / Склад фракції чи комітету",
        "description": "Everyone with a post in a body found by name (any part of it).",
        "sql": """
            SELECT o.name AS body, o.organization_type, p.full_name, m.role
            FROM memberships m
            JOIN organizations o USING (organization_id)
            JOIN persons p USING (person_id)
            WHERE o.name LIKE '%' || :body || '%'
            ORDER BY o.name, m.role, p.full_name
        """,
    },
}
