"""Which portal persons a news item names, found in its title and summary.

All name forms (Ukrainian and Russian case forms of every person's surname, from
etl/identity/word_forms) go into one Aho–Corasick automaton, so finding them costs as much as
the text is long, whatever the number of persons. Each surname found is then judged by the words
before it (source.yml):

- a given name ("Олени Кондратюк", "Елены Кондратюк") or an initial ("В. Зеленський"): linked
  when exactly one person has both; a given name that is none of theirs is someone else;
- a title just before ("президенту Владимиру Зеленскому", "нардеп Гончаренко"): linked when
  exactly one of the persons the name fits holds that office;
- the surname alone is linked only after the person's full name in the same item: never on
  its own, whether several persons share it, it is also a common word ("Мороз"), or the
  portal holds only a namesake of the person meant (news of Ihor Surkis, portal of Hryhoriy).

A name that several persons fit and nothing settles is kept as an ambiguous mention without a
person, its reason naming them.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
import pandas as pd

from pamyat.core import sources
from pamyat.core.text import word_forms
from pamyat.core.text.names import repair_lookalikes
from pamyat.core.text.parse import gender_of_given, gender_of_patronymic

WORD = r"[\w'’ʼ-]+"
BEFORE = re.compile(rf"({WORD})(\.?)\s*$")
INITIALS = re.compile(r"(?:^|\s)((?:[А-ЯІЇЄҐA-Z]\.\s?){1,2})$")


# The rules and confidences of a mention (source.yml).
CONFIG = sources.config("media")


@dataclass(frozen=True)
class Mention:
    person_id: str | None
    matched_text: str
    confidence: float
    reason: str
    field: str


def _gender(person) -> str | None:
    """From the gender column, else the patronymic, else the given name (a person without a
    patronymic, such as a donor written without one, has NaN there)."""
    by_column = {"male": "m", "female": "f"}.get(person.gender or "")
    patronymic = person.patronymic if isinstance(person.patronymic, str) else ""
    return by_column or gender_of_patronymic(patronymic) or gender_of_given(person.first_name)


def _lower(text: str) -> str:
    """Lower case with every character kept in place (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):  # no character became two: all kept in place
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class NameIndex:
    """Every portal person's name forms, and the automaton over their surnames."""

    def __init__(self, persons: pd.DataFrame, offices: dict[str, set[str]]):
        self.offices = offices
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.given: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.given_forms: set[str] = set()
        for person in persons.itertuples():
            gender = _gender(person)
            for form in word_forms.surname_forms(person.last_name, gender):
                self.by_surname[form].add(person.person_id)
            given = word_forms.given_name_forms(person.first_name, gender)
            self.given[person.person_id] = given
            self.given_forms |= given
            self.initials[person.person_id] = {form[0] for form in given}
        self.automaton = ahocorasick.Automaton()
        for form in self.by_surname:
            self.automaton.add_word(form, form)
        if self.by_surname:
            self.automaton.make_automaton()

    def surnames_in(self, text: str):
        """(start, end, form) of every surname form standing as a capitalised word."""
        if not self.by_surname:
            return
        lowered = _lower(text)
        for last, form in self.automaton.iter(lowered):
            start, end = last - len(form) + 1, last + 1
            before = lowered[start - 1] if start else " "
            after = lowered[end] if end < len(lowered) else " "
            if before.isalpha() or after.isalpha() or not text[start].isupper():
                continue
            yield start, end, form


def _office_before(text: str, start: int) -> str | None:
    """The office a title just before `start` names ("президенту", "нардеп"), if any."""
    words = re.findall(WORD, text[:start].casefold())[-CONFIG["title_window"] :]
    for office, rule in CONFIG["offices"].items():
        if any(w.startswith(tuple(rule["cues"])) for w in words):
            return office
    return None


