"""NAZK declarations read field by field from the real documents, in each of their shapes, with
figures checked against values computed straight from the raw JSON."""

import csv
import json
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd
import pytest

from pamyat.core.issues import DataIssues
from scrapers.nazk_declarations import reader, totals
from scrapers.nazk_declarations.mirror import as_v2
from scrapers.nbu_rates import mirror as nbu_mirror

TARUTA = "2876a5ef-e48d-40f0-8fb2-296a0a9a4dc5"
BORODII_V1 = "54cacc1f-ee92-4185-b4ab-7fe9407fa945"
JUDGE_NOTICE = "50cf5742-bf45-470f-8f10-3daa774c8175"
HIDDEN_MARKERS = ["[Конфіденційна інформація]", "[Не застосовується]", "[Не відомо]"]


def raw_documents(samples) -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((samples / "nazk_declarations").glob("*.json"))
    ]


def records(documents) -> list[dict]:
    return [
        {
            "source": "nazk_declarations",
            "kind": "document",
            "source_record_id": d["id"],
            "source_url": f"https://public-api.nazk.gov.ua/v2/documents/{d['id']}",
            "run_id": "t",
            "fields": {"document": d},
        }
        for d in documents
    ]


@pytest.fixture(scope="module")
def documents(samples):
    return raw_documents(samples)


@pytest.fixture(scope="module")
def read(documents):
    issues = DataIssues()
    return reader.normalize(records(documents), issues), issues


def entries(section: dict) -> list[dict]:
    """Independent of the reader: the dict-of-iterations shape of the files."""
    return [v for v in section.values() if isinstance(v, dict)]


def test_every_document_with_its_type(read):
    tables, issues = read
    declarations = tables["declarations"].set_index("document_id")
    assert len(declarations) == 15
    assert declarations["document_type"].value_counts().to_dict() == {
        "change notice": 8,
        "annual": 3,  # Taruta 2016 and the two 2015 documents of API v1
        "candidate": 2,
        "before dismissal": 1,
        "after dismissal": 1,
    }
    assert declarations.loc[TARUTA, "declaration_year"] == 2016
    assert declarations.loc[TARUTA, "position"] == "Народний депутат України"
    assert declarations.loc[BORODII_V1, "document_shape"] == "v1"
    assert issues.rows == []  # every field of every real document is known


def test_real_estate_field_by_field(read, documents):
    tables, _ = read
    estate = tables["declared_real_estate"]
    building = estate[
        (estate["document_id"] == TARUTA) & (estate["object_type_other"] == "нежитловий будинок, Д")
    ].iloc[0]
    assert building["total_area_m2"] == "556.80"  # decimal comma, exact
    assert building["cost_minor"] == 170_000_000  # "1700000" UAH in kopiykas
    assert building["acquired_date"] == "2008-04-04"
    assert pd.isna(building["assessed_value_minor"])  # "[Не відомо]": NULL, not 0
    assert building["assessed_value_status"] == "unknown"
    taruta = next(d for d in documents if d["id"] == TARUTA)
    assert len(estate[estate["document_id"] == TARUTA]) == len(entries(taruta["data"]["step_3"]))


def test_a_v1_document_is_read_like_the_others(read, documents):
    tables, _ = read
    borodii = next(d for d in documents if d["id"] == BORODII_V1)
    flats = entries(borodii["data"]["step_3"])
    rows = tables["declared_real_estate"][
        tables["declared_real_estate"]["document_id"] == BORODII_V1
    ]
    assert sorted(rows["total_area_m2"]) == sorted(
        str(Decimal(f["totalArea"].replace(",", "."))) for f in flats
    )
    family = tables["declaration_family_members"]
    assert len(family[family["document_id"] == BORODII_V1]) == len(
        entries(borodii["data"]["step_2"])
    )


def test_income_totals_equal_the_raw_sums(read, documents):
    """Every document's declared income, summed from the raw JSON with Decimal."""
    tables, _ = read
    income = tables["declared_income"]
    for document in documents:
        if document.get("type") == 2:
            continue
        step = document["data"]["step_11"]
        expected = sum(
            (
                Decimal(e["sizeIncome"].replace(",", ".")) * 100
                for e in entries(step)
                if e.get("sizeIncome", "").replace(",", "").replace(".", "").isdigit()
            ),
            Decimal(0),
        )
        got = income.loc[income["document_id"] == document["id"], "amount_minor"].sum()
        assert got == int(expected), document["id"]


