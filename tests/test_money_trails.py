"""Money trails on small hand-made tables: each rule's flag against sums computed here, each
"not computable" with its reason, relatives asked until judged, bundles, the party's split and
its lineage. The real rows are checked in test_money_trails_demo.py."""

import sqlite3
from decimal import Decimal

import pandas as pd
import pytest

from etl.identity.judgements import DIFFERENT, SAME, Judgement
from etl.trails import finish, relatives, rules
from pamyat.core import reference
from pamyat.portal.person import RELATIVES
from scrapers.nazk_party_reports import limits

WAGE_2021 = int(
    reference.minimum_wages().set_index("year").loc[2021, "minimum_wage_uah"]
)  # UAH of 1 January 2021


def _donation(n, donor, party, amount_uah, day="2021-03-01", kind="donation_person", **extra):
    return {
        "donation_id": f"d{n}",
        "report_id": "r1",
        "party_id": party,
        "unit_code": "1",
        "fund": "party",
        "receipt_class": kind,
        "donor_id": donor,
        "donor_name": donor,
        "donor_kind": "individual" if kind == "donation_person" else "legal_entity",
        "donation_date": day,
        "year": int(day[:4]),
        "amount_minor": amount_uah * 100 if amount_uah is not None else None,
        "refund_minor": None,
        "repeats_donation_id": None,
        "source": "nazk_party_reports",
        **extra,
    }


def _tables(donations, donors, declarations=(), income=(), family=(), candidacies=()):
    donations = pd.DataFrame(donations)
    tables = {
        "donations": donations,
        "donors": pd.DataFrame(donors),
        "declarations": pd.DataFrame(
            declarations,
            columns=[
                "document_id",
                "person_id",
                "user_declarant_id",
                "declaration_type_code",
                "declaration_year",
                "submitted_at",
                "workplace",
            ],
        ),
        "declared_income": pd.DataFrame(
            income, columns=["document_id", "amount_minor", "amount_status", "currency_code"]
        ),
        "declaration_family_members": pd.DataFrame(
            family, columns=["document_id", "family_member_id", "relation", "full_name", "region"]
        ),
        "persons": pd.DataFrame(
            {"person_id": ["p1", "p2", "p3"], "full_name": ["Політик Один", "Два", "Три"]}
        ),
        "candidacies": pd.DataFrame(
            candidacies,
            columns=[
                "person_id",
                "election_id",
                "nominating_party_id",
                "nominated_by",
                "is_elected",
            ],
        ),
        "elections": pd.DataFrame({"election_id": ["vm2020"], "election_date": ["2020-10-25"]}),
        "memberships": pd.DataFrame(
            columns=[
                "person_id",
                "organization_id",
                "party_id",
                "list_party_id",
                "role",
                "start_date",
            ]
        ),
        "organizations": pd.DataFrame(
            columns=["organization_id", "organization_type", "party_id", "name"]
        ),
        "parties": pd.DataFrame(
            {
                "party_id": ["a", "b"],
                "name": ["Партія А", "Партія Б"],
                "rada_party_code": [None, None],
            }
        ),
        "party_names": pd.DataFrame(
            columns=["party_id", "name", "source", "first_year", "last_year"]
        ),
        "donor_party_years": limits.donor_party_years(donations),
        "donor_red_flags": pd.DataFrame(columns=["flag_id", "flag_code", "donor_id"]),
        "match_review": pd.DataFrame(columns=["review_id", "left_record", "right_record"]),
    }
    return tables


def _donor(donor_id, person=None, name=None, region="Вінницька область"):
    return {
        "donor_id": donor_id,
        "person_id": person,
        "name": name or donor_id,
        "donor_kind": "individual",
        "region": region,
        "source": "nazk_party_reports",
    }


def _annual(doc, person, year=2021, workplace=None, kind=1):
    return (doc, person, 1, kind, year, f"{year + 1}-03-01T10:00:00+02:00", workplace)


def _flags(tables, code):
    flags = tables["donor_red_flags"]
    return flags[flags["flag_code"] == code]


def _check(tables, person, year=2021) -> dict:
    checks = tables["donor_income_checks"]
    return checks[(checks["person_id"] == person) & (checks["year"] == year)].iloc[0].to_dict()


