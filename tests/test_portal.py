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


@pytest.mark.parametrize("query", ["Yevtushok", "Євтушок", "ЄВТУШОК", "Serhii Yevtushok"])
def test_search_finds_the_mp_in_either_script(portal, query):
    assert search(portal, query) == ["Євтушок Сергій Миколайович"]


def test_search_page_shows_the_mp(portal):
    page = httpx.get(f"{portal}/pamyat/persons", params={"_search": "Bezuhla"}).text
    assert "Безугла Мар&#39;яна Володимирівна" in page or "Безугла Мар'яна Володимирівна" in page


def test_the_database_is_served_immutable(portal):
    (database,) = httpx.get(f"{portal}/-/databases.json").json()
    assert database["name"] == "pamyat"
    assert database["is_mutable"] is False


def test_table_descriptions_are_shown(portal):
    page = httpx.get(f"{portal}/pamyat/persons").text
    assert "whichever sources mention her" in page
    assert "official Latin transliteration" in page


def test_writes_are_refused(portal):
    response = httpx.get(
        f"{portal}/pamyat.json", params={"sql": "delete from persons", "_shape": "array"}
    )
    assert response.status_code == 400
    count = httpx.get(
        f"{portal}/pamyat.json",
        params={"sql": "select count(*) as n from persons", "_shape": "array"},
    ).json()
    assert count == [{"n": 436}]
