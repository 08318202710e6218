"""Generated Ukrainian people at national scale, for benchmarks.

Names follow a realistic distribution: surnames from the real samples (MPs, candidates, council
members) extended with the country's common surname endings, drawn by a Zipf-like law so that
the commonest surname holds a few tenths of a percent of people, as "Мельник" or "Шевченко" do;
given names and patronymics drawn by popularity from pamyat/core/text/data/given_names.csv.
"""

import csv
import random
from pathlib import Path

import numpy as np
import pandas as pd

from etl.identity.evaluation import _lookalike, _russian, _typo, all_people
from pamyat.core.text import forms

ENDINGS = ["енко", "ук", "юк", "чук", "ський", "цький", "ич", "ак", "ко", "ець", "ар", "ян"]
SYLLABLES = ["", "ов", "ан", "ен", "ар", "ин", "ал", "ош", "ел", "ів"]


def _one_surname(text: str) -> bool:
    return bool(text) and " " not in text and not text.endswith(("вич", "вна", "ович"))


def surnames(samples: Path, count: int, rng: random.Random) -> list[str]:
    """`count` distinct masculine surnames: the real ones, then real stems with common endings.
    A real name the parser split oddly (a surname of two words, or a patronymic taken for
    one) gives no surname."""
    real = sorted({p.last for p in all_people(samples) if p.gender == "m" and _one_surname(p.last)})
    rng.shuffle(real)
    names = list(real)  # real surnames take the common ranks
    stems = sorted({s[:-3] for s in real if len(s) > 5})
    possible = [s + m + e for s in stems for m in SYLLABLES for e in ENDINGS]
    if len(names) + len(possible) < count:
        raise ValueError(f"cannot make {count} distinct surnames from the samples")
    seen = set(names)
    for candidate in rng.sample(possible, len(possible)):
        if len(names) >= count:
            break
        candidate = candidate.capitalize()
        if candidate not in seen:
            seen.add(candidate)
            names.append(candidate)
    return names[:count]


# Masculine surname endings and their feminine forms (adjectival ones first); the others
# (-енко, -ук, -чук, -ич, -ко…) are the same for women.
FEMININE_ENDINGS = (
    ("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ий", "а"),
    ("ов", "ова"), ("ев", "ева"), ("єв", "єва"), ("ін", "іна"), ("їн", "їна"),
)  # fmt: skip


def feminine(surname: str) -> str:
    for masculine, female in FEMININE_ENDINGS:
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + female
    return surname


def zipf_weights(count: int, exponent: float, offset: float) -> np.ndarray:
    weights = 1.0 / (np.arange(count) + offset) ** exponent
    return weights / weights.sum()


def given_names() -> dict[str, list[dict]]:
    with open(forms.DATA / "given_names.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {g: [r for r in rows if r["gender"] == g] for g in "mf"}


def people(samples: Path, count: int, seed: int, prefix: str) -> pd.DataFrame:
    """`count` generated people: key, name parts, birth date, gender."""
    rng, np_rng = random.Random(seed), np.random.default_rng(seed)
    family = surnames(samples, max(2000, count // 12), rng)
    by_gender = given_names()
    male = [r for r in by_gender["m"] if r["uk_patronymic_m"]]
    gender = np_rng.choice(["m", "f"], size=count)
    last = np.array(family)[
        np_rng.choice(len(family), size=count, p=zipf_weights(len(family), 0.9, 60))
    ]
    first_m = np_rng.choice(
        len(by_gender["m"]), size=count, p=zipf_weights(len(by_gender["m"]), 1.0, 3)
    )
    first_f = np_rng.choice(
        len(by_gender["f"]), size=count, p=zipf_weights(len(by_gender["f"]), 1.0, 3)
    )
    father = np_rng.choice(len(male), size=count, p=zipf_weights(len(male), 1.0, 3))
    born = pd.Timestamp("1940-01-01") + pd.to_timedelta(
        np_rng.integers(0, 60 * 365, size=count), unit="D"
    )
    rows = []
    for i in range(count):
        g = gender[i]
        rows.append(
            {
                "key": f"{prefix}:{i}",
                "last_name": last[i] if g == "m" else feminine(last[i]),
                "first_name": (
                    by_gender["m"][first_m[i]] if g == "m" else by_gender["f"][first_f[i]]
                )["uk"],
                "patronymic": male[father[i]][f"uk_patronymic_{g}"],
                "gender": g,
            }
        )
    frame = pd.DataFrame(rows)
    frame["birth_date"] = born.strftime("%Y-%m-%d")
    return frame


NOISES = ["exact", "capitals", "typo", "russian", "lookalike", "no patronymic", "no birth date"]


def noisy_copies(source: pd.DataFrame, count: int, seed: int, prefix: str) -> pd.DataFrame:
    """Records of `count` people from `source`, written with realistic noise; `truth` holds the
    source key."""
    from etl.identity.evaluation import Person

    rng = random.Random(seed)
    picked = source.sample(n=count, random_state=seed)
    rows = []
    for i, row in enumerate(picked.itertuples(index=False)):
        noise = rng.choice(NOISES)
        last, first, patronymic, born = (
            row.last_name,
            row.first_name,
            row.patronymic,
            row.birth_date,
        )
        if noise == "capitals":
            last = last.upper()
        elif noise == "typo":
            last = _typo(last, rng)
        elif noise == "russian":
            person = Person("", last, first, patronymic, born, row.gender)
            last, first, patronymic = _russian(person)
        elif noise == "lookalike":
            last = _lookalike(last, rng)
        elif noise == "no patronymic":
            patronymic = ""
        elif noise == "no birth date":
            born = None
        rows.append(
            {
                "key": f"{prefix}:{i}",
                "last_name": last,
                "first_name": first,
                "patronymic": patronymic,
                "birth_date": born,
                "gender": None,
                "truth": row.key,
                "noise": noise,
            }
        )
    return pd.DataFrame(rows)
