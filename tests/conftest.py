import json
import os
import shutil
from pathlib import Path

import pytest

from core.ingest.datadir import embedded_data_dir
from tui.cli import main

SHIPPED = embedded_data_dir()


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own snapshot cache, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def private_crash_logs(tmp_path_factory, monkeypatch):
    """A crash in a test is logged in its own folder, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def anyio_backend():
    """The Pilot tests run on asyncio, as Textual does."""
    return "asyncio"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A copy of the shipped data with fixed file times, for a module's tests that only read it."""
    from dashboard_helpers import copy_of_shipped_data

    return copy_of_shipped_data(tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="module")
def flash_pending(tmp_path_factory):
    """The shipped data as it stood from 2026-08-21 to the release of 2026-09-01: 2026-08 had only its 10-day
    flash (days 1-10 and 1-20), the latest release was 2026-07. For the tests of a preliminary month."""
    from dashboard_helpers import copy_of_shipped_data

    return copy_of_shipped_data(tmp_path_factory.mktemp("pending"), pending="2026-08")


@pytest.fixture(scope="session")
def shipped_snapshot():
    from core.engine.snapshot import load_snapshot

    return load_snapshot(SHIPPED)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data directory holding only the shipped catalog; tests add their own trade files."""
    directory = tmp_path / "data"
    directory.mkdir()
    shutil.copy(SHIPPED / "catalog.csv", directory / "catalog.csv")
    return directory


@pytest.fixture
def run_cli(capsys):
    """Run `tradetop ARGS`; returns (exit code, stdout, stderr)."""

    def run(*args: str):
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def brief_json(run_cli):
    def brief(*args: str) -> dict:
        code, out, err = run_cli("brief", "--json", *args)
        assert code == 0, err
        return json.loads(out)

    return brief


@pytest.fixture
def environment(tmp_path):
    """A cold snapshot cache, so that the monitor starts its loader process, and a private crash log folder."""
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        TERM="xterm-256color",
    )
    env.pop("TRADETOP_DATA", None)
    return env
