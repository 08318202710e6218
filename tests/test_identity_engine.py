"""Identity, block → score → decide → cluster → stable ids, on real people from the samples."""

import pandas as pd
import pytest

from etl.identity import block, settings
from etl.identity.cluster import Clusters
from etl.identity.evaluation import all_people, reference_frame
from etl.identity.ids import assign_ids, person_id_for
from etl.identity.judgements import DIFFERENT, SAME, Judgement
from etl.identity.match import Matcher
from etl.identity.records import prepare
from etl.identity.resolve import resolve
from etl.identity.score import LINK, NONE, REVIEW, decide, score_pairs

CONFIG = settings.load()


@pytest.fixture(scope="module")
def people(samples) -> pd.DataFrame:
    return reference_frame(all_people(samples))


def test_blocking_compares_a_tiny_share_of_all_pairs(people):
    prepared = prepare(people)
    pairs, stats = block.candidate_pairs(prepared, None, CONFIG["blocking"]["max_block_pairs"])
    all_pairs = len(people) * (len(people) - 1) // 2
    assert len(people) > 4000
    assert stats.pairs == len(pairs) < all_pairs / 1000
    assert (pairs["left"] < pairs["right"]).all()


def test_blocking_still_pairs_every_spelling_of_a_name(people):
    mp = people[people["full_name"] == "Євтушок Сергій Миколайович"]
    queries = pd.DataFrame(
        {
            "key": ["1", "2", "3", "4"],
            "name": ["Serhii Yevtushok", "Евтушок Сергей Николаевич", "Євтушок С.М.", "Євтушок"],
        }
    )
    pairs, _ = block.candidate_pairs(prepare(queries), prepare(mp), 10**6)
    assert sorted(pairs["left"]) == [0, 1, 2, 3]


def score_one(left: dict, right: dict) -> tuple[float, str]:
    a = prepare(pd.DataFrame([{"key": "a", **left}]))
    b = prepare(pd.DataFrame([{"key": "b", **right}]))
    scored = score_pairs(a, b, pd.DataFrame({"left": [0], "right": [0]}), CONFIG)
    return float(scored["score"][0]), scored["decision"][0]


MP = {"name": "Євтушок Сергій Миколайович", "birth_date": "1973-11-13"}


@pytest.mark.parametrize(
    ("other", "decision"),
    [
        ({"name": "Serhiy Yevtushok", "birth_date": "1973-11-13"}, LINK),
        ({"name": "Евтушок Сергей Николаевич", "birth_date": "1973-11-13"}, LINK),
        ({"name": "Євтушок С.М.", "birth_date": "1973-11-13"}, LINK),
        ({"name": "Євтушок Сергій Миколайович", "birth_date": "1975-11-13"}, NONE),
        ({"name": "Євтушок Сергій Миколайович", "birth_date": "1973-05-13"}, REVIEW),
        ({"name": "Євтушок Андрій Миколайович", "birth_date": "1970-02-01"}, NONE),
        ({"name": "Євтушок Андрій Миколайович"}, NONE),
    ],
)
def test_evidence_decides(other, decision):
    assert score_one(MP, other)[1] == decision


def test_a_conflicting_birth_date_outweighs_a_perfect_name():
    same_name_other_day, _ = score_one(MP, {**MP, "birth_date": "1980-01-01"})
    name_only, _ = score_one(MP, {"name": MP["name"]})
    assert same_name_other_day < CONFIG["thresholds"]["review"] <= name_only


def test_district_evidence_links_a_name_without_birth_date():
    mp = {**MP, "district": "153"}
    assert score_one(mp, {"name": MP["name"], "district": "153"})[1] == LINK
    assert score_one(mp, {"name": MP["name"]})[1] == REVIEW


def test_decide_uses_the_configured_thresholds():
    scores = pd.Series(
        [0.999, CONFIG["thresholds"]["link"], 0.9, CONFIG["thresholds"]["review"], 0.1]
    )
    assert list(decide(scores, CONFIG)) == [LINK, LINK, REVIEW, REVIEW, NONE]


def test_dubnevych_brothers_stay_apart(samples):
    """MP Yaroslav Dubnevych and his brother Bohdan share surname and patronymic."""
    mps = reference_frame([p for p in all_people(samples) if p.key.startswith("rada:")])
    (yaroslav,) = mps[mps["last_name"] == "Дубневич"]["full_name"]
    assert yaroslav == "Дубневич Ярослав Васильович"
    answer = Matcher(mps).best(
        pd.DataFrame({"name": ["ДУБНЕВИЧ БОГДАН ВАСИЛЬОВИЧ"], "birth_date": [None]})
    )
    assert answer["decision"][0] == NONE


