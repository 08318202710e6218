"""The news in the built demo database: every real item with its text intact (checked against
the feeds read here with lxml), items kept across runs once each, and the mentions measured
against the labelled set fixtures/media_mentions.yml (precision at least 0.95)."""

import sqlite3
from pathlib import Path

import yaml
from lxml import etree

from scrapers.media.spider import feeds

LABELS = Path(__file__).parent / "fixtures" / "media_mentions.yml"
MIN_PRECISION = 0.95


def recorded_items(samples) -> dict[str, dict]:
    """{link: {outlet, title}} of every item of the recorded feeds, read with lxml."""
    found = {}
    for feed in feeds():
        root = etree.fromstring((samples / "media" / feed["sample"]).read_bytes())
        for item in root.xpath("//*[local-name()='item']"):
            link = item.xpath("string(*[local-name()='link'])").strip()
            title = " ".join(item.xpath("string(*[local-name()='title'])").split())
            # A link that is not a web address (one real item links "b2VjML1MLnE") is left out.
            found[link if link.startswith(("http://", "https://")) else None] = {
                "outlet": feed["outlet"],
                "title": title,
            }
    return found


def test_every_real_item_is_in_the_database_with_its_text(db, samples):
    expected = recorded_items(samples)
    assert len(expected) == 92
    got = {
        url: {"outlet": outlet, "title": title}
        for url, outlet, title in db.execute("SELECT url, outlet_code, title FROM media_items")
    }
    assert got == expected
    assert db.execute(
        "SELECT count(*) FROM data_issues WHERE field = 'url' AND problem LIKE 'media_items.url:%'"
    ).fetchone() == (sum(1 for link in expected if link is None),)
    outlets = dict(db.execute("SELECT outlet_code, language FROM media_outlets"))
    assert outlets == {f["outlet"]: f["language"] for f in feeds()}


def test_summaries_are_plain_text_without_mojibake(db):
    summaries = [s for (s,) in db.execute("SELECT summary FROM media_items") if s]
    assert len(summaries) > 80
    joined = " ".join(summaries)
    for broken in ("Ð", "Ñ", "Ã", "â€", "\ufffd", "&nbsp;", "&rsquo;", "<p>", "<img"):
        assert broken not in joined, broken
    assert "Vodafone створив" in joined  # "&nbsp;Vodafone&nbsp;створив" in the unian feed


def labelled_pairs(db) -> set[tuple[str, str]]:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["mentions"]
    pairs = set()
    for url, names in labels.items():
        (item_id,) = db.execute("SELECT item_id FROM media_items WHERE url = ?", (url,)).fetchone()
        for name in names:
            ids = db.execute(
                "SELECT person_id FROM persons WHERE full_name = ?", (name,)
            ).fetchall()
            assert len(ids) == 1, name
            pairs.add((item_id, ids[0][0]))
    return pairs


def test_mentions_precision_and_recall_on_the_labelled_items(db, quality_report):
    truth = labelled_pairs(db)
    found = set(db.execute("SELECT item_id, person_id FROM mentions WHERE person_id IS NOT NULL"))
    right = found & truth
    precision = len(right) / len(found) if found else 0.0
    recall = len(right) / len(truth)
    quality_report(
        f"media mentions on {len(truth)} labelled pairs of 92 real items: "
        f"precision {precision:.3f}, recall {recall:.3f} ({len(right)} right, "
        f"{len(found - right)} wrong, {len(truth - found)} missed)"
    )
    assert len(found) >= 3
    assert precision >= MIN_PRECISION


def test_every_mention_keeps_its_words_rule_and_confidence(db):
    rows = db.execute("SELECT matched_text, confidence, reason, person_id FROM mentions").fetchall()
    assert rows
    for matched, confidence, reason, person_id in rows:
        assert matched and reason
        assert (confidence > 0) == (person_id is not None)
    reasons = {matched: reason for matched, _, reason, _ in rows}
    assert reasons["Владимиру Зеленскому"] == (
        "given name and surname after the title of the President; one of them holds it"
    )


def test_a_person_s_news_in_the_portal(portal, canned):
    rows = canned(portal, "person_news", name="Лерос")
    assert [(r["Видання"], r["Особа"]) for r in rows] == [
        ("Українська правда (російською)", "Лерос Гео Багратович")
    ]
    assert rows[0]["Посилання"] == "https://www.pravda.com.ua/rus/news/2020/09/29/7268094/"
    assert (
        canned(portal, "person_news", name="Kondratiuk")[0]["Знайдені слова"] == "Елены Кондратюк"
    )


def test_items_are_kept_once_across_runs(data_dir, pamyat, samples):
    pamyat(data_dir, "mirror", "build")
    pamyat(data_dir, "crawl", "rada", "--mirror")
    pamyat(data_dir, "crawl", "media", "--mirror")
    pamyat(data_dir, "crawl", "media", "--mirror")
    pamyat(data_dir, "build")
    conn = sqlite3.connect(data_dir / "pamyat.db")
    runs = [r for (r,) in conn.execute("SELECT run_id FROM ingest_runs WHERE source = 'media'")]
    assert len(runs) == 2
    first_run_ended = conn.execute(
        "SELECT finished_at FROM ingest_runs WHERE run_id = ?", (min(runs),)
    ).fetchone()[0]
    items = conn.execute("SELECT run_id, first_seen_at FROM media_items").fetchall()
    assert len(items) == len(recorded_items(samples))
    assert {run for run, _ in items} == {max(runs)}  # the latest run's text...
    assert all(seen <= first_run_ended for _, seen in items)  # ...first seen by the first run
