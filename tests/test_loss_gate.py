"""No silent loss, as a gate: a crawl run whose records lose more of their entries than the
source allows (source.yml `max_entry_loss`) is passed over by the build, which publishes the
run before it and says so; the lost sections are data issues naming record and section."""

import json
import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from pamyat.mirror.server import MirrorServer

pytestmark = pytest.mark.timeout(240, func_only=True)
RUN_ID = "%Y%m%dT%H%M%S%fZ"  # scrapers/base.py new_run_id


def renamed_envelopes(document: dict) -> dict:
    """The register changes its step envelope (`data` becomes `items`): a reader that knows
    only the old one finds no entries, though they are all there."""
    steps = {}
    for name, step in document["data"].items():
        if isinstance(step, dict) and "data" in step and name != "step_0":
            step = {("items" if k == "data" else k): v for k, v in step.items()}
        steps[name] = step
    return {**document, "data": steps}


def test_a_run_that_loses_entries_is_passed_over(pamyat, demo_data, data_dir, mirror_root):
    for source in ("rada", "cec"):
        shutil.copytree(demo_data / "raw" / source, data_dir / "raw" / source)
    with MirrorServer(mirror_root) as server:
        pamyat(data_dir, "crawl", "nazk_declarations", "--mirror", server.url)
    folder = data_dir / "raw" / "nazk_declarations"
    (good,) = [json.loads(p.read_text()) for p in folder.glob("*.run.json")]
    # A later good run of the same documents in the changed envelope.
    started = datetime.strptime(good["run_id"], RUN_ID)
    lossy_id = (started + timedelta(seconds=1)).strftime(RUN_ID)  # a later run
    lines = (folder / good["records_file"]).read_text(encoding="utf-8").splitlines()
    with (folder / f"{lossy_id}.jsonl").open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            record["run_id"] = lossy_id
            record["fields"]["document"] = renamed_envelopes(record["fields"]["document"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    manifest = {**good, "run_id": lossy_id, "records_file": f"{lossy_id}.jsonl", "issues": []}
    (folder / f"{lossy_id}.run.json").write_text(json.dumps(manifest))

    built = pamyat(data_dir, "build")
    assert f"passed over: run {lossy_id}: nazk_declarations:" in built.stderr
    assert "entries of its records yielded no row" in built.stderr
    db = sqlite3.connect(data_dir / "pamyat.db")
    published = dict(db.execute("select source, run_id from ingest_runs where is_published = 1"))
    assert published["nazk_declarations"] == good["run_id"]
    estate = db.execute("select count(*) from declared_real_estate").fetchone()[0]
    assert estate > 1450  # the good run's, whole
    lost = db.execute(
        "select count(*) from data_issues where run_id = ? and field = 'step_3' "
        "and problem like '%yielded no row'",
        (lossy_id,),
    ).fetchone()[0]
    assert lost > 0
