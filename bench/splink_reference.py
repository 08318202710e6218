"""The reference the identity engine is measured against: Splink 5 (DuckDB) out of the box,
configured as its documentation recommends, on the very records our engine receives.

Its own comparison library on the names as the sources write them (case and apostrophes made
one, nothing else: no skeletons, no Ukrainian forms, no Latin or Russian readings), term
frequencies on the name parts, the same evidence columns and the same blocking keys written on
its columns; the prior from deterministic rules, u from random pairs, m by EM blocked on the
name and on the birth date with Splink's defaults (each session re-estimates its own prior and
throws it away); links at the same threshold, clustered into connected components.
`link(records)` gives each record's cluster.

These choices are the ones Splink's tutorials make, taken before any result was seen; holding
the prior fixed in EM (as ours does) was tried on the 1% development records and over-linked
(precision 0.947), so the reference keeps Splink's default.
"""

import logging

import duckdb
import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals import comparison_level

from etl.identity import settings
from etl.identity.records import EVIDENCE, PLACE_KEYS

log = logging.getLogger("bench.splink_reference")
# Our blocking keys (etl/identity/model.py BLOCKING_RULES), on the names as written.
BLOCKING = [
    block_on("last_name", "first_initial"),
    "l.last_name = r.last_name AND (l.first_initial IS NULL OR r.first_initial IS NULL)",
    block_on("last_name", "patronymic"),
    block_on("birth_date", "first_name"),
    "l.birth_date = r.birth_date AND substr(l.last_name, 1, 3) = substr(r.last_name, 1, 3)",
    "l.first_name = r.first_name AND l.patronymic = r.patronymic "
    "AND substr(l.last_name, 1, 2) = substr(r.last_name, 1, 2)",
    block_on("first_name", "patronymic", "region"),
    block_on("first_name", "patronymic", "council"),
]


def _clamp_tiny_m() -> None:
    """Splink 5.0.0's EM can drive a level's m below 1e-300, which its own setter then refuses
    (ValueError, met on the 10% records): clamp it to that floor instead, keeping EM's verdict
    that matches (almost) never show the level."""
    level = comparison_level.ComparisonLevel
    setter = level.m_probability.fset
    floor = comparison_level.M_U_CLAMP_MIN

    def clamped(self, value):
        if isinstance(value, float) and value < floor:
            log.info("Splink reference: m of %s clamped to %g", self.label_for_charts, floor)
            value = floor
        setter(self, value)

    level.m_probability = level.m_probability.setter(clamped)


_clamp_tiny_m()


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.casefold().str.replace("’", "'").str.strip()


def reference_frame(records: pd.DataFrame) -> pd.DataFrame:
    """The records in the columns Splink compares (identity records as resolve receives them)."""
    frame = pd.DataFrame(
        {
            "unique_id": (records["source"] + ":" + records["source_record_id"].astype(str)),
            "last_name": _text(records["last_name"]),
            "first_name": _text(records["first_name"]),
            "patronymic": _text(records["patronymic"]),
            "birth_date": records["birth_date"].astype("string"),
        }
    )
    frame["first_initial"] = frame["first_name"].str[:1]
    for column in EVIDENCE:
        values = records[column] if column in records else pd.Series(None, index=records.index)
        as_key = PLACE_KEYS.get(column)
        frame[column] = values.map(as_key) if as_key else values.astype("string")
    # A group that names each person once is never compared within itself (as ours).
    frame["exclusive"] = records.get("exclusive")
    frame = frame.astype(object)
    return frame.where(frame.notna() & (frame != ""), None)


def _across(rule) -> str:
    sql = rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql
    return sql + " AND coalesce(l.exclusive <> r.exclusive, true)"


def model_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            *[cl.ExactMatch(column) for column in EVIDENCE],
        ],
        blocking_rules_to_generate_predictions=[_across(rule) for rule in BLOCKING],
        retain_matching_columns=False,
    )


def link(records: pd.DataFrame) -> tuple[pd.Series, int]:
    """Each record's cluster (by "source:record id") and the number of pairs compared."""
    config = settings.load()
    frame = reference_frame(records)
    # The same memory bound as ours (DuckDB spills to disk past it).
    api = DuckDBAPI(duckdb.connect(config={"memory_limit": config["training"]["duckdb_memory"]}))
    linker = Linker(api.register(frame), model_settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("last_name", "first_name", "patronymic", "birth_date")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(
        max_pairs=config["training"]["u_pairs"], seed=config["training"]["seed"]
    )
    for rule in (block_on("last_name", "first_name"), block_on("birth_date")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    compared = linker.misc.query_sql(
        f"SELECT count(*) AS n FROM {blocked.physical_name}", output_type="pandas"
    )["n"].iloc[0]
    linker.table_management.register_blocked_pairs_for_predict(blocked)
    threshold = config["thresholds"]["link"]
    scored = linker.inference.predict(threshold_match_probability=threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(scored, threshold)
    found = clusters.as_pandas_dataframe()
    return found.set_index("unique_id")["cluster_id"].astype(str), int(compared)
