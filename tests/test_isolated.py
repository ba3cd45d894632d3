"""Loading in the child process: the same snapshot, the same errors, and no pandas in the parent."""

import os
import subprocess
import sys
import time

import pytest

from core.base.problems import DataError
from core.base.subjects import ENGLISH, KOREAN
from core.engine.model import DEFAULT_ITEM_SET
from core.runtime.cache import cached_start_view, snapshot_cached
from core.runtime.isolated import LoaderStopped, load_isolated, shutdown, start_loading, started_view

HEADER = "period,flow,item,partner,value_usd\n"


@pytest.fixture(autouse=True)
def fresh_loader():
    yield
    shutdown()


def test_the_child_gives_the_same_snapshot(shipped_snapshot):
    from core.ingest.datadir import embedded_data_dir

    snapshot = load_isolated(embedded_data_dir())
    assert snapshot.months == shipped_snapshot.months
    assert snapshot.release(snapshot.latest) == shipped_snapshot.release(shipped_snapshot.latest)


def test_data_errors_come_back_with_file_and_line(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-13,export,total,world,5\n")
    with pytest.raises(DataError) as raised:
        load_isolated(data_dir)
    assert (
        str(raised.value.problems[0])
        == f"{data_dir / 'trade.csv'}:2: period '2026-13' is not a month (expected YYYY-MM with month 01-12)"
    )


def test_the_parent_never_imports_pandas(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n")
    program = (
        f"import sys, pathlib; from core.runtime.isolated import load_isolated, shutdown;"
        f"s = load_isolated(pathlib.Path({str(data_dir)!r})); shutdown();"
        "print(s.release(s.latest).headline.exports.value_usd, 'pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["5.0", "False"]


def exports(snapshot) -> float:
    return snapshot.release(snapshot.latest).headline.exports.value_usd


@pytest.fixture
def settled_dir(data_dir):
    """A data directory with one month's exports of 5, its files stamped an hour back so that they count as
    settled (a load caches them)."""
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n")
    an_hour_ago = time.time() - 3600
    for path in data_dir.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    return data_dir


def test_the_first_load_is_the_one_started_before_the_app(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n")
    start_loading(data_dir, None, DEFAULT_ITEM_SET, ENGLISH)
    assert exports(load_isolated(data_dir)) == 5.0


def test_a_started_load_is_not_used_once_the_files_have_changed(settled_dir):
    """The started load has read and cached the settled files before one changes: the first load reads them
    again."""
    start_loading(settled_dir, None, DEFAULT_ITEM_SET, ENGLISH)
    deadline = time.monotonic() + 60
    while not snapshot_cached(settled_dir):
        assert time.monotonic() < deadline, "the started load never finished"
        time.sleep(0.05)
    (settled_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,7\n")
    assert exports(load_isolated(settled_dir)) == 7.0


def die(directory) -> None:
    """In the loader process, in place of a load: the process ends at once, as killed."""
    os._exit(1)


def test_a_loader_process_that_dies_is_a_data_problem_and_the_next_load_starts_another(data_dir, monkeypatch):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n")
    with monkeypatch.context() as patched:
        patched.setattr("core.runtime.isolated.load_and_cache", die)
        with pytest.raises(LoaderStopped) as raised:
            load_isolated(data_dir)
    assert isinstance(raised.value, DataError)  # a settled load tries once more, as after a half-written file
    assert str(raised.value) == f"{data_dir}: the loader process stopped unexpectedly"
    assert exports(load_isolated(data_dir)) == 5.0


def test_the_started_load_gives_the_view_the_monitor_opens_on_then_its_snapshot(data_dir, tmp_path):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n2026-02,export,total,world,7\n")
    start_loading(data_dir, 2026 * 12, DEFAULT_ITEM_SET, ENGLISH)
    assert started_view(tmp_path, ENGLISH) is None  # not the directory it loads
    deadline = time.monotonic() + 60
    while (
        view := started_view(data_dir, ENGLISH)
    ) is None:  # waited for a second at a time, on a busy machine maybe more
        assert time.monotonic() < deadline, "the started load never gave its view"
    assert view.month == 2026 * 12 and view.release.headline.exports.value_usd == 5.0
    assert exports(load_isolated(data_dir)) == 7.0  # the latest month's


def test_a_started_load_that_fails_has_no_view_and_says_why_when_loaded(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-13,export,total,world,5\n")
    start_loading(data_dir, None, DEFAULT_ITEM_SET, ENGLISH)
    assert started_view(data_dir, ENGLISH) is None
    with pytest.raises(DataError, match="is not a month"):
        load_isolated(data_dir)


def test_a_started_load_in_korean_gives_a_korean_view_then_caches_it_with_its_snapshot(settled_dir):
    """The view is sent before anything is cached; the cache entries follow in the loader process (the files are
    settled)."""
    start_loading(settled_dir, None, DEFAULT_ITEM_SET, KOREAN)
    assert started_view(settled_dir, ENGLISH) is None  # not the language it computes
    deadline = time.monotonic() + 60
    while (view := started_view(settled_dir, KOREAN)) is None:
        assert time.monotonic() < deadline, "the started load never gave its view"
    assert view.lang == KOREAN and view.card_titles["exports"] == "수출"
    while (cached := cached_start_view(settled_dir, None, DEFAULT_ITEM_SET, KOREAN)) is None:
        assert time.monotonic() < deadline, "the started load never cached its view"
    assert cached == view and snapshot_cached(settled_dir)
