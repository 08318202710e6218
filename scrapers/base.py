"""What every Pamyat spider shares: live or mirror URLs, provenance on every record, data issues,
and fatal failures that name the source and the URL.

Spider code is identical in both modes: it builds real URLs with `live_url` and fetches them with
`fetch_url`, which points them at the mirror when PAMYAT_MIRROR_URL is set. Records always carry
the real URL, so a published fact links to the original page, not to a laptop's loopback port.
"""

import zlib
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy

from pamyat.core import sources
from scrapers.encoding import UndecodableBody, decode_body


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


class SourceSpider(scrapy.Spider):
    # A spider that can share its crawl among processes says so, and uses `owns` to take only
    # its part of the work (pamyat/crawl.py starts the processes and merges their parts).
    can_split = False

    def __init__(self, *args, run_id: str | None = None, part: str = "1/1", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = sources.config(self.name)
        self.run_id = run_id or new_run_id()
        number, parts = (int(n) for n in part.split("/"))
        if not 1 <= number <= parts or (parts > 1 and not self.can_split):
            raise ValueError(f"{self.name}: cannot crawl part {part}")
        self.part_number, self.parts = number, parts
        self.failures: list[str] = []
        self.issues: list[dict] = []
        # The run an incremental crawl adds to (its records and this run's are the source's).
        self.builds_on: str | None = None

    # URLs -----------------------------------------------------------------------------------
    @property
    def mirror_url(self) -> str | None:
        return self.settings.get("PAMYAT_MIRROR_URL")

    def fetch_url(self, url: str) -> str:
        """The URL to request: the real one live, its mirror twin in mirror mode."""
        if not self.mirror_url:
            return url
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.mirror_url.rstrip('/')}/{parts.netloc}{parts.path}{query}"

    def real_url(self, fetched: str) -> str:
        """The real URL behind a fetched one (the inverse of fetch_url)."""
        prefix = (self.mirror_url or "").rstrip("/") + "/"
        if self.mirror_url and fetched.startswith(prefix):
            return "https://" + fetched[len(prefix) :]
        return fetched

    def request(self, url: str, callback, **kwargs) -> scrapy.Request:
        return scrapy.Request(
            self.fetch_url(url), callback=callback, errback=self.on_request_error, **kwargs
        )

    def owns(self, key) -> bool:
        """Whether this process's part of a split crawl follows `key` (every process asks the
        same listings; each follows only the keys that hash to it, so none is fetched twice)."""
        return zlib.crc32(str(key).encode("utf-8")) % self.parts == self.part_number - 1

    # Responses ------------------------------------------------------------------------------
    def text_of(self, response) -> str:
        """The response body as text, charset resolved (see scrapers.encoding)."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        try:
            decoded = decode_body(response.body, content_type)
        except UndecodableBody as error:
            raise SourceError(self.name, self.real_url(response.url), str(error)) from error
        if decoded.problem:
            self.issue(response, None, "charset", decoded.problem, content_type)
        if not decoded.text.strip():
            raise SourceError(self.name, self.real_url(response.url), "the response is empty")
        return decoded.text

    def record(self, response, kind: str, record_id: str, fields: dict) -> dict:
        """One source record with its provenance, as written to data/raw/<source>/<run>.jsonl."""
        return {
            "source": self.name,
            "kind": kind,
            "source_record_id": str(record_id),
            "source_url": self.real_url(response.url),
            "fetched_at": utc_now(),
            "run_id": self.run_id,
            "fields": fields,
        }

    # Problems -------------------------------------------------------------------------------
    def issue(self, response, record_id, field: str | None, problem: str, value=None) -> None:
        """A problem in the source data that does not stop the run (kept as a data issue)."""
        entry = {
            "source": self.name,
            "run_id": self.run_id,
            "source_url": self.real_url(response.url) if response is not None else None,
            "record_id": None if record_id is None else str(record_id),
            "field": field,
            "problem": problem,
            "value": None if value is None else str(value)[:500],
        }
        self.issues.append(entry)
        self.logger.warning("data issue: %s", entry)

    def fail(self, message: str) -> None:
        """A failure that makes this run unfit to publish; the last good run stays in use."""
        self.failures.append(message)
        self.logger.error(message)

    def on_request_error(self, failure) -> None:
        request = failure.request
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.fail(f"{self.name}: GET {self.real_url(request.url)} failed: {reason}")


class SourceError(Exception):
    """A source answered something we must not publish from (empty, undecodable, new layout)."""

    def __init__(self, source: str, url: str, problem: str):
        super().__init__(f"{source}: {url}: {problem}")
