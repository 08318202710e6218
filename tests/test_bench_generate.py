"""The national-scale generator (bench/generate) writes the real sources' formats: the real
mirror builder serves what it writes, and every unit of its truth is where the spiders will
read it. A small scale (0.05% of national volumes) keeps this quick."""

import csv
import io
import json

import pandas as pd
import pytest

from bench.generate import generate
from bench.generate.rada import FIRST_EVENT
from pamyat.mirror import build_mirror
from pamyat.mirror.manifest import load_manifest, url_key
from pamyat.mirror.server import respond
from scrapers.media.spider import feeds
from scrapers.nazk_declarations.mirror import list_url
from scrapers.nazk_party_reports.mirror import api
from scrapers.rada.mirror import file_url

SCALE = 0.0005


@pytest.fixture(scope="module")
def generated(samples, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    summary = generate(SCALE, folder, samples)
    build_mirror(folder / "samples", folder / "mirror")
    truth = pd.read_csv(folder / "truth.csv", dtype=str)
    return summary, load_manifest(folder / "mirror"), truth


def _get(entries: dict, url: str, params: dict | None = None) -> bytes:
    status, body, _ = respond(entries, url_key(url), params or {}, {})
    assert status == 200, url
    return body


def test_every_declarant_is_listed_with_all_her_documents(generated):
    summary, entries, truth = generated
    units = truth[truth["source"] == "nazk_declarations"]["unit"]
    listed = 0
    for declarant in units:
        answer = json.loads(_get(entries, list_url(), {"user_declarant_id": declarant}))
        assert answer["data"], declarant
        assert {str(item["user_declarant_id"]) for item in answer["data"]} == {declarant}
        listed += answer["count"]
    assert listed == summary["documents"]


def test_every_council_member_is_on_her_council_page(generated):
    _, entries, truth = generated
    units = truth[truth["source"] == "cec"]["unit"]
    assert len(units) > 0.9 * SCALE * 200_000
    for unit in units:
        url, name = unit.split("|")
        page = _get(entries, url).decode("windows-1251")
        surname, given = name.split(" ", 1)
        assert f"{surname}<br>{given}" in page.replace("&#x27;", "'"), unit


def test_every_donation_is_in_its_report(generated):
    summary, entries, truth = generated
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
    summary, entries, _ = generated
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
    summary, entries, truth = generated
    bodies = b"".join(_get(entries, feed["url"]) for feed in feeds())
    links = truth[truth["source"] == "media"]["unit"]
    assert len(links) == summary["news_mentions"] > 0
    assert all(link.encode() in bodies for link in links)


def test_the_party_register_still_lists_the_real_parties(generated):
    _, entries, _ = generated
    answer = json.loads(_get(entries, api("/parties"), {"pager": {"page": 1, "size": 1000}}))
    assert len(answer["results"]["list"]) > 100
