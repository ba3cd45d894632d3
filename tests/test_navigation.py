"""Which month to show: one rule (core.views.navigation) for the monitor and the brief, on the shipped data as it
stood while 2026-08 was preliminary (releases 2016-01 to 2026-07, the flash of 2026-08) and, where said, synthetic
flash rows added to a copy."""

import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

from core.base.periods import format_period, parse_period
from core.views.navigation import Landing, asked_month, brief_month, reloaded_month, start_month, stepped_month
from tui.screens.flash import FlashScreen
from tui.widgets.error_bar import ErrorBar

JANUARY, JUNE, JULY, AUGUST = (parse_period(f"2026-{month:02d}") for month in (1, 6, 7, 8))


@pytest.fixture(scope="module")
def pending(flash_pending):
    """The shipped data as it stood while 2026-08 had only its flash out (conftest.flash_pending)."""
    from core.engine.snapshot import load_snapshot

    return load_snapshot(flash_pending)


def test_period_option_is_parsed_once_for_every_command():
    assert asked_month(None) is None and asked_month("") is None  # no --period: the latest
    assert asked_month("2026-01") == JANUARY == 2026 * 12
    with pytest.raises(ValueError, match=r"^--period: '2026-13' is not a period"):
        asked_month("2026-13")


def test_the_start_month_is_the_one_asked_for_else_the_latest(pending):
    assert start_month(pending, None) == Landing(JULY)
    assert start_month(pending, JANUARY) == Landing(JANUARY)
    assert start_month(pending, JANUARY).as_asked
    # Only the flash of 2026-08 is out: its flash opens, over the latest release.
    assert start_month(pending, AUGUST) == Landing(JULY, flash=AUGUST)
    missing = start_month(pending, parse_period("2030-01"))
    assert missing == Landing(
        JULY, notice="--period: no release for 2030-01 (data 2016-01 to 2026-07); showing 2026-07"
    )
    assert not missing.as_asked


def test_the_brief_takes_the_same_month_and_refuses_one_the_data_lacks(pending):
    assert brief_month(pending, None) == (JULY, False)
    assert brief_month(pending, JANUARY) == (JANUARY, False)
    assert brief_month(pending, AUGUST) == (AUGUST, True)  # preliminary: the flash's brief
    with pytest.raises(ValueError) as refused:
        brief_month(pending, parse_period("2030-01"))
    assert str(refused.value) == (
        f"--period: no release for 2030-01 in {pending.directory} (the data covers 2016-01 to 2026-07)"
    )


def test_new_data_follows_the_latest_and_keeps_any_other_month(pending):
    # Shown the latest (2026-06) of older data: the new latest month (2026-07) is shown.
    assert reloaded_month(pending, JUNE, JUNE, None) == Landing(JULY)
    # Shown an earlier month: it stays, and so does the notice about it.
    assert reloaded_month(pending, JUNE, JANUARY, "a notice") == Landing(JANUARY, notice="a notice")
    # Shown the latest of the same data: nothing moves.
    assert reloaded_month(pending, JULY, JULY, None) == Landing(JULY)


def test_new_data_without_the_month_shown_falls_back_to_its_latest(pending):
    gone = parse_period("2026-09")  # as if a file had held 2026-09 and lost it
    landing = reloaded_month(pending, gone, gone, None)
    # No --period in the notice: the month was not asked for on the command line; no flash opens on a reload.
    assert landing == Landing(JULY, notice="no release for 2026-09 (data 2016-01 to 2026-07); showing 2026-07")
    assert reloaded_month(pending, JULY, AUGUST, None).flash is None


def test_brackets_step_through_the_releases_then_to_the_flash(pending):
    first = pending.months[0]
    assert stepped_month(pending, JANUARY, -1) == Landing(JANUARY - 1)
    assert stepped_month(pending, JUNE, 1) == Landing(JULY)
    assert stepped_month(pending, JULY, 1) == Landing(JULY, flash=AUGUST)
    assert stepped_month(pending, first, -1) == Landing(first, notice="2016-01 is the first month in the data")


def add_synthetic_september_flash(directory) -> None:
    """Synthetic: a 1-10 window of 2026-09 (total exports only), so that 2026-08 is no longer the latest month
    with only its flash out."""
    (directory / "flash_september.csv").write_text(
        "period,window,flow,item,partner,value_usd,source\n2026-09,1-10,export,total,world,20000000000,synthetic\n"
    )


@pytest.fixture
def two_flash_months(tmp_path):
    directory = copy_of_shipped_data(tmp_path, pending="2026-08")
    add_synthetic_september_flash(directory)
    return directory


def test_the_brief_and_the_monitor_agree_on_an_earlier_flash_month(two_flash_months, run_cli):
    code, out, err = run_cli("brief", "--data", str(two_flash_months), "--period", "2026-08")
    assert code == 0 and "PRELIMINARY: exports of days 1-20" in out, err


@pytest.mark.anyio
async def test_the_monitor_opens_an_earlier_flash_month_asked_for(two_flash_months):
    app = make_app(two_flash_months, "2026-08")  # the flash pane's month is 2026-09 now
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        assert isinstance(app.screen, FlashScreen) and format_period(app.screen.month) == "2026-08"
        assert not app.screen.query_one(ErrorBar).display
        await pilot.press("escape")
        assert format_period(app.month) == "2026-07" and format_period(app.snapshot.flash.pending) == "2026-09"
