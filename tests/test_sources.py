"""One source, one folder and one registry line (fast tier)."""

import os

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from etl.normalize import registry
from etl.publish.schema import TABLES
from pamyat.core import sources

PARTS = ("source.yml", "spider.py", "reader.py", "mirror.py")


def test_every_source_folder_is_registered_and_whole():
    folders = {p.parent.name for p in sources.SCRAPERS_DIR.glob("*/source.yml")}
    assert folders == set(sources.names())
    for name in sources.names():
        folder = sources.SCRAPERS_DIR / name
        assert all((folder / part).is_file() for part in PARTS), name
        assert list((folder / "tests").glob("test_*.py")), f"{name} has no tests of its own"
        assert sources.config(name)["name"] == name


def test_the_crawl_and_the_build_find_each_source_by_its_name():
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scrapers.settings")
    assert sorted(SpiderLoader.from_settings(get_project_settings()).list()) == sorted(
        sources.names()
    )
    assert list(registry.readers()) == sources.names()
    assert all(callable(reader.normalize) for reader in registry.readers().values())


def test_each_source_s_own_tables_are_published():
    tables = {str(t.name) for t in TABLES}
    assert {"vote_events", "votes", "elections", "candidacies", "declarations"} <= tables
    assert {"donations", "media_items", "mentions"} <= tables


def test_the_identity_roles_come_from_source_yml():
    assert sources.naming_persons() == ["rada", "cec", "nazk_declarations"]
    assert sources.identity("rada")["ids_name_persons"] is True
    assert sources.identity("a-test-source") == {}
    assert sources.origin("cec") == "https://www.cvk.gov.ua"