def test_money_by_currency_equals_the_raw_sums(read, documents):
    tables, _ = read
    money = tables["declared_money"]
    taruta = next(d for d in documents if d["id"] == TARUTA)
    expected: dict[str, Decimal] = {}
    for e in entries(taruta["data"]["step_12"]):
        expected[e["assetsCurrency"]] = (
            expected.get(e["assetsCurrency"], 0) + Decimal(e["sizeAssets"].replace(",", ".")) * 100
        )
    got = money[money["document_id"] == TARUTA].groupby("currency_code")["amount_minor"].sum()
    assert got.to_dict() == {k: int(v) for k, v in expected.items()}


def test_a_salary_and_its_payer(read):
    tables, _ = read
    income = tables["declared_income"]
    salary = income[(income["document_id"] == TARUTA) & (income["item_id"] == "1475599609396")]
    assert salary.iloc[0]["amount_minor"] == 13_763_400
    assert salary.iloc[0]["payer_name"] == "Управління справами Апарату ВРУ"
    assert salary.iloc[0]["payer_code"] == "20064120"


def test_a_change_notice_keeps_its_one_off_income(read):
    tables, _ = read
    income = tables["declared_income"]
    row = income[income["document_id"] == JUDGE_NOTICE].iloc[0]
    assert (row["amount_minor"], row["received_date"]) == (12_867_200, "2019-05-30")


def test_hidden_values_are_null_with_their_reason(read):
    tables, _ = read
    for name, frame in tables.items():
        for column in frame.columns:
            values = frame[column].dropna().astype(str)
            assert not values.isin(HIDDEN_MARKERS).any(), (name, column)
    statuses = pd.concat(
        [f[c] for f in tables.values() for c in f.columns if c.endswith("_status")]
    ).dropna()
    assert set(statuses) >= {"unknown", "not provided by a family member"}


def test_private_identifiers_are_not_read(read):
    """Tax numbers, birth dates, addresses, vehicle numbers: no column carries them."""
    tables, _ = read
    columns = {c for frame in tables.values() for c in frame.columns}
    for private in ("tax", "birth", "street", "address", "vin", "identification", "passport"):
        assert not [c for c in columns if private in c and c != "birth_date"], private
    assert tables["person_records"]["birth_date"].isna().all()


def test_the_v2_envelope_reads_the_same(documents, read):
    tables, _ = read
    wrapped = [as_v2(d) if "declaration_type" in d else d for d in documents]
    again = reader.normalize(records(wrapped), DataIssues())
    for name, frame in tables.items():
        other = again[name]
        if name == "declarations":
            assert set(other["document_shape"]) == {"v1", "v2"}
            frame, other = (
                frame.drop(columns="document_shape"),
                other.drop(columns="document_shape"),
            )
        pd.testing.assert_frame_equal(frame, other, check_dtype=False, obj=name)


def test_an_unknown_field_and_step_are_reported_and_the_rest_kept(documents):
    taruta = json.loads(json.dumps(next(d for d in documents if d["id"] == TARUTA)))
    first = next(iter(taruta["data"]["step_3"].values()))
    first["newField"] = "x"
    taruta["data"]["step_18"] = {"1": {"a": "b"}}
    issues = DataIssues()
    tables = reader.normalize(records([taruta]), issues)
    assert {(i["record_id"], i["field"]) for i in issues.rows} == {
        (TARUTA, "step_3.newField"),
        (TARUTA, "step_18"),
    }
    assert len(tables["declared_real_estate"]) == len(entries(taruta["data"]["step_3"]))


def test_an_unreadable_amount_is_reported_not_guessed(documents):
    taruta = json.loads(json.dumps(next(d for d in documents if d["id"] == TARUTA)))
    salary = taruta["data"]["step_11"]["1475599609396"]
    salary["sizeIncome"] = "137 634 грн"
    issues = DataIssues()
    income = reader.normalize(records([taruta]), issues)["declared_income"]
    row = income[income["item_id"] == "1475599609396"].iloc[0]
    assert pd.isna(row["amount_minor"]) and row["amount_status"] == "unreadable"
    assert [(i["record_id"], i["field"]) for i in issues.rows] == [(TARUTA, "sizeIncome")]


def official_rates(*extra: dict) -> pd.DataFrame:
    """The rates the nbu_rates source publishes from the rows we hold, plus `extra` rates (as
    the live API answers currencies we hold no row of)."""
    with open(nbu_mirror.HELD, encoding="utf-8") as f:
        rows = [
            {
                "rate_date": r["rate_date"],
                "currency_code": r["cc"],
                "uah_per_unit": str(Decimal(r["uah_per_units"]) / int(r["units"])),
            }
            for r in csv.DictReader(f)
        ]
    return pd.DataFrame(rows + list(extra))


