"""A politician's ties to a party: the party nominated her (a candidacy), put her on its list or
seated her in its faction (the Rada), or lists her as a member. Any tie, at any time, makes her
one of the party's own: the party page's "own candidates and MPs"."""

import pandas as pd

COLUMNS = ["person_id", "party_id", "tie", "tie_year"]


def year_of(dates: pd.Series) -> pd.Series:
    """The year of ISO dates ("2019-07-21" → 2019), missing where there is none."""
    return pd.to_numeric(dates.astype("string").str[:4], errors="coerce").astype("Int64")


def party_ties(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per person, party and kind of tie, with the first year it is seen: `nominated`
    (a candidate the party nominated), `elected` (and won), `list` (an MP of its list),
    `faction` (sat in its faction), `member` (a member by the Rada's records)."""
    found = []
    candidacies = tables.get("candidacies")
    if candidacies is not None and len(candidacies):
        elections = tables["elections"].set_index("election_id")["election_date"]
        nominated = candidacies.dropna(subset=["person_id", "nominating_party_id"])
        year = year_of(nominated["election_id"].map(elections))
        elected = nominated["is_elected"].fillna(0).astype(int) == 1
        for tie, rows in (("nominated", nominated), ("elected", nominated[elected])):
            found.append(
                pd.DataFrame(
                    {
                        "person_id": rows["person_id"],
                        "party_id": rows["nominating_party_id"],
                        "tie": tie,
                        "tie_year": year[rows.index],
                    }
                )
            )
    memberships = tables.get("memberships")
    if memberships is not None and len(memberships):
        rows = memberships.dropna(subset=["person_id"])
        factions = tables["organizations"]
        factions = factions[factions["organization_type"] == "faction"]
        faction_party = factions.set_index("organization_id")["party_id"].dropna()
        by_kind = {
            "list": rows["list_party_id"],
            "faction": rows["organization_id"].map(faction_party),
            "member": rows["party_id"].where(rows["role"] == "член партії"),
        }
        for tie, party in by_kind.items():
            found.append(
                pd.DataFrame(
                    {
                        "person_id": rows["person_id"],
                        "party_id": party,
                        "tie": tie,
                        "tie_year": year_of(rows["start_date"]),
                    }
                ).dropna(subset=["party_id"])
            )
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    ties = pd.concat(found, ignore_index=True)
    return ties.groupby(COLUMNS[:3], as_index=False)["tie_year"].min()
