"""Matching outside records (a journalist's spreadsheet, an OpenRefine query, the short names
of a roll-call page) against the persons of the built database, with the model the build
learnt (model.py): a name weighs as rare as it is among those persons, and the prior is one in
their number."""

import sqlite3
from pathlib import Path

import pandas as pd

from etl.identity import model, settings
from etl.identity.records import prepare
from etl.identity.score import LINK, NONE, REVIEW, decide

NO_CANDIDATE = "no person with a similar name"
# The persons of a built database, in the columns the matcher reads.
PERSONS_SQL = (
    "SELECT person_id AS key, full_name, last_name, first_name, patronymic, birth_date FROM persons"
)


def load_persons(database: Path) -> pd.DataFrame:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return pd.read_sql_query(PERSONS_SQL, conn)
    finally:
        conn.close()


def saved_model(database: Path) -> dict:
    """The model the build of `database` saved beside it, else the base model."""
    path = Path(database).with_name("identity_model.json")
    return model.load(path if path.is_file() else model.BASE_MODEL)


class Matcher:
    def __init__(self, persons: pd.DataFrame, learnt: dict | None = None):
        self.config = settings.load()
        self.persons = persons.reset_index(drop=True)
        self.frame = model.model_frame(
            prepare(self.persons.assign(key=[str(i) for i in range(len(persons))]))
        )
        self.learnt = learnt or model.load(model.BASE_MODEL)

    def candidates(self, queries: pd.DataFrame, threshold: float | None = None) -> pd.DataFrame:
        """Every scored (query, person) pair at or above `threshold` (default: the review
        threshold); queries need `name`, may have `birth_date` and evidence columns.
        Columns: left (query row), right (person row), person_id, person_name, score,
        decision, reason (the evidence in words) and each comparison's level (gamma_*)."""
        frame = model.model_frame(
            prepare(queries.assign(key=[str(i) for i in range(len(queries))]))
        )
        if threshold is None:
            threshold = self.config["thresholds"]["review"]
        scored, _ = model.predict_between(frame, self.frame, self.learnt, threshold)
        scored["left"] = scored["left_record"].astype(int)
        scored["right"] = scored["right_record"].astype(int)
        scored["person_id"] = self.persons["key"].to_numpy()[scored["right"]]
        scored["person_name"] = self.persons["full_name"].to_numpy()[scored["right"]]
        scored["decision"] = decide(
            scored["score"], self.config, model.never_linked(scored, self.learnt)
        )
        scored["reason"] = scored["evidence"]
        return scored.sort_values(["left", "score"], ascending=[True, False], ignore_index=True)

    def best(self, queries: pd.DataFrame) -> pd.DataFrame:
        """One answer per query: the best person, or review when another person fits too."""
        scored = self.candidates(queries, threshold=0.0).groupby("left").head(2)
        # The whole name agrees and nothing else is known of the pair (gender is the name's).
        name_parts = ["surname", "first", "patronymic"]
        others = [
            c for c in scored if c.startswith("gamma_") and c[6:] not in [*name_parts, "gender"]
        ]
        scored["name_alone"] = (scored[others] == -1).all(axis=1)
        for part in name_parts:
            scored["name_alone"] &= model.levels(scored, self.learnt, part) == "same"
        found: dict[int, list] = {}
        for row in scored.itertuples():
            found.setdefault(row.left, []).append(row)
        most = self.config["name_only"]["max_expected_namesakes"]
        return pd.DataFrame(
            [_answer(found.get(i, []), most, len(self.persons)) for i in range(len(queries))]
        )


def _answer(found: list, most_namesakes: float, persons: int) -> dict:
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
    second = found[1] if len(found) > 1 and found[1].decision != NONE else None
    if second is not None and decision == LINK:
        # A name two persons carry (or that fits a second person at all) is for a person to
        # decide, with both named.
        decision = REVIEW
        why = f"{why}; also fits {second.person_name} ({second.person_id}): {second.reason}"
    elif second is None and top.name_alone and decision != NONE:
        # A name alone links when the one person who carries it is the only one expected.
        rare = top.expected_namesakes <= most_namesakes
        decision = LINK if rare or decision == LINK else REVIEW
        why = (
            f"{why}; the only person with this full name among {persons:,}, where "
            f"{top.expected_namesakes:.3f} namesakes are expected (links at most {most_namesakes})"
        )
    if decision == NONE:
        why = f"closest: {top.person_name} ({top.person_id}): {why}"
    return {
        "person_id": top.person_id if decision != NONE else None,
        "person_name": top.person_name if decision != NONE else None,
        "score": round(float(top.score), 4),
        "decision": decision,
        "reason": why,
    }