def test_clusters_are_transitive_within_constraints():
    clusters = Clusters(
        ["rada:1", "rada:2", "x:1", "x:2", "y:1"],
        {"rada:1": ("rada", "1"), "rada:2": ("rada", "2")},
        {frozenset(("x:2", "y:1"))},
    )
    assert clusters.union("rada:1", "x:1") is None
    assert clusters.union("x:1", "x:2") is None
    assert "two different rada ids" in clusters.union("x:2", "rada:2")
    assert "judged different" in clusters.union("y:1", "rada:1")
    assert clusters.union("rada:2", "rada:1", judged_same=True) is None
    assert sorted(map(len, clusters.groups())) == [1, 4]


def test_ids_are_kept_and_a_merge_leaves_a_redirect():
    previous = {"a": "p-old-a", "b": "p-old-b", "c": "p-old-c"}
    ids, redirects = assign_ids([["a", "b"], ["c"], ["d"]], ["a", "c", "d"], previous, {})
    assert ids["a"] == ids["b"] in ("p-old-a", "p-old-b")
    assert ids["c"] == "p-old-c"
    assert ids["d"] == person_id_for("d")
    retired = ({"p-old-a", "p-old-b"} - {ids["a"]}).pop()
    assert redirects == {retired: ids["a"]}


def test_old_redirects_follow_the_id_they_pointed_to():
    ids, redirects = assign_ids([["a", "b"]], ["a"], {"a": "p1", "b": "p2"}, {"p0": "p2"})
    assert ids["a"] == "p1" and redirects == {"p2": "p1", "p0": "p1"}


def records(*rows) -> pd.DataFrame:
    base = {
        "patronymic": None,
        "gender": None,
        "photo_url": None,
        "source_url": "u",
        "page_url": None,
        "run_id": "r",
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["full_name"] = (
        frame[["last_name", "first_name", "patronymic"]]
        .fillna("")
        .agg(" ".join, axis=1)
        .str.strip()
    )
    return frame


RADA_MP = {
    "source": "rada",
    "source_record_id": "1",
    "last_name": "Євтушок",
    "first_name": "Сергій",
    "patronymic": "Миколайович",
    "birth_date": "1973-11-13",
}
TWO_SOURCES = records(
    RADA_MP,
    {
        "source": "cec",
        "source_record_id": "7",
        "last_name": "ЄВТУШОК",
        "first_name": "Сергій",
        "patronymic": "Миколайович",
        "birth_date": "1973-11-13",
    },
    {
        "source": "cec",
        "source_record_id": "8",
        "last_name": "Шевчук",
        "first_name": "Ольга",
        "birth_date": "1980-01-01",
    },
)


def test_resolve_links_records_of_one_person_and_keeps_ids_stable():
    first = resolve(TWO_SOURCES)
    assert len(first.persons) == 2
    sources = first.person_sources.set_index("source_record_id")
    assert sources.loc["1", "person_id"] == sources.loc["7", "person_id"]
    assert sources.loc["7", "match_method"] == "name and evidence"
    assert sources.loc["7", "match_score"] > 0.99
    assert sources.loc["1", "match_method"] == "source id"
    previous = {
        f"{s}:{r}": p
        for s, r, p in first.person_sources[["source", "source_record_id", "person_id"]].itertuples(
            index=False
        )
    }
    again = resolve(TWO_SOURCES, (previous, {}))
    assert again.person_sources.equals(first.person_sources)


def test_human_judgements_win():
    different = Judgement("rada:1", "cec:7", DIFFERENT, "editor", "2026-11-23T00:00:00Z")
    apart = resolve(TWO_SOURCES, judgements=[different])
    assert len(apart.persons) == 3
    same = Judgement("cec:8", "rada:1", SAME, "editor", "2026-11-23T00:00:00Z")
    together = resolve(TWO_SOURCES, judgements=[same])
    assert len(together.persons) == 1
    assert together.person_sources.set_index("source_record_id").loc["8", "match_method"] == (
        "judgement"
    )


def test_uncertain_pairs_go_to_the_review_queue():
    rows = records(
        RADA_MP,
        {
            "source": "nazk",
            "source_record_id": "9",
            "last_name": "Євтушок",
            "first_name": "Сергій",
            "patronymic": "Миколайович",
            "birth_date": None,
        },
    )
    result = resolve(rows)
    assert len(result.persons) == 2
    (row,) = result.review.to_dict("records")
    assert {row["left_record"], row["right_record"]} == {"rada:1", "nazk:9"}
    assert row["status"] == "uncertain" and "birth date" not in row["evidence"]
    already = Judgement("nazk:9", "rada:1", DIFFERENT, "editor", "2026-11-23T00:00:00Z")
    assert resolve(rows, judgements=[already]).review.empty
