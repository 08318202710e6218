"""Recorded responses of the Rada's open-data portal.

The MPs, posts and registration files and the three roll-call pages are the real ones
(samples/rada). The vote-results TSV and the event list are rendered from the real pages
(mirror_votes.py). We hold no copy of the catalogue `list.json`, so we render one listing the
files we hold; its shape is ours, and the spider reads only the links in it.
"""

import csv
from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder
from scrapers.rada import mirror_votes, vote_page

HOST = sources.origin("rada")
CSV = "text/csv; charset=utf-8"
TSV = "text/tab-separated-values; charset=utf-8"
SAMPLES = {
    "mp": ("mps09-data.csv", CSV),
    "post": ("mp-posts_full-skl9.csv", CSV),
    "registration": ("plenary_register_mps-skl9.tsv", TSV),
}
VOTE_PAGE = "ns_golos_print_g_id_{g_id}.html"


def file_url(kind: str, convocation: int) -> str:
    path = sources.config("rada")["files"][kind]["path"]
    return HOST + path.format(n=convocation, nn=f"{convocation:02d}")


def vote_page_url(convocation: int, g_id: int) -> str:
    return sources.config("rada")["vote_page"].format(nn=f"{convocation:02d}", g_id=g_id)


def _read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def build(samples: Path, mirror: MirrorBuilder) -> None:
    rada = samples / "rada"
    for kind, (sample, content_type) in SAMPLES.items():
        mirror.add_file(file_url(kind, 9), rada / sample, content_type)
    pages = {}
    for path in sorted(rada.glob(VOTE_PAGE.format(g_id="*"))):
        g_id = int(path.stem.rsplit("_", 1)[1])
        # The recorded pages were saved as UTF-8 with their meta rewritten; the live site
        # serves windows-1251, so the mirror does too.
        html = path.read_text(encoding="utf-8")
        pages[g_id] = vote_page.parse(html)
        live = html.replace("charset=utf8", "charset=windows-1251").encode("cp1251")
        mirror.add_rendered(vote_page_url(9, g_id), live, "text/html; charset=windows-1251")
    results, events, _ = mirror_votes.render(
        pages,
        _read_csv(rada / "mps09-data.csv"),
        _read_csv(rada / "plenary_register_mps-skl9.tsv", "\t"),
    )
    mirror.add_rendered(file_url("vote_result", 9), results.encode("utf-8"), TSV)
    mirror.add_rendered(file_url("event_question", 9), events.encode("utf-8"), CSV)
    mirror.add_json(
        HOST + sources.config("rada")["catalogue"],
        {
            "title": "Народні депутати України",
            "convocations": [
                {
                    "convocation": 9,
                    "title": "IX скликання",
                    "files": {
                        "mps_csv": file_url("mp", 9),
                        "mps_json": file_url("mp", 9).replace(".csv", ".json"),
                        "posts_csv": file_url("post", 9),
                        "registrations_tsv": file_url("registration", 9),
                        "vote_results_tsv": file_url("vote_result", 9),
                        "events_csv": file_url("event_question", 9),
                    },
                }
            ],
        },
    )
