"""A full disk never breaks what is published: the build checks the free space first and says
the figures, a disk that fills up during the build gives a clean "build failed: …", and no
temporary file of any kind is left behind."""

import os
import resource
import shutil
import subprocess

import pytest

from conftest import PAMYAT, run_pamyat
from etl.publish.database import FREE_SPACE_FACTOR
from pamyat.mirror.server import MirrorServer


@pytest.fixture(scope="module")
def built(mirror_root, tmp_path_factory):
    """A data folder with a Rada run and its database."""
    folder = tmp_path_factory.mktemp("disk") / "data"
    folder.mkdir()
    with MirrorServer(mirror_root) as server:
        run_pamyat(folder, "crawl", "rada", "--mirror", server.url)
    run_pamyat(folder, "build")
    return folder


@pytest.fixture
def data(built, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(built, folder, ignore=shutil.ignore_patterns("mirror"))
    return folder


def build_with_file_size_limit(data, limit_bytes):
    """`pamyat build` where no file may grow past `limit_bytes`: writes then fail as on a full
    disk (EFBIG; Python ignores SIGXFSZ), while the free space looks ample."""

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "PAMYAT_DATA_DIR": str(data)}
    return subprocess.run(
        [*PAMYAT, "build"], env=env, preexec_fn=limit, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("share", [0.2, 0.99])  # full while loading, or while indexing
def test_a_disk_that_fills_during_the_build_leaves_the_database_as_it_was(data, share):
    published = (data / "pamyat.db").read_bytes()
    stale = data / "pamyat.db.999.tmp-journal"  # left by a build killed long ago
    stale.write_bytes(b"x")
    result = build_with_file_size_limit(data, int(len(published) * share))
    assert result.returncode == 1
    (message,) = [line for line in result.stderr.splitlines() if line.startswith("build failed")]
    assert "database or disk is full" in message or "disk I/O error" in message
    assert message.endswith(f"the published database {data / 'pamyat.db'} was left as it was")
    assert "Traceback" not in result.stderr
    assert (data / "pamyat.db").read_bytes() == published
    assert sorted(p.name for p in data.glob("pamyat.db*")) == ["pamyat.db"]


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB file system of its own (tmpfs; the tests run as root, as CI does)."""
    if os.geteuid() != 0:
        pytest.fail("mounting a small file system needs root, as CI has")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_build_the_disk_cannot_hold_is_refused_with_the_figures(data, small_disk):
    target = small_disk / "pamyat.db"
    shutil.copy(data / "pamyat.db", target)
    size = target.stat().st_size
    free = shutil.disk_usage(small_disk).free
    assert free < FREE_SPACE_FACTOR * size  # the situation under test
    result = run_pamyat(data, "build", check=False, env={"PAMYAT_DATABASE": str(target)})
    assert result.returncode == 1
    needed = FREE_SPACE_FACTOR * size / 1e6
    assert (
        f"build failed: not enough free space in {small_disk}: {free / 1e6:.1f} MB free, about "
        f"{needed:.1f} MB needed ({FREE_SPACE_FACTOR} × {size / 1e6:.1f} MB)"
    ) in result.stderr
    assert target.read_bytes() == (data / "pamyat.db").read_bytes()
    assert sorted(p.name for p in small_disk.iterdir()) == ["pamyat.db"]
