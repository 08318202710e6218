"""Datasette's own pages in the page's language (pamyat/portal/chrome.py): the HTML it answers
is rewritten before it leaves; JSON, CSV and the portal's own pages pass as they are."""

from datasette import hookimpl
from datasette.utils.asgi import Request

from etl.publish.metadata import two_language_notes
from pamyat.portal.chrome import as_written, in_language
from pamyat.portal.words import language

# The portal's own pages, written in one language already (plugins/pages.py, search.py).
OWN_PAGES = ("/person/", "/party/", "/race/", "/-/")


def _wrap(app):
    notes = as_written(two_language_notes())

    async def translated(scope, receive, send):
        if scope["type"] != "http" or scope["path"].startswith(OWN_PAGES):
            return await app(scope, receive, send)
        request = Request(scope, receive)
        start, parts = None, []

        async def send_translated(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    return await send(message)
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                return await send(message)
            parts.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = b"".join(parts).decode("utf-8")
            page = in_language(page, language(request), notes).encode("utf-8")
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        return await app(scope, receive, send_translated)

    return translated


@hookimpl
def asgi_wrapper(datasette):
    return _wrap
