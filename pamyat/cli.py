"""The `pamyat` command: crawl → build → serve, and the mirror of recorded sources."""

import argparse
import json
import os
import sys
from pathlib import Path

from pamyat.core import config, sources


def cmd_mirror(args) -> int:
    from pamyat.mirror import build_mirror
    from pamyat.mirror.server import serve_forever

    if args.action == "build":
        manifest = build_mirror(config.samples_dir(), config.mirror_dir())
        print(f"Mirror built from {config.samples_dir()}: {manifest}")
    else:
        serve_forever(config.mirror_dir(), args.host, args.port)
    return 0


def cmd_crawl(args) -> int:
    from pamyat.crawl import crawl

    manifests = crawl(
        args.sources or sources.names(),
        mirror=args.mirror is not None,
        mirror_url=args.mirror or None,
        processes=args.processes,
    )
    failed = 0
    for m in manifests:
        if m["status"] == "ok":
            print(
                f"{m['source']}: ok, {m['records']} records, {len(m['issues'])} data issues "
                f"(run {m['run_id']})"
            )
        else:
            failed += 1
            print(
                f"{m['source']}: FAILED (run {m['run_id']}); the last good data stays in use",
                file=sys.stderr,
            )
            for failure in m["failures"]:
                print(f"  {failure}", file=sys.stderr)
    return 1 if failed else 0


