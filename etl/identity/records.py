"""Normalise and transliterate: source person records → comparable records.

Input frame columns: `key` (unique, "source:record id"), either `name` (any written form) or
`last_name`/`first_name`/`patronymic`, and optionally `birth_date` (ISO) and evidence columns
(EVIDENCE: `region`, `council` and `workplace` as free text, made keys by
pamyat/core/text/places.py).
Gender comes from the name's forms, not from what a record states.
Every string function runs once per distinct value, so millions of records stay cheap.
"""

from operator import attrgetter, itemgetter

import pandas as pd

from pamyat.core.text.forms import (
    canonical_given,
    canonical_patronymic,
    masculine_surname,
    ukrainian_surname,
)
from pamyat.core.text.names import clean_name_part, skeleton
from pamyat.core.text.parse import gender_of_given, gender_of_patronymic, parse_name, split_part
from pamyat.core.text.places import council_key, region_key, workplace_key

PART_FIELDS = ["last", "first", "patronymic", "first_initial", "patronymic_initial"]
EVIDENCE = ["district", "party_id", "position", "region", "council", "workplace"]
# Evidence written as free text, and the key each becomes.
PLACE_KEYS = {"region": region_key, "council": council_key, "workplace": workplace_key}


def _mapped(values: pd.Series, function) -> pd.Series:
    distinct = values.dropna().unique()
    return values.map(dict(zip(distinct, map(function, distinct), strict=True)))


def _parts(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns last, first, patronymic, first_initial, patronymic_initial."""
    if "name" in frame:
        parsed = _mapped(frame["name"].fillna(""), parse_name)
        return pd.DataFrame({f: parsed.map(attrgetter(f)) for f in PART_FIELDS})
    first = _mapped(frame["first_name"].fillna(""), split_part)
    patronymic = _mapped(frame["patronymic"].fillna(""), split_part)
    return pd.DataFrame(
        {
            "last": _mapped(frame["last_name"].fillna(""), clean_name_part),
            "first": first.map(itemgetter(0)),
            "patronymic": patronymic.map(itemgetter(0)),
            "first_initial": first.map(itemgetter(1)),
            "patronymic_initial": patronymic.map(itemgetter(1)),
        }
    )


def _initial(name_skeleton: str) -> str:
    return name_skeleton[:1]


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    parts = _parts(frame)
    out = pd.DataFrame({"key": frame["key"].astype(str)})
    out[["last", "first", "patronymic"]] = parts[["last", "first", "patronymic"]]
    out["last_skel"] = _mapped(out["last"], skeleton)
    out["last_uk"] = _mapped(out["last"], ukrainian_surname)
    out["family"] = _mapped(out["last"], lambda s: skeleton(masculine_surname(s)))
    out["first_key"] = _mapped(out["first"], lambda f: canonical_given(f) if f else "")
    out["patronymic_key"] = _mapped(
        out["patronymic"], lambda p: canonical_patronymic(p) if p else ""
    )
    # Initials as written, and of the name's other language ("Олександр" is "О" and "А").
    first_written = out["first"].where(out["first"] != "", parts["first_initial"])
    patronymic_written = out["patronymic"].where(
        out["patronymic"] != "", parts["patronymic_initial"]
    )
    out["first_init"] = _mapped(first_written, lambda t: _initial(skeleton(t)))
    out["patronymic_init"] = _mapped(patronymic_written, lambda t: _initial(skeleton(t)))
    out["first_init_alt"] = _mapped(out["first_key"], lambda k: _initial(skeleton(k)))
    out["patronymic_init_alt"] = _mapped(out["patronymic_key"], lambda k: _initial(skeleton(k)))
    # Gender from the name forms only: weak evidence, learnt as such.
    out["gender"] = _mapped(out["first"], gender_of_given).fillna(
        _mapped(out["patronymic"], gender_of_patronymic)
    )
    for column in ["birth_date", *EVIDENCE]:
        as_text = PLACE_KEYS.get(column, str)
        out[column] = _mapped(frame[column].astype(object), as_text) if column in frame else None
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    initials = ["first_init", "patronymic_init", "first_init_alt", "patronymic_init_alt"]
    return out.fillna({c: "" for c in initials})
