"""Score and decide: how much the evidence says two records are one person.

Each comparison adds a log-odds weight (config.yml): names part by part, then evidence beyond
the name. A conflicting birth date outweighs a perfect name match, so namesakes and brothers
sharing surname and patronymic stay apart. Everything is vectorised over the candidate pairs.
"""

import numpy as np
import pandas as pd
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cpdist


LINK, REVIEW, NONE = "link", "review", "none"
# The evidence beyond the name that config.yml weighs.
EVIDENCE = ["district", "party_id", "position", "region"]


def _side(records: pd.DataFrame, index: np.ndarray, column: str) -> np.ndarray:
    return records[column].to_numpy(dtype=object)[index]


def _present(values: np.ndarray) -> np.ndarray:
    return pd.notna(values) & (values != "")


def _part(a, b, part: str, w_same, w_initial, w_differs):
    """One given-name part: full names compare by key, else initials in either language."""
    full_a, full_b = a(f"{part}_key"), b(f"{part}_key")
    init_a, init_b = a(f"{part}_init"), b(f"{part}_init")
    alt_a, alt_b = a(f"{part}_init_alt"), b(f"{part}_init_alt")
    both_full = _present(full_a) & _present(full_b)
    both_init = _present(init_a) & _present(init_b)
    same_initial = both_init & (
        (init_a == init_b)
        | (init_a == alt_b)
        | (alt_a == init_b)
        | ((alt_a == alt_b) & _present(alt_a))
    )
    return np.select(
        [both_full & (full_a == full_b), both_full, same_initial, both_init],
        [w_same, w_differs, w_initial, w_differs],
        0.0,
    )


def _chars(values: np.ndarray, start: int, end: int) -> np.ndarray:
    return np.array([v[start:end] for v in values], dtype=str)


def features(
    left: pd.DataFrame,
    right: pd.DataFrame,
    pairs: pd.DataFrame,
    config: dict,
) -> pd.DataFrame:
    w = config["weights"]
    li, ri = pairs["left"].to_numpy(), pairs["right"].to_numpy()

    def a(column):
        return _side(left, li, column)

    def b(column):
        return _side(right, ri, column)

    out = pd.DataFrame({"left": li, "right": ri})
    similarity = cpdist(
        a("last_skel").tolist(),
        b("last_skel").tolist(),
        scorer=JaroWinkler.normalized_similarity,
        workers=-1,
    )
    same_surname = (a("last_skel") == b("last_skel")) | (a("last_uk") == b("last_uk"))
    out["surname_similarity"] = np.where(same_surname, 1.0, similarity)
    out["surname"] = np.select(
        [
            same_surname,
            (similarity >= config["surname_close_at"]) | (a("family") == b("family")),
            similarity >= config["surname_similar_at"],
        ],
        [w["surname_same"], w["surname_close"], w["surname_similar"]],
        w["surname_differs"],
    )
    out["first_name"] = _part(
        a, b, "first", w["first_same"], w["first_initial"], w["first_differs"]
    )
    out["patronymic"] = _part(
        a, b, "patronymic", w["patronymic_same"], w["patronymic_initial"], w["patronymic_differs"]
    )
    born_a, born_b = a("birth_date"), b("birth_date")
    both_born = _present(born_a) & _present(born_b)
    born_a, born_b = born_a.astype(str), born_b.astype(str)  # ISO: yyyy-mm-dd
    one_field_off = np.char.equal(_chars(born_a, 0, 4), _chars(born_b, 0, 4)) & (
        np.char.equal(_chars(born_a, 5, 7), _chars(born_b, 5, 7))
        | np.char.equal(_chars(born_a, 8, 10), _chars(born_b, 8, 10))
    )
    out["birth_date"] = np.select(
        [both_born & (born_a == born_b), both_born & one_field_off, both_born],
        [w["birth_date_same"], w["birth_date_near"], w["birth_date_differs"]],
        0.0,
    )
    gender_a, gender_b = a("gender"), b("gender")
    out["gender"] = np.where(
        _present(gender_a) & _present(gender_b) & (gender_a != gender_b), w["gender_differs"], 0.0
    )
    for column in EVIDENCE:
        va, vb = a(column), b(column)
        out[column] = np.where(
            _present(va) & _present(vb) & (va == vb), w[f"{column.removesuffix('_id')}_same"], 0.0
        )
    return out


WEIGHT_COLUMNS = ["surname", "first_name", "patronymic", "birth_date", "gender", *EVIDENCE]


def score(scored: pd.DataFrame, config: dict) -> pd.Series:
    total = config["prior"] + scored[WEIGHT_COLUMNS].sum(axis=1)
    return 1.0 / (1.0 + np.exp(-total))


def decide(scores: pd.Series, config: dict) -> pd.Series:
    thresholds = config["thresholds"]
    return pd.Series(
        np.select(
            [scores >= thresholds["link"], scores >= thresholds["review"]], [LINK, REVIEW], NONE
        ),
        index=scores.index,
    )


def reason(row) -> str:
    """The evidence of one scored pair, in words ("surname +4.0; birth date -10.0; ...")."""
    parts = [f"{c.replace('_', ' ')} {row[c]:+.1f}" for c in WEIGHT_COLUMNS if row[c]]
    return "; ".join(parts) or "no agreeing evidence"


def score_pairs(left, right, pairs, config) -> pd.DataFrame:
    scored = features(left, right, pairs, config)
    scored["score"] = score(scored, config)
    scored["decision"] = decide(scored["score"], config)
    return scored
