"""Party finance read row by row: bad input in a real report becomes data issues naming the report
and the row while the rest is kept; donors resolved by the identity rules of the issue; red flags
dated by the years a donor gave. Fresh frames, no database."""

import pandas as pd
import pytest

from pamyat.core import reference, sources
from pamyat.core.issues import DataIssues
from scrapers.nazk_party_reports import donors, limits, mirror, reader, receipts

FOLDER = "nazk_party_reports"


@pytest.fixture(scope="module")
def money_rows(party_sheet) -> list[dict]:
    """The rows of the real report with the most money donations (Texty's table 5)."""
    rows = party_sheet("politdata_5_private_contributions.xlsx")
    busiest = pd.Series([r["report_id"] for r in rows]).value_counts().index[0]
    return [r for r in rows if r["report_id"] == busiest]


def raw(kind: str, record_id: str, fields: dict) -> dict:
    return {
        "source": "nazk_party_reports",
        "kind": kind,
        "source_record_id": record_id,
        "source_url": f"https://politdata.nazk.gov.ua/api/v2/x/{record_id}",
        "run_id": "t",
        "fields": fields,
    }


def register_records(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """A /parties record and the v2 report record holding `rows`, rendered as the mirror does."""
    first = rows[0]
    report_id, party = first["report_id"], first["party_main_EDRPOU"]
    payments = [
        mirror.payment(row, "monetary_contributions", report_id, n) for n, row in enumerate(rows)
    ]
    units = {row["legal_entity_edrpou"] for row in rows} - {party}
    parties = raw(
        "party",
        mirror.party_uuid(party),
        {
            "id": mirror.party_uuid(party),
            "code": party,
            "name": first["party_main_name"],
            "regional_offices": [{"id": mirror.party_uuid(u), "code": u} for u in sorted(units)],
        },
    )
    report = raw(
        "report",
        report_id,
        {
            "id": report_id,
            "year": int(first["report_year"]),
            "quarter": mirror.QUARTERS[first["report_period"]],
            "party_id": mirror.party_uuid(party),
            "payment_info": {"incoming": {"monetary_contributions": payments}},
        },
    )
    return [parties, report], payments


def test_bad_rows_are_data_issues_and_the_rest_of_the_report_is_kept(money_rows):
    records, payments = register_records(money_rows)
    report_id = records[1]["source_record_id"]
    payments[1]["payment_amount"] = "12,3.4x"
    payments[2]["payment_operation_date"] = "31.02.2021"
    payments[3]["payer_name"] = None
    payments[4]["receiver_code"] = "99999999"
    payments[5]["payer_secret_note"] = "new in v2"
    issues = DataIssues()
    tables = reader.normalize(records, issues)
    donations = tables["donations"]
    assert len(donations) == len(money_rows) > 6
    found = {(i["record_id"], i["field"]): i["problem"] for i in issues.rows}
    assert found == {
        (report_id, "monetary_contributions[2].payment_amount"): "unreadable amount",
        (report_id, "monetary_contributions[3].payment_operation_date"): "not a date",
        (report_id, "monetary_contributions[4].payer_name"): (
            "a row without a donor; kept without one"
        ),
        (report_id, "monetary_contributions[5].receiver_code"): (
            "unknown party code: not among /parties' units; the report's party is taken"
        ),
        (report_id, "monetary_contributions[6].payer_secret_note"): "unknown field; not read",
    }
    assert donations["amount_minor"].isna().tolist()[:3] == [False, True, False]
    assert pd.isna(donations.loc[2, "donation_date"])
    assert pd.isna(donations.loc[3, "donor_name"])
    assert donations.loc[4, "party_code"] == money_rows[0]["party_main_EDRPOU"]
    untouched = donations.drop(index=[1, 2, 3, 4])
    assert untouched["donor_name"].notna().all() and untouched["amount_minor"].notna().all()
    assert all(i["source_url"].endswith(report_id) for i in issues.rows)


def test_a_report_of_an_unknown_party_is_kept_and_reported(money_rows):
    records, _ = register_records(money_rows[:3])
    records[1]["fields"]["party_id"] = "00000000-0000-0000-0000-000000000000"
    issues = DataIssues()
    tables = reader.normalize(records, issues)
    assert len(tables["party_reports"]) == 1 and len(tables["donations"]) == 3
    assert ("party_id", "unknown party id: not in /parties") in {
        (i["field"], i["problem"]) for i in issues.rows
    }


def donations(*rows: dict) -> pd.DataFrame:
    base = {
        "donor_kind": "individual",
        "donor_region": None,
        "_private_code": None,
        "_private_birth_date": None,
    }
    return pd.DataFrame([{**base, "donation_id": f"r{n}", **row} for n, row in enumerate(rows)])


def test_initials_are_never_merged_with_a_full_name():
    keys = donors.donor_keys(
        donations(
            {"donor_name": "АНТОНЕНКО А.В.", "donor_region": "Київська область"},
            {"donor_name": "Антоненко Андрій Васильович", "donor_region": "Київська область"},
            {"donor_name": "АНТОНЕНКО АНДРІЙ ВАСИЛЬОВИЧ", "donor_region": "Київська область"},
        )
    )
    assert keys[1] == keys[2] != keys[0]


def test_a_legal_entity_is_its_edrpou_code_whatever_its_name():
    keys = donors.donor_keys(
        donations(
            {
                "donor_name": 'ТОВ "РОМАШКА"',
                "donor_kind": "legal_entity",
                "_private_code": "1234567",
            },
            {
                "donor_name": "Ромашка, ТОВ",
                "donor_kind": "legal_entity",
                "_private_code": "01234567",
            },
            {
                "donor_name": 'ТОВ "РОМАШКА"',
                "donor_kind": "legal_entity",
                "_private_code": "7654321",
            },
        )
    )
    assert keys[0] == keys[1] == "code:01234567" != keys[2]


def test_namesakes_are_split_by_region_and_tax_number_and_a_gap_joins_the_only_value():
    keys = donors.donor_keys(
        donations(
            {"donor_name": "Петренко Іван Іванович", "donor_region": "Львівська область"},
            {"donor_name": "Петренко Іван Іванович", "donor_region": None},
            {"donor_name": "Коваль Олена Петрівна", "_private_code": "1234567890"},
            {"donor_name": "Коваль Олена Петрівна", "_private_code": "0987654321"},
            {"donor_name": "Коваль Олена Петрівна"},
            {"donor_name": "Шевчук Ігор Олегович", "donor_region": "Одеська область"},
            {"donor_name": "Шевчук Ігор Олегович", "donor_region": "Черкаська область"},
            {"donor_name": "Шевчук Ігор Олегович"},
        )
    )
    assert keys[0] == keys[1]
    assert len({keys[2], keys[3], keys[4]}) == 3  # two tax numbers: a gap cannot pick one
    assert len({keys[5], keys[6], keys[7]}) == 3  # two regions: the same
    assert not keys.str.contains("1234567890|0987654321").any()  # ids give no tax number away
    assert keys.isna().sum() == 0


def test_a_banned_donor_is_found_by_its_code_and_a_name_alone_is_only_uncertain():
    """A company the reference list owns by code is flagged banned in the years it gave; a name
    that only suggests a communal owner is flagged uncertain; the years between give nothing."""
    state_owned = reference.public_sector()
    bank = state_owned[state_owned["kind"] == "bank"].iloc[0]
    totals = pd.DataFrame(
        {
            "donor_id": ["d1", "d1", "d2", "d3", "d4"],
            "party_id": ["p", "p", "p", "q", "q"],
            "year": [2021, 2024, 2022, 2022, 2023],
            "net_minor": [100_00, 200_00, 300_00, 400_00, 500_00],
            "is_above_limit": [0, 0, 0, 0, 0],
        }
    )
    donors = pd.DataFrame(
        {
            "donor_id": ["d1", "d2", "d3", "d4"],
            "name": [
                "КОМУНАЛЬНЕ ПІДПРИЄМСТВО «ВОДОКАНАЛ»",
                "ДП УМАНЬ-АГРО",
                "БАНК",
                bank["names_as_written"].split(";")[0].replace("«", '"').replace("»", '"'),
            ],
            "donor_kind": ["legal_entity"] * 4,
            "edrpou_code": ["12345678", "34571712", bank["edrpou_code"], None],
            "person_id": [None] * 4,
        }
    )
    parties = pd.DataFrame({"party_id": ["p", "q"], "name": ["Партія П", "Партія Q"]})
    flags = limits.red_flags(totals, donors, parties)
    uncertain = flags[flags["flag_code"] == "possibly_banned_donor"]
    assert uncertain[["donor_id", "year", "party_id"]].values.tolist() == [
        ["d1", 2021, "p"],
        ["d1", 2024, "p"],
        ["d4", 2023, "q"],  # a state bank's name, written as the list has it, but no code
    ]
    assert set(uncertain["threshold_value"]) == {
        "'комунальне підприємство'",
        f"{bank['edrpou_code']} ({bank['name']})?",
    }
    banned = flags[flags["flag_code"] == "banned_donor"]
    assert banned[["donor_id", "year"]].values.tolist() == [["d3", 2022]]
    assert banned["threshold_value"].iloc[0].startswith(bank["edrpou_code"])


def receipts_of(*rows: dict) -> pd.Series:
    base = {
        "party_id": "p",
        "donation_kind": "money",
        "donor_kind": "legal_entity",
        "intra_party_kind": None,
        "_private_code": None,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    parties = pd.DataFrame(
        {
            "party_id": ["p", "q"],
            "name_key": ["партія п", "партія q"],
            "edrpou_code": ["11111111", "22222222"],
        }
    )
    branches = pd.DataFrame({"party_id": ["p"], "branch_code": ["33333333"]})
    return receipts.classify(frame, parties, branches)


def test_each_receipt_is_classed_from_identifiers_first():
    pension_fund = reference.public_sector().set_index("kind").loc["body"].iloc[0]
    classes = receipts_of(
        {"donor_name": "Іваненко Іван Іванович", "donor_kind": "individual"},
        {"donor_name": 'ТОВ "РОМАШКА"', "_private_code": "12345678"},
        {"donor_name": "Обласна організація", "_private_code": "33333333"},  # its own branch
        {"donor_name": "Обласна організація", "_private_code": "33333333", "party_id": "q"},
        {"donor_name": 'Політична партія "Партія П"'},  # itself, without a code
        {"donor_name": "Будь-хто", "_private_code": pension_fund["edrpou_code"]},
        {"donor_name": pension_fund["names_as_written"].split(";")[0]},  # no code: listed name
        {"donor_name": "Пенсійний фонд чогось", "_private_code": "44444444"},
        {"donor_name": "НАЗК", "donation_kind": "state_funding", "donor_kind": "state_budget"},
        {"donor_name": "Банк", "donation_kind": "other_income"},
    )
    assert classes.tolist() == [
        "donation_person",
        "donation_company",
        "intra_party",
        "donation_company",  # another party's branch is not this party's own unit
        "intra_party",
        "refund",
        "refund",
        "donation_company",  # a name like a public body's but another code: a company
        "state_funding",
        "refund",
    ]


def test_every_payment_section_that_carries_money_is_read(money_rows):
    """All eight v2 sections share the 41-field schema: real money rows placed in each of them
    yield one row each, of the section's kind, with the amounts of the rows."""
    records, payments = register_records(money_rows[:8])
    report = records[1]["fields"]
    sections = sources.config("nazk_party_reports")["sections"]
    report["payment_info"] = {
        direction: {name: [payments[i]] for i, name in enumerate(names, start=offset)}
        for (direction, names), offset in zip(sections.items(), (0, 4), strict=True)
    }
    issues = DataIssues()
    tables = reader.normalize(records, issues)
    donations, spent = tables["donations"], tables["party_expenditures"]
    assert sorted(donations["donation_kind"]) == sorted(
        ["money", "in_kind", "state_funding", "other_income"]
    )
    assert sorted(spent["funding"]) == sorted(
        ["state_funding", "party_funds", "donation_returned", "transferred_to_budget"]
    )
    expected = sum(int(round(float(p["payment_amount"]) * 100)) for p in payments[:8])
    assert donations["amount_minor"].sum() + spent["amount_minor"].sum() == expected
    state = donations[donations["donation_kind"] == "state_funding"].iloc[0]
    assert state["donor_kind"] == "state_budget"
    assert issues.loss_gate("nazk_party_reports", 0.0) is None


def test_an_unknown_payment_section_is_reported_and_counted_lost(money_rows):
    records, payments = register_records(money_rows[:3])
    records[1]["fields"]["payment_info"]["incoming"]["crypto_contributions"] = payments
    issues = DataIssues()
    reader.normalize(records, issues)
    fields = {i["field"] for i in issues.rows}
    assert {"payment_info.incoming.crypto_contributions", "crypto_contributions"} <= fields
    assert "3 of 6 entries" in issues.loss_gate("nazk_party_reports", 0.01)


def test_the_mirror_s_payment_rows_have_exactly_the_documented_fields(party_sheet):
    documented = sources.config("nazk_party_reports")["payment_fields"].split()
    assert len(documented) == 41
    for section, spec in mirror.SECTIONS.items():
        row = party_sheet(spec["file"])[0]
        assert list(mirror.payment(row, section, row["report_id"], 0)) == documented, section
