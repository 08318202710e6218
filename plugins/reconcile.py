"""An OpenRefine reconciliation endpoint at /pamyat/-/reconcile, on the identity engine.

Implements the Reconciliation Service API (0.2): a GET without queries answers the service
manifest; `queries` (GET or POST form field, JSON) are matched against the persons of the
database with the same engine as the build and `pamyat link`. A `birth_date` property
(pid "birth_date") is used as evidence.

The input is checked before anything runs (a 4xx naming the query and what is wrong), a batch
is bounded, and matching runs in a thread of its own, never on the event loop that answers
every other request. The manifest's URLs come from PAMYAT_PUBLIC_URL, not from the request.
"""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from datasette import hookimpl
from datasette.utils.asgi import Response

from etl.identity.match import PERSONS_SQL, Matcher, saved_model
from etl.identity.score import LINK
from etl.publish.metadata import DATABASE
from pamyat.core import config
from pamyat.core.text.values import any_date
from pamyat.portal.versions import for_pages

PERSON_TYPE = {"id": "person", "name": "Person"}
MAX_QUERIES = 500  # OpenRefine sends 10 at a time
MAX_BODY = 1_000_000  # characters of the `queries` field
MAX_NAME = 200
MAX_LIMIT = 25
# One thread matches, so a large batch waits its turn instead of taking the SQL threads.
MATCHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pamyat-reconcile")
_matchers: dict[str, Matcher] = {}


class BadQueries(ValueError):
    """Reconciliation input that breaks the API: answered 400 with the reason."""


async def _matcher(reader) -> Matcher:
    """Persons are loaded once per database version (a new build brings new persons)."""
    version = getattr(reader, "version", None)
    if version not in _matchers:
        result = await reader.execute(PERSONS_SQL, custom_time_limit=30000)
        persons = pd.DataFrame([dict(r) for r in result.rows])
        loop = asyncio.get_running_loop()
        _matchers.clear()
        learnt = saved_model(config.database_path())
        _matchers[version] = await loop.run_in_executor(MATCHING, Matcher, persons, learnt)
    return _matchers[version]


def _manifest() -> dict:
    base = config.public_url()
    return {
        "versions": ["0.2"],
        "name": "Pamyat: persons (politicians of Ukraine)",
        "identifierSpace": f"{base}/{DATABASE}/persons",
        "schemaSpace": f"{base}/{DATABASE}/persons#person_id",
        "defaultTypes": [PERSON_TYPE],
        "view": {"url": f"{base}/{DATABASE}/persons/{{{{id}}}}"},
    }


def checked(raw: str) -> dict[str, dict]:
    """The queries as {key: {"name", "birth_date", "limit"}}, or BadQueries saying why."""
    if len(raw) > MAX_BODY:
        raise BadQueries(f"queries is longer than {MAX_BODY} characters")
    try:
        queries = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadQueries("queries is not JSON") from None
    if not isinstance(queries, dict):
        raise BadQueries("queries must be a JSON object of named queries")
    if len(queries) > MAX_QUERIES:
        raise BadQueries(f"at most {MAX_QUERIES} queries at a time, not {len(queries)}")
    return {str(key): _checked_query(key, query) for key, query in queries.items()}


def _checked_query(key, query) -> dict:
    if not isinstance(query, dict):
        raise BadQueries(f"query {key!r} must be an object with a `query` string")
    name = query.get("query")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise BadQueries(f"query {key!r}: `query` must be a name of 1 to {MAX_NAME} characters")
    limit = query.get("limit", 5)
    if isinstance(limit, str) and limit.isdigit():
        limit = int(limit)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise BadQueries(f"query {key!r}: `limit` must be a whole number from 1 to {MAX_LIMIT}")
    properties = query.get("properties", [])
    if not isinstance(properties, list) or not all(isinstance(p, dict) for p in properties):
        raise BadQueries(f"query {key!r}: `properties` must be a list of {{pid, v}} objects")
    birth_date = None
    for prop in properties:
        if prop.get("pid") == "birth_date" and isinstance(prop.get("v"), str | int):
            try:
                birth_date = any_date(str(prop["v"])[:100])
            except ValueError:
                birth_date = None
    return {"name": name.strip(), "birth_date": birth_date, "limit": limit}


async def reconcile(datasette, request):
    form = await request.post_vars() if request.method == "POST" else {}
    raw = form.get("queries") or request.args.get("queries")
    if not raw:
        body = _manifest()
    else:
        try:
            queries = checked(raw)
        except BadQueries as bad:
            return Response.json({"error": str(bad)}, status=400)
        body = await _answer(for_pages(datasette), queries)
    callback = request.args.get("callback")
    if callback and callback.replace("_", "").isalnum() and len(callback) <= 64:
        return Response(f"{callback}({json.dumps(body)})", content_type="application/javascript")
    return Response.json(body)


async def _answer(reader, queries: dict[str, dict]) -> dict:
    keys = list(queries)
    frame = pd.DataFrame(
        {
            "name": [queries[k]["name"] for k in keys],
            "birth_date": [queries[k]["birth_date"] for k in keys],
        }
    )
    matcher = await _matcher(reader)
    scored = await asyncio.get_running_loop().run_in_executor(MATCHING, matcher.candidates, frame)
    by_query = dict(tuple(scored.groupby("left"))) if len(scored) else {}
    answer = {}
    for i, key in enumerate(keys):
        found = by_query.get(i, scored.iloc[0:0]).head(queries[key]["limit"])
        answer[key] = {
            "result": [
                {
                    "id": row.person_id,
                    "name": row.person_name,
                    "score": round(row.score * 100, 1),
                    "match": j == 0
                    and row.decision == LINK
                    and (len(found) == 1 or found.iloc[1]["decision"] != LINK),
                    "type": [PERSON_TYPE],
                    "description": row.reason,
                }
                for j, row in enumerate(found.itertuples())
            ]
        }
    return answer


ROUTE = f"/{DATABASE}/-/reconcile"


@hookimpl
def register_routes():
    return [(rf"^{ROUTE}$", reconcile)]


@hookimpl
def skip_csrf(scope):
    """OpenRefine posts its queries without Datasette's CSRF token; the route only reads."""
    return scope["path"] == ROUTE
