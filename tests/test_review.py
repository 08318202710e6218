"""The review queue: `pamyat review` records judgements, and the next build obeys them."""

import shutil
import sqlite3

import pytest

from etl.identity import judgements
from pamyat import review
from pamyat.core import config

COMMITTED = config.PROJECT_ROOT / "data" / "judgements.csv"


@pytest.fixture
def judged_file(tmp_path, monkeypatch):
    """A copy of the committed judgements, as a reviewer appends to the real file."""
    path = tmp_path / "judgements.csv"
    shutil.copy(COMMITTED, path)
    monkeypatch.setenv("PAMYAT_JUDGEMENTS", str(path))
    return path


@pytest.fixture
def with_queue(data_dir, demo_data):
    """The demo database with exactly two uncertain pairs in its review queue (the demo's own
    pairs, donors whose name alone matches a politician, are taken out)."""
    shutil.copytree(demo_data / "raw", data_dir / "raw")
    shutil.copy(demo_data / "pamyat.db", data_dir / "pamyat.db")
    with sqlite3.connect(data_dir / "pamyat.db") as conn:
        conn.execute("delete from match_review")
        ids = dict(conn.execute("select source_record_id, person_id from person_sources"))
        conn.executemany(
            "insert into match_review (left_record, right_record, left_person_id, "
            "right_person_id, left_name, right_name, score, evidence, status, question) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'same person')",
            [
                (
                    "rada:11728",
                    "rada:21237",
                    ids["11728"],
                    ids["21237"],
                    "Євтушок",
                    "Мінько",
                    0.9,
                    "surname +4.0",
                    "uncertain",
                ),
                (
                    "rada:11118",
                    "rada:20979",
                    ids["11118"],
                    ids["20979"],
                    "Ар'єв",
                    "Безугла",
                    0.6,
                    "surname +1.0",
                    "uncertain",
                ),
            ],
        )
    return data_dir


def test_review_appends_judgements_and_the_build_obeys(pamyat, with_queue, judged_file):
    result = pamyat(
        with_queue,
        "review",
        "--who",
        "editor",
        stdin="x\ns\nd\n",
        env={"PAMYAT_JUDGEMENTS": str(judged_file)},
    )
    assert "2 pairs to review" in result.stdout
    judged = judgements.load(judged_file)[len(judgements.load(COMMITTED)) :]
    assert [(j.left_record, j.right_record, j.judgement, j.who) for j in judged] == [
        ("rada:11728", "rada:21237", "same", "editor"),
        ("rada:11118", "rada:20979", "different", "editor"),
    ]

    again = pamyat(with_queue, "review", stdin="q\n", env={"PAMYAT_JUDGEMENTS": str(judged_file)})
    assert "0 pairs to review" in again.stdout
    reported, person = _report_a_wrong_link(pamyat, with_queue, judged_file)

    with sqlite3.connect(with_queue / "pamyat.db") as conn:
        before = dict(conn.execute("select source_record_id, person_id from person_sources"))
    pamyat(with_queue, "build", env={"PAMYAT_JUDGEMENTS": str(judged_file)})
    with sqlite3.connect(with_queue / "pamyat.db") as conn:
        after = dict(conn.execute("select source_record_id, person_id from person_sources"))
        persons = conn.execute("select count(*) from persons").fetchone()[0]
        redirects = dict(conn.execute("select retired_person_id, person_id from person_redirects"))
        methods = dict(conn.execute("select source_record_id, match_method from person_sources"))
    assert persons == len(set(before.values())) - 1
    assert after["11728"] == after["21237"]
    kept = after["11728"]
    retired = ({before["11728"], before["21237"]} - {kept}).pop()
    assert redirects == {retired: kept}
    assert "judgement" in (methods["11728"], methods["21237"])
    # Nobody else moves: only the records of the two merged persons (their MP records, and
    # their candidacies or donations) follow the merge.
    merged = {k for k, v in before.items() if v in (before["11728"], before["21237"])}
    moved = merged | {reported.split(":", 1)[1]}
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.items() if k not in moved
    }
    assert {after[k] for k in merged} == {kept}
    # The reported donor left her person at this build.
    assert after.get(reported.split(":", 1)[1]) != person


def _report_a_wrong_link(pamyat, with_queue, judged_file) -> tuple[str, str]:
    """`pamyat review --record` on a donor the model linked: judged different from the record
    that speaks for her person. Returns the record and that person."""
    with sqlite3.connect(with_queue / "pamyat.db") as conn:
        record, person = conn.execute(
            "select source || ':' || source_record_id, person_id from person_sources "
            "where source = 'nazk_party_reports' and match_score is not null limit 1"
        ).fetchone()
        (anchor,) = conn.execute(
            "select source || ':' || source_record_id from person_sources "
            "where person_id = ? and match_method in ('anchor', 'source id')",
            (person,),
        ).fetchone()
    env = {"PAMYAT_JUDGEMENTS": str(judged_file)}
    shown = pamyat(
        with_queue, "review", "--record", record, "--who", "editor", stdin="d\n", env=env
    )
    assert f"{record} is linked to {person}" in shown.stdout and "evidence: surname" in shown.stdout
    judged = judgements.load(judged_file)[-1]
    assert (judged.left_record, judged.right_record, judged.judgement) == (
        record,
        anchor,
        "different",
    )
    missing = pamyat(with_queue, "review", "--record", "rada:none", check=False, env=env)
    assert missing.returncode == 1 and "no published record rada:none" in missing.stdout
    return record, person


def test_a_possible_relative_is_asked_and_a_same_judgement_recorded(tmp_path, judged_file, capsys):
    """A donor named as a politician's declared family member has no score: the queue asks
    its question, and "same" (the donor is that relative) is appended like any judgement."""
    database = tmp_path / "pamyat.db"
    with sqlite3.connect(database) as conn:
        conn.execute(
            "create table match_review (left_record, right_record, left_name, right_name, "
            "score, evidence, status, question)"
        )
        conn.execute(
            "insert into match_review values ('nazk_party_reports:donor-1', "
            "'nazk_declarations:family:7:77', 'КОВАЛЬ ОЛЕНА', 'Коваль Олена', NULL, "
            "'full name same as the дружина', 'possible relative', 'relative')"
        )
    assert review.review(database, "editor", ask=lambda _: "s") == 0
    shown = capsys.readouterr().out
    assert "1 pairs to review" in shown and "is the donor the declared family member" in shown
    judged = judgements.load(judged_file)[-1]
    assert (judged.left_record, judged.right_record, judged.judgement, judged.who) == (
        "nazk_party_reports:donor-1",
        "nazk_declarations:family:7:77",
        "same",
        "editor",
    )
