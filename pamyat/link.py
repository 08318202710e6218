"""`pamyat link INPUT.csv`: find the portal's persons in a journalist's spreadsheet.

The input needs a `name` column and may have `birth_date` (dd.mm.yyyy, ISO, or words such as
"13 листопада 1973"). Problems are reported per line, and every row that can be matched still
is: a file that is not UTF-8 is read as windows-1251 (Excel's usual Ukrainian export), UTF-16
(Excel's "Unicode text") is read as such, an unreadable date is ignored and the row is matched
by name alone, fields beyond the header are reported. A file that is not text is refused.

Rows are read, matched and written CHUNK_ROWS at a time, with progress on stderr, so a file of
a million rows needs no more memory than its text and one chunk. The output is safe to open in
a spreadsheet (pamyat/spreadsheet.py).
"""

import csv
import io
import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from etl.identity.match import Matcher, load_persons, saved_model
from pamyat.core.text.values import any_date
from pamyat.spreadsheet import safe_row

OUTPUT_COLUMNS = ["person_id", "person_name", "score", "decision", "reason"]
CHUNK_ROWS = 50_000
MAX_FIELD = 1_000_000  # characters of one field
MAX_NAME = 300  # characters of a name worth matching
MAX_REPORTED = 20  # problems of one kind listed line by line; the rest are counted


class LinkInputError(ValueError):
    pass


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text and the problems met reading it."""
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), [f"{path.name}: UTF-16 text (with a byte-order mark), read"]
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:  # every other byte empty: UTF-16 without a mark
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return raw.decode(encoding), [f"{path.name}: {encoding.upper()} text, read"]
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LinkInputError(
            f"{path.name} line {line}: a NUL byte: this is not a text (CSV) file; "
            "save the spreadsheet as CSV (UTF-8) and try again"
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("cp1251", errors="replace"), [
            f"{path.name} line {line}: not UTF-8 (byte {raw[error.start]:#04x}); "
            "the file was read as windows-1251"
        ]


class _Problems:
    """Warnings per line: the first MAX_REPORTED of each kind listed, the rest counted."""

    def __init__(self, name: str, found: list[str]):
        self.name, self.lines = name, list(found)
        self.listed: Counter = Counter()
        self.more: Counter = Counter()

    def add(self, kind: str, line: int, text: str) -> None:
        if self.listed[kind] < MAX_REPORTED:
            self.listed[kind] += 1
            self.lines.append(f"{self.name} line {line}: {text}")
        else:
            self.more[kind] += 1

    def summary(self) -> list[str]:
        return self.lines + [
            f"{self.name}: {count} more lines with {kind}" for kind, count in self.more.items()
        ]


def _rows(path: Path, text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the (line, fields) of every row."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise LinkInputError(f"{path.name} line 1: {error}") from None
    if "name" not in header:
        raise LinkInputError(f"{path.name}: no `name` column (columns: {', '.join(header)})")

    def rows():
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise LinkInputError(
                    f"{path.name} line {reader.line_num}: {error} (at most {MAX_FIELD:,} "
                    "characters a field)"
                ) from None
            yield reader.line_num, row

    return header, rows()


def _queries(chunk, header, problems: _Problems) -> tuple[pd.DataFrame, list[str]]:
    """The chunk's names and birth dates to match, and a note to add to each row's reason."""
    name_at = header.index("name")
    date_at = header.index("birth_date") if "birth_date" in header else None
    names, dates, notes = [], [], []
    for line, row in chunk:
        if len(row) > len(header):
            extra = len(row) - len(header)
            problems.add("extra fields", line, f"{extra} fields more than the header; left out")
        name = row[name_at] if name_at < len(row) else ""
        note = ""
        if len(name) > MAX_NAME:
            problems.add("long names", line, f"a name of {len(name)} characters; not matched")
            name, note = "", f"; name longer than {MAX_NAME} characters, not matched"
        value = row[date_at] if date_at is not None and date_at < len(row) else None
        try:
            date = any_date(value)
        except ValueError:
            problems.add("dates", line, f"cannot read birth_date {value!r}; matched by name only")
            date, note = None, note + "; birth_date unreadable, ignored"
        names.append(name)
        dates.append(date)
        notes.append(note)
    return pd.DataFrame({"name": names, "birth_date": dates}), notes


def link(
    input_path: Path, output_path: Path, database: Path, progress=None
) -> tuple[Counter, list[str]]:
    """Matches every row and writes INPUT with the answer's columns; returns the decisions
    counted and the problems met. `progress(rows done)` is called after each chunk."""
    text, found = read_text(input_path)
    header, rows = _rows(input_path, text)
    problems = _Problems(input_path.name, found)
    matcher = Matcher(load_persons(database), saved_model(database))
    decisions: Counter = Counter()
    done = 0
    with open(output_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(safe_row(header + OUTPUT_COLUMNS))
        while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
            queries, notes = _queries(chunk, header, problems)
            answers = matcher.best(queries)
            answers["reason"] = answers["reason"] + notes
            width = len(header)
            for (_, row), answer in zip(chunk, answers[OUTPUT_COLUMNS].itertuples(index=False),
                                        strict=True):  # fmt: skip
                cells = (row + [""] * width)[:width]
                writer.writerow(safe_row(cells + ["" if pd.isna(v) else v for v in answer]))
            decisions.update(answers["decision"])
            done += len(chunk)
            if progress:
                progress(done)
    return decisions, problems.summary()


def print_progress(done: int) -> None:
    print(f"linked {done:,} rows", file=sys.stderr, flush=True)
