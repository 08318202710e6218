"""`pamyat build`: the latest good raw run of every source → normalised frames → persons →
the published database (raw → core → published)."""

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.identity import ids, judgements, model, roll_calls
from etl.identity.resolve import resolve
from etl.normalize import registry
from etl.publish import database, metadata, schema, search
from etl.publish.links import keep_web_links
from etl.publish.privacy import mask_private
from etl.trails import finish as trails
from pamyat.core import config, raw, reference, sources
from pamyat.core.issues import DataIssues
from pamyat.core.stages import Stages

log = logging.getLogger("pamyat.build")

# Tables whose rows name their person by the source's record id (person_record_id).
PERSON_LINKED = ("memberships", "votes", "candidacies", "declarations", "donors")
SOURCE_KEY = ["source", "source_record_id"]


class BuildError(RuntimeError):
    pass


@dataclass
class BuildReport:
    runs: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    # Runs set aside because a file of theirs is corrupt (pamyat.core.raw.quarantine).
    quarantined: list[str] = field(default_factory=list)
    # Runs passed over because their records lost more entries than their source allows.
    rejected: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    issues: int = 0
    pairs_compared: int = 0
    # The identity model the build used, saved beside the database (model.save).
    identity_model: str | None = None
    records_read: int = 0
    # Seconds, items and peak memory of each step (pamyat/core/stages.py).
    stages: list[dict] = field(default_factory=list)
    # The changes this build found (rows of the `changes` table).
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)


def _ingest_runs(published: dict[str, str]) -> pd.DataFrame:
    rows = []
    for source in sources.names():
        for run in raw.runs(source):
            m = run.manifest
            rows.append(
                {
                    "source": source,
                    "run_id": run.run_id,
                    "mode": m["mode"],
                    "started_at": m["started_at"],
                    "finished_at": m["finished_at"],
                    "status": m["status"],
                    "records": m["records"],
                    "failures": "\n".join(m["failures"]) or None,
                    "is_published": int(published.get(source) == run.run_id),
                }
            )
    return pd.DataFrame(rows)


def _linked(name: str, frame: pd.DataFrame, links: pd.DataFrame, issues: DataIssues):
    """Rows with their person_id. A row whose person is required but not in the source's run
    (a post of an MP missing from the MP file) is reported and left out."""
    frame = frame.merge(links, on=["source", "person_record_id"], how="left")
    if not schema.TABLES_BY_NAME[name].c.person_id.nullable:
        orphans = frame["person_id"].isna()
        for row in frame[orphans].itertuples():
            issues.add(
                row.source,
                row.run_id,
                row.source_record_id,
                "person_id",
                f"{name}: no person record {row.person_record_id} in the run; row left out",
                stage="link",
                url=row.source_url,
            )
        frame = frame[~orphans]
    return frame.drop(columns="person_record_id")


def _normalised_source(source: str, normalize, report: BuildReport, issues: DataIssues):
    """The source's latest good run and its frames. A run with a corrupt file is quarantined
    (pamyat.core.raw.quarantine, listed in the report) and the run before it is read instead; the
    data issues of the corrupt read are dropped. A run whose records lose more of their
    entries than source.yml `max_entry_loss` allows is passed over for the run before it (its
    data issues stay, naming what was lost)."""
    settings = sources.config(source)
    keep_every_run, max_loss = settings.get("keep_every_run", False), settings["max_entry_loss"]
    passed_over: set[str] = set()
    while True:
        read_so_far = len(issues.rows)
        issues.coverage.pop(source, None)
        try:
            run = raw.latest_good_run(source, passed_over)
            issues.extend_from_crawl(run.manifest["issues"])
            frames = normalize(raw.records_to_build(source, run, keep_every_run), issues)
        except raw.RawDataError as error:
            del issues.rows[read_so_far:]
            report.quarantined.append(raw.quarantine(error))
            log.error("%s", report.quarantined[-1])
            continue
        failure = issues.loss_gate(source, max_loss)
        if failure is None:
            return run, frames
        passed_over.add(run.run_id)
        report.rejected.append(f"run {run.run_id}: {failure}")
        log.error("%s; the run before it is read instead", report.rejected[-1])


