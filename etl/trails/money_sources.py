"""Where a party's money comes from, per year: its own candidates and MPs (persons tied to it,
ties.py), other persons, companies and state funding, net of refunds, each payment once.
Transfers between its own units and reimbursements bring no new money and are left out (the
party page lists them apart)."""

import pandas as pd

# The kinds, in the order the party page shows them (their words: pamyat/portal/words.yml).
KINDS = ("own_politicians", "persons", "companies", "state_funding")


def party_money_sources(
    donations: pd.DataFrame, donors: pd.DataFrame, ties: pd.DataFrame
) -> pd.DataFrame:
    rows = donations[
        donations["repeats_donation_id"].isna()
        & donations["party_id"].notna()
        & donations["year"].notna()
        & donations["receipt_class"].isin(["donation_person", "donation_company", "state_funding"])
    ]
    person = rows["donor_id"].map(donors.set_index("donor_id")["person_id"])
    own_pairs = set(zip(ties["person_id"], ties["party_id"], strict=True))
    own = pd.Series(
        [(p, party) in own_pairs for p, party in zip(person, rows["party_id"], strict=True)],
        index=rows.index,
    )
    kind = rows["receipt_class"].map(
        {
            "donation_person": "persons",
            "donation_company": "companies",
            "state_funding": "state_funding",
        }
    )
    kind = kind.mask(own & (rows["receipt_class"] == "donation_person"), "own_politicians")
    frame = rows.assign(
        money_source=kind,
        received_minor=rows["amount_minor"] - rows["refund_minor"].fillna(0),
    )
    totals = (
        frame.groupby(["party_id", "year", "money_source"], as_index=False)
        .agg(
            received_minor=("received_minor", "sum"),
            donations_count=("donation_id", "size"),
            donors_count=("donor_id", "nunique"),
        )
        .astype({"year": int, "received_minor": "int64"})
    )
    return totals.sort_values(
        ["party_id", "year", "money_source"], key=_kind_order, ignore_index=True
    )


def _kind_order(column: pd.Series) -> pd.Series:
    return column.map(KINDS.index) if column.name == "money_source" else column
