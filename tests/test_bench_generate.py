"""The national-scale generator (bench/generate) writes the real sources' formats: the real
mirror builder serves what it writes, and every unit of its truth is where the spiders will
read it. A small scale (0.05% of national volumes) keeps this quick."""

import csv
import io
import json
import re

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from bench.generate import generate
from bench.generate.population import FIRST_DECLARANT_ID
from bench.generate.rada import FIRST_EVENT
from bench.people import feminine
from pamyat.core.manifest import load_manifest, url_key
from pamyat.mirror import build_mirror
from pamyat.mirror.server import respond
from scrapers.media.spider import feeds
from scrapers.nazk_declarations.mirror import list_url
from scrapers.nazk_party_reports.mirror import api
from scrapers.rada.mirror import file_url

# Generates a dataset and its mirror: end to end.
pytestmark = pytest.mark.e2e

SCALE = 0.0005


@pytest.fixture(scope="module")
def generated(samples, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    summary = generate(SCALE, folder, samples)
    build_mirror(folder / "samples", folder / "mirror")
    truth = pd.read_csv(folder / "truth.csv", dtype=str)
    return summary, load_manifest(folder / "mirror"), truth, folder


def _get(entries: dict, url: str, params: dict | None = None) -> bytes:
    status, body, _ = respond(entries, url_key(url), params or {}, {})
    assert status == 200, url
    return body


def test_every_declarant_is_listed_with_all_her_documents(generated):
    summary, entries, truth, _ = generated
    units = truth[truth["source"] == "nazk_declarations"]["unit"]
    listed = 0
    for declarant in units:
        answer = json.loads(_get(entries, list_url(), {"user_declarant_id": declarant}))
        assert answer["data"], declarant
        assert {str(item["user_declarant_id"]) for item in answer["data"]} == {declarant}
        listed += answer["count"]
    assert listed == summary["documents"]


def test_every_council_member_is_on_her_council_page(generated):
    _, entries, truth, _ = generated
    units = truth[truth["source"] == "cec"]["unit"]
    assert len(units) > 0.9 * SCALE * 200_000
    for unit in units:
        url, name = unit.split("|")
        page = _get(entries, url).decode("windows-1251")
        surname, given = name.split(" ", 1)
        assert f"{surname}<br>{given}" in page.replace("&#x27;", "'"), unit


def test_every_donation_is_in_its_report(generated):
    summary, entries, truth, _ = generated
    donations = set(truth[truth["source"] == "nazk_party_reports"]["unit"])
    assert len(donations) == summary["donations"] > 0
    found = set()
    for entry_key in entries:
        if "/party/report/" in entry_key:
            report = json.loads(_get(entries, "https://" + entry_key))["results"]
            rows = report["payment_info"]["incoming"]["monetary_contributions"]
            found |= {row["id"] for row in rows} & donations
    assert found == donations


def test_every_generated_vote_is_in_the_vote_results_file(generated):
    summary, entries, _, _ = generated
    text = _get(entries, file_url("vote_result", 9)).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    ours = [row for row in rows if int(row["id_event"]) >= FIRST_EVENT]
    assert len(ours) == summary["roll_calls"]
    # Generated pages list the MPs of the real page 1315: the mirror places as many of them.
    template = next(row for row in rows if row["id_event"] == "1315")
    placed = len(template["results"].split("|"))
    assert [len(row["results"].split("|")) for row in ours] == [placed] * len(ours)
    assert placed * len(ours) > 0.99 * summary["votes"]


def test_every_mention_is_in_a_feed(generated):
    summary, entries, truth, _ = generated
    bodies = b"".join(_get(entries, feed["url"]) for feed in feeds())
    links = truth[truth["source"] == "media"]["unit"]
    assert len(links) == summary["news_mentions"] > 0
    assert all(link.encode() in bodies for link in links)


def test_the_party_register_still_lists_the_real_parties(generated):
    _, entries, _, _ = generated
    answer = json.loads(_get(entries, api("/parties"), {"pager": {"page": 1, "size": 1000}}))
    assert len(answer["results"]["list"]) > 100


# Generated records carry only what the real sources carry (issue #23's artifacts) ------------


def test_council_bios_carry_their_own_birth_dates_and_gender(generated):
    """Each bio has its person's birth date (the template's stayed in 2 of 3 before) and words
    of one gender ("Громадянка ..., народилася")."""
    folder = generated[3]
    with open(folder / "samples" / "cec" / "vm2020_elected_city_councils_3_oblasts.csv") as f:
        bios = [row["Відомості"] for row in csv.DictReader(f)]
    born = [re.search(r"народи(?:вся|лася) (\d{2}\.\d{2}\.\d{4})", bio) for bio in bios]
    assert all(born)
    assert len({b.group(1) for b in born}) > 0.9 * len(bios)
    for bio in bios:
        assert ("народилася" in bio) == bio.startswith("Громадянка"), bio[:60]


def test_generated_names_take_one_word_surnames(samples):
    """Real names the parser splits oddly («Джаббаров Самір Ягуб огли») once lent their
    pieces as surnames: «Руслан Дмитрович Ігор Григорович» could not be compared at all."""
    from bench.people import people

    names = people(samples, 20_000, seed=7, prefix="t")
    assert not names["last_name"].str.contains(" ").any()
    assert not names["last_name"].str.endswith(("вич", "вна")).any()


def test_only_mps_declare_the_mp_s_responsible_position(generated):
    folder = generated[3]
    checked = 0
    for path in (folder / "samples" / "nazk_declarations").glob("declaration_*.json"):
        if path.is_symlink():
            continue  # a real document
        step_1 = json.loads(path.read_text(encoding="utf-8"))["data"]["step_1"]
        is_mp = step_1["workPost"] == "народний депутат України"
        assert (step_1["responsiblePosition"] == "Народний депутат України") == is_mp
        assert step_1["cityType"].endswith("Україна") and "Маріуполь" not in step_1["cityType"]
        checked += 1
    assert checked > 100


def test_donors_have_no_birth_date_and_some_no_place(generated, party_sheet):
    folder = generated[3]
    book = CalamineWorkbook.from_path(
        str(folder / "samples" / "nazk_party_reports" / "politdata_5_private_contributions.xlsx")
    )
    header, *rows = book.get_sheet_by_index(0).to_python()
    people = [dict(zip(header, r, strict=True)) for r in rows]
    people = [p for p in people if p["donor_type"] == "Фізична особа"]
    assert people and all(p["donor_birth_date"] == "" for p in people)
    unknown = sum(p["donor_location"] == "Не визначено" for p in people) / len(people)
    real = party_sheet("politdata_5_private_contributions.xlsx")
    real_people = [r for r in real if r["donor_type"] == "Фізична особа"]
    real_unknown = sum(r["donor_location"] == "Не визначено" for r in real_people) / len(
        real_people
    )
    assert abs(unknown - real_unknown) < 0.05


@pytest.mark.parametrize(
    ("masculine", "female"),
    [("Ковальський", "Ковальська"), ("Білий", "Біла"),
     ("Іванов", "Іванова"), ("Ковалев", "Ковалева"), ("Соловйов", "Соловйова"),
     ("Кучмін", "Кучміна"), ("Шевченко", "Шевченко"), ("Кравчук", "Кравчук")],
)  # fmt: skip
def test_feminine_surname_forms(masculine, female):
    assert feminine(masculine) == female


# The money trails it plants (bench/generate/trails.py) are in the files the spiders read -----


def _donation_rows(folder) -> list[dict]:
    book = CalamineWorkbook.from_path(
        str(folder / "samples" / "nazk_party_reports" / "politdata_5_private_contributions.xlsx")
    )
    header, *rows = book.get_sheet_by_index(0).to_python()
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_every_planted_relative_is_a_declared_family_member_who_gives(generated):
    _, _, truth, folder = generated
    cases = pd.read_csv(folder / "trails_truth.csv", dtype=str)
    relatives = cases[cases["rule"] == "relative"]["case"].str.split("|", expand=True)
    assert len(relatives) > 0
    region_of = {row["donor_name"]: row["donor_location"] for row in _donation_rows(folder)}
    declarants = truth[truth["source"] == "nazk_declarations"].set_index("key")["unit"]
    family: dict[str, dict[str, str]] = {}  # declarant id → member's name → where she lives
    for path in (folder / "samples" / "nazk_declarations").glob("declaration_*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        if int(document["user_declarant_id"] or 0) < FIRST_DECLARANT_ID:
            continue  # a real document the generator serves as it is
        members = document["data"]["step_2"]
        for member in members.values() if "empty" not in members else ():
            name = f"{member['lastname']} {member['firstname']} {member['middlename']}".upper()
            family.setdefault(str(document["user_declarant_id"]), {})[name] = member["cityType"]
    for _, declarant in relatives.itertuples(index=False):
        (name, lives), *others = family[declarants[declarant]].items()
        assert not others
        assert region_of[name] in ("Не визначено", lives.split(" / ")[0]), name


def test_every_planted_bundle_is_many_donors_one_amount_one_day(generated):
    _, _, _, folder = generated
    cases = pd.read_csv(folder / "trails_truth.csv", dtype=str)
    bundles = cases[cases["rule"] == "same_amount_same_day"]["case"].str.split("|", expand=True)
    assert len(bundles) > 0
    rows = _donation_rows(folder)
    for code, day, amount in bundles.itertuples(index=False):
        month, date = int(day[5:7]), int(day[8:10])
        donors = {
            r["donor_name"]
            for r in rows
            if r["party_main_EDRPOU"] == code
            and round(float(r["donation_sum"]) * 100) == int(amount)
            and r["donation_date"]
            in (f"{date:02d}.{month:02d}.{day[:4]}", float(f"{date}.{month:02d}"))
        }
        assert len(donors) >= 5, (code, day, amount)
