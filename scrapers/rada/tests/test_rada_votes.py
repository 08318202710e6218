"""Rada roll calls: the real pages parsed, both formats loaded, and every published figure
compared with a count made independently from the raw files."""

import csv
import re
from collections import Counter

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from scrapers.rada.spider import RadaSpider
from scrapers.rada.vote_page import parse

PAGES = (25, 1000, 1315)


def page_html(samples, g_id) -> str:
    return (samples / "rada" / f"ns_golos_print_g_id_{g_id}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def registrations(samples) -> list[dict]:
    path = samples / "rada" / "plenary_register_mps-skl9.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def mp_by_rada_id(samples) -> dict[str, dict]:
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8", newline="") as f:
        return {row["rada_id"]: row for row in csv.DictReader(f)}


@pytest.mark.parametrize("g_id", PAGES)
def test_page_totals_match_its_rows(samples, g_id):
    html = page_html(samples, g_id)
    page = parse(html)
    rows = [option for block in page["blocks"] for _, option in block["votes"]]
    status_cells = re.findall(r'<td class="hcol1">[^<]+</td>\s*<td>([^<]+)</td>', html)
    assert len(rows) == len(status_cells) == sum(b["members"] for b in page["blocks"])
    voted_for = sum(cell.strip() == "За" for cell in status_cells)
    assert Counter(rows)["for"] == voted_for == page["totals"]["for"]


def test_a_page_header_field_by_field(samples):
    page = parse(page_html(samples, 1000))
    assert page["voted_at"] == "2019-10-15T13:29:23"
    assert (page["session"], page["convocation"], page["number"]) == (2, 9, 9)
    assert page["bill_number"] == "1008"
    assert page["decision"] == "Рішення не прийнято"
    assert page["totals"] == {
        "for": 74,
        "against": 12,
        "abstain": 165,
        "not_voting": 141,
        "total": 392,
    }
    votes = dict(v for block in page["blocks"] for v in block["votes"])
    assert votes["Безугла М.В."] == "not voting" and votes["Богуцька Є.П."] == "against"


def test_the_windows_1251_page_reads_the_same(samples):
    html = page_html(samples, 1315)
    live = html.replace("charset=utf8", "charset=windows-1251").encode("cp1251")
    url = "https://w1.c1.rada.gov.ua/pls/radan_gs09/ns_golos_print?g_id=1315&vid=1"
    spider = RadaSpider.from_crawler(get_crawler(RadaSpider), run_id="t")
    response = HtmlResponse(
        url=url,
        body=live,
        request=Request(url),
        headers={"Content-Type": "text/html; charset=windows-1251"},
    )
    (record,) = spider.parse_vote_page(response, g_id="1315")
    assert record["fields"] == parse(html) and spider.issues == []


def test_votes_of_a_roll_call_match_its_page(db, samples):
    page = parse(page_html(samples, 1315))
    published = dict(
        db.execute("select option, count(*) from votes where vote_event_id = 1315 group by 1")
    )
    # an MP on the page whom the MPs file lacks has no id, so no vote row; she is reported
    not_in_mps_file = db.execute(
        "select count(*) from data_issues where record_id = '1315' and field = 'name' "
        "and problem like '%: 0 MPs have this surname and initials)'"
    ).fetchone()[0]
    on_page = Counter(o for block in page["blocks"] for _, o in block["votes"])
    assert not_in_mps_file == 1
    assert sum(published.values()) == sum(on_page.values()) - not_in_mps_file
    event = db.execute(
        "select for_count, against_count, abstain_count, not_voting_count, "
        "is_adopted, bill_number from vote_events where vote_event_id = 1315"
    ).fetchone()
    assert event == (310, 0, 4, 67, 1, "0001")


def test_registration_attendance_matches_the_raw_file(db, registrations, mp_by_rada_id):
    present, held = Counter(), Counter()
    for row in registrations:
        for triple in row["results"].split("|"):
            parts = triple.split(":")
            if len(parts) == 3 and parts[0] in mp_by_rada_id:
                held[parts[0]] += 1
                present[parts[0]] += parts[2] == "5"
    published = dict(
        db.execute(
            "select s.source_record_id, m.registration_attendance from mp_vote_summary m "
            "join person_sources s using (person_id)"
        )
    )
    checked = 0
    for rada_id, mp in mp_by_rada_id.items():
        if held[rada_id]:
            assert published[mp["id"]] == round(present[rada_id] / held[rada_id], 4)
            checked += 1
    assert checked > 400


def test_malformed_triples_and_unknown_ids_are_data_issues(db, registrations, mp_by_rada_id):
    triples = [t for row in registrations for t in row["results"].split("|")]
    malformed = [t for t in triples if len(t.split(":")) != 3]
    unknown = [
        t for t in triples if len(t.split(":")) == 3 and t.split(":")[0] not in mp_by_rada_id
    ]
    issues = dict(db.execute("select problem, count(*) from data_issues group by 1"))
    assert issues["malformed id_mp:id_faction:status triple, skipped"] == len(malformed) == 37
    assert sum(n for p, n in issues.items() if p.startswith("unknown MP id")) == len(unknown)
    published = db.execute(
        "select count(*) from votes v join vote_events e using "
        "(vote_event_id) where e.event_type = 'registration'"
    ).fetchone()[0]
    assert published == len(triples) - len(malformed) - len(unknown)


def test_page_and_tsv_agree_for_every_linked_mp(db):
    differences = db.execute(
        "select value, problem from data_issues where field = 'option'"
    ).fetchall()
    assert all("page None" in problem for _, problem in differences)


def test_loyalty_matches_a_count_from_the_votes(db):
    rows = db.execute(
        "select vote_event_id, organization_id, person_id, option from votes v "
        "join vote_events e using (vote_event_id) where e.event_type = 'vote' "
        "and organization_id is not null and option != 'absent'"
    ).fetchall()
    options = Counter((e, o, opt) for e, o, _, opt in rows)
    rank = {"for": 0, "against": 1, "abstain": 2, "not voting": 3}
    majority = {}
    for (event, org, option), n in options.items():
        best = majority.get((event, org))
        if best is None or (n, -rank[option]) > (best[1], -rank[best[0]]):
            majority[(event, org)] = (option, n)
    agreed, total = Counter(), Counter()
    for event, org, person, option in rows:
        total[(person, org)] += 1
        agreed[(person, org)] += option == majority[(event, org)][0]
    published = {
        (p, o): (n, w)
        for p, o, n, w in db.execute(
            "select person_id, organization_id, roll_calls, with_majority from mp_faction_loyalty"
        )
    }
    assert published == {key: (total[key], agreed[key]) for key in total}
    assert len(published) > 300


def test_faction_codes_map_to_the_factions_of_the_posts_file(db):
    codes = dict(
        db.execute(
            "select distinct faction_code, o.name from votes v left join "
            "organizations o using (organization_id) "
            "where faction_code is not null"
        )
    )
    assert "СЛУГА НАРОДУ" in codes["1"] and "ГОЛОС" in codes["5"]
    assert codes["0"] is None  # non-affiliated


def test_faction_switches_are_visible(db):
    switchers = db.execute(
        "select count(distinct person_id) from mp_faction_history where "
        "person_id in (select person_id from mp_faction_history group by "
        "person_id having count(*) > 1)"
    ).fetchone()[0]
    assert switchers > 0
