"""The CEC's free-text candidate biography, read into fields.

Two real layouts. Parliamentary 2019 ("Основні відомості"):
  народився 13 листопада 1973 року в місті Сарни ... [, <країна>], громадянин України,
  протягом останніх п’яти років проживає на території України, освіта вища, <посада>,
  <місце роботи>, <член партії X | безпартійний>, проживає в <місце>, судимість відсутня,
  <самовисування | суб’єкт висування – X>.
Local 2020 ("Відомості"):
  Громадянин України, народився 29.12.1978 р., освіта вища, <член партії X | безпартійний>,
  <місце роботи>, <посада>, місце проживання: <місце>.
Latin look-alike letters are repaired first ("безпартійнa"). A part that cannot be read stays
NULL and is returned as a problem, never a crash.
"""

import re

from pamyat.core.text.names import clean_text
from pamyat.core.text.values import birth_date_in_bio

FIELDS = [
    "birth_date",
    "birth_place",
    "education",
    "occupation",
    "workplace",
    "party_membership",
    "is_party_member",
    "residence",
    "has_criminal_record",
    "criminal_record",
    "nomination",
]
_QUOTE_MARKS = re.compile('["«»“”]')
_STARTS = re.compile(
    r"(народи|громадян|протягом|освіта|член\s|безпартійн|проживає|місце прож|"
    r"судимість|самовисування|суб.єкт висування)",
    re.IGNORECASE,
)
_BORN_IN = re.compile(r"^народи\w+\s+.+?\d{4}\s*(?:року|р\.)?\s+(?:в|у)\s+(.+)$")
_PARTY = re.compile(r"^(член\s.+|безпартійн\w*)$", re.IGNORECASE)
_SKIP = re.compile(r"^(громадян\w+ України|протягом останніх)", re.IGNORECASE)
NOT_WORKING = (
    "тимчасово не працює",
    "не працює",
    "пенсіонер",
    "пенсіонерка",
    "безробітний",
    "безробітна",
    "фізична особа-підприємець",
)


def clauses(text: str) -> list[str]:
    """The bio split at commas. A comma inside a quoted name ('ТОВ "Альфа, Бета"') does not
    split: a piece rejoins the one before it when that one has an odd number of quote marks
    and the piece does not begin a known clause (real bios nest and drop quotes, so quote
    marks alone cannot be paired)."""
    parts: list[str] = []
    for piece in text.rstrip(".").split(","):
        piece = piece.strip()
        if parts and _QUOTE_MARKS.findall(parts[-1]).__len__() % 2 and not _STARTS.match(piece):
            parts[-1] = f"{parts[-1]}, {piece}"
        elif piece:
            parts.append(piece)
    return parts


def parse_bio(text: str | None) -> tuple[dict, list[str]]:
    """(fields, problems) of one biography; missing parts are None."""
    fields = dict.fromkeys(FIELDS)
    problems = []
    text = clean_text(text)
    if not text:
        return fields, ["empty biography"]
    try:
        fields["birth_date"] = birth_date_in_bio(text)
    except ValueError as error:
        problems.append(f"birth date: {error}")
    if fields["birth_date"] is None and not problems:
        problems.append("no birth date")
    rest = []
    parts = clauses(text)
    place_goes_on = False  # a birth abroad: "в місті Кустанай, Казахстан, громадянин …"
    for clause in parts:
        lower = clause.casefold()
        if place_goes_on and not _STARTS.match(clause):
            fields["birth_place"] = f"{fields['birth_place']}, {clause}"
            continue
        place_goes_on = False
        if born := _BORN_IN.match(clause):
            fields["birth_place"] = born.group(1)
            place_goes_on = True
        elif lower.startswith("народи") or _SKIP.match(clause):
            continue
        elif lower.startswith("освіта"):
            fields["education"] = clause.split(" ", 1)[1] if " " in clause else None
        elif _PARTY.match(clause):
            member = lower.startswith("член")
            fields["is_party_member"] = int(member)
            fields["party_membership"] = clause.split(" ", 1)[1] if member else None
        elif lower.startswith(("проживає в ", "проживає у ")):
            fields["residence"] = clause.split(" ", 2)[2]
        elif lower.startswith("місце проживання"):  # the last part of a 2020 bio
            rest_of_bio = parts[parts.index(clause) + 1 :]
            fields["residence"] = ", ".join([clause.split(":", 1)[-1].strip(), *rest_of_bio])
            break
        elif lower.startswith("судимість"):
            record = clause.split(" ", 1)[1] if " " in clause else ""
            fields["has_criminal_record"] = int(record != "відсутня")
            fields["criminal_record"] = None if record == "відсутня" else record
        elif (
            lower == "самовисування"
            or lower.startswith("суб’єкт висування")
            or lower.startswith("суб'єкт висування")
        ):
            fields["nomination"] = (
                "самовисування"
                if lower == "самовисування"
                else (re.split(r"\s[–-]\s", clause, maxsplit=1)[-1])
            )
        else:
            rest.append(clause)
    _work(fields, rest, local=text.casefold().startswith("громадян"))
    for field in ("education", "is_party_member", "residence"):
        if fields[field] is None:
            problems.append(f"no {field.replace('_', ' ')}")
    return fields, problems


def _work(fields: dict, rest: list[str], local: bool) -> None:
    """The clauses left are the job: 2019 writes position then workplace, 2020 the reverse."""
    if not rest:
        return
    if rest[0].casefold() in NOT_WORKING:
        fields["occupation"] = rest[0]
        fields["workplace"] = ", ".join(rest[1:]) or None
        return
    if local:
        fields["workplace"], fields["occupation"] = ", ".join(rest[:-1]) or None, rest[-1]
    else:
        fields["occupation"], fields["workplace"] = rest[0], ", ".join(rest[1:]) or None
