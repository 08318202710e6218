"""CSV that is safe to open in a spreadsheet (OWASP's rule against formula injection): a cell
that begins with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe, so
Excel or LibreOffice shows it as text instead of running it. A plain number ("-1520.50", a
refund in hryvnias) is no formula and stays a number.

Used for every CSV the portal gives out: Datasette's exports (streamed, through
`SafeCsvStream`), the pages' CSV links and `pamyat link`'s output.
"""

import codecs
import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?")
BOM = "\ufeff"  # lets Excel read the file as UTF-8


def neutralised(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def safe_row(row) -> list:
    return [neutralised(cell) for cell in row]


class SafeCsvStream:
    """Rewrites a CSV body given in chunks of bytes: each complete record is read with the csv
    module, its cells neutralised and written back (QUOTE_MINIMAL, CRLF, as Datasette writes
    them); a record cut by a chunk's end waits for the next chunk."""

    def __init__(self, bom: bool = False):
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._bom = bom

    def feed(self, chunk: bytes, last: bool = False) -> bytes:
        text = self._pending + self._decoder.decode(chunk, final=last)
        cut = len(text) if last else _record_boundary(text)
        self._pending = text[cut:]
        out = io.StringIO()
        if self._bom:
            out.write(BOM)
            self._bom = False
        writer = csv.writer(out)
        for row in csv.reader(io.StringIO(text[:cut], newline="")):
            writer.writerow(safe_row(row))
        return out.getvalue().encode("utf-8")


def _record_boundary(text: str) -> int:
    """The end of the last complete record: just after a newline outside quotes (the text
    begins at a record's start, so an even number of quotes before it means outside)."""
    end = text.rfind("\n")
    while end >= 0 and text.count('"', 0, end) % 2:
        end = text.rfind("\n", 0, end)
    return end + 1
