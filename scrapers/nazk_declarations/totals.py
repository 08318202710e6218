"""Per person (else declarant) and year: declared income and money by currency, the change
from the previous declared year, and the editorial red flags, each with its rule and threshold
(facts and judgements kept apart: the flags are a table of their own).

The year's document is the latest submitted declaration covering it (a corrected one replaces
the first); change notices are left out. Hidden amounts count as unknown, not zero: each total
says how many amounts it could not include (`hidden_amounts`), so it is a lower bound.

Foreign currency is converted at the National Bank's official rate on the last day of the
declaration year (the `exchange_rates` the nbu_rates source reads), the date the NAZK values
it at; the flags and rankings use the converted sums, and a currency without a rate held is
named, not counted as zero.
"""

from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

from pamyat.core import sources
from pamyat.core.reference import minimum_wages

SOURCE = "nazk_declarations"
KEY = ["holder", "declaration_year"]
TOTAL_COLUMNS = [
    "source",
    "person_id",
    "user_declarant_id",
    "declaration_year",
    "document_id",
    "currency_code",
    "income_minor",
    "money_minor",
    "cash_minor",
    "hidden_amounts",
    "previous_year",
    "previous_money_minor",
    "money_change_minor",
    "rate_date",
    "uah_per_unit",
    "money_uah_minor",
    "cash_uah_minor",
]


# The red-flag rules and thresholds (source.yml).
RULES = sources.config(SOURCE)["red_flags"]


def _year_documents(declarations: pd.DataFrame) -> pd.DataFrame:
    """The year's document of each holder: the person, else the declarant, else the document."""
    covering = declarations[declarations["document_type"] != "change notice"].copy()
    declarant = "declarant:" + covering["user_declarant_id"].astype("Int64").astype(str)
    declarant = declarant.where(
        covering["user_declarant_id"].notna(), "document:" + covering["document_id"]
    )
    covering["holder"] = (
        covering["person_id"].astype(object).where(covering["person_id"].notna(), declarant)
    )
    ordered = covering.sort_values([*KEY, "submitted_date", "document_id"])
    return ordered.groupby(KEY, as_index=False).tail(1)[
        [*KEY, "person_id", "user_declarant_id", "document_id"]
    ]


def _sums(frame: pd.DataFrame, documents: pd.Series, by: list[str]) -> pd.DataFrame:
    rows = frame[frame["document_id"].isin(documents)].copy() if len(frame) else frame
    if rows.empty:
        return pd.DataFrame(columns=[*by, "amount_minor", "cash_minor", "hidden_amounts"])
    rows["hidden"] = rows["amount_status"].notna().astype(int)
    is_cash = rows["is_cash"] == 1 if "is_cash" in rows else pd.Series(False, index=rows.index)
    rows["cash"] = rows["amount_minor"].where(is_cash)
    grouped = rows.groupby(by)
    sums = grouped[["amount_minor", "cash"]].sum(min_count=1)
    sums = sums.rename(columns={"cash": "cash_minor"})
    return sums.assign(hidden_amounts=grouped["hidden"].sum()).reset_index()


