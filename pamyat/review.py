"""`pamyat review`: settle the identity review queue in the terminal.

Shows each uncertain pair of the published database with its evidence and asks: same,
different, skip or quit. Answers are appended to data/judgements.csv (commit it); the next
`pamyat build` applies them, and they always win over the engine.
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


def review(database: Path, who: str, ask=input) -> int:
    if not database.is_file():
        print(f"no database at {database}; run `pamyat build` first")
        return 1
    queue = pending(database)
    print(f"{len(queue)} pairs to review; judgements go to {judgements.path()}")
    for number, row in enumerate(queue, start=1):
        print(f"\n[{number}/{len(queue)}] score {row['score']:.3f}  ({row['status']})")
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
