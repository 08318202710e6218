"""The portal as a user meets it: the real Datasette, started by `pamyat serve`, on the demo
database. An MP is found by a Latin or a Cyrillic query; the instance is read-only."""

import httpx
import pytest


def search(portal: str, query: str) -> list[str]:
    response = httpx.get(
        f"{portal}/pamyat/persons.json",
        params={"_search": query, "_shape": "array", "_col": "full_name"},
    )
    assert response.status_code == 200
    return [row["full_name"] for row in response.json()]


EVTUSHOKS = ["Євтушок Олександр Петрович", "Євтушок Сергій Миколайович"]  # candidate, MP


@pytest.mark.parametrize("query", ["Yevtushok", "Євтушок", "ЄВТУШОК"])
def test_search_finds_the_surname_in_either_script(portal, query):
    assert sorted(search(portal, query)) == EVTUSHOKS


@pytest.mark.parametrize("query", ["Serhii Yevtushok", "Сергій Євтушок", "СЕРГІЙ ЄВТУШОК"])
def test_search_finds_the_mp_by_full_name(portal, query):
    assert search(portal, query) == ["Євтушок Сергій Миколайович"]


def test_search_page_shows_the_mp(portal):
    page = httpx.get(f"{portal}/pamyat/persons", params={"_search": "Bezuhla"}).text
    assert "Безугла Мар&#39;яна Володимирівна" in page or "Безугла Мар'яна Володимирівна" in page


def test_the_database_is_served_immutable(portal):
    (database,) = httpx.get(f"{portal}/-/databases.json").json()
    assert database["name"] == "pamyat"
    assert database["is_mutable"] is False


def test_writes_are_refused(portal):
    response = httpx.get(
        f"{portal}/pamyat.json", params={"sql": "delete from persons", "_shape": "array"}
    )
    assert response.status_code == 400
    count = httpx.get(
        f"{portal}/pamyat.json",
        params={"sql": "select count(*) as n from persons", "_shape": "array"},
    ).json()
    assert count[0]["n"] > 436  # MPs and candidates: nothing was deleted


def test_reconciliation_service_manifest(portal):
    manifest = httpx.get(f"{portal}/pamyat/-/reconcile").json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["defaultTypes"] == [{"id": "person", "name": "Person"}]
    assert manifest["view"]["url"].endswith("/pamyat/persons/{{id}}")


def test_reconciliation_queries_use_the_identity_engine(portal):
    import json

    queries = {
        "q0": {
            "query": "Serhiy Yevtushok",
            "properties": [{"pid": "birth_date", "v": "13.11.1973"}],
        },
        "q1": {"query": "Безугла Марьяна"},
        "q2": {"query": "Петренко Петро Петрович"},
        # Two persons carry this name (the CEC's clone candidates of one district).
        "q3": {"query": "Бабенко Ольга Володимирівна"},
    }
    answer = httpx.post(
        f"{portal}/pamyat/-/reconcile", data={"queries": json.dumps(queries)}
    ).json()
    (top,) = answer["q0"]["result"]
    assert top["name"] == "Євтушок Сергій Миколайович" and top["match"] is True
    assert top["score"] > 99
    # A rare name, even in Russian and without the patronymic, that one person carries.
    (bezuhla,) = answer["q1"]["result"]
    assert bezuhla["name"] == "Безугла Мар'яна Володимирівна" and bezuhla["match"] is True
    assert answer["q2"]["result"] == []
    namesakes = answer["q3"]["result"]
    assert len(namesakes) == 2 and not any(r["match"] for r in namesakes)
    assert {r["name"] for r in namesakes} == {"Бабенко Ольга Володимирівна"}
    person = httpx.get(
        f"{portal}/pamyat/persons/{top['id']}.json", params={"_shape": "objects"}
    ).json()
    assert person["rows"][0]["full_name"] == "Євтушок Сергій Миколайович"


def test_how_did_my_mp_vote(portal, canned):
    rows = canned(portal, "mp_votes", name="БЕЗУГЛА мар")
    assert [(r["Дата"], r["Голос"]) for r in rows] == [
        ("2019-10-29", "for"),
        ("2019-10-15", "not voting"),
        ("2019-08-29", "for"),
    ]
    assert all(r["Сторінка Ради"].startswith("https://w1.c1.rada.gov.ua/") for r in rows)


def test_a_real_mp_s_bodies(portal, canned):
    rows = canned(portal, "body_members", body="з питань правової політики")
    committee = [r for r in rows if r["Вид органу"] == "committee"]
    assert "Соболєв Сергій Владиславович" in {r["Особа"] for r in committee}


def test_the_other_canned_questions_answer(portal, canned):
    attendance = canned(portal, "attendance")
    assert len(attendance) > 400
    assert attendance[0]["Частка реєстрацій"] <= attendance[-1]["Частка реєстрацій"]
    loyalty = canned(portal, "least_loyal")
    assert loyalty[0]["Лояльність"] <= loyalty[-1]["Лояльність"]
    switchers = canned(portal, "faction_switchers")
    assert len({r["Депутат"] for r in switchers}) >= 1


def test_candidates_of_a_district(portal, canned):
    rows = canned(portal, "district_candidates", district="80")
    assert rows[0]["Кандидат"] == "Мінько Сергій Анатолійович" and rows[0]["Обрано"] == 1
    assert rows[0]["Голосів"] == 24163 and rows[0]["Частка, %"] == "33.13"


def test_self_nominated_winners(portal, canned):
    rows = canned(portal, "self_nominated_winners")
    assert rows and all(r["Переможець"] for r in rows)
    assert "Мінько Сергій Анатолійович" in {r["Переможець"] for r in rows}


def test_candidates_who_changed_party(portal, canned):
    rows = canned(portal, "party_changers")
    assert rows and all(r["Висування 2019"] != r["Висування 2020"] for r in rows)


def test_a_runaway_query_is_stopped_by_the_time_limit(portal):
    settings = httpx.get(f"{portal}/-/settings.json").json()
    assert settings["sql_time_limit_ms"] == 3000
    endless = (
        "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    )
    response = httpx.get(f"{portal}/pamyat.json", params={"sql": endless}, timeout=30)
    assert response.status_code == 400
    assert "SQL query took too long" in response.text


def test_a_query_returns_at_most_the_row_limit(portal):
    assert httpx.get(f"{portal}/-/settings.json").json()["max_returned_rows"] == 1000
    answer = httpx.get(
        f"{portal}/pamyat.json", params={"sql": "select donation_id from donations"}
    ).json()
    assert len(answer["rows"]) == 1000 and answer["truncated"] is True
