"""Generated CEC data: the 2020 local councils' members, in the real table's columns.

Each generated candidate takes a real row of samples/cec as a template (party, list position,
votes, quota share, district) and a real biography with her own birth date and gender written
into it. Councils hold about 34 members, as Ukraine's hromada councils do; they are named after
generated surnames ("Мельниківська сільська рада") in the 24 oblasts. The 2019 parliamentary
files are the real ones.
"""

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from bench.generate.population import Population, full_name
from pamyat.core import sources
from scrapers.cec.mirror import council_url

FILE = "vm2020_elected_city_councils_3_oblasts.csv"
REAL_FILES = (
    "vnd2019_single_member_candidates_wp033_tables.csv",
    "vnd2019_single_member_results_wp306_tables.csv",
)
NAME = "Прізвище, ім’я, по батькові"
BIO = sources.columns("cec", "vm2020", "member_columns")["bio"]  # as the site titles it
OBLASTS = [
    f"{name} область"
    for name in [
        "Вінницька",
        "Волинська",
        "Дніпропетровська",
        "Донецька",
        "Житомирська",
        "Закарпатська",
        "Запорізька",
        "Івано-Франківська",
        "Київська",
        "Кіровоградська",
        "Луганська",
        "Львівська",
        "Миколаївська",
        "Одеська",
        "Полтавська",
        "Рівненська",
        "Сумська",
        "Тернопільська",
        "Харківська",
        "Херсонська",
        "Хмельницька",
        "Черкаська",
        "Чернівецька",
        "Чернігівська",
    ]
]
KINDS = [("сільська рада", "Сільські"), ("селищна рада", "Селищні"), ("міська рада", "Міські")]
MEMBERS_PER_COUNCIL = 34
_BORN = re.compile(r"народи(?:вся|лася) \d{2}\.\d{2}\.\d{4}")
_CITIZEN = re.compile(r"Громадян(?:ин|ка) ")


def _bio(template: str, gender: str, birth_date: str) -> str:
    """The template's biography with the person's own birth date and gender in its words."""
    year, month, day = birth_date.split("-")
    verb = "народилася" if gender == "f" else "народився"
    bio = _BORN.sub(f"{verb} {day}.{month}.{year}", template, count=1)
    return _CITIZEN.sub("Громадянка " if gender == "f" else "Громадянин ", bio, count=1)


def _council_names(candidates: pd.DataFrame, count: int, rng) -> list[tuple[str, str, str]]:
    """(oblast, council, council type) for `count` councils, distinct within an oblast."""
    stems = candidates["last_name"][candidates["gender"] == "m"].drop_duplicates().tolist()
    councils, seen = [], set()
    for i in range(count * 3):
        if len(councils) == count:
            break
        oblast = OBLASTS[i % len(OBLASTS)]
        kind, kind_title = KINDS[int(rng.integers(len(KINDS)))]
        stem = stems[int(rng.integers(len(stems)))].rstrip("аеиоуіїєюяь")
        name = f"{stem}івська {kind}"
        if (oblast, name) not in seen:
            seen.add((oblast, name))
            councils.append((oblast, name, kind_title))
    return councils


def write(
    samples: Path, out: Path, population: Population, seed: int
) -> tuple[list[dict], dict[str, tuple[str, str, str]]]:
    """Writes out/cec; returns the truth rows (council page URL + name as written → person) and
    each candidate's (oblast, council, nominating party): where she lives and works, for her
    declarations and donations, and whom she stood for."""
    folder = out / "cec"
    folder.mkdir(parents=True, exist_ok=True)
    for name in REAL_FILES:
        (folder / name).symlink_to((samples / "cec" / name).resolve())
    with open(samples / "cec" / FILE, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns, templates = reader.fieldnames, list(reader)
    rng = np.random.default_rng(seed)
    candidates = population.candidates
    councils = _council_names(candidates, -(-len(candidates) // MEMBERS_PER_COUNCIL), rng)
    council_of = np.arange(len(candidates)) % len(councils)
    picked = rng.integers(len(templates), size=len(candidates))
    rows, keys, truth = [], [], []
    seen: set[tuple] = set()
    for i, person in enumerate(candidates.itertuples(index=False)):
        oblast, council, kind = councils[council_of[i]]
        name = full_name(person)
        if (oblast, council, name) in seen:
            continue  # namesakes in one council: the CEC would tell them apart; we skip one
        seen.add((oblast, council, name))
        template = templates[picked[i]]
        keys.append(person.key)
        rows.append(
            {
                **template,
                "Регіон": oblast,
                "Рада": council,
                "Тип ради": kind,
                NAME: name,
                BIO: _bio(template[BIO], person.gender, person.birth_date),
            }
        )
    # The mirror numbers councils in sorted order (scrapers/cec/mirror.py).
    numbers = {key: n for n, key in enumerate(sorted({(r["Регіон"], r["Рада"]) for r in rows}), 1)}
    for row, key in zip(rows, keys, strict=True):
        url = council_url(numbers[(row["Регіон"], row["Рада"])])
        truth.append({"source": "cec", "unit": f"{url}|{row[NAME]}", "key": key})
    with open(folder / FILE, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return truth, {
        key: (row["Регіон"], row["Рада"], row["Партія"])
        for key, row in zip(keys, rows, strict=True)
    }
