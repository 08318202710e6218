"""`pamyat review`: settle the identity review queue in the terminal.

Shows each uncertain pair of the published database with its evidence and asks: same,
different, skip or quit. A possible relative (a donor named as a politician's declared family
member) is asked the same way: same means the donor is that family member.
`--record SOURCE:ID` reviews one published link instead (a reader's report of a wrong link):
the record against the record that speaks for its person. Answers are appended to
data/judgements.csv (commit it); the next `pamyat build` applies them, and they always win over
the engine.
"""

import sqlite3
from pathlib import Path

from etl.identity import judgements

PROMPT = "[s]ame, [d]ifferent, [k] skip, [q]uit? "
ANSWERS = {"s": judgements.SAME, "d": judgements.DIFFERENT}


def pending(database: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM match_review ORDER BY score DESC").fetchall()
    finally:
        conn.close()
    judged = {j.pair for j in judgements.load()}
    return [r for r in rows if frozenset((r["left_record"], r["right_record"])) not in judged]


LINKED_RECORD = """
    SELECT s.person_id, s.match_method, s.match_score, s.match_evidence, p.full_name,
           (SELECT a.source || ':' || a.source_record_id FROM person_sources a
             WHERE a.person_id = s.person_id AND a.match_method IN ('anchor', 'source id')
             LIMIT 1) AS anchor
    FROM person_sources s JOIN persons p USING (person_id)
    WHERE s.source || ':' || s.source_record_id = ?
"""


def review_record(database: Path, record: str, who: str, ask=input) -> int:
    """One published link: same keeps it, different unlinks the record from its person at the
    next build (a judgement against the record that speaks for the person)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(LINKED_RECORD, (record,)).fetchone()
    finally:
        conn.close()
    if row is None:
        print(f"no published record {record} (source:record id, as on the person page)")
        return 1
    if row["anchor"] in (None, record):
        print(f"{record} speaks for {row['person_id']} ({row['full_name']}): nothing linked it")
        return 1
    print(
        f"{record} is linked to {row['person_id']} ({row['full_name']}), whose record is "
        f"{row['anchor']}: {row['match_method']}, probability {row['match_score'] or 1:.3f}"
    )
    print(f"  evidence: {row['match_evidence'] or row['match_method']}")
    answer = ""
    while answer not in ("s", "d", "q"):
        answer = ask("[s]ame person, [d]ifferent person, [q]uit? ").strip().lower()[:1]
    if answer in ANSWERS:
        judgements.append(
            judgements.Judgement(
                record,
                row["anchor"],
                ANSWERS[answer],
                who,
                judgements.now(),
                "pamyat review --record",
            )
        )
        print(f"judged {ANSWERS[answer]}; the next `pamyat build` applies it")
    return 0


def _asked(row: sqlite3.Row) -> str:
    """An identity pair shows the engine's score; a possible relative, proposed by a rule, its
    question: is the donor (left) the family member the politician declared (right)?"""
    if row["score"] is None:
        return "is the donor the declared family member? (same = yes)"
    return f"score {row['score']:.3f}"


def review(database: Path, who: str, ask=input) -> int:
    if not database.is_file():
        print(f"no database at {database}; run `pamyat build` first")
        return 1
    queue = pending(database)
    print(f"{len(queue)} pairs to review; judgements go to {judgements.path()}")
    for number, row in enumerate(queue, start=1):
        print(f"\n[{number}/{len(queue)}] {_asked(row)}  ({row['status']})")
        print(f"  {row['left_record']:<28} {row['left_name']}")
        print(f"  {row['right_record']:<28} {row['right_name']}")
        print(f"  evidence: {row['evidence']}")
        answer = ""
        while answer not in ("s", "d", "k", "q"):
            answer = ask(PROMPT).strip().lower()[:1]
        if answer == "q":
            break
        if answer in ANSWERS:
            judgements.append(
                judgements.Judgement(
                    row["left_record"],
                    row["right_record"],
                    ANSWERS[answer],
                    who,
                    judgements.now(),
                    "pamyat review",
                )
            )
    return 0
