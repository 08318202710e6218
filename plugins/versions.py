"""Each request reads one database version from start to end, and a new build is served
within seconds without a restart (pamyat/portal/versions.py says how)."""

from pathlib import Path

from datasette import hookimpl

from etl.publish.metadata import DATABASE
from pamyat.portal.versions import Versions

_served: dict[int, Versions] = {}


@hookimpl
def startup(datasette):
    async def pin_the_published_database():
        versions = Versions(datasette, Path(datasette.get_database(DATABASE).path).resolve())
        await versions.start()
        _served[id(datasette)] = versions

    return pin_the_published_database


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def one_version(scope, receive, send):
            versions = _served.get(id(datasette))
            if versions is None or scope["type"] != "http":
                return await app(scope, receive, send)
            versions.keep_watching()
            entered = versions.enter()
            try:
                return await app(scope, receive, send)
            finally:
                versions.leave(entered)

        return one_version

    return wrap
