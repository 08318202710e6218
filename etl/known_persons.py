"""The persons the portal knows, as other sources' spiders need them (the NAZK register is
searched by each one's full name): the person records of the latest good run of each source."""

from etl import raw
from etl.issues import DataIssues
from etl.normalize import registry

# The kinds of record that name persons; normalising the others (a convocation's roll calls,
# the results) only costs time: minutes at national volumes.
PERSON_KINDS = {"rada": {"mp"}, "cec": {"candidate", "council_member"}}


def full_names(source_names: list[str]) -> list[str]:
    """Distinct full names, in a stable order; a source without a good run adds none."""
    names: set[str] = set()
    for source in source_names:
        try:
            run = raw.latest_good_run(source)
        except raw.NoGoodRun:
            continue
        kinds = PERSON_KINDS.get(source)
        records = (r for r in run.records() if kinds is None or r["kind"] in kinds)
        frames = registry.NORMALIZERS[source](records, DataIssues())
        names.update(frames["person_records"]["full_name"].dropna())
    return sorted(names)
