"""Decoding a response body into text the way docs/design.md orders it: a byte-order mark beats the
Content-Type header, which beats a charset declared inside the document. With none of them we try
strict UTF-8, then windows-1251 (the Rada's and some feeds' legacy charset).

A wrong label is a real fault of these sites. A body that is valid UTF-8 (with non-ASCII bytes)
but labelled windows-1251 would decode into mojibake without an error, so valid UTF-8 wins over a
label, and the mismatch is returned as a problem for the caller to record as a data issue.
"""

from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

FALLBACK = "cp1251"


class UndecodableBody(ValueError):
    pass


@dataclass
class Decoded:
    text: str
    encoding: str
    problem: str | None = None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_body(body: bytes, content_type: str | None, guess: bool = True) -> Decoded:
    """The body as text. With `guess` False, a body that declares no charset and is not UTF-8
    is refused (UndecodableBody) instead of read as windows-1251."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return Decoded(body[len(bom) :].decode(bom_encoding), resolve_encoding(bom_encoding))

    label = http_content_type_encoding(content_type or "") or html_body_declared_encoding(
        body[:4096]
    )
    label = resolve_encoding(label) if label else None
    if label in (None, "utf-8"):
        if _is_utf8(body):
            return Decoded(body.decode("utf-8"), "utf-8")
        if not label and not guess:
            raise UndecodableBody("no charset declared and the body is not UTF-8")
        problem = "declared UTF-8 but the body is not valid UTF-8" if label else None
        return _fallback(body, problem)

    if not body.isascii() and _is_utf8(body):
        return Decoded(body.decode("utf-8"), "utf-8", f"declared {label} but the body is UTF-8")
    try:
        return Decoded(body.decode(label), label)
    except (UnicodeDecodeError, LookupError):
        return _fallback(body, f"the body does not decode as its declared {label}")


def _fallback(body: bytes, problem: str | None) -> Decoded:
    try:
        return Decoded(body.decode(FALLBACK), FALLBACK, problem)
    except UnicodeDecodeError as error:
        raise UndecodableBody(f"neither UTF-8 nor {FALLBACK}: {error}") from error
