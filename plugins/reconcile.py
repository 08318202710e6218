"""An OpenRefine reconciliation endpoint at /pamyat/-/reconcile, on the identity engine.

Implements the Reconciliation Service API (0.2): a GET without queries answers the service
manifest; `queries` (GET or POST form field, JSON) are matched against the persons of the
database with the same engine as the build and `pamyat link`. A `birth_date` property
(pid "birth_date") is used as evidence.
"""

import json

import pandas as pd
from datasette import hookimpl
from datasette.utils.asgi import Response

from etl.identity.match import PERSONS_SQL, Matcher
from etl.identity.score import LINK
from etl.publish.metadata import DATABASE

PERSON_TYPE = {"id": "person", "name": "Person"}
_matchers: dict[int, Matcher] = {}


async def _matcher(datasette) -> Matcher:
    """Persons are loaded once per server: the database is immutable."""
    if id(datasette) not in _matchers:
        result = await datasette.get_database(DATABASE).execute(
            PERSONS_SQL,
            page_size=None,
            custom_time_limit=30000,
        )
        persons = pd.DataFrame([dict(r) for r in result.rows])
        _matchers[id(datasette)] = Matcher(persons)
    return _matchers[id(datasette)]


def _manifest(datasette, request) -> dict:
    base = f"{request.scheme}://{request.host}"
    return {
        "versions": ["0.2"],
        "name": "Pamyat: persons (politicians of Ukraine)",
        "identifierSpace": f"{base}/{DATABASE}/persons",
        "schemaSpace": f"{base}/{DATABASE}/persons#person_id",
        "defaultTypes": [PERSON_TYPE],
        "view": {"url": f"{base}/{DATABASE}/persons/{{{{id}}}}"},
    }


def _birth_date(query: dict) -> str | None:
    for prop in query.get("properties", []):
        if prop.get("pid") == "birth_date":
            return str(prop.get("v") or "") or None
    return None


async def reconcile(datasette, request):
    form = await request.post_vars() if request.method == "POST" else {}
    raw = form.get("queries") or request.args.get("queries")
    if not raw:
        body = _manifest(datasette, request)
    else:
        try:
            queries = json.loads(raw)
        except json.JSONDecodeError:
            return Response.json({"error": "queries is not JSON"}, status=400)
        body = await _answer(datasette, queries)
    callback = request.args.get("callback")
    if callback and callback.replace("_", "").isalnum():
        return Response(f"{callback}({json.dumps(body)})", content_type="application/javascript")
    return Response.json(body)


async def _answer(datasette, queries: dict) -> dict:
    from etl.normalize.values import any_date

    names = list(queries)
    frame = pd.DataFrame(
        {
            "name": [str(queries[n].get("query", "")) for n in names],
            "birth_date": [_safe_date(any_date, _birth_date(queries[n])) for n in names],
        }
    )
    scored = (await _matcher(datasette)).candidates(frame)
    answer = {}
    for i, name in enumerate(names):
        limit = int(queries[name].get("limit", 5))
        found = scored[scored["left"] == i].head(limit)
        answer[name] = {
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


def _safe_date(parse, value):
    try:
        return parse(value)
    except ValueError:
        return None


ROUTE = f"/{DATABASE}/-/reconcile"


@hookimpl
def register_routes():
    return [(rf"^{ROUTE}$", reconcile)]


@hookimpl
def skip_csrf(scope):
    """OpenRefine posts its queries without Datasette's CSRF token; the route only reads."""
    return scope["path"] == ROUTE
