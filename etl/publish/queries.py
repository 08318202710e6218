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
    "district_candidates": {
        "title": "Candidates of a district / Кандидати в окрузі",
        "description": "Everyone who stood in a 2019 single-member district, with who "
        "nominated them, their declared job and party, and their result.",
        "sql": """
            SELECT c.full_name, c.nominated_by, c.occupation, c.workplace,
                   c.party_membership, c.votes, c.vote_share, c.is_elected,
                   c.cancelled_date, c.person_id
            FROM candidacies c
            WHERE c.election_id = 'vnd2019' AND c.district_number = :district
            ORDER BY c.votes DESC, c.full_name
        """,
    },
    "self_nominated_winners": {
        "title": "Self-nominated winners / Самовисуванці-переможці",
        "description": "District winners of 2019 who stood without a party, and the faction "
        "they then sat in.",
        "sql": """
            SELECT c.district_number, c.full_name, c.votes, c.vote_share,
                   c.party_membership AS declared_party,
                   (SELECT o.name FROM votes v JOIN organizations o USING (organization_id)
                    WHERE v.person_id = c.person_id
                    GROUP BY o.name ORDER BY COUNT(*) DESC LIMIT 1) AS faction
            FROM candidacies c
            WHERE c.election_id = 'vnd2019' AND c.is_elected = 1 AND c.is_self_nominated = 1
            ORDER BY c.district_number
        """,
    },
    "party_changers": {
        "title": "Candidates who changed party between elections / Хто змінив партію",
        "description": "People who stood in 2019 and were elected to a council in 2020 for a "
        "different nominating party (self-nomination counts as none).",
        "sql": """
            SELECT p.full_name, a.district_number AS district_2019,
                   a.nominated_by AS nominated_2019, b.nominated_by AS nominated_2020,
                   b.council AS council_2020, p.person_id
            FROM candidacies a
            JOIN candidacies b ON b.person_id = a.person_id AND b.election_id = 'vm2020'
            JOIN persons p ON p.person_id = a.person_id
            WHERE a.election_id = 'vnd2019'
              AND COALESCE(a.nominating_party_id, '') != COALESCE(b.nominating_party_id, '')
            ORDER BY p.full_name
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
