"""The recorded mirror: a real HTTP server answering real URLs with the recorded bytes, and
failing on demand the way live sites fail."""

import http.client
import json

import httpx
import pytest

from pamyat.core.manifest import url_key
from pamyat.mirror import build_mirror
from pamyat.mirror.server import MirrorServer

MPS_PATH = "/data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv"


@pytest.fixture
def mirror(mirror_root):
    with MirrorServer(mirror_root) as server:
        yield server


def test_url_keys_ignore_scheme_and_query_order():
    assert url_key("https://host.ua/a/b?y=2&x=1") == "host.ua/a/b?x=1&y=2"
    assert url_key("/host.ua/a/b?x=1&y=2") == "host.ua/a/b?x=1&y=2"
    page = "host.ua/wp033pt001f01=919pf7331=1.html"
    assert url_key("/" + page) == page


def test_serves_the_recorded_file_byte_for_byte(mirror, samples):
    response = httpx.get(mirror.url + MPS_PATH)
    assert response.status_code == 200
    assert response.content == (samples / "rada" / "mps09-data.csv").read_bytes()
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert mirror.requests == [MPS_PATH.lstrip("/")]


def test_the_rendered_catalogue_links_the_real_file(mirror):
    catalogue = httpx.get(mirror.url + "/data.rada.gov.ua/ogd/mps/list.json").json()
    files = catalogue["convocations"][0]["files"]
    assert files["mps_csv"] == "https:/" + MPS_PATH


def test_unknown_url_is_404(mirror):
    assert httpx.get(mirror.url + "/data.rada.gov.ua/nothing.csv").status_code == 404


def test_missing_samples_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="PAMYAT_SAMPLES_DIR"):
        build_mirror(tmp_path / "nowhere", tmp_path / "mirror")


def test_fault_http500(mirror):
    mirror.inject("*mps09-data.csv", "http500")
    assert httpx.get(mirror.url + MPS_PATH).status_code == 500
    assert httpx.get(mirror.url + "/data.rada.gov.ua/ogd/mps/list.json").status_code == 200


def test_fault_empty_body(mirror):
    mirror.inject("*mps09-data.csv", "empty")
    response = httpx.get(mirror.url + MPS_PATH)
    assert (response.status_code, response.content) == (200, b"")


def test_fault_truncated_body(mirror, samples):
    mirror.inject("*mps09-data.csv", "truncate")
    host, port = mirror.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", MPS_PATH)
    response = connection.getresponse()
    size = (samples / "rada" / "mps09-data.csv").stat().st_size
    assert int(response.headers["Content-Length"]) == size
    with pytest.raises(http.client.IncompleteRead) as error:
        response.read()
    assert len(error.value.partial) == size // 2


def test_fault_timeout(mirror):
    mirror.timeout_seconds = 3
    mirror.inject("*mps09-data.csv", "timeout")
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(mirror.url + MPS_PATH, timeout=0.5)


def test_fault_wrong_charset_keeps_the_bytes(mirror, samples):
    mirror.inject("*mps09-data.csv", "wrong-charset")
    response = httpx.get(mirror.url + MPS_PATH)
    assert response.headers["content-type"] == "text/csv; charset=windows-1251"
    assert response.content == (samples / "rada" / "mps09-data.csv").read_bytes()


def test_cp1251_serves_the_same_text_in_the_legacy_charset(mirror, samples):
    mirror.inject("*list.json", "cp1251")
    response = httpx.get(mirror.url + "/data.rada.gov.ua/ogd/mps/list.json")
    assert response.headers["content-type"] == "application/json; charset=windows-1251"
    assert "Народні депутати" in json.loads(response.content.decode("cp1251"))["title"]


def test_unknown_fault_is_refused(mirror):
    with pytest.raises(ValueError, match="unknown fault"):
        mirror.inject("*", "explode")
