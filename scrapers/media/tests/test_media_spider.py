"""Spider `media`, City-Bureau style: its callback on the real recorded feeds, with titles and
links checked against the files read here with lxml (namespace-blind), and the bad inputs the
issue names: an unreadable feed, an undeclared charset, an item without a link."""

import re

import pytest
from lxml import etree
from scrapy.http import Request, TextResponse
from scrapy.utils.test import get_crawler

from scrapers.media.spider import MediaSpider, feeds


def spider() -> MediaSpider:
    return MediaSpider.from_crawler(get_crawler(MediaSpider), run_id="t")


def answer(feed: dict, body: bytes, content_type: str = "application/rss+xml") -> TextResponse:
    request = Request(feed["url"])
    return TextResponse(
        url=feed["url"], body=body, headers={"Content-Type": content_type}, request=request
    )


def lxml_items(body: bytes) -> list[dict]:
    """Title and link of every item, by local name: blind to a default namespace."""
    root = etree.fromstring(body)
    items = root.xpath("//*[local-name()='item']")
    return [
        {
            "title": item.xpath("string(*[local-name()='title'])").strip(),
            "link": item.xpath("string(*[local-name()='link'])").strip(),
        }
        for item in items
    ]


@pytest.fixture(scope="module", params=[f["outlet"] for f in feeds()])
def feed(request, samples):
    entry = next(f for f in feeds() if f["outlet"] == request.param)
    return entry, (samples / "media" / entry["sample"]).read_bytes()


def test_every_item_of_every_real_feed_with_its_text(feed):
    entry, body = feed
    media = spider()
    records = list(media.parse_feed(answer(entry, body), feed=entry))
    assert not media.issues
    items = [r["fields"] for r in records if r["kind"] == "item"]
    expected = lxml_items(body)
    assert len(expected) >= 2
    assert [(i["title"], i["link"]) for i in items] == [(e["title"], e["link"]) for e in expected]
    text = " ".join(i["title"] + " " + (i["summary"] or "") for i in items)
    assert re.search("[А-Яа-яІіЇїЄє]{4}", text)
    assert not re.search("[ÐÑÃâ€\ufffd]", text)  # no mojibake
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", i["published"]) for i in items)
    (outlet,) = [r for r in records if r["kind"] == "feed"]
    assert outlet["fields"]["language"] == entry["language"] and outlet["fields"]["format"]


def test_the_windows_1251_feed_reads_as_cyrillic(samples):
    entry = next(f for f in feeds() if f["outlet"] == "pravda_ru")
    body = (samples / "media" / entry["sample"]).read_bytes()
    assert b'encoding="windows-1251"' in body[:100]
    titles = [r["fields"]["title"] for r in spider().parse_feed(answer(entry, body), feed=entry)]
    assert '"Голос" написал запрос к Зеленскому: требует отозвать Фокина с ТКГ' in titles


def test_a_feed_in_an_undeclared_charset_is_skipped_as_a_data_issue(samples):
    entry = next(f for f in feeds() if f["outlet"] == "pravda_ru")
    body = (samples / "media" / entry["sample"]).read_bytes()
    undeclared = body.replace(b' encoding="windows-1251"', b"", 1)
    media = spider()
    assert list(media.parse_feed(answer(entry, undeclared), feed=entry)) == []
    (issue,) = media.issues
    assert issue["record_id"] == "pravda_ru" and issue["field"] == "charset"
    assert "no charset declared" in issue["problem"]


def test_an_unreadable_feed_is_skipped_and_the_others_are_kept(samples):
    entry = next(f for f in feeds() if f["outlet"] == "unian")
    body = (samples / "media" / entry["sample"]).read_bytes()
    media = spider()
    truncated = list(media.parse_feed(answer(entry, body[: len(body) // 2]), feed=entry))
    html = list(
        media.parse_feed(answer(entry, b"<html><body>maintenance</body></html>"), feed=entry)
    )
    assert truncated == [] and html == []
    assert [i["problem"].split(":")[0] for i in media.issues] == ["unreadable feed, skipped"] * 2
    assert "neither RSS nor Atom" in media.issues[1]["problem"]
    whole = list(media.parse_feed(answer(entry, body), feed=entry))
    assert len(whole) == len(lxml_items(body)) + 1


def test_an_item_without_a_link_is_skipped_as_a_data_issue(samples):
    entry = next(f for f in feeds() if f["outlet"] == "liga")
    body = (samples / "media" / entry["sample"]).read_bytes()
    first = re.search(rb"<item>.*?</item>", body, re.S).group(0)
    # A permalink guid is a link too (RSS 2.0): the item loses both.
    linkless = re.sub(rb"<link>[^<]*</link>|<guid[^>]*>[^<]*</guid>", b"", first)
    media = spider()
    records = list(media.parse_feed(answer(entry, body.replace(first, linkless)), feed=entry))
    items = [r for r in records if r["kind"] == "item"]
    assert len(items) == len(lxml_items(body)) - 1
    (issue,) = media.issues
    assert (issue["record_id"], issue["field"]) == ("liga#1", "link")
    assert issue["value"] == lxml_items(body)[0]["title"]


def test_an_atom_feed_is_read_too(samples):
    """No Atom feed is recorded: the real unian items are written out as Atom 1.0 here."""
    entry = next(f for f in feeds() if f["outlet"] == "unian")
    real = lxml_items((samples / "media" / entry["sample"]).read_bytes())[:3]
    atom = etree.Element("feed", nsmap={None: "http://www.w3.org/2005/Atom"})
    etree.SubElement(atom, "title").text = "УНІАН"
    for number, item in enumerate(real):
        node = etree.SubElement(atom, "entry")
        etree.SubElement(node, "title").text = item["title"]
        etree.SubElement(node, "link", href=item["link"])
        etree.SubElement(node, "id").text = f"urn:unian:{number}"
        etree.SubElement(node, "updated").text = "2020-09-28T16:35:12+03:00"
    body = etree.tostring(atom, xml_declaration=True, encoding="utf-8")
    records = list(spider().parse_feed(answer(entry, body, "application/atom+xml"), feed=entry))
    assert records[0]["fields"]["format"] == "atom10"
    items = [r["fields"] for r in records[1:]]
    assert [(i["title"], i["link"]) for i in items] == [(r["title"], r["link"]) for r in real]
    assert items[0]["published"] == "2020-09-28T13:35:12Z"
