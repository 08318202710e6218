"""The readable pages, served by a real Datasette over the demo: a person's page shows what the
tables hold of her, with every source; a party's money is what the party register's own files
add up to; the MPs a party lists are the Rada's."""

import csv
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from bs4 import BeautifulSoup
from party_files import EUROPEAN_SOLIDARITY, IN_KIND, LOCAL_ORGS, MONEY, SPENDING, given, uah

from scrapers.nbu_rates import mirror as nbu_mirror

POROSHENKO = "Порошенко Петро Олексійович"
NASH_KRAI = "37724082"  # a party whose own units pay it in the register's files
QUARTERS = {"1 квартал": 1, "2 квартал": 2, "3 квартал": 3, "4 квартал": 4, "рік": 5}


def sql(portal: str, query: str, **params) -> list[dict]:
    response = httpx.get(
        f"{portal}/pamyat.json", params={"sql": query, "_shape": "array", **params}
    )
    assert response.status_code == 200, response.text
    return response.json()


def html(portal: str, path: str) -> BeautifulSoup:
    response = httpx.get(portal + path)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def cells(table) -> list[list[str]]:
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.tbody("tr")]


def money(text: str) -> Decimal:
    """A figure as the pages write it (1 234.56 with narrow spaces) back into a Decimal."""
    return Decimal(text.replace("\u202f", ""))


@pytest.fixture(scope="module")
def poroshenko(portal) -> tuple[str, BeautifulSoup]:
    (person,) = sql(portal, "select person_id from persons where full_name = :n", n=POROSHENKO)
    return person["person_id"], html(portal, f"/person/{person['person_id']}")


@pytest.fixture(scope="module")
def european_solidarity(portal) -> BeautifulSoup:
    (party,) = sql(
        portal, "select party_id from parties where edrpou_code = :c", c=EUROPEAN_SOLIDARITY
    )
    return html(portal, f"/party/{party['party_id']}")


def test_a_person_page_names_her_in_both_scripts_with_every_source(portal, poroshenko):
    person_id, page = poroshenko
    (person,) = sql(portal, "select * from persons where person_id = :id", id=person_id)
    assert page.h1.get_text(strip=True) == POROSHENKO
    assert page.select_one(".latin").get_text(strip=True) == person["full_name_latin"]
    assert "Poroshenko Petro" in person["full_name_latin"]
    sources = sql(portal, "select * from person_sources where person_id = :id", id=person_id)
    assert {s["source"] for s in sources} >= {"rada", "nazk_declarations", "nazk_party_reports"}
    shown = cells(page.select_one("#sources table"))
    assert sorted(row[1] for row in shown) == sorted(s["source_record_id"] for s in sources)
    links = {a["href"] for a in page.select("#sources a")}
    assert {s["page_url"] or s["source_url"] for s in sources} <= links


def test_a_person_page_shows_her_current_posts_and_her_party(portal, poroshenko):
    person_id, page = poroshenko
    positions = page.select_one(".positions").get_text(" ", strip=True)
    assert "народний депутат" in positions and "9-го скликання" in positions
    timeline = page.select_one("#timeline table").get_text(" ", strip=True)
    assert 'Політична партія "Європейська Солідарність"' in timeline


def test_declared_money_is_shown_as_stored_and_charted(portal, poroshenko):
    person_id, page = poroshenko
    totals = sql(
        portal,
        "select t.document_id, t.declaration_year, t.currency_code, t.income_minor, "
        "t.money_minor "
        "from declaration_year_totals t join declarations d using (document_id) "
        "where t.person_id = :id order by t.declaration_year, d.submitted_date, t.currency_code",
        id=person_id,
    )
    shown = cells(page.select_one("#declarations table"))
    assert [(int(r[0]), r[2]) for r in shown] == [
        (t["declaration_year"], t["currency_code"]) for t in totals
    ]
    for row, total in zip(shown, totals, strict=True):
        for text, minor in ((row[3], total["income_minor"]), (row[4], total["money_minor"])):
            assert text == "—" if minor is None else money(text) == Decimal(minor) / 100
    # The chart: per declaration, income and all money in millions of hryvnias, foreign
    # currency at the National Bank's rate of 31 December (the rates the mirror serves, read here).
    with open(nbu_mirror.HELD, encoding="utf-8") as f:
        rates = {
            (r["cc"], r["rate_date"]): Decimal(r["uah_per_units"]) / int(r["units"])
            for r in csv.DictReader(f)
        }
    income, held = {}, {}
    for t in totals:
        key = t["document_id"]
        rate = (
            Decimal(1)
            if t["currency_code"] == "UAH"
            else rates.get((t["currency_code"], f"{t['declaration_year']}-12-31"))
        )
        if t["income_minor"] is not None:
            income[key] = income.get(key, 0) + t["income_minor"]
        if t["money_minor"] is not None and rate is not None:
            converted = (Decimal(t["money_minor"]) * rate).quantize(Decimal(1), ROUND_HALF_EVEN)
            held[key] = held.get(key, 0) + int(converted)
    documents = list(dict.fromkeys(t["document_id"] for t in totals))
    assert len(documents) < len(totals)  # some declarations hold foreign currency
    chart = page.select_one("#declarations-chart svg")
    assert chart is not None and "млн грн" in chart.get_text()
    bars = [d.get_text().replace(" ", "") for d in chart.select("desc.value")]
    expected = [income.get(d) for d in documents] + [held.get(d) for d in documents]
    shown = [m for m in expected if m is not None]
    assert [Decimal(b) for b in bars] == [
        (Decimal(m) / 100 / 10**6).quantize(Decimal("0.01")) for m in shown
    ]


