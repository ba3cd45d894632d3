"""The snapshot cache: a warm start needs no pandas, and any change to the files misses it."""

import os
import subprocess
import sys

from core.cache import cache_dir, cached_snapshot, load_snapshot_cached

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
