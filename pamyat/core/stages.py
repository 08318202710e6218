"""Seconds and peak memory of each step of a build, so that the nightly report and the
benchmarks (bench/results.md) say where the time goes."""

import logging
import resource
import time
from contextlib import contextmanager, suppress
from pathlib import Path

log = logging.getLogger("pamyat.stages")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _reset_peak() -> None:
    """Linux lets a process reset its peak resident memory (VmHWM) by writing 5 to clear_refs;
    elsewhere the peak is the process's own since it started."""
    with suppress(OSError):
        CLEAR_REFS.write_text("5")


def peak_memory_mb(process: int | str = "self") -> int:
    """The peak resident memory of this process, or of another one by its pid (Linux only;
    elsewhere this process's own, and 0 for another)."""
    try:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    if process != "self":
        return 0
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


class Stages:
    def __init__(self) -> None:
        self.measured: list[dict] = []

    @contextmanager
    def stage(self, name: str):
        """Measures the block; the caller may set `items` on what it yields (rows, records)."""
        _reset_peak()
        entry: dict[str, str | int | float | None] = {"stage": name, "items": None}
        started = time.perf_counter()
        yield entry
        entry["seconds"] = round(time.perf_counter() - started, 2)
        entry["peak_memory_mb"] = peak_memory_mb()
        self.measured.append(entry)
        log.info(
            "%s: %.1f s, %s items, peak %d MB",
            name,
            entry["seconds"],
            entry["items"],
            entry["peak_memory_mb"],
        )
