"""Screenshots of the main screen (also in Korean), the three kinds of drilldown, the story, the flash month, the help
and the error bar at 80x24 and 120x36 (pytest-textual-snapshot).

The data is a copy of the shipped files with fixed modification times, so the header's
freshness line is the same on every machine; screens that name the data directory get it as the relative
`data`, as `tradetop --data data` would, so no machine's path is in them; the flash month is shown as the data
stood while 2026-08 was preliminary (its flash strip). Update with `pytest --snapshot-update` and look.
"""

import os
from pathlib import Path

import pytest
from dashboard_helpers import FIXED_MTIME, copy_of_shipped_data, make_app, wait_for_data

SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(snap_compare, flash_pending, size):
    assert snap_compare(make_app(flash_pending), terminal_size=size, run_before=wait_for_data)


def test_main_screen_with_the_overview_plot(snap_compare, data):
    # From 50 rows (StateScreen.PLOT_ROWS): the plot of exports and imports under tables as tall as at 120x36.
    assert snap_compare(make_app(data), terminal_size=(120, 50), run_before=wait_for_data)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen_in_korean(snap_compare, data, size):
    # tradetop --lang ko: 반도체, 중국 and the cards' 수출 ... in tables whose columns stay straight.
    assert snap_compare(make_app(data, lang="ko"), terminal_size=size, run_before=wait_for_data)


def pressing(*keys: str):
    async def run_before(pilot):
        await wait_for_data(pilot)
        await pilot.press(*keys)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drilldown_of_semiconductors(snap_compare, data, size):
    assert snap_compare(make_app(data), terminal_size=size, run_before=pressing("enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drilldown_of_the_balance_in_a_deficit(snap_compare, data, size):
    app = make_app(data, "2023-01")
    assert snap_compare(app, terminal_size=size, run_before=pressing("shift+tab", "right", "right", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drilldown_of_exports(snap_compare, data, size):
    assert snap_compare(make_app(data), terminal_size=size, run_before=pressing("shift+tab", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_flash_month(snap_compare, flash_pending, size):
    assert snap_compare(make_app(flash_pending, "2026-08"), terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drilldown_of_china(snap_compare, data, size):
    # Tab from the items to the partners, whose first row (by value) is China.
    assert snap_compare(make_app(data), terminal_size=size, run_before=pressing("tab", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help(snap_compare, data, size, monkeypatch):
    monkeypatch.chdir(data.parent)
    assert snap_compare(make_app(Path("data")), terminal_size=size, run_before=pressing("question_mark"))


@pytest.fixture(scope="module")
def data_with_a_bad_file(tmp_path_factory):
    """The shipped data and a synthetic trade file: line 2 contradicts monthly.csv, line 3 is not a number."""
    directory = copy_of_shipped_data(tmp_path_factory.mktemp("bad"))
    broken = directory / "synthetic-broken.csv"
    broken.write_text(
        "period,flow,item,partner,value_usd\n2026-01,export,total,world,1\n2026-02,export,total,world,lots\n",
        encoding="utf-8",
    )
    os.utime(broken, (FIXED_MTIME, FIXED_MTIME))
    return directory


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_error_bar(snap_compare, data_with_a_bad_file, size, monkeypatch):
    monkeypatch.chdir(data_with_a_bad_file.parent)
    assert snap_compare(make_app(Path("data")), terminal_size=size, run_before=wait_for_data)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_story_view(snap_compare, data, size):
    from tui.screens.story import StoryScreen

    async def run_before(pilot):
        await wait_for_data(pilot)
        await pilot.press("n")
        while not isinstance(pilot.app.screen, StoryScreen):  # pushed after the key's handler has returned
            await pilot.pause(0.02)
        await pilot.press("j", "j")  # the cursor on the 3rd notable
        await pilot.pause()

    assert snap_compare(make_app(data), terminal_size=size, run_before=run_before)
