"""`pamyat link INPUT.csv`: find the portal's persons in a journalist's spreadsheet.

The input needs a `name` column and may have `birth_date` (dd.mm.yyyy, ISO, or words such as
"13 листопада 1973"). Problems are reported per line, and every row that can be matched still
is: a line that is not UTF-8 is read as windows-1251 (Excel's usual Ukrainian export), an
unreadable date is ignored and the row is matched by name alone.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from etl.identity.match import Matcher, load_persons
from etl.normalize.values import any_date

OUTPUT_COLUMNS = ["person_id", "person_name", "score", "decision", "reason"]


class LinkInputError(ValueError):
    pass


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text and the problems met reading it."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("cp1251", errors="replace"), [
            f"{path.name} line {line}: not UTF-8 (byte {raw[error.start]:#04x}); "
            "the file was read as windows-1251"
        ]


def read_input(path: Path) -> tuple[pd.DataFrame, list[str]]:
    text, problems = read_text(path)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    columns = list(rows[0]) if rows else []
    if "name" not in columns:
        raise LinkInputError(f"{path.name}: no `name` column (columns: {', '.join(columns)})")
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    birth_dates, unreadable = [], []
    for line, value in enumerate(frame.get("birth_date", [None] * len(frame)), start=2):
        try:
            birth_dates.append(any_date(value))
            unreadable.append(False)
        except ValueError:
            problems.append(
                f"{path.name} line {line}: cannot read birth_date {value!r}; matched by name only"
            )
            birth_dates.append(None)
            unreadable.append(True)
    return frame.assign(_birth_date=birth_dates, _unreadable_date=unreadable), problems


def link(input_path: Path, output_path: Path, database: Path) -> tuple[pd.DataFrame, list[str]]:
    frame, problems = read_input(input_path)
    queries = pd.DataFrame({"name": frame["name"].fillna(""), "birth_date": frame["_birth_date"]})
    answers = Matcher(load_persons(database)).best(queries)
    answers.loc[frame["_unreadable_date"].to_numpy(), "reason"] += (
        "; birth_date unreadable, ignored"
    )
    result = pd.concat(
        [
            frame.drop(columns=["_birth_date", "_unreadable_date"]).reset_index(drop=True),
            answers[OUTPUT_COLUMNS],
        ],
        axis=1,
    )
    result.to_csv(output_path, index=False, encoding="utf-8")
    return result, problems
