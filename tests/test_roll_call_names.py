"""The identity stage links a roll-call page's short names to its source's MPs (fast tier: small
frames, no mirror)."""

import pandas as pd

from etl.identity import roll_calls
from pamyat.core.issues import DataIssues

MPS = [
    ("1", "Іваненко Петро Сергійович", "faction-a"),
    ("2", "Іваненко Павло Семенович", "faction-b"),
    ("3", "Коваль Олена Іванівна", None),
    ("4", "Бондар Іван Петрович", None),
    ("5", "Бондар Ігор Павлович", "faction-a"),
]


def _tables(pages: dict[int, list[tuple]], checked=(), tsv_votes=()):
    persons = pd.DataFrame(
        {
            "source": "rada",
            "source_record_id": key,
            "full_name": name,
            **dict(zip(["last_name", "first_name", "patronymic"], name.split(), strict=True)),
        }
        for key, name, _ in MPS
    )
    lines = [
        {
            "vote_event_id": event,
            "checked": event in checked,
            "block": block,
            "organization_id": body,
            "block_is_roster": body is not None or block == "Позафракційні",
            "name": name,
            "name_as_written": name,
            "option": "for",
            "option_known": True,
            "source": "rada",
            "source_record_id": str(event),
            "source_url": f"https://example.org/{event}",
            "run_id": "r1",
        }
        for event, rows in pages.items()
        for block, body, name in rows
    ]
    votes = pd.DataFrame(
        [
            {"source": "rada", "vote_event_id": e, "person_record_id": mp, "option": o}
            for e, mp, o in tsv_votes
        ],
        columns=["source", "vote_event_id", "person_record_id", "option"],
    )
    factions = pd.DataFrame(
        {"source": "rada", "person_record_id": key, "organization_id": body}
        for key, _, body in MPS
        if body
    )
    return {
        "person_records": persons,
        "votes": votes,
        "roll_call_lines": pd.DataFrame(lines),
        "roll_call_factions": factions,
    }


def test_the_block_s_faction_tells_namesakes_apart_and_the_rest_is_reported():
    tables = _tables(
        {
            10: [
                ("Фракція А", "faction-a", "Іваненко П.С."),
                ("Позафракційні", None, "Іваненко П.С."),
                ("Група невідома", None, "Коваль О.І."),
            ]
        }
    )
    issues = DataIssues()
    roll_calls.link(tables, issues)
    votes = tables["votes"][["vote_event_id", "person_record_id", "organization_id"]]
    assert votes.astype(object).where(votes.notna(), None).to_dict("records") == [
        {"vote_event_id": 10, "person_record_id": "1", "organization_id": "faction-a"},
        {"vote_event_id": 10, "person_record_id": "3", "organization_id": None},
    ]
    assert [(i["record_id"], i["value"], i["problem"]) for i in issues.rows] == [
        (
            "10",
            "Іваненко П.С.",
            "name on the roll-call page not linked to an MP "
            "(Позафракційні: 2 MPs have this surname and initials)",
        )
    ]
    assert "roll_call_lines" not in tables and "roll_call_factions" not in tables


def test_the_non_affiliated_block_lists_the_mps_of_no_faction():
    tables = _tables(
        {13: [("Позафракційні", None, "Бондар І.П."), ("Фракція А", "faction-a", "Бондар І.П.")]}
    )
    issues = DataIssues()
    roll_calls.link(tables, issues)
    assert tables["votes"]["person_record_id"].tolist() == ["4", "5"]
    assert issues.rows == []


def test_two_names_fitting_one_mp_link_neither():
    tables = _tables({11: [("Група", None, "Коваль О.І."), ("Група", None, "Коваль О.І.")]})
    issues = DataIssues()
    roll_calls.link(tables, issues)
    assert tables["votes"].empty
    assert {i["problem"] for i in issues.rows} == {
        "name on the roll-call page not linked to an MP (Група: two names on the page fit "
        "the same MP)"
    }


def test_a_checked_page_is_compared_not_published():
    tables = _tables(
        {12: [("Фракція А", "faction-a", "Іваненко П.С.")]},
        checked={12},
        tsv_votes=[(12, "1", "against")],
    )
    issues = DataIssues()
    roll_calls.link(tables, issues)
    assert len(tables["votes"]) == 1
    assert [i["problem"] for i in issues.rows] == [
        "roll-call page and vote-results TSV differ for MP 1: page for, TSV against"
    ]
