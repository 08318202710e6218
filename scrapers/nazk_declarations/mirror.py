"""Recorded responses of the NAZK register: the real documents we hold, served under the API v2
list and detail URLs.

We hold documents in two real shapes (samples/nazk_declarations, PROVENANCE.md): 13 as
declarations.com.ua received them (schema_version 2 and 3, every section a dict keyed by
iteration id, `{"empty": ...}` for an empty one) and 2 from the retired API v1 (no top-level
metadata; the type and year sit in step_0). The mirror puts the first kind into the v2 envelope,
`step_N: {"data": [entries]}` with `rights` as a list, as API v2 clients read it. The v1 ones
are served as recorded: the register still holds 2015 declarations, but we hold them only in
the v1 shape, so the parser reads every shape.

The list endpoint is answered by `answer_list` from an index of the documents' summaries: it
filters as the API does (query over the declarant's name, user_declarant_id, declaration_type,
declaration_year) and pages (`per_page`, at most `max_pages`). The envelope's `count`, `page`
and `per_page` are our assumption; clients in the wild read only `data`.
"""

import json
import threading
from collections import defaultdict
from pathlib import Path

from pamyat.mirror.manifest import MirrorBuilder
from scrapers import sources

SOURCE = "nazk_declarations"
NAME_FIELDS = ("lastname", "firstname", "middlename", "workPlace", "workPost")


def detail_url(document_id: str) -> str:
    return f"{sources.config(SOURCE)['api']}/{document_id}"


def list_url() -> str:
    return f"{sources.config(SOURCE)['api']}/list"


def _entries(section) -> list | dict:
    """A section as v2 writes it: step_0/step_1 a dict, the others a list of entries."""
    if isinstance(section, list) or "empty" in section:
        return section if isinstance(section, list) else []
    if not all(isinstance(v, dict) for v in section.values()):
        return section  # a flat dict: the declarant's own step
    items = []
    for key, item in section.items():
        item = {"iteration": key, **item}
        items.append(item)
        if isinstance(item.get("rights"), dict):
            item["rights"] = list(item["rights"].values())
    return items


def as_v2(document: dict) -> dict:
    """A declarations.com.ua-shaped document in the v2 envelope."""
    wrapped = dict(document)
    wrapped["data"] = {step: {"data": _entries(s)} for step, s in document["data"].items()}
    return wrapped


def summary(document: dict) -> dict:
    """What the list endpoint shows of a document."""
    steps = document["data"]
    step_1 = steps["step_1"].get("data", steps["step_1"])
    names = {key: step_1.get(key) for key in NAME_FIELDS}
    if "declaration_type" in document:
        meta = {k: document[k] for k in ("declaration_type", "declaration_year", "type")}
        meta["user_declarant_id"] = document["user_declarant_id"]
    else:  # API v1: no top-level metadata
        step_0 = steps["step_0"]
        meta = {
            "declaration_type": int(step_0["declarationType"]),
            "declaration_year": int(step_0["declarationYear1"]),
            "type": 1,
            "user_declarant_id": None,
        }
    return {
        "id": document["id"],
        **meta,
        "date": document["created_date"],
        "data": {"step_1": {"data": names}},
    }


def build(samples: Path, builder: MirrorBuilder) -> None:
    summaries = []
    for path in sorted((samples / "nazk_declarations").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        summaries.append(summary(document))
        if "declaration_type" in document:
            builder.add_json(detail_url(document["id"]), as_v2(document))
        else:
            builder.add_file(detail_url(document["id"]), path, "application/json; charset=utf-8")
    builder.add_handler(list_url(), "scrapers.nazk_declarations.mirror:answer_list", summaries)


def _full_name(item: dict) -> str:
    names = item["data"]["step_1"]["data"]
    return " ".join(names.get(k) or "" for k in NAME_FIELDS[:3]).casefold()


def _matches(item: dict, params: dict) -> bool:
    if "query" in params and not all(
        t in _full_name(item).split() for t in params["query"].casefold().split()
    ):
        return False
    return all(
        str(item.get(key)) == params[key]
        for key in ("user_declarant_id", "declaration_type", "declaration_year")
        if key in params
    )


class _Index:
    """The summaries by name word and by declarant, as the register's database indexes them:
    a national-scale mirror answers a listing without reading every summary."""

    def __init__(self, summaries: list[dict]):
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_declarant: dict[str, list[int]] = defaultdict(list)
        for number, item in enumerate(summaries):
            for word in set(_full_name(item).split()):
                self.by_word[word].append(number)
            self.by_declarant[str(item.get("user_declarant_id"))].append(number)

    def candidates(self, params: dict, count: int):
        """The positions of the summaries a listing may return, in order."""
        if "user_declarant_id" in params:
            return self.by_declarant.get(params["user_declarant_id"], [])
        words = params.get("query", "").casefold().split()
        if not words:
            return range(count)
        found = set.intersection(*(set(self.by_word.get(w, ())) for w in words))
        return sorted(found)


_INDEXES: dict[int, _Index] = {}
_INDEXING = threading.Lock()


def answer_list(request, summaries: list[dict], options: dict) -> tuple[int, dict]:
    """The v2 list endpoint over the index: (HTTP status, JSON body)."""
    params = request.params
    config = sources.config(SOURCE)
    per_page = int(options.get("per_page", config["per_page"]))
    max_pages = int(options.get("max_pages", config["max_pages"]))
    page = int(params.get("page", "1"))
    if not 1 <= page <= max_pages:
        return 400, {"error": f"page must be between 1 and {max_pages}"}
    with _INDEXING:  # built once, though the mirror answers in many threads
        if id(summaries) not in _INDEXES:
            _INDEXES[id(summaries)] = _Index(summaries)
    index = _INDEXES[id(summaries)]
    found = [
        summaries[n]
        for n in index.candidates(params, len(summaries))
        if _matches(summaries[n], params)
    ]
    start = (page - 1) * per_page
    return 200, {
        "count": len(found),
        "page": page,
        "per_page": per_page,
        "data": found[start : start + per_page],
    }
