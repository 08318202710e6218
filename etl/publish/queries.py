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
    "mps_by_declared_cash": {
        "title": "MPs by declared cash / Депутати за готівкою в деклараціях",
        "description": "Cash in hand declared by MPs (all owners: the MP and her family), per "
        "declaration year and currency, most first. Amounts in the currency's units; "
        "hidden_amounts > 0 means the register hides some amounts, so the sum is a lower bound.",
        "sql": """
            SELECT p.full_name, t.declaration_year, t.currency_code,
                   printf('%.2f', t.cash_minor / 100.0) AS cash,
                   printf('%.2f', t.money_minor / 100.0) AS all_money,
                   t.hidden_amounts, d.document_type, d.document_url
            FROM declaration_year_totals t
            JOIN persons p USING (person_id)
            JOIN declarations d USING (document_id)
            WHERE t.cash_minor > 0
              AND t.person_id IN (SELECT person_id FROM person_sources WHERE source = 'rada')
            ORDER BY t.currency_code = 'UAH' DESC, t.cash_minor DESC
        """,
    },
    "declared_money_jumps": {
        "title": "Biggest year-over-year jumps in declared money / Найбільші зміни статків",
        "description": "Change of declared money (cash and accounts, all owners) from one "
        "declared year to the next, per currency, biggest first; the income declared for the "
        "later year beside it.",
        "sql": """
            SELECT d.declarant_name, t.person_id, t.currency_code, t.previous_year,
                   t.declaration_year,
                   printf('%.2f', t.previous_money_minor / 100.0) AS money_before,
                   printf('%.2f', t.money_minor / 100.0) AS money_after,
                   printf('%.2f', t.money_change_minor / 100.0) AS change,
                   printf('%.2f', i.income_minor / 100.0) AS income_uah, d.document_url
            FROM declaration_year_totals t
            JOIN declarations d USING (document_id)
            LEFT JOIN declaration_year_totals i
                   ON i.document_id = t.document_id AND i.currency_code = 'UAH'
            WHERE t.money_change_minor IS NOT NULL
            ORDER BY abs(t.money_change_minor) DESC
        """,
    },
    "person_declarations": {
        "title": "A person's declarations / Декларації особи",
        "description": "Every declaration and change notice of a declarant found by name (any "
        "part of it), with the year's declared income and hryvnia money.",
        "sql": """
            SELECT d.declaration_year, d.document_type, d.declarant_name, d.position,
                   d.workplace, d.submitted_date,
                   printf('%.2f', t.income_minor / 100.0) AS income_uah,
                   printf('%.2f', t.money_minor / 100.0) AS money_uah,
                   d.person_id, d.document_url
            FROM declarations d
            LEFT JOIN declaration_year_totals t
                   ON t.document_id = d.document_id AND t.currency_code = 'UAH'
            WHERE d.declarant_name LIKE '%' || :name || '%'
            ORDER BY d.declaration_year DESC, d.submitted_date DESC
        """,
    },
    "person_news": {
        "title": "News about a person / Новини про особу",
        "description": "News items that name a person found by any part of her name (Cyrillic "
        "or Latin), newest first, with the words found and the rule that linked them "
        "(confidence 0-1). Headlines link to the articles.",
        "sql": """
            SELECT i.published_at, o.name AS outlet, i.title, i.url, m.matched_text,
                   m.confidence, m.reason, p.full_name, p.person_id, i.item_id
            FROM mentions m
            JOIN persons p USING (person_id)
            JOIN media_items i USING (item_id)
            JOIN media_outlets o USING (outlet_code)
            WHERE p.name_search LIKE '%' || :name || '%'
            ORDER BY i.published_at DESC
        """,
    },
    "declaration_red_flags": {
        "title": "Declarations red flags / Червоні прапорці декларацій",
        "description": "Every red flag with its rule and threshold: a prompt to look closer, not "
        "an accusation.",
        "sql": """
            SELECT d.declarant_name, f.declaration_year, f.title, f.measured_value,
                   f.threshold_value, f.rule, f.person_id, d.document_url
            FROM red_flags f JOIN declarations d USING (document_id)
            ORDER BY f.declaration_year DESC, d.declarant_name
        """,
    },
    "party_top_donors": {
        "title": "Top donors of a party in a year / Найбільші донори партії за рік",
        "description": "Who gave a party (found by any part of its name) the most in a year, "
        "all its branches together, net of refunds; transfers between the party's own units, "
        "state funding and repeated rows left out.",
        "sql": """
            SELECT d.name AS donor, d.donor_kind, d.edrpou_code, d.region, pa.name AS party,
                   y.fund,
                   printf('%.2f', y.net_minor / 100.0) AS net_uah, y.donations_count,
                   y.is_above_limit, d.person_id, d.donor_id
            FROM donor_party_years y
            JOIN donors d USING (donor_id)
            JOIN parties pa USING (party_id)
            WHERE pa.name LIKE '%' || :party || '%' AND y.year = CAST(:year AS INTEGER)
            ORDER BY y.net_minor DESC
            LIMIT 100
        """,
    },
    "donors_above_limit": {
        "title": "Donors above the legal limit / Донори понад законний ліміт",
        "description": "Donors who gave one party more in a year than the law allows: 400 "
        "minimum wages of 1 January for a person, 800 for a legal entity (net of refunds).",
        "sql": """
            SELECT y.year, d.name AS donor, d.donor_kind, pa.name AS party, y.fund,
                   printf('%.2f', y.net_minor / 100.0) AS net_uah,
                   printf('%.2f', y.limit_minor / 100.0) AS limit_uah,
                   y.limit_minimum_wages || ' × ' || y.minimum_wage_uah AS limit_rule,
                   d.person_id, d.donor_id
            FROM donor_party_years y
            JOIN donors d USING (donor_id)
            LEFT JOIN parties pa USING (party_id)
            WHERE y.is_above_limit = 1
            ORDER BY y.year DESC, y.net_minor DESC
        """,
    },
    "donors_several_parties": {
        "title": "Donors to several parties / Донори кількох партій",
        "description": "Donors who gave to two or more different parties in the same year.",
        "sql": """
            SELECT y.year, d.name AS donor, d.donor_kind, d.region,
                   COUNT(DISTINCT y.party_id) AS parties,
                   GROUP_CONCAT(pa.name || ': ' || printf('%.2f', y.net_minor / 100.0), '; ')
                       AS given_uah,
                   d.person_id, d.donor_id
            FROM donor_party_years y
            JOIN donors d USING (donor_id)
            LEFT JOIN parties pa USING (party_id)
            WHERE y.net_minor > 0
            GROUP BY y.year, y.donor_id
            HAVING COUNT(DISTINCT y.party_id) >= 2
            ORDER BY y.year DESC, parties DESC, d.name
        """,
    },
    "politicians_who_donated": {
        "title": "Politicians who donated / Політики-донори",
        "description": "Donors linked to a portal person (an MP, a candidate or a declarant) "
        "by the identity engine, with what they gave each party and year.",
        "sql": """
            SELECT p.full_name, y.year, pa.name AS party, y.fund,
                   printf('%.2f', y.net_minor / 100.0) AS net_uah, y.donations_count,
                   s.match_score, p.person_id, d.donor_id
            FROM donors d
            JOIN persons p USING (person_id)
            JOIN donor_party_years y USING (donor_id)
            LEFT JOIN parties pa ON pa.party_id = y.party_id
            LEFT JOIN person_sources s
                   ON s.person_id = d.person_id AND s.source_record_id = d.donor_id
            ORDER BY y.year DESC, y.net_minor DESC
        """,
    },
    "party_quarterly_finance": {
        "title": "A party's income and spending by quarter / Доходи й витрати партії",
        "description": "Money in (donations by kind, state funding) and out (spending) of a "
        "party found by any part of its name, by year and quarter (5 = annual report, empty = "
        "election fund). Repeated rows and transfers between its own units are left out.",
        "sql": """
            WITH flows AS (
                SELECT party_id, year, quarter, fund, donation_kind AS kind,
                       amount_minor AS income_minor, 0 AS spent_minor
                FROM donations
                WHERE repeats_donation_id IS NULL AND intra_party_kind IS NULL
                UNION ALL
                SELECT party_id, year, quarter, funding, 'spending', 0, amount_minor
                FROM party_expenditures
            )
            SELECT pa.name AS party, f.year, f.quarter, f.fund, f.kind,
                   printf('%.2f', SUM(f.income_minor) / 100.0) AS income_uah,
                   printf('%.2f', SUM(f.spent_minor) / 100.0) AS spent_uah,
                   COUNT(*) AS rows
            FROM flows f JOIN parties pa USING (party_id)
            WHERE pa.name LIKE '%' || :party || '%'
            GROUP BY pa.name, f.year, f.quarter, f.fund, f.kind
            ORDER BY f.year DESC, f.quarter DESC, f.kind
        """,
    },
}
