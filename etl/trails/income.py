"""Donations against declared income: for each donor linked to a declarant and each year she
gave, what she gave all parties against what she and her family declared earning that year.

The year's declaration is the latest annual one for the year, else a candidate's (which covers
the year before the election); a declaration before or after dismissal covers part of a year
only and is not used. Income is declared in hryvnias; an amount in another currency is
converted at the National Bank's rate on 31 December of the year, and one without a rate, a
hidden amount, a donation without an amount or a missing declaration makes the check "not
computable" with its reason: never a flag on a guess."""

from decimal import Decimal

import pandas as pd

from etl.trails import rules

FLAGGED, WITHIN, NOT_COMPUTABLE = "flagged", "within the rules", "not computable"
YEAR_DECLARATIONS = (1, 4)  # annual, candidate's
COLUMNS = [
    "person_id",
    "year",
    "donated_minor",
    "document_id",
    "income_minor",
    "income_share",
    "check_status",
    "check_reason_code",
    "check_reason",
]


def _year_documents(declarations: pd.DataFrame) -> pd.DataFrame:
    """(person_id, year) → the document that declares the year's income."""
    covering = declarations[
        declarations["declaration_type_code"].isin(YEAR_DECLARATIONS)
        & declarations["person_id"].notna()
    ]
    ordered = covering.assign(
        annual=(covering["declaration_type_code"] == 1).astype(int)
    ).sort_values(["annual", "submitted_at", "document_id"])
    latest = ordered.groupby(["person_id", "declaration_year"]).tail(1)
    return latest.rename(columns={"declaration_year": "year"})[["person_id", "year", "document_id"]]


def _rates(exchange_rates: pd.DataFrame | None) -> dict[tuple[str, str], Decimal]:
    if exchange_rates is None:
        return {}
    return {
        (r.currency_code, r.rate_date): Decimal(r.uah_per_unit) for r in exchange_rates.itertuples()
    }


def _document_incomes(declared: pd.DataFrame, years: pd.Series, rates) -> dict[str, tuple]:
    """document id → (its income in kopiykas, declarant and family, or None; why not), for
    the documents of `years` (document id → declaration year)."""
    rows = declared[declared["document_id"].isin(years.index)]
    currency = rows["currency_code"].fillna("UAH")
    hidden = (
        (rows["amount_status"].notna() | rows["amount_minor"].isna())
        .groupby(rows["document_id"])
        .sum()
    )
    totals = rows[currency == "UAH"].groupby("document_id")["amount_minor"].sum().to_dict()
    found: dict[str, tuple] = {}
    for row in rows[currency != "UAH"].itertuples():
        year = int(years[row.document_id])
        rate = rates.get((row.currency_code, f"{year}-12-31"))
        if rate is None:
            why = f"no official rate of {row.currency_code} for 31.12.{year}"
            found[row.document_id] = (None, ("no_rate", why))
        elif not pd.isna(row.amount_minor):
            converted = int(Decimal(int(row.amount_minor)) * rate)
            totals[row.document_id] = totals.get(row.document_id, 0) + converted
    for document in years.index:
        if hidden.get(document, 0):
            why = f"{int(hidden[document])} income amount(s) hidden or not given in {document}"
            found[document] = (None, ("hidden_income", why))
        found.setdefault(document, (int(totals.get(document, 0)), ()))
    return found


def _unknowable(year, rows: int, missing: int, declared: bool) -> tuple:
    """(code, reason) when the donor's side of the check cannot be known, else ()."""
    if pd.isna(year):
        return ("no_year", f"{rows} donation(s) with no readable year")
    if missing:
        return ("no_amount", f"{missing} donation(s) with no amount")
    if not declared:
        return ("no_declaration", f"no annual or candidate's declaration for {int(year)} is held")
    return ()


def _judged(given: int, income: int, year: int) -> tuple[str, tuple, tuple]:
    """(status, reason, flag as (code, threshold, measured) or ()) of a known income."""
    if income:
        share = Decimal(str(rules.rule("donations_above_income")["threshold"]))
        if given > share * income:
            measured = f"{rules.uah(given)} ({_share(given, income)})"
            return (
                FLAGGED,
                (),
                ("donations_above_income", f"{share} × {rules.uah(income)}", measured),
            )
        return WITHIN, (), ()
    wage = rules.minimum_wage_minor().get(year)
    if wage is None:
        return NOT_COMPUTABLE, ("no_minimum_wage", f"no minimum wage held for {year}"), ()
    least = rules.rule("donations_without_income")["threshold"]
    if given > least * wage:
        threshold = f"{least} × {rules.uah(wage)} = {rules.uah(least * wage)}"
        measured = f"{rules.uah(given)}; 0"
        return FLAGGED, (), ("donations_without_income", threshold, measured)
    return WITHIN, (), ()


def _share(given: int, income: int) -> str:
    return str((Decimal(given) / Decimal(income)).quantize(Decimal("0.0001")))


def income_checks(
    tables: dict[str, pd.DataFrame], donations: pd.DataFrame
) -> tuple[pd.DataFrame, list[dict]]:
    """The checks (one row per linked donor and year) and their red flags; `donations`: those
    that count (rules.counted_donations)."""
    declarations = tables.get("declarations")
    if declarations is None or declarations.empty:
        return pd.DataFrame(columns=COLUMNS), []
    given = donations.merge(tables["donors"][["donor_id", "person_id"]], on="donor_id")
    given = given[given["person_id"].isin(set(declarations["person_id"].dropna()))]
    years = given.assign(missing=given["given_minor"].isna()).groupby(
        ["person_id", "year"], dropna=False
    )
    years = years.agg(
        donated=("net_minor", "sum"),
        rows=("donation_id", "size"),
        missing=("missing", "sum"),
        donor_ids=("donor_id", lambda d: sorted(set(d))),
    ).reset_index()
    documents = _year_documents(declarations).merge(years[["person_id", "year"]])
    document_of = documents.set_index(["person_id", "year"])["document_id"].to_dict()
    incomes = _document_incomes(
        tables["declared_income"],
        documents.set_index("document_id")["year"],
        _rates(tables.get("exchange_rates")),
    )
    checks, flags = [], []
    for row in years.itertuples(index=False):
        donated = int(row.donated)
        document = document_of.get((row.person_id, row.year))
        check = {"person_id": row.person_id, "year": row.year, "donated_minor": donated}
        reason = _unknowable(row.year, row.rows, int(row.missing), document is not None)
        status, raised = NOT_COMPUTABLE, ()
        if not reason:
            income, reason = incomes[document]
            check.update(document_id=document, income_minor=income)
            if income:
                check["income_share"] = _share(donated, income)
            if not reason:
                status, reason, raised = _judged(donated, income, int(row.year))
        code, why = reason or (None, None)
        checks.append(
            {**check, "check_status": status, "check_reason_code": code, "check_reason": why}
        )
        for donor_id in row.donor_ids if raised else ():
            flags.append(rules.flag(raised[0], donor_id, int(row.year), *raised[1:]))
    return pd.DataFrame(checks, columns=COLUMNS), flags