def test_donations_above_the_share_of_declared_income_are_flagged_with_the_rule():
    # 60 000 given against 100 000 declared (declarant 70 000, family 30 000): a share of 0.6.
    tables = _tables(
        [_donation(1, "x", "a", 40_000), _donation(2, "x", "b", 20_000)],
        [_donor("x", "p1")],
        [_annual("doc1", "p1")],
        [("doc1", 7_000_000, None, "UAH"), ("doc1", 3_000_000, None, "UAH")],
    )
    finish.finish(tables, [])
    check = _check(tables, "p1")
    assert (check["donated_minor"], check["income_minor"]) == (6_000_000, 10_000_000)
    assert Decimal(check["income_share"]) == Decimal(60_000) / Decimal(100_000)
    assert check["check_status"] == "flagged"
    flag = _flags(tables, "donations_above_income").iloc[0]
    threshold = rules.rule("donations_above_income")["threshold"]
    assert flag["rule"].startswith("A donor linked to a declarant")
    assert flag["threshold_value"] == f"{threshold} × 100 000.00"
    assert flag["measured_value"] == "60 000.00 (0.6000)"
    assert flag["person_id"] == "p1" and pd.isna(flag["party_id"])


def test_within_the_share_no_flag():
    tables = _tables(
        [_donation(1, "x", "a", 40_000)],
        [_donor("x", "p1")],
        [_annual("doc1", "p1")],
        [("doc1", 10_000_000, None, "UAH")],
    )
    finish.finish(tables, [])
    assert _check(tables, "p1")["check_status"] == "within the rules"
    assert _flags(tables, "donations_above_income").empty


@pytest.mark.parametrize(
    ("income", "declarations", "donation", "code"),
    [
        ([("doc1", None, "confidential", "UAH")], [_annual("doc1", "p1")], 1000, "hidden_income"),
        ([], [_annual("doc1", "p1", year=2020)], 1000, "no_declaration"),
        ([], [_annual("doc1", "p1", kind=2)], 1000, "no_declaration"),  # before dismissal
        ([("doc1", 10_000, None, "GBP")], [_annual("doc1", "p1")], 1000, "no_rate"),
        ([("doc1", 10_000_000, None, "UAH")], [_annual("doc1", "p1")], None, "no_amount"),
    ],
)
def test_what_cannot_be_decided_is_not_computable_and_never_flagged(
    income, declarations, donation, code
):
    tables = _tables([_donation(1, "x", "a", donation)], [_donor("x", "p1")], declarations, income)
    finish.finish(tables, [])
    check = _check(tables, "p1")
    assert (check["check_status"], check["check_reason_code"]) == ("not computable", code)
    assert check["check_reason"]
    assert tables["donor_red_flags"].empty


def test_foreign_income_is_converted_at_the_rate_of_the_year_s_last_day():
    tables = _tables(
        [_donation(1, "x", "a", 30_000)],
        [_donor("x", "p1")],
        [_annual("doc1", "p1")],
        [("doc1", 100_000, None, "USD")],  # 1 000 USD
    )
    tables["exchange_rates"] = pd.DataFrame(
        {"currency_code": ["USD"], "rate_date": ["2021-12-31"], "uah_per_unit": ["27.2782"]}
    )
    finish.finish(tables, [])
    check = _check(tables, "p1")
    assert check["income_minor"] == int(Decimal(100_000) * Decimal("27.2782"))
    assert check["check_status"] == "flagged"  # 30 000 of 27 278.20


def test_a_candidate_s_declaration_stands_in_for_a_missing_annual_one():
    tables = _tables(
        [_donation(1, "x", "a", 1_000)],
        [_donor("x", "p1")],
        [_annual("doc4", "p1", kind=4)],
        [("doc4", 10_000_000, None, "UAH")],
    )
    finish.finish(tables, [])
    assert _check(tables, "p1")["document_id"] == "doc4"


def test_a_large_sum_in_a_year_of_no_income_is_flagged_a_small_one_is_not():
    least = rules.rule("donations_without_income")["threshold"]
    big, small = least * WAGE_2021 + 1, least * WAGE_2021
    tables = _tables(
        [_donation(1, "x", "a", big), _donation(2, "y", "a", small)],
        [_donor("x", "p1"), _donor("y", "p2")],
        [_annual("doc1", "p1"), _annual("doc2", "p2")],
    )
    finish.finish(tables, [])
    flagged = _flags(tables, "donations_without_income")
    assert list(flagged["donor_id"]) == ["x"]
    assert _check(tables, "p2")["check_status"] == "within the rules"


def test_a_donor_linked_to_no_declaration_is_not_checked():
    tables = _tables([_donation(1, "x", "a", 1_000_000)], [_donor("x", None)])
    finish.finish(tables, [])
    assert tables["donor_income_checks"].empty


