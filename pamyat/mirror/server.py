"""A real HTTP server on loopback that answers the sources' URLs with recorded responses.

Requests arrive as `/<host>/<path>?<query>`. Faults can be injected per URL pattern so that
reliability tests see the same failures the live sites produce.
"""

import fnmatch
import importlib
import json
import threading
import time
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

from pamyat.core.manifest import load_manifest, url_key

# The server answers each connection in a thread of its own: without the lock, the crawl's 32
# first requests each loaded a handler's data (at 10% of national volumes, 32 copies of 200,000
# declaration summaries: 4 GB, and a minute before the first answer).
_LOADING = threading.Lock()


def _handler(name: str, data_path: str):
    with _LOADING:
        return _loaded_handler(name, data_path)


@cache
def _loaded_handler(name: str, data_path: str):
    module, _, function = name.partition(":")
    data = json.loads(Path(data_path).read_text(encoding="utf-8"))
    return getattr(importlib.import_module(module), function), data


@dataclass(frozen=True)
class MirrorRequest:
    """What a handler is asked: the URL key's path and the query parameters (GET) or the JSON
    body (POST)."""

    path: str
    params: dict


def _handler_entry(entries: dict, path: str) -> dict | None:
    """The handler answering `path`: registered for the path itself, or for a folder above it
    (an API whose URLs carry ids, such as /party/{id}/reports)."""
    entry = entries.get(path)
    if entry is not None:
        return entry if "handler" in entry else None
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        entry = entries.get(path + "/")
        if entry is not None and "handler" in entry:
            return entry
    return None


JSON = "application/json; charset=utf-8"


def respond(entries: dict, key: str, params: dict, options: dict) -> tuple[int, bytes, str]:
    """The mirror's answer to a URL key (status, body, content type): a recorded file, or a
    handler's answer to the query parameters or POST body `params`. Tests of a spider's callbacks
    call it directly, without the HTTP layer."""
    path = key.partition("?")[0]
    entry = entries.get(key) or _handler_entry(entries, path)
    if entry is None:
        return 404, b"not in the mirror: " + key.encode(), "text/plain"
    if "handler" not in entry:
        return 200, Path(entry["file"]).read_bytes(), entry["content_type"]
    answer, data = _handler(entry["handler"], entry["data"])
    status, document = answer(MirrorRequest(path, params), data, options)
    return status, json.dumps(document, ensure_ascii=False).encode("utf-8"), JSON


# What each fault does to a response; "cp1251" is not a fault but the Rada's legacy encoding.
FAULTS = {
    "http500": "answer HTTP 500",
    "timeout": "accept the request and never answer",
    "truncate": "promise the whole body, send half of it, close the connection",
    "empty": "answer 200 with an empty body",
    "wrong-charset": "declare windows-1251 for a UTF-8 body (or the other way round)",
    "cp1251": "re-encode the body into windows-1251 and declare it",
}


def _swap_charset(content_type: str) -> str:
    if "1251" in content_type:
        return content_type.split(";")[0] + "; charset=utf-8"
    return content_type.split(";")[0] + "; charset=windows-1251"


class MirrorServer:
    """Serves a built mirror folder. Use as a context manager or call start()/stop()."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0):
        self.entries = load_manifest(root)
        self.faults: dict[str, str] = {}
        self.requests: list[str] = []
        self.timeout_seconds = 30.0
        # Options for the search APIs the mirror answers (e.g. a smaller page size in tests).
        self.api_options: dict = {}
        self._stop_timeouts = threading.Event()
        self._httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def inject(self, pattern: str, fault: str) -> None:
        """Make every URL key matching the glob `pattern` fail with `fault` (see FAULTS)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        self.faults[pattern] = fault

    def fault_for(self, key: str) -> str | None:
        for pattern, fault in self.faults.items():
            if fnmatch.fnmatchcase(key, pattern):
                return fault
        return None

    def start(self) -> "MirrorServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop_timeouts.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "MirrorServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (the stdlib's name)
                key = url_key(self.path)
                self._serve(key, dict(parse_qsl(key.partition("?")[2])))

            def do_POST(self):  # noqa: N802 (the stdlib's name)
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    self._send(400, b"the request body is not JSON", "text/plain")
                    return
                key = url_key(self.path)
                self._serve(key, body)

            def _serve(self, key: str, params: dict):
                server.requests.append(key)
                status, body, content_type = respond(
                    server.entries, key, params, server.api_options
                )
                if status != 200:
                    self._send(status, body, content_type)
                    return
                self._answer(server.fault_for(key), body, content_type)

            def _answer(self, fault, body, content_type):
                if fault == "http500":
                    self._send(500, b"injected fault", "text/plain")
                elif fault == "timeout":
                    server._stop_timeouts.wait(server.timeout_seconds)
                    self.close_connection = True
                elif fault == "truncate":
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                elif fault == "empty":
                    self._send(200, b"", content_type)
                elif fault == "wrong-charset":
                    self._send(200, body, _swap_charset(content_type))
                elif fault == "cp1251":
                    body = body.decode("utf-8").encode("cp1251")
                    self._send(200, body, content_type.split(";")[0] + "; charset=windows-1251")
                else:
                    self._send(200, body, content_type)

            def _send(self, status, body, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # keep test and crawl output quiet
                pass

        return Handler


def serve_forever(root: Path, host: str, port: int) -> None:
    """Run the mirror in the foreground (for `pamyat mirror serve`)."""
    with MirrorServer(root, host, port) as server:
        print(f"Mirror of the recorded sources at {server.url}/ (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