def _judge(index: NameIndex, text: str, start: int, end: int, form: str, field: str):
    """The mention a surname makes with the words before it: a Mention, None when the words
    say it is someone else, or ("surname", ...) when it stands alone."""
    candidates = index.by_surname[form]
    rules = CONFIG["confidence"]
    initials = INITIALS.search(text[:start])
    before = BEFORE.search(text[:start])
    if initials:
        letter = initials.group(1)[0].lower()
        begins = initials.start(1)
        fitting = {p for p in candidates if letter in index.initials[p]}
        rule, confidence = "initial and surname", rules["initial"]
    elif before and not before.group(2) and _is_given(index, before.group(1)):
        word = before.group(1).casefold()
        begins = before.start(1)
        fitting = {p for p in candidates if word in index.given[p]}
        rule, confidence = "given name and surname", rules["full_name"]
    else:
        begins, fitting, rule, confidence = start, candidates, "surname", 0.0
    matched = text[begins:end]
    office = _office_before(text, begins)
    holders = fitting & index.offices.get(office, set())
    if len(holders) == 1 and (len(fitting) > 1 or rule == "surname"):
        reason = f"{rule} after the title of the {office}; one of them holds it"
        return Mention(holders.pop(), matched, rules["title"], reason, field)
    if rule == "surname":
        return ("surname", form, matched, field)
    if not fitting:
        return None  # someone else: a given name or initial none of the persons has
    if len(fitting) == 1:
        return Mention(fitting.pop(), matched, confidence, rule + "; one person has both", field)
    reason = f"ambiguous: {len(fitting)} persons have this {rule} ({', '.join(sorted(fitting))})"
    return Mention(None, matched, 0.0, reason, field)


def _is_given(index: NameIndex, word: str) -> bool:
    lower = word.casefold()
    return word[0].isupper() and (lower in index.given_forms or word_forms.is_given_name(lower))


def find_mentions(index: NameIndex, fields: dict[str, str]) -> list[Mention]:
    """The mentions in one item's texts ({field: text}); the best one per person."""
    found, surnames = [], []
    for field, text in fields.items():
        text = repair_lookalikes(text)
        for start, end, form in index.surnames_in(text):
            judged = _judge(index, text, start, end, form, field)
            if isinstance(judged, Mention):
                found.append(judged)
            elif judged is not None:
                surnames.append(judged)
    named = {m.person_id for m in found if m.person_id and m.confidence >= 0.9}
    for _, form, matched, field in surnames:
        same = sorted(named & index.by_surname[form])
        if len(same) == 1:
            reason = "surname alone, after the person's full name in the same item"
            found.append(
                Mention(same[0], matched, CONFIG["confidence"]["same_item"], reason, field)
            )
    best: dict = {}
    for mention in found:
        key = mention.person_id or mention.matched_text.casefold()
        if key not in best or mention.confidence > best[key].confidence:
            best[key] = mention
    return list(best.values())


COLUMNS = ["item_id", "person_id", "matched_text", "confidence", "reason", "field"]


def office_holders(tables: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """{office of source.yml: the person ids holding it}."""
    empty = pd.DataFrame(columns=["person_id", "role", "position"])
    memberships = tables.get("memberships", empty)
    declarations = tables.get("declarations", empty)
    holders = {}
    for office, rule in CONFIG["offices"].items():
        if "membership_role" in rule:
            found = memberships.loc[memberships["role"] == rule["membership_role"], "person_id"]
        else:
            positions = declarations["position"].fillna("").str.casefold().str.strip()
            found = declarations.loc[positions == rule["declared_position"], "person_id"]
        holders[office] = set(found.dropna())
    return holders


def finish(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """After identity: the mentions of every item."""
    index = NameIndex(tables["persons"], office_holders(tables))
    rows = []
    for item in tables["media_items"].itertuples():
        texts = {f: getattr(item, f) for f in ("title", "summary") if pd.notna(getattr(item, f))}
        for mention in find_mentions(index, texts):
            rows.append({"item_id": item.item_id, **mention.__dict__})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.sort_values(["item_id", "confidence"], ascending=[True, False])
    return {"mentions": frame.reset_index(drop=True).rename_axis("mention_id").reset_index()}
