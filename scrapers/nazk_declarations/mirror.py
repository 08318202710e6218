"""Recorded responses of the NAZK register, served under the API v2 list and detail URLs.

Real API v2 answers (samples/nazk_v2, PROVENANCE.md) are served as recorded, byte for byte: the
eight documents at `/v2/documents/{id}` and the three list answers at the URLs they were asked
at (`/v2/documents/list?user_declarant_id=N`). Documents we hold only in older shapes are
rendered in the real v2 form (formats.md): the 13 register-archive documents (sections keyed by
iteration id, `{"empty": ...}`) become `step_N: {"data": [...]}`, steps 1–4 with
`"isNotApplicable": 0`, an empty step `{"isNotApplicable": 1}`, and `created_date` becomes `date`
(ISO 8601, Kyiv time with its offset). The 2 documents of the retired API v1 are served as
recorded: the register still holds 2015 declarations, but we hold them only in the v1 shape.

Every other listing is answered by `answer_list` from the summaries of the documents we hold,
in the real envelope `{"data": [...], "count": N}`: each item is the document's top-level keys
and its whole step_0 and step_1 (a real list item where we hold one). It filters as the API
does (query over the declarant's name, user_declarant_id, document_type, declaration_type,
declaration_year, start_date/end_date in unix seconds over `date`), pages 100 a page up to
page 100, and answers a bad parameter with `{"error": code}`.
"""

import json
import threading
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from pamyat.core import sources
from pamyat.core.manifest import MirrorBuilder
from pamyat.core.text.values import kyiv_time

SOURCE = "nazk_declarations"
NAME_FIELDS = ("lastname", "firstname", "middlename")
# The top-level keys of a real v2 document (samples/nazk_v2).
V2_KEYS = (
    "id", "user_declarant_id", "declaration_type", "declaration_year", "schema_version", "type",
    "date", "post_category", "post_type", "responsible_position", "corruption_affected",
    "continue_perform_functions",
)  # fmt: skip
# Real v2 documents add `"isNotApplicable": 0` to these filled steps.
FLAGGED_STEPS = ("step_1", "step_2", "step_3", "step_4")
# The API's error codes, as far as clients document them (formats.md: inferred).
BAD_PARAMETER = 400


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


def _step(name: str, section) -> dict:
    entries = _entries(section)
    if not entries:
        return {"isNotApplicable": 1}
    return {"data": entries, "isNotApplicable": 0} if name in FLAGGED_STEPS else {"data": entries}


def as_v2(document: dict) -> dict:
    """A register-archive document in the real v2 form."""
    meta = {**document, "date": kyiv_time(document["created_date"])}
    wrapped = {key: meta[key] for key in V2_KEYS if key in meta}
    wrapped["data"] = {name: _step(name, s) for name, s in document["data"].items()}
    return wrapped


def summary(document: dict) -> dict:
    """What the list endpoint shows of a v2 document: its top-level keys, step_0 and step_1."""
    item = {key: value for key, value in document.items() if key != "data"}
    item["data"] = {step: document["data"][step] for step in ("step_1", "step_0")}
    return item


def v1_summary(document: dict) -> dict:
    """A list item for an API v1 document, whose type and year sit in step_0."""
    step_0, step_1 = document["data"]["step_0"], document["data"]["step_1"]
    return {
        "id": document["id"],
        "user_declarant_id": None,
        "declaration_type": int(step_0["declarationType"]),
        "declaration_year": int(step_0["declarationYear1"]),
        "type": 1,
        "date": kyiv_time(document["created_date"] + " 00:00:00"),  # v1 gives the day only
        "data": {"step_1": {"data": step_1}, "step_0": {"data": step_0}},
    }


def _recorded_list_url(path: Path) -> str:
    """list_user_declarant_id_N_page1.json was asked as `list?user_declarant_id=N`."""
    declarant = path.stem.removeprefix("list_user_declarant_id_").split("_page")[0]
    return f"{list_url()}?user_declarant_id={declarant}"


def build(samples: Path, builder: MirrorBuilder) -> None:
    real_items = {}
    for path in sorted((samples / "nazk_v2").glob("list_*.json")):
        builder.add_file(_recorded_list_url(path), path, "application/json; charset=utf-8")
        real_items.update((i["id"], i) for i in json.loads(path.read_bytes())["data"])
    summaries = []
    for path in sorted((samples / "nazk_v2").glob("document_*.json")):
        document = json.loads(path.read_bytes())
        builder.add_file(detail_url(document["id"]), path, "application/json; charset=utf-8")
        summaries.append(real_items.get(document["id"]) or summary(document))
    for path in sorted((samples / "nazk_declarations").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if "declaration_type" in document:
            rendered = as_v2(document)
            builder.add_json(detail_url(document["id"]), rendered)
            summaries.append(summary(rendered))
        else:
            builder.add_file(detail_url(document["id"]), path, "application/json; charset=utf-8")
            summaries.append(v1_summary(document))
    builder.add_handler(list_url(), "scrapers.nazk_declarations.mirror:answer_list", summaries)


def _full_name(item: dict) -> str:
    names = item["data"]["step_1"]["data"]
    return " ".join(names.get(k) or "" for k in NAME_FIELDS).casefold()


def _unix_time(item: dict) -> float:
    return datetime.fromisoformat(item["date"]).timestamp()


# The list endpoint's filters by item key ("document_type" is the item's `type`).
EXACT_FILTERS = {
    "user_declarant_id": "user_declarant_id",
    "document_type": "type",
    "declaration_type": "declaration_type",
    "declaration_year": "declaration_year",
}


def _matches(item: dict, params: dict) -> bool:
    if "query" in params and not all(
        t in _full_name(item).split() for t in params["query"].casefold().split()
    ):
        return False
    if "start_date" in params and _unix_time(item) < int(params["start_date"]):
        return False
    if "end_date" in params and _unix_time(item) > int(params["end_date"]):
        return False
    return all(
        str(item.get(key)) == params[param]
        for param, key in EXACT_FILTERS.items()
        if param in params
    )


def _bad_parameter(params: dict, max_pages: int) -> bool:
    numbers = ("page", "start_date", "end_date", *EXACT_FILTERS)
    if any(not str(params[key]).lstrip("-").isdigit() for key in numbers if key in params):
        return True
    query = params.get("query")
    return not 1 <= int(params.get("page", "1")) <= max_pages or (
        query is not None and not 3 <= len(query) <= 255
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
    if _bad_parameter(params, max_pages):
        return 400, {"error": BAD_PARAMETER}
    with _INDEXING:  # built once, though the mirror answers in many threads
        if id(summaries) not in _INDEXES:
            _INDEXES[id(summaries)] = _Index(summaries)
    index = _INDEXES[id(summaries)]
    found = [
        summaries[n]
        for n in index.candidates(params, len(summaries))
        if _matches(summaries[n], params)
    ]
    start = (int(params.get("page", "1")) - 1) * per_page
    return 200, {"data": found[start : start + per_page], "count": len(found)}
