"""From source person records to persons.

A source that gives its own stable ids (the Rada) makes one person per record, with a person_id
derived from that id, so the same record gets the same person_id on every rebuild and on every
machine. Records of sources without ids will be linked to these persons by the identity engine.
"""

import base64
import hashlib

import pandas as pd

from etl.identity.names import latin, search_forms

ID_METHOD = "source id"


def person_id_for(source: str, source_record_id: str) -> str:
    digest = hashlib.sha1(f"{source}:{source_record_id}".encode()).digest()
    return "p" + base64.b32encode(digest).decode("ascii")[:10].lower()


def resolve(records: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Persons and the person_sources rows that tie each record to its person."""
    records = records.copy()
    records["person_id"] = [
        person_id_for(s, r)
        for s, r in zip(records["source"], records["source_record_id"], strict=True)
    ]
    records["full_name_latin"] = records["full_name"].map(latin)
    records["name_search"] = records["full_name"].map(search_forms)
    records["match_method"] = ID_METHOD
    records["match_score"] = None
    persons = records[
        [
            "person_id",
            "full_name",
            "last_name",
            "first_name",
            "patronymic",
            "full_name_latin",
            "name_search",
            "birth_date",
            "gender",
            "photo_url",
        ]
    ].drop_duplicates("person_id")
    person_sources = records[
        [
            "source",
            "source_record_id",
            "person_id",
            "source_url",
            "page_url",
            "match_method",
            "match_score",
            "run_id",
        ]
    ]
    return persons, person_sources
