"""Reading a roll-call page of the Rada (`ns_golos_print?g_id=N`, the print view).

The header holds the session and convocation, "№ <seq> від DD.MM.YYYY HH:MM:SS", the title in
<b>, the totals ("За - n  Проти - n  Утрималися - n  Не голосували - n Всього - n") and the
decision. Then one table: a `<td colspan=4>` block per faction or group (its name, "Кількість
депутатів - n", its own totals with "Відсутні - n"), and rows of two MPs each: short name
("Євтушок С.М.") and a gendered status word.
"""

import re

from bs4 import BeautifulSoup

from pamyat.core import sources

# Gendered status words → one option; the codes are the open-data TSV's.
OPTIONS = {
    "За": "for",
    "Проти": "against",
    "Утримався": "abstain",
    "Утрималась": "abstain",
    "Не голосував": "not voting",
    "Не голосувала": "not voting",
    "Відсутній": "absent",
    "Відсутня": "absent",
}
OPTION_CODES = sources.config("rada")["vote_options"]
_TOTALS = re.compile(
    r"За\s*-\s*(\d+)\s+Проти\s*-\s*(\d+)\s+Утрималися\s*-\s*(\d+)\s+"
    r"Не голосували\s*-\s*(\d+)(?:\s+Відсутні\s*-\s*(\d+))?"
    r"(?:\s+Всього\s*-\s*(\d+))?"
)
_NUMBER_AND_TIME = re.compile(r"№\s*(\d+)\s+від\s+(\d{2})\.(\d{2})\.(\d{4})\s+(\d{2}:\d{2}:\d{2})")
_SESSION = re.compile(r"(\d+)\s+сесія\s+(\d+)\s+скликання")
_BILL = re.compile(r"\(№\s*([^)]+)\)")


class PageError(ValueError):
    pass


def _totals(text: str) -> dict:
    match = _TOTALS.search(text)
    if not match:
        raise PageError(f"no totals line in {text[:120]!r}")
    names = ["for", "against", "abstain", "not_voting", "absent", "total"]
    return {n: int(v) for n, v in zip(names, match.groups(), strict=True) if v is not None}


def parse(html: str) -> dict:
    """The page as a plain dict: header fields and faction blocks with their MPs' options.
    Unknown status words are kept as written, for the caller to report."""
    soup = BeautifulSoup(html, "lxml")
    header = soup.find("td", class_="f2")
    if header is None:
        raise PageError("no header cell (td.f2): not a roll-call page")
    text = " ".join(header.get_text(" ").split())
    when = _NUMBER_AND_TIME.search(text)
    session = _SESSION.search(text)
    bolds = [b.get_text(" ", strip=True) for b in header.find_all("b")]
    titles = [b for b in bolds if "РЕЗУЛЬТАТИ" not in b and not b.startswith("Рішення")]
    if not (when and titles):
        raise PageError("the header has no number, date or title")
    title = " ".join(titles[0].split())
    bill = _BILL.findall(title)
    page = {
        "session": int(session.group(1)) if session else None,
        "convocation": int(session.group(2)) if session else None,
        "number": int(when.group(1)),
        "voted_at": f"{when.group(4)}-{when.group(3)}-{when.group(2)}T{when.group(5)}",
        "title": title,
        "bill_number": bill[-1].strip() if bill else None,
        "decision": next((b for b in bolds if b.startswith("Рішення")), None),
        "totals": _totals(text),
        "blocks": [],
    }
    table = header.find_next("table")
    block = None
    for row in table.find_all("tr") if table else []:
        cells = row.find_all("td")
        if len(cells) == 1 and cells[0].get("colspan"):
            if cells[0].find("b") is None:
                continue  # a spacer row
            block_text = " ".join(cells[0].get_text(" ").split())
            members = re.search(r"Кількість депутатів\s*-\s*(\d+)", block_text)
            block = {
                "name": cells[0].find("b").get_text(" ", strip=True),
                "members": int(members.group(1)) if members else None,
                "totals": _totals(block_text),
                "votes": [],
            }
            page["blocks"].append(block)
            continue
        if block is None:
            continue
        for name_cell, status_cell in zip(cells[0::2], cells[1::2], strict=False):
            name = " ".join(name_cell.get_text(" ").split())
            status = " ".join(status_cell.get_text(" ").split())
            if name:
                block["votes"].append([name, OPTIONS.get(status, status)])
    if not page["blocks"]:
        raise PageError("no faction blocks")
    return page
