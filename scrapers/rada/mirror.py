"""Recorded responses of the Rada's open-data portal.

The data files are the real ones (samples/rada). We hold no copy of the catalogue `list.json`,
so we render one listing the files we hold; its shape is ours, and the spider reads only the
links in it.
"""

from pathlib import Path

from pamyat.mirror.manifest import MirrorBuilder
from scrapers import sources

HOST = "https://data.rada.gov.ua"
CSV = "text/csv; charset=utf-8"
SAMPLES = {"mp": "mps09-data.csv", "post": "mp-posts_full-skl9.csv"}


def file_url(kind: str, convocation: int) -> str:
    path = sources.config("rada")["files"][kind]["path"]
    return HOST + path.format(n=convocation, nn=f"{convocation:02d}")


def build(samples: Path, mirror: MirrorBuilder) -> None:
    for kind, sample in SAMPLES.items():
        mirror.add_file(file_url(kind, 9), samples / "rada" / sample, CSV)
    mirror.add_json(
        f"{HOST}/ogd/mps/list.json",
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
                    },
                }
            ],
        },
    )
