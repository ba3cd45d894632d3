"""The keys people expect of a terminal monitor: `/` filters, `g`/`G`, `h`/`l`, Ctrl+C quits, `?` lists every
key, and the README's key table lists the same keys as the help. Pilot on the shipped data, January 2026."""

from importlib import import_module
from pathlib import Path

import pytest
from dashboard_helpers import Notice, help_text, make_app, record_notifications, screen_rows, wait_for_data

from core.base.periods import format_period, parse_period
from tui.screens.help import HelpScreen, key_help
from tui.widgets.release_table import ReleaseTable

README = Path(__file__).resolve().parent.parent / "README.md"

pytestmark = pytest.mark.anyio


def readme_keys() -> list[str]:
    """The first column of the README's key table, as written but for the backticks."""
    section = README.read_text(encoding="utf-8").split("\n## Keys\n")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| key |")]
    return [row[2:].split(" | ")[0].replace("`", "") for row in rows]


def codes(app, table: str) -> list[str]:
    return [row.code for row in app.screen.query_one(f"#{table}", ReleaseTable).rows_shown]


async def test_the_readme_key_table_lists_the_keys_of_the_help_screen(data):
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = help_text(app)
        helped = [keys for keys, _what in key_help(app)]
        for keys in helped:
            assert f"{keys}  " in listed, keys
    assert len(set(helped)) == len(helped) and len(set(readme_keys())) == len(readme_keys())
    assert set(readme_keys()) == set(helped)
    for keys in ("/", "g / G", "h / l", "n", "Ctrl+C", "Escape", "Enter", "?", "q"):
        assert keys in helped, keys


