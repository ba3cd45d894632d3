"""Live refresh in core: watching, settled reloads, and what a reload brought."""

import shutil
import threading
import time

import pytest

from core.base.periods import parse_period
from core.base.problems import DataError
from core.engine.snapshot import load_snapshot
from core.runtime.refresh import load_settled, watch_changes, what_arrived

HEADER = "period,flow,item,partner,value_usd\n"


def test_a_new_month_and_a_revised_figure_are_told_apart(data_dir):
    trade = data_dir / "trade.csv"
    trade.write_text(HEADER + "2025-01,export,total,world,100\n2026-01,export,total,world,120\n")
    old = load_snapshot(data_dir)
    trade.write_text(
        HEADER + "2025-01,export,total,world,100\n2026-01,export,total,world,125\n2026-02,export,total,world,130\n"
    )
    new, arrival = what_arrived(old, load_snapshot(data_dir))
    assert arrival.new_months == (parse_period("2026-02"),)
    assert [(r.period, r.old_usd, r.new_usd) for r in arrival.revisions] == [("2026-01", 120, 125)]
    assert new.revisions[("export", "total", "world")][0].text == "2026-01 revised from $120 to $125"
    assert arrival.summary(new) == "2026-02: exports $130, n/a; 1 revised figure(s) for 2026-01"


def test_nothing_arrived_when_nothing_changed(shipped_snapshot):
    _, arrival = what_arrived(shipped_snapshot, shipped_snapshot)
    assert arrival.is_empty and arrival.summary(shipped_snapshot) == "no new figures"


def test_released_dates_give_the_revision_history(data_dir):
    (data_dir / "first.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    (data_dir / "second.csv").write_text(
        "period,flow,item,partner,value_usd,released\n2026-01,export,total,world,104,2026-03-01\n"
    )
    revisions = load_snapshot(data_dir).revisions[("export", "total", "world")]
    assert [r.text for r in revisions] == ["2026-01 revised from $100 to $104 (released 2026-03-01)"]


def test_a_half_written_file_is_retried_after_the_debounce(data_dir):
    trade = data_dir / "trade.csv"
    trade.write_text(HEADER + "2026-01,export,total,world,1")  # cut off mid-row...
    trade.write_text(HEADER + "2026-01,export,total")
    finish = threading.Timer(0.1, lambda: trade.write_text(HEADER + "2026-01,export,total,world,100\n"))
    finish.start()
    assert load_settled(data_dir, settle=0.4).months == (parse_period("2026-01"),)


def test_a_file_still_broken_after_the_debounce_is_reported(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total\n")
    with pytest.raises(DataError, match=r"trade\.csv:2: incomplete row"):
        load_settled(data_dir, settle=0.05)


@pytest.mark.parametrize("force_polling", [False, True], ids=["inotify", "polling"])
def test_watching_yields_once_a_burst_of_writes_settles(data_dir, force_polling):
    stop = threading.Event()
    seen = []

    def watch():
        for _ in watch_changes(data_dir, stop, debounce=0.2, force_polling=force_polling):
            seen.append(time.monotonic())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    time.sleep(0.7)  # let the watcher take its first look
    for value in range(3):  # a burst: a temp file, renamed in, then rewritten
        temporary = data_dir / ".new.csv.tmp"
        temporary.write_text(HEADER + f"2026-01,export,total,world,{value}\n")
        temporary.rename(data_dir / "new.csv")
        time.sleep(0.05)
    deadline = time.monotonic() + 3
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    watcher.join(timeout=3)
    assert len(seen) == 1


@pytest.mark.parametrize("force_polling", [False, True], ids=["inotify", "polling"])
def test_a_directory_deleted_and_made_again_is_still_watched(data_dir, force_polling):
    """`rm -rf D; mkdir D`, then a file written into the new D: it is noticed."""
    stop = threading.Event()
    seen = []

    def watch():
        for _ in watch_changes(data_dir, stop, debounce=0.2, force_polling=force_polling):
            seen.append(time.monotonic())

    def wait_for_more_than(count: int) -> None:
        deadline = time.monotonic() + 5
        while len(seen) <= count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(seen) > count

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    time.sleep(0.7)  # let the watcher take its first look
    shutil.rmtree(data_dir)
    wait_for_more_than(0)  # catalog.csv went with it
    data_dir.mkdir()
    time.sleep(1.5)  # the new directory is there a while before anything is written into it
    before = len(seen)
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,100\n")
    wait_for_more_than(before)
    stop.set()
    watcher.join(timeout=3)
