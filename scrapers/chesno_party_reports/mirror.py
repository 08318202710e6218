"""Recorded responses of CHESNO's tables: the real CSV files, served at their GitHub URLs."""

from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder
from scrapers.chesno_party_reports.spider import SOURCE, file_url


def build(samples: Path, builder: MirrorBuilder) -> None:
    for entry in sources.config(SOURCE)["files"]:
        path = samples / "nazk_party_reports" / entry["sample"]
        builder.add_file(file_url(entry), path, "text/plain; charset=utf-8")