async def test_slash_filters_the_focused_table_by_english_or_korean_name(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("slash", *"semi")  # as it is typed
        assert codes(app, "items") == ["semiconductors"]
        await pilot.press("escape")  # the search line cleared and closed: the table whole, focused again
        assert len(codes(app, "items")) == 15 and app.focused.id == "items"
        await pilot.press("slash", *"자동차", "enter")  # 자동차 automobiles, 자동차부품 auto parts
        assert codes(app, "items") == ["automobiles", "auto_parts"] and app.focused.id == "items"
        assert str(app.screen.query_one("#items").border_title) == "Items (motie15) · exports · /자동차"
        await pilot.press("enter")  # the filtered rows drill down as any
        await pilot.pause()
        assert app.screen.subject.code == "automobiles"
        await pilot.press("escape", "l", "slash", *"미국", "enter")  # the partners: 미국 the United States
        assert app.focused.id == "partners" and codes(app, "partners") == ["us"]
        assert codes(app, "items") == ["automobiles", "auto_parts"]  # each table keeps its own filter
        await pilot.press("right_square_bracket")  # and keeps it from month to month
        assert codes(app, "partners") == ["us"] and app.month != parse_period("2026-01")
        await pilot.press("slash", *"xyz", "enter")
        assert codes(app, "partners") == []
        # The whole title, "Partners · exports · /xyz: none", has no room at 80 columns: the flow gives way first.
        assert str(app.screen.query_one("#partners").border_title) == "Partners · /xyz: none"
        await pilot.press("escape")  # Escape on the main screen clears the filters
        assert len(codes(app, "items")) == 15 and len(codes(app, "partners")) == 9


async def test_g_and_shift_g_go_to_the_top_and_bottom_and_h_l_between_panes(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        items = app.screen.query_one("#items", ReleaseTable)
        await pilot.press("G")
        assert items.cursor_row == 14 and items.cursor_key == "secondary_batteries"  # the smallest of 15
        await pilot.press("g")
        assert items.cursor_row == 0 and items.scroll_offset.y == 0
        await pilot.press("l")
        assert app.focused.id == "partners"
        await pilot.press("l")
        notables = app.focused
        assert notables.id == "notables"
        await pilot.press("G")
        assert notables.scroll_offset.y == notables.max_scroll_y > 0
        await pilot.press("g")
        assert notables.scroll_offset.y == 0
        await pilot.press("h", "h")
        assert app.focused is items


async def test_ctrl_c_quits_as_q_does(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("slash", "s", "ctrl+c")  # also from the search line, whose Ctrl+C would copy
        assert app.return_code == 0  # exiting, before the test leaves the app
    assert not [note for note in app._notifications if "ctrl+q" in note.message]


async def test_the_search_line_takes_the_key_bars_row_and_the_filtered_table_keeps_its_rows(data):
    """The search line took a row of the screen: the table it filtered lost a row as it opened."""
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        regions = {table.id: table.region for table in app.screen.query(ReleaseTable)}
        assert "s Sort" in screen_rows(app).splitlines()[-1]
        await pilot.press("slash", *"auto")
        last = screen_rows(app).splitlines()[-1]
        assert last.strip() == "auto" and "Sort" not in last  # the search line in the key bar's row
        assert {table.id: table.region for table in app.screen.query(ReleaseTable)} == regions
        assert codes(app, "items") == ["automobiles", "auto_parts"]
        await pilot.press("enter")  # the filter kept, the key bar back
        assert "s Sort" in screen_rows(app).splitlines()[-1]
        assert {table.id: table.region for table in app.screen.query(ReleaseTable)} == regions


async def test_a_click_away_from_the_search_line_brings_the_key_bar_back(data):
    """The search line hid the key bar until Enter or Escape: a click on another pane left the screen without one."""
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("slash", *"auto")
        await pilot.click("#partners")
        assert app.screen.focused is app.screen.query_one("#partners")  # the focus where the click put it
        assert "s Sort" in screen_rows(app).splitlines()[-1]
        assert codes(app, "items") == ["automobiles", "auto_parts"]  # the filter kept


async def test_the_help_names_every_key_tradetop_binds(data):
    """Every key bound by the app, a screen or a widget of tradetop, and Textual's own app-wide keys (Ctrl+Q, Tab,
    the palette's Ctrl+P), is on a line of the help: G (the last row, the bottom of a text pane) among them."""
    import inspect

    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.screen import Screen

    from tui import app, widgets
    from tui.screens import drilldown, flash, help, main, story
    from tui.screens.help import key_name

    modules = [app, drilldown, flash, help, main, story, *(import_module(widget) for widget in widget_modules())]
    classes = [App, Screen] + [
        cls
        for module in modules
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, DOMNode) and cls.__module__.startswith("tui")
    ]
    bound = {
        key.strip()
        for cls in classes
        for binding in cls.__dict__.get("BINDINGS", [])
        for key in (binding if isinstance(binding, Binding) else Binding(*binding)).key.split(",")
    } | {app.TradetopApp.COMMAND_PALETTE_BINDING}
    assert "G" in bound and "ctrl+q" in bound
    helped = help.key_help(make_app(data))
    named = {name for keys, _what in helped for name in keys.replace(", ", " / ").split(" / ")}
    assert {key for key in bound if key_name(key) not in named} <= {"super+c"}, named  # copy: Ctrl+C quits first
    assert widgets.WIDGETS  # every widget module was looked at


def widget_modules() -> list[str]:
    from tui import widgets

    return [f"tui.widgets.{module}" for module in sorted(set(widgets.WIDGETS.values()))]


async def test_brackets_past_either_end_of_the_data_say_so(data):
    """`]` on the latest month and `[` on the first only rang the bell: nothing on screen said why nothing moved."""
    for period, key, said in (
        ("2026-09", "right_square_bracket", "2026-09 is the latest month in the data"),
        ("2016-01", "left_square_bracket", "2016-01 is the first month in the data"),
    ):
        app = make_app(data, period)
        notices = record_notifications(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for_data(pilot)
            await pilot.press(key)
            await pilot.pause()
            assert format_period(app.month) == period and notices[-1] == Notice("Month", said)  # a toast
