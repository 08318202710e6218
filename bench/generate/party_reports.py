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
import pandas as pd
import xlsxwriter
from python_calamine import CalamineWorkbook

from bench.generate import trails
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


def templates(samples: Path) -> tuple[list[str], list[list]]:
    """The real table's header and rows: each generated row copies one."""
    header, *rows = (
        CalamineWorkbook.from_path(str(samples / FOLDER / FILE)).get_sheet_by_index(0).to_python()
    )
    return header, rows


def write(
    samples: Path,
    out: Path,
    population: Population,
    places: dict[str, tuple[str, str, str]],
    scale: float,
    seed: int,
    plan: trails.Plan,
) -> tuple[list[dict], pd.DataFrame]:
    """Writes out/nazk_party_reports; returns the truth rows (donation id → person) and the
    ledger of every row (trails.truth). A donor who is a candidate gives from her own oblast;
    the planted cases (trails.plan) are written in."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for real in sorted((samples / FOLDER).iterdir()):
        if real.name != FILE:
            (folder / real.name).symlink_to(real.resolve())
    header, rows = templates(samples)
    column = {name: i for i, name in enumerate(header)}
    rng = np.random.default_rng(seed)
    donors = population.donors
    names = [full_name(d).upper() for d in donors.itertuples(index=False)]
    keys = donors["key"].tolist()
    regions = trails.donor_regions(donors, places)
    count = volume("donations", scale)
    giver = rng.integers(len(donors), size=count)
    # Most donors keep to one party (their first template's); one donation in ten goes elsewhere.
    of_party: dict[str, list[int]] = defaultdict(list)
    for number, template in enumerate(rows):
        of_party[template[column["party_main_EDRPOU"]]].append(number)
    home = [rows[t][column["party_main_EDRPOU"]] for t in rng.integers(len(rows), size=len(donors))]
    for donor, code in plan.self_funders.items():
        home[donor] = code
    loyal = rng.random(count) < LOYALTY
    anywhere = rng.integers(len(rows), size=count)
    picked = [
        _one_of(of_party[home[giver[n]]], rng) if loyal[n] else anywhere[n] for n in range(count)
    ]
    written = list(zip(picked, giver, strict=True))
    written += _planted(rows, column, plan, keys, rng)
    workbook = xlsxwriter.Workbook(str(folder / FILE), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, header)
    truth, ledger = [], []
    for number, (template, d) in enumerate(written):
        row = list(rows[template])
        person = row[column["donor_type"]] == PERSON
        if person:
            row[column["donor_name"]] = names[d]
            row[column["donor_birth_date"]] = ""
            if row[column["donor_location"]] != UNKNOWN_PLACE:
                row[column["donor_location"]] = regions[d]
            truth.append(
                {
                    "source": FOLDER,
                    "unit": donation_id(row[column["report_id"]], number),
                    "key": keys[d],
                }
            )
        ledger.append(_entry(row, column, keys[d] if person else None))
        sheet.write_row(number + 1, 0, row)
    workbook.close()
    return truth, pd.DataFrame(ledger)


def _planted(rows: list, column: dict, plan: trails.Plan, keys: list, rng) -> list[tuple]:
    """(template, donor) of the planted rows: large gifts of the donors who declare no income,
    and each bundle's donors giving its template's amount on its day."""
    person = [n for n, r in enumerate(rows) if r[column["donor_type"]] == PERSON]
    large = [
        n
        for n in person
        if trails.kopiykas(rows[n][column["donation_sum"]]) >= trails.LARGE_DONATION_UAH * 100
    ]
    index = {key: i for i, key in enumerate(keys)}
    planted = [
        (large[int(rng.integers(len(large)))], index[key])
        for key in sorted(plan.without_income)
        for _ in range(2)
    ]
    planted += [(template, donor) for template, group in plan.bundles for donor in group]
    return planted


def _entry(row: list, column: dict, key: str | None) -> dict:
    """A row as the truth reads it (trails.truth)."""
    year = int(row[column["report_year"]])
    amount = trails.kopiykas(row[column["donation_sum"]])
    return {
        "donor": key or row[column["donor_edrpou"]] or row[column["donor_name"]],
        "kind": "person" if key else "company",
        "party_code": row[column["party_main_EDRPOU"]],
        "party_name": row[column["party_main_name"]],
        "year": year,
        "day": trails.donation_day(
            row[column["donation_date"]], year, row[column["report_period"]]
        ),
        "amount": amount,
        "kopiykas": amount - trails.kopiykas(row[column["donation_refund_sum"]]),
    }
