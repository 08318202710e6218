"""What the portal's search box reads besides the full-text indexes.

- parties and donors get a search column: the name in every Latin transliteration, so that
  "Poroshenko" finds "ПОРОШЕНКО" and "Yevropeiska" finds "Європейська" (persons get theirs
  from the identity engine);
- `search_names`: each person's surname and given name with its skeleton (the identity
  engine's spelling-blind key: Russian, Ukrainian and every Latin system alike; a given name
  by its canonical form, so "Сергей" is "Сергій") and how
  prominent she is, so that a Russian, an old Latin, an inflected or a mistyped spelling finds
  her, the President before his namesakes."""

import pandas as pd

from pamyat.core import sources
from pamyat.core.text.forms import given_name_key
from pamyat.core.text.names import latin, search_forms, skeleton

SEARCHED = ("parties", "donors")
# A news item that names her lifts her as much as this; at most MAX_MENTIONS count.
PER_MENTION = 2
MAX_MENTIONS = 50


def add_search_forms(tables: dict[str, pd.DataFrame]) -> None:
    for name in SEARCHED:
        if name in tables:
            names = tables[name]["name"].fillna("")
            tables[name]["name_search"] = [f"{latin(n)} {search_forms(n)}" for n in names]
    if "persons" in tables and "person_sources" in tables:
        tables["search_names"] = search_names(tables)


def prominence(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Per person: the sources' `identity.prominence` (source.yml) of the sources that hold her,
    and the news items that name her."""
    held = tables["person_sources"][["person_id", "source"]].drop_duplicates()
    weights = held["source"].map(lambda s: sources.identity(s).get("prominence", 0))
    score = weights.groupby(held["person_id"]).sum()
    mentions = tables.get("mentions")
    if mentions is not None and len(mentions):
        named = mentions["person_id"].value_counts().clip(upper=MAX_MENTIONS) * PER_MENTION
        score = score.add(named, fill_value=0)
    return score.astype(int)


def search_names(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    persons = tables["persons"]
    words = pd.concat(
        [
            pd.DataFrame({"person_id": persons["person_id"], "word": persons[part], "part": part})
            for part in ("last_name", "first_name")
        ]
    ).dropna(subset=["word"])
    words = words[words["word"].str.len() > 0]
    given = words["part"] == "first_name"
    words["skeleton"] = words["word"].map(skeleton).where(~given, words["word"].map(given_name_key))
    words["prominence"] = words["person_id"].map(prominence(tables)).fillna(0).astype(int)
    return words[words["skeleton"] != ""].reset_index(drop=True)
