"""Generated news feeds: the recorded feeds' items, repeated to the national volume, some of them
naming an MP or a candidate.

Every feed of scrapers/media/feeds.yml is written at its recorded file's name, in its recorded
encoding (windows-1251 for Ukrainska Pravda's), as RSS 2.0. An item takes a real item's title
and summary; one in ten starts with a person's given name and surname ("Ірина Геращенко
заявила, що …"), a mention whose truth is kept: item link → person. A feed holds a quarter of
the volume, so at 100% each file is about 40 MB (real feeds hold the latest 50 to 100 items;
the archive behind them is what the volume stands for).
"""

import html
import random
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from bench.generate.population import Population, volume
from scrapers.media.spider import feeds

FOLDER = "media"
SHARE_MENTIONING = 0.1
SHARE_MPS = 0.7  # mentions of MPs; the rest are of candidates
_ENCODING = re.compile(rb'encoding="([^"]+)"')


def _real_items(samples: Path) -> list[tuple[str, str]]:
    items = []
    for feed in feeds():
        for entry in feedparser.parse((samples / FOLDER / feed["sample"]).read_bytes()).entries:
            items.append((entry.get("title") or "", entry.get("summary") or ""))
    return items


def _item(link: str, title: str, summary: str, when: datetime) -> str:
    return (
        f"<item><title>{html.escape(title)}</title><link>{link}</link>"
        f"<description>{html.escape(summary)}</description>"
        f"<pubDate>{format_datetime(when)}</pubDate><guid>{link}</guid></item>\n"
    )


def _mentioned(population: Population, rng: random.Random):
    frame = population.mps if rng.random() < SHARE_MPS else population.candidates
    person = frame.iloc[rng.randrange(len(frame))]
    verb = "заявила" if person["gender"] == "f" else "заявив"
    return person["key"], f"{person['first_name']} {person['last_name']} {verb}, що "


def write(samples: Path, out: Path, population: Population, scale: float, seed: int):
    """Writes out/media; returns the truth rows of mentions (item link → person)."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for real in sorted((samples / FOLDER).iterdir()):
        if real.name not in {feed["sample"] for feed in feeds()}:
            (folder / real.name).symlink_to(real.resolve())
    rng = random.Random(seed)
    real = _real_items(samples)
    per_feed = volume("news", scale) // len(feeds())
    start = datetime(2020, 1, 1, tzinfo=UTC)
    truth = []
    for feed in feeds():
        declared = _ENCODING.search((samples / FOLDER / feed["sample"]).read_bytes()[:200])
        encoding = declared.group(1).decode() if declared else "utf-8"
        host = urlsplit(feed["url"]).netloc
        parts = [
            f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
            f"<title>{html.escape(feed['name'])}</title><link>https://{host}/</link>"
            "<description>bench</description>\n"
        ]
        for n in range(per_feed):
            title, summary = real[rng.randrange(len(real))]
            link = f"https://{host}/news/bench-{n}.html"
            if rng.random() < SHARE_MENTIONING:
                key, words = _mentioned(population, rng)
                summary = words + summary
                truth.append({"source": "media", "unit": link, "key": key})
            parts.append(_item(link, title, summary, start + timedelta(minutes=7 * n)))
        parts.append("</channel></rss>\n")
        body = "".join(parts).encode(encoding, errors="xmlcharrefreplace")
        (folder / feed["sample"]).write_bytes(body)
    return truth
