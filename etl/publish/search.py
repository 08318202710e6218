"""The search column of the tables the portal's search box reads besides persons (parties and
donors): the name in every Latin transliteration, so that "Poroshenko" finds "ПОРОШЕНКО" and
"Yevropeiska" finds "Європейська". Persons get theirs from the identity engine."""

import pandas as pd

from pamyat.core.text.names import latin, search_forms

SEARCHED = ("parties", "donors")


def add_search_forms(tables: dict[str, pd.DataFrame]) -> None:
    for name in SEARCHED:
        if name in tables:
            names = tables[name]["name"].fillna("")
            tables[name]["name_search"] = [f"{latin(n)} {search_forms(n)}" for n in names]
