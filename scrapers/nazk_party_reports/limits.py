"""Legal-limit checks on party donations, as data: per donor, party, fund and year, what was
given net of refunds against the limit of reference/donation_limits.csv in minimum wages of
1 January (reference/minimum_wages.csv); and the red flags of source.yml."""

import re

import pandas as pd

from pamyat.core import reference, sources
from pamyat.core.text.parties import party_key
from scrapers.nazk_party_reports.receipts import DONATIONS

# The red-flag rules and thresholds (the register's source.yml).
RULES = sources.config("nazk_party_reports")["red_flags"]


def counted(donations: pd.DataFrame) -> pd.DataFrame:
    """Donations that count towards a donor's limit: money and in-kind from persons and
    companies (receipts.py: not state funding, not the party's own units, not a public body's
    reimbursement), each row once, with what each gave (`given_minor`: its amount, else its
    value in kind)."""
    rows = donations[
        donations["receipt_class"].isin(DONATIONS)
        & donations["repeats_donation_id"].isna()
        & donations["donor_id"].notna()
    ].copy()
    assessed = rows.get("assessed_value_minor", pd.Series(index=rows.index, dtype="float64"))
    rows["given_minor"] = rows["amount_minor"].fillna(pd.to_numeric(assessed))
    return rows


def donor_party_years(donations: pd.DataFrame) -> pd.DataFrame:
    rows = counted(donations)
    keys = ["donor_id", "party_id", "fund", "year"]
    totals = (
        rows.groupby(keys + ["donor_kind"], dropna=False)
        .agg(
            donations_count=("donation_id", "size"),
            given_minor=("given_minor", "sum"),
            refunded_minor=("refund_minor", "sum"),
        )
        .reset_index()
    )
    totals["net_minor"] = totals["given_minor"] - totals["refunded_minor"]
    limits = reference.donation_limits().rename(columns={"minimum_wages": "limit_minimum_wages"})
    wages = reference.minimum_wages()[["year", "minimum_wage_uah"]]
    totals = totals.merge(limits[["donor_kind", "limit_minimum_wages"]], how="left").merge(
        wages, how="left"
    )
    totals["limit_minor"] = totals["limit_minimum_wages"] * totals["minimum_wage_uah"] * 100
    totals["is_above_limit"] = (totals["net_minor"] > totals["limit_minor"]).astype("Int64")
    totals.loc[totals["limit_minor"].isna(), "is_above_limit"] = pd.NA
    return totals


def _flag(code: str, row, threshold, measured, **extra) -> dict:
    rule = RULES[code]
    return {
        "flag_code": code,
        "title": rule["title"],
        "rule": rule["rule"],
        "threshold_unit": rule["unit"],
        "threshold_value": str(threshold),
        "measured_value": str(measured),
        "donor_id": row.donor_id,
        "year": row.year,
        **extra,
    }


def _uah(minor) -> str:
    return f"{int(minor) // 100}.{int(minor) % 100:02d}"


def _banned_donors(donors: pd.DataFrame) -> pd.DataFrame:
    """Companies the law bars from giving: `flag` banned_donor where the reference list owns
    their code (the code is the evidence), possibly_banned_donor where only the name suggests
    it (a state company's name as the list writes it, without its code; else the pattern), by
    donor_id."""
    listed = reference.public_sector()
    listed = listed[listed["kind"] != "body"]
    owned = listed.set_index("edrpou_code")["name"]
    written = {
        party_key(name): f"{row.edrpou_code} ({row.name})?"
        for row in listed.itertuples()
        for name in row.names_as_written.split(";")
    }
    patterns = RULES["possibly_banned_donor"]["patterns"]
    companies = donors[donors["donor_kind"] == "legal_entity"].set_index("donor_id")
    by_code = companies["edrpou_code"].map(owned)
    by_name = companies["name"].map(
        lambda name: (
            written.get(party_key(name))
            or next((repr(p) for p in patterns if re.search(p, (name or "").casefold())), None)
        )
    )
    found = pd.DataFrame(
        {
            "name": companies["name"],
            "flag": by_code.notna().map({True: "banned_donor", False: "possibly_banned_donor"}),
            "evidence": (companies["edrpou_code"] + " (" + by_code + ")").fillna(by_name),
        }
    )
    return found.dropna(subset=["evidence"])


def red_flags(totals: pd.DataFrame, donors: pd.DataFrame, parties: pd.DataFrame) -> pd.DataFrame:
    names = parties.set_index("party_id")["name"].to_dict()
    flags = []
    for row in totals[totals["is_above_limit"] == 1].itertuples():
        threshold = f"{_uah(row.limit_minor)} ({row.limit_minimum_wages} × {row.minimum_wage_uah})"
        flags.append(
            _flag("above_legal_limit", row, threshold, _uah(row.net_minor), party_id=row.party_id)
        )
    given = totals[totals["net_minor"] > 0]
    several = given.groupby(["donor_id", "year"])["party_id"].agg(lambda p: sorted(set(p)))
    for (donor_id, year), parties in several[several.map(len) >= 2].items():
        row = pd.Series({"donor_id": donor_id, "year": year})
        named = "; ".join(sorted(names.get(p, p) for p in parties))
        flags.append(_flag("several_parties", row, 2, f"{len(parties)}: {named}"))
    banned = _banned_donors(donors)
    for row in given[given["donor_id"].isin(banned.index)].itertuples():
        hit = banned.loc[row.donor_id]
        flags.append(_flag(hit.flag, row, hit.evidence, hit["name"], party_id=row.party_id))
    frame = pd.DataFrame(flags)
    if frame.empty:
        return frame
    frame = frame.merge(donors[["donor_id", "person_id"]], how="left")
    return frame.reset_index(drop=True).rename_axis("flag_id").reset_index()


def finish(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """After identity (donors carry person_id)."""
    totals = donor_party_years(tables["donations"])
    return {
        "donor_party_years": totals,
        "donor_red_flags": red_flags(totals, tables["donors"], tables["parties"]),
        "donation_limits": reference.donation_limits(),
    }
