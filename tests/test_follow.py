"""Following a politician end to end: the sources change through the real mirror server (a new
declaration, a faction switch, a donation), a nightly runs, and exactly those entries appear,
once, in her feed, her party's and the portal's; the watchlist report opens with them; her page
as it stood before the nightly is rebuilt from the history of changes."""

import csv
import html
import io
import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import feedparser
import httpx
import pytest
from mirror_variants import file_variant

from conftest import run_pamyat, served
from pamyat.core.manifest import url_key
from pamyat.mirror.server import MirrorServer

pytestmark = pytest.mark.timeout(300, func_only=True)

SOURCES = ("rada", "nazk_declarations", "nazk_party_reports")
# Підкапка Костянтин's annual declaration for 2025, in his list and in the register's.
LISTS = [
    url_key("https://public-api.nazk.gov.ua/v2/documents/list?user_declarant_id=1525473"),
    url_key("https://public-api.nazk.gov.ua/v2/documents/list"),
]
NEW_DECLARATION = "c28ec29a-31ea-4d83-9d15-589270f20931"
# An MP of the group "ДОВІРА", shown a member of another faction before.
POSTS = url_key("https://data.rada.gov.ua/ogd/mps/skl9/mp-posts_full.csv")
SWITCHER = "18090"
# A report of a party with a donation of 100 000 UAH the first nightly did not see.
REPORT = url_key(
    "https://politdata.nazk.gov.ua/api/v2/party/report/020f77e0-03ca-11ef-bce9-638f8e04ad34"
)
DONOR = "БЕРЕЗА ЮЛІЯ МИКОЛАЇВНА"
# How far back the first nightly is moved: her page as it stood then is a day before.
DAYS_BACK = 3
TODAY = datetime.now(UTC).date().isoformat()


def without_declaration(body: bytes) -> bytes:
    """A listing (a recorded page, or the rows the mirror pages through) without it."""
    listed = json.loads(body)
    if isinstance(listed, list):
        return json.dumps([d for d in listed if d["id"] != NEW_DECLARATION]).encode("utf-8")
    listed["data"] = [d for d in listed["data"] if d["id"] != NEW_DECLARATION]
    listed["count"] = len(listed["data"])
    return json.dumps(listed, ensure_ascii=False).encode("utf-8")


def in_another_faction(body: bytes) -> bytes:
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    other = next(r for r in rows if r["post_name"] == "Член депутатської фракції")
    for row in rows:
        if row["mp_id"] == SWITCHER and row["post_name"] == "Член депутатської групи":
            row.update({k: other[k] for k in ("post_name", "unit_name", "post_title")})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def without_donation(body: bytes) -> bytes:
    report = json.loads(body)
    incoming = report["results"]["payment_info"]["incoming"]
    incoming["monetary_contributions"] = [
        r for r in incoming["monetary_contributions"] if r["payer_name"] != DONOR
    ]
    return json.dumps(report, ensure_ascii=False).encode("utf-8")


