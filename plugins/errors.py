"""Errors answered without printing each one's locals. When `rich` can be imported (import-linter
brings it), Datasette's exception handler prints every exception, a 404 included, as a
traceback with the locals of every frame: a refused request cost some 25 person pages and
wrote 16 KB of log, for anyone to ask. Datasette offers no setting for it, and every plugin's
handler runs beside its own, so its module is told there is no `rich`. A 4xx is then answered
silently, as without rich; a fault (5xx) still prints its plain traceback."""

import datasette.handle_exception

datasette.handle_exception.rich = None
