"""The persons the portal knows, as other sources' spiders need them (the NAZK register is
searched by each one's full name): the person records of the latest good run of each source,
written to the file the spider reads (sources.persons_to_query)."""

import json
import os

from etl.normalize import registry
from pamyat.core import raw, sources
from pamyat.core.issues import DataIssues


def full_names(source_names: list[str]) -> list[str]:
    """Distinct full names, in a stable order; a source without a good run adds none."""
    names: set[str] = set()
    for source in source_names:
        try:
            run = raw.latest_good_run(source)
        except raw.NoGoodRun:
            continue
        # Only the kinds of record that name persons (source.yml `identity`): normalising the
        # others (a convocation's roll calls, the results) costs minutes at national volumes.
        kinds = set(sources.identity(source)["person_kinds"])
        records = (r for r in run.records() if r["kind"] in kinds)
        frames = registry.readers()[source].normalize(records, DataIssues())
        names.update(frames["person_records"]["full_name"].dropna())
    return sorted(names)


def write(source: str) -> int:
    """Writes the full names `source`'s spider looks up (from the sources its source.yml
    `query_persons_from` names); returns how many."""
    names = full_names(sources.config(source)["query_persons_from"])
    path = sources.persons_to_query(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(names, ensure_ascii=False, indent=0), encoding="utf-8")
    os.replace(partial, path)
    return len(names)
