"""Screenshots of the main screen, drilldowns, the story and the flash month at 80x24 and 120x36
(pytest-textual-snapshot).

The data is a copy of the shipped files with fixed modification times, so the header's
freshness line is the same on every machine. Update with `pytest --snapshot-update` and look.
"""

import pytest
from dashboard_helpers import make_app, wait_for_data

SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(snap_compare, data, size):
    assert snap_compare(make_app(data), terminal_size=size, run_before=wait_for_data)


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
def test_flash_month(snap_compare, data, size):
    assert snap_compare(make_app(data, "2026-08"), terminal_size=size, run_before=pressing())


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
