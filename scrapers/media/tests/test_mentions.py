"""Mention rules on a fresh set of persons: real portal names, namesakes made on purpose."""

import pandas as pd
import pytest

from scrapers.media.mentions import NameIndex, find_mentions

PERSONS = [
    ("kondratiuk", "Кондратюк", "Олена", "Костянтинівна"),
    ("kondratiuk-m", "Кондратюк", "Микола", "Михайлович"),
    ("zelensky", "Зеленський", "Володимир", "Олександрович"),
    ("zelensky-2", "Зеленський", "Володимир", "Сергійович"),
    ("zelensky-3", "Зеленський", "Олег", "Вікторович"),
    ("leros", "Лерос", "Гео", "Багратович"),
    ("surkis", "Суркіс", "Григорій", "Михайлович"),
    ("moroz", "Мороз", "Олександр", "Олександрович"),
    ("honcharenko", "Гончаренко", "Олексій", "Олексійович"),
    ("honcharenko-2", "Гончаренко", "Олег", "Іванович"),
]


@pytest.fixture(scope="module")
def index():
    persons = pd.DataFrame(
        [
            {
                "person_id": i,
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "gender": None,
            }
            for i, last, first, patronymic in PERSONS
        ]
    )
    offices = {"MP": {"honcharenko", "surkis", "leros"}, "President": {"zelensky"}}
    return NameIndex(persons, offices)


def linked(index, text: str) -> dict[str, tuple[str, str]]:
    return {
        m.person_id: (m.matched_text, m.reason.split(";")[0])
        for m in find_mentions(index, {"title": text})
        if m.person_id
    }


@pytest.mark.parametrize(
    "text, person, matched",
    [
        ("Заступниця голови Ради Олена Кондратюк заявила", "kondratiuk", "Олена Кондратюк"),
        ("советника Елены Кондратюк", "kondratiuk", "Елены Кондратюк"),  # Russian, genitive
        ("лист Олені Кондратюк", "kondratiuk", "Олені Кондратюк"),  # Ukrainian, dative
        ("заява Миколи Кондратюка", "kondratiuk-m", "Миколи Кондратюка"),
        ("регистрировал ли Гео Лерос", "leros", "Гео Лерос"),
        ("О. Кондратюк відкрила засідання", "kondratiuk", "О. Кондратюк"),
        ("Е. Кондратюк открыла заседание", "kondratiuk", "Е. Кондратюк"),
    ],
)
def test_a_given_name_or_initial_settles_the_namesakes(index, text, person, matched):
    found = linked(index, text)
    assert set(found) == {person} and found[person][0] == matched


def test_a_title_settles_namesakes_of_a_full_name(index):
    text = "запрос к президенту Владимиру Зеленскому"
    assert linked(index, text) == {
        "zelensky": (
            "Владимиру Зеленскому",
            "given name and surname after the title of the President",
        )
    }
    (ambiguous,) = find_mentions(index, {"title": "Владимир Зеленский заявил"})
    assert ambiguous.person_id is None and ambiguous.confidence == 0
    assert ambiguous.reason.startswith("ambiguous: 2 persons") and "zelensky-2" in ambiguous.reason


def test_a_title_settles_a_surname_shared_by_several(index):
    assert linked(index, "нардеп Гончаренко заявив") == {
        "honcharenko": ("Гончаренко", "surname after the title of the MP")
    }
    assert linked(index, "депутат Гончаренко заявив") == {}  # councillors are deputies too


def test_a_surname_alone_is_never_linked_on_its_own(index):
    for text in (
        "Зеленський вніс зміни",  # three persons
        "ошибки Cуркиса",  # one person, an MP, and a Latin C: Ihor, not Hryhoriy, is meant
        "Мороз ударив уночі",  # a common word
        "Лероса допитали",
    ):
        assert linked(index, text) == {}, text


def test_the_surname_after_the_full_name_in_the_same_item(index):
    found = find_mentions(
        index, {"title": "АРМА интересуется имуществом Лероса", "summary": "ли Гео Лерос"}
    )
    assert [(m.person_id, m.field, m.matched_text) for m in found] == [
        ("leros", "summary", "Гео Лерос")
    ]
    only_surname = find_mentions(index, {"title": "Лероса допитали", "summary": "Гео Лерос"})
    assert {m.person_id for m in only_surname} == {"leros"}


def test_another_given_name_is_someone_else(index):
    assert linked(index, "першого заступника САП Максима Грищука і Ігоря Суркіса") == {}
    assert linked(index, "Олег Кондратюк") == {}


def test_lower_case_words_are_not_names(index):
    assert linked(index, "мороз і лерос") == {}
