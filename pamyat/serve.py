"""`pamyat serve`: Datasette over the published database, read-only and immutable."""

import os
import sys
from pathlib import Path

from pamyat.core import config

SETTINGS = {
    "suggest_facets": "off",  # costly on big tables (docs/design.md); facets are set per table
    "sql_time_limit_ms": "3000",
    "max_returned_rows": "1000",
    "default_page_size": "50",
    "allow_download": "off",
    "trace_debug": "off",
}


def datasette_command(database: Path, host: str, port: int) -> list[str]:
    """Datasette's command line. No inspect file: the versions plugin counts each version's
    rows itself (plugins/versions.py), so a new build never shows the old counts."""
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(database),
        "--metadata",
        str(config.metadata_path()),
        "--plugins-dir",
        str(config.PROJECT_ROOT / "plugins"),
        "--static",
        f"assets:{config.PROJECT_ROOT / 'static'}",
        "--template-dir",
        str(config.PROJECT_ROOT / "templates"),
        "--host",
        host,
        "--port",
        str(port),
    ]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    return command


def serve(host: str, port: int) -> None:
    database = config.database_path()
    if not database.is_file():
        raise FileNotFoundError(f"no database at {database}; run `pamyat build` first")
    command = datasette_command(database, host, port)
    print(f"Pamyat portal: http://{host}:{port}/  (Ctrl-C stops)", flush=True)
    os.execv(command[0], command)
