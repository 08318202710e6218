"""Block: candidate pairs from shared keys, never all pairs (design.md, "Known costs").

Keys: surname skeleton + first initial (catches every spelling of one name); birth date + given
name (catches a changed or misspelt surname); birth date + the surname skeleton's first three
letters (catches an unknown given-name spelling). A pair sharing any key is a candidate.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass
class BlockStats:
    pairs: int = 0
    skipped_keys: dict[str, int] = field(default_factory=dict)


def blocking_keys(records: pd.DataFrame) -> dict[str, pd.Series]:
    has_date = records["birth_date"].notna() & (records["birth_date"] != "")
    birth = records["birth_date"].astype("string")
    name_key = records["last_skel"] + "|" + records["first_init"]
    return {
        "name": name_key.where((records["last_skel"] != "") & (records["first_init"] != "")),
        "birth+given": (birth + "|" + records["first_key"]).where(
            has_date & (records["first_key"] != "")
        ),
        "birth+surname": (birth + "|" + records["last_skel"].str[:3]).where(
            has_date & (records["last_skel"] != "")
        ),
    }


def candidate_pairs(
    left: pd.DataFrame,
    right: pd.DataFrame | None,
    max_block_pairs: int,
) -> tuple[pd.DataFrame, BlockStats]:
    """Pairs (left_index, right_index) of records sharing a key. With right=None, pairs within
    `left` (each unordered pair once, no record with itself)."""
    within = right is None
    right = left if within else right
    stats = BlockStats()
    found = []
    left_keys, right_keys = blocking_keys(left), blocking_keys(right)
    for name, left_key in left_keys.items():
        a = pd.DataFrame({"key": left_key, "left": np.arange(len(left))}).dropna()
        b = pd.DataFrame({"key": right_keys[name], "right": np.arange(len(right))}).dropna()
        sizes = (
            a["key"]
            .value_counts()
            .to_frame("a")
            .join(b["key"].value_counts().rename("b"), how="inner")
        )
        cost = sizes["a"] * sizes["b"]
        too_big = sizes.index[cost > max_block_pairs]
        if len(too_big):
            stats.skipped_keys[name] = len(too_big)
            a = a[~a["key"].isin(too_big)]
        found.append(a.merge(b, on="key")[["left", "right"]])
    # A record with a surname alone ("Дубневич") pairs with every record of that surname.
    surname_only = left["last_skel"].where((left["first_init"] == "") & (left["last_skel"] != ""))
    a = pd.DataFrame({"key": surname_only, "left": np.arange(len(left))}).dropna()
    b = pd.DataFrame({"key": right["last_skel"], "right": np.arange(len(right))})
    found.append(a.merge(b, on="key")[["left", "right"]])
    pairs = pd.concat(found, ignore_index=True)
    if within:
        ordered = np.sort(pairs[["left", "right"]].to_numpy(), axis=1)
        pairs = pd.DataFrame(ordered, columns=["left", "right"])
        pairs = pairs[pairs["left"] != pairs["right"]]
    pairs = pairs.drop_duplicates(ignore_index=True)
    stats.pairs = len(pairs)
    return pairs, stats