def test_politicians_funding_their_own_party_and_the_party_s_split():
    tables = _tables(
        [
            _donation(1, "x", "a", 5_000),  # p1, nominated by a: own
            _donation(2, "x", "b", 7_000),  # p1 to another party: a person like any
            _donation(3, "y", "a", 2_000),  # a person with no tie
            _donation(4, "c", "a", 9_000, kind="donation_company"),
            _donation(5, "st", "a", 50_000, kind="state_funding"),
            _donation(6, "u", "a", 1_000, kind="intra_party"),  # no new money
        ],
        [_donor("x", "p1"), _donor("y", None), _donor("c"), _donor("st"), _donor("u")],
        candidacies=[("p1", "vm2020", "a", "Партія А", 1)],
    )
    finish.finish(tables, [])
    own = tables["own_party_donations"]
    assert own[["person_id", "party_id", "year", "net_minor"]].values.tolist() == [
        ["p1", "a", 2021, 500_000]
    ]
    assert own["ties"].iloc[0] == "elected, nominated"
    split = tables["party_money_sources"]
    mine = split[split["party_id"] == "a"]
    got = dict(zip(mine["money_source"], mine["received_minor"], strict=True))
    assert got == {
        "own_politicians": 500_000,
        "persons": 200_000,
        "companies": 900_000,
        "state_funding": 5_000_000,
    }
    assert split[split["party_id"] == "b"]["money_source"].tolist() == ["persons"]


def test_many_donors_giving_one_amount_on_one_day_make_a_bundle():
    rule = rules.rule("same_amount_same_day")
    amount = rule["minimum_wages"] * WAGE_2021
    many = [_donation(n, f"x{n}", "a", amount, "2021-06-02") for n in range(rule["threshold"])]
    fewer = [
        _donation(10 + n, f"y{n}", "b", amount, "2021-06-02") for n in range(rule["threshold"] - 1)
    ]
    small = [_donation(20 + n, f"z{n}", "a", amount - 1, "2021-06-03") for n in range(9)]
    donations = many + fewer + small
    donors = [_donor(d["donor_id"]) for d in donations]
    tables = _tables(donations, donors)
    finish.finish(tables, [])
    bundles = tables["donation_bundles"]
    assert bundles[
        ["party_id", "donation_date", "donors_count", "total_minor"]
    ].values.tolist() == [["a", "2021-06-02", rule["threshold"], rule["threshold"] * amount * 100]]
    members = tables["donation_bundle_members"]
    assert sorted(members["donor_id"]) == sorted(d["donor_id"] for d in many)
    assert sorted(_flags(tables, "same_amount_same_day")["donor_id"]) == sorted(members["donor_id"])


def test_donors_declaring_one_employer_make_a_bundle_the_party_s_own_do_not_count():
    rule = rules.rule("shared_employer")
    people = [f"p{n}" for n in range(1, rule["threshold"] + 1)]
    donations = [_donation(n, f"x{n}", "a", 1_000 + n) for n in range(len(people))]
    donors = [_donor(f"x{n}", person) for n, person in enumerate(people)]
    declarations = [
        _annual(f"doc{n}", person, year=2020, workplace='ТОВ "Ромашка"')
        for n, person in enumerate(people)
    ]
    tables = _tables(donations, donors, declarations)
    finish.finish(tables, [])
    bundle = tables["donation_bundles"].iloc[0]
    assert (bundle["bundle_kind"], bundle["donors_count"]) == ("shared_employer", len(people))
    assert bundle["employer"] == 'ТОВ "Ромашка"'
    # One of them nominated by the party: the group falls below the threshold.
    tables = _tables(
        donations, donors, declarations, candidacies=[("p1", "vm2020", "a", "Партія А", 0)]
    )
    finish.finish(tables, [])
    assert tables["donation_bundles"].empty


FAMILY = [("doc1", "77", "дружина", "Коваль Олена Петрівна", "Вінницька область")]


def _relative_tables(donor_region="Вінницька область"):
    return _tables(
        [_donation(1, "x", "a", 1_000)],
        [_donor("x", None, "КОВАЛЬ ОЛЕНА ПЕТРІВНА", donor_region)],
        [_annual("doc1", "p1")],
        family=FAMILY,
    )