def cmd_build(args) -> int:
    from pamyat.build import BuildError, BuildReport, build

    report = BuildReport()
    try:
        build(report=report, identity_model=args.identity_model)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    finally:
        for what in report.quarantined:
            print(f"  quarantined: {what}", file=sys.stderr)
        for what in report.rejected:
            print(f"  passed over: {what}", file=sys.stderr)
    print(f"Built {config.database_path()} from runs {report.runs}")
    print("  rows: " + ", ".join(f"{k} {v}" for k, v in sorted(report.rows.items())))
    print("  stages: " + ", ".join(f"{s['stage']} {s['seconds']} s" for s in report.stages))
    print(f"  identity: {report.pairs_compared:,} pairs compared; model {report.identity_model}")
    if args.report:
        measured = {"stages": report.stages, "rows": report.rows, "issues": report.issues}
        measured["pairs_compared"] = report.pairs_compared
        Path(args.report).write_text(json.dumps(measured, indent=1))
    for source, reason in report.skipped.items():
        print(f"  skipped {source}: {reason}", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    from pamyat.serve import serve

    serve(args.host, args.port)
    return 0


def cmd_nightly(args) -> int:
    from pamyat.nightly import nightly

    report, path = nightly(
        args.sources or sources.names(),
        args.mirror is not None,
        args.mirror or None,
        args.processes,
        args.deadline,
    )
    print(path.read_text(encoding="utf-8"))
    print(f"Morning report: {path} (and {path.with_suffix('.json').name})")
    return 0 if report["status"] == "ok" else 1


def cmd_rollback(args) -> int:
    from etl.publish.database import rollback

    try:
        restored = rollback(config.database_path())
    except FileNotFoundError as error:
        print(f"rollback: {error}", file=sys.stderr)
        return 1
    print(f"Restored the previous database: {restored}")
    return 0


def cmd_link(args) -> int:
    from pamyat.link import LinkInputError, link, print_progress

    source = Path(args.input)
    output = Path(args.out) if args.out else source.with_name(source.stem + "_linked.csv")
    try:
        decisions, problems = link(source, output, config.database_path(), print_progress)
    except (LinkInputError, OSError) as error:
        print(f"link: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    counts = ", ".join(f"{k} {v}" for k, v in decisions.most_common())
    print(f"{sum(decisions.values())} rows → {output}: {counts}")
    return 0


def cmd_review(args) -> int:
    from pamyat.review import review, review_record

    if args.record:
        return review_record(config.database_path(), args.record, args.who)
    return review(config.database_path(), args.who)


def cmd_eval(args) -> int:
    from etl.identity.evaluation import TARGETS, evaluate, meets_targets

    report = evaluate(config.samples_dir())
    print("| set | half | queries | true links | linked | correct | precision | recall | review |")
    print("|---|---|---|---|---|---|---|---|---|")
    for (name, half), q in report.items():
        print(
            f"| {name} | {half} | {q.queries} | {q.true_links} | {q.linked} | "
            f"{q.correct_links} | {q.precision:.4f} | {q.recall:.4f} | {q.review_rate:.4f} |"
        )
    failed = [
        f"{name} {half}"
        for (name, half), q in report.items()
        if half == "test" and not meets_targets(q)
    ]
    print(
        f"\nTargets on the test halves: {TARGETS}: " + (f"MISSED by {failed}" if failed else "met")
    )
    return 1 if failed else 0


def cmd_watch(args) -> int:
    from pamyat import watch

    try:
        if args.action == "add":
            for w in watch.add(args.who):
                print(f"watching {w.kind} {w.id} ({w.name})")
        elif args.action == "remove":
            for r in watch.remove(args.who):
                print(f"no longer watching {r['kind']} {r['id']} ({r['name']})")
        else:
            listed = watch.load()
            for r in listed:
                print(f"{r['kind']}\t{r['id']}\t{r['name']}\t(since {r['added_at']})")
            if not listed:
                print(f"the watchlist is empty ({watch.watchlist_path()})")
    except watch.WatchError as error:
        print(f"pamyat watch: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_metadata(args) -> int:
    from etl.publish import metadata

    metadata.write()
    print(f"Wrote {config.metadata_path()}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="pamyat", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)

    def crawl_options(p):
        p.add_argument(
            "sources",
            nargs="*",
            help=f"sources to crawl (default: all of {', '.join(sources.names())})",
        )
        p.add_argument(
            "--mirror",
            nargs="?",
            const="",
            default=None,
            metavar="URL",
            help="crawl the recorded mirror: a running one at URL, or (no URL) one "
            "started on a free loopback port for this crawl",
        )
        p.add_argument(
            "--processes",
            type=int,
            metavar="N",
            help="processes a splittable source's crawl is shared among (default: one per core "
            "on the mirror, one live)",
        )
        p.add_argument(
            "--full",
            action="store_true",
            help="crawl every source in full, not only what is new since its last good run "
            "(scrapers/nazk_declarations/incremental.py)",
        )

    p = sub.add_parser("crawl", help="fetch sources into data/raw/<source>/<run>.jsonl")
    crawl_options(p)
    p.set_defaults(run=cmd_crawl)
    p = sub.add_parser("build", help="build data/pamyat.db from the latest good raw runs")
    p.add_argument("--report", help="write the build's stages, rows and issues to this JSON file")
    p.add_argument(
        "--identity-model",
        metavar="FILE",
        help="link with this saved model (identity_model.json of an earlier build) instead of "
        "learning one from the records",
    )
    p.set_defaults(run=cmd_build)
    p = sub.add_parser("serve", help="serve the portal with Datasette")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.set_defaults(run=cmd_serve)
    p = sub.add_parser(
        "nightly", help="crawl, build, write the morning report; exit 1 if anything failed"
    )
    crawl_options(p)
    p.add_argument(
        "--deadline",
        type=int,
        metavar="SECONDS",
        help="the whole nightly ends by then: crawls within 3/4 of it, then the build "
        "(default: PAMYAT_NIGHTLY_DEADLINE, or 6 hours)",
    )
    p.set_defaults(run=cmd_nightly)
    p = sub.add_parser("rollback", help="put back the database the last build replaced")
    p.set_defaults(run=cmd_rollback)
    p = sub.add_parser("mirror", help="build or serve the mirror of recorded sources")
    p.add_argument("action", choices=["build", "serve"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8123)
    p.set_defaults(run=cmd_mirror)
    p = sub.add_parser("link", help="match a CSV of names (and birth dates) to persons")
    p.add_argument("input", help="CSV with a `name` column and optionally `birth_date`")
    p.add_argument("--out", help="output CSV (default: INPUT_linked.csv)")
    p.set_defaults(run=cmd_link)
    p = sub.add_parser("review", help="settle the identity review queue in the terminal")
    p.add_argument(
        "--who",
        default=os.environ.get("USER", "unknown"),
        help="your name, stored with each judgement",
    )
    p.add_argument(
        "--record",
        metavar="SOURCE:ID",
        help="review one published link (a reported wrong link) instead of the queue",
    )
    p.set_defaults(run=cmd_review)
    p = sub.add_parser("eval", help="measure the identity engine on the labelled sets")
    p.set_defaults(run=cmd_eval)
    p = sub.add_parser(
        "watch", help="the persons and parties the morning report opens with (data/watchlist.csv)"
    )
    p.add_argument("action", choices=["add", "remove", "list"])
    p.add_argument("who", nargs="*", help="a person's or party's id, or a name")
    p.set_defaults(run=cmd_watch)
    p = sub.add_parser("metadata", help="regenerate metadata.yml from the schema")
    p.set_defaults(run=cmd_metadata)
    return main


# Commands that write in the data folder: one at a time (pamyat/lock.py).
WRITERS = ("crawl", "build", "nightly", "rollback")


def main(argv: list[str] | None = None) -> int:
    config.configure_logging()
    args = parser().parse_args(argv)
    if getattr(args, "full", False):
        from scrapers.nazk_declarations.incremental import FULL_CRAWL

        os.environ[FULL_CRAWL] = "1"  # the crawling processes inherit it
    if args.command not in WRITERS:
        return args.run(args)
    from pamyat.lock import Busy, one_writer

    try:
        with one_writer(args.command):
            return args.run(args)
    except Busy as busy:
        print(f"pamyat {args.command}: {busy}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later


if __name__ == "__main__":
    sys.exit(main())
