"""The readable pages of the portal: /person/<id> and /party/<id> (pamyat/portal/), rendered
with templates/person.html and templates/party.html."""

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from pamyat.core.text.values import is_web_url
from pamyat.portal.facts import hryvnias
from pamyat.portal.party import party_page
from pamyat.portal.person import person_page, redirect
from pamyat.portal.versions import for_pages


async def person_view(datasette, request):
    person_id = request.url_vars["person_id"]
    db = for_pages(datasette)
    context = await person_page(datasette, db, person_id)
    if context is None:
        merged_into = await redirect(db, person_id)
        if merged_into:
            return Response.redirect(f"/person/{merged_into}")
        raise NotFound(f"No person {person_id} / Особу не знайдено")
    return Response.html(await datasette.render_template("person.html", context, request=request))


async def party_view(datasette, request):
    db = for_pages(datasette)
    page = request.args.get("mps_page", "1")
    context = await party_page(
        datasette, db, request.url_vars["party_id"], int(page) if page.isdigit() else 1
    )
    if context is None:
        raise NotFound(f"No party {request.url_vars['party_id']} / Партію не знайдено")
    return Response.html(await datasette.render_template("party.html", context, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/person/(?P<person_id>[\w-]+)$", person_view),
        (r"^/party/(?P<party_id>[\w-]+)$", party_view),
    ]


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["hryvnias"] = hryvnias
    env.filters["web_url"] = lambda value: value if is_web_url(value) else None
