"""What every answer of the portal carries, and what bounds its cost (the portal faces the
public internet):

- security headers on every response, and a Content-Security-Policy that runs no script but
  the portal's own files and the inline scripts Datasette's templates ship (by their hashes),
  so text from a source can never run, even if a page forgot to escape it;
- CSV exports neutralised against formula injection (pamyat/spreadsheet.py), `?_bom=1` for a
  UTF-8 file Excel opens right;
- Datasette's `_trace` turned off: its CSV debug view writes the rows into HTML unescaped;
- SQLite's longest string or blob bounded per connection, and every response that is not a
  streamed CSV bounded in size.
"""

import base64
import hashlib
import re
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import datasette
from datasette import hookimpl

from pamyat.spreadsheet import SafeCsvStream

# The longest string or blob a query may make or read (the longest published value is a few
# kB: a 200-million-byte zeroblob now fails at once instead of taking 400 MB).
MAX_VALUE_BYTES = 1_000_000
# The largest answer other than a streamed CSV export (a page of 1,000 rows is a few MB).
MAX_RESPONSE_BYTES = 25_000_000


FACET_SWITCH = "{{ datasette_allow_facet }}"  # table.html's one inline script with a value


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts in Datasette's templates (static ones, and the table
    page's facet switch in both its values)."""
    hashes = set()
    folder = Path(datasette.__file__).parent / "templates"
    for template in folder.rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(), re.DOTALL):
            for text in {body.replace(FACET_SWITCH, value) for value in ("true", "false")}:
                if "{{" not in text and "{%" not in text:
                    digest = hashlib.sha256(text.encode("utf-8")).digest()
                    hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' " + " ".join(_inline_script_hashes()),
        "style-src 'self' 'unsafe-inline'",  # Datasette's templates and the SVG charts
        "img-src 'self' data: https: http:",  # MPs' official photos are on the Rada's site
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_OURS = {name for name, _ in HEADERS}  # replaced if Datasette or a view already set them


def _without_trace(scope: dict, query: list[tuple[str, str]]) -> dict:
    if not any(key == "_trace" for key, _ in query):
        return scope
    kept = urlencode([(k, v) for k, v in query if k != "_trace"])
    return {**scope, "query_string": kept.encode("latin-1")}


def _wrap(app):
    async def guarded(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        if "//" in scope["path"]:  # Datasette reads an empty part as a database named "": a 500
            return await _plain(send, 404, "Not found: the address has an empty part (//).\n")
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        scope = _without_trace(scope, query)
        bom = ("_bom", "1") in query
        csv = SafeCsvStream(bom=bom) if scope["path"].endswith(".csv") else None
        sent, finished, start = 0, False, None

        async def guarded_send(message):
            """The start is held until the first part of the body, so that an answer of one
            part that is too large can still become a 413."""
            nonlocal sent, finished, start
            if finished:  # refused as too large, or cut at the bound: the rest goes nowhere
                return
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
                if csv:  # the body changes length
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                start = {**message, "headers": headers + HEADERS}
                return
            if message["type"] != "http.response.body":
                return await send(message)
            body, more = message.get("body", b""), message.get("more_body", False)
            if csv:
                message = {**message, "body": csv.feed(body, last=not more)}
            else:
                sent += len(body)
                if sent > MAX_RESPONSE_BYTES:
                    if start is not None:  # nothing sent yet: say why
                        finished = True
                        return await _plain(send, 413, TOO_LARGE)
                    message = {**message, "body": b"", "more_body": False}  # a stream ends
            if start is not None:
                await send(start)
                start = None
            finished = not message.get("more_body", False)
            await send(message)

        return await app(scope, receive, guarded_send)

    return guarded


TOO_LARGE = (
    f"The answer is larger than {MAX_RESPONSE_BYTES // 1_000_000} MB: ask for fewer rows or "
    "columns, or export it as CSV (?_stream=on).\n"
)


async def _plain(send, status: int, text: str):
    """A refusal in plain text, with the portal's headers."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


@hookimpl
def asgi_wrapper(datasette):
    return _wrap


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
