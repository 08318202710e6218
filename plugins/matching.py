"""`pamyat_fold(text)` in the portal's SQL: the canned queries compare names folded
(pamyat.core.text.names.fold), so `party=Слуга народу` finds ПОЛІТИЧНА ПАРТІЯ "СЛУГА НАРОДУ"."""

from datasette import hookimpl

from pamyat.core.text.names import fold


@hookimpl
def prepare_connection(conn):
    conn.create_function("pamyat_fold", 1, fold, deterministic=True)
