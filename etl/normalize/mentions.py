"""Which portal persons a news item names, found in its title and summary.

All name forms (Ukrainian and Russian case forms of every person's surname, from
etl/identity/word_forms) go into one Aho–Corasick automaton, so finding them costs as much as
the text is long, whatever the number of persons. Each surname found is then judged by the words
before it (mentions.yml):

- a given name ("Олени Кондратюк", "Елены Кондратюк") or an initial ("В. Зеленський"): linked
  when exactly one person has both; several such persons make an ambiguous mention, kept
  without a person; a given name that is none of theirs is someone else;
- the surname alone: linked only after the person's full name in the same item, or after an
  MP's title ("нардеп Гончаренко") when one MP alone has the surname. A surname shared by
  several persons, or that is also a common word, is never linked on its own.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
import pandas as pd

from etl.identity import word_forms
from etl.identity.names import repair_lookalikes
from etl.identity.parse import gender_of_given, gender_of_patronymic
from etl.normalize.spec import load as load_spec

WORD = r"[\w'’ʼ-]+"
BEFORE = re.compile(rf"({WORD})(\.?)\s*$")
INITIALS = re.compile(r"(?:^|\s)((?:[А-ЯІЇЄҐA-Z]\.\s?){1,2})$")


def spec() -> dict:
    return load_spec(__file__)


@dataclass(frozen=True)
class Mention:
    person_id: str | None
    matched_text: str
    confidence: float
    reason: str
    field: str


def _gender(person) -> str | None:
    by_column = {"male": "m", "female": "f"}.get(person.gender or "")
    return (
        by_column
        or gender_of_patronymic(person.patronymic or "")
        or gender_of_given(person.first_name)
    )


def _lower(text: str) -> str:
    """Lower case with every character kept in place (offsets stay valid)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class NameIndex:
    """Every portal person's name forms, and the automaton over their surnames."""

    def __init__(self, persons: pd.DataFrame, mps: set[str]):
        self.mps = mps
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.given: dict[str, set[str]] = {}
        self.initials: dict[str, set[str]] = {}
        self.names: dict[str, str] = {}
        self.common: dict[str, bool] = {}
        self.given_forms: set[str] = set()
        for person in persons.itertuples():
            gender = _gender(person)
            for form in word_forms.surname_forms(person.last_name, gender):
                self.by_surname[form].add(person.person_id)
            given = word_forms.given_name_forms(person.first_name, gender)
            self.given[person.person_id] = given
            self.given_forms |= given
            self.initials[person.person_id] = {form[0] for form in given}
            self.names[person.person_id] = f"{person.first_name} {person.last_name}"
            self.common[person.person_id] = word_forms.is_common_word(person.last_name)
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


def _title_before(text: str, start: int) -> bool:
    words = re.findall(WORD, text[:start].casefold())[-spec()["title_window"] :]
    return any(w.startswith(tuple(spec()["mp_titles"])) for w in words)


def _judge(index: NameIndex, text: str, start: int, end: int, form: str, field: str):
    """The mention a surname makes with the words before it; None when it says nothing."""
    candidates = index.by_surname[form]
    rules = spec()["confidence"]
    initials = INITIALS.search(text[:start])
    before = BEFORE.search(text[:start])
    if initials:
        letter = initials.group(1)[0].lower()
        matched = text[initials.start(1) : end]
        fitting = sorted(p for p in candidates if letter in index.initials[p])
        return _decide(fitting, matched, rules["initial"], "initial and surname", field)
    if before and not before.group(2) and before.group(1)[0].isupper():
        word = before.group(1).casefold()
        if word in index.given_forms or word_forms.is_given_name(word):
            matched = text[before.start(1) : end]
            fitting = sorted(p for p in candidates if word in index.given[p])
            return _decide(fitting, matched, rules["full_name"], "given name and surname", field)
    mps = sorted(p for p in candidates if p in index.mps)
    if _title_before(text, start) and len(mps) == 1 and len(candidates) == 1:
        reason = "surname after an MP's title; the only MP and person with it"
        return Mention(mps[0], text[start:end], rules["mp_title"], reason, field)
    return ("surname", form, text[start:end], field)


def _decide(fitting: list[str], matched: str, confidence: float, rule: str, field: str):
    if not fitting:
        return None  # someone else: a given name or initial none of the persons has
    if len(fitting) == 1:
        return Mention(fitting[0], matched, confidence, rule + "; one person has both", field)
    reason = f"ambiguous: {len(fitting)} persons have this {rule} ({', '.join(fitting)})"
    return Mention(None, matched, 0.0, reason, field)


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
                Mention(same[0], matched, spec()["confidence"]["same_item"], reason, field)
            )
    best: dict = {}
    for mention in found:
        key = mention.person_id or mention.matched_text.casefold()
        if key not in best or mention.confidence > best[key].confidence:
            best[key] = mention
    return list(best.values())


COLUMNS = ["item_id", "person_id", "matched_text", "confidence", "reason", "field"]


def finish(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """After identity: the mentions of every item."""
    memberships = tables.get("memberships", pd.DataFrame(columns=["person_id", "role"]))
    mps = set(memberships.loc[memberships["role"] == spec()["mp_role"], "person_id"])
    index = NameIndex(tables["persons"], mps)
    rows = []
    for item in tables["media_items"].itertuples():
        texts = {f: getattr(item, f) for f in ("title", "summary") if pd.notna(getattr(item, f))}
        for mention in find_mentions(index, texts):
            rows.append({"item_id": item.item_id, **mention.__dict__})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.sort_values(["item_id", "confidence"], ascending=[True, False])
    return {"mentions": frame.reset_index(drop=True).rename_axis("mention_id").reset_index()}
