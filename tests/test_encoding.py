"""Charset resolution (docs/design.md): BOM > Content-Type header > declared in the document >
strict UTF-8 > windows-1251, and a wrong label never yields mojibake silently."""

import codecs

import pytest

from scrapers.encoding import decode_body

TEXT = "Євтушок Сергій Миколайович, безпартійний, м. Сарни"


def test_utf8_with_its_header():
    decoded = decode_body(TEXT.encode("utf-8"), "text/csv; charset=utf-8")
    assert (decoded.text, decoded.encoding, decoded.problem) == (TEXT, "utf-8", None)


def test_cp1251_with_its_header():
    decoded = decode_body(TEXT.encode("cp1251"), "text/csv; charset=windows-1251")
    assert (decoded.text, decoded.encoding, decoded.problem) == (TEXT, "cp1251", None)


def test_bom_beats_the_header():
    decoded = decode_body(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "text/csv; charset=windows-1251")
    assert (decoded.text, decoded.problem) == (TEXT, None)


def test_header_beats_the_meta_tag():
    body = f'<html><meta charset="utf-8"><p>{TEXT}</p></html>'.encode("cp1251")
    assert TEXT in decode_body(body, "text/html; charset=windows-1251").text


def test_meta_tag_when_there_is_no_header():
    body = f'<html><meta charset="windows-1251"><p>{TEXT}</p></html>'.encode("cp1251")
    decoded = decode_body(body, "text/html")
    assert TEXT in decoded.text and decoded.encoding == "cp1251"


def test_xml_declaration_when_there_is_no_header():
    body = f'<?xml version="1.0" encoding="windows-1251"?><rss>{TEXT}</rss>'.encode("cp1251")
    assert TEXT in decode_body(body, None).text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_no_label_at_all(encoding):
    decoded = decode_body(TEXT.encode(encoding), "text/csv")
    assert (decoded.text, decoded.problem) == (TEXT, None)


def test_utf8_body_labelled_cp1251_is_read_as_utf8_and_reported():
    decoded = decode_body(TEXT.encode("utf-8"), "text/csv; charset=windows-1251")
    assert decoded.text == TEXT
    assert decoded.problem == "declared cp1251 but the body is UTF-8"


def test_cp1251_body_labelled_utf8_is_read_as_cp1251_and_reported():
    decoded = decode_body(TEXT.encode("cp1251"), "text/csv; charset=utf-8")
    assert decoded.text == TEXT
    assert decoded.problem == "declared UTF-8 but the body is not valid UTF-8"
