"""Screenshots of the main screen and a drilldown at 80x24 and 120x36 (pytest-textual-snapshot).

The data is a copy of the shipped files with fixed modification times, so the header's
freshness line is the same on every machine. Update with `pytest --snapshot-update` and look.
"""

import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

SIZES = [(80, 24), (120, 36)]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return copy_of_shipped_data(tmp_path_factory.mktemp("snapshots"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(snap_compare, data, size):
    assert snap_compare(make_app(data), terminal_size=size, run_before=wait_for_data)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drilldown_of_semiconductors(snap_compare, data, size):
    async def drill(pilot):
        await wait_for_data(pilot)
        await pilot.press("enter")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(make_app(data), terminal_size=size, run_before=drill)
