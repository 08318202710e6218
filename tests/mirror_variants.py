"""A mirror of the recorded samples with one source file changed: how tests feed the real
spiders a source that changed or carries hostile text."""

import csv
import io
import json

from pamyat.mirror.manifest import MANIFEST_NAME, url_key
from pamyat.mirror.server import MirrorServer

MPS_URL = "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"
MPS_KEY = url_key(MPS_URL)


def variant(mirror_root, tmp_path, rewrite) -> "MirrorServer":
    """A mirror whose MP file is rewritten by `rewrite(rows) -> rows` (a changed source)."""
    manifest = json.loads((mirror_root / MANIFEST_NAME).read_text())
    source = manifest["entries"][MPS_KEY]["file"]
    with open(source, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = rewrite(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    changed = tmp_path / "mps09-data.csv"
    changed.write_text(out.getvalue(), encoding="utf-8")
    root = tmp_path / "mirror"
    root.mkdir()
    manifest["entries"][MPS_KEY]["file"] = str(changed)
    (root / MANIFEST_NAME).write_text(json.dumps(manifest))
    return MirrorServer(root)
