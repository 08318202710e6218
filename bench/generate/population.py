"""Who exists in the generated country, and how the sources write their names.

Candidates are generated people (bench/people.py: real surnames, Zipf-distributed, so namesakes
occur as often as in Ukraine). The MPs are the real ones (samples/rada). Declarants are most
candidates and every MP; donors are partly candidates written as donors write them (capitals,
typos, Russian forms, look-alike letters), partly people of their own.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bench.people import noisy_copies, people

# Ukraine's volumes at scale 1.0 (the performance issue's national figures).
VOLUMES = {
    "candidates": 200_000,
    "declarations": 2_000_000,
    "donors": 300_000,
    "donations": 3_000_000,
    "news": 500_000,
    "roll_calls": 4_000,
}
SHARE_DECLARANTS = 0.6  # candidates who file declarations
SHARE_DONORS_CANDIDATES = 0.3  # donors who are also candidates
FIRST_DECLARANT_ID = 5_000_000  # above the register's real user_declarant_id values we hold


@dataclass
class Population:
    candidates: pd.DataFrame  # key, last_name, first_name, patronymic, gender, birth_date
    mps: pd.DataFrame  # the real MPs: key "rada:<id>", names, birth_date
    declarants: pd.DataFrame  # candidates and MPs who declare, with user_declarant_id
    donors: pd.DataFrame  # key (truth), last_name, first_name, patronymic, birth_date


def volume(name: str, scale: float) -> int:
    return max(1, round(VOLUMES[name] * scale))


def full_name(row) -> str:
    return " ".join(part for part in (row.last_name, row.first_name, row.patronymic) if part)


def _mps(samples: Path) -> pd.DataFrame:
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return pd.DataFrame(
        {
            "key": [f"rada:{r['id']}" for r in rows],
            "last_name": [r["last_name"] for r in rows],
            "first_name": [r["first_name"] for r in rows],
            "patronymic": [r["second_name"] for r in rows],
            "gender": [{"Чоловіча": "m", "Жіноча": "f"}.get(r["gender"], "m") for r in rows],
            "birth_date": [r["birthday"] or None for r in rows],
        }
    ).drop_duplicates("key")


def populate(samples: Path, scale: float, seed: int = 12) -> Population:
    candidates = people(samples, volume("candidates", scale), seed=seed, prefix="person")
    mps = _mps(samples)
    declaring = candidates.sample(frac=SHARE_DECLARANTS, random_state=seed)
    declarants = pd.concat([mps, declaring], ignore_index=True)
    declarants["user_declarant_id"] = FIRST_DECLARANT_ID + np.arange(len(declarants))
    donors_count = volume("donors", scale)
    copies = int(donors_count * SHARE_DONORS_CANDIDATES)
    donors = pd.concat(
        [
            noisy_copies(candidates, copies, seed=seed + 1, prefix="donor").assign(
                key=lambda f: f["truth"], gender=None
            ),
            people(samples, donors_count - copies, seed=seed + 2, prefix="donor").assign(
                noise="exact"
            ),
        ],
        ignore_index=True,
    )
    # The register publishes no donor's birth date (0 of the 17,779 individual rows of Texty's
    # table 5): donors carry none.
    donors["birth_date"] = None
    return Population(candidates, mps, declarants, donors.drop(columns=["truth"], errors="ignore"))
