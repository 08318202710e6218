"""Rendering the Rada's roll-call open data from the real roll-call pages.

We hold three real print-view pages and the real registration TSV, but no vote-results TSV
(`plenary_vote_results-skl9.tsv`) nor the event list (`plenary_event_question-skl9.csv`). The
mirror renders both, in the TSV's real encoding (`results` = `id_mp:id_faction:status|...`),
from the pages. MPs are identified by an exact rule, independent of the identity engine that
the ETL uses on the same pages: the short name built from the MPs file ("Євтушок С.М."), with
the faction code each MP has in the real registration nearest in time giving her `id_faction`
and deciding between namesakes. Names that rule cannot place are left out of the TSV and
listed in `unplaced`.

Both files have their real columns (formats.md): the event list's are documented by a public
client's test (`date_agenda,id_question,date_question,type_event,date_event,name_event,id_event`,
type_event 0 a vote, date_event like `2019-08-30T02:07:50`), and the vote-results TSV's
`voting_result` column by the issue that found it; its values (1 adopted, 0 not) and its place
before `results` are inferred. The pages give no question id or time: those cells are empty.
"""

import csv
import io
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from pamyat.core.text.names import clean_text
from scrapers.rada.vote_page import OPTION_CODES

RESULT_COLUMNS = [
    "date_agenda",
    "id_question",
    "id_event",
    "for",
    "against",
    "abstain",
    "not_voting",
    "total",
    "presence",
    "absent",
    "voting_result",
    "results",
]
EVENT_COLUMNS = [
    "date_agenda",
    "id_question",
    "date_question",
    "type_event",
    "date_event",
    "name_event",
    "id_event",
]
VOTE_EVENT_TYPE = 0


def short_name(text: str) -> str:
    """ "Джемілєв М. ." (a missing patronymic on the pages) and "Джемілєв М." are one name."""
    return clean_text(text.replace(" .", ""))


def mp_short_name(mp: dict) -> str:
    initials = "".join(f"{part[0]}." for part in (mp["first_name"], mp["second_name"]) if part)
    return short_name(f"{mp['last_name']} {initials}")


def registration_codes(registrations: list[dict]):
    """A function of a day (ISO) giving each MP's (rada_id) faction code at the registration
    nearest to that day. The registrations are read once; each day's answer is kept."""
    parsed = [
        (
            date.fromisoformat(row["date_agenda"]),
            [
                parts
                for parts in (t.split(":") for t in row["results"].split("|"))
                if len(parts) == 3
            ],
        )
        for row in registrations
    ]

    @cache
    def codes_on(day: str) -> dict[str, str]:
        when = date.fromisoformat(day)
        codes: dict[str, str] = {}
        for _, triples in sorted(parsed, key=lambda r: abs(r[0] - when).days, reverse=True):
            codes.update((mp, code) for mp, code, _ in triples)
        return codes

    return codes_on


def render(pages: dict[int, dict], mps: list[dict], registrations: list[dict]):
    """(vote-results TSV text, event-list CSV text, unplaced names)."""
    by_short: dict[str, list[dict]] = defaultdict(list)
    for mp in mps:
        by_short[mp_short_name(mp)].append(mp)
    results, events, unplaced = [], [], []
    codes_on = registration_codes(registrations)
    for g_id, page in sorted(pages.items()):
        code_of = codes_on(page["voted_at"][:10])
        triples, placed = [], set()
        for block in page["blocks"]:
            unique = [
                by_short[short_name(n)][0]
                for n, _ in block["votes"]
                if len(by_short[short_name(n)]) == 1
            ]
            block_codes = Counter(code_of.get(mp["rada_id"]) for mp in unique)
            block_code = block_codes.most_common(1)[0][0] if block_codes else None
            for name, option in block["votes"]:
                same_name = by_short[short_name(name)]
                found = [
                    mp
                    for mp in same_name
                    if len(same_name) == 1 or code_of.get(mp["rada_id"]) == block_code
                ]
                if (
                    len(found) != 1
                    or option not in OPTION_CODES
                    or found[0]["rada_id"] in placed
                    or found[0]["rada_id"] not in code_of
                ):
                    unplaced.append((g_id, block["name"], name))
                    continue
                mp = found[0]["rada_id"]
                placed.add(mp)
                triples.append(f"{mp}:{code_of[mp]}:{OPTION_CODES[option]}")
        totals = page["totals"]
        absent = sum(b["totals"].get("absent", 0) for b in page["blocks"])
        members = sum(b["members"] or 0 for b in page["blocks"])
        day = page["voted_at"][:10]
        results.append(
            [
                day,
                "",
                g_id,
                totals["for"],
                totals["against"],
                totals["abstain"],
                totals["not_voting"],
                totals["total"],
                members - absent,
                absent,
                "" if not page["decision"] else int("не прийнято" not in page["decision"]),
                "|".join(triples),
            ]
        )
        events.append([day, "", "", VOTE_EVENT_TYPE, page["voted_at"], page["title"], g_id])
    return _table(RESULT_COLUMNS, results, "\t"), _table(EVENT_COLUMNS, events, ","), unplaced


def _table(columns: list[str], rows: list[list], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()
