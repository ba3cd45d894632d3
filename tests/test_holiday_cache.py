"""The Korean holidays cached beside the snapshots: a load of new files (a release day's cold start) counts working
days from them without the holidays package, and gets the same figures; an entry that does not hold what the package
worked out, or whose package files changed since, is a miss. Each load runs in a process of its own, as the loader
does: the holidays a process knows stay with it."""

import json
import os
import subprocess
import sys

from cache_helpers import data_entries
from dashboard_helpers import copy_of_shipped_data

from core.runtime import holiday_cache
from core.runtime.cache_files import cache_dir

# Working days of every month of the shipped data, from a load; and whether any of the holidays package was imported.
LOAD = """
import json, sys
from pathlib import Path
from core.base.subjects import HEADLINE
from core.runtime.cache import load_and_cache
snapshot = load_and_cache(Path(sys.argv[1]))
days = snapshot.history(HEADLINE, "working_days", snapshot.latest, len(snapshot.months)).values
print(json.dumps([days, any(name.split(".")[0] == "holidays" for name in sys.modules)]))
"""


def load(directory) -> tuple[list[float], bool]:
    for entry in data_entries():
        entry.unlink()  # as new files would miss them
    result = subprocess.run(
        [sys.executable, "-c", LOAD, str(directory)], capture_output=True, text=True, env=os.environ, timeout=60
    )
    assert result.returncode == 0, result.stderr
    days, imported = json.loads(result.stdout.strip().splitlines()[-1])
    return days, imported


def holidays_entry():
    (entry,) = cache_dir().glob(f"{holiday_cache.GROUP}-*")
    return entry


def test_a_load_of_new_files_counts_working_days_from_the_cached_holidays(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    days, imported = load(directory)
    assert imported  # an empty cache: the package worked them out
    # 2025-01 (Lunar New Year and its extra holiday) and 2026-01 (New Year's Day on a Thursday), as the release says
    assert (days[-9 - 12], days[-9]) == (20.0, 23.5)  # the shipped data ends at 2026-09
    assert load(directory) == (days, False)


def test_an_entry_not_as_the_package_wrote_it_or_of_changed_package_files_is_a_miss(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    days, _ = load(directory)
    key, (files, years, dates) = json.loads(holidays_entry().read_bytes())
    january = years.index(2026)
    path, size, mtime = files[0]
    for planted in (
        [files, years, [*dates[:january], [dates[january][0], *dates[january]], *dates[january + 1 :]]],  # twice
        [files, years, [*dates[:january], dates[january][::-1], *dates[january + 1 :]]],  # out of order
        [files, [*years[:-1], years[0]], dates],  # a year twice
        [[[path, size, mtime + 1], *files[1:]], years, dates],  # a file of the package changed since
    ):
        holidays_entry().write_text(json.dumps([key, planted]))
        assert load(directory) == (days, True)  # worked out again, and the entry written again
        assert load(directory) == (days, False)
