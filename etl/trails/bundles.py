"""Bundles: groups of donors of one party who look like one payer. Many donors giving the same
amount on the same day, or persons who declared the same employer in their own declarations
giving in the same year (rules.yml). Each group is a row of donation_bundles, its donors rows
of donation_bundle_members, and each donor in one gets a red flag naming the group."""

import hashlib

import pandas as pd

from etl.trails import rules
from pamyat.core.text.places import workplace_key

BUNDLE_COLUMNS = [
    "bundle_id",
    "bundle_kind",
    "party_id",
    "year",
    "donation_date",
    "amount_minor",
    "employer",
    "donors_count",
    "total_minor",
]
MEMBER_COLUMNS = ["bundle_id", "donor_id", "person_id", "donations_count", "given_minor"]


def _bundle_id(*parts) -> str:
    return "bundle-" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _same_day(donations: pd.DataFrame) -> pd.DataFrame:
    """Donations (party, date, amount) that the same_amount_same_day rule groups, keyed."""
    rule = rules.rule("same_amount_same_day")
    wages = rules.minimum_wage_minor()
    rows = donations.dropna(subset=["donation_date", "amount_minor", "party_id"])
    floor = rows["year"].map(wages) * rule["minimum_wages"]
    rows = rows[rows["amount_minor"] >= floor]
    key = ["party_id", "donation_date", "amount_minor"]
    donors = rows.groupby(key)["donor_id"].transform("nunique")
    rows = rows[donors >= rule["threshold"]]
    return rows.assign(
        bundle_kind="same_amount_same_day",
        employer=None,
        bundle_id=[
            _bundle_id("same_amount_same_day", p, d, int(a))
            for p, d, a in zip(
                rows["party_id"], rows["donation_date"], rows["amount_minor"], strict=True
            )
        ],
    )


def _workplaces(declarations: pd.DataFrame) -> pd.DataFrame:
    """(person_id, year) → the workplace her declaration for the year (else the year before)
    names, as written and as compared."""
    rows = declarations.dropna(subset=["person_id", "workplace"]).sort_values("submitted_at")
    keys = {place: workplace_key(place) for place in rows["workplace"].unique()}
    rows = rows.assign(employer_key=rows["workplace"].map(keys)).dropna(subset=["employer_key"])
    latest = rows.groupby(["person_id", "declaration_year"]).tail(1)
    next_year = latest.assign(declaration_year=latest["declaration_year"] + 1)
    both = pd.concat([latest.assign(order=0), next_year.assign(order=1)])
    both = both.sort_values("order").drop_duplicates(["person_id", "declaration_year"])
    return both.rename(columns={"declaration_year": "year", "workplace": "employer"})[
        ["person_id", "year", "employer", "employer_key"]
    ]


def _shared_employer(donations, donors, declarations, ties) -> pd.DataFrame:
    rule = rules.rule("shared_employer")
    if declarations is None or declarations.empty:
        return donations.iloc[0:0]
    rows = donations.merge(donors[["donor_id", "person_id"]], on="donor_id").dropna(
        subset=["person_id", "party_id", "year"]
    )
    own = ties[["person_id", "party_id"]].drop_duplicates().assign(own=True)
    rows = rows.merge(own, how="left", on=["person_id", "party_id"])
    rows = rows[rows["own"].isna()].drop(columns="own")
    rows = rows.merge(_workplaces(declarations), on=["person_id", "year"])
    key = ["party_id", "year", "employer_key"]
    persons = rows.groupby(key)["person_id"].transform("nunique")
    rows = rows[persons >= rule["threshold"]]
    named = rows.groupby(key)["employer"].transform("first")
    return rows.assign(
        bundle_kind="shared_employer",
        employer=named,
        bundle_id=[
            _bundle_id("shared_employer", p, int(y), k)
            for p, y, k in zip(rows["party_id"], rows["year"], rows["employer_key"], strict=True)
        ],
    ).drop(columns="person_id")


def _describe(kind: str, bundle) -> tuple[str, str]:
    """A member's flag: (threshold, measured), in figures (the rule says them in words)."""
    rule = rules.rule(kind)
    if kind == "same_amount_same_day":
        wage = rules.minimum_wage_minor()[int(bundle.year)]
        floor = wage * rule["minimum_wages"]
        return (
            f"{rule['threshold']} × ≥ {rules.uah(floor)} ({rule['minimum_wages']} × "
            f"{rules.uah(wage)})",
            f"{bundle.donors_count} × {rules.uah(bundle.amount_minor)}, {bundle.donation_date} "
            f"({bundle.bundle_id})",
        )
    return (
        str(rule["threshold"]),
        f"{bundle.donors_count}: «{bundle.employer}», {int(bundle.year)}, "
        f"{rules.uah(bundle.total_minor)} ({bundle.bundle_id})",
    )


def bundles(tables: dict[str, pd.DataFrame], donations: pd.DataFrame, ties: pd.DataFrame):
    """(donation_bundles, donation_bundle_members, red flags); `donations`: those that count
    (rules.counted_donations)."""
    donations = donations.dropna(subset=["year"])
    donors = tables["donors"]
    grouped = pd.concat(
        [
            _same_day(donations),
            _shared_employer(donations, donors, tables.get("declarations"), ties),
        ],
        ignore_index=True,
    )
    if grouped.empty:
        return pd.DataFrame(columns=BUNDLE_COLUMNS), pd.DataFrame(columns=MEMBER_COLUMNS), []
    by = grouped.groupby("bundle_id")
    groups = by.agg(
        bundle_kind=("bundle_kind", "first"),
        party_id=("party_id", "first"),
        year=("year", "first"),
        donation_date=("donation_date", "first"),
        amount_minor=("amount_minor", "first"),
        employer=("employer", "first"),
        donors_count=("donor_id", "nunique"),
        total_minor=("net_minor", "sum"),
    ).reset_index()
    employer = groups["bundle_kind"] == "shared_employer"
    groups.loc[employer, ["donation_date", "amount_minor"]] = None
    members = (
        grouped.groupby(["bundle_id", "donor_id"], as_index=False)
        .agg(donations_count=("donation_id", "size"), given_minor=("net_minor", "sum"))
        .merge(donors[["donor_id", "person_id"]], on="donor_id")
    )
    described = pd.DataFrame(
        [(b.bundle_id, *_describe(b.bundle_kind, b)) for b in groups.itertuples()],
        columns=["bundle_id", "threshold", "measured"],
    )
    flagged = members.merge(groups, on="bundle_id").merge(described, on="bundle_id")
    # A donor in several bundles of one party and year has one flag naming them all.
    flags = [
        rules.flag(
            kind, donor_id, int(year), rows["threshold"].iloc[0], "; ".join(rows["measured"]), party
        )
        for (kind, donor_id, party, year), rows in flagged.groupby(
            ["bundle_kind", "donor_id", "party_id", "year"]
        )
    ]
    return groups[BUNDLE_COLUMNS], members[MEMBER_COLUMNS], flags
