"""The snapshot cache: a warm start needs no pandas, and any change to the files misses it."""

import os
import subprocess
import sys
import time
from pathlib import Path

from cache_helpers import data_entries

from core.runtime.cache import (
    cached_snapshot,
    cached_start_view,
    load_and_cache,
    load_snapshot_cached,
    store_start_view,
)
from core.runtime.cache_files import KEEP_PER_GROUP, cache_dir
from core.views.main_view import main_view

HEADER = "period,flow,item,partner,value_usd\n"


def write_settled(path, text: str) -> None:
    """As if it and the other files (the catalog) were written ten seconds ago: the cache keeps no load of
    a file written within the last two seconds."""
    path.write_text(text)
    written = time.time_ns() - 10 * 10**9
    for each in path.parent.iterdir():
        os.utime(each, ns=(written, written))


def test_a_warm_start_reads_the_cache_without_pandas(data_dir):
    write_settled(data_dir / "trade.csv", HEADER + "2026-01,export,total,world,100\n")
    assert cached_snapshot(data_dir) is None
    load_snapshot_cached(data_dir)
    program = (
        "import sys, pathlib; from core.runtime.cache import cached_snapshot;"
        f"s = cached_snapshot(pathlib.Path({str(data_dir)!r}));"
        "print(s.release(s.latest).headline.exports.value_usd, 'pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"XDG_CACHE_HOME": str(cache_dir().parent)},
    )
    assert result.stdout.split() == ["100.0", "False"]


def test_any_change_to_the_files_misses_the_cache(data_dir):
    trade = data_dir / "trade.csv"
    write_settled(trade, HEADER + "2026-01,export,total,world,100\n")
    load_snapshot_cached(data_dir)
    write_settled(trade, HEADER + "2026-01,export,total,world,200\n")
    assert cached_snapshot(data_dir) is None
    assert load_snapshot_cached(data_dir).release(0 + 2026 * 12).headline.exports.value_usd == 200


def test_a_damaged_cache_is_only_a_miss(data_dir):
    write_settled(data_dir / "trade.csv", HEADER + "2026-01,export,total,world,100\n")
    load_snapshot_cached(data_dir)
    entries = list(cache_dir().iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"not a cache entry")
    assert cached_snapshot(data_dir) is None
    assert load_snapshot_cached(data_dir).months == (2026 * 12,)
    assert cached_snapshot(data_dir).months == (2026 * 12,)  # rebuilt


def test_a_load_of_files_written_just_now_is_not_cached(data_dir):
    """Their size and mtime may not tell one version from the next yet (a coarse clock tick; 2 s on FAT)."""
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    snapshot = load_snapshot_cached(data_dir)
    store_start_view(snapshot, None, "motie15", main_view(snapshot, 2026 * 12))
    assert cached_snapshot(data_dir) is None
    assert cached_start_view(data_dir, None, "motie15") is None
    assert data_entries() == []


def test_the_start_view_used_most_recently_outlives_the_pruning(data_dir):
    """Opening other months now and then must not evict the view opened every day (no --period)."""
    write_settled(data_dir / "trade.csv", HEADER + "2026-01,export,total,world,100\n")
    snapshot = load_snapshot_cached(data_dir)
    view = main_view(snapshot, 2026 * 12, "export", "motie15")

    def store(month: int | None, when: float) -> None:
        """Explicit times: file systems differ in how fine theirs are."""
        before = set(cache_dir().iterdir())
        store_start_view(snapshot, month, "motie15", view)
        (stored,) = set(cache_dir().iterdir()) - before
        os.utime(stored, (when, when))

    written_long_ago = time.time() - 1000
    store(None, written_long_ago)
    for month in range(1, 1 + KEEP_PER_GROUP):
        store(2025 * 12 + month, written_long_ago + month)
        assert cached_start_view(data_dir, None, "motie15") == view  # the daily start, read again
    assert cached_start_view(data_dir, 2025 * 12 + 1, "motie15") is None  # the least recently used went


# Synthetic figures, as in the race that was reported: the file says $63bn when the load stamps it and $61bn
# (the same size) once it has been read.
SIXTY_THREE, SIXTY_ONE = (
    HEADER + f"2026-01,export,total,world,{value}\n" for value in (63_000_000_000, 61_000_000_000)
)


def exports(snapshot) -> float:
    return snapshot.release(snapshot.latest).headline.exports.value_usd


def rewrite_when_read(patch, path, texts: list[str], mtime_ns) -> list[str]:
    """Each read of `path` returns what it held, then rewrites it with the next of `texts` and gives it
    `mtime_ns(text)`: a writer racing the load. `patch` is a monkeypatch context; returns the texts written."""
    written = []
    read_bytes = Path.read_bytes

    def read_then_rewrite(self):
        content = read_bytes(self)
        if self == path and len(written) < len(texts):
            text = texts[len(written)]
            written.append(text)
            stamp = mtime_ns(text)
            self.write_text(text)
            os.utime(self, ns=(stamp, stamp))
        return content

    patch.setattr(Path, "read_bytes", read_then_rewrite)
    return written


