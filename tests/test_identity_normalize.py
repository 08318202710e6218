"""Identity, normalise and transliterate: names in every form the sources write them."""

import pytest

from pamyat.core.text import forms
from pamyat.core.text.names import skeleton
from pamyat.core.text.parse import NameParts, gender_of, parse_name

EVTUSHOK = NameParts("Євтушок", "Сергій", "Миколайович", "С", "М")


@pytest.mark.parametrize(
    "written",
    [
        "ЄВТУШОК Сергій Миколайович",  # surname first, capitals (CEC, NAZK)
        "Сергій Миколайович Євтушок",  # given name and patronymic first
        "ЄВТУШОКСергій Миколайович",  # glued by text extraction
        "Євтушок  Сергій   Миколайович ",
    ],
)
def test_full_names_in_any_order(written):
    assert parse_name(written) == EVTUSHOK


@pytest.mark.parametrize(
    "written", ["Євтушок С.М.", "С. М. Євтушок", "Євтушок С. М.", "ЄВТУШОК С.М."]
)
def test_initials(written):
    assert parse_name(written) == NameParts("Євтушок", "", "", "С", "М")


def test_real_glued_cec_name():
    assert parse_name("БевзСвітлана Володимирівна") == NameParts(
        "Бевз", "Світлана", "Володимирівна", "С", "В"
    )


@pytest.mark.parametrize(
    ("written", "last", "first"),
    [
        ("Serhii Yevtushok", "Yevtushok", "Serhii"),  # Latin: English order
        ("Сергій Євтушок", "Євтушок", "Сергій"),  # a known given name says which is which
        ("Джемілєв Мустафа", "Джемілєв", "Мустафа"),  # no patronymic
        ("Дружинович Тетяна", "Дружинович", "Тетяна"),  # a surname that ends like a patronymic
        ("Anatoliy Ivankevych", "Ivankevych", "Anatoliy"),
        ("Ганна-Марія Іваненко", "Іваненко", "Ганна-Марія"),
    ],
)
def test_which_word_is_the_surname(written, last, first):
    parts = parse_name(written)
    assert (parts.last, parts.first) == (last, first)


def test_patronymic_beside_a_surname_like_one():
    assert parse_name("Вадим Зіновійович Рабінович") == NameParts(
        "Рабінович", "Вадим", "Зіновійович", "В", "З"
    )


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("Тимошенко Юлія Володимирівна", "f"),
        ("Євтушок Сергій Миколайович", "m"),
        ("Безугла Мар'яна", "f"),
        ("Тимошенко Ю.В.", None),
    ],
)
def test_gender_from_given_name_or_patronymic(written, gender):
    assert gender_of(parse_name(written)) == gender


@pytest.mark.parametrize(
    "spellings",
    [
        ["Євтушок", "Евтушок", "Yevtushok", "Ievtushok", "Evtushok", "ЄВТУШОК"],
        ["Галайчук", "Galaychuk", "Halaichuk"],
        ["Зеленський", "Зеленский", "Zelenskiy", "Zelensky", "Zelenskyi", "Zelenskyy"],
        ["Сергій", "Serhii", "Serhiy", "Sergiy", "Sergii"],
        ["Щербань", "Shcherban", "Scherban"],
        ["Ар'єв", "Ар’єв", "Ariev", "Aryev"],
    ],
)
def test_one_skeleton_for_every_transliteration(spellings):
    assert len({skeleton(s) for s in spellings}) == 1


def test_skeletons_keep_different_names_apart():
    assert len({skeleton(s) for s in ["Шевченко", "Шевчук", "Савченко", "Щербак"]}) == 4


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Олександр", "Александр"),
        ("Микола", "Николай"),
        ("Ганна", "Анна"),
        ("Сергій", "Sergey"),
        ("Олексій", "Alexey"),
        ("Юлія", "Yulia"),
        ("Наталія", "Наталья"),
    ],
)
def test_given_names_across_languages(one, other):
    assert forms.canonical_given(one) == forms.canonical_given(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Миколайович", "Николаевич"),
        ("Олександрівна", "Александровна"),
        ("Сергійович", "Сергеевич"),
        ("Mykolaiovych", "Миколайович"),
    ],
)
def test_patronymics_across_languages(one, other):
    assert forms.canonical_patronymic(one) == forms.canonical_patronymic(other)


def test_surnames_across_languages_and_genders():
    assert forms.ukrainian_surname("Зеленский") == "зеленський"
    assert forms.ukrainian_surname("Коваленко") == "коваленко"
    assert forms.masculine_surname("Зеленська") == forms.masculine_surname("Зеленский")
    assert forms.masculine_surname("Іванова") == "іванов"
    assert forms.masculine_surname("Тимошенко") == "тимошенко"