def test_her_donations_are_what_the_register_files_say(poroshenko, party_sheet):
    _, page = poroshenko
    sheets = {name: party_sheet(name) for name in (MONEY, IN_KIND)}
    shown = cells(page.select_one("#donations table"))
    assert len(shown) >= 3
    for year, party, _count, net, own, _source in shown:
        assert party == 'Політична партія "Європейська Солідарність"'
        donor = {"name": "ПОРОШЕНКО ПЕТРО ОЛЕКСІЙОВИЧ"}
        assert money(net) == given(sheets, donor, EUROPEAN_SOLIDARITY, int(year))
        assert "за її списком" in own  # an MP of its list: he funds his own party


def own_codes(party_sheet, code: str) -> set[str]:
    """The party's own EDRPOU codes, from the register's file of its local organisations."""
    units = party_sheet(LOCAL_ORGS)
    return {code} | {r["local_org_EDRPOU"] for r in units if r["party_main_EDRPOU"] == code}


@pytest.mark.parametrize("code", [EUROPEAN_SOLIDARITY, NASH_KRAI])
def test_a_party_s_money_by_period_is_what_its_files_add_up_to(portal, party_sheet, code):
    """Donations and the party's transfers to itself apart, by report period, as the
    register's files add them up (a donor whose code is one of the party's own units is the
    party itself)."""
    (party,) = sql(portal, "select party_id from parties where edrpou_code = :c", c=code)
    page = html(portal, f"/party/{party['party_id']}")
    own = own_codes(party_sheet, code)
    received, transfers, spent = {}, {}, {}
    for name, column in ((MONEY, "donation_sum"), (IN_KIND, "donation_contract_price")):
        for row in party_sheet(name):
            if row["party_main_EDRPOU"] == code:
                key = (row["report_year"], QUARTERS[row["report_period"]])
                net = uah(row[column]) - uah(row.get("donation_refund_sum"))
                into = transfers if row["donor_edrpou"] in own else received
                into[key] = into.get(key, Decimal(0)) + net
    for row in party_sheet(SPENDING):
        if row["party_main_EDRPOU"] == code:
            key = (row["report_year"], QUARTERS[row["report_period"]])
            spent[key] = spent.get(key, Decimal(0)) + uah(row["amount"])
    assert received and (code != NASH_KRAI or transfers)
    shown = {}
    periods = cells(page.select_one("#money details table"))
    for label, got, _n, other, paid, _m in periods:
        year, _, period = label.partition(", ")  # "2021, 1 квартал", "2021, річний звіт"
        if period != "виборчий фонд":  # CHESNO's election funds are not the register's
            number = 5 if period == "річний звіт" else int(period.removesuffix(" квартал"))
            shown[(year, number)] = (got, other, paid)
    assert set(shown) == set(received) | set(transfers) | set(spent)
    for key, (got, other, paid) in shown.items():
        for text, expected in ((got, received), (other, transfers), (paid, spent)):
            assert (text == "—" and key not in expected) or money(text) == expected[key], key
    # One group of bars (donations, state funding, spending) per year held; every year between
    # the first and the last is on the axis, and those without a report are named.
    years = {int(label.partition(",")[0]) for label, *_ in periods}
    span = [str(y) for y in range(min(years), max(years) + 1)]
    axis = [t.get_text() for t in page.select("#money-chart svg .axis.x text")]
    assert axis == span
    missing = sorted(set(span) - {str(y) for y in years})
    note = page.select_one(".missing-years")
    assert (note is None and not missing) or note.get_text().endswith(", ".join(missing) + ".")
    bars = page.select("#money-chart svg desc.value")
    assert len(bars) == 3 * len(years)


