"""The probabilistic (Fellegi–Sunter) model: Splink on DuckDB, over the prepared records.

Each comparison's levels are ours (records.prepare makes the columns: name skeletons and
Ukrainian forms, canonical given names and patronymics in either language, initials, oblast and
council keys); the weights are learnt from the very records being linked:
- the prior (probability two random records match) from pairs that agree on full name and birth
  date, or full name and office, which cannot be strangers;
- u from random pairs;
- m by expectation maximisation, twice: blocked on the name (learning birth date, gender,
  places, party, office, workplace) and blocked on the birth date (learning the name parts);
- term frequencies on surname, given name and patronymic, so a rare name counts for more than
  a common one.
The trained model is saved as JSON beside the data (`save`), so a build can be re-run with the
very weights it used. A training that does not converge raises `TrainingError`.
"""

import json
import logging
import math
import re
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from splink import DuckDBAPI, Linker
from splink.internals.expectation_maximisation import (
    _max_change_in_parameters_comparison_levels,
)

from etl.identity import settings
from etl.identity.records import EVIDENCE

log = logging.getLogger("pamyat.identity")
for noisy in ("splink", "splink.internals"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

NAME_COLUMNS = ["last_skel", "last_uk", "family", "first_key", "patronymic_key"]
INITIALS = ["first_init", "patronymic_init", "first_init_alt", "patronymic_init_alt"]
EVIDENCE_COLUMNS = ["birth_date", "gender", *EVIDENCE]
TF_COLUMNS = ["last_skel", "first_key", "patronymic_key"]
MODEL_COLUMNS = ["key", *NAME_COLUMNS, *INITIALS, *EVIDENCE_COLUMNS, "last_initial", "exclusive"]
_SIDE = re.compile(r"\b([lr])\.(\w+)")


BASE_MODEL = Path(__file__).resolve().parent / "data" / "base_model.json"


class TrainingError(RuntimeError):
    """The model could not be learnt from these records: nothing is published."""


def _sides(sql: str) -> str:
    """Comparison SQL written as blocking rules are ("l.x = r.x") in Splink's comparison
    form ("x_l = x_r")."""
    return _SIDE.sub(r"\2_\1", sql)


def _present(column: str) -> str:
    return f"(l.{column} IS NOT NULL AND r.{column} IS NOT NULL)"


def _null(column: str) -> dict:
    return {
        "sql_condition": _sides(f"l.{column} IS NULL OR r.{column} IS NULL"),
        "label_for_charts": "not given",
        "is_null_level": True,
    }


def _level(sql: str, label: str, tf: str | None = None) -> dict:
    level = {"sql_condition": _sides(sql), "label_for_charts": label}
    if tf:
        level.update(tf_adjustment_column=tf, tf_adjustment_weight=1.0)
    return level


def _else() -> dict:
    return {"sql_condition": "ELSE", "label_for_charts": "differs"}


def _surname() -> dict:
    return {
        "output_column_name": "surname",
        "comparison_description": "surname",
        "comparison_levels": [
            _null("last_skel"),
            _level("l.last_skel = r.last_skel", "same", "last_skel"),
            _level("l.last_uk = r.last_uk", "the same Ukrainian form"),
            _level(
                "l.family = r.family OR levenshtein(l.last_skel, r.last_skel) <= 1 "
                "OR levenshtein(l.last_uk, r.last_uk) <= 1",
                "the other gender's form or a letter off",
            ),
            _level(
                "list_contains(string_split(l.last_uk, '-'), r.last_uk) "
                "OR list_contains(string_split(r.last_uk, '-'), l.last_uk)",
                "one part of a double surname («Самойленко-Тидір»)",
            ),
            _else(),
        ],
    }


def _given(part: str, label: str) -> dict:
    """A given name or patronymic: full forms by canonical key, else initials in either
    language ("Олександр" is "О" and "А")."""
    key, init, alt = f"{part}_key", f"{part}_init", f"{part}_init_alt"
    same_initial = (
        f"l.{init} = r.{init} OR l.{init} = r.{alt} OR l.{alt} = r.{init} "
        f"OR (l.{alt} = r.{alt} AND l.{alt} IS NOT NULL)"
    )
    return {
        "output_column_name": part,
        "comparison_description": label,
        "comparison_levels": [
            _null(init),
            _level(f"l.{key} = r.{key}", "same", key),
            _level(f"{_present(key)}", "differs"),
            _level(same_initial, "initial agrees"),
            {"sql_condition": "ELSE", "label_for_charts": "initial differs"},
        ],
    }


def _birth_date(differs_m: float) -> dict:
    """An entirely different birth date is fixed, not learnt (`training.birth_date_differs_m`):
    official sources mistype a date by a field or a digit (the levels above), and the pairs EM
    would learn "differs" from are mostly namesakes, whom it cannot tell from typos."""
    one_field_off = (
        "substr(l.birth_date, 1, 4) = substr(r.birth_date, 1, 4) AND "
        "(substr(l.birth_date, 6, 2) = substr(r.birth_date, 6, 2) OR "
        "substr(l.birth_date, 9, 2) = substr(r.birth_date, 9, 2))"
    )
    return {
        "output_column_name": "birth_date",
        "comparison_description": "birth date",
        "comparison_levels": [
            _null("birth_date"),
            _level("l.birth_date = r.birth_date", "same"),
            _level(one_field_off, "same year, the day or the month differs"),
            _level("levenshtein(l.birth_date, r.birth_date) <= 1", "one digit off"),
            {**_else(), "m_probability": differs_m, "fix_m_probability": True},
        ],
    }


def _exact(column: str, label: str) -> dict:
    return {
        "output_column_name": column,
        "comparison_description": label,
        "comparison_levels": [_null(column), _level(f"l.{column} = r.{column}", "same"), _else()],
    }


def _office() -> dict:
    """An office on both sides is evidence even when most offices are one (an MP): so "only
    one side holds an office" and "neither does" are levels, not missing values."""
    return {
        "output_column_name": "position",
        "comparison_description": "office",
        "comparison_levels": [
            _level("l.position = r.position", "same"),
            _level(_present("position"), "differs"),
            _level("l.position IS NOT NULL OR r.position IS NOT NULL", "only one holds one"),
            {"sql_condition": "ELSE", "label_for_charts": "neither holds one"},
        ],
    }


def _workplace() -> dict:
    jw = "jaro_winkler_similarity(l.workplace, r.workplace)"
    return {
        "output_column_name": "workplace",
        "comparison_description": "workplace",
        "comparison_levels": [
            _null("workplace"),
            _level("l.workplace = r.workplace", "same"),
            _level(f"{jw} >= 0.92", "nearly the same"),
            _else(),
        ],
    }


COMPARISON_LABELS = {
    "surname": "surname",
    "first": "given name",
    "patronymic": "patronymic",
    "birth_date": "birth date",
    "gender": "gender (from the name)",
    "district": "district",
    "party_id": "party",
    "position": "office",
    "region": "oblast",
    "council": "council = workplace",
    "workplace": "workplace",
}

# Blocking: a pair is compared when it shares any of these; together they survive a typo in
# any one name part, and never compare all pairs.
# Two records of one group that names each person once (model_frame's `exclusive`) are never
# one person: such pairs are neither compared nor learnt from.
NOT_EXCLUSIVE = " AND coalesce(l.exclusive <> r.exclusive, true)"
BLOCKING_RULES = [
    "l.last_skel = r.last_skel AND l.first_init = r.first_init",
    "l.family = r.family AND l.first_init = r.first_init",  # the other gender's form
    "l.last_skel = r.last_skel AND (l.first_init IS NULL OR r.first_init IS NULL)",
    "l.last_skel = r.last_skel AND l.patronymic_key = r.patronymic_key",  # given name typo
    "l.birth_date = r.birth_date AND l.first_key = r.first_key",
    "l.birth_date = r.birth_date AND substr(l.last_skel, 1, 3) = substr(r.last_skel, 1, 3)",
    # A surname typo: the rest of the name and the surname's start, a place or a birth date.
    "l.first_key = r.first_key AND l.patronymic_key = r.patronymic_key "
    "AND substr(l.last_skel, 1, 2) = substr(r.last_skel, 1, 2)",
    "l.first_key = r.first_key AND l.patronymic_key = r.patronymic_key AND l.region = r.region",
    "l.first_key = r.first_key AND l.patronymic_key = r.patronymic_key AND l.council = r.council",
]
# Pairs that agree this much are one person, for the prior's estimate: the whole name and a
# birth date, an office, a council, or an oblast and a party (a donor and a council member).
_WHOLE_NAME = (
    "l.last_skel = r.last_skel AND l.first_key = r.first_key "
    "AND l.patronymic_key = r.patronymic_key"
)
DETERMINISTIC_RULES = [
    f"{_WHOLE_NAME} AND l.birth_date = r.birth_date",
    f"{_WHOLE_NAME} AND l.position = r.position",
    f"{_WHOLE_NAME} AND l.council = r.council",
    f"{_WHOLE_NAME} AND l.region = r.region AND l.party_id = r.party_id",
]
# Expectation maximisation, session by session: a blocking rule, and the comparisons whose m
# that session teaches (in a block, true pairs are common enough to be learnt from; the rule's
# own columns cannot be learnt in it, and a comparison is taken from the session where its
# true pairs are least confused with namesakes).
TRAINING = [
    (_WHOLE_NAME, EVIDENCE_COLUMNS),
    ("l.birth_date = r.birth_date", ["first", "patronymic"]),
    # Surname typos (donors have no birth date): the rest of the name, the oblast and the
    # surname's first letter (a column no comparison reads, so the surname is learnt), the
    # party left to tell true pairs from namesakes.
    (
        "l.first_key = r.first_key AND l.patronymic_key = r.patronymic_key "
        "AND l.region = r.region AND l.last_initial = r.last_initial",
        ["surname"],
    ),
]


def model_settings(link_type: str = "dedupe_only") -> dict:
    config = settings.load()
    training = config["training"]
    return {
        "link_type": link_type,
        "unique_id_column_name": "key",
        "probability_two_random_records_match": training["initial_prior"],
        "em_convergence": training["em_convergence"],
        "max_iterations": training["max_iterations"],
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": False,
        "blocking_rules_to_generate_predictions": [r + NOT_EXCLUSIVE for r in BLOCKING_RULES],
        "comparisons": [
            _surname(),
            _given("first", "given name"),
            _given("patronymic", "patronymic"),
            _birth_date(config["training"]["birth_date_differs_m"]),
            _exact("gender", "gender (from the name)"),
            _exact("district", "district"),
            _exact("party_id", "party"),
            _office(),
            _exact("region", "oblast"),
            _exact("council", "council = workplace"),
            _workplace(),
        ],
    }


def model_frame(prepared: pd.DataFrame) -> pd.DataFrame:
    """The prepared records in the model's columns (the frame train, learn and predict take):
    Arrow strings, compact and read by DuckDB as they are, empty text as NULL. `exclusive`
    (optional in `prepared`): the group of records that names each person at most once."""
    frame = prepared.reindex(columns=MODEL_COLUMNS)
    frame["last_initial"] = prepared["last_skel"].str[:1]
    frame = frame.astype(pd.ArrowDtype(pa.string()))
    return frame.mask(frame == "")


def _linker(frames: list[pd.DataFrame], model: dict) -> Linker:
    """A Splink linker on its own DuckDB, within `training.duckdb_memory` (it spills to disk
    past that)."""
    connection = duckdb.connect(
        config={"memory_limit": settings.load()["training"]["duckdb_memory"]}
    )
    api = DuckDBAPI(connection)
    tables = [api.register(f, dataset_display_name=f"records_{i}") for i, f in enumerate(frames)]
    return Linker(tables if len(tables) > 1 else tables[0], model, log_level=logging.WARNING)


def _check_converged(session, config: dict) -> None:
    history = session._core_model_settings_history
    iterations = len(history) - 1
    change = _max_change_in_parameters_comparison_levels(history)["max_abs_change_value"]
    if iterations >= config["max_iterations"] and change >= config["em_convergence"]:
        raise TrainingError(
            f"the identity model did not converge: after {iterations} EM iterations blocked on "
            f"{session._blocking_rule_for_training.blocking_rule_sql} its parameters still "
            f"changed by {change:.4g} (limit {config['em_convergence']})"
        )


def learn(frame: pd.DataFrame) -> dict:
    """The model for records (model_frame): learnt from them (`train`) when they are enough to
    learn from (`training.min_records`), else the base model, which the real recorded
    sources taught (BASE_MODEL; a test checks that they still teach it)."""
    if len(frame) < settings.load()["training"]["min_records"]:
        log.info("identity: %d records are too few to learn from; the base model", len(frame))
        return load(BASE_MODEL)
    return train(frame)


def train(frame: pd.DataFrame) -> dict:
    """A model learnt from records (model_frame), linked within themselves."""
    config = settings.load()["training"]
    linker = _linker([frame], model_settings())
    try:
        linker.training.estimate_probability_two_random_records_match(
            [r + NOT_EXCLUSIVE for r in DETERMINISTIC_RULES],
            recall=config["deterministic_recall"],
        )
        if not linker._settings_obj._probability_two_random_records_match:
            raise TrainingError(
                "the identity model could not be learnt: no two records agree on a whole name "
                "and a birth date, an office, a council or an oblast and party, so nothing "
                "tells how often two records are one person"
            )
        linker.training.estimate_u_using_random_sampling(
            max_pairs=config["u_pairs"], seed=config["seed"]
        )
        learnt, untaught = {}, []
        for rule, comparisons in TRAINING:
            if not _any_pair(frame, rule + NOT_EXCLUSIVE):
                log.warning(
                    "identity: no records share %s; %s from the base model",
                    rule,
                    ", ".join(comparisons),
                )
                untaught += comparisons
                continue
            session = linker.training.estimate_parameters_using_expectation_maximisation(
                rule + NOT_EXCLUSIVE,
                estimate_without_term_frequencies=True,
                # The block's share of true pairs follows from the prior; left free, EM can
                # run off to "every pair in the block is one person".
                fix_probability_two_random_records_match=True,
                # A large block (one birth date among millions) is learnt from a sample.
                max_pairs=config["em_pairs"],
            )
            _check_converged(session, config)
            _floor_m(linker, config["m_floor"])
            final = session._core_model_settings_history[-1]
            learnt.update({c: final.get_comparison_by_output_column_name(c) for c in comparisons})
        _take_m(linker, learnt)
    except TrainingError:
        raise
    except Exception as error:  # Splink raises plain exceptions for data it cannot learn from
        raise TrainingError(f"the identity model could not be learnt: {error}") from error
    learnt_model = linker.misc.save_model_to_json()
    learnt_model.pop("linker_uid", None)  # a random name of this Linker: not part of the model
    return _with_base_m(_smoothed(learnt_model, config), untaught)


def _any_pair(frame: pd.DataFrame, rule: str) -> bool:
    """Whether any two records meet a blocking rule (Splink's EM fails on an empty block)."""
    connection = duckdb.connect()
    connection.register("records", frame)
    found = connection.execute(
        f"SELECT 1 FROM records l JOIN records r ON {rule} AND l.key < r.key LIMIT 1"
    ).fetchall()
    connection.close()
    return bool(found)


def _with_base_m(model: dict, comparisons: list[str]) -> dict:
    """Comparisons these records could not teach keep the base model's m (the real sources
    taught it)."""
    if not comparisons:
        return model
    base = {c["output_column_name"]: c for c in load(BASE_MODEL)["comparisons"]}
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        if name not in comparisons:
            continue
        base_m = {
            lv["label_for_charts"]: lv["m_probability"]
            for lv in base[name]["comparison_levels"]
            if not lv.get("is_null_level")
        }
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level") and not level.get("fix_m_probability"):
                level["m_probability"] = base_m[level["label_for_charts"]]
    return model


def _take_m(linker: Linker, learnt: dict) -> None:
    """Each comparison's m from the session that teaches it (TRAINING)."""
    for comparison in linker._settings_obj.comparisons:
        source = learnt.get(comparison.output_column_name)
        if source is None:
            continue
        for level in comparison._comparison_levels_excluding_null:
            if level._fix_m_probability:
                continue
            trained = source._get_comparison_level_by_comparison_vector_value(
                level.comparison_vector_value
            )
            level.m_probability = trained._m_probability


def _floor_m(linker: Linker, floor: float) -> None:
    """Between two EM sessions: a level's m of 0 would be a veto the next session starts from
    (and Splink refuses it)."""
    for comparison in linker._settings_obj.comparisons:
        for level in comparison._comparison_levels_excluding_null:
            m = level._m_probability
            if isinstance(m, float) and m < floor and not level._fix_m_probability:
                level.m_probability = floor


def _smoothed(model: dict, config: dict) -> dict:
    """EM gives a level it never saw among true pairs an m of nearly 0, a veto no evidence can
    overturn: m is floored at `m_floor`, u at one random pair in `u_pairs`. A level that no
    pair reached, in training nor among random pairs, says nothing: it is made neutral
    (m = u), and logged. All are rounded to 10 significant digits: DuckDB sums in parallel, in
    no fixed order, so the last digits change from run to run, and a rebuild of the same data
    must learn the same weights."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("fix_m_probability"):
                continue
            if m is None or u is None:
                level["m_probability"] = level["u_probability"] = u or m or config["m_floor"]
                log.info(
                    "identity model: no pair reached %s = %s; neutral",
                    comparison["output_column_name"],
                    level["label_for_charts"],
                )
                continue
            level["m_probability"] = _significant(max(m, config["m_floor"]))
            level["u_probability"] = _significant(max(u, 1 / config["u_pairs"]))
    return model


def _significant(value: float) -> float:
    return float(f"{value:.10g}")


def _check_learnt(model: dict) -> None:
    """Every level that pairs can reach has an m and a u: otherwise its weight is a guess."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            for p in ("m_probability", "u_probability"):
                value = level.get(p)
                if value is None or value != value:
                    raise TrainingError(
                        f"the identity model learnt no {p} for {comparison['output_column_name']}"
                        f" = {level['label_for_charts']}"
                    )


def predict(frame: pd.DataFrame, model: dict, threshold: float) -> tuple[pd.DataFrame, int]:
    """Scored pairs within records (model_frame; keys `left_record`, `right_record`) at or
    above `threshold`, with their evidence in words and each comparison's level (`gamma_*`);
    and the number of pairs compared."""
    return _predict(_linker([frame], _explaining(model)), model, threshold)


def predict_between(
    queries: pd.DataFrame, population: pd.DataFrame, model: dict, threshold: float
) -> tuple[pd.DataFrame, int]:
    """Pairs of (query, member of the population), both model frames, scored as `predict`
    does. A name is as rare as it is in the population, and the prior is one in the
    population's size: a query is at most one of its members."""
    frames = [queries, population]
    model = {
        **_explaining(model),
        "link_type": "link_only",
        "probability_two_random_records_match": 1 / max(len(population), 1),
        # An office the queries never state is no evidence (it has no "not given" level).
        "comparisons": [
            c
            for c in model["comparisons"]
            if c["output_column_name"] != "position" or frames[0]["position"].notna().any()
        ],
    }
    linker = _linker(frames, model)
    for column in TF_COLUMNS:
        values = frames[1][column].dropna()
        frequency = values.value_counts(normalize=True).rename(f"tf_{column}")
        table = frequency.rename_axis(column).reset_index()
        linker.table_management.register_term_frequency_lookup(
            linker._db_api.register(table), column
        )
    scored, compared = _predict(linker, model, threshold)
    return scored.assign(expected_namesakes=scored["full_name_frequency"] * len(population)), (
        compared
    )


def _explaining(model: dict) -> dict:
    """The model to predict with: its weights, this code's blocking, every column kept."""
    return {
        **model,
        "blocking_rules_to_generate_predictions": [r + NOT_EXCLUSIVE for r in BLOCKING_RULES],
        "retain_intermediate_calculation_columns": True,
        "retain_matching_columns": True,
    }


def _predict(linker: Linker, model: dict, threshold: float) -> tuple[pd.DataFrame, int]:
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    compared = linker.misc.query_sql(
        f"SELECT count(*) AS n FROM {blocked.physical_name}", output_type="pandas"
    )["n"].iloc[0]
    linker.table_management.register_blocked_pairs_for_predict(blocked)
    scored = linker.inference.predict(threshold_match_probability=threshold)
    frame = scored.as_pandas_dataframe()
    return _named(frame, model), int(compared)


def _named(frame: pd.DataFrame, model: dict) -> pd.DataFrame:
    out = frame.rename(
        columns={"key_l": "left_record", "key_r": "right_record", "match_probability": "score"}
    )
    gammas = [c for c in frame if c.startswith("gamma_")]
    out = out[["left_record", "right_record", "score", "match_weight", *gammas]].copy()
    # How often the population's side's full name occurs, were its parts independent.
    columns = [f"tf_{c}_r" for c in TF_COLUMNS]
    out["full_name_frequency"] = (
        frame[columns].prod(axis=1) if set(columns) <= set(frame) else float("nan")
    )
    out["evidence"] = evidence(frame, model)
    return out


def evidence(frame: pd.DataFrame, model: dict) -> pd.Series:
    """Each pair's evidence in words, strongest first: "surname same (1 in 12,000) ×310;
    birth date same ×9,400; oblast same ×9.9; patronymic differs ×0.0005"."""
    parts = []
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        labels = _level_labels(comparison)
        gamma = frame[f"gamma_{name}"].to_numpy()
        weight = frame[f"mw_{name}"].to_numpy(dtype=float)
        tf_column = next(
            (
                lv["tf_adjustment_column"]
                for lv in comparison["comparison_levels"]
                if lv.get("tf_adjustment_column")
            ),
            None,
        )
        if tf_column:
            weight = weight + frame[f"mw_tf_adj_{name}"].to_numpy(dtype=float)
            frequency = frame[[f"tf_{tf_column}_l", f"tf_{tf_column}_r"]].max(axis=1).to_numpy()
        words = []
        for i, (g, f) in enumerate(zip(gamma, 2.0**weight, strict=True)):
            if g < 0:
                words.append(None)
                continue
            label = f"{COMPARISON_LABELS[name]} {labels[g]}"
            if tf_column and labels[g] == "same" and frequency[i] == frequency[i]:
                label += f" (1 in {round(1 / frequency[i]):,})"
            words.append((f, f"{label} ×{_factor(f)}"))
        parts.append(words)
    return pd.Series(
        [
            "; ".join(
                text for _, text in sorted(filter(None, row), key=lambda w: -abs(math.log(w[0])))
            )
            for row in zip(*parts, strict=True)
        ],
        index=frame.index,
    )


def _factor(value: float) -> str:
    """A Bayes factor for readers: ×4,280, ×16.4, ×0.094."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _level_labels(comparison: dict) -> dict[int, str]:
    """Splink numbers a comparison's levels from the last (0) up, the null level -1."""
    levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
    return {len(levels) - 1 - i: lv["label_for_charts"] for i, lv in enumerate(levels)}


def save(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, ensure_ascii=False), encoding="utf-8")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def weights_table(model: dict) -> pd.DataFrame:
    """The model as rows for the `match_weights` table: the prior, then every level."""
    rows = [
        {
            "comparison": "prior",
            "level": "probability that two random records are one person",
            "m_probability": None,
            "u_probability": None,
            "bayes_factor": model["probability_two_random_records_match"],
            "term_frequency": 0,
        }
    ]
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level["m_probability"], level["u_probability"]
            rows.append(
                {
                    "comparison": COMPARISON_LABELS[comparison["output_column_name"]],
                    "level": level["label_for_charts"],
                    "m_probability": m,
                    "u_probability": u,
                    "bayes_factor": m / u,
                    "term_frequency": int("tf_adjustment_column" in level),
                }
            )
    return pd.DataFrame(rows)


def levels(scored: pd.DataFrame, model: dict, comparison: str) -> pd.Series:
    """The level each scored pair reached on one comparison, by its label ("same", ...)."""
    found = next(c for c in model["comparisons"] if c["output_column_name"] == comparison)
    labels = {**_level_labels(found), -1: "not given"}
    return scored[f"gamma_{comparison}"].map(labels)


def never_linked(scored: pd.DataFrame, model: dict) -> pd.Series:
    """Pairs no score may link, only send to review: entirely different birth dates (a
    conflicting date outweighs a perfect name, however rare: namesakes and relatives), or
    entirely different surnames (a married name, or two people born on one day): a person
    decides those."""
    return (levels(scored, model, "birth_date") == "differs") | (
        levels(scored, model, "surname") == "differs"
    )