def finish(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """After identity (declarations carry person_id): the year totals and the red flags."""
    totals = year_totals(tables)
    return {
        "declaration_year_totals": totals,
        "red_flags": red_flags(totals),
    }


def year_totals(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    declarations = frames["declarations"]
    if declarations.empty:
        return pd.DataFrame(columns=TOTAL_COLUMNS)
    documents = _year_documents(declarations)
    income = _sums(frames["declared_income"], documents["document_id"], ["document_id"])
    money = _sums(
        frames["declared_money"], documents["document_id"], ["document_id", "currency_code"]
    )
    uah = documents.assign(currency_code="UAH")
    currencies = pd.concat([uah, documents.merge(money[["document_id", "currency_code"]])])
    totals = currencies.drop_duplicates(["document_id", "currency_code"]).merge(
        money, on=["document_id", "currency_code"], how="left"
    )
    totals = totals.rename(columns={"amount_minor": "money_minor"})
    totals = totals.merge(
        income.rename(columns={"amount_minor": "income_minor", "hidden_amounts": "hidden_income"})[
            ["document_id", "income_minor", "hidden_income"]
        ].assign(currency_code="UAH"),
        on=["document_id", "currency_code"],
        how="left",
    )
    totals["hidden_amounts"] = totals["hidden_amounts"].fillna(0) + totals["hidden_income"].fillna(
        0
    )
    totals = totals.sort_values(["holder", "currency_code", "declaration_year"])
    previous = totals.groupby(["holder", "currency_code"])
    totals["previous_year"] = previous["declaration_year"].shift()
    totals["previous_money_minor"] = previous["money_minor"].shift()
    totals["money_change_minor"] = totals["money_minor"] - totals["previous_money_minor"]
    totals = converted(totals, frames.get("exchange_rates"))
    return totals.assign(source=SOURCE)[TOTAL_COLUMNS].reset_index(drop=True)


def _rates(table: pd.DataFrame | None) -> dict[tuple[str, str], Decimal]:
    """(currency, date) → hryvnias for one unit; none when no run of the rates was read."""
    if table is None:
        return {}
    return {
        (row.currency_code, row.rate_date): Decimal(row.uah_per_unit) for row in table.itertuples()
    }


def _times(minor, rate: Decimal | None):
    if rate is None or pd.isna(minor):
        return None
    return int((Decimal(int(minor)) * rate).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def converted(totals: pd.DataFrame, rates_table: pd.DataFrame | None) -> pd.DataFrame:
    """Each row's money and cash in hryvnias at the official rate of the year's last day."""
    rates = _rates(rates_table)
    dates = totals["declaration_year"].map(lambda year: f"{int(year)}-12-31")
    found = [
        Decimal(1) if code == "UAH" else rates.get((code, day))
        for code, day in zip(totals["currency_code"], dates, strict=True)
    ]
    codes = totals["currency_code"]
    foreign = [r if c != "UAH" else None for r, c in zip(found, codes, strict=True)]
    has_rate = pd.Series([r is not None for r in foreign], index=totals.index)
    return totals.assign(
        rate_date=dates.where(has_rate),
        uah_per_unit=[None if r is None else f"{r:f}" for r in foreign],
        money_uah_minor=[_times(m, r) for m, r in zip(totals["money_minor"], found, strict=True)],
        cash_uah_minor=[_times(m, r) for m, r in zip(totals["cash_minor"], found, strict=True)],
    )


def per_document(totals: pd.DataFrame) -> pd.DataFrame:
    """One row per year's document: income, money and cash in hryvnias over all currencies
    with a rate, the currencies without one, and the previous declared year's money."""
    keys = ["document_id", "person_id", "user_declarant_id", "declaration_year"]
    grouped = totals.groupby("document_id")
    # Few rows lack a rate: their currencies are joined for those documents only.
    lacking = totals[totals["money_uah_minor"].isna() & totals["money_minor"].notna()]
    unconverted = lacking.sort_values("currency_code").groupby("document_id")["currency_code"]
    documents = (
        grouped[keys[1:]]
        .first()
        .assign(
            income_minor=grouped["income_minor"].sum(min_count=1),
            money_minor=grouped["money_uah_minor"].sum(min_count=1),
            cash_minor=grouped["cash_uah_minor"].sum(min_count=1),
            unconverted=unconverted.agg(", ".join),
        )
        .reset_index()
    )
    documents["unconverted"] = documents["unconverted"].fillna("")
    holder = (
        documents["person_id"]
        .astype(object)
        .fillna("declarant:" + documents["user_declarant_id"].astype(str))
    )
    documents = documents.assign(holder=holder).sort_values(["holder", "declaration_year"])
    previous = documents.groupby("holder")
    documents["previous_year"] = previous["declaration_year"].shift()
    documents["money_change_minor"] = documents["money_minor"] - previous["money_minor"].shift()
    return documents


def _flag(code: str, row, value: str, threshold_value: str) -> dict:
    rule = RULES[code]
    return {
        "flag_code": code,
        "title": rule["title"],
        "rule": " ".join(rule["rule"].split()),
        "threshold": rule["threshold"],
        "threshold_unit": rule["unit"],
        "threshold_value": threshold_value,
        "measured_value": value,
        "source": SOURCE,
        "person_id": row.person_id,
        "user_declarant_id": row.user_declarant_id,
        "declaration_year": row.declaration_year,
        "document_id": row.document_id,
    }


def _uah(minor) -> str:
    return f"{int(minor) // 100:,}.{int(minor) % 100:02d} UAH".replace(",", " ")


def _unconverted(row) -> str:
    return f" (not converted: {row.unconverted})" if row.unconverted else ""


def red_flags(totals: pd.DataFrame) -> pd.DataFrame:
    wages = minimum_wages().set_index("year")["minimum_wage_uah"]
    flags = []
    for row in per_document(totals).itertuples():
        cash_rule = RULES["cash_above_minimum_wages"]
        wage = wages.get(int(row.declaration_year))
        if wage is not None and pd.notna(row.cash_minor):
            limit = cash_rule["threshold"] * int(wage) * 100
            if row.cash_minor > limit:
                flags.append(
                    _flag(
                        "cash_above_minimum_wages",
                        row,
                        _uah(row.cash_minor) + _unconverted(row),
                        f"{cash_rule['threshold']} × {wage} UAH = {_uah(limit)}",
                    )
                )
        growth_rule = RULES["money_grew_faster_than_income"]
        consecutive = row.previous_year == row.declaration_year - 1
        if consecutive and pd.notna(row.money_change_minor) and row.money_change_minor > 0:
            income = 0 if pd.isna(row.income_minor) else row.income_minor
            if row.money_change_minor > growth_rule["threshold"] * income:
                flags.append(
                    _flag(
                        "money_grew_faster_than_income",
                        row,
                        f"growth {_uah(row.money_change_minor)}" + _unconverted(row),
                        f"{growth_rule['threshold']} × income {_uah(income)}",
                    )
                )
    return pd.DataFrame(flags)
