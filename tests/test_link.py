"""`pamyat link`: a journalist's spreadsheet matched against the demo database's persons."""

import csv

import pytest

ROWS = [
    ("ЄВТУШОК Сергій Миколайович", "13.11.1973"),
    ("Serhiy Yevtushok", "1973-11-13"),
    ("Сергей Евтушок", "13 ноября 1973"),
    ("Безугла Мар’яна", "народилася 17 травня 1988 року"),
    ("Євтушок С.М.", ""),
    ("Петренко Петро Петрович", "01.01.1980"),
]


def write_csv(path, rows, header=("name", "birth_date"), encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def people(demo_data):
    import sqlite3

    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        return dict(conn.execute("select full_name, person_id from persons"))


def test_links_the_forms_of_real_names(pamyat, demo_data, tmp_path, people):
    source = write_csv(tmp_path / "donors.csv", ROWS)
    result = pamyat(demo_data, "link", str(source), "--out", str(tmp_path / "out.csv"))
    assert "6 rows" in result.stdout
    out = read_csv(tmp_path / "out.csv")
    assert list(out[0]) == [
        "name",
        "birth_date",
        "person_id",
        "person_name",
        "score",
        "decision",
        "reason",
    ]
    evtushok = people["Євтушок Сергій Миколайович"]
    assert [(r["person_id"], r["decision"]) for r in out[:3]] == [(evtushok, "link")] * 3
    assert out[3]["person_id"] == people["Безугла Мар'яна Володимирівна"]
    assert out[3]["decision"] == "link"
    assert out[4]["decision"] == "none" and evtushok in out[4]["reason"]  # initials alone
    assert (out[5]["person_id"], out[5]["decision"]) == ("", "none")


def test_default_output_sits_beside_the_input(pamyat, demo_data, tmp_path):
    source = write_csv(tmp_path / "list.csv", ROWS[:1])
    pamyat(demo_data, "link", str(source))
    assert read_csv(tmp_path / "list_linked.csv")[0]["decision"] == "link"


def test_a_file_without_a_name_column_is_refused_clearly(pamyat, demo_data, tmp_path):
    source = write_csv(tmp_path / "bad.csv", ROWS, header=("ПІБ", "дата"))
    result = pamyat(demo_data, "link", str(source), check=False)
    assert result.returncode == 2
    assert "bad.csv: no `name` column (columns: ПІБ, дата)" in result.stderr


def test_windows_1251_input_is_reported_and_still_matched(pamyat, demo_data, tmp_path):
    source = write_csv(tmp_path / "excel.csv", ROWS[:2], encoding="cp1251")
    result = pamyat(demo_data, "link", str(source), "--out", str(tmp_path / "out.csv"))
    assert "excel.csv line 2: not UTF-8" in result.stderr
    assert [r["decision"] for r in read_csv(tmp_path / "out.csv")] == ["link", "link"]


def test_an_unreadable_date_names_the_row_and_the_row_is_still_matched(pamyat, demo_data, tmp_path):
    source = write_csv(tmp_path / "dates.csv", [ROWS[0], ("Євтушок Сергій", "31.02.1973")])
    result = pamyat(demo_data, "link", str(source), "--out", str(tmp_path / "out.csv"))
    assert "dates.csv line 3: cannot read birth_date '31.02.1973'" in result.stderr
    second = read_csv(tmp_path / "out.csv")[1]
    assert second["decision"] == "review" and "birth_date unreadable" in second["reason"]