def query(data, sql, *args):
    with sqlite3.connect(f"file:{data / 'pamyat.db'}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def moved_back(data, days: int) -> None:
    """The published history as if its builds had run `days` earlier."""
    shift = f"-{days} days"
    with sqlite3.connect(data / "pamyat.db") as conn:
        for table, column in (("builds", "built_at"), ("changes", "detected_at")):
            conn.execute(
                f"UPDATE {table} SET {column} = strftime('%Y-%m-%dT%H:%M:%SZ', {column}, ?)",
                (shift,),
            )
        conn.execute(
            "UPDATE events SET learned_at = strftime('%Y-%m-%dT%H:%M:%SZ', learned_at, ?)", (shift,)
        )


@pytest.fixture(scope="module")
def followed(mirror_root, tmp_path_factory):
    """A data folder after a nightly on sources without the three facts (moved back in time),
    `pamyat watch` of the three concerned, and a nightly on the real sources."""
    folder = tmp_path_factory.mktemp("followed") / "data"
    folder.mkdir()
    rewrites = {
        **dict.fromkeys(LISTS, without_declaration),
        POSTS: in_another_faction,
        REPORT: without_donation,
    }
    with file_variant(mirror_root, tmp_path_factory.mktemp("variant"), rewrites) as server:
        run_pamyat(folder, "nightly", *SOURCES, "--mirror", server.url)
    moved_back(folder, DAYS_BACK)
    ids = {
        "mp": query(
            folder,
            "select person_id from person_sources where source = 'rada' and source_record_id = ?",
            SWITCHER,
        )[0][0],
        "declarant": query(
            folder, "select person_id from declarations where user_declarant_id = '1525473'"
        )[0][0],
        "party": query(
            folder,
            "select party_id from party_reports where source_record_id = ?",
            REPORT.rsplit("/", 1)[-1],
        )[0][0],
    }
    before = {row[0] for row in query(folder, "select event_id from events")}
    run_pamyat(folder, "watch", "add", ids["mp"], ids["party"], "Підкапка Костянтин")
    with MirrorServer(mirror_root) as server:
        # In full: a document submitted before the last run is found by a sweep, not a window.
        run_pamyat(folder, "nightly", *SOURCES, "--full", "--mirror", server.url)
    return folder, ids, before


@pytest.fixture(scope="module")
def portal(followed):
    with served(followed[0]) as url:
        yield url


def feed(url: str) -> feedparser.FeedParserDict:
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, url
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.text)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def new_events(followed) -> dict[str, tuple]:
    """The events the second nightly added: id → (type, person, party, what was before)."""
    folder, _, before = followed
    found = query(folder, "select event_id, event_type, person_id, party_id, old_value from events")
    return {row[0]: row[1:] for row in found if row[0] not in before}


def entry_ids(parsed) -> list[str]:
    """The event ids behind a feed's entries (tag:<host>,<year>:event/<event id>)."""
    return [unquote(e.id.split(":event/", 1)[1]) for e in parsed.entries]


def test_the_nightly_adds_exactly_the_three_events(followed):
    _, ids, _ = followed
    found = sorted(new_events(followed).items())
    assert [(event_id.split(":")[0], kind) for event_id, (kind, *_) in found] == [
        ("declaration", "declaration"),
        ("donation", "donation"),
        ("joined", "joined"),
    ]
    (_, declaration), (_, donation), (_, joined) = found
    assert found[0][0] == f"declaration:{NEW_DECLARATION}"
    assert declaration[:2] == ("declaration", ids["declarant"])
    assert donation[2] == ids["party"]
    # One event for the switch: the group she joined, from the faction she left.
    assert joined[1] == ids["mp"] and "СЛУГА НАРОДУ" in joined[3]


def test_each_new_event_is_one_entry_of_its_feeds(followed, portal):
    folder, ids, _ = followed
    found = new_events(followed)
    by_type = {kind: event_id for event_id, (kind, *_) in found.items()}
    for path, event_id in (
        (f"/person/{ids['declarant']}/feed.atom", by_type["declaration"]),
        (f"/person/{ids['mp']}/feed.atom", by_type["joined"]),
        (f"/party/{ids['party']}/feed.atom", by_type["donation"]),
    ):
        assert entry_ids(feed(portal + path)).count(event_id) == 1, path
    # The portal's feed of the last nights: what the second nightly learned, and only that.
    assert sorted(entry_ids(feed(f"{portal}/feed.atom"))) == sorted(found)


def test_an_entry_says_what_happened_with_its_source(followed, portal):
    folder, ids, _ = followed
    parsed = feed(f"{portal}/person/{ids['mp']}/feed.atom?lang=en")
    switched = next(e for e, (kind, *_) in new_events(followed).items() if kind == "joined")
    (switch,) = [
        e for e, id_ in zip(parsed.entries, entry_ids(parsed), strict=True) if id_ == switched
    ]
    assert switch.title.startswith("Switched: ") and "ДОВІРА" in switch.title
    assert switch.link == "https://data.rada.gov.ua/ogd/mps/skl9/mp-posts_full.csv"
    (income,) = query(
        folder,
        "select sum(income_minor) from declaration_year_totals "
        "where document_id = ? and currency_code = 'UAH'",
        NEW_DECLARATION,
    )[0]
    declared = feed(f"{portal}/person/{ids['declarant']}/feed.atom?lang=en")
    (entry,) = [
        e
        for e, id_ in zip(declared.entries, entry_ids(declared), strict=True)
        if id_ == f"declaration:{NEW_DECLARATION}"
    ]
    assert f"{income / 100:,.2f}".replace(",", "\u202f") in entry.summary
    assert entry.published.startswith("2026-") and entry.updated.startswith(TODAY)


