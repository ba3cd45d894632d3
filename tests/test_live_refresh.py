"""Live refresh in the monitor: files changed under a running app, watched through inotify, on a copy of the
shipped data. Where a test needs a month the shipped data lacks, it writes synthetic rows (2026-07's copied
as 2026-08) and says so."""

import shutil
import time
from pathlib import Path

import pytest
from dashboard_helpers import FIXED_NOW, copy_of_shipped_data, make_app, record_notifications, wait_for_data

from core.base import fmt
from core.base.periods import format_period, parse_period
from core.views.drilldown_view import Subject
from tui.app import TradetopApp
from tui.screens.drilldown import DrilldownScreen
from tui.widgets.error_bar import ErrorBar
from tui.widgets.headline_cards import HeadlineCards

pytestmark = pytest.mark.anyio


@pytest.fixture
def directory(tmp_path):
    """Without the 2026-08 and 2026-09 release-day totals: 2026-07 the latest release, so a new 2026-08 can arrive."""
    directory = copy_of_shipped_data(tmp_path)
    (directory / "release_prelim_2026.csv").unlink()
    return directory


def synthetic_august(directory: Path, scale: float = 1.0) -> str:
    """Synthetic: 2026-07's rows of monthly.csv relabelled 2026-08 (values times `scale`), as one CSV text."""
    header, *rows = (directory / "monthly.csv").read_text(encoding="utf-8").splitlines()
    august = []
    for row in rows:
        if row.startswith("2026-07,"):
            _period, flow, item, partner, value, source = row.split(",")
            august.append(f"2026-08,{flow},{item},{partner},{round(float(value) * scale)},{source}")
    return "\n".join([header, *august]) + "\n"


def drop_in(path: Path, text: str) -> None:
    """As a downloader would: write under a hidden temporary name, then rename into place."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.rename(path)


async def started(pilot) -> None:
    """Data loaded, and a moment for the watcher to take its first look at the directory."""
    await wait_for_data(pilot)
    await pilot.pause(0.3)


async def wait_until(pilot, condition, timeout: float) -> float:
    """Seconds until `condition()` held; fails after `timeout`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        await pilot.pause(0.05)
    return time.monotonic() - start


def header_text(app) -> str:
    return app.screen.query_one("#status").render().plain


def error_text(app) -> str:
    bar = app.screen.query_one(ErrorBar)
    return bar.render().plain if bar.display else ""


def exports_card(app) -> str:
    return app.screen.query_one(HeadlineCards).figures["exports"].values[0]


async def test_a_new_month_renamed_in_is_shown_within_3_seconds_when_on_the_latest(directory):
    app = make_app(directory, period=None)
    said = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        assert format_period(app.month) == "2026-07"
        drop_in(directory / "synthetic-2026-08.csv", synthetic_august(directory))
        await wait_until(pilot, lambda: header_text(app).startswith("2026-08"), timeout=3)
        exports = app.snapshot.release(app.month).headline.exports
        assert [notice.message for notice in said] == [
            f"2026-08: exports {fmt.usd(exports.value_usd)}, {fmt.pct(exports.yoy_pct)}"
        ]
        # The header names the latest month only while another is shown.
        assert "latest" not in header_text(app) and not error_text(app)


async def test_a_user_on_an_older_month_stays_there_and_polling_sees_the_new_month_too(directory):
    # The clock fixed: on a day when the files lack a release that is out, the header names it in place of the rest.
    app = TradetopApp(directory, parse_period("2026-01"), force_polling=True, clock=lambda: FIXED_NOW)
    said = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        shown = exports_card(app)
        drop_in(directory / "synthetic-2026-08.csv", synthetic_august(directory))
        await wait_until(pilot, lambda: "latest 2026-08" in header_text(app), timeout=3)
        assert format_period(app.month) == "2026-01" and exports_card(app) == shown
        assert any(notice.message.startswith("2026-08: exports") for notice in said)


