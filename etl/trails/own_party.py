"""Politicians who fund their own party: what each candidate, MP or councillor gave, per year,
to a party she is tied to (ties.py), summed from donor_party_years over all her donor records
and both of the party's funds."""

import pandas as pd

# The order ties are named in, strongest first.
TIE_ORDER = ("elected", "list", "faction", "nominated", "member")


def own_party_donations(
    donor_party_years: pd.DataFrame, donors: pd.DataFrame, ties: pd.DataFrame
) -> pd.DataFrame:
    given = donor_party_years.merge(donors[["donor_id", "person_id"]], on="donor_id")
    given = given.dropna(subset=["person_id", "party_id", "year"])
    named = (
        ties.assign(order=ties["tie"].map(TIE_ORDER.index))
        .sort_values("order")
        .groupby(["person_id", "party_id"])["tie"]
        .agg(", ".join)
        .rename("ties")
        .reset_index()
    )
    own = given.merge(named, on=["person_id", "party_id"])
    if own.empty:
        return pd.DataFrame(
            columns=["person_id", "party_id", "year", "net_minor", "donations_count", "ties"]
        )
    return (
        own.groupby(["person_id", "party_id", "year", "ties"], as_index=False)
        .agg(net_minor=("net_minor", "sum"), donations_count=("donations_count", "sum"))
        .astype({"year": int})
        .sort_values(["party_id", "year", "person_id"], ignore_index=True)
    )