def test_an_unchanged_nightly_adds_no_entry(followed, mirror_root, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(followed[0], folder)
    held = set(query(folder, "select event_id, learned_at from events"))
    with MirrorServer(mirror_root) as server:
        run_pamyat(folder, "nightly", *SOURCES, "--full", "--mirror", server.url)
    assert set(query(folder, "select event_id, learned_at from events")) == held


def test_the_morning_report_opens_with_the_watchlist(followed):
    folder, ids, _ = followed
    report = json.loads(sorted((folder / "reports").glob("*.json"))[-1].read_text())
    watched = {(w["kind"], w["id"]): w for w in report["watchlist"]}
    assert set(watched) == {
        ("person", ids["mp"]),
        ("party", ids["party"]),
        ("person", ids["declarant"]),
    }
    found = new_events(followed)
    for w in watched.values():
        expected = {e for e, (_, person, party, _) in found.items() if w["id"] in (person, party)}
        assert {e["event_id"] for e in w["events"]} == expected
    text = sorted((folder / "reports").glob("*.md"))[-1].read_text()
    assert text.splitlines()[2] == "## Watchlist"


def test_her_page_as_it_stood_before_the_nightly(followed, portal):
    folder, ids, _ = followed
    before = (datetime.now(UTC) - timedelta(days=DAYS_BACK)).date().isoformat()
    then = page(f"{portal}/person/{ids['mp']}?as_of={before}&lang=en")
    now = page(f"{portal}/person/{ids['mp']}?lang=en")
    faction = 'Член депутатської фракції ПОЛІТИЧНОЇ ПАРТІЇ "СЛУГА НАРОДУ"'
    group = 'Член депутатської групи "ДОВІРА"'
    assert faction in then and group not in then and f"As it stood on {before}" in then
    assert group in now and faction not in now
    # The declarations he had then are the ones the database the nightly replaced holds.
    previous = folder / "pamyat.previous.db"
    with sqlite3.connect(f"file:{previous}?mode=ro", uri=True) as conn:
        held = {
            r[0]
            for r in conn.execute(
                "select document_id from declarations where person_id = ?", (ids["declarant"],)
            )
        }
    declarant_then = page(f"{portal}/person/{ids['declarant']}?as_of={before}")
    assert held and all(d in declarant_then for d in held)
    assert NEW_DECLARATION not in held and NEW_DECLARATION not in declarant_then
    assert NEW_DECLARATION in page(f"{portal}/person/{ids['declarant']}")


def page(url: str) -> str:
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200, (url, response.text[:300])
    return html.unescape(response.text)


def test_a_date_outside_the_history_and_an_unknown_id_are_refused(followed, portal):
    _, ids, _ = followed
    start = (datetime.now(UTC) - timedelta(days=DAYS_BACK)).date()
    for asked in ((start - timedelta(days=1)).isoformat(), "2999-01-01", "yesterday"):
        response = httpx.get(f"{portal}/person/{ids['mp']}?as_of={asked}&lang=en")
        assert response.status_code == 400
        assert asked in html.unescape(response.text)
    assert f"from {start.isoformat()} to {TODAY}" in html.unescape(
        httpx.get(f"{portal}/person/{ids['mp']}?as_of=2999-01-01&lang=en").text
    )
    for path in (
        "/person/nobody/feed.atom",
        "/party/nobody/feed.atom",
        "/party/nobody/members.atom",
    ):
        assert httpx.get(portal + path).status_code == 404
    refused = run_pamyat(followed[0], "watch", "add", "nobody-at-all", check=False)
    assert refused.returncode == 2 and "'nobody-at-all': no person or party" in refused.stderr


def test_history_survives_a_rollback(followed, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(followed[0], folder)
    held = query(folder, "select built_at from builds order by build_id")
    run_pamyat(folder, "rollback")
    assert query(folder, "select built_at from builds order by build_id") == held[:1]
    with served(folder) as url:
        before = (datetime.now(UTC) - timedelta(days=DAYS_BACK)).date().isoformat()
        assert "As it stood on" in page(f"{url}/person/{followed[1]['mp']}?as_of={before}&lang=en")