async def test_a_broken_row_shows_file_and_line_over_the_last_good_data_until_restored(directory):
    app = make_app(directory, period=None)
    monthly = directory / "monthly.csv"
    good = monthly.read_bytes()
    lines = good.count(b"\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        shown = exports_card(app)
        with monthly.open("a", encoding="utf-8") as file:  # synthetic broken row
            file.write("2026-07,export,total,world,lots,kcs-totals\n")
        await wait_until(pilot, lambda: f"monthly.csv:{lines + 1}" in error_text(app), timeout=4)
        assert exports_card(app) == shown and format_period(app.month) == "2026-07"
        assert "showing the last good data" in error_text(app)
        monthly.write_bytes(good)
        await wait_until(pilot, lambda: not error_text(app), timeout=4)
        assert exports_card(app) == shown


async def test_a_half_written_file_completed_soon_after_never_shows_an_error(directory):
    app = make_app(directory, period=None)
    august = directory / "synthetic-2026-08.csv"
    text = synthetic_august(directory)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        august.write_text(text[: len(text) // 2 - 7], encoding="utf-8")  # cut off mid-row, written in place
        errors = []
        start = time.monotonic()
        while format_period(app.month) != "2026-08":
            assert time.monotonic() - start < 4, "timed out"
            if time.monotonic() - start > 0.45 and august.stat().st_size < len(text):
                august.write_text(text, encoding="utf-8")
            errors.append(error_text(app))
            await pilot.pause(0.05)
        assert not any(errors)


async def test_a_deleted_file_simply_reloads_without_it(directory):
    app = make_app(directory, period=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        (directory / "flash.csv").unlink()
        await wait_until(pilot, lambda: "flash.csv" not in {stamp.name for stamp in app.snapshot.files}, timeout=3)
        assert not error_text(app) and format_period(app.month) == "2026-07"


async def test_a_changed_figure_shows_as_a_revision_in_the_drilldown(directory):
    app = make_app(directory, period="2026-07")
    said = record_notifications(app)
    monthly = directory / "monthly.csv"
    text = monthly.read_text(encoding="utf-8")
    total = next(line for line in text.splitlines() if line.startswith("2026-07,export,total,world,"))
    old_value = int(total.split(",")[4])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        app.drill(Subject("headline", "exports"))
        await pilot.pause()
        assert isinstance(app.screen, DrilldownScreen) and "Revisions" not in app.screen.query_one("#drill-facts").plain
        # Synthetic revision: July's total exports up by $1bn.
        drop_in(monthly, text.replace(total, total.replace(str(old_value), str(old_value + 1_000_000_000))))
        expected = f"2026-07 revised from {fmt.usd(old_value)} to {fmt.usd(old_value + 1_000_000_000)}"
        await wait_until(pilot, lambda: expected in app.screen.query_one("#drill-facts").plain, timeout=3)
        assert "Revisions" in app.screen.query_one("#drill-facts").plain
        assert any("1 revised figure(s) for 2026-07" in notice.message for notice in said)


async def test_the_monitor_never_writes_to_the_data_directory(directory):
    def files():
        return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in directory.iterdir()}

    before = files()
    app = make_app(directory, period=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        for _ in range(3):
            await pilot.press("r")
            await wait_for_data(pilot)
        drop_in(directory / "synthetic-2026-08.csv", synthetic_august(directory))
        await wait_until(pilot, lambda: format_period(app.month) == "2026-08", timeout=3)
    assert app.stopping.is_set()  # the watcher was told to stop
    after = files()
    assert after.pop("synthetic-2026-08.csv") and after == before


async def test_data_broken_at_start_loads_by_itself_once_fixed(directory):
    monthly = directory / "monthly.csv"
    good = monthly.read_bytes()
    monthly.write_bytes(good + b"2026-13,export,total,world,5,kcs-totals\n")  # synthetic: a month that does not exist
    app = make_app(directory, period=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        assert app.snapshot is None and "monthly.csv:" in error_text(app)
        monthly.write_bytes(good)
        await wait_until(pilot, lambda: header_text(app).startswith("2026-07"), timeout=3)
        assert not error_text(app)


async def test_a_data_directory_deleted_and_made_again_is_still_watched(directory, tmp_path):
    """`rm -rf D; mkdir D; cp ...` under the monitor: the red bar, then the copied data, then a month dropped
    into the new D arrives without `r`."""
    saved = tmp_path / "saved"
    shutil.copytree(directory, saved)
    app = make_app(directory, period=None)
    said = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        shutil.rmtree(directory)
        await wait_until(pilot, lambda: error_text(app), timeout=4)
        directory.mkdir()
        for path in saved.iterdir():
            shutil.copy2(path, directory)
        await wait_until(pilot, lambda: not error_text(app), timeout=5)
        drop_in(directory / "synthetic-2026-08.csv", synthetic_august(directory))
        await wait_until(pilot, lambda: header_text(app).startswith("2026-08"), timeout=5)
        assert any(notice.message.startswith("2026-08: exports") for notice in said)
