"""Money trails on the real recorded demo, served by a real Datasette: a politician who funds
her own party, where each party's money comes from, and the income checks, compared with sums
computed here straight from the register's files (calamine, Decimal)."""

import re
from collections import Counter, defaultdict
from decimal import Decimal

import httpx
import pytest
from bs4 import BeautifulSoup
from party_files import EUROPEAN_SOLIDARITY, IN_KIND, MONEY, given, uah

POROSHENKO = "ПОРОШЕНКО ПЕТРО ОЛЕКСІЙОВИЧ"
# The register rows the issue names: MP Poroshenko's gifts to European Solidarity.
POROSHENKO_GAVE = {2021: "91185.60", 2022: "132594.00", 2023: "119934.00", 2024: "121121.00"}
QUARTERS = {"1 квартал": 1, "2 квартал": 2, "3 квартал": 3, "4 квартал": 4}


@pytest.fixture(scope="module")
def sheets(party_sheet) -> dict[str, list[dict]]:
    return {name: party_sheet(name) for name in (MONEY, IN_KIND)}


def test_poroshenko_funds_his_own_party_as_the_register_says(db, portal, canned, sheets):
    from_files = {
        year: given(sheets, {"name": POROSHENKO}, EUROPEAN_SOLIDARITY, year)
        for year in POROSHENKO_GAVE
    }
    assert from_files == {year: Decimal(v) for year, v in POROSHENKO_GAVE.items()}
    rows = canned(portal, "own_party_funders", party="Європейська Солідарність")
    his = {int(r["Рік"]): Decimal(r["Сума, грн"]) for r in rows if r["Особа"].upper() == POROSHENKO}
    assert his == from_files
    assert {r["Зв'язок з партією"] for r in rows if r["Особа"].upper() == POROSHENKO} == {
        "list, faction, member"
    }
    page = BeautifulSoup(
        httpx.get(f"{portal}/party/yevropeiska-solidarnist", timeout=30).text, "html.parser"
    )
    section = page.select_one("#own-politicians").get_text(" ", strip=True).replace("\u202f", "")
    for year, amount in POROSHENKO_GAVE.items():
        assert f"{year}: {amount}" in section
    share = page.select_one("#money-sources .own-share").get_text()
    own = sum(
        Decimal(r["Сума, грн"])
        for r in canned(portal, "own_party_funders", party="Європейська Солідарність")
    )
    total = sum(
        Decimal(r["Сума, грн"])
        for r in canned(portal, "party_money_sources", party="Європейська Солідарність")
        if r["Звідки"] != "state_funding"
    )
    assert f"{100 * own / total:.1f}%" in share


def _yearless_date_outside_its_quarter(row) -> bool:
    """A date the file writes without its year ("30.06") in a report of another quarter: the
    register's reader cannot place it, so the payment is compared with no other."""
    written = row["donation_date"]
    if not isinstance(written, float):
        return not written
    month = int(round(written % 1 * 100)) or 10  # 31.1 is 31 October
    return (month - 1) // 3 + 1 != QUARTERS.get(row["report_period"], (month - 1) // 3 + 1)


def _persons_from_files(sheets) -> dict[tuple[str, int], int]:
    """What persons gave each party in each year (kopiykas), from the files: a payment two
    reports of the party both list (the same unit, donor, day and amount) once."""
    reports: dict[tuple, Counter] = defaultdict(Counter)
    for name, column in ((MONEY, "donation_sum"), (IN_KIND, "donation_contract_price")):
        for row in sheets[name]:
            if row["donor_type"] != "Фізична особа":
                continue
            net = int((uah(row[column]) - uah(row.get("donation_refund_sum"))) * 100)
            unknown = _yearless_date_outside_its_quarter(row)
            key = (
                row["party_main_EDRPOU"],
                int(row["report_year"]),
                row["legal_entity_edrpou"],
                " ".join(str(row["donor_name"]).casefold().split()),
                row["report_id"] if unknown else str(row["donation_date"]),
                net,
            )
            reports[key][row["report_id"]] += 1
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for key, per_report in reports.items():
        totals[key[:2]] += max(per_report.values()) * key[5]
    return totals


