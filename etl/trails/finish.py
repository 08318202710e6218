"""The money trails, run by the build once every record carries its person (after each
source's finish): their tables, their red flags added to donor_red_flags, and the possible
relatives added to the identity review queue."""

import pandas as pd

from etl.identity.judgements import Judgement
from etl.trails import (
    bundles,
    income,
    lineage,
    money_sources,
    own_party,
    relatives,
    rules,
    ties,
)


def _flags(existing: pd.DataFrame, new: list[dict], donors: pd.DataFrame) -> pd.DataFrame:
    """donor_red_flags with the trails' flags after the register's own, numbered anew."""
    if not new:
        return existing
    added = pd.DataFrame(new).merge(donors[["donor_id", "person_id"]], how="left", on="donor_id")
    frame = pd.concat([existing.drop(columns="flag_id", errors="ignore"), added], ignore_index=True)
    return frame.rename_axis("flag_id").reset_index()


def _review(queue: pd.DataFrame, asked: pd.DataFrame) -> pd.DataFrame:
    """The identity queue with the relatives to judge after it (numbered as published)."""
    queue = queue.assign(question="same person")
    return pd.concat([queue, asked], ignore_index=True) if len(asked) else queue


def finish(tables: dict[str, pd.DataFrame], judgements: list[Judgement]) -> None:
    if "donations" not in tables:
        return
    found_ties = ties.party_ties(tables)
    donors = tables["donors"]
    given = rules.counted_donations(tables["donations"])
    checks, income_flags = income.income_checks(tables, given)
    groups, members, bundle_flags = bundles.bundles(tables, given, found_ties)
    asked, linked = relatives.settle(
        relatives.possible_relatives(tables), judgements, donors.set_index("donor_id")["source"]
    )
    tables.update(
        donor_income_checks=checks,
        own_party_donations=own_party.own_party_donations(
            tables["donor_party_years"], donors, found_ties
        ),
        party_money_sources=money_sources.party_money_sources(
            tables["donations"], donors, found_ties
        ),
        donation_bundles=groups,
        donation_bundle_members=members,
        donor_relatives=linked,
        party_lineage=lineage.party_lineage(tables),
        donor_red_flags=_flags(tables["donor_red_flags"], income_flags + bundle_flags, donors),
        match_review=_review(tables["match_review"], asked),
    )
