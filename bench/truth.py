"""Precision and recall of the published database against the generator's truth.

Identity is scored over pairs of source units (an MP, a council member, a declarant, a donor
with one true person): a pair is found when the database gives both units one person, and true
when the generator made them one person. A unit the database does not hold (never crawled) is
counted apart, not as a miss of the identity engine. Mentions are scored on the generated items
that name someone: found when the item's mention goes to that person's published id.
"""

import sqlite3
from pathlib import Path

import pandas as pd

UNITS = """
SELECT 'rada' AS source, source_record_id AS unit, person_id FROM person_sources
 WHERE source = 'rada'
UNION ALL
SELECT 'nazk_declarations', source_record_id, person_id FROM person_sources
 WHERE source = 'nazk_declarations'
UNION ALL
SELECT 'cec', source_url || '|' || full_name, person_id FROM candidacies WHERE source = 'cec'
UNION ALL
SELECT 'nazk_party_reports', d.donation_id, coalesce(s.person_id, '') || '|' || d.donor_id
  FROM donations d
  LEFT JOIN person_sources s
    ON s.source = 'nazk_party_reports' AND s.source_record_id = d.donor_id
"""


# Each identity record's unit: the record itself, a CEC candidacy by its page and name, a donor
# by each of its donations.
DONATION_DONORS = "SELECT donation_id AS unit, donor_id AS source_record_id FROM donations"


def units_of(records: pd.DataFrame, person_of_record: pd.Series, database: Path) -> pd.DataFrame:
    """(source, unit, person_id) for an engine that gave each identity record a person
    (`person_of_record`, by "source:record id"; missing or None: the record stands alone), in
    the form the published database gives ours (UNITS)."""
    keys = records["source"] + ":" + records["source_record_id"].astype(str)
    frame = pd.DataFrame(
        {
            "source": records["source"].to_numpy(),
            "source_record_id": records["source_record_id"].astype(str).to_numpy(),
            "unit": records["source_record_id"].astype(str).to_numpy(),
            "person_id": keys.map(person_of_record).fillna("").to_numpy(),
        }
    )
    is_cec = frame["source"] == "cec"
    frame.loc[is_cec, "unit"] = (records["source_url"] + "|" + records["full_name"])[
        is_cec.to_numpy()
    ].to_numpy()
    with sqlite3.connect(database) as conn:
        donations = pd.read_sql_query(DONATION_DONORS, conn)
    donors = frame[frame["source"] == "nazk_party_reports"].drop(columns="unit")
    donors = donations.merge(donors, on="source_record_id")
    donors["person_id"] = donors["person_id"] + "|" + donors["source_record_id"]
    others = frame[frame["source"].isin(["rada", "nazk_declarations", "cec"])]
    return pd.concat([others, donors], ignore_index=True)[["source", "unit", "person_id"]]


def _pairs(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def identity(database: Path, truth: pd.DataFrame, found: pd.DataFrame | None = None) -> dict:
    """Scores the published database's persons, or another engine's (`found`, units_of)."""
    if found is None:
        with sqlite3.connect(database) as conn:
            found = pd.read_sql_query(UNITS, conn)
    people = truth[truth["source"] != "media"]
    joined = people.merge(found, on=["source", "unit"], how="left")
    held = joined[joined["person_id"].notna()].copy()
    # A donation stands for its donor: one unit per donor and true person (person|donor).
    is_donation = held["source"] == "nazk_party_reports"
    held.loc[is_donation, "unit"] = held.loc[is_donation, "person_id"]
    held["person_id"] = held["person_id"].str.split("|").str[0]
    held = held.drop_duplicates(["source", "unit", "key"])
    # A donor the build did not make a person stands alone.
    alone = held["person_id"] == ""
    held.loc[alone, "person_id"] = "alone:" + held.loc[alone, "unit"]
    both = _pairs(held.groupby(["key", "person_id"]).size())
    predicted = _pairs(held.groupby("person_id").size())
    true = _pairs(held.groupby("key").size())
    return {
        "units": len(held),
        "units_not_published": int(joined["person_id"].isna().sum()),
        "true_pairs": true,
        "found_pairs": predicted,
        "precision": round(both / predicted, 4) if predicted else None,
        "recall": round(both / true, 4) if true else None,
        "person_of_key": held.groupby("key")["person_id"].agg(lambda s: s.mode().iloc[0]),
    }


def mentions(database: Path, truth: pd.DataFrame, person_of_key: pd.Series) -> dict:
    wanted = truth[truth["source"] == "media"].rename(columns={"unit": "link"})
    wanted = wanted.assign(person_id=wanted["key"].map(person_of_key))
    with sqlite3.connect(database) as conn:
        found = pd.read_sql_query(
            "SELECT i.url AS link, m.person_id FROM mentions m JOIN media_items i USING (item_id)",
            conn,
        )
    found = found[found["link"].isin(wanted["link"])]
    hits = wanted.merge(found, on=["link", "person_id"], how="inner")
    return {
        "mentions_generated": len(wanted),
        "mentions_found": len(found),
        "precision": round(len(hits) / len(found), 4) if len(found) else None,
        "recall": round(len(hits) / len(wanted), 4) if len(wanted) else None,
    }


def score(database: Path, truth_csv: Path) -> dict:
    truth = pd.read_csv(truth_csv, dtype=str)
    found = identity(database, truth)
    person_of_key = found.pop("person_of_key")
    return {"identity": found, "mentions": mentions(database, truth, person_of_key)}
