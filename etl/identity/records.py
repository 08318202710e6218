"""Normalise and transliterate: source person records → comparable records.

Input frame columns: `key` (unique, "source:record id"), either `name` (any written form) or
`last_name`/`first_name`/`patronymic`, and optionally `birth_date` (ISO), `gender`
(male/female/m/f) and evidence columns (`district`, `party_id`, `position`, `region`).
Every string function runs once per distinct value, so millions of records stay cheap.
"""

import pandas as pd

from etl.identity.forms import (
    canonical_given,
    canonical_patronymic,
    masculine_surname,
    ukrainian_surname,
)
from etl.identity.names import skeleton
from etl.identity.parse import NameParts, from_parts, gender_of, parse_name

EVIDENCE = ["district", "party_id", "position", "region"]
_GENDERS = {"male": "m", "female": "f", "m": "m", "f": "f"}


def _mapped(values: pd.Series, function) -> pd.Series:
    distinct = values.dropna().unique()
    return values.map(dict(zip(distinct, map(function, distinct), strict=True)))


def _parts(frame: pd.DataFrame) -> pd.Series:
    if "name" in frame:
        return _mapped(frame["name"].fillna(""), parse_name)
    columns = frame[["last_name", "first_name", "patronymic"]].fillna("")
    return pd.Series(
        [from_parts(*row) for row in columns.itertuples(index=False)], index=frame.index
    )


def _initial(name_skeleton: str) -> str:
    return name_skeleton[:1]


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    parts = _parts(frame)
    out = pd.DataFrame({"key": frame["key"].astype(str)}, index=frame.index)
    out["last"] = parts.map(lambda p: p.last)
    out["first"] = parts.map(lambda p: p.first)
    out["patronymic"] = parts.map(lambda p: p.patronymic)
    out["last_skel"] = _mapped(out["last"], skeleton)
    out["last_uk"] = _mapped(out["last"], ukrainian_surname)
    out["family"] = _mapped(out["last"], lambda s: skeleton(masculine_surname(s)))
    out["first_key"] = _mapped(out["first"], lambda f: canonical_given(f) if f else "")
    out["patronymic_key"] = _mapped(
        out["patronymic"], lambda p: canonical_patronymic(p) if p else ""
    )
    # Initials as written, and of the name's other language ("Олександр" is "О" and "А").
    first_written = out["first"].where(out["first"] != "", parts.map(lambda p: p.first_initial))
    patronymic_written = out["patronymic"].where(
        out["patronymic"] != "", parts.map(lambda p: p.patronymic_initial)
    )
    out["first_init"] = _mapped(first_written, lambda t: _initial(skeleton(t)))
    out["patronymic_init"] = _mapped(patronymic_written, lambda t: _initial(skeleton(t)))
    out["first_init_alt"] = _mapped(out["first_key"], lambda k: _initial(skeleton(k)))
    out["patronymic_init_alt"] = _mapped(out["patronymic_key"], lambda k: _initial(skeleton(k)))
    stated = frame["gender"].map(_GENDERS) if "gender" in frame else None
    guessed = parts.map(lambda p: gender_of(p) if isinstance(p, NameParts) else None)
    out["gender"] = guessed if stated is None else stated.fillna(guessed)
    for column in ["birth_date", *EVIDENCE]:
        values = frame[column].astype(object) if column in frame else None
        out[column] = (
            None
            if values is None
            else values.where(values.notna(), None).map(lambda v: None if v is None else str(v))
        )
    initials = ["first_init", "patronymic_init", "first_init_alt", "patronymic_init_alt"]
    return out.fillna({c: "" for c in initials}).reset_index(drop=True)