def _normalise(report: BuildReport, issues: DataIssues) -> dict[str, pd.DataFrame]:
    """Every source's latest good run as frames, combined across sources; counts the records."""
    frames: dict[str, list[pd.DataFrame]] = {}
    read = 0
    for source, reader in registry.readers().items():
        try:
            run, produced = _normalised_source(source, reader.normalize, report, issues)
        except raw.NoGoodRun as error:
            report.skipped[source] = str(error)
            log.warning("%s", error)
            continue
        for table, frame in produced.items():
            frames.setdefault(table, []).append(frame)
        report.runs[source] = run.run_id
        read += run.manifest["records"]
    if not report.runs:
        raise BuildError("no source has a successful crawl: " + "; ".join(report.skipped.values()))
    tables = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    registry.combine(tables)
    if "person_records" not in tables:
        raise BuildError(
            f"none of the sources crawled ({', '.join(report.runs)}) names persons; crawl "
            f"one that does ({', '.join(sources.naming_persons())}) before building"
        )
    report.records_read = read
    return tables


def _expected_size(target) -> int:
    """About the bytes the new database will take: the published one's size or, for a first
    build, the latest good runs' records (a floor: a database is larger than its records)."""
    if target.is_file():
        return target.stat().st_size
    size = 0
    for source in sources.names():
        with contextlib.suppress(raw.NoGoodRun, raw.RawDataError, OSError):
            size += raw.latest_good_run(source).records_path.stat().st_size
    return size


def _left_as_it_was(error: Exception, target) -> BuildError:
    return BuildError(f"{error}; the published database {target} was left as it was")


def model_path(target) -> Path:
    """Where a build saves the identity model it used: beside the database it published."""
    return Path(target).with_name("identity_model.json")


def build(target=None, report: BuildReport | None = None, identity_model=None) -> BuildReport:
    """Builds and publishes the database; `report` (filled as the build goes) tells a caller
    what happened even when the build fails, such as the runs it quarantined.
    `identity_model`: a model an earlier build saved, to link with its very weights; without
    it the model is learnt from the records."""
    target = Path(target or config.database_path())
    report, issues, stages = report or BuildReport(), DataIssues(), Stages()
    try:
        database.check_free_space(target, _expected_size(target))
    except database.PublishError as error:
        raise _left_as_it_was(error, target) from error
    with stages.stage("normalise") as step:
        tables = _normalise(report, issues)
        step["items"] = report.records_read
    with stages.stage("identity") as step:
        roll_calls.link(tables, issues)
        person_records = tables.pop("person_records")
        learnt = model.load(Path(identity_model)) if identity_model else None
        human_judgements = judgements.load()
        try:
            identity = resolve(
                person_records, ids.previous_assignments(target), human_judgements, learnt
            )
        except model.TrainingError as error:
            raise _left_as_it_was(error, target) from error
        step["items"] = len(person_records)
        for row in identity.unnamed.itertuples():
            issues.add(
                row.source,
                row.run_id,
                row.source_record_id,
                "name",
                "no usable name: the record cannot be linked to anyone",
                row.full_name,
                stage="identity",
                url=row.source_url,
            )
    with stages.stage("link") as step:
        person_sources = identity.person_sources
        links = person_sources[SOURCE_KEY + ["person_id"]].rename(
            columns={"source_record_id": "person_record_id"}
        )
        for name in PERSON_LINKED:
            if name not in tables:
                continue
            tables[name] = _linked(name, tables[name], links, issues)
        tables["persons"] = identity.persons
        registry.finish(tables, issues)
        tables["parties"] = tables["parties"].drop_duplicates("party_id")
        keep_web_links(tables, issues)
        tables.update(
            person_sources=person_sources,
            person_redirects=identity.redirects,
            match_review=identity.review,
            match_weights=model.weights_table(identity.model),
            ingest_runs=_ingest_runs(report.runs),
            minimum_wages=reference.minimum_wages(),
            data_issues=pd.DataFrame(issues.rows),
        )
        search.add_search_forms(tables)
        mask_private(tables)
        step["items"] = sum(len(frame) for frame in tables.values())
    with stages.stage("money trails") as step:
        trails.finish(tables, human_judgements)
        step["items"] = len(tables.get("donations", ()))
    issues.log_summary()
    minimum = {
        table: rows
        for source in report.runs
        for table, rows in sources.config(source).get("min_published", {}).items()
    }
    try:
        report.changes = database.publish(tables, target, metadata.load(), minimum, stages)
    except database.PublishError as error:
        raise _left_as_it_was(error, target) from error
    report.rows = {name: len(frame) for name, frame in tables.items()}
    report.issues = len(issues.rows)
    report.pairs_compared = identity.pairs_compared
    model.save(identity.model, model_path(target))
    report.identity_model = str(model_path(target))
    report.stages = stages.measured
    return report