def in_hryvnias(minor, rate: Decimal) -> int:
    """Kopiykas of a currency in hryvnia kopiykas, rounded half to even (computed here)."""
    return int((Decimal(int(minor)) * rate).quantize(Decimal(1), ROUND_HALF_EVEN))


def rates_by_day(rates: pd.DataFrame) -> dict[tuple[str, str], Decimal]:
    return {(r.currency_code, r.rate_date): Decimal(r.uah_per_unit) for r in rates.itertuples()}


def test_red_flags_show_rule_and_threshold(read):
    tables, _ = read
    declarations = tables["declarations"].assign(person_id=None)
    rates = official_rates()
    finished = totals.finish({**tables, "declarations": declarations, "exchange_rates": rates})
    flags = finished["red_flags"]
    dubnevych = flags[flags["document_id"] == "9dce4690-bd23-4e43-902f-e6594c06eda7"].iloc[0]
    assert dubnevych["flag_code"] == "cash_above_minimum_wages"
    assert dubnevych["threshold_value"] == "100 × 4173 UAH = 417 300.00 UAH"
    # Cash in every currency, converted here at the National Bank's rates on 31 December.
    by_day = rates_by_day(rates)
    money = tables["declared_money"]
    held = money[(money["document_id"] == dubnevych["document_id"]) & (money["is_cash"] == 1)]
    cash = 0
    for currency, amounts in held.groupby("currency_code")["amount_minor"]:
        rate = Decimal(1) if currency == "UAH" else by_day[(currency, "2019-12-31")]
        cash += in_hryvnias(amounts.sum(), rate)
    assert set(held["currency_code"]) > {"UAH"}  # foreign cash counts, converted
    assert cash > 100 * 4173 * 100
    assert dubnevych["measured_value"] == f"{cash // 100:,}.{cash % 100:02d} UAH".replace(",", " ")
    assert "all currencies" in dubnevych["rule"]
    assert "100 minimum monthly wages" in dubnevych["rule"]


def test_every_currency_with_a_rate_is_converted_and_one_without_is_named(read):
    """Taruta's 2016 cash holds pounds: with the bank's GBP rate of the day read (a rate we
    hold no row of; the live API answers every currency) they count; without it they are named
    as not converted, never as zero."""
    tables, _ = read
    declarations = tables["declarations"].assign(person_id=None)
    money = tables["declared_money"]
    cash = money[(money["document_id"] == TARUTA) & (money["is_cash"] == 1)]
    assert "GBP" in set(cash["currency_code"])
    # A test rate, not the official one: what matters is that any currency with a rate counts.
    pound = {"rate_date": "2016-12-31", "currency_code": "GBP", "uah_per_unit": "33.4753"}
    by_rates = {}
    for name, rates in (("with", official_rates(pound)), ("without", official_rates())):
        frames = {**tables, "declarations": declarations, "exchange_rates": rates}
        year = totals.per_document(totals.year_totals(frames)).set_index("document_id")
        by_day = rates_by_day(rates)
        expected = 0
        for currency, amounts in cash.groupby("currency_code")["amount_minor"]:
            rate = Decimal(1) if currency == "UAH" else by_day.get((currency, "2016-12-31"))
            if rate is not None:
                expected += in_hryvnias(amounts.sum(), rate)
        by_rates[name] = year.loc[TARUTA]
        assert by_rates[name]["cash_minor"] == expected, name
    assert by_rates["with"]["unconverted"] == ""
    assert by_rates["without"]["unconverted"] == "GBP"
    assert by_rates["with"]["cash_minor"] > by_rates["without"]["cash_minor"]


# The real API v2 answers (samples/nazk_v2) ------------------------------------------------------


@pytest.fixture(scope="module")
def v2_documents(samples) -> dict[str, dict]:
    paths = sorted((samples / "nazk_v2").glob("document_*.json"))
    return {d["id"]: d for d in (json.loads(p.read_text(encoding="utf-8")) for p in paths)}


@pytest.fixture(scope="module")
def v2_read(v2_documents):
    issues = DataIssues()
    return reader.normalize(records(v2_documents.values()), issues), issues


def step_data(document: dict, step: str):
    """Independent of the reader: a v2 step's `data`, or nothing for `{"isNotApplicable": 1}`."""
    return document["data"][step].get("data") or []


