"""Party finance across sources, before identity: one party id per party (by EDRPOU code, whatever
its names over time), repeated donations marked, one donor per donor, and the donors who may be
politicians handed to the identity engine.

Donors: a legal entity is its EDRPOU code; a person is her normalised name plus region, split by
birth date or tax number where a source gives one. Initials ("АНТОНЕНКО А.В.") are a donor of
their own, never merged with a full name. Codes, birth dates and addresses serve matching only
and are dropped here, before anything is published.
"""

import hashlib
import re

import pandas as pd

from pamyat.core.text.names import clean_text
from pamyat.core.text.parse import parse_name
from pamyat.core.text.parties import party_id, party_key
from pamyat.core.text.values import iso_date
from scrapers.nazk_party_reports import finance as pf
from scrapers.nazk_party_reports import receipts

FINANCE_TABLES = ("party_reports", "donations", "party_expenditures")
SOURCE_ORDER = {"nazk_party_reports": 0, "chesno_party_reports": 1}
REPORT_ORDER = {"quarterly": 0, "election_fund": 0, "annual": 1}
INITIALS = re.compile(r"(?:^|\s)\w\.")
PRIVATE = ["_private_code", "_private_birth_date"]


def _name_key(name) -> str:
    return " ".join(clean_text(name).casefold().replace("’", "'").replace("ʼ", "'").split())


