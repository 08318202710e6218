"""Money trails planted in the generated country, with their truth.

The generator plants what the money trails must find (etl/trails): straw donors (candidates who
declare next to no income, or none, and give more), candidates who fund the party that
nominated them, relatives (a donor written into a politician's declaration as her family
member) and bundles (several donors giving one party the same amount on the same day). The
truth of every rule is then worked out here from what was generated, for every person, planted
or not, with the generated person's own key: so a flag the build misses, or one it raises on
the wrong person, counts against it. Written to trails_truth.csv (rule, case) beside truth.csv.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bench.generate.cec import OBLASTS
from pamyat.core import reference

# Shares of the candidates who donate and declare (population.py).
SHARE_STRAW = 0.05
SHARE_WITHOUT_INCOME = 0.25  # of the straw donors
SHARE_SELF_FUNDERS = 0.1
SHARE_RELATIVES = 0.02  # of the declarants
BUNDLES_PER_MILLION = 400  # planted bundles per million donations
BUNDLE_DONORS = (5, 9)
STRAW_INCOME_UAH = (500, 2_500)  # each of the declaration's two incomes
LARGE_DONATION_UAH = 100_000
# The rules' thresholds, as etl/trails/rules.yml states them: the truth applies the rule.
INCOME_SHARE, WITHOUT_INCOME_WAGES = 0.5, 10
BUNDLE_MIN_DONORS, BUNDLE_MIN_WAGES, EMPLOYER_MIN_DONORS = 5, 5, 3
QUARTERS = {"1 квартал": 1, "2 квартал": 2, "3 квартал": 3, "4 квартал": 4}


def party_core(name: str) -> str:
    """A party's name as the truth compares it: the words between its first and last quotes
    where it has them (the CEC's «політична партія Всеукраїнське об’єднання "Батьківщина"» is
    the register's «БАТЬКІВЩИНА»), else the name without its legal form; no case, no quotes."""
    text = str(name).casefold()
    quoted = re.search(r"[\"«“„](.+)[\"»”]", text)
    text = quoted.group(1) if quoted else re.sub(r"^політичн\w*\s+парті\w*\s+", "", text)
    text = re.sub(r"[\"«»“”„'’ʼ]", " ", text)
    return " ".join(text.replace("–", "-").split())


@dataclass
class Plan:
    straw: set = field(default_factory=set)  # candidate keys declaring next to no income
    without_income: set = field(default_factory=set)  # of them, those declaring none
    self_funders: dict = field(default_factory=dict)  # donor index → her party's code
    relatives: dict = field(default_factory=dict)  # declarant key → donor index
    bundles: list = field(default_factory=list)  # (template number, donor indices)


def plan(population, places: dict, templates: list, column: dict, scale: float, seed: int) -> Plan:
    """What to plant: chosen among the generated people, reproducibly."""
    rng = np.random.default_rng(seed + 7)
    donors = population.donors
    declaring = set(population.declarants["key"])
    codes = {}
    for row in templates:
        codes.setdefault(
            party_core(row[column["party_main_name"]]), row[column["party_main_EDRPOU"]]
        )
    copies = [i for i, key in enumerate(donors["key"]) if key in places]
    declaring_copies = [i for i in copies if donors["key"].iloc[i] in declaring]
    result = Plan()
    chosen = rng.permutation(declaring_copies)[: round(len(declaring_copies) * SHARE_STRAW)]
    result.straw = {donors["key"].iloc[i] for i in chosen}
    result.without_income = set(
        sorted(result.straw)[: round(len(result.straw) * SHARE_WITHOUT_INCOME)]
    )
    for i in rng.permutation(copies)[: round(len(copies) * SHARE_SELF_FUNDERS)]:
        code = codes.get(party_core(places[donors["key"].iloc[i]][2]))
        if code:
            result.self_funders[int(i)] = code
    own = [i for i, key in enumerate(donors["key"]) if key not in places]
    picked = rng.permutation(len(population.declarants))
    free = iter(rng.permutation(own))
    for n in picked[: round(len(population.declarants) * SHARE_RELATIVES)]:
        result.relatives[population.declarants["key"].iloc[n]] = int(next(free))
    wages = _wages()
    large = [
        n
        for n, row in enumerate(templates)
        if row[column["donor_type"]] == "Фізична особа"
        and kopiykas(row[column["donation_sum"]])
        >= BUNDLE_MIN_WAGES * wages.get(int(row[column["report_year"]]), 10**12)
    ]
    for _ in range(max(1, round(BUNDLES_PER_MILLION * 3 * scale))):
        members = int(rng.integers(*BUNDLE_DONORS))
        group = [int(next(free)) for _ in range(members)]
        result.bundles.append((large[int(rng.integers(len(large)))], group))
    return result


def donor_regions(donors: pd.DataFrame, places: dict) -> list[str]:
    """Each donor's oblast: a candidate's own, the others' spread over the oblasts."""
    return [places.get(key, (OBLASTS[i % len(OBLASTS)],))[0] for i, key in enumerate(donors["key"])]


def _wages() -> dict[int, int]:
    wages = reference.minimum_wages()
    return {
        int(y): int(w) * 100 for y, w in zip(wages["year"], wages["minimum_wage_uah"], strict=True)
    }


def kopiykas(value) -> int:
    if value in ("", None):
        return 0
    return round(float(str(value).replace(",", ".")) * 100)


def donation_day(written, year: int, period: str) -> str | None:
    """The ISO day of a donation as the register's file writes it: a full date, or a day and
    month without the year (a float, 31.03), which takes the report's year and must fall in
    its quarter (else the day is unknown)."""
    if isinstance(written, float):
        day, month = int(written), round(written % 1 * 100) or 10
        if period in QUARTERS and (month - 1) // 3 + 1 != QUARTERS[period]:
            return None
        return f"{year}-{month:02d}-{day:02d}"
    found = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", str(written or ""))
    return f"{found[3]}-{found[2]}-{found[1]}" if found else None


def truth(
    ledger: pd.DataFrame, documents: pd.DataFrame, plan_: Plan, places: dict, donor_keys: list
) -> pd.DataFrame:
    """(rule, case) of every case the rules should find in what was generated.

    `ledger`: every donation row (donor: a person's key or a company's name, kind, party code,
    party name, year, day, amount and net of refunds in kopiykas); `documents`: every
    generated declaration (key, year, kind, filed, income in kopiykas, workplace)."""
    cases = []
    wages = _wages()
    people = ledger[ledger["kind"] == "person"]
    given = people.groupby(["donor", "year"])["kopiykas"].sum()
    annual = documents[documents["kind"] == 1].sort_values("filed")
    candidate = documents[documents["kind"] == 4].sort_values("filed")
    year_document = pd.concat([candidate, annual]).groupby(["key", "year"]).tail(1)
    year_document = year_document.set_index(["key", "year"])
    for (key, year), donated in given.items():
        if (key, year) not in year_document.index:
            continue
        income = int(year_document.loc[(key, year), "income"])
        if income and donated > INCOME_SHARE * income:
            cases.append(("donations_above_income", f"{key}|{year}"))
        if not income and donated > WITHOUT_INCOME_WAGES * wages.get(year, 10**12):
            cases.append(("donations_without_income", f"{key}|{year}"))
    party_of = {key: party_core(place[2]) for key, place in places.items()}
    own = people[people["donor"].map(party_of) == people["party_name"].map(party_core)]
    for key, code, year in (
        own[["donor", "party_code", "year"]].drop_duplicates().itertuples(index=False)
    ):
        cases.append(("own_party", f"{key}|{code}|{year}"))
    for declarant, donor in plan_.relatives.items():
        cases.append(("relative", f"{donor_keys[donor]}|{declarant}"))
    dated = ledger.dropna(subset=["day"])
    floor = dated["year"].map(wages) * BUNDLE_MIN_WAGES
    dated = dated[dated["amount"] >= floor]
    groups = dated.groupby(["party_code", "day", "amount"])["donor"].nunique()
    for code, day, amount in groups[groups >= BUNDLE_MIN_DONORS].index:
        cases.append(("same_amount_same_day", f"{code}|{day}|{amount}"))
    employers = defaultdict(set)
    workplace = documents.sort_values("filed").groupby(["key", "year"])["workplace"].last()
    for key, code, name, year in (
        people[["donor", "party_code", "party_name", "year"]]
        .drop_duplicates()
        .itertuples(index=False)
    ):
        if party_of.get(key) == party_core(name):
            continue  # the party's own: their funding is shown apart
        where = workplace.get((key, year), workplace.get((key, year - 1)))
        if isinstance(where, str):
            employers[(code, year, where.casefold())].add(key)
    for (code, year, where), keys in employers.items():
        if len(keys) >= EMPLOYER_MIN_DONORS:
            cases.append(("shared_employer", f"{code}|{year}|{where}"))
    return pd.DataFrame(cases, columns=["rule", "case"]).drop_duplicates()