def test_v2_declarants_field_by_field(v2_read, v2_documents):
    tables, issues = v2_read
    declarations = tables["declarations"].set_index("document_id")
    assert len(declarations) == len(v2_documents) == 8
    for document_id, document in v2_documents.items():
        row, step_1 = declarations.loc[document_id], step_data(document, "step_1")
        name = " ".join(step_1[k] for k in ("lastname", "firstname", "middlename"))
        name = " ".join(name.split()).replace("’", "'")  # one apostrophe (docs/design.md)
        assert row["declarant_name"].casefold() == name.casefold()
        assert row["workplace"] == " ".join(step_1["workPlace"].split())
        assert row["position"] == " ".join(step_1["workPost"].split())
        assert row["submitted_at"] == document["date"]
        assert row["submitted_date"] == document["date"][:10]
        assert row["schema_version"] == document["schema_version"]
        assert row["user_declarant_id"] == document["user_declarant_id"]
    assert set(declarations["schema_version"]) == {2, 3, 5}
    assert issues.rows == []  # every field of every real v2 document is known


def test_v2_sections_yield_every_entry(v2_read, v2_documents):
    """Real estate (1,450 entries), family (22), income, money, vehicles: one row per entry,
    counted document by document from the JSON."""
    tables, _ = v2_read
    for table, step in [
        ("declared_real_estate", "step_3"),
        ("declaration_family_members", "step_2"),
        ("declared_vehicles", "step_6"),
        ("declared_income", "step_11"),
        ("declared_money", "step_12"),
    ]:
        rows = tables[table].groupby("document_id").size()
        for document_id, document in v2_documents.items():
            assert rows.get(document_id, 0) == len(step_data(document, step)), (table, document_id)
    assert len(tables["declared_real_estate"]) == 1450
    assert len(tables["declaration_family_members"]) == 22


def test_v2_amounts_and_owners_against_the_json(v2_read, v2_documents):
    tables, _ = v2_read
    income = tables["declared_income"]
    for document_id, document in v2_documents.items():
        expected = sum(
            Decimal(e["sizeIncome"].replace(",", ".").replace(" ", ""))
            for e in step_data(document, "step_11")
            if not e["sizeIncome"].startswith("[")
        )
        got = income.loc[income["document_id"] == document_id, "amount_minor"].dropna().sum()
        assert Decimal(int(got)) == expected * 100, document_id
    # Schema 3 and 5 name an income's owner in person_who_care: none is left unowned.
    assert income["owner_role"].notna().all()
    # ...and its payers in `sources`: a legal entity's name and code are read.
    pidkapka_2025 = income[income["document_id"] == "c28ec29a-31ea-4d83-9d15-589270f20931"]
    assert "37424820" in set(pidkapka_2025["payer_code"])
    estate = tables["declared_real_estate"]
    assert estate["owner_role"].notna().all()
    costs = {
        (d, e["iteration"]): e["cost_date_assessment"]
        for d, doc in v2_documents.items()
        for e in step_data(doc, "step_3")
        if e.get("cost_date_assessment", "[").isdigit()
    }
    read_costs = estate.set_index(["document_id", "item_id"])["cost_minor"]
    assert costs and all(read_costs[key] == int(value) * 100 for key, value in costs.items())


def test_the_old_envelope_bug_fails_the_loss_gate(v2_documents, monkeypatch):
    """The reader that unwrapped only `{"data"}` steps lost every name, estate and family
    member without a word: the coverage count now names each section and fails the gate."""

    def unwrap_only_data(self, step):
        section = self.steps.get(step)
        return (
            section["data"] if isinstance(section, dict) and set(section) == {"data"} else section
        )

    monkeypatch.setattr(reader.Document, "section", unwrap_only_data)
    issues = DataIssues()
    reader.normalize(records(v2_documents.values()), issues)
    lost = {(i["record_id"], i["field"]) for i in issues.rows if "yielded no row" in i["problem"]}
    assert ("e9d07eea-3483-4578-aa6a-f297e23f04ed", "step_3") in lost
    assert {field for _, field in lost} >= {"step_1", "step_2", "step_3"}
    assert "yielded no row" in issues.loss_gate("nazk_declarations", 0.01)


def test_the_real_v2_reading_passes_the_loss_gate(v2_read):
    _, issues = v2_read
    assert issues.loss_gate("nazk_declarations", 0.0) is None
    assert issues.coverage["nazk_declarations"]["held"] > 3000
