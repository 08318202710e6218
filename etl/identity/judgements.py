"""Human judgements: data/judgements.csv, committed, and always stronger than the engine.

One line per judged pair of source records ("rada:11728", "cec2019:123"): same or different,
who judged and when, and a note. `pamyat review` appends to it; the build reads it.
"""

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pamyat.core import config

COLUMNS = ["left_record", "right_record", "judgement", "who", "judged_at", "note"]
SAME, DIFFERENT = "same", "different"


@dataclass(frozen=True)
class Judgement:
    left_record: str
    right_record: str
    judgement: str
    who: str
    judged_at: str
    note: str = ""

    @property
    def pair(self) -> frozenset:
        return frozenset((self.left_record, self.right_record))


def path() -> Path:
    return config.judgements_path()


def load(file: Path | None = None) -> list[Judgement]:
    file = file or path()
    if not file.is_file():
        return []
    with file.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{file}: columns must be {COLUMNS}, found {reader.fieldnames}")
        judgements = []
        for line, row in enumerate(reader, start=2):
            if row["judgement"] not in (SAME, DIFFERENT):
                raise ValueError(f"{file} line {line}: judgement must be same or different")
            judgements.append(Judgement(**row))
    return judgements


def append(judgement: Judgement, file: Path | None = None) -> None:
    file = file or path()
    new = not file.is_file() or file.stat().st_size == 0
    with file.open("a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if new:
            writer.writerow(COLUMNS)
        writer.writerow([getattr(judgement, c) for c in COLUMNS])


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
