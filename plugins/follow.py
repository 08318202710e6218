"""Following: Atom feeds of a person's, a party's and its members', a faction's members' and
the portal's events (pamyat/portal/events.py, feeds.py). An unknown id is a 404; a merged
person's feed moves to the person she was merged into."""

from datetime import UTC, datetime, timedelta

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from etl.publish import events as published_events
from pamyat.portal import events
from pamyat.portal.facts import rows
from pamyat.portal.feeds import atom
from pamyat.portal.person import redirect
from pamyat.portal.versions import for_pages
from pamyat.portal.words import language, word

ATOM = "application/atom+xml; charset=utf-8"
PERSON = "SELECT full_name FROM persons WHERE person_id = :id"
PARTY = "SELECT name FROM parties WHERE party_id = :id"
ORGANIZATION = "SELECT name FROM organizations WHERE organization_id = :id"
LATEST_BUILD = "SELECT MAX(built_at) AS built_at FROM builds"


async def _feed(db, *args) -> Response:
    """The Atom feed `feeds.atom(*args)` makes, as new as the build when it is empty."""
    built_at = (await rows(db, LATEST_BUILD))[0]["built_at"]
    body = atom(*args, built_at=built_at)
    return Response(body, content_type=ATOM, headers={"Cache-Control": "max-age=300"})


async def _name(db, sql: str, key: str, missing: str, lang: str) -> str:
    found = await rows(db, sql, id=key)
    if not found:
        raise NotFound(word(missing, lang))
    return next(iter(found[0].values()))


async def person_feed(datasette, request):
    db, lang = for_pages(datasette), language(request)
    person_id = request.url_vars["person_id"]
    if not await rows(db, PERSON, id=person_id):
        merged_into = await redirect(db, person_id)
        if merged_into:
            return Response.redirect(f"/person/{merged_into}/feed.atom")
    name = await _name(db, PERSON, person_id, "not_found_person", lang)
    return await _feed(
        db,
        f"person/{person_id}",
        word("feed_person", lang, name=name),
        f"/person/{person_id}",
        request.path,
        await events.of_person(db, person_id, lang),
        lang,
    )


async def party_feed(datasette, request):
    db, lang = for_pages(datasette), language(request)
    party_id = request.url_vars["party_id"]
    name = await _name(db, PARTY, party_id, "not_found_party", lang)
    members = request.url_vars["which"] == "members"
    found = (
        await events.of_members(db, events.MEMBERS_OF_PARTY, party_id, lang)
        if members
        else await events.of_party(db, party_id, lang)
    )
    return await _feed(
        db,
        f"party/{party_id}/{request.url_vars['which']}",
        word("feed_members" if members else "feed_party", lang, name=name),
        f"/party/{party_id}",
        request.path,
        found,
        lang,
    )


async def organization_feed(datasette, request):
    db, lang = for_pages(datasette), language(request)
    organization_id = request.url_vars["organization_id"]
    name = await _name(db, ORGANIZATION, organization_id, "not_found_organization", lang)
    found = await events.of_members(db, events.MEMBERS_OF_ORGANIZATION, organization_id, lang)
    return await _feed(
        db,
        f"organization/{organization_id}/members",
        word("feed_members", lang, name=name),
        datasette.urls.row("pamyat", "organizations", organization_id),
        request.path,
        found,
        lang,
    )


async def portal_feed(datasette, request):
    db, lang = for_pages(datasette), language(request)
    days = published_events.config()["recent_days"]
    since = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    start = (await rows(db, published_events.HISTORY_START))[0]["history_start"]
    return await _feed(
        db,
        "portal",
        word("feed_portal", lang),
        "/",
        request.path,
        await events.recent(db, since, start, lang),
        lang,
    )


@hookimpl
def register_routes():
    return [
        (r"^/person/(?P<person_id>[\w-]+)/feed\.atom$", person_feed),
        (r"^/party/(?P<party_id>[\w-]+)/(?P<which>feed|members)\.atom$", party_feed),
        (r"^/organization/(?P<organization_id>[\w-]+)/members\.atom$", organization_feed),
        (r"^/feed\.atom$", portal_feed),
    ]
