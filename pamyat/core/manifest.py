"""The recorded mirror's table of contents: which file answers which real URL.

A key is the real URL without its scheme ("data.rada.gov.ua/ogd/mps/list.json"), plus its query
string with parameters sorted. Real sample files are referenced where they lie (never copied);
responses we have to render from real rows are written under the mirror folder.
"""

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

MANIFEST_NAME = "manifest.json"


def url_key(url: str) -> str:
    """The manifest key of a real URL or of a mirror path ("/host/path?query")."""
    host_and_path, _, query = url.split("://", 1)[-1].lstrip("/").partition("?")
    query = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    return host_and_path + ("?" + query if query else "")


class MirrorBuilder:
    """Collects the responses of every source, then writes the manifest the server reads."""

    def __init__(self, root: Path):
        self.root = root
        self.entries: dict[str, dict] = {}

    def add_file(self, url: str, path: Path, content_type: str) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"mirror: recorded file for {url} is missing: {path}")
        self.entries[url_key(url)] = {"file": str(path.resolve()), "content_type": content_type}

    def add_rendered(self, url: str, body: bytes, content_type: str) -> None:
        target = self.root / url_key(url).replace("?", "/_query_/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.add_file(url, target, content_type)

    def add_json(self, url: str, document) -> None:
        body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        self.add_rendered(url, body, "application/json; charset=utf-8")

    def add_handler(self, url: str, handler: str, data) -> None:
        """A URL whose answer depends on its query or body (a search API): `handler`
        ("module:function") is called with the request (server.MirrorRequest), `data` and the
        server's options. A URL ending in "/" answers every URL below it."""
        target = self.root / (url_key(url).rstrip("/") + ".data.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False))
        self.entries[url_key(url)] = {"handler": handler, "data": str(target.resolve())}

    def write(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        manifest = self.root / MANIFEST_NAME
        manifest.write_text(json.dumps({"entries": self.entries}, ensure_ascii=False, indent=1))
        return manifest


def load_manifest(root: Path) -> dict[str, dict]:
    manifest = root / MANIFEST_NAME
    if not manifest.is_file():
        raise FileNotFoundError(f"mirror: no manifest at {manifest}; run `pamyat mirror build`")
    return json.loads(manifest.read_text())["entries"]
