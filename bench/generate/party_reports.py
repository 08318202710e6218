"""Generated party donations, in Texty's table of the NAZK register (politdata_5).

Each generated row takes a real row as its template, so parties, branches, reports, periods,
banks and amounts keep the real register's distribution. A row given by a person gets a
generated donor (who gives nine times in ten to one party, hers), written in capitals as the
register writes donors, with the donor's noise
(bench/people.py), no birth date (the register publishes none) and her oblast, or "Не
визначено" where the template row says so (15% of the real individual rows). Rows given by
companies stay as they are. The other tables (in-kind, spending, branches) and CHESNO's files
are the real ones.
"""

import uuid
from collections import defaultdict
from pathlib import Path

import numpy as np
import xlsxwriter
from python_calamine import CalamineWorkbook

from bench.generate.cec import OBLASTS
from bench.generate.population import Population, full_name, volume

FOLDER = "nazk_party_reports"
FILE = "politdata_5_private_contributions.xlsx"
PERSON = "Фізична особа"
SECTION = "monetary_contributions"
LOYALTY = 0.9
UNKNOWN_PLACE = "Не визначено"


def donation_id(report_id: str, number: int) -> str:
    """The payment id the mirror gives the file's `number`th row (scrapers/nazk_party_reports)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{report_id}/{SECTION}/{number}"))


def _one_of(options: list[int], rng) -> int:
    return options[int(rng.integers(len(options)))]


def write(
    samples: Path,
    out: Path,
    population: Population,
    places: dict[str, tuple[str, str]],
    scale: float,
    seed: int,
):
    """Writes out/nazk_party_reports; returns the truth rows (donation id → person). A donor who
    is a candidate gives from her own oblast."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for real in sorted((samples / FOLDER).iterdir()):
        if real.name != FILE:
            (folder / real.name).symlink_to(real.resolve())
    header, *templates = (
        CalamineWorkbook.from_path(str(samples / FOLDER / FILE)).get_sheet_by_index(0).to_python()
    )
    column = {name: i for i, name in enumerate(header)}
    rng = np.random.default_rng(seed)
    donors = population.donors
    names = [full_name(d).upper() for d in donors.itertuples(index=False)]
    keys = donors["key"].tolist()
    regions = [
        places.get(key, (OBLASTS[i % len(OBLASTS)],))[0] for i, key in enumerate(donors["key"])
    ]
    count = volume("donations", scale)
    giver = rng.integers(len(donors), size=count)
    # Most donors keep to one party (their first template's); one donation in ten goes elsewhere.
    of_party: dict[str, list[int]] = defaultdict(list)
    for number, template in enumerate(templates):
        of_party[template[column["party_main_EDRPOU"]]].append(number)
    home = [
        templates[t][column["party_main_EDRPOU"]]
        for t in rng.integers(len(templates), size=len(donors))
    ]
    loyal = rng.random(count) < LOYALTY
    anywhere = rng.integers(len(templates), size=count)
    picked = [
        _one_of(of_party[home[giver[n]]], rng) if loyal[n] else anywhere[n] for n in range(count)
    ]
    workbook = xlsxwriter.Workbook(str(folder / FILE), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, header)
    truth = []
    for number in range(count):
        row = list(templates[picked[number]])
        if row[column["donor_type"]] == PERSON:
            d = giver[number]
            row[column["donor_name"]] = names[d]
            row[column["donor_birth_date"]] = ""
            if row[column["donor_location"]] != UNKNOWN_PLACE:
                row[column["donor_location"]] = regions[d]
            report_id = row[column["report_id"]]
            truth.append(
                {
                    "source": FOLDER,
                    "unit": donation_id(report_id, number),
                    "key": keys[d],
                }
            )
        sheet.write_row(number + 1, 0, row)
    workbook.close()
    return truth