def test_a_party_s_top_donors_flags_and_mps(portal, european_solidarity, samples):
    donors = cells(european_solidarity.select_one("#donors table"))
    amounts = [money(row[5]) for row in donors]
    assert len(donors) == 20 and amounts == sorted(amounts, reverse=True)
    assert not any(EUROPEAN_SOLIDARITY in row[0] for row in donors)  # not the party itself
    apart = european_solidarity.select_one("#payers-intra_party").get_text()
    assert EUROPEAN_SOLIDARITY in apart
    flags = european_solidarity.select("#flags .red-flag")
    stored = sql(
        portal,
        "select count(*) as n from donor_red_flags f where f.party_id = :p or (f.party_id is null "
        "and exists (select 1 from donations d where d.donor_id = f.donor_id "
        "and d.party_id = :p and d.year = f.year))",
        p="yevropeiska-solidarnist",
    )
    assert len(flags) == stored[0]["n"] > 0
    assert all("Правило:" in flag.get_text() for flag in flags)
    with open(samples / "rada" / "mps09-data.csv", encoding="utf-8") as f:
        members = {
            row["full_name"]
            for row in csv.DictReader(f)
            if row["party_name"] == 'Політична партія "Європейська Солідарність"'
            and not row["date_end"]
        }
    shown = {a.get_text(strip=True) for a in european_solidarity.select("#mps li > a")}
    assert members and members <= shown


def test_a_person_found_by_search_leads_to_her_page(portal):
    page = html(portal, "/-/search?q=Poroshenko")
    link = page.select_one("#found-persons a")
    assert link.get_text(strip=True) == POROSHENKO and link["href"].startswith("/person/")
    party = html(portal, "/-/search?q=Solidarnist").select_one("#found-parties a")
    assert party["href"] == "/party/yevropeiska-solidarnist"


def test_an_unknown_person_or_party_is_not_found(portal):
    assert httpx.get(portal + "/person/nobody").status_code == 404
    assert httpx.get(portal + "/party/nothing").status_code == 404


def test_every_party_page_and_persons_of_every_kind_answer(portal):
    """Every party, and persons of every source and election, every declarant, donor and person
    in the news: their pages render (a page that fails is a 500 here)."""
    parties = [row["party_id"] for row in sql(portal, "select party_id from parties")]
    persons = sql(
        portal,
        "select person_id from (select person_id, row_number() over "
        "(partition by source order by person_id) as n from person_sources) where n <= 40 "
        "union select person_id from (select person_id, row_number() over "
        "(partition by election_id order by person_id) as n from candidacies) where n <= 40 "
        "union select person_id from declarations union select person_id from donors "
        "union select person_id from mentions",
    )
    with httpx.Client(base_url=portal) as client:
        failed = [
            path
            for path in [f"/party/{p}" for p in parties]
            + [f"/person/{p['person_id']}" for p in persons if p["person_id"]]
            if client.get(path).status_code != 200
        ]
    assert failed == []
    assert len(parties) > 200 and len(persons) > 100


def test_each_linked_record_shows_its_probability_its_evidence_and_a_report(portal):
    """Records the model linked say how likely they are hers and why, and offer a prefilled
    report of a wrong link; records an id decided say so and offer none."""
    (person,) = sql(
        portal,
        "select person_id from person_sources where match_score is not null "
        "group by person_id order by count(*) desc limit 1",
    )
    sources = sql(
        portal, "select * from person_sources where person_id = :id", id=person["person_id"]
    )
    page = html(portal, f"/person/{person['person_id']}")
    rows = {
        tr.find_all("td")[1].get_text(strip=True): tr for tr in page.select("#sources tbody tr")
    }
    for source in sources:
        row = rows[source["source_record_id"]]
        report = row.select_one("a.report-link")
        if source["match_score"] is None:
            assert report is None
            continue
        text = row.get_text(" ", strip=True)
        assert f"{source['match_score'] * 100:.1f}%" in text
        assert row.select_one(".evidence").get_text(strip=True) == source["match_evidence"]
        assert "surname same" in source["match_evidence"]
        target = urlparse(report["href"])
        assert target.scheme == "mailto"
        body = parse_qs(target.query)["body"][0]
        assert f"{source['source']}:{source['source_record_id']}" in body
        assert f"/person/{person['person_id']}" in body
    assert page.select_one('#sources a[href$="/match_weights?"]')
