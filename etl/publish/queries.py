"""Canned queries: the common questions, answerable in the portal without writing SQL."""

QUERIES = {
    "mp_votes": {
        "title": "How did an MP vote? / Як голосував депутат",
        "description": "Every roll call of an MP found by name (any part of it).",
        "sql": """
            SELECT e.event_date AS "Дата", e.title AS "Питання", e.bill_number AS "Законопроєкт",
                   v.option AS "Голос", o.name AS "Фракція", p.full_name AS "Депутат",
                   e.page_url AS "Сторінка Ради"
            FROM votes v
            JOIN vote_events e USING (vote_event_id)
            JOIN persons p USING (person_id)
            LEFT JOIN organizations o ON o.organization_id = v.organization_id
            WHERE e.event_type = 'vote'
              AND v.person_id IN (
                  SELECT person_id FROM mp_vote_summary
                  WHERE pamyat_fold(full_name) LIKE '%' || pamyat_fold(:name) || '%')
            ORDER BY e.voted_at DESC
        """,
    },
    "attendance": {
        "title": "MPs by attendance / Відвідуваність засідань",
        "description": "Share of registrations and roll calls each MP attended, lowest first.",
        "sql": """
            SELECT full_name AS "Депутат", registrations AS "Реєстрацій",
                   registration_attendance AS "Частка реєстрацій",
                   roll_calls AS "Голосувань", vote_attendance AS "Частка голосувань",
                   absent AS "Відсутня"
            FROM mp_vote_summary
            ORDER BY registration_attendance, vote_attendance, full_name
        """,
    },
    "least_loyal": {
        "title": "MPs who vote against their faction / Хто голосує всупереч фракції",
        "description": "Party-line loyalty, lowest first: the share of roll calls in which the "
        "MP chose what most of her faction chose.",
        "sql": """
            SELECT l.full_name AS "Депутат", o.name AS "Фракція", l.roll_calls AS "Голосувань",
                   l.with_majority AS "Як більшість фракції", l.loyalty AS "Лояльність"
            FROM mp_faction_loyalty l JOIN organizations o USING (organization_id)
            ORDER BY l.loyalty, l.roll_calls DESC
        """,
    },
    "faction_switchers": {
        "title": "MPs who changed faction / Хто змінював фракцію",
        "description": "MPs who sat in more than one faction or group (or none) in the roll "
        "calls, with the dates each was seen.",
        "sql": """
            SELECT h.full_name AS "Депутат", COALESCE(o.name, 'позафракційні') AS "Фракція",
                   h.first_seen_date AS "Уперше", h.last_seen_date AS "Востаннє",
                   h.roll_calls AS "Голосувань"
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
            SELECT c.full_name AS "Кандидат", c.nominated_by AS "Висування",
                   c.occupation AS "Посада", c.workplace AS "Місце роботи",
                   c.party_membership AS "Партійність", c.votes AS "Голосів",
                   c.vote_share AS "Частка, %", c.is_elected AS "Обрано",
                   c.cancelled_date AS "Реєстрацію скасовано", c.person_id AS "person_id"
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
            SELECT c.district_number AS "Округ", c.full_name AS "Переможець",
                   c.votes AS "Голосів", c.vote_share AS "Частка, %",
                   c.party_membership AS "Партійність",
                   (SELECT o.name FROM votes v JOIN organizations o USING (organization_id)
                    WHERE v.person_id = c.person_id
                    GROUP BY o.name ORDER BY COUNT(*) DESC LIMIT 1) AS "Фракція"
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
            SELECT p.full_name AS "Особа", a.district_number AS "Округ 2019",
                   a.nominated_by AS "Висування 2019", b.nominated_by AS "Висування 2020",
                   b.council AS "Рада 2020", p.person_id AS "person_id"
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
            SELECT o.name AS "Орган", o.organization_type AS "Вид органу",
                   p.full_name AS "Особа", m.role AS "Посада"
            FROM memberships m
            JOIN organizations o USING (organization_id)
            JOIN persons p USING (person_id)
            WHERE pamyat_fold(o.name) LIKE '%' || pamyat_fold(:body) || '%'
            ORDER BY o.name, m.role, p.full_name
        """,
    },
    "mps_by_declared_cash": {
        "title": "MPs by declared cash / Депутати за готівкою в деклараціях",
        "description": "Cash in hand declared by MPs (all owners: the MP and her family) per "
        "declaration, all currencies converted to hryvnias at the National Bank's official "
        "rate on 31 December of the year, most first; each currency as declared beside it. "
        "hidden_amounts > 0 means the register hides some amounts, so the sum is a lower bound.",
        "sql": """
            SELECT p.full_name AS "Депутат", t.declaration_year AS "Рік",
                   printf('%.2f', SUM(t.cash_uah_minor) / 100.0) AS "Готівка, грн за курсом НБУ",
                   GROUP_CONCAT(t.currency_code || ' ' || printf('%.2f', t.cash_minor / 100.0)
                                || CASE WHEN t.currency_code = 'UAH' THEN ''
                                        ELSE COALESCE(' × ' || t.uah_per_unit, ' (курсу немає)')
                                   END, '; ')
                       AS "Готівка у валютах",
                   MAX(t.rate_date) AS "Дата курсу", SUM(t.hidden_amounts) AS "Прихованих сум",
                   d.document_type AS "Вид", d.document_url AS "Декларація"
            FROM declaration_year_totals t
            JOIN persons p USING (person_id)
            JOIN declarations d USING (document_id)
            WHERE t.cash_minor > 0
              AND t.person_id IN (SELECT person_id FROM person_sources WHERE source = 'rada')
            GROUP BY t.document_id
            ORDER BY SUM(t.cash_uah_minor) DESC
        """,
    },
    "declared_money_jumps": {
        "title": "Biggest year-over-year jumps in declared money / Найбільші зміни статків",
        "description": "Change of declared money (cash and accounts, all owners) from one "
        "declared year to the next, per currency, biggest first in hryvnias at the National "
        "Bank's rate of the later year's 31 December; the income declared for the later year "
        "beside it (a currency without a rate held comes last, unconverted).",
        "sql": """
            SELECT d.declarant_name AS "Декларант", t.person_id AS "person_id",
                   t.currency_code AS "Валюта", t.previous_year AS "З року",
                   t.declaration_year AS "До року",
                   printf('%.2f', t.previous_money_minor / 100.0) AS "Було, у валюті",
                   printf('%.2f', t.money_minor / 100.0) AS "Стало, у валюті",
                   printf('%.2f', t.money_change_minor / 100.0) AS "Зміна, у валюті",
                   printf('%.2f', t.money_change_minor / 100.0 * CASE t.currency_code
                          WHEN 'UAH' THEN 1 ELSE CAST(t.uah_per_unit AS REAL) END)
                       AS "Зміна, грн за курсом НБУ",
                   printf('%.2f', i.income_minor / 100.0) AS "Доходи, грн",
                   d.document_url AS "Декларація"
            FROM declaration_year_totals t
            JOIN declarations d USING (document_id)
            LEFT JOIN declaration_year_totals i
                   ON i.document_id = t.document_id AND i.currency_code = 'UAH'
            WHERE t.money_change_minor IS NOT NULL
            ORDER BY abs(t.money_change_minor * CASE t.currency_code
                         WHEN 'UAH' THEN 1 ELSE CAST(t.uah_per_unit AS REAL) END) DESC NULLS LAST
        """,
    },
    "person_declarations": {
        "title": "A person's declarations / Декларації особи",
        "description": "Every declaration and change notice of a declarant found by name (any "
        "part of it), with the year's declared income and hryvnia money.",
        "sql": """
            SELECT d.declaration_year AS "Рік", d.document_type AS "Вид",
                   d.declarant_name AS "Декларант", d.position AS "Посада",
                   d.workplace AS "Місце роботи", d.submitted_date AS "Подано",
                   printf('%.2f', t.income_minor / 100.0) AS "Доходи, грн",
                   printf('%.2f', t.money_minor / 100.0) AS "Грошові активи, грн",
                   d.person_id AS "person_id", d.document_url AS "Декларація"
            FROM declarations d
            LEFT JOIN declaration_year_totals t
                   ON t.document_id = d.document_id AND t.currency_code = 'UAH'
            WHERE pamyat_fold(d.declarant_name) LIKE '%' || pamyat_fold(:name) || '%'
            ORDER BY d.declaration_year DESC, d.submitted_date DESC
        """,
    },
    "person_news": {
        "title": "News about a person / Новини про особу",
        "description": "News items that name a person found by any part of her name (Cyrillic "
        "or Latin), newest first, with the words found and the rule that linked them "
        "(confidence 0-1). Headlines link to the articles.",
        "sql": """
            SELECT i.published_at AS "Опубліковано", o.name AS "Видання",
                   i.title AS "Заголовок", i.url AS "Посилання", m.matched_text AS "Знайдені слова",
                   m.confidence AS "Упевненість", m.reason AS "Правило",
                   p.full_name AS "Особа", p.person_id AS "person_id", i.item_id AS "item_id"
            FROM mentions m
            JOIN persons p USING (person_id)
            JOIN media_items i USING (item_id)
            JOIN media_outlets o USING (outlet_code)
            WHERE pamyat_fold(p.name_search) LIKE '%' || pamyat_fold(:name) || '%'
            ORDER BY i.published_at DESC
        """,
    },
    "declaration_red_flags": {
        "title": "Declarations red flags / Червоні прапорці декларацій",
        "description": "Every red flag with its rule and threshold: a prompt to look closer, not "
        "an accusation.",
        "sql": """
            SELECT d.declarant_name AS "Декларант", f.declaration_year AS "Рік",
                   f.title AS "Прапорець", f.measured_value AS "Виміряно",
                   f.threshold_value AS "Поріг", f.rule AS "Правило", f.person_id AS "person_id",
                   d.document_url AS "Декларація"
            FROM red_flags f JOIN declarations d USING (document_id)
            ORDER BY f.declaration_year DESC, d.declarant_name
        """,
    },
    "party_top_donors": {
        "title": "Top donors of a party in a year / Найбільші донори партії за рік",
        "description": "Who gave a party (found by any part of its name, whatever the case) "
        "the most in a year, all its branches together, net of refunds: donations by persons "
        "and companies only (donations.receipt_class, as on the party's page); transfers "
        "between the party's own units, state funding, refunds and repeated rows left out.",
        "sql": """
            SELECT d.name AS "Донор", d.donor_kind AS "Тип донора", d.edrpou_code AS "ЄДРПОУ",
                   d.region AS "Регіон", pa.name AS "Партія", y.fund AS "Рахунок",
                   printf('%.2f', y.net_minor / 100.0) AS "Сума, грн",
                   y.donations_count AS "Внесків", y.is_above_limit AS "Понад ліміт",
                   d.person_id AS "person_id", d.donor_id AS "donor_id"
            FROM donor_party_years y
            JOIN donors d USING (donor_id)
            JOIN parties pa USING (party_id)
            WHERE pamyat_fold(pa.name) LIKE '%' || pamyat_fold(:party) || '%'
              AND y.year = CAST(:year AS INTEGER)
            ORDER BY y.net_minor DESC
            LIMIT 100
        """,
    },
    "donors_above_limit": {
        "title": "Donors above the legal limit / Донори понад законний ліміт",
        "description": "Donors who gave one party more in a year than the law allows: 400 "
        "minimum wages of 1 January for a person, 800 for a legal entity (net of refunds).",
        "sql": """
            SELECT y.year AS "Рік", d.name AS "Донор", d.donor_kind AS "Тип донора",
                   pa.name AS "Партія", y.fund AS "Рахунок",
                   printf('%.2f', y.net_minor / 100.0) AS "Сума, грн",
                   printf('%.2f', y.limit_minor / 100.0) AS "Ліміт, грн",
                   y.limit_minimum_wages || ' × ' || y.minimum_wage_uah
                       AS "Ліміт: мін. зарплат × грн",
                   d.person_id AS "person_id", d.donor_id AS "donor_id"
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
            SELECT y.year AS "Рік", d.name AS "Донор", d.donor_kind AS "Тип донора",
                   d.region AS "Регіон", COUNT(DISTINCT y.party_id) AS "Партій",
                   GROUP_CONCAT(pa.name || ': ' || printf('%.2f', y.net_minor / 100.0), '; ')
                       AS "Дав, грн",
                   d.person_id AS "person_id", d.donor_id AS "donor_id"
            FROM donor_party_years y
            JOIN donors d USING (donor_id)
            LEFT JOIN parties pa USING (party_id)
            WHERE y.net_minor > 0
            GROUP BY y.year, y.donor_id
            HAVING COUNT(DISTINCT y.party_id) >= 2
            ORDER BY y.year DESC, COUNT(DISTINCT y.party_id) DESC, d.name
        """,
    },
    "politicians_who_donated": {
        "title": "Politicians who donated / Політики-донори",
        "description": "Donors linked to a portal person (an MP, a candidate or a declarant) "
        "by the identity engine, with what they gave each party and year.",
        "sql": """
            SELECT p.full_name AS "Особа", y.year AS "Рік", pa.name AS "Партія",
                   y.fund AS "Рахунок", printf('%.2f', y.net_minor / 100.0) AS "Сума, грн",
                   y.donations_count AS "Внесків", s.match_score AS "Імовірність зв'язку",
                   p.person_id AS "person_id", d.donor_id AS "donor_id"
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
        "description": "Money in, by what each receipt is (donations by persons and by "
        "companies, transfers between the party's own units, state funding, refunds: "
        "donations.receipt_class, as on the party's page), and money out (spending, by "
        "funding) of a party found by any part of its name, by year and quarter (5 = annual "
        "report, empty = election fund). Repeated rows are left out.",
        "sql": """
            WITH flows AS (
                SELECT party_id, year, quarter, fund, receipt_class AS kind,
                       amount_minor - COALESCE(refund_minor, 0) AS income_minor,
                       0 AS spent_minor
                FROM donations
                WHERE repeats_donation_id IS NULL
                UNION ALL
                SELECT party_id, year, quarter, funding, 'spending', 0, amount_minor
                FROM party_expenditures
            )
            SELECT pa.name AS "Партія", f.year AS "Рік", f.quarter AS "Квартал",
                   f.fund AS "Рахунок", f.kind AS "Що це",
                   printf('%.2f', SUM(f.income_minor) / 100.0) AS "Надійшло, грн",
                   printf('%.2f', SUM(f.spent_minor) / 100.0) AS "Витрачено, грн",
                   COUNT(*) AS "Рядків"
            FROM flows f JOIN parties pa USING (party_id)
            WHERE pamyat_fold(pa.name) LIKE '%' || pamyat_fold(:party) || '%'
            GROUP BY pa.name, f.year, f.quarter, f.fund, f.kind
            ORDER BY f.year DESC, f.quarter DESC, f.kind
        """,
    },
    "own_party_funders": {
        "title": "Politicians who fund their own party / Політики, що фінансують власну партію",
        "description": "Candidates, MPs and councillors who gave a party they are tied to (it "
        "nominated them, listed them, seated them in its faction, or counts them as members), "
        "per year, net of refunds; found by any part of the party's name (empty: every party).",
        "sql": """
            SELECT pa.name AS "Партія", o.year AS "Рік", p.full_name AS "Особа",
                   printf('%.2f', o.net_minor / 100.0) AS "Сума, грн",
                   o.donations_count AS "Внесків", o.ties AS "Зв'язок з партією",
                   o.person_id AS "person_id"
            FROM own_party_donations o
            JOIN persons p USING (person_id)
            JOIN parties pa USING (party_id)
            WHERE pamyat_fold(pa.name) LIKE '%' || pamyat_fold(:party) || '%'
            ORDER BY o.year DESC, o.net_minor DESC
        """,
    },
    "party_money_sources": {
        "title": "Where a party's money comes from / Звідки гроші партії",
        "description": "A party's receipts by year and kind (its own candidates and MPs, other "
        "persons, companies, state funding), net of refunds, each payment once, with each "
        "kind's share of the year; the party found by any part of its name.",
        "sql": """
            SELECT pa.name AS "Партія", m.year AS "Рік", m.money_source AS "Звідки",
                   printf('%.2f', m.received_minor / 100.0) AS "Сума, грн",
                   printf('%.1f', 100.0 * m.received_minor / SUM(m.received_minor)
                       OVER (PARTITION BY m.party_id, m.year)) AS "Частка року, %",
                   m.donations_count AS "Внесків", m.donors_count AS "Донорів"
            FROM party_money_sources m JOIN parties pa USING (party_id)
            WHERE pamyat_fold(pa.name) LIKE '%' || pamyat_fold(:party) || '%'
            ORDER BY pa.name, m.year DESC, m.received_minor DESC
        """,
    },
    "donations_against_income": {
        "title": "Donors who gave more than they declared earning / Донори, що дали більше, "
        "ніж задекларували доходу",
        "description": "Donors linked to a declarant whose donations in a year exceed the "
        "rule's share of the income they and their family declared, or who gave a large sum "
        "in a year of no declared income: each with the rule and its threshold. A check that "
        "could not be made (no declaration, hidden income) is in donor_income_checks with "
        "its reason.",
        "sql": """
            SELECT f.year AS "Рік", d.name AS "Донор", f.title AS "Прапорець",
                   f.measured_value AS "Виміряно", f.threshold_value AS "Поріг",
                   f.rule AS "Правило", f.person_id AS "person_id", f.donor_id AS "donor_id"
            FROM donor_red_flags f JOIN donors d USING (donor_id)
            WHERE f.flag_code IN ('donations_above_income', 'donations_without_income')
            ORDER BY f.year DESC, d.name
        """,
    },
    "donor_bundles": {
        "title": "Bundles of donors / Групи донорів",
        "description": "Many donors of one party who gave the same amount on the same day, or "
        "persons who declared the same employer and gave one party in the same year: each "
        "group with its donors and what each gave (the rules: donor_red_flags).",
        "sql": """
            SELECT pa.name AS "Партія", b.year AS "Рік", b.bundle_kind AS "Ознака",
                   b.donation_date AS "Дата", printf('%.2f', b.amount_minor / 100.0)
                       AS "Сума кожного, грн",
                   b.employer AS "Місце роботи", b.donors_count AS "Донорів",
                   printf('%.2f', b.total_minor / 100.0) AS "Разом, грн",
                   GROUP_CONCAT(d.name, '; ') AS "Донори", b.bundle_id AS "bundle_id"
            FROM donation_bundles b
            JOIN parties pa USING (party_id)
            JOIN donation_bundle_members m USING (bundle_id)
            JOIN donors d ON d.donor_id = m.donor_id
            GROUP BY b.bundle_id
            ORDER BY b.total_minor DESC
        """,
    },
    "relatives_as_donors": {
        "title": "Politicians' relatives among donors / Родичі політиків серед донорів",
        "description": "Donors named as a family member in a politician's declaration: judged "
        "ones (donor_relatives) and possible ones still in the review queue, with the "
        "evidence. A possible relative is not established until a person judges it.",
        "sql": """
            SELECT 'judged' AS "Стан", p.full_name AS "Політик", r.relation AS "Родич",
                   d.name AS "Донор", r.evidence AS "Докази", r.person_id AS "person_id",
                   r.donor_id AS "donor_id"
            FROM donor_relatives r
            JOIN donors d USING (donor_id) JOIN persons p USING (person_id)
            UNION ALL
            SELECT 'possible', p.full_name, NULL, q.left_name, q.evidence,
                   q.right_person_id, SUBSTR(q.left_record, INSTR(q.left_record, ':') + 1)
            FROM match_review q JOIN persons p ON p.person_id = q.right_person_id
            WHERE q.question = 'relative'
        """,
    },
}
