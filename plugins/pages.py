"""The readable pages of the portal: /person/<id> and /party/<id> (pamyat/portal/), rendered
with templates/person.html and templates/party.html, one language a page (words.yml), and the
language switch /-/lang/<uk|en>."""

from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, NotFound, Response
from jinja2 import pass_context

from pamyat.core.text.values import is_web_url
from pamyat.portal.as_of import DateRefused, checked_date, held_range, person_as_of
from pamyat.portal.chrome import description_in
from pamyat.portal.donor import donor_facts
from pamyat.portal.facts import hryvnias, source_names
from pamyat.portal.home import home
from pamyat.portal.party import party_page
from pamyat.portal.person import person_page, redirect
from pamyat.portal.race import race_page
from pamyat.portal.versions import for_pages
from pamyat.portal.words import COOKIE, LANGUAGES, code_word, language, word

YEAR = 365 * 24 * 3600


async def person_view(datasette, request):
    """Her page now, or as it stood on a past day (?as_of=YYYY-MM-DD, pamyat/portal/as_of.py)."""
    person_id = request.url_vars["person_id"]
    db = for_pages(datasette)
    lang = language(request)
    held = await held_range(db)
    asked = request.args.get("as_of")
    if asked is None:
        context = await person_page(datasette, db, person_id, lang, held)
    else:
        try:
            day = await checked_date(db, asked)
        except DateRefused as refused:
            key, values = refused.args
            raise BadRequest(word(key, lang, **values)) from None
        rebuilt = await person_as_of(Path(db.path), person_id, day)
        try:
            context = await person_page(datasette, rebuilt, person_id, lang, held)
        finally:
            rebuilt.close()
        if context is None:
            raise NotFound(word("not_found_person_as_of", lang, date=day))
        context["as_of"] = day
    if context is None:
        merged_into = await redirect(db, person_id)
        if merged_into:
            return Response.redirect(f"/person/{merged_into}")
        raise NotFound(word("not_found_person", lang))
    return Response.html(
        await datasette.render_template("person.html", {**context, "lang": lang}, request=request)
    )


async def party_view(datasette, request):
    db = for_pages(datasette)
    lang = language(request)
    page = request.args.get("mps_page", "1")
    context = await party_page(
        datasette, db, request.url_vars["party_id"], lang, int(page) if page.isdigit() else 1
    )
    if context is None:
        raise NotFound(word("not_found_party", lang))
    return Response.html(
        await datasette.render_template("party.html", {**context, "lang": lang}, request=request)
    )


async def race_view(datasette, request):
    lang = language(request)
    context = await race_page(
        datasette,
        for_pages(datasette),
        request.url_vars["election_id"],
        request.args.get("district", ""),
        request.args.get("council", ""),
        request.args.get("region", ""),
    )
    if context is None:
        raise NotFound(word("not_found_race", lang))
    return Response.html(
        await datasette.render_template("race.html", {**context, "lang": lang}, request=request)
    )


def safe_next(target: str | None) -> str:
    """Back to a page of this portal only: a path, never another host (//host, /\\host)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


async def switch_language(request):
    """Remember the language chosen and go back to the page it was chosen on."""
    response = Response.redirect(safe_next(request.args.get("next")))
    response.set_cookie(COOKIE, request.url_vars["lang"], max_age=YEAR, samesite="lax")
    return response


@hookimpl
def register_routes():
    return [
        (r"^/person/(?P<person_id>[\w-]+)$", person_view),
        (r"^/party/(?P<party_id>[\w-]+)$", party_view),
        (r"^/race/(?P<election_id>\w+)$", race_view),
        (r"^/-/lang/(?P<lang>" + "|".join(LANGUAGES) + ")$", switch_language),
    ]


def _lang(context) -> str:
    return context.get("lang") or language(context.get("request"))


@pass_context
def t(context, key: str, gender: str | None = None, **values) -> str:
    """{{ t("voting") }}: the word in the page's language, for the person's gender."""
    return word(key, _lang(context), gender, **values)


@pass_context
def code(context, kind: str, value) -> str:
    """{{ code("document_type", d.document_type) }}: a stored code as a word."""
    return code_word(kind, value, _lang(context))


@pass_context
def switch_url(context) -> str:
    """The switch to the other language, back to this very page."""
    request = context.get("request")
    other = "en" if _lang(context) == "uk" else "uk"
    here = "/"
    if request is not None:
        args = request.args
        kept = [(k, v) for k in args if k != "lang" for v in args.getlist(k)]
        here = request.path + ("?" + urlencode(kept) if kept else "")
    return f"/-/lang/{other}?" + urlencode({"next": here})


@hookimpl
def extra_template_vars(template, view_name, table, request, datasette):
    """The home page's ways in (pamyat/portal/home.py); a donor's row page, her money trails
    (pamyat/portal/donor.py)."""
    if template == "index.html":

        async def ways_in():
            return {"home": await home(datasette, for_pages(datasette), language(request))}

        return ways_in
    if view_name == "row" and table == "donors" and request is not None:

        async def trails():
            donor_id = request.url_vars.get("pks", "")
            db = for_pages(datasette)
            return {"donor": await donor_facts(db, donor_id, language(request))}

        return trails
    return {}


@pass_context
def in_page_language_of(context, metadata, key: str):
    """A metadata text in the page's language: `key_uk` on a Ukrainian page, where it is."""
    if not metadata:
        return None
    return (_lang(context) == "uk" and metadata.get(f"{key}_uk")) or metadata.get(key)


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["hryvnias"] = hryvnias
    env.filters["source_names"] = pass_context(lambda c, codes: source_names(codes, _lang(c)))
    env.filters["web_url"] = lambda value: value if is_web_url(value) else None
    env.filters["in_page_language_of"] = in_page_language_of
    env.filters["in_page_language"] = pass_context(lambda c, text: description_in(text, _lang(c)))
    env.globals.update(t=t, code=code, switch_url=switch_url, page_lang=pass_context(_lang))
