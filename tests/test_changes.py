"""The history of facts follows the natural keys the schema declares (fast tier: small frames)."""

import pandas as pd
import pytest

from etl.publish import changes, database
from etl.publish.schema import TABLES


def test_every_table_of_source_rows_is_tracked_by_its_declared_key():
    of_sources = {str(t.name) for t in TABLES if "source_record_id" in t.c}
    assert {"donations", "party_expenditures", "party_reports", "media_items"} <= of_sources
    # person_sources too: a person's page as it stood on a day shows her sources then.
    assert of_sources <= set(changes.TRACKED)
    for table in TABLES:
        key = table.info.get("natural_key", [])
        assert set(key) <= set(table.c.keys()), table.name
    assert not {"changes", "data_issues", "ingest_runs", "match_weights"} & set(changes.TRACKED)


def _donation(donation_id, record, amount):
    return {
        "donation_id": donation_id,
        "source": "nazk_party_reports",
        "source_record_id": record,
        "amount_minor": amount,
        "run_id": f"run-{donation_id}",
    }


def test_a_renumbered_donation_is_no_change_and_a_new_amount_is_one():
    old = pd.DataFrame([_donation(1, "r/a[1]", 100), _donation(2, "r/a[2]", 200)], dtype=object)
    new = pd.DataFrame([_donation(7, "r/a[2]", 250), _donation(8, "r/a[1]", 100)], dtype=object)
    found = changes.table_changes("donations", changes.TRACKED["donations"], old, new)
    assert found == [
        {
            "table_name": "donations",
            "record_key": "nazk_party_reports|r/a[2]",
            "change_type": "changed",
            "field": "amount_minor",
            "old_value": "200",
            "new_value": "250",
            "source": "nazk_party_reports",
            "run_id": "run-7",
            "person_id": None,
            "party_id": None,
        }
    ]


def test_an_emptied_value_is_a_change_and_an_empty_one_is_not():
    # As changes.py reads a database: every column as objects, NULL as None.
    old = pd.DataFrame([_donation(1, "r/a[1]", 100), _donation(2, "r/a[2]", None)], dtype=object)
    new = pd.DataFrame([_donation(1, "r/a[1]", None), _donation(2, "r/a[2]", None)], dtype=object)
    found = changes.table_changes("donations", changes.TRACKED["donations"], old, new)
    assert [(c["record_key"], c["old_value"], c["new_value"]) for c in found] == [
        ("nazk_party_reports|r/a[1]", "100", None)
    ]


def test_a_natural_key_naming_two_rows_fails_the_database_checks():
    names = pd.DataFrame(
        {
            "party_name_id": n,
            "party_id": "sluha-narodu",
            "name": name,
            "source": "nazk_party_reports",
        }
        for n, name in enumerate(["СЛУГА НАРОДУ", "Слуга народу", "СЛУГА НАРОДУ"])
    )
    with pytest.raises(database.PublishError, match=r"party_names: 2 rows share a value"):
        database.check_natural_keys({"party_names": names})
    database.check_natural_keys({"party_names": names.drop(index=2)})


def test_a_key_column_a_frame_lacks_counts_as_empty_in_every_row():
    outlets = pd.DataFrame({"name": ["a", "b"]})
    with pytest.raises(database.PublishError, match=r"media_outlets: 2 rows"):
        database.check_natural_keys({"media_outlets": outlets})


def test_a_donor_s_row_names_her_person():
    old = pd.DataFrame([{**_donation(1, "r/a[1]", 100), "donor_id": "d1"}], dtype=object)
    new = pd.DataFrame([{**_donation(1, "r/a[1]", 150), "donor_id": "d1"}], dtype=object)
    (found,) = changes.table_changes(
        "donations", changes.TRACKED["donations"], old, new, {"d1": "p9"}
    )
    assert found["person_id"] == "p9"