def test_a_file_rewritten_while_it_loads_is_loaded_again_and_the_old_figures_never_cached(
    data_dir, monkeypatch, run_cli
):
    trade = data_dir / "trade.csv"
    write_settled(trade, SIXTY_THREE)
    with monkeypatch.context() as patch:
        written = rewrite_when_read(patch, trade, [SIXTY_ONE], lambda _text: time.time_ns() - 5 * 10**9)
        assert exports(load_and_cache(data_dir)) == 61e9  # what the monitor shows: the second load
    assert written == [SIXTY_ONE]
    assert exports(cached_snapshot(data_dir)) == 61e9
    assert exports(load_snapshot_cached(data_dir)) == 61e9
    code, out, _ = run_cli("brief", "--data", str(data_dir))
    assert code == 0 and "$61.00bn" in out and "$63.00bn" not in out


def test_a_file_that_keeps_changing_while_it_loads_is_returned_but_not_cached(data_dir, monkeypatch):
    trade = data_dir / "trade.csv"
    write_settled(trade, SIXTY_THREE)
    with monkeypatch.context() as patch:
        written = rewrite_when_read(
            patch, trade, [SIXTY_ONE, SIXTY_THREE, SIXTY_ONE], lambda _text: time.time_ns() - 5 * 10**9
        )
        load_and_cache(data_dir)
    assert len(written) == 2  # one rewrite in each of the two loads
    assert cached_snapshot(data_dir) is None
    assert exports(load_snapshot_cached(data_dir)) == 63e9  # what the file says now
    assert exports(cached_snapshot(data_dir)) == 63e9


def test_a_rewrite_within_the_same_timestamp_is_never_cached(data_dir, monkeypatch):
    """A coarse clock gives a rewrite of the same size the same mtime: the stamps cannot tell, so a load of
    files written in the last two seconds is not cached."""
    trade = data_dir / "trade.csv"
    trade.write_text(SIXTY_THREE)
    same = trade.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        rewrite_when_read(patch, trade, [SIXTY_ONE], lambda _text: same)
        load_and_cache(data_dir)
    assert trade.stat().st_mtime_ns == same
    assert cached_snapshot(data_dir) is None
    assert exports(load_snapshot_cached(data_dir)) == 61e9


def test_a_start_view_is_stored_under_the_files_its_snapshot_read(data_dir, monkeypatch):
    """Not under the files as they are when it is stored: a file changed in between would get old figures."""
    trade = data_dir / "trade.csv"
    write_settled(trade, SIXTY_THREE)
    snapshot = load_snapshot_cached(data_dir)
    write_settled(trade, SIXTY_ONE)
    store_start_view(snapshot, None, "motie15", main_view(snapshot, snapshot.latest))
    assert cached_start_view(data_dir, None, "motie15") is None
    # Files back as the snapshot read them, stamps and all (a ctime cannot be set back: the stamps are given):
    monkeypatch.setattr("core.runtime.cache.file_stamps", lambda directory: snapshot.files)
    assert exports(cached_snapshot(data_dir)) == 63e9
    assert cached_start_view(data_dir, None, "motie15").release.headline.exports.value_usd == 63e9


def test_brief_reads_the_cache_and_prints_the_same_as_from_the_files(tmp_path, monkeypatch, run_cli):
    from dashboard_helpers import copy_of_shipped_data

    import core.ingest.loader

    data = str(copy_of_shipped_data(tmp_path))
    from_files = [
        run_cli("brief", "--data", data, "--period", period, *json)
        for period in ("2026-01", "2026-08")
        for json in ((), ("--json",))
    ]
    assert all(code == 0 for code, _, _ in from_files) and "$65.84bn" in from_files[0][1]

    def no_loading(directory):
        raise AssertionError("the files were read again")

    monkeypatch.setattr(core.ingest.loader, "load_directory", no_loading)
    from_cache = [
        run_cli("brief", "--data", data, "--period", period, *json)
        for period in ("2026-01", "2026-08")
        for json in ((), ("--json",))
    ]
    assert from_cache == from_files


def test_brief_of_a_missing_directory_is_a_data_problem_not_a_crash(tmp_path, run_cli):
    for missing in (tmp_path / "nowhere", tmp_path / "a-file"):
        if missing.name == "a-file":
            missing.write_text("")
        code, out, err = run_cli("brief", "--data", str(missing))
        assert (code, out) == (1, "") and err.startswith(f"{missing}: no such data directory")


def test_a_same_size_rewrite_given_back_its_old_mtime_misses_the_cache(data_dir, run_cli):
    """As `cp -p`, `rsync -a` or `touch -d` leave a file: its size and mtime tell nothing, its ctime does."""
    trade = data_dir / "trade.csv"
    write_settled(trade, HEADER + "2026-01,export,total,world,63000000000\n")
    assert "$63.00bn" in run_cli("brief", "--data", str(data_dir))[1]
    old = trade.stat()
    trade.write_text(HEADER + "2026-01,export,total,world,61000000000\n")
    os.utime(trade, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert (trade.stat().st_size, trade.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert "$61.00bn" in run_cli("brief", "--data", str(data_dir))[1]
