"""Matching outside records (a journalist's spreadsheet, an OpenRefine query) against the
persons of the built database, with the same engine the build uses."""

import sqlite3
from pathlib import Path

import pandas as pd

from etl.identity import block, settings
from etl.identity.records import prepare
from etl.identity.score import LINK, NONE, REVIEW, reason, score_pairs

NO_CANDIDATE = "no person with a similar name"
# The persons of a built database, in the columns the matcher reads.
PERSONS_SQL = (
    "SELECT person_id AS key, full_name, last_name, first_name, patronymic, birth_date, gender "
    "FROM persons"
)


def load_persons(database: Path) -> pd.DataFrame:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return pd.read_sql_query(PERSONS_SQL, conn)
    finally:
        conn.close()


class Matcher:
    def __init__(self, persons: pd.DataFrame):
        self.config = settings.load()
        self.persons = persons.reset_index(drop=True)
        self.prepared = prepare(self.persons)

    def candidates(self, queries: pd.DataFrame, explain: bool = True) -> pd.DataFrame:
        """Every scored (query, person) pair; queries need `name`, may have `birth_date`.
        `explain` adds each pair's evidence in words (`reason`)."""
        prepared = prepare(queries.assign(key=[str(i) for i in range(len(queries))]))
        pairs, _ = block.candidate_pairs(
            prepared, self.prepared, self.config["blocking"]["max_block_pairs"]
        )
        scored = score_pairs(prepared, self.prepared, pairs, self.config)
        scored["person_id"] = self.persons["key"].to_numpy()[scored["right"]]
        scored["person_name"] = self.persons["full_name"].to_numpy()[scored["right"]]
        if explain:
            scored["reason"] = scored.apply(reason, axis=1) if len(scored) else []
        return scored.sort_values(["left", "score"], ascending=[True, False])

    def best(self, queries: pd.DataFrame) -> pd.DataFrame:
        """One answer per query: the best person, or review when two persons fit equally.
        Only the two best pairs of each query are explained in words."""
        scored = self.candidates(queries, explain=False).groupby("left").head(2)
        if len(scored):
            scored = scored.assign(reason=scored.apply(reason, axis=1))
        found: dict[int, list] = {}
        for row in scored.itertuples():
            found.setdefault(row.left, []).append(row)
        return pd.DataFrame([_answer(found.get(i, [])) for i in range(len(queries))])


def _answer(found: list) -> dict:
    if not found:
        return {
            "person_id": None,
            "person_name": None,
            "score": 0.0,
            "decision": NONE,
            "reason": NO_CANDIDATE,
        }
    top = found[0]
    decision, why = top.decision, top.reason
    if len(found) > 1 and found[1].decision == LINK and decision == LINK:
        decision = REVIEW
        why = f"{why}; also fits {found[1].person_name} ({found[1].person_id})"
    if decision == NONE:
        why = f"closest: {top.person_name} ({top.person_id}): {why}"
    return {
        "person_id": top.person_id if decision != NONE else None,
        "person_name": top.person_name if decision != NONE else None,
        "score": round(float(top.score), 4),
        "decision": decision,
        "reason": why,
    }


def link_prepared(
    left: pd.DataFrame,
    right: pd.DataFrame,
    batch: int = 1_000_000,
) -> tuple[pd.DataFrame, block.BlockStats]:
    """Link two prepared frames at any scale: candidate pairs are scored in batches and only
    the pairs decided link or review are kept."""
    config = settings.load()
    pairs, stats = block.candidate_pairs(left, right, config["blocking"]["max_block_pairs"])
    kept = []
    for start in range(0, len(pairs), batch):
        scored = score_pairs(left, right, pairs.iloc[start : start + batch], config)
        kept.append(scored.loc[scored["decision"] != NONE, ["left", "right", "score", "decision"]])
    found = (
        pd.concat(kept, ignore_index=True)
        if kept
        else pd.DataFrame(columns=["left", "right", "score", "decision"])
    )
    return found, stats
