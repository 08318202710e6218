"""The names of a roll-call page linked to its source's MP records, in the identity stage.

A page names MPs by surname and initials ("Євтушок С.М.") inside blocks. The reader hands over
each page's lines (`roll_call_lines`: the name, the option, the block's organization and
whether the block is a roster of one faction) and each MP's faction (`roll_call_factions`).
Initials alone are weak evidence in general (the identity engine leaves them unlinked), but a
page lists only sitting MPs: a name links when exactly one MP of the block's faction, or else
exactly one MP at all, has that surname and those initials. Where the event also has the
open-data votes, the page is checked against them; otherwise its votes are published.
"""

from collections import Counter, defaultdict
from itertools import groupby

import pandas as pd

from etl.identity.match import Matcher
from etl.identity.model import levels
from pamyat.core.issues import DataIssues
from pamyat.core.raw import PROVENANCE

VOTE_COLUMNS = ["source", "vote_event_id", "person_record_id", "option"]


def link(tables: dict[str, pd.DataFrame], issues: DataIssues) -> None:
    """Adds the linked votes of unchecked pages to `votes`; reports every name left unlinked
    and every difference between a checked page and the votes it is checked against."""
    lines = tables.pop("roll_call_lines", pd.DataFrame())
    factions = tables.pop("roll_call_factions", pd.DataFrame())
    if lines.empty:
        return
    votes = tables.get("votes", pd.DataFrame(columns=VOTE_COLUMNS))
    published = []
    for source, of_source in lines.groupby("source", sort=False):
        roster = tables["person_records"].query("source == @source")
        of_mp = factions.query("source == @source")
        linker = _PageLinker(
            roster.rename(columns={"source_record_id": "key"}),
            dict(zip(of_mp["person_record_id"], of_mp["organization_id"], strict=True)),
        )
        tsv = _options_by_event(votes[votes["source"] == source])
        for page in _pages(of_source):
            page_votes = list(linker.votes(page, issues))
            if page[0]["checked"]:
                _compare(page[0], page_votes, tsv.get(page[0]["vote_event_id"], {}), issues)
            else:
                published.extend(page_votes)
    if published:
        tables["votes"] = pd.concat([votes, pd.DataFrame(published)], ignore_index=True)


def _pages(lines: pd.DataFrame):
    """Each page's lines as dicts (a missing value as None: a block of no faction), read from
    the columns once and made a page at a time: through pandas a page at a time costs seconds
    at national volumes, and all lines as dicts at once hundreds of MB."""
    lines = lines.astype(object).where(lines.notna(), None)
    columns = {name: lines[name].tolist() for name in lines.columns}
    rows = range(len(lines))
    for _, page in groupby(rows, key=columns["source_record_id"].__getitem__):
        yield [{name: values[i] for name, values in columns.items()} for i in page]


def _options_by_event(votes: pd.DataFrame) -> dict:
    """{event: {MP record: option}} of the open-data votes."""
    found: dict = defaultdict(dict)
    columns = (votes[c].tolist() for c in ("vote_event_id", "person_record_id", "option"))
    for event, mp, option in zip(*columns, strict=True):
        found[event][mp] = option
    return found


class _PageLinker:
    def __init__(self, mps: pd.DataFrame, faction_of_mp: dict):
        self.everyone = Matcher(mps)
        self.fitting: dict[str, list[str]] = {}  # short name → MPs with that surname, initials
        self.faction_of_mp = faction_of_mp

    def learn(self, names: set[str]) -> None:
        """The MPs each short name fits. Names repeat on every page (the same MPs vote all
        convocation), so each is scored once."""
        new = sorted(names - set(self.fitting))
        if not new:
            return
        scored = self.everyone.candidates(pd.DataFrame({"name": new}), threshold=0.0)
        learnt = self.everyone.learnt
        fits = scored[
            (levels(scored, learnt, "surname") == "same")
            & levels(scored, learnt, "first").isin(["same", "initial agrees"])
            & ~levels(scored, learnt, "patronymic").isin(["differs", "initial differs"])
        ]
        by_name = fits.groupby("left")["person_id"].apply(list).to_dict()
        self.fitting.update({name: by_name.get(i, []) for i, name in enumerate(new)})

    def votes(self, lines: list[dict], issues: DataIssues):
        self.learn({line["name"] for line in lines})
        linked = [self._link(line) for line in lines]
        twice = {mp for mp, n in Counter(mp for mp, _ in linked if mp).items() if n > 1}
        for line, (mp, why) in zip(lines, linked, strict=True):
            if mp in twice:
                mp, why = None, "two names on the page fit the same MP"
            if mp is None or not line["option_known"]:
                issues.about(
                    line,
                    "name",
                    f"name on the roll-call page not linked to an MP ({line['block']}: {why})",
                    line["name_as_written"],
                )
                continue
            yield {
                "vote_event_id": line["vote_event_id"],
                "person_record_id": mp,
                "faction_code": None,
                "organization_id": line["organization_id"],
                "option": line["option"],
                **{key: line[key] for key in PROVENANCE},
            }

    def _link(self, line: dict) -> tuple[str | None, str]:
        mine = self.fitting[line["name"]]
        in_block = [mp for mp in mine if self.faction_of_mp.get(mp) == line["organization_id"]]
        if line["block_is_roster"] and len(in_block) == 1:
            return in_block[0], "the only MP of the block with these initials"
        if len(mine) == 1:
            return mine[0], "the only MP with this surname and initials"
        return None, f"{len(mine)} MPs have this surname and initials"


def _compare(page: dict, page_votes: list[dict], from_tsv: dict, issues: DataIssues) -> None:
    """The page and the open-data votes must agree on every MP's option; each difference is
    reported."""
    from_page = {v["person_record_id"]: v["option"] for v in page_votes}
    for mp in sorted(set(from_page) | set(from_tsv)):
        if from_page.get(mp) != from_tsv.get(mp):
            issues.about(
                page,
                "option",
                f"roll-call page and vote-results TSV differ for MP {mp}: page "
                f"{from_page.get(mp)}, TSV {from_tsv.get(mp)}",
            )