class Parties:
    """Party ids by EDRPOU code and by name key, and each party's names over time."""

    def __init__(self, units: pd.DataFrame, other: pd.DataFrame):
        self.units = units.dropna(subset=["unit_code"])
        self.party_of_unit = dict(
            zip(self.units["unit_code"], self.units["party_code"], strict=True)
        )
        central = self.units[self.units["is_central"] == 1].dropna(subset=["unit_name"])
        self.names = central.assign(name_key=central["unit_name"].map(party_key))
        self.other = other
        self.other_keys = dict(zip(other["party_id"], other["name_key"], strict=True))
        self.by_code, self.by_key = {}, {}
        for code, names in self.names.groupby("party_code"):
            ordered = names.sort_values("year", na_position="last")["name_key"]
            slugs = [party_id(key) for key in ordered]
            chosen = next((s for s in slugs if s in self.other_keys), slugs[0])
            self.by_code[code] = chosen
            self.by_key.update(dict.fromkeys(names["name_key"], chosen))

    def of(self, code, name) -> str | None:
        """The party of a row: by its unit's code, else by its party's name."""
        code = self.party_of_unit.get(code, code)
        if code in self.by_code:
            return self.by_code[code]
        key = party_key(name) if isinstance(name, str) else ""
        return self.by_key.get(key, party_id(key)) if key else None

    def remap(self, ids: pd.Series) -> pd.Series:
        """Another source's party id, when its name is one of a coded party's names."""
        return ids.map(lambda i: self.by_key.get(self.other_keys.get(i), i), na_action="ignore")

    def tables(self, named: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """`parties`, `party_names` and `party_branches`; `named` holds (party_id, party_name) of
        finance rows whose party has no code."""
        names = self.names.assign(party_id=self.names["party_code"].map(self.by_code))
        latest = names.sort_values("year", na_position="last").groupby("party_id").tail(1)
        coded = pd.DataFrame(
            {
                "party_id": latest["party_id"],
                "name": latest["unit_name"],
                "name_key": latest["name_key"],
                "edrpou_code": latest["party_code"],
            }
        )
        known = set(coded["party_id"]) | set(self.other["party_id"])
        named = named[~named["party_id"].isin(known)].drop_duplicates("party_id")
        # A party other sources know keeps their row (its name, its Rada code) and gains the code.
        other = self.other.assign(
            edrpou_code=self.other["party_id"].map(coded.set_index("party_id")["edrpou_code"])
        )
        parties = pd.concat(
            [
                coded[~coded["party_id"].isin(other["party_id"])],
                other,
                pd.DataFrame(
                    {
                        "party_id": named["party_id"],
                        "name": named["party_name"],
                        "name_key": named["party_name"].map(party_key),
                    }
                ),
            ],
            ignore_index=True,
        )
        seen = (
            names.groupby(["party_id", "unit_name", "source"], dropna=False)["year"]
            .agg(first_year="min", last_year="max")
            .reset_index()
            .rename(columns={"unit_name": "name"})
        )
        return {"parties": parties, "party_names": seen, "party_branches": self._branches()}

    def names_as_written(self, donations: pd.DataFrame) -> pd.DataFrame:
        """(donation_id, party_name): the party's name as the donation's source wrote it, the
        name its register code had where the source wrote none. Read by the money trails'
        lineage (which donors gave under which name), not published."""
        latest = self.names.sort_values("year", na_position="last")
        central = latest.drop_duplicates("party_code", keep="last").set_index("party_code")
        central = central["unit_name"]
        code = donations["party_code"].map(self.party_of_unit).fillna(donations["party_code"])
        written = donations.get("party_name", pd.Series(None, index=donations.index, dtype=object))
        return pd.DataFrame(
            {
                "donation_id": donations["donation_id"],
                "party_name": written.fillna(code.map(central)),
            }
        )

    def _branches(self) -> pd.DataFrame:
        branches = self.units[self.units["is_central"] == 0]
        branches = branches.assign(
            party_id=branches["party_code"].map(self.by_code),
            order=branches["year"].fillna(9999),
        ).sort_values(["unit_code", "order"])
        grouped = branches.groupby("unit_code")
        latest = grouped.tail(1).set_index("unit_code")
        return pd.DataFrame(
            {
                "branch_code": latest.index,
                "party_id": latest["party_id"].to_numpy(),
                "name": latest["unit_name"].to_numpy(),
                "names_count": grouped["unit_name"].nunique().reindex(latest.index).to_numpy(),
                "first_report_year": grouped["year"].min().reindex(latest.index).to_numpy(),
                "last_report_year": grouped["year"].max().reindex(latest.index).to_numpy(),
            }
        )


def unify_parties(tables: dict) -> None:
    other = tables.get("parties", pd.DataFrame(columns=["party_id", "name", "name_key"]))
    parties = Parties(tables.pop("party_units"), other)
    for name in FINANCE_TABLES:
        frame = tables[name]
        names = frame.get("party_name", pd.Series(None, index=frame.index, dtype=object))
        frame["party_id"] = [
            parties.of(code, party) for code, party in zip(frame["party_code"], names, strict=True)
        ]
    by_report = tables["party_reports"].set_index("report_id")["party_id"].dropna()
    for name in ("donations", "party_expenditures"):
        frame = tables[name]
        frame["party_id"] = frame["report_id"].map(by_report).fillna(frame["party_id"])
    for frame in tables.values():
        for column in [c for c in frame.columns if c.endswith("party_id")]:
            frame[column] = parties.remap(frame[column])
    # Names as written come with CHESNO's rows only (the register gives codes): none without.
    named = pd.concat(
        [pd.DataFrame(columns=["party_id", "party_name"])]
        + [
            tables[n][["party_id", "party_name"]]
            for n in FINANCE_TABLES
            if "party_name" in tables[n]
        ]
    ).dropna()
    tables.update(parties.tables(named))
    tables["donation_party_names"] = parties.names_as_written(tables["donations"])
    for name in FINANCE_TABLES:
        tables[name] = tables[name].drop(columns=["party_code", "party_name"], errors="ignore")


def mark_repeats(donations: pd.DataFrame, report_kinds: pd.Series) -> pd.DataFrame:
    """A donation that a report of higher rank already holds (the same unit, donor, date and
    amount; the n-th such row of a report matches the n-th of another) gets `repeats_donation_id`
    and counts in no total. The register ranks above CHESNO, quarterly reports above annual."""
    frame = donations.copy()
    kind_order = frame["report_id"].map(report_kinds).map(REPORT_ORDER).fillna(0)
    frame["_rank"] = frame["source"].map(SOURCE_ORDER) * 10 + kind_order
    frame["_donor_key"] = frame["donor_name"].map(_name_key, na_action="ignore")
    key = ["party_id", "unit_code", "_donor_key", "donation_date", "amount_minor"]
    comparable = frame[key].notna().all(axis=1)
    frame = frame.sort_values(["_rank", "report_id"], kind="stable")
    frame["_nth"] = frame.groupby(key + ["report_id"], dropna=False).cumcount()
    first = frame.groupby(key + ["_nth"], dropna=False)["donation_id"].transform("first")
    frame["repeats_donation_id"] = first.where(comparable & (first != frame["donation_id"]))
    return frame.sort_index().drop(columns=["_rank", "_donor_key", "_nth"])


def _identifier(code, birth) -> str | None:
    """What tells two people of one name and region apart: a tax number, else a birth date."""
    code = pf.text(code)
    if code and code.isdigit() and len(code) == 10:
        return "tax:" + code
    try:
        born = iso_date(pf.text(birth))
    except ValueError:
        born = None
    return "born:" + born if born else None


def _fill_from_single(values: pd.Series, groups: pd.Series) -> pd.Series:
    """A missing value (a region, a birth date) is no contradiction: a row without one joins the
    only value its group (one name) has, if it has only one."""
    grouped = values.groupby(groups)
    single = grouped.first()[grouped.nunique() == 1]
    return values.astype(object).fillna(groups.map(single).astype(object))


def _numbers(values: pd.Series, groups: pd.Series, order: pd.Series) -> pd.Series:
    """Each value's number within its group, counted in `order` (a stable row id): what a
    donor key holds instead of a tax number or birth date, so that no published id can be
    traced back to one, and the same data gives the same ids whatever the crawl order."""
    frame = pd.DataFrame({"value": values.fillna(""), "group": groups, "order": order})
    frame = frame.sort_values("order", kind="stable")
    firsts = frame.drop_duplicates(["group", "value"]).copy()
    firsts["number"] = firsts.groupby("group", dropna=False).cumcount().astype(str)
    numbered = frame.merge(firsts[["group", "value", "number"]], how="left", on=["group", "value"])
    return pd.Series(numbered["number"].to_numpy(), index=frame.index).reindex(values.index)


def donor_keys(donations: pd.DataFrame) -> pd.Series:
    """The donor key of every donation (None without a donor's name)."""
    name_key = donations["donor_name"].map(_name_key, na_action="ignore")
    person = donations["donor_kind"] == "individual"
    code = donations["_private_code"].map(pf.legal_code, na_action="ignore").astype(object)
    keys = ("org:" + name_key).where(code.isna(), "code:" + code.fillna(""))
    initials = donations["donor_name"].fillna("").str.contains(INITIALS)
    region = _fill_from_single(donations["donor_region"], name_key.where(person))
    base = (
        initials.map({True: "initials:", False: "person:"})
        + name_key.fillna("")
        + "|"
        + region.fillna("")
    )
    identifier = pd.Series(
        [
            _identifier(c, b)
            for c, b in zip(
                donations["_private_code"], donations["_private_birth_date"], strict=True
            )
        ],
        index=donations.index,
    )
    identifier = _fill_from_single(identifier, base.where(person))
    keys = keys.where(~person, base + "#" + _numbers(identifier, base, donations["donation_id"]))
    return keys.where(name_key.notna())


def _donor_id(key: str) -> str:
    return "donor-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _most_common(values: pd.Series, groups: pd.Series) -> pd.Series:
    """Each group's most common value (the smallest of a tie, as Series.mode orders them);
    counted for all groups at once: a lambda per group took minutes at national volumes."""
    frame = pd.DataFrame({"group": groups, "value": values}).dropna()
    counts = frame.groupby(["group", "value"]).size().rename("n").reset_index()
    counts = counts.sort_values(["group", "n", "value"], ascending=[True, False, True])
    return counts.drop_duplicates("group").set_index("group")["value"]


def donors(donations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`donors` (one row per donor) and the person records of donors who are named in full."""
    given = donations.dropna(subset=["donor_id"]).sort_values(["year", "donation_id"])
    grouped = given.groupby("donor_id")
    first = grouped.head(1).set_index("donor_id")
    code = given["_private_code"].map(pf.legal_code, na_action="ignore")
    table = (
        pd.DataFrame(
            {
                "name": _most_common(given["donor_name"], given["donor_id"]),
                "donor_kind": grouped["donor_kind"].first(),
                "region": _most_common(given["donor_region"], given["donor_id"]),
                "edrpou_code": code.where(given["donor_kind"] != "individual")
                .groupby(given["donor_id"])
                .first(),
                "first_year": grouped["year"].min(),
                "last_year": grouped["year"].max(),
                "donations_count": grouped.size(),
                "source": first["source"],
                "source_url": first["source_url"],
                "run_id": first["run_id"],
                "main_party_id": _most_common(given["party_id"], given["donor_id"]),
            }
        )
        .rename_axis("donor_id")
        .reset_index()
    )
    table["person_record_id"] = table["source_record_id"] = table["donor_id"]
    full = (table["donor_kind"] == "individual") & ~table["name"].str.contains(INITIALS)
    people = table[full]
    parsed = people["name"].map(parse_name)
    records = pd.DataFrame(
        {
            "source": people["source"],
            "source_record_id": people["donor_id"],
            "source_url": people["source_url"],
            "run_id": people["run_id"],
            "last_name": parsed.map(lambda p: p.last),
            "first_name": parsed.map(lambda p: p.first),
            "patronymic": parsed.map(lambda p: p.patronymic or None),
            "full_name": people["name"],
            "region": people["region"],
            "party_id": people["main_party_id"],
            "creates_person": False,
        }
    )
    return table.drop(columns=["source_url", "run_id", "main_party_id"]), records


def combine(tables: dict) -> None:
    """Run by the build on every source's frames, before the identity engine."""
    if "party_units" not in tables:
        return
    for name in FINANCE_TABLES:
        tables.setdefault(name, pd.DataFrame(columns=["report_id", "party_code"]))
    unify_parties(tables)
    kinds = tables["party_reports"].set_index("report_id")["report_kind"]
    donations = mark_repeats(tables["donations"], kinds)
    donations["donor_id"] = donor_keys(donations).map(_donor_id, na_action="ignore")
    donations["receipt_class"] = receipts.classify(
        donations, tables["parties"], tables["party_branches"]
    )
    tables["donors"], records = donors(donations)
    tables["donations"] = donations.drop(columns=PRIVATE)
    tables["person_records"] = pd.concat([tables["person_records"], records], ignore_index=True)
