"""Stable person ids: a person keeps her person_id across rebuilds and when new records join.

A cluster takes over the id its records had in the published database (the most common one if
they had several: the others become redirects, so old links keep working). A new cluster gets an
id derived from its anchor record, so a fresh clone builds the same ids as a long-running server.
"""

import base64
import hashlib
import sqlite3
from collections import Counter
from pathlib import Path


def person_id_for(anchor_key: str, attempt: int = 0) -> str:
    seed = anchor_key if attempt == 0 else f"{anchor_key}#{attempt}"
    digest = hashlib.sha1(seed.encode()).digest()
    return "p" + base64.b32encode(digest).decode("ascii")[:10].lower()


def previous_assignments(database: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(record key → person_id, retired id → current id) of the published database, if any."""
    if not database.is_file():
        return {}, {}
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        keys = {
            f"{s}:{r}": p
            for s, r, p in conn.execute(
                "SELECT source, source_record_id, person_id FROM person_sources"
            )
        }
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
        redirects = (
            dict(conn.execute("SELECT retired_person_id, person_id FROM person_redirects"))
            if "person_redirects" in tables
            else {}
        )
    finally:
        conn.close()
    return keys, redirects


def assign_ids(
    groups: list[list[str]],
    anchors: list[str],
    previous: dict[str, str],
    old_redirects: dict[str, str],
) -> tuple[dict[str, str], dict[str, str]]:
    """(record key → person_id, retired id → current id) for the new clusters."""
    retired_before = set(old_redirects)
    taken: set[str] = set()
    cluster_ids: dict[int, str] = {}
    for i in sorted(range(len(groups)), key=lambda i: -len(groups[i])):
        olds = Counter(previous[k] for k in groups[i] if k in previous)
        ranked = sorted(olds, key=lambda pid: (-olds[pid], pid))
        chosen = next((pid for pid in ranked if pid not in taken), None)
        attempt = 0
        while chosen is None or chosen in taken or (chosen in retired_before and not olds):
            chosen, attempt = person_id_for(anchors[i], attempt), attempt + 1
        taken.add(chosen)
        cluster_ids[i] = chosen
    key_ids = {k: cluster_ids[i] for i, group in enumerate(groups) for k in group}

    redirects: dict[str, str] = {}
    moved: dict[str, Counter] = {}
    for key, old in previous.items():
        if old not in taken and key in key_ids:
            moved.setdefault(old, Counter())[key_ids[key]] += 1
    for old, destinations in moved.items():
        redirects[old] = destinations.most_common(1)[0][0]
    for retired, current in old_redirects.items():
        if retired not in taken:
            redirects.setdefault(retired, redirects.get(current, current))
    return key_ids, {r: c for r, c in redirects.items() if c in taken}
