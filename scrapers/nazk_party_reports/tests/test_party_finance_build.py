"""Party finance in the built demo database, checked against figures computed here straight from
the recorded files (python-calamine / csv and Decimal, not the ETL's code)."""

import csv
from collections import defaultdict
from decimal import Decimal

from pamyat.core import sources

FOLDER = "nazk_party_reports"
XLSX = {
    "politdata_5_private_contributions.xlsx": "donation_sum",
    "politdata_6_in_kind_donations.xlsx": "donation_contract_price",
}


def _kopiykas(value) -> int:
    if value in ("", None):
        return 0
    return int(
        Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", ".")) * 100
    )


def test_every_real_row_is_in_the_database(db, party_sheet):
    counts = {
        "donations": 18654 + 4431 + 111 + 123 + 540 + 16 + 41 + 15 + 38,
        "party_expenditures": 19555 + 370 + 749 + 261 + 214,
        "party_branches": len(
            {
                r["local_org_EDRPOU"]
                for r in party_sheet("politdata_2.1_local_orgs_info.xlsx")
                if r["local_org_EDRPOU"]
            }
        ),
    }
    for table, expected in counts.items():
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == expected, table


def test_register_totals_per_party_and_year_equal_the_files(db, party_sheet):
    for name, column in XLSX.items():
        expected = defaultdict(int)
        for row in party_sheet(name):
            expected[(row["party_main_EDRPOU"], int(row["report_year"]))] += _kopiykas(row[column])
        kind = "money" if "5_" in name else "in_kind"
        got = dict(
            ((code, year), total)
            for code, year, total in db.execute(
                "SELECT r.party_code, d.year, SUM(COALESCE(d.amount_minor, 0)) FROM donations d "
                "JOIN (SELECT DISTINCT p.edrpou_code AS party_code, p.party_id FROM parties p) r "
                "USING (party_id) WHERE d.source = 'nazk_party_reports' AND d.donation_kind = ? "
                "GROUP BY 1, 2",
                (kind,),
            )
        )
        assert got == dict(expected), name


def test_chesno_totals_per_file_equal_the_files(db, samples):
    for entry in sources.config("chesno_party_reports")["files"]:
        with (samples / FOLDER / entry["sample"]).open(encoding="utf-8") as f:
            total = sum(_kopiykas(row["Сума (грн)"]) for row in csv.DictReader(f))
        table = "party_expenditures" if entry["table"] == "election_expenses" else "donations"
        got = db.execute(
            f"SELECT SUM(amount_minor) FROM {table} WHERE source_record_id LIKE ?",
            (f"{entry['repository']}/{entry['path']}#%",),
        ).fetchone()[0]
        assert got == total, entry["path"]


def test_2021_donors_at_the_limit_are_flagged_only_above_it(db, party_sheet):
    """400 × 6,000 UAH = 2,400,000 UAH for a person; 'at most' means 2,400,000 is allowed."""
    given = defaultdict(int)
    for name, column in XLSX.items():
        for row in party_sheet(name):
            if row["report_year"] == "2021" and row["donor_type"] == "Фізична особа":
                key = (row["donor_name"], row["party_main_EDRPOU"])
                given[key] += _kopiykas(row[column])
    at_or_above = {key: total for key, total in given.items() if total >= 240_000_000}
    assert len(at_or_above) >= 7
    for (donor, code), total in at_or_above.items():
        flagged = db.execute(
            "SELECT MAX(y.is_above_limit), SUM(y.net_minor) FROM donor_party_years y "
            "JOIN donors d USING (donor_id) JOIN parties p USING (party_id) "
            "WHERE d.name = ? AND p.edrpou_code = ? AND y.year = 2021",
            (donor, code),
        ).fetchone()
        assert flagged == (int(total > 240_000_000), total), donor
    assert db.execute(
        "SELECT COUNT(*) FROM donor_red_flags WHERE flag_code = 'above_legal_limit' "
        "AND year = 2021 AND threshold_value LIKE '2400000.00 (400 × 6000)%'"
    ).fetchone()[0] == sum(total > 240_000_000 for total in at_or_above.values())


def test_no_private_field_is_published(db, samples, party_sheet):
    """Tax numbers, birth dates, bank accounts and street addresses of the sources appear in no
    cell of the database."""
    private = set()
    for row in party_sheet("politdata_5_private_contributions.xlsx"):
        private |= {row["bank_account"], row["donor_birth_date"]}
    for path in (samples / FOLDER).glob("chesno_201*_donations.csv"):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code = row["Ідентифікаційний код (для фіз. осіб)/Код ЄДРПОУ (для юр. осіб)"]
                if row["Тип внескодавця"] == "фізична особа":
                    private |= {
                        code,
                        row["Місце проживання (для фіз. осіб)/Юридична адреса (для юр. осіб)"],
                    }
                private.add(row["Номер рахунку"])
    private = {p for p in private if p and len(str(p)) > 6}
    assert len(private) > 100
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table.endswith(("_fts", "_data", "_idx", "_docsize", "_config", "_content")):
            continue
        for row in db.execute(f"SELECT * FROM {table}"):
            assert not private & {str(v) for v in row if v is not None}, table


def test_party_names_over_time_share_one_party(db):
    names = {
        name
        for (name,) in db.execute(
            "SELECT n.name FROM party_names n JOIN parties USING (party_id) "
            "WHERE parties.edrpou_code = '21715714'"
        )
    }
    assert "Блок Петра Порошенка “Солідарність”" in names
    assert any("ЄВРОПЕЙСЬКА СОЛІДАРНІСТЬ" in n for n in names)
