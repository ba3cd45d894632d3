"""The snapshot cache: a warm start needs no pandas, and any change to the files misses it."""

import os
import subprocess
import sys
import time

from core.cache import (KEEP_PER_DIRECTORY, _cache_path, cache_dir, cached_snapshot, cached_start_view,
                        load_snapshot_cached, store_start_view)

HEADER = "period,flow,item,partner,value_usd\n"


def test_a_warm_start_reads_the_cache_without_pandas(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    assert cached_snapshot(data_dir) is None
    load_snapshot_cached(data_dir)
    program = ("import sys, pathlib; from core.cache import cached_snapshot;"
               f"s = cached_snapshot(pathlib.Path({str(data_dir)!r}));"
               "print(s.release(s.latest).headline.exports.value_usd, 'pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                            env=os.environ | {"XDG_CACHE_HOME": str(cache_dir().parent)})
    assert result.stdout.split() == ["100.0", "False"]


def test_any_change_to_the_files_misses_the_cache(data_dir):
    trade = data_dir / "trade.csv"
    trade.write_text(HEADER + "2026-01,export,total,world,100\n")
    load_snapshot_cached(data_dir)
    trade.write_text(HEADER + "2026-01,export,total,world,200\n")
    assert cached_snapshot(data_dir) is None
    assert load_snapshot_cached(data_dir).release(0 + 2026 * 12).headline.exports.value_usd == 200


def test_a_damaged_cache_is_only_a_miss(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    load_snapshot_cached(data_dir)
    for entry in cache_dir().glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cached_snapshot(data_dir) is None
    assert load_snapshot_cached(data_dir).months == (2026 * 12,)


def test_the_start_view_used_most_recently_outlives_the_pruning(data_dir):
    """Opening other months now and then must not evict the view opened every day (no --period)."""
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    view = load_snapshot_cached(data_dir).main_view(2026 * 12, "export", "motie15")
    written_long_ago = time.time() - 1000  # explicit times: file systems differ in how fine theirs are
    store_start_view(data_dir, None, "motie15", view)
    os.utime(_cache_path(data_dir, "view", None, "motie15"), (written_long_ago, written_long_ago))
    for month in range(1, 1 + KEEP_PER_DIRECTORY):
        store_start_view(data_dir, 2025 * 12 + month, "motie15", view)
        later = written_long_ago + month
        os.utime(_cache_path(data_dir, "view", 2025 * 12 + month, "motie15"), (later, later))
        assert cached_start_view(data_dir, None, "motie15") == view  # the daily start, read again
    assert cached_start_view(data_dir, 2025 * 12 + 1, "motie15") is None  # the least recently used went
