"""Identity, normalise → block → score (the model) → decide → cluster → stable ids, on the real
people of the samples (MPs, 2019 candidates, 2020 council members): names weigh as rare as they
are among them."""

import pandas as pd
import pytest

from etl.identity import model, settings
from etl.identity.cluster import Clusters
from etl.identity.evaluation import all_people, reference_frame
from etl.identity.ids import assign_ids, person_id_for
from etl.identity.judgements import DIFFERENT, SAME, Judgement
from etl.identity.match import Matcher
from etl.identity.records import prepare
from etl.identity.resolve import resolve
from etl.identity.score import LINK, NONE, REVIEW, decide

CONFIG = settings.load()
MP_NAME = "Євтушок Сергій Миколайович"


@pytest.fixture(scope="module")
def people(samples) -> pd.DataFrame:
    return reference_frame(all_people(samples))


@pytest.fixture(scope="module")
def matcher(people) -> Matcher:
    return Matcher(people)


def test_blocking_compares_a_tiny_share_of_all_pairs(people):
    frame = model.model_frame(prepare(people))
    scored, compared = model.predict(frame, model.load(model.BASE_MODEL), 0.0)
    all_pairs = len(people) * (len(people) - 1) // 2
    assert len(people) > 4000
    assert 0 < compared == len(scored) < all_pairs / 1000


def test_blocking_still_pairs_every_spelling_of_a_name(people, matcher):
    """Every way of writing the name, and a typo in any one part: in the surname's first
    letters when a birth date (or an oblast) is known."""
    queries = pd.DataFrame(
        [
            ("Serhii Yevtushok", None),
            ("Евтушок Сергей Николаевич", None),
            ("Євтушок С.М.", None),
            ("Євтушок", None),
            ("Євтущок Сергій Миколайович", None),
            ("Ївтушок Сергій Миколайович", "1973-11-13"),
            ("Євтушок Сергйі Миколайович", None),
            ("Євтушок Сергій Микалайович", None),
        ],
        columns=["name", "birth_date"],
    )
    scored = matcher.candidates(queries, threshold=0.0)
    found = scored.loc[scored["person_name"] == MP_NAME, "left"]
    assert sorted(found) == list(range(len(queries)))


def decision_for(matcher, query: dict) -> tuple[str, float, str]:
    (answer,) = matcher.best(pd.DataFrame([query])).to_dict("records")
    assert answer["decision"] == NONE or answer["person_name"] == MP_NAME
    return answer["decision"], answer["score"], answer["reason"]


@pytest.mark.parametrize(
    ("query", "decision"),
    [
        ({"name": "Serhiy Yevtushok", "birth_date": "1973-11-13"}, LINK),
        ({"name": "Евтушок Сергей Николаевич", "birth_date": "1973-11-13"}, LINK),
        ({"name": "Євтушок С.М.", "birth_date": "1973-11-13"}, LINK),
        ({"name": "ЄВТУЩОК Сергій Миколайович", "birth_date": "1973-11-13"}, LINK),
        # A month apart in a name this rare: a typo (as the Rada and the CEC disagree on
        # Колев's birth month).
        ({"name": MP_NAME, "birth_date": "1973-05-13"}, LINK),
        ({"name": "Євтушок Андрій Миколайович", "birth_date": "1970-02-01"}, NONE),
        ({"name": "Євтушок Андрій Миколайович"}, NONE),
    ],
)
def test_evidence_decides(matcher, query, decision):
    assert decision_for(matcher, query)[0] == decision


def test_a_conflicting_birth_date_outweighs_a_perfect_name(matcher):
    other_day, other_score, why = decision_for(
        matcher, {"name": MP_NAME, "birth_date": "1980-01-01"}
    )
    alone, alone_score, _ = decision_for(matcher, {"name": MP_NAME})
    assert other_day != LINK and "birth date differs" in why
    assert other_score < alone_score / 100


def test_a_rare_full_name_alone_links_and_a_shared_one_goes_to_review(people, matcher):
    carried = people.groupby("full_name")["key"].nunique()
    assert carried[MP_NAME] == 1
    decision, _, why = decision_for(matcher, {"name": MP_NAME})
    assert decision == LINK and f"the only person with this full name among {len(people):,}" in why
    shared = carried[carried == 2].index[0]
    (answer,) = Matcher(people).best(pd.DataFrame({"name": [shared]})).to_dict("records")
    carriers = set(people.loc[people["full_name"] == shared, "key"])
    assert answer["decision"] == REVIEW and answer["person_id"] in carriers
    (other,) = carriers - {answer["person_id"]}
    assert f"also fits {shared} ({other})" in answer["reason"]


