"""Generated NAZK declarations, in the shape of the real documents we hold.

Every document is a real schema-2 declaration (samples/nazk_declarations) cut down to the parts
the register always has: the declaration's step_0, the declarant (step_1), two incomes (step_11)
and one bank deposit (step_12); every other section reads "empty" as the register writes it. So a
generated document is about 6 KB where real ones are 5 KB to 680 KB (PROVENANCE.md). Each
declarant files an annual declaration a year from 2015, a candidate's declaration in 2020, and
corrected ones beyond that, until the national volume is reached. The real documents are served
too.
"""

import json
import random
import uuid
from pathlib import Path

import pandas as pd

from bench.generate import trails
from bench.generate.population import Population, full_name, volume

TEMPLATE = "declaration_2876a5ef-e48d-40f0-8fb2-296a0a9a4dc5.json"
KEPT_STEPS = ("step_0", "step_1", "step_11", "step_12")
FIRST_YEAR, YEARS = 2015, 11
ANNUAL, CANDIDATE = 1, 4
DOCUMENT, CORRECTED = 1, 3


def _template(samples: Path) -> dict:
    document = json.loads((samples / "nazk_declarations" / TEMPLATE).read_text(encoding="utf-8"))
    empty = document["data"]["step_10"]
    data = {step: empty for step in document["data"]}
    for step in KEPT_STEPS:
        section = document["data"][step]
        if step in ("step_11", "step_12"):
            section = dict(list(section.items())[: 2 if step == "step_11" else 1])
        data[step] = section
    return {**document, "data": data}


def _document(template: dict, declarant, number: int, rng: random.Random, plants: dict) -> dict:
    """The declarant's `number`th document; `plants`: what trails.plan put in it (a family
    member; incomes next to none, or none)."""
    year = FIRST_YEAR + number % YEARS
    kind = CANDIDATE if number == YEARS else ANNUAL
    form = CORRECTED if number > YEARS else DOCUMENT
    if kind == CANDIDATE:
        year = 2020
    filed = f"{rng.randint(1, 28):02d}.{rng.randint(1, 4):02d}.{year + 1} 10:00:00"
    data = dict(template["data"])
    data["step_0"] = {
        **data["step_0"],
        "declarationType": str(kind),
        "declarationYear1": str(year),
        "declaration_period": str(year),
        "declaration_year": year,
        "declaration_type": "Кандидата на посаду" if kind == CANDIDATE else "Щорічна",
    }
    data["step_1"] = {
        **data["step_1"],
        "lastname": declarant.last_name,
        "firstname": declarant.first_name,
        "middlename": declarant.patronymic,
        "workPlace": declarant.workplace,
        "workPost": declarant.post,
        "responsiblePosition": declarant.responsible_position,
        "cityType": declarant.residence,
    }
    low, high = plants.get("income", (20_000, 2_000_000))
    data["step_11"] = {
        key: {**entry, "sizeIncome": str(rng.randint(low, high))}
        for key, entry in data["step_11"].items()
    }
    if plants.get("no_income"):
        data["step_11"] = data["step_10"]  # the register's "empty" section
    if "family" in plants:
        data["step_2"] = plants["family"]
    data["step_12"] = {
        key: {**entry, "sizeAssets": str(rng.randint(1_000, 5_000_000))}
        for key, entry in data["step_12"].items()
    }
    return {
        **template,
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "user_declarant_id": int(declarant.user_declarant_id),
        "declaration_type": kind,
        "declaration_year": year,
        "type": form,
        "created_date": filed,
        "lastmodified_date": filed,
        "data": data,
    }


def write(
    samples: Path,
    out: Path,
    population: Population,
    places: dict[str, tuple[str, str, str]],
    scale: float,
    seed: int,
    plan: trails.Plan,
) -> tuple[list[dict], dict, pd.DataFrame]:
    """Writes out/nazk_declarations; returns the truth rows (declarant id → person), sizes and
    the ledger of every document (trails.truth)."""
    folder = out / "nazk_declarations"
    folder.mkdir(parents=True, exist_ok=True)
    for real in sorted((samples / "nazk_declarations").glob("*.json")):
        (folder / real.name).symlink_to(real.resolve())
    template = _template(samples)
    declarants = population.declarants.copy()
    is_mp = declarants["key"].str.startswith("rada:")
    declarants["workplace"] = (
        declarants["key"]
        .map(lambda key: places.get(key, (None, None))[1])
        .where(~is_mp, "Верховна Рада України")
    )
    declarants["post"] = "депутат"
    declarants.loc[is_mp, "post"] = "народний депутат України"
    # Only an MP's declaration names the responsible position "Народний депутат України"
    # (a council member's says "Ні", as Pidkapka's real 2020 one); where she lives is her
    # oblast (the register shows no more), or the country alone where we do not know it.
    declarants["responsible_position"] = "Ні"
    declarants.loc[is_mp, "responsible_position"] = "Народний депутат України"
    declarants["residence"] = declarants["key"].map(
        lambda key: f"{places[key][0]} / Україна" if key in places else "Україна"
    )
    declarants["full_name"] = [full_name(p) for p in declarants.itertuples(index=False)]
    rng = random.Random(seed)
    total, written_bytes = volume("declarations", scale), 0
    people = list(declarants.itertuples(index=False))
    plants = _plants(population, places, plan)
    documents = []
    for i in range(total):
        declarant = people[i % len(people)]
        planted = plants.get(declarant.key, {})
        document = _document(template, declarant, i // len(people), rng, planted)
        body = json.dumps(document, ensure_ascii=False).encode("utf-8")
        (folder / f"declaration_{document['id']}.json").write_bytes(body)
        written_bytes += len(body)
        documents.append(_ledger(document, declarant))
    truth = [
        {"source": "nazk_declarations", "unit": str(p.user_declarant_id), "key": p.key}
        for p in people
    ]
    sizes = {"documents": total, "mean_document_bytes": round(written_bytes / total)}
    return truth, sizes, pd.DataFrame(documents)


def _plants(population: Population, places: dict, plan: trails.Plan) -> dict[str, dict]:
    """Declarant key → what her documents carry of the planted cases."""
    plants: dict[str, dict] = {key: {"income": trails.STRAW_INCOME_UAH} for key in plan.straw}
    for key in plan.without_income:
        plants[key]["no_income"] = True
    donors = population.donors
    regions = trails.donor_regions(donors, places)
    for declarant, d in plan.relatives.items():
        donor = donors.iloc[d]
        member = {
            "id": 9_000_000 + d,
            "lastname": donor.last_name,
            "firstname": donor.first_name,
            "middlename": donor.patronymic,
            "subjectRelation": "дружина" if donor.gender == "f" else "чоловік",
            "citizenship": "1",
            "cityType": f"{regions[d]} / Україна",
        }
        plants.setdefault(declarant, {})["family"] = {str(member["id"]): member}
    return plants


def _ledger(document: dict, declarant) -> dict:
    """What the truth reads of a document (trails.truth): whose, which year and kind, when
    filed, the income it declares (kopiykas) and the workplace."""
    day, month, year = document["created_date"].split(" ")[0].split(".")
    incomes = document["data"]["step_11"].values()
    return {
        "key": declarant.key,
        "year": document["declaration_year"],
        "kind": document["declaration_type"],
        "filed": f"{year}-{month}-{day}",
        "income": sum(int(e["sizeIncome"]) * 100 for e in incomes if isinstance(e, dict)),
        "workplace": declarant.workplace,
    }
