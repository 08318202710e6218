"""From every source's person records to persons: normalise → block → score → decide →
cluster → stable ids. Human judgements win over the engine.

Records: a frame with `source`, `source_record_id`, name parts (`last_name`, `first_name`,
`patronymic`, `full_name`), `birth_date`, `gender`, `photo_url`, provenance (`source_url`,
`page_url`, `run_id`) and optional evidence columns (records.EVIDENCE).
"""

import logging
from dataclasses import dataclass

import pandas as pd

from etl.identity import model, settings
from etl.identity.cluster import Clusters
from etl.identity.ids import assign_ids
from etl.identity.judgements import DIFFERENT, SAME, Judgement
from etl.identity.records import prepare
from etl.identity.score import LINK, REVIEW, decide
from pamyat.core import sources
from pamyat.core.text.names import latin, search_forms

log = logging.getLogger("pamyat.identity")

ID_METHOD, SCORE_METHOD, JUDGEMENT_METHOD = "source id", "name and evidence", "judgement"
PERSON_COLUMNS = [
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
SOURCE_COLUMNS = [
    "source",
    "source_record_id",
    "person_id",
    "source_url",
    "page_url",
    "match_method",
    "match_score",
    "match_evidence",
    "run_id",
]


@dataclass
class Resolution:
    persons: pd.DataFrame
    person_sources: pd.DataFrame
    redirects: pd.DataFrame
    review: pd.DataFrame
    pairs_compared: int
    model: dict
    # Records without a usable name (no surname left once read): nobody can be linked to them.
    unnamed: pd.DataFrame


def record_key(source, record_id) -> str:
    return f"{source}:{record_id}"


def _ids_name_persons(source: str) -> bool:
    return bool(sources.identity(source).get("ids_name_persons"))


def exclusive_group(source: str, record_id: str) -> str | None:
    """The group of records naming each person at most once that a record is in, or None:
    a source whose ids name people, or an election of one candidacy per person (source.yml
    `identity`)."""
    if _ids_name_persons(source):
        return source
    election = str(record_id).split(":", 1)[0]
    if election in sources.identity(source).get("one_record_per_person_in", ()):
        return f"{source}:{election}"
    return None


def _anchor_order(records: pd.DataFrame) -> pd.Series:
    """The record that speaks for a person: the first source naming persons in the registry's
    order, then the lowest key."""
    priority = {s: i for i, s in enumerate(sources.naming_persons())}
    return records["source"].map(lambda s: priority.get(s, len(priority)))


def resolve(
    records: pd.DataFrame,
    previous: tuple[dict, dict] = ({}, {}),
    judgements: list[Judgement] = (),
    learnt: dict | None = None,
) -> Resolution:
    """`learnt`: a model saved by an earlier build, to re-run it with the same weights;
    without it the model is learnt from these records (model.learn)."""
    config = settings.load()
    records = records.reset_index(drop=True).copy()
    records["key"] = [
        record_key(s, r)
        for s, r in zip(records["source"], records["source_record_id"], strict=True)
    ]
    groups = [
        exclusive_group(s, r)
        for s, r in zip(records["source"], records["source_record_id"], strict=True)
    ]
    frame = model.model_frame(prepare(records).assign(exclusive=groups))
    learnt = learnt or model.learn(frame)
    scored, compared = model.predict(frame, learnt, config["thresholds"]["review"])
    scored["decision"] = decide(scored["score"], config, model.never_linked(scored, learnt))
    keys = records["key"].to_numpy()

    authority = {
        k: (g, r)
        for k, g, r in zip(keys, groups, records["source_record_id"], strict=True)
        if g is not None
    }
    judged = {j.pair: j for j in judgements}
    clusters = Clusters(
        list(keys), authority, {p for p, j in judged.items() if j.judgement == DIFFERENT}
    )
    conflicts = []
    for j in judgements:
        if j.judgement == SAME and {j.left_record, j.right_record} <= set(clusters.parent):
            why = clusters.union(j.left_record, j.right_record, judged_same=True)
            if why:
                log.warning("judgement %s = %s not applied: %s", j.left_record, j.right_record, why)
    links = scored[scored["decision"] == LINK].sort_values("score", ascending=False)
    for row in links.itertuples():
        why = clusters.union(row.left_record, row.right_record)
        if why and frozenset((row.left_record, row.right_record)) not in judged:
            conflicts.append((row.Index, f"not linked: {why}"))

    order = dict(zip(keys, _anchor_order(records), strict=True))
    groups = _person_groups(clusters.groups(), records)
    anchors = [min(group, key=lambda k: (order[k], k)) for group in groups]
    key_ids, redirects = assign_ids(groups, anchors, *previous)
    records["person_id"] = records["key"].map(key_ids)

    in_persons = records[records["person_id"].notna()]
    persons = _persons(in_persons, anchors, key_ids)
    person_sources = _person_sources(in_persons, set(anchors), scored, judged)
    review = _review(scored, conflicts, judged, records)
    redirect_frame = pd.DataFrame(
        {"retired_person_id": list(redirects), "person_id": list(redirects.values())}
    )
    unnamed = records[frame["last_skel"].isna().to_numpy()]
    return Resolution(persons, person_sources, redirect_frame, review, compared, learnt, unnamed)


def _person_groups(groups: list[list[str]], records: pd.DataFrame) -> list[list[str]]:
    """The clusters that are persons: a record with `creates_person` false (a declarant who is
    no candidate) is a person only when linked to a record that is one."""
    if "creates_person" not in records:
        return groups
    makers = set(records["key"][records["creates_person"].fillna(True).astype(bool)])
    return [group for group in groups if makers.intersection(group)]


def _persons(records, anchors, key_ids) -> pd.DataFrame:
    chosen = records.set_index("key").loc[anchors].reset_index()
    chosen["person_id"] = chosen["key"].map(key_ids)
    chosen["full_name_latin"] = chosen["full_name"].map(latin)
    chosen["name_search"] = [
        search_forms(*names)
        for names in records.groupby("person_id")["full_name"].unique().reindex(chosen["person_id"])
    ]
    return chosen[PERSON_COLUMNS]


def _person_sources(records, anchors, scored, judged) -> pd.DataFrame:
    out = records.copy()
    links = scored[scored["decision"] == LINK]
    columns = ["score", "evidence"]
    best = (
        pd.concat(
            [
                links[["left_record", *columns]].rename(columns={"left_record": "key"}),
                links[["right_record", *columns]].rename(columns={"right_record": "key"}),
            ]
        )
        .sort_values("score", ascending=False)
        .drop_duplicates("key")
        .set_index("key")
    )
    judged_same = {k for pair, j in judged.items() if j.judgement == SAME for k in pair}
    linked = ~out["key"].isin(anchors) & ~out["key"].isin(judged_same)
    out["match_score"] = out["key"].map(best["score"]).where(linked)
    out["match_evidence"] = out["key"].map(best["evidence"]).where(linked)
    out["match_method"] = [
        ID_METHOD
        if key in anchors and _ids_name_persons(source)
        else "anchor"
        if key in anchors
        else JUDGEMENT_METHOD
        if key in judged_same
        else SCORE_METHOD
        for key, source in zip(out["key"], out["source"], strict=True)
    ]
    return out[SOURCE_COLUMNS]


def _review(scored, conflicts, judged, records) -> pd.DataFrame:
    """Uncertain pairs, and links refused by a constraint, that no person has judged yet and
    that are not one person already."""
    names = dict(zip(records["key"], records["full_name"], strict=True))
    ids = dict(zip(records["key"], records["person_id"], strict=True))
    uncertain = scored[scored["decision"] == REVIEW].assign(status="uncertain")
    refused = scored.loc[[i for i, _ in conflicts]].assign(status=[why for _, why in conflicts])
    queue = pd.concat([uncertain, refused])
    # An uncertain pair already joined through other records needs nobody's decision, nor one
    # of two records that are nobody's person (two donors: linking them makes no politician).
    left, right = queue["left_record"].map(ids), queue["right_record"].map(ids)
    queue = queue[(left != right) & (left.notna() | right.notna())]
    queue = queue[
        [
            frozenset(p) not in judged
            for p in zip(queue["left_record"], queue["right_record"], strict=True)
        ]
    ]
    if queue.empty:
        return pd.DataFrame(columns=["left_record", "right_record"])
    return pd.DataFrame(
        {
            "left_record": queue["left_record"],
            "right_record": queue["right_record"],
            "left_person_id": queue["left_record"].map(ids),
            "right_person_id": queue["right_record"].map(ids),
            "left_name": queue["left_record"].map(names),
            "right_name": queue["right_record"].map(names),
            "score": queue["score"].round(4),
            "evidence": queue["evidence"],
            "status": queue["status"],
        }
    ).sort_values(  # ties in a fixed order: a rebuild numbers the queue alike
        ["score", "left_record", "right_record"], ascending=[False, True, True], ignore_index=True
    )
