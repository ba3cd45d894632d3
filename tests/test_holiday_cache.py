"""The Korean holidays cached beside the snapshots: a load of new files (a release day's cold start) counts working
days from them without the holidays package, and gets the same figures."""

import json
import os
import subprocess
import sys

from cache_helpers import data_entries
from dashboard_helpers import copy_of_shipped_data

from core.base import workdays
from core.runtime import holiday_cache

# Working days of every month of the shipped data, from a load; and whether the holidays package was imported.
LOAD = """
import json, sys
from pathlib import Path
from core.base.subjects import HEADLINE
from core.runtime.cache import load_uncached
snapshot, _ = load_uncached(Path(sys.argv[1]))
days = snapshot.history(HEADLINE, "working_days", snapshot.latest, len(snapshot.months)).values
print(json.dumps([days, "holidays.countries.south_korea" in sys.modules]))
"""


def load(directory) -> tuple[list[float], bool]:
    result = subprocess.run(
        [sys.executable, "-c", LOAD, str(directory)], capture_output=True, text=True, env=os.environ, timeout=60
    )
    days, imported = json.loads(result.stdout.strip().splitlines()[-1])
    return days, imported


def test_a_load_of_new_files_counts_working_days_from_the_cached_holidays(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    days, imported = load(directory)
    assert imported  # an empty cache: the package worked them out
    # 2025-01 (Lunar New Year and its extra holiday) and 2026-01 (New Year's Day on a Thursday), as the release says
    assert (days[-9 - 12], days[-9]) == (20.0, 23.5)  # the shipped data ends at 2026-09
    for entry in data_entries():
        entry.unlink()  # as new files would miss them
    assert load(directory) == (days, False)


def test_another_release_of_the_holidays_package_misses_them(tmp_path, monkeypatch):
    directory = copy_of_shipped_data(tmp_path)
    assert load(directory)[1]
    assert 2026 in holiday_cache.read_holidays()
    source = workdays.holidays_source()
    assert source is not None
    upgraded = tuple((path, size + 1, mtime) for path, size, mtime in source)
    monkeypatch.setattr(workdays, "holidays_source", lambda: upgraded)
    assert holiday_cache.read_holidays() == frozenset()
