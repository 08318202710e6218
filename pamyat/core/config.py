"""Where Pamyat keeps things. Every path can be overridden by an environment variable,
so tests and deployments can point the same code at other folders."""

import logging
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _path(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value).resolve() if value else default


def data_dir() -> Path:
    return _path("PAMYAT_DATA_DIR", PROJECT_ROOT / "data")


def samples_dir() -> Path:
    """The real recorded source data, kept outside the repository (../shared/samples)."""
    return _path("PAMYAT_SAMPLES_DIR", PROJECT_ROOT.parent / "shared" / "samples")


def raw_dir() -> Path:
    return data_dir() / "raw"


def mirror_dir() -> Path:
    return data_dir() / "mirror"


def database_path() -> Path:
    return _path("PAMYAT_DATABASE", data_dir() / "pamyat.db")


def metadata_path() -> Path:
    return PROJECT_ROOT / "metadata.yml"


def judgements_path() -> Path:
    """Human link / not-link judgements: committed with the project, read by every build."""
    return _path("PAMYAT_JUDGEMENTS", PROJECT_ROOT / "data" / "judgements.csv")


def reports_dir() -> Path:
    """Morning reports of `pamyat nightly` (Markdown and JSON)."""
    return data_dir() / "reports"


def download_timeout() -> float | None:
    """PAMYAT_DOWNLOAD_TIMEOUT (seconds) replaces the crawl's timeout, e.g. in fault tests."""
    value = os.environ.get("PAMYAT_DOWNLOAD_TIMEOUT")
    return float(value) if value else None


def corrections_email() -> str:
    """PAMYAT_CORRECTIONS_EMAIL: where readers' reports of a wrong link go (empty: the
    reader's mail program asks for the address)."""
    return os.environ.get("PAMYAT_CORRECTIONS_EMAIL", "")


def public_url() -> str:
    """PAMYAT_PUBLIC_URL: where the public reaches the portal (the reconciliation manifest's
    links); never taken from a request's Host header."""
    return os.environ.get("PAMYAT_PUBLIC_URL", "http://127.0.0.1:8001").rstrip("/")


def crawl_deadline() -> int | None:
    """PAMYAT_CRAWL_DEADLINE (seconds) replaces every source's crawl deadline (source.yml's
    `deadline_seconds`), e.g. in fault tests."""
    value = os.environ.get("PAMYAT_CRAWL_DEADLINE")
    return int(value) if value else None


def nightly_deadline() -> int:
    """PAMYAT_NIGHTLY_DEADLINE: seconds a whole nightly (crawl and build) may take; 6 hours."""
    return int(os.environ.get("PAMYAT_NIGHTLY_DEADLINE") or 6 * 3600)


def configure_logging() -> None:
    """One log format for the command and the crawling processes it starts."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
