"""What each receipt of a party is, defined once for the pages, the canned queries and the
red flags: a donation by a person or by a company, a transfer between the party's own units,
state funding, or a refund (a reimbursement from a public body, other income).

The classes are decided from identifiers where the sources give them: the party's own units
by their EDRPOU codes, public bodies by the codes of reference/public_sector.csv. A row
without a code is matched by its name only against the names listed there, never by a
pattern."""

import pandas as pd

from pamyat.core import reference
from pamyat.core.text.parties import party_key
from scrapers.nazk_party_reports import finance as pf

# The receipt classes, in the order the pages show them (their words: pamyat/portal/words.yml).
CLASSES = ("donation_person", "donation_company", "intra_party", "state_funding", "refund")
DONATIONS = ("donation_person", "donation_company")


def public_bodies() -> tuple[set[str], set[str]]:
    """(codes, folded names) of the public bodies of the reference list: they fund no party;
    what they pay one is a reimbursement (social insurance, a tax refund) or state funding."""
    table = reference.public_sector()
    bodies = table[table["kind"] == "body"]
    names = {party_key(n) for written in bodies["names_as_written"] for n in written.split(";")}
    return set(bodies["edrpou_code"]), names | set(bodies["name"].map(party_key))


def own_units(parties: pd.DataFrame, branches: pd.DataFrame) -> set[tuple[str, str]]:
    """(party_id, EDRPOU code) of every party's central office and branches."""
    central = parties.dropna(subset=["edrpou_code"])
    pairs = set(zip(central["party_id"], central["edrpou_code"], strict=True))
    return pairs | set(zip(branches["party_id"], branches["branch_code"], strict=True))


def classify(donations: pd.DataFrame, parties: pd.DataFrame, branches: pd.DataFrame) -> pd.Series:
    """The receipt_class of every donation row; `donations` still holds the payer's code
    (`_private_code`)."""
    codes = donations["_private_code"].map(pf.legal_code, na_action="ignore")
    names = donations["donor_name"].map(party_key, na_action="ignore")
    party_names = parties.dropna(subset=["name_key"]).drop_duplicates("party_id")
    party_names = party_names.set_index("party_id")["name_key"]
    body_codes, body_names = public_bodies()
    units = own_units(parties, branches)
    own_code = pd.Series(
        [(p, c) in units for p, c in zip(donations["party_id"], codes, strict=True)],
        index=donations.index,
    )
    own_name = names.notna() & (names == donations["party_id"].map(party_names))
    public = codes.isin(body_codes) | (codes.isna() & names.isin(body_names))
    kind = donations["donor_kind"]
    conditions = [
        (donations["donation_kind"] == "state_funding") | (kind == "state_budget"),
        (kind == "party_unit") | donations["intra_party_kind"].notna() | own_code | own_name,
        (donations["donation_kind"] == "other_income") | public,
        (kind == "individual") | (kind.isna() & codes.isna()),
    ]
    classes = ["state_funding", "intra_party", "refund", "donation_person"]
    found = pd.Series("donation_company", index=donations.index, dtype=object)
    for condition, name in reversed(list(zip(conditions, classes, strict=True))):
        found = found.mask(condition, name)
    return found
