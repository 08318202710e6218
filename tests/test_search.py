"""The search box as people type: Russian, old Latin, inflected and mistyped spellings find
the person, the most prominent first, each result with a role and years; "did you mean" when
nothing matches. On the demo, served by a real Datasette."""

import httpx
import pytest
from bs4 import BeautifulSoup

PRESIDENT = "Зеленський Володимир Олександрович"  # a declarant the news names
TYMOSHENKO = "Тимошенко Юлія Володимирівна"  # an MP
POROSHENKO = "Порошенко Петро Олексійович"
YEVTUSHOK = "Євтушок Сергій Миколайович"


def found(portal: str, text: str) -> BeautifulSoup:
    response = httpx.get(f"{portal}/-/search", params={"q": text}, timeout=30)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def persons(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("#found-persons li > a")]


@pytest.mark.parametrize(
    "text, first",
    [
        ("Зеленский", PRESIDENT),  # Russian
        ("Зеленського", PRESIDENT),  # inflected
        ("Zelensky", PRESIDENT),  # the Latin the world writes
        ("Евтушок", YEVTUSHOK),  # Russian letter
        ("Сергей Евтушок", YEVTUSHOK),
        ("Юлия Тимошенко", TYMOSHENKO),
        ("Yulia Tymoshenko", TYMOSHENKO),
        ("Юлії Тимошенко", TYMOSHENKO),
        ("Porochenko", POROSHENKO),  # a typo
        ("Порошенка Петра", POROSHENKO),
    ],
)
def test_what_people_type_finds_the_person_first(portal, text, first):
    assert persons(found(portal, text))[:1] == [first]


def test_namesakes_come_after_the_prominent_one_each_with_role_and_years(portal):
    soup = found(portal, "Zelensky")
    names = persons(soup)
    assert len(names) > 3 and names[0] == PRESIDENT
    details = [
        li.select_one(".detail").get_text(" ", strip=True)
        for li in soup.select("#found-persons li")
    ]
    assert "Президент України" in details[0]
    assert all(any(ch.isdigit() for ch in d) for d in details)  # every result has its years


def test_nothing_found_suggests_the_nearest_names(portal):
    soup = found(portal, "Пурошенкі")
    assert persons(soup) == []
    suggestion = soup.select_one(".did-you-mean")
    assert suggestion is not None and "Порошенко" in suggestion.get_text()
    followed = found(portal, suggestion.a.get_text())
    assert POROSHENKO in persons(followed)
