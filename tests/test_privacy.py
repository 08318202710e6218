"""Never published about a private person, though the real sources leak it: tax numbers,
birth dates, bank accounts and street addresses. The whole demo database is scanned, against
what its raw records hold."""

import json
import re
import sqlite3

import pandas as pd
import pytest

from etl.publish.privacy import is_tax_number, mask_private, mask_text

LABELLED_TAX_NUMBER = re.compile(
    r"(?i)(ІПН|ІНН|РНОКПП|ід\.\s?код|ідентифікаційн\w+ код)\D{0,4}\d{10}"
)
TEN_DIGITS = re.compile(r"(?<!\d)\d{10}(?!\d)")
STREET = re.compile(r"(?i)(?<!\w)(вул\.|вулиця|просп\.|проспект|провулок|бульвар)\s*[А-ЯІЇЄҐ]")
# Identifiers of records, and links: the sources' and ours, never derived from private values.
IDENTIFIERS = re.compile(r"(_id|_ids|_key|_url|^url|_record)$")
# Public persons' own facts (MPs, candidates), published by the Rada and the CEC.
PUBLIC_BIRTH_DATES = {("persons", "birth_date"), ("candidacies", "birth_date")}


@pytest.fixture(scope="module")
def text_cells(demo_data):
    """(table, column, value) of every text cell of the published database."""
    cells = []
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if "_fts" in table:
                continue
            for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{table}')"):
                cells += [
                    (table, column, v)
                    for (v,) in conn.execute(f'SELECT "{column}" FROM "{table}"')
                    if isinstance(v, str)
                ]
    return cells


def raw_values(demo_data, *sources):
    """(field name, text) of every text value in the raw records of the sources, at any depth."""

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        elif isinstance(value, str):
            yield key, value

    for source in sources:
        for path in (demo_data / "raw" / source).glob("*Z.jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                yield from walk(json.loads(line)["fields"])


PARTY_SOURCES = ("nazk_party_reports", "chesno_party_reports")


def test_no_tax_number_is_published(text_cells, demo_data):
    leaked = [v for _, v in raw_values(demo_data, *PARTY_SOURCES) if LABELLED_TAX_NUMBER.search(v)]
    assert len(leaked) > 100  # the real register leaks them: the scan has something to find
    assert [c for c in text_cells if LABELLED_TAX_NUMBER.search(c[2])] == []
    personal = [
        c
        for c in text_cells
        if not IDENTIFIERS.search(c[1]) and any(is_tax_number(n) for n in TEN_DIGITS.findall(c[2]))
    ]
    assert personal == []


def donors_born(demo_data) -> list[tuple[str, set[str]]]:
    """(surname, the birth date as written and in ISO) of every donor whose raw record gives
    a birth date."""

    def walk(value):
        if isinstance(value, dict):
            birth = next((v for k, v in value.items() if "birth" in k.lower() and v), None)
            name = next((v for k, v in value.items() if k.endswith("name") and v), None)
            if isinstance(birth, str) and isinstance(name, str) and name.split():
                forms = {birth.strip()}
                if re.fullmatch(r"\d\d\.\d\d\.\d{4}", birth.strip()):
                    forms.add("-".join(reversed(birth.strip().split("."))))
                yield name.split()[0].lower(), forms
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)

    found = []
    for source in PARTY_SOURCES:
        for path in (demo_data / "raw" / source).glob("*Z.jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                found += walk(json.loads(line)["fields"])
    return found


def test_no_private_birth_date_is_published(text_cells, demo_data):
    """No cell holds a donor's birth date beside her surname, and no data issue quotes one."""
    donors = donors_born(demo_data)
    assert len(donors) > 100  # the register leaks them
    dates = {form for _, forms in donors for form in forms}
    by_date: dict[str, set[str]] = {}
    for surname, forms in donors:
        for form in forms:
            by_date.setdefault(form, set()).add(surname)
    leaked = []
    for table, column, value in text_cells:
        if (table, column) in PUBLIC_BIRTH_DATES:
            continue
        words = set(re.findall(r"\w+", value.lower()))
        for date in (d for d in dates if d in value):
            if table == "data_issues" or words & by_date[date]:
                leaked.append((table, column, value))
    assert leaked == []


def test_no_street_address_is_published(text_cells, demo_data):
    assert [v for _, v in raw_values(demo_data, *PARTY_SOURCES) if STREET.search(v)]  # leaked
    assert [c for c in text_cells if STREET.search(c[2])] == []


def test_no_personal_payer_code_is_published(demo_data):
    """A sole trader pays under her personal tax number (ten digits), a company under its
    EDRPOU code (eight)."""
    raw = [v for k, v in raw_values(demo_data, "nazk_declarations") if k.endswith("company_code")]
    assert [v for v in raw if re.fullmatch(r"\d{10}", v)]  # the register publishes them
    with sqlite3.connect(demo_data / "pamyat.db") as conn:
        codes = [c for (c,) in conn.execute("SELECT payer_code FROM declared_income") if c]
    assert codes and not [c for c in codes if re.fullmatch(r"\d{10}", c)]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Аванс ІНН 3012345678 ПІБ Іваненко", "Аванс ІНН [ІПН приховано] ПІБ Іваненко"),
        ("на картку 4149 6090 1234 5678", "на картку [рахунок приховано]"),
        ("рахунок UA213223130000026007233566001", "рахунок [рахунок приховано]"),
        ("м. Рівне, вул. Міцкевича, 32, оф. 52", "м. Рівне, [адресу приховано]"),
        ("д.н. 01.02.1980", "д.н. [дату приховано]"),
        ("ЄДРПОУ 40422142, код 11011000", "ЄДРПОУ 40422142, код 11011000"),  # organisations
    ],
)
def test_the_masking_rules(text, masked):
    assert mask_text(text) == masked


def test_a_data_issue_never_quotes_a_private_value():
    """A source that renamed `payer_birthday` made every donor's birth date an unknown field's
    value; issues keep the field's name, and the value with its dates and numbers masked."""
    issues = pd.DataFrame(
        {"field": ["payer_birth_dt", "payer_tax"], "value": ["06.03.2007", "3012345670"]}
    )
    tables = {"data_issues": issues}
    mask_private(tables)
    assert tables["data_issues"]["value"].tolist() == ["[дату приховано]", "[ІПН приховано]"]
    assert tables["data_issues"]["field"].tolist() == ["payer_birth_dt", "payer_tax"]