def test_a_donor_named_as_a_declared_relative_is_asked_never_linked():
    tables = _relative_tables()
    finish.finish(tables, [])
    asked = tables["match_review"]
    asked = asked[asked["question"] == "relative"].iloc[0]
    assert asked["left_record"] == "nazk_party_reports:x"
    assert asked["right_record"] == relatives.family_record(1, "77")
    assert asked["right_person_id"] == "p1"
    assert "дружина" in asked["evidence"] and "region same" in asked["evidence"]
    assert tables["donor_relatives"].empty


def test_a_donor_of_another_region_is_not_proposed():
    tables = _relative_tables("Львівська область")
    finish.finish(tables, [])
    assert "relative" not in set(tables["match_review"].get("question", []))


@pytest.mark.parametrize(("verdict", "linked"), [(SAME, 1), (DIFFERENT, 0)])
def test_a_judgement_settles_a_possible_relative(verdict, linked):
    tables = _relative_tables()
    judged = Judgement(
        "nazk_party_reports:x", relatives.family_record(1, "77"), verdict, "editor", "2026-12-02"
    )
    finish.finish(tables, [judged])
    assert "relative" not in set(tables["match_review"]["question"])
    found = tables["donor_relatives"]
    assert len(found) == linked
    if linked:
        assert found.iloc[0][["donor_id", "person_id", "relation", "judged_by"]].tolist() == [
            "x",
            "p1",
            "дружина",
            "editor",
        ]


def test_lineage_counts_the_donors_a_party_kept_through_a_renaming():
    donations = [
        _donation(1, "x", "a", 100, "2019-05-01"),
        _donation(2, "y", "a", 100, "2019-05-01"),
        _donation(3, "x", "a", 100, "2021-05-01"),
        _donation(4, "z", "a", 100, "2021-05-01"),
    ]
    tables = _tables(donations, [_donor(d) for d in "xyz"])
    tables["donation_party_names"] = pd.DataFrame(
        {"donation_id": ["d1", "d2", "d3", "d4"], "party_name": ["Стара", "Стара", "Нова", "Нова"]}
    )
    finish.finish(tables, [])
    lineage = tables["party_lineage"].set_index("name")
    assert lineage.loc["Стара", ["first_year", "donors_count"]].tolist() == [2019, 2]
    assert lineage.loc[
        "Нова", ["donors_count", "shared_donors_count", "previous_name"]
    ].tolist() == [2, 1, "Стара"]


def test_a_donor_in_two_bundles_of_a_party_in_a_year_has_one_flag_naming_both():
    rule = rules.rule("same_amount_same_day")
    amount = rule["minimum_wages"] * WAGE_2021
    donors = [f"x{n}" for n in range(rule["threshold"])]
    donations = [
        _donation(f"{day}{n}", donor, "a", amount, f"2021-06-0{day}")
        for day in (2, 3)
        for n, donor in enumerate(donors)
    ]
    tables = _tables(donations, [_donor(d) for d in donors])
    finish.finish(tables, [])
    assert len(tables["donation_bundles"]) == 2
    flags = _flags(tables, "same_amount_same_day")
    assert sorted(flags["donor_id"]) == sorted(donors)
    assert all(value.count("bundle-") == 2 for value in flags["measured_value"])


def test_the_person_page_query_lists_judged_and_possible_relatives():
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE donors (donor_id, name, source);
        CREATE TABLE donor_party_years (donor_id, net_minor);
        CREATE TABLE donor_relatives (donor_id, person_id, relation, family_member_name,
                                      evidence, judged_by, judged_at);
        CREATE TABLE match_review (left_record, right_person_id, right_name, evidence,
                                   question);
        INSERT INTO donors VALUES ('dj', 'ДРУЖИНА', 'nazk_party_reports'),
                                  ('dp', 'МОЖЛИВО', 'chesno_party_reports');
        INSERT INTO donor_party_years VALUES ('dj', 100), ('dj', 50), ('dp', 7);
        INSERT INTO donor_relatives
            VALUES ('dj', 'p1', 'дружина', 'Дружина', 'e1', 'editor', '2026-12-02');
        INSERT INTO match_review VALUES
            ('chesno_party_reports:dp', 'p1', 'Можливо', 'e2', 'relative'),
            ('rada:1', 'p1', 'y', 'e3', 'same person');
        """
    )
    conn.row_factory = sqlite3.Row
    found = [dict(r) for r in conn.execute(RELATIVES, {"id": "p1"})]
    assert sorted((r["donor_id"], r["status"], r["net_minor"]) for r in found) == [
        ("dj", "judged", 150),
        ("dp", "possible", 7),
    ]
