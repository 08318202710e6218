"""The portal's plugins in Datasette's in-process client, over a small database published by the
real publisher (fast tier: no mirror, no server, no subprocess)."""

import asyncio
import json

import pandas as pd
import pytest
from datasette.app import Datasette

from etl.publish import database, metadata, search
from pamyat.core import config
from pamyat.core.text.names import latin, search_forms
from pamyat.serve import SETTINGS

PERSONS = [
    ("p-yevtushok", "Євтушок", "Сергій", "Миколайович"),
    ("p-kovalenko", "Коваленко", "Олена", "Іванівна"),
]


def _tables() -> dict[str, pd.DataFrame]:
    persons = pd.DataFrame(
        {
            "person_id": key,
            "full_name": f"{last} {first} {patronymic}",
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "full_name_latin": latin(f"{last} {first} {patronymic}"),
            "name_search": search_forms(f"{last} {first} {patronymic}"),
            "gender": None,
        }
        for key, last, first, patronymic in PERSONS
    )
    sources = pd.DataFrame(
        {
            "source": "rada",
            "source_record_id": str(i),
            "person_id": key,
            "source_url": "https://data.rada.gov.ua/ogd/mps/skl9/mps09-data.csv",
            "match_method": "source id",
            "run_id": "r1",
        }
        for i, (key, *_) in enumerate(PERSONS)
    )
    tables = {
        "persons": persons,
        "person_sources": sources,
        "parties": pd.DataFrame([{"party_id": "holos", "name": "Голос", "name_key": "голос"}]),
    }
    search.add_search_forms(tables)
    return tables


@pytest.fixture(scope="module")
def portal_app(tmp_path_factory):
    """Datasette as `pamyat serve` configures it, over the small database."""
    path = tmp_path_factory.mktemp("small") / "pamyat.db"
    database.publish(_tables(), path, metadata.load(), {})
    return Datasette(
        immutables=[str(path)],
        metadata=metadata.load(),
        plugins_dir=str(config.PROJECT_ROOT / "plugins"),
        template_dir=str(config.PROJECT_ROOT / "templates"),
        static_mounts=[("assets", str(config.PROJECT_ROOT / "static"))],
        # The command line's settings, typed as Datasette's own parser types them.
        settings={k: int(v) if v.isdigit() else v == "on" for k, v in SETTINGS.items()},
    )


def _get(app: Datasette, path: str):
    async def fetch():
        await app.invoke_startup()
        return await app.client.get(path)

    return asyncio.run(fetch())


def test_the_search_finds_a_person_by_her_latin_name(portal_app):
    page = _get(portal_app, "/-/search?q=Yevtushok")
    assert page.status_code == 200
    assert "Євтушок Сергій Миколайович" in page.text and "/person/p-yevtushok" in page.text
    assert "Коваленко" not in page.text


def test_a_person_page_answers_and_an_unknown_person_is_not_found(portal_app):
    page = _get(portal_app, "/person/p-kovalenko")
    assert page.status_code == 200 and "Коваленко Олена Іванівна" in page.text
    assert _get(portal_app, "/person/p-nobody").status_code == 404


def test_a_refused_request_prints_no_traceback(portal_app, capfd):
    """Datasette's handler prints every exception with its locals when `rich` is installed
    (import-linter brings it): a 404 cost many times a page and filled the log."""
    for path, status in (
        ("/person/p-nobody", 404),
        ("/person/p-kovalenko?as_of=2999-01-01", 400),
        ("/pamyat/no_such_table.json", 404),
    ):
        answer = _get(portal_app, path)
        assert answer.status_code == status, path
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err
    assert "Error 404" in _get(portal_app, "/person/p-nobody").text
    assert _get(portal_app, "/pamyat/no_such_table.json").json()["ok"] is False


def test_every_page_carries_the_security_headers(portal_app):
    for path in ("/", "/pamyat/persons", "/person/p-yevtushok", "/-/search?q=x"):
        headers = _get(portal_app, path).headers
        assert "default-src" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path


def test_the_reconciliation_service_links_a_full_name(portal_app):
    manifest = _get(portal_app, "/pamyat/-/reconcile").json()
    assert manifest["defaultTypes"]
    queries = json.dumps({"q0": {"query": "Коваленко Олена Іванівна"}})
    answer = _get(portal_app, f"/pamyat/-/reconcile?queries={queries}").json()
    assert [r["id"] for r in answer["q0"]["result"]][:1] == ["p-kovalenko"]
