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
    csv.field_size_limit(10_000_000)  # the long-field test's output
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


def test_utf16_from_excel_is_read(pamyat, demo_data, tmp_path):
    for encoding, noted in (("utf-16", "UTF-16 text (with a byte-order mark)"),
                            ("utf-16-le", "UTF-16-LE text")):  # fmt: skip
        source = write_csv(tmp_path / f"{encoding}.csv", ROWS[:2], encoding=encoding)
        out = tmp_path / f"{encoding}_out.csv"
        result = pamyat(demo_data, "link", str(source), "--out", str(out))
        assert f"{source.name}: {noted}, read" in result.stderr
        assert [r["decision"] for r in read_csv(out)] == ["link", "link"]


def test_a_binary_file_is_refused_naming_it(pamyat, demo_data, tmp_path):
    source = tmp_path / "photo.csv"
    source.write_bytes(b"name\nabc\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = pamyat(demo_data, "link", str(source), check=False)
    assert result.returncode == 2
    assert "photo.csv line 5: a NUL byte: this is not a text (CSV) file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_huge_field_is_refused_and_a_long_one_read(pamyat, demo_data, tmp_path):
    long_note = "x" * 200_000  # past the csv module's default limit of 131,072
    source = write_csv(tmp_path / "notes.csv", [(ROWS[0][0], long_note)], header=("name", "note"))
    result = pamyat(demo_data, "link", str(source), "--out", str(tmp_path / "out.csv"))
    assert read_csv(tmp_path / "out.csv")[0]["note"] == long_note
    huge = write_csv(tmp_path / "huge.csv", [(ROWS[0][0], "x" * 1_000_001)], header=("name", "n"))
    result = pamyat(demo_data, "link", str(huge), check=False)
    assert result.returncode == 2
    assert "huge.csv line 2: field larger than field limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_extra_fields_are_reported_and_formulas_neutralised(pamyat, demo_data, tmp_path):
    source = tmp_path / "extra.csv"
    source.write_text(
        "name,birth_date\n"
        f"{ROWS[0][0]},{ROWS[0][1]},surplus,more\n"
        '"=HYPERLINK(""http://evil.example"",""click"")",\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = pamyat(demo_data, "link", str(source), "--out", str(out))
    assert "extra.csv line 2: 2 fields more than the header; left out" in result.stderr
    rows = read_csv(out)
    assert rows[0]["decision"] == "link"
    assert rows[1]["name"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert "linked 2 rows" in result.stderr  # progress, after each chunk