def test_district_evidence_links_a_name_without_birth_date(people):
    """Where the name alone is not enough (a second person of that surname and given name),
    the district decides."""
    mps = people[people["key"].str.startswith("rada:")]
    mp = mps[mps["full_name"] == MP_NAME]
    assert (
        Matcher(mps).best(pd.DataFrame({"name": [MP_NAME], "district": mp["district"].to_list()}))[
            "decision"
        ][0]
        == LINK
    )


def test_decide_uses_the_configured_thresholds():
    scores = pd.Series(
        [0.999, CONFIG["thresholds"]["link"], 0.9, CONFIG["thresholds"]["review"], 0.1]
    )
    assert list(decide(scores, CONFIG)) == [LINK, LINK, REVIEW, REVIEW, NONE]
    capped = pd.Series([True, False, False, False, False])
    assert list(decide(scores, CONFIG, capped)) == [REVIEW, LINK, REVIEW, REVIEW, NONE]


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


TEST_SURNAMES = ("Євтушок", "Шевчук")


@pytest.fixture(scope="module")
def population(people) -> pd.DataFrame:
    """The real people as records of a source of their own, among which the tests' records
    are linked (without the tests' surnames, so that only the tests' records carry them)."""
    others = people[~people["last_name"].isin(TEST_SURNAMES)]
    return others.assign(source="population", source_record_id=others["key"]).drop(
        columns=["key", "district"]
    )


@pytest.fixture(scope="module")
def learnt() -> dict:
    """The model the real records taught (the demo's build learns the same: test_identity_model)."""
    return model.load(model.BASE_MODEL)


def linked(rows: pd.DataFrame, population, learnt, **options):
    """`resolve` on the rows among the population; the result's frames for the rows only."""
    result = resolve(pd.concat([rows, population], ignore_index=True), learnt=learnt, **options)
    mine = result.person_sources["source"] != "population"
    sources = result.person_sources[mine]
    persons = result.persons[result.persons["person_id"].isin(sources["person_id"])]
    review = result.review[
        ~result.review["left_record"].str.startswith("population:")
        & ~result.review["right_record"].str.startswith("population:")
    ]
    return sources, persons, review


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


def test_resolve_links_records_of_one_person_and_keeps_ids_stable(population, learnt):
    sources, persons, _ = linked(TWO_SOURCES, population, learnt)
    assert len(persons) == 2
    by_record = sources.set_index("source_record_id")
    assert by_record.loc["1", "person_id"] == by_record.loc["7", "person_id"]
    assert by_record.loc["7", "match_method"] == "name and evidence"
    assert by_record.loc["7", "match_score"] > 0.99
    assert "birth date same" in by_record.loc["7", "match_evidence"]
    assert by_record.loc["1", "match_method"] == "source id"
    previous = {
        f"{s}:{r}": p
        for s, r, p in sources[["source", "source_record_id", "person_id"]].itertuples(index=False)
    }
    again, _, _ = linked(TWO_SOURCES, population, learnt, previous=(previous, {}))
    assert again.reset_index(drop=True).equals(sources.reset_index(drop=True))


def test_human_judgements_win(population, learnt):
    different = Judgement("rada:1", "cec:7", DIFFERENT, "editor", "2026-11-23T00:00:00Z")
    _, apart, _ = linked(TWO_SOURCES, population, learnt, judgements=[different])
    assert len(apart) == 3
    same = Judgement("cec:8", "rada:1", SAME, "editor", "2026-11-23T00:00:00Z")
    sources, together, _ = linked(TWO_SOURCES, population, learnt, judgements=[same])
    assert len(together) == 1
    assert sources.set_index("source_record_id").loc["8", "match_method"] == "judgement"


def test_two_candidacies_of_one_single_member_election_are_two_people(population, learnt):
    """The CEC's clone candidates: one name, one district, another birth date."""
    clones = records(
        {**RADA_MP, "source": "cec", "source_record_id": "vnd2019:80:a"},
        {**RADA_MP, "source": "cec", "source_record_id": "vnd2019:80:b"},
    )
    _, persons, review = linked(clones, population, learnt)
    assert len(persons) == 2 and review.empty


def test_uncertain_pairs_go_to_the_review_queue(population, learnt):
    rows = records(
        RADA_MP,
        {
            "source": "nazk",
            "source_record_id": "9",
            "last_name": "Євтушок",
            "first_name": "Сергій",
            "patronymic": "Миколайович",
            "birth_date": "1973-05-13",
        },
    )
    _, persons, review = linked(rows, population, learnt)
    assert len(persons) == 2
    (row,) = review.to_dict("records")
    assert {row["left_record"], row["right_record"]} == {"rada:1", "nazk:9"}
    assert row["status"] == "uncertain" and "the day or the month differs" in row["evidence"]
    already = Judgement("nazk:9", "rada:1", DIFFERENT, "editor", "2026-11-23T00:00:00Z")
    assert linked(rows, population, learnt, judgements=[already])[2].empty
