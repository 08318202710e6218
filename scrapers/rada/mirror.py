"""Recorded responses of the Rada's open-data portal.

The MPs file is the real one (samples/rada). We hold no copy of the catalogue `list.json`, so we
render one listing the files we hold; its shape is ours, and the spider reads only the links in it.
"""

from pathlib import Path

from pamyat.mirror.manifest import MirrorBuilder

HOST = "https://data.rada.gov.ua"


def mps_file_url(convocation: int) -> str:
    return f"{HOST}/ogd/mps/skl{convocation}/mps{convocation:02d}-data.csv"


def build(samples: Path, mirror: MirrorBuilder) -> None:
    mirror.add_file(mps_file_url(9), samples / "rada" / "mps09-data.csv", "text/csv; charset=utf-8")
    mirror.add_json(
        f"{HOST}/ogd/mps/list.json",
        {
            "title": "Народні депутати України",
            "convocations": [
                {
                    "convocation": 9,
                    "title": "IX скликання",
                    "files": {
                        "mps_csv": mps_file_url(9),
                        "mps_json": mps_file_url(9).replace(".csv", ".json"),
                    },
                }
            ],
        },
    )
