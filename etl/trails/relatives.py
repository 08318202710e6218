"""Donors who may be a politician's relatives: a donor whose full name is that of a family
member a politician declared (surname, given name and patronymic, folded), in the same region
or one unknown, is put in the review queue (match_review) with the evidence, and never linked
on the name alone. A person settles it with `pamyat review`: "same" (the donor is that family
member) makes it a link, in donor_relatives; "different" drops it.

A family member is a record of her own, `nazk_declarations:family:<declarant>:<member id>`
(the NAZK keeps a member's id across a declarant's documents), so a judgement outlives the
declaration it was made on."""

import pandas as pd

from etl.identity.judgements import SAME, Judgement
from etl.trails import rules
from pamyat.core.text.names import fold
from pamyat.core.text.places import region_key
from scrapers.nazk_party_reports.donors import INITIALS


def family_record(declarant, member) -> str:
    return f"nazk_declarations:family:{declarant}:{member}"


def _family(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each politician's declared family members, once per member (her latest declaration)."""
    members = tables.get("declaration_family_members")
    if members is None or members.empty:
        return pd.DataFrame()
    declared = tables["declarations"][
        ["document_id", "person_id", "user_declarant_id", "declaration_year", "submitted_at"]
    ]
    family = members.merge(declared, on="document_id").dropna(
        subset=["person_id", "user_declarant_id", "full_name"]
    )
    keys = ["user_declarant_id", "family_member_id"]
    years = family.groupby(keys)["declaration_year"].agg(
        lambda y: ", ".join(str(int(v)) for v in sorted(set(y.dropna())))
    )
    family = family.sort_values(["submitted_at", "document_id"]).groupby(keys).tail(1)
    family = family.merge(years.rename("years").reset_index(), on=keys)
    family["record"] = [
        family_record(int(d), m)
        for d, m in zip(family["user_declarant_id"], family["family_member_id"], strict=True)
    ]
    family["name_key"] = family["full_name"].map(fold)
    return family


def _evidence(row) -> str:
    region = (
        f"region same ({row.donor_region})"
        if row.same_region
        else "region unknown for the donor or the family member"
    )
    return (
        f"full name same as the {row.relation or 'family member'} {row.politician} declared "
        f"(declarations for {row.years}, latest {row.document_id}); {region}"
    )


def possible_relatives(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every donor–family member pair the rule proposes, with its evidence."""
    family = _family(tables)
    donors = tables["donors"]
    donors = donors[
        (donors["donor_kind"] == "individual") & ~donors["name"].fillna("").str.contains(INITIALS)
    ]
    if family.empty or donors.empty:
        return pd.DataFrame()
    donors = donors.assign(name_key=donors["name"].map(fold))
    pairs = donors.merge(family, on="name_key", suffixes=("", "_member"))
    pairs = pairs[pairs["person_id"].ne(pairs["person_id_member"]) | pairs["person_id"].isna()]
    donor_region = pairs["region"].map(region_key)
    member_region = pairs["region_member"].map(region_key)
    known = donor_region.notna() & member_region.notna()
    pairs = pairs[~known | (donor_region == member_region)].copy()
    pairs["same_region"] = (known & (donor_region == member_region))[pairs.index]
    names = tables["persons"].set_index("person_id")["full_name"]
    pairs["politician"] = pairs["person_id_member"].map(names)
    pairs["donor_region"] = pairs["region"]
    pairs["evidence"] = [_evidence(row) for row in pairs.itertuples()]
    return pairs


def settle(
    pairs: pd.DataFrame, judgements: list[Judgement], donor_sources: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(review rows still to judge, donor_relatives judged the same person); a pair judged
    different is neither asked again nor linked."""
    if pairs.empty:
        return pd.DataFrame(), pd.DataFrame()
    judged = {j.pair: j for j in judgements}
    donor_record = pairs["donor_id"].map(donor_sources) + ":" + pairs["donor_id"]
    verdicts = pd.Series(
        [judged.get(frozenset(p)) for p in zip(donor_record, pairs["record"], strict=True)],
        index=pairs.index,
        dtype=object,
    )
    asked = pairs[verdicts.isna()]
    config = rules.config()["relatives"]
    review = pd.DataFrame(
        {
            "left_record": donor_record[asked.index],
            "right_record": asked["record"],
            "left_person_id": asked["person_id"],
            "right_person_id": asked["person_id_member"],
            "left_name": asked["name"],
            "right_name": asked["full_name"],
            "score": None,
            "evidence": asked["evidence"],
            "status": config["status"],
            "question": config["question"],
        }
    )
    same = verdicts.map(lambda v: v is not None and v.judgement == SAME, na_action=None)
    confirmed, by = pairs[same], verdicts[same]
    links = pd.DataFrame(
        {
            "donor_id": confirmed["donor_id"],
            "person_id": confirmed["person_id_member"],
            "relation": confirmed["relation"],
            "family_member_name": confirmed["full_name"],
            "document_id": confirmed["document_id"],
            "evidence": confirmed["evidence"],
            "judged_by": by.map(lambda v: v.who),
            "judged_at": by.map(lambda v: v.judged_at),
        }
    )
    return review.reset_index(drop=True), links.reset_index(drop=True)
