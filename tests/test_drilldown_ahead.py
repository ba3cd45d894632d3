"""The drilldown screen is composed while the user reads the main screen (shipped data, 2026-01), hidden until the
first Enter, which then shows the subject under the cursor."""

import pytest
from dashboard_helpers import make_app, wait_for_data

from tui.screens.drilldown import DrilldownScreen
from tui.screens.main import MainScreen
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.anyio


async def test_the_drilldown_is_composed_hidden_and_the_first_enter_shows_the_row_under_the_cursor(data):
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.pause()
        assert app.is_screen_installed(DrilldownScreen.__name__)
        drilldown = app.get_screen(DrilldownScreen.__name__)
        assert drilldown.is_mounted and drilldown not in app.screen_stack and isinstance(app.screen, MainScreen)
        await pilot.press("enter")  # the items table's first row: Semiconductors
        await pilot.pause()
        assert app.screen is drilldown
        breadcrumb = drilldown.query_one("#breadcrumb", StatusLine).render().plain
        assert breadcrumb.endswith("2026-01 › Items (exports) › Semiconductors")
        assert drilldown.query_one("#months").rows[0][1][1].plain == "$20.54bn"  # Semiconductors' 2026-01
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_quitting_while_the_hidden_drilldown_mounts_leaves_no_error(data, monkeypatch):
    """The app may close while the hidden drilldown is being mounted: it must not fail showing its state then."""
    from tui.app import TradetopApp

    compose = TradetopApp.compose_drilldown
    monkeypatch.setattr(TradetopApp, "compose_drilldown", lambda app: None)  # not yet: the test starts it below
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        compose(app)  # and the app closes at once, as the mount begins
    assert app.crash is None
