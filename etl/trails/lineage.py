"""A party's lineage: every name it was known under, by which source and when (the register's
and CHESNO's reports, the Rada's records and factions, the CEC's nominations), and for each
name its reports were made under, the donors who gave under it and how many of them also gave
under the name before: the donors a party keeps through a renaming. A party is one party by
its EDRPOU code (donors.py), whatever its names."""

import pandas as pd

from etl.trails.ties import year_of

COLUMNS = [
    "party_id",
    "name",
    "source",
    "first_year",
    "last_year",
    "donors_count",
    "shared_donors_count",
    "previous_name",
]


def _report_names(tables) -> pd.DataFrame:
    """Names as the finance reports wrote them, with the years and donors under each."""
    names = tables.pop("donation_party_names", None)
    if names is None or names.empty:
        return pd.DataFrame(columns=COLUMNS)
    donations = tables["donations"]
    rows = donations[donations["repeats_donation_id"].isna()][
        ["donation_id", "party_id", "donor_id", "year", "source", "receipt_class"]
    ].merge(names.dropna(), on="donation_id")
    given = rows[rows["receipt_class"].isin(["donation_person", "donation_company"])]
    spans = rows.groupby(["party_id", "party_name", "source"], as_index=False)["year"].agg(
        first_year="min", last_year="max"
    )
    pairs = given[["party_id", "party_name", "donor_id"]].dropna().drop_duplicates()
    # Each name and the one reports were made under before it (by first, then last year).
    order = spans.sort_values(["first_year", "last_year"]).drop_duplicates(
        ["party_id", "party_name"]
    )
    order["previous_name"] = order.groupby("party_id")["party_name"].shift()
    counted = order[["party_id", "party_name", "previous_name"]].merge(
        pairs.groupby(["party_id", "party_name"]).size().rename("donors_count").reset_index(),
        how="left",
    )
    kept = pairs.merge(
        pairs.rename(columns={"party_name": "previous_name"}), on=["party_id", "donor_id"]
    )
    shared = kept.groupby(["party_id", "party_name", "previous_name"]).size()
    counted = counted.merge(shared.rename("shared_donors_count").reset_index(), how="left").rename(
        columns={"party_name": "name"}
    )
    counted["donors_count"] = counted["donors_count"].fillna(0)
    has_previous = counted["previous_name"].notna()
    counted.loc[has_previous, "shared_donors_count"] = counted.loc[
        has_previous, "shared_donors_count"
    ].fillna(0)
    spans = spans.rename(columns={"party_name": "name"}).merge(
        counted, how="left", on=["party_id", "name"]
    )
    # A name a report's office was listed under, with no payment under it, is a name too.
    listed = tables["party_names"][["party_id", "name", "source", "first_year", "last_year"]]
    return pd.concat([spans, listed], ignore_index=True).drop_duplicates(
        ["party_id", "name", "source"]
    )


def _seen_in_roll_calls(tables) -> pd.DataFrame:
    """The first and last roll-call date each faction voted in (min, max), by organization_id."""
    votes, events = tables.get("votes"), tables.get("vote_events")
    if votes is None or events is None or votes.empty:
        return pd.DataFrame(columns=["min", "max"])
    pairs = votes[["organization_id", "vote_event_id"]].drop_duplicates()
    dates = pairs["vote_event_id"].map(events.set_index("vote_event_id")["event_date"])
    return dates.groupby(pairs["organization_id"]).agg(["min", "max"])


def _other_names(tables) -> pd.DataFrame:
    """The names the CEC nominated candidates under, and the Rada's (its party list and its
    factions), with the years they were seen."""
    found = []
    candidacies = tables.get("candidacies")
    if candidacies is not None and len(candidacies):
        dates = candidacies["election_id"].map(
            tables["elections"].set_index("election_id")["election_date"]
        )
        found.append(
            candidacies.assign(year=year_of(dates))
            .dropna(subset=["nominating_party_id", "nominated_by"])
            .rename(columns={"nominating_party_id": "party_id", "nominated_by": "name"})[
                ["party_id", "name", "year"]
            ]
            .assign(source="cec")
        )
    organizations = tables.get("organizations")
    if organizations is not None and len(organizations):
        factions = organizations[organizations["organization_type"] == "faction"].dropna(
            subset=["party_id"]
        )
        factions = factions.join(_seen_in_roll_calls(tables), on="organization_id")
        for edge in ("min", "max"):
            found.append(
                factions.assign(year=year_of(factions[edge]), source="rada")[
                    ["party_id", "name", "year", "source"]
                ]
            )
    parties = tables["parties"]
    rada = (
        parties[parties["rada_party_code"].notna()]
        if "rada_party_code" in parties
        else parties.iloc[0:0]
    )
    found.append(rada.assign(year=None, source="rada")[["party_id", "name", "year", "source"]])
    frame = pd.concat(found, ignore_index=True)
    frame["name"] = frame["name"].str.strip()
    return frame.groupby(["party_id", "name", "source"], as_index=False)["year"].agg(
        first_year="min", last_year="max"
    )


def party_lineage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    reports = _report_names(tables)
    others = _other_names(tables)
    known = set(tables["parties"]["party_id"])
    lineage = pd.concat([reports, others], ignore_index=True)
    lineage = lineage[lineage["party_id"].isin(known)]
    for column in ("first_year", "last_year", "donors_count", "shared_donors_count"):
        lineage[column] = pd.to_numeric(lineage[column]).astype("Int64")
    return lineage.sort_values(["party_id", "first_year", "name"], ignore_index=True)[COLUMNS]
