"""Benchmark: the money trails' precision and recall on the planted cases.

`python -m bench.trails` scores each database bench.pipeline built (data/bench/pipeline/<scale>)
against the cases its generator planted and worked out (bench/generate/trails.py,
trails_truth.csv): for each rule, the cases the build found (its flags, its own-party rows, its
bundles, the possible relatives it put in the review queue), each named by the generated
people's keys, against those the rule should find. A case found about a person the identity
engine got wrong is a false one, and one it split is missed: beside the rules, the same build's
identity scores. Writes bench/trails.json and bench/trails.md.
"""

import json
import sqlite3
from pathlib import Path

import pandas as pd

from bench import truth as identity_truth
from pamyat.core import config

HERE = Path(__file__).resolve().parent
RULES = (
    "donations_above_income",
    "donations_without_income",
    "own_party",
    "relative",
    "same_amount_same_day",
    "shared_employer",
)
FOUND = {
    "income": """
        SELECT flag_code AS rule, person_id, year FROM donor_red_flags
        WHERE flag_code IN ('donations_above_income', 'donations_without_income')
    """,
    "own_party": """
        SELECT o.person_id, p.edrpou_code, o.year FROM own_party_donations o
        JOIN parties p USING (party_id)
    """,
    "relative": """
        SELECT SUBSTR(left_record, INSTR(left_record, ':') + 1) AS donor_id, right_person_id
        FROM match_review WHERE question = 'relative'
        UNION SELECT donor_id, person_id FROM donor_relatives
    """,
    # Bundles of the generated money table only: the real in-kind and CHESNO rows the
    # generator leaves as they are have no truth worked out.
    "bundles": """
        SELECT b.bundle_kind AS rule, p.edrpou_code, b.year, b.donation_date, b.amount_minor,
               b.employer
        FROM donation_bundles b JOIN parties p USING (party_id)
        WHERE b.bundle_kind = 'shared_employer' OR EXISTS (
            SELECT 1 FROM donations d
            WHERE d.party_id = b.party_id AND d.donation_date = b.donation_date
              AND d.amount_minor = b.amount_minor
              AND d.source_record_id LIKE '%/monetary_contributions[%')
    """,
}


def _keys(database: Path, truth: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The generated person each published person and each donor stands for (the most
    common key among its units)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        units = pd.read_sql_query(identity_truth.UNITS, conn)
        donations = pd.read_sql_query("SELECT donation_id AS unit, donor_id FROM donations", conn)
    joined = truth.merge(units, on=["source", "unit"])
    joined["person_id"] = joined["person_id"].str.split("|").str[0]
    people = joined[joined["person_id"] != ""]
    of_person = people.groupby("person_id")["key"].agg(lambda k: k.mode().iloc[0])
    given = truth[truth["source"] == "nazk_party_reports"].merge(donations, on="unit")
    of_donor = given.groupby("donor_id")["key"].agg(lambda k: k.mode().iloc[0])
    return of_person, of_donor


def _cases(rule, *parts: pd.Series) -> pd.DataFrame:
    """(rule, case): each case named as trails_truth.csv names it, its parts joined by "|"."""
    case = parts[0].astype(str)
    for part in parts[1:]:
        case = case + "|" + part.astype(str)
    return pd.DataFrame({"rule": rule, "case": case})


def found_cases(database: Path, truth: pd.DataFrame) -> pd.DataFrame:
    of_person, of_donor = _keys(database, truth)

    def person(ids: pd.Series) -> pd.Series:
        return ids.map(of_person).fillna("unknown person " + ids.astype(str))

    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        found = {name: pd.read_sql_query(sql, conn) for name, sql in FOUND.items()}
    income, own, relative, bundles = (
        found[n] for n in ("income", "own_party", "relative", "bundles")
    )
    same_day = bundles[bundles["rule"] == "same_amount_same_day"]
    employer = bundles[bundles["rule"] == "shared_employer"]
    cases = [
        _cases(income["rule"], person(income["person_id"]), income["year"]),
        _cases("own_party", person(own["person_id"]), own["edrpou_code"], own["year"]),
        _cases(
            "relative",
            relative["donor_id"].map(of_donor).fillna("unknown donor"),
            person(relative["right_person_id"]),
        ),
        _cases(
            same_day["rule"],
            same_day["edrpou_code"],
            same_day["donation_date"],
            same_day["amount_minor"].astype("Int64"),
        ),
        _cases(
            employer["rule"],
            employer["edrpou_code"],
            employer["year"],
            employer["employer"].str.casefold(),
        ),
    ]
    return pd.concat(cases, ignore_index=True).drop_duplicates()


def score(folder: Path) -> dict:
    truth = pd.read_csv(folder / "truth.csv", dtype=str)
    wanted = pd.read_csv(folder / "trails_truth.csv", dtype=str)
    found = found_cases(folder / "data" / "pamyat.db", truth)
    # The own-party truth is worked out for the generated candidates; the real MPs funding
    # their parties in the real in-kind and CHESNO files are not scored.
    candidates = set(truth.loc[truth["source"] == "cec", "key"])
    about = found["case"].str.split("|").str[0]
    found = found[(found["rule"] != "own_party") | about.isin(candidates)]
    scores = {}
    for rule in RULES:
        true = set(wanted.loc[wanted["rule"] == rule, "case"])
        got = set(found.loc[found["rule"] == rule, "case"])
        hits = len(true & got)
        scores[rule] = {
            "true_cases": len(true),
            "found_cases": len(got),
            "precision": round(hits / len(got), 4) if got else None,
            "recall": round(hits / len(true), 4) if true else None,
        }
    return scores


def markdown(results: dict) -> str:
    lines = [
        "# Money trails: precision and recall on planted cases",
        "",
        __doc__.split("\n\n", 1)[1].strip().replace("\n", " "),
        "",
    ]
    for label, run in results.items():
        identity = run["identity"]
        lines += [
            f"## {label} of national volumes",
            "",
            f"Identity of the same build against the same truth (what every rule stands on): "
            f"precision {identity['precision']}, recall {identity['recall']}. The build's money "
            f"trails stage: {run['seconds']} s for {run['donations']:,} donations.",
            "",
            "| rule | true cases | found | precision | recall |",
            "|---|---|---|---|---|",
        ]
        for rule, s in run["rules"].items():
            lines.append(
                f"| {rule} | {s['true_cases']:,} | {s['found_cases']:,} | "
                f"{s['precision']} | {s['recall']} |"
            )
        lines.append("")
    return "\n".join(lines)


def measured(folder: Path) -> dict:
    """The rules' scores, the same build's identity scores and its money trails stage."""
    build = json.loads((folder / "build.json").read_text())
    stage = next(s for s in build["stages"] if s["stage"] == "money trails")
    identity = identity_truth.score(folder / "data" / "pamyat.db", folder / "truth.csv")
    return {
        "rules": score(folder),
        "identity": {k: identity["identity"][k] for k in ("precision", "recall")},
        "seconds": stage["seconds"],
        "donations": stage["items"],
    }


def main() -> None:
    root = config.data_dir() / "bench" / "pipeline"
    results = {
        folder.name.replace("pct", "%"): measured(folder)
        for folder in sorted(root.iterdir(), key=lambda f: float(f.name.removesuffix("pct")))
        if (folder / "trails_truth.csv").is_file() and (folder / "data" / "pamyat.db").is_file()
    }
    (HERE / "trails.json").write_text(json.dumps(results, indent=1))
    (HERE / "trails.md").write_text(markdown(results))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