def test_what_persons_gave_each_party_equals_the_register_s_files(db, sheets):
    """Own candidates and MPs plus other persons: every party and year the register alone
    reports (CHESNO's parties, whose spreadsheets add rows, are left out)."""
    got = dict(
        ((code, year), total)
        for code, year, total in db.execute(
            "SELECT p.edrpou_code, m.year, SUM(m.received_minor) FROM party_money_sources m "
            "JOIN parties p USING (party_id) "
            "WHERE m.money_source IN ('own_politicians', 'persons') AND m.party_id NOT IN "
            "(SELECT party_id FROM donations WHERE source = 'chesno_party_reports') "
            "GROUP BY 1, 2"
        )
    )
    expected = _persons_from_files(sheets)
    assert len(got) > 400
    assert {key: expected.get(key) for key in got} == got


def test_every_linked_donor_year_is_checked_against_declared_income(db):
    linked = set(
        db.execute(
            "SELECT DISTINCT n.person_id, y.year FROM donor_party_years y "
            "JOIN donors n USING (donor_id) "
            "WHERE n.person_id IN (SELECT person_id FROM declarations)"
        )
    )
    checks = list(
        db.execute(
            "SELECT person_id, year, check_status, check_reason_code, document_id "
            "FROM donor_income_checks"
        )
    )
    assert {(p, y) for p, y, *_ in checks} == linked
    held = set(db.execute("SELECT person_id, declaration_year FROM declarations"))
    for person, year, status, reason, document in checks:
        if (person, year) not in held:
            assert (status, reason, document) == ("not computable", "no_declaration", None)
        else:
            assert status != "not computable" or reason
    flagged = db.execute(
        "SELECT COUNT(*) FROM donor_red_flags WHERE flag_code LIKE 'donations_%income'"
    ).fetchone()[0]
    assert flagged == sum(status == "flagged" for _, _, status, *_ in checks)


def test_the_person_page_says_why_her_donations_are_not_checked(db, portal):
    person = db.execute(
        "SELECT person_id FROM donor_income_checks WHERE check_reason_code = 'no_declaration'"
    ).fetchone()[0]
    page = BeautifulSoup(httpx.get(f"{portal}/person/{person}", timeout=30).text, "html.parser")
    table = page.select_one("#donations").get_text(" ", strip=True)
    assert "неможливо обчислити" in table and "декларації" in table
    unlinked = db.execute(
        "SELECT person_id FROM donors WHERE person_id IS NOT NULL AND person_id NOT IN "
        "(SELECT person_id FROM declarations WHERE person_id IS NOT NULL) LIMIT 1"
    ).fetchone()[0]
    page = BeautifulSoup(httpx.get(f"{portal}/person/{unlinked}", timeout=30).text, "html.parser")
    assert page.select_one("#donations .not-checked")


def test_bundles_in_the_demo_are_groups_the_donations_table_holds(db, canned, portal):
    for bundle in canned(portal, "donor_bundles"):
        if bundle["Ознака"] != "same_amount_same_day":
            continue
        donors = db.execute(
            "SELECT COUNT(DISTINCT d.donor_id) FROM donations d JOIN parties p USING (party_id) "
            "WHERE p.name = ? AND d.donation_date = ? AND d.amount_minor = ? "
            "AND d.repeats_donation_id IS NULL",
            (bundle["Партія"], bundle["Дата"], int(Decimal(bundle["Сума кожного, грн"]) * 100)),
        ).fetchone()[0]
        assert donors == bundle["Донорів"]
        assert len(re.split("; ", bundle["Донори"])) == donors


def test_a_party_page_shows_its_names_over_time(portal):
    page = BeautifulSoup(
        httpx.get(f"{portal}/party/yevropeiska-solidarnist", timeout=30).text, "html.parser"
    )
    lineage = page.select_one("#lineage").get_text(" ", strip=True)
    for name in ("Блок Петра Порошенка", "ЄВРОПЕЙСЬКА СОЛІДАРНІСТЬ", "Фракція"):
        assert name in lineage
