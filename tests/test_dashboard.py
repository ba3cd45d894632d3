"""The monitor driven by keys through Textual's Pilot, on the shipped data (Jan 2026 unless said)."""

import os
import subprocess
import sys

import pytest
from dashboard_helpers import (
    copy_of_shipped_data,
    help_text,
    make_app,
    record_notifications,
    run_from_palette,
    screen_rows,
    wait_for_data,
)
from rich.cells import cell_len

from core.base import fmt
from core.base.periods import format_period
from core.text.brief import brief_text, review_text
from core.views.drilldown_view import Subject
from tui.screens.drilldown import DrilldownScreen
from tui.screens.flash import FlashScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.cells import spark, spark_scale
from tui.widgets.error_bar import ErrorBar
from tui.widgets.figure_table import FigureTable
from tui.widgets.flash_pane import FLASH_ITEM_WIDTH, FlashPane
from tui.widgets.headline_cards import CardFigure, HeadlineCards
from tui.widgets.key_bar import KeyBar
from tui.widgets.release_table import ReleaseTable

pytestmark = pytest.mark.anyio


def table(app, name: str) -> ReleaseTable:
    return app.screen.query_one(f"#{name}", ReleaseTable)


def codes(app, name: str) -> list[str]:
    return [row.code for row in table(app, name).rows_shown]


def row_at(figure_table, index: int) -> list[str]:
    """A row's cells as text, as shown but for the padding."""
    return [cell.plain.strip() for cell in figure_table.rows[index][1]]


def cell(app, name: str, code: str, column: str) -> str:
    shown = table(app, name)
    cells = next(cells for key, cells in shown.rows if key == code)
    return cells[[heading.key for heading in shown.headings].index(column)].plain.strip()


def painted(table) -> list[str]:
    """The table's lines as they are painted: header first, then the rows in view."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def card(app, subject: str) -> CardFigure:
    return app.screen.query_one(HeadlineCards).figures[subject]


async def test_first_frame_shows_loading_then_the_release(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.snapshot is None  # drawn before the worker has delivered the data
        await wait_for_data(pilot)
        assert card(app, "exports").values[0] == "$65.84bn"
        assert card(app, "exports").changes[0].plain == "+33.9%"
        assert codes(app, "items")[0] == "semiconductors" and codes(app, "partners")[0] == "china"
        assert cell(app, "items", "semiconductors", "value") == "$20.54bn"
        assert isinstance(app.focused, ReleaseTable) and app.focused.id == "items"


async def test_same_exports_figure_as_brief(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        shown = card(app, "exports").values[0]
        exports_line = next(
            line for line in brief_text(app.snapshot, app.release()).splitlines() if line.strip().startswith("Exports ")
        )
        assert shown == "$65.84bn" and shown in exports_line and "+33.9%" in exports_line
        assert card(app, "daily_avg_exports").values[0] == "$2.80bn"
        assert card(app, "daily_avg_exports").changes[0].plain == "+14.0%"


async def test_brackets_step_through_months_and_stop_at_the_ends(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("right_square_bracket")
        assert format_period(app.month) == "2026-02"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert format_period(app.month) == "2025-12"
        assert card(app, "exports").values[0] == fmt.usd(app.snapshot.release(app.month).headline.exports.value_usd)
    app = make_app(data, "2026-09")
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("right_square_bracket")
        assert format_period(app.month) == "2026-09"


async def test_keys_pressed_on_the_cached_first_screen_wait_for_the_snapshot(data, monkeypatch):
    """A warm start draws the cached start view before the snapshot loads: `]` and Enter pressed on it then
    take effect, in order, once the snapshot is there."""
    import threading

    import core.runtime.isolated

    app = make_app(data)
    async with app.run_test() as pilot:  # the first run stores the start view of 2026-01
        await wait_for_data(pilot)
    release, load = threading.Event(), core.runtime.isolated.load_isolated
    monkeypatch.setattr(core.runtime.isolated, "load_isolated", lambda directory: release.wait(10) and load(directory))
    app = make_app(data)
    async with app.run_test() as pilot:
        assert app.snapshot is None and card(app, "exports").values[0] == "$65.84bn"  # figures on screen, no snapshot
        await pilot.press("right_square_bracket", "enter")
        release.set()
        await wait_for_data(pilot)
        assert format_period(app.month) == "2026-02"
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject == Subject("item", "semiconductors")


async def test_enter_drills_into_the_row_and_escape_returns(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("j", "j", "k")  # the second row: automobiles
        await pilot.press("enter")
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "automobiles"
        crumb = app.screen.query_one("#breadcrumb").render().plain
        assert crumb == "tradetop › 2026-01 › Items (exports) › Automobiles"
        months = app.screen.query_one("#months")
        assert len(months.rows) == 24 and row_at(months, 0)[0] == "2026-01"
        assert row_at(months, 0)[1] == "$6.07bn"
        assert "no partner split in the data" in app.screen.query_one("#drill-facts").plain
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and app.focused.id == "items"


async def test_a_drilldown_opened_for_another_subject_starts_at_the_top_of_its_facts(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        # Semiconductors' facts (after its HS 8542 destinations), scrolled down
        await pilot.press("enter", "tab", "tab", "pagedown", "pagedown")
        facts = app.screen.query_one("#drill-facts")
        assert facts.scroll_y > 0
        await pilot.press("escape", "down", "enter")
        assert app.screen.subject.code == "automobiles" and facts.scroll_y == 0


async def test_drilldown_follows_the_month_keys(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("enter", "left_square_bracket")
        months = app.screen.query_one("#months")
        assert row_at(months, 0)[0] == "2025-12"
        assert "Rank 1 of 48 months" in app.screen.query_one("#drill-facts").plain


async def test_tab_moves_between_panes_and_enter_on_a_card_drills(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("tab")
        assert app.focused.id == "partners"
        await pilot.press("down", "enter")
        assert app.screen.subject.code == "asean"
        await pilot.press("escape", "shift+tab", "shift+tab")
        assert isinstance(app.focused, HeadlineCards)
        await pilot.press("right", "enter")
        assert app.screen.subject.dimension == "headline" and app.screen.subject.code == "imports"
        assert "Rank" in app.screen.query_one("#drill-facts").plain
        await pilot.press("escape", "right", "enter")
        # The balance changes in dollars: from a $2.00bn deficit to a $8.70bn surplus.
        assert app.screen.subject.code == "balance"
        assert row_at(app.screen.query_one("#months"), 0)[1:] == ["$8.70bn", "+$10.70bn"]
        assert "12 months up on a year earlier" in app.screen.query_one("#drill-facts").plain
        await pilot.press("escape", "right", "right", "enter")  # a year-to-date total: against other Januaries
        assert "Rank 1 of 11 years" in app.screen.query_one("#drill-facts").plain


async def test_cards_say_what_their_second_line_is_where_it_fits_and_the_balance_keeps_its_dollar(data):
    app = make_app(data, "2026-07")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        cards = app.screen.query_one(HeadlineCards).render().plain.splitlines()
        # The balance's change keeps its "y/y" and its $ in a shorter form, not the cents.
        assert "│ +63.0% y/y   ││" in cards[2] and "│ +$23.9bn y/y │" in cards[2]
        # A block a month; the YTD card's a block a year, January-July 2016 to 2026, the latest on the right, from
        # zero: 2026's $595.06bn is a full block, 2016's $282.09bn (3.3 of 7 steps up) a half one.
        assert cards[3].endswith("│  ▄▅▅▅▄▅▆▅▆▆█ │") and len(cards[3].split("│")[1].strip()) == 12
        assert cards[4].endswith("╰─ 11y from 0 ─╯") and "╰─ 12m from 0 ─╯" in cards[4]  # each card's scale


async def test_s_cycles_the_sort(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        release = app.release()
        assert codes(app, "items")[1] == "automobiles"  # by value
        await pilot.press("s")
        by_growth = sorted(release.items, key=lambda row: -row.yoy_pct)
        assert codes(app, "items") == [row.code for row in by_growth]
        assert codes(app, "items")[1] == "computers"
        await pilot.press("s", "s")
        assert codes(app, "items") == [row.code for row in release.items]  # catalog order
        assert "by catalog order" in str(table(app, "items").border_subtitle)
        await pilot.press("s")
        assert codes(app, "items")[1] == "automobiles"


async def test_e_and_i_switch_the_tables_between_exports_and_imports(data):
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("i")
        china = next(row for row in app.release().partners if row.code == "china")
        assert app.release().flow == "import"
        assert cell(app, "partners", "china", "value") == fmt.usd(china.value_usd)
        assert "imports" in str(table(app, "partners").border_title)
        assert card(app, "exports").values[0] == "$65.84bn"  # the headline does not depend on the flow
        await pilot.press("e")
        assert cell(app, "partners", "china", "value") == "$13.53bn"


async def test_flow_and_year_to_date_keys_act_only_where_the_screen_shows_them(flash_pending):
    app = make_app(flash_pending, "2026-07")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)

        def keys() -> str:
            return app.screen.query_one(KeyBar).render_line(0).text  # as painted: a kept screen's bar must repaint

        assert "Exp/Imp" in keys() and "YTD" in keys()
        await pilot.press("right_square_bracket", "i", "y")  # the flash month: exports of the month only
        assert isinstance(app.screen, FlashScreen) and (app.flow, app.ytd) == ("export", False)
        assert "Exp/Imp" not in keys() and "YTD" not in keys()
        await pilot.press("escape", "enter", "i", "y")  # an item: its history in either flow, monthly
        assert app.screen.subject == Subject("item", "semiconductors") and (app.flow, app.ytd) == ("import", False)
        assert "Exp/Imp" in keys() and "YTD" not in keys()
        assert "Items (imports)" in app.screen.query_one("#breadcrumb").render().plain
        await pilot.press("escape", "e", "shift+tab", "enter", "i")  # the exports card: the same in either flow
        assert app.screen.subject == Subject("headline", "exports") and app.flow == "export"
        assert "Exp/Imp" not in keys()


async def test_each_drilldown_and_each_rearranged_table_starts_at_the_top(data):
    app = make_app(data, "2026-07")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("enter", "j", "j", "j", "j", "j", "tab")  # semiconductors: down to 2026-02, then the facts
        assert app.screen.query_one("#months", FigureTable).cursor_key == "2026-02"
        await pilot.press("escape", "tab", "enter")  # china
        months = app.screen.query_one("#months", FigureTable)
        assert app.screen.subject == Subject("partner", "china") and app.focused is months
        assert months.cursor_key == "2026-07" and months.scroll_offset.y == 0
        await pilot.press("j", "j", "left_square_bracket")  # a new month inside the drilldown: its row on top
        assert months.cursor_key == "2026-06" and months.scroll_offset.y == 0
        await pilot.press("j", "i")  # the same months in the other flow: the cursor stays
        assert months.cursor_key == "2026-05"
        await pilot.press("escape", "enter")  # china again, opened anew: at the month shown
        assert months.cursor_key == "2026-06" and months.scroll_offset.y == 0
        await pilot.press("escape", "e", "shift+tab", "j", "j")
        items = table(app, "items")
        drilled_from = items.cursor_key
        await pilot.press("enter", "i", "escape")  # the flow changed in a drilldown: the row drilled from stays
        assert items.cursor_key == drilled_from and app.flow == "import"
        await pilot.press("end")
        await pilot.press("left_square_bracket")  # a new month keeps the row, to compare
        assert items.cursor_key == codes(app, "items")[-1] and items.scroll_offset.y > 0
        await pilot.press("s")  # a new order starts at its top
        assert items.cursor_row == 0 and items.scroll_offset.y == 0


async def test_y_switches_the_tables_to_the_year_to_date(data):
    app = make_app(data, "2025-11")
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("y")
        value = cell(app, "items", "semiconductors", "value")
        assert value.startswith("$152.") and value.endswith("bn")
        assert cell(app, "items", "semiconductors", "yoy") == "+19.8%"
        assert "year to date" in str(table(app, "items").border_subtitle)
        await pilot.press("y")
        assert cell(app, "items", "semiconductors", "value") == fmt.usd(app.release().items[0].value_usd)


async def test_r_reloads_keeping_the_month_and_shows_problems_without_crashing(data, tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    app = make_app(directory)
    said = record_notifications(app)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        await pilot.press("right_square_bracket")
        first = app.snapshot
        await pilot.press("r")
        await wait_for_data(pilot)
        assert app.snapshot is not first and format_period(app.month) == "2026-02"
        reloaded = [notice.message for notice in said if notice.title == "Reloaded"]
        assert reloaded == [f"{len(first.files)} files read, no new figures"]
        # Synthetic breakage: a bad value on line 3 of a new trade file.
        (directory / "broken.csv").write_text(
            "period,flow,item,partner,value_usd\n2026-01,export,total,world,1\n2026-02,export,total,world,lots\n",
            encoding="utf-8",
        )
        await pilot.press("r")
        await wait_for_data(pilot)
        bar = app.screen.query_one(ErrorBar)
        assert bar.display and "broken.csv:3" in bar.render().plain
        assert card(app, "exports").values[0] == fmt.usd(first.release(app.month).headline.exports.value_usd)


async def test_question_mark_lists_the_keys_and_q_quits(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = help_text(app)
        for key in ("q", "?", "[", "]", "s", "e", "i", "y", "r", "Escape", "Enter", "Tab / Shift+Tab", "Ctrl+P"):
            assert f"{key} " in listed or f"{key}  " in listed, key
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        assert app.return_code == 0


async def test_command_palette_goes_to_a_month_and_to_an_item(flash_pending):
    app = make_app(flash_pending)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_data(pilot)
        await run_from_palette(pilot, "2025-06", "go to month 2025-06")
        assert format_period(app.month) == "2025-06"
        await run_from_palette(pilot, "item steel", "go to item Steel")
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "steel"
        await pilot.press("escape")
        await run_from_palette(pilot, "2026-08", "go to month 2026-08 (August 2026, preliminary)")
        assert isinstance(app.screen, FlashScreen)


async def test_names_from_data_are_shown_literally(data, tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    catalog = directory / "catalog.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            "item,semiconductors,Semiconductors,", "item,semiconductors,Chips [red]X[/red] [/],"
        ),
        encoding="utf-8",
    )
    app = make_app(directory)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert cell(app, "items", "semiconductors", "name") == "Chips [red]X[/red] [/]"
        assert painted(table(app, "items"))[1].startswith(" Chips [red]X[/red")
        await pilot.press("enter")
        assert app.screen.query_one("#breadcrumb").render().plain.endswith("› Chips [red]X[/red] [/]")
        await pilot.press("escape")
        await run_from_palette(pilot, "item chips", "go to item Chips [red]X[/red] [/]")
        assert app.screen.subject.code == "semiconductors"


async def test_a_period_missing_from_the_data_shows_the_latest_with_a_message(flash_pending):
    app = make_app(flash_pending, "2030-01")
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        assert format_period(app.month) == "2026-07"
        assert "no release for 2030-01" in app.screen.query_one(ErrorBar).render().plain
        await pilot.press("right_square_bracket")  # the flash month: the user has moved on
        assert isinstance(app.screen, FlashScreen) and not app.screen.query_one(ErrorBar).display
        await pilot.press("escape")
        assert format_period(app.month) == "2026-07" and not app.screen.query_one(ErrorBar).display


async def test_the_preliminary_month_on_the_command_line_opens_its_flash(flash_pending):
    app = make_app(flash_pending, "2026-08")  # only its first 20 days are out
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        assert isinstance(app.screen, FlashScreen) and format_period(app.screen.month) == "2026-08"
        assert not app.screen.query_one(ErrorBar).display
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and format_period(app.month) == "2026-07"


async def test_columns_drop_out_at_80_columns_and_names_show_whole_at_120(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        items = [heading.key for heading in table(app, "items").headings]
        assert items == ["name", "value", "yoy", "share"]
        await pilot.press("s", "s")  # by Δshare: the column sorted on shows, in the place of the share
        assert [heading.key for heading in table(app, "items").headings] == ["name", "value", "yoy", "share_change"]
        assert [heading.key for heading in table(app, "partners").headings] == ["name", "value", "share_change"]
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        # Every figure of the release: the trend makes way, and the longest name gives its last cells.
        assert [heading.key for heading in table(app, "items").headings] == [
            "name",
            "value",
            "yoy",
            "share",
            "share_change",
            "contribution",
        ]
        await pilot.resize_terminal(200, 50)  # room for every name whole, and then the trend
        await pilot.pause()
        assert [heading.key for heading in table(app, "items").headings][-1] == "trend"
        shown = "\n".join(painted(table(app, "items")))
        assert "Wireless communication devices " in shown and "Secondary batteries " in shown and "…" not in shown


async def test_a_table_keeps_its_header_follows_its_cursor_and_drills_on_a_click(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        items = table(app, "items")
        rows = items.rows_shown
        assert len(rows) > items.scrollable_content_region.height - 1  # 15 items: more than fit at 80x24
        await pilot.press("end")
        lines = painted(items)
        assert lines[0].split()[:3] == ["name", "value", "YoY"]
        assert items.cursor_key == rows[-1].code and lines[-1].startswith(f" {rows[-1].name[:12]}")
        await pilot.press("home", "pagedown")  # a page: as many rows as the table shows under its header
        in_view = items.scrollable_content_region.height - 1
        assert items.cursor_row == in_view and any(
            line.startswith(f" {rows[in_view].name[:12]}") for line in painted(items)[1:]
        )
        await pilot.press("home")
        assert painted(items)[1].startswith(f" {rows[0].name[:12]}")
        # Border, header, then the rows: the third row is 4 lines down.
        await pilot.click(items, offset=(3, 4))
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == rows[2].code


async def test_a_click_on_a_card_drills_into_its_figure(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.click(HeadlineCards, offset=(50, 2))  # 80 columns, five cards of 16: the fourth
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "daily_avg_exports"


def test_monitor_rejects_a_bad_period_and_a_missing_directory(run_cli, tmp_path):
    code, _, err = run_cli("--period", "2026-13")
    assert code == 2 and "--period" in err and "2026-13" in err
    code, _, err = run_cli("--data", str(tmp_path / "nowhere"))
    assert code == 1 and "no such data directory" in err


async def test_data_problems_at_start_show_on_screen_instead_of_crashing(data_dir):
    # Synthetic data: line 2 has a month that does not exist.
    (data_dir / "trade.csv").write_text(
        "period,flow,item,partner,value_usd\n2026-13,export,total,world,5\n", encoding="utf-8"
    )
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert app.snapshot is None and isinstance(app.screen, MainScreen)
        assert "trade.csv:2" in app.screen.query_one(ErrorBar).render().plain
        assert "no data could be loaded" in app.screen.query_one("#status").render().plain
        await pilot.press("right_square_bracket", "enter", "s", "y", "i")  # nothing to act on; nothing breaks
        assert isinstance(app.screen, MainScreen)
        (data_dir / "trade.csv").write_text(
            "period,flow,item,partner,value_usd\n2026-01,export,total,world,5\n2026-02,export,total,world,6\n",
            encoding="utf-8",
        )
        await pilot.press("r")
        await wait_for_data(pilot)  # fixed: the keys pressed on the error are not done now, minutes later
        assert format_period(app.month) == "2026-01" and isinstance(app.screen, MainScreen)  # as asked, no `]`


def test_brief_and_check_never_import_textual():
    program = (
        "import sys; from tui.cli import main; main(['brief', '--period', '2026-01']); "
        "main(['check']); print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert "$65.84bn" in result.stdout and result.stderr.strip() == "False"


def test_a_sparkline_scales_from_zero_to_its_highest_so_its_heights_are_the_values_sizes():
    assert spark((0, 1, 2, 3, 4, 5, 6, 7), 8) == "▁▂▃▄▅▆▇█"
    assert spark((1, None, 8), 3) == "▂ █"  # 1/8 of the highest: 0.875 of 7 steps up
    # A series moving under ±2% draws flat, where a min-max scale would draw "▅█▁▆"; a 3x rise shows as one.
    assert spark((100, 102, 98, 101), 4) == "████"
    assert spark((1, 1, 3, 3), 4) == "▃▃██"
    # More months than room: the latest, a block each, scaled among themselves.
    assert spark((9, 1, 8), 2) == "▂█"
    assert spark((5, 5), 4) == "██" and spark((), 4) == ""
    # A line that goes below zero (the balance) is scaled from its lowest, and its caption says where zero is.
    assert spark((-4, 0, 4), 3) == "▁▅█"
    assert spark_scale((-4, 0, 4), 3, "m") == ("3m, 0 at ▅", "3m") and spark_scale((1, 2), 12, "y")[0] == "2y from 0"
    # Its span starts at its first value: blanks before a series' data begins are not part of it.
    assert spark_scale((None, None, 1, None, 2), 12, "y") == ("3y from 0", "3y") and spark_scale((None,), 4, "m") == ()


async def test_reload_without_the_month_shown_falls_back_to_the_latest(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    (directory / "release_prelim_2026.csv").unlink()  # as before the 2026-08 release: 2026-07 the latest
    app = make_app(directory, "2026-07")
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        monthly = directory / "monthly.csv"
        whole = monthly.read_text(encoding="utf-8")
        without_july = "".join(line for line in whole.splitlines(keepends=True) if not line.startswith("2026-07"))

        async def reload_with(text: str) -> str:
            (directory / ".monthly.tmp").write_text(text, encoding="utf-8")
            os.replace(directory / ".monthly.tmp", monthly)  # whole, as new data lands; the watcher may see it too
            await pilot.press("r")
            await wait_for_data(pilot)
            return app.screen.query_one(ErrorBar).render().plain if app.screen.query_one(ErrorBar).display else ""

        for text in (without_july, without_july):  # the notice stays through a reload that keeps the month
            message = await reload_with(text)
            assert format_period(app.month) == "2026-06", message
            assert message.startswith("no release for 2026-07") and "showing 2026-06" in message
        assert await reload_with(whole) == "" and format_period(app.month) == "2026-07"  # back, and followed
        assert (await reload_with(without_july)).startswith("no release for 2026-07")
        await pilot.press("left_square_bracket")  # the user has moved on: the notice would contradict the month
        assert format_period(app.month) == "2026-05" and not app.screen.query_one(ErrorBar).display


async def test_notables_pane_and_the_drilldown_show_the_release_notables(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        release = app.release()
        pane = app.screen.query_one("#notables")
        shown = pane.plain.splitlines()
        assert shown[0] == f"• {release.notables[0].text}"
        assert shown[0].startswith("• Exports reached $65.84bn, the highest for any January")
        assert (
            shown[-1] == "• 11 of 15 items rose (customs basis); fell: Petrochemicals, Steel, Ships, Home appliances."
        )
        # The top 10 of the 80 (9 about HS 8542 to one destination, one each), as the brief lists them; the story
        # view has them all.
        assert len(release.notables) == 80 and len(shown) == 10 + 1
        assert str(pane.border_title) == "Notable · top 10 of 80"
        await pilot.press("tab", "tab")
        assert app.focused.id == "notables"
        await pilot.press("shift+tab", "shift+tab", "enter")  # back to the items: semiconductors
        about_chips = [
            notable.text
            for notable in release.notables
            if notable.dimension == "item" and notable.subject == "semiconductors"
        ]
        facts = app.screen.query_one("#drill-facts").plain
        listed = facts[facts.index("Notables") :]
        assert about_chips and all(text in listed for text in about_chips)
        assert "Exports reached $65.84bn" not in listed  # a headline notable belongs to the Exports card
        await pilot.press("i")  # the notables of items are of their exports: none for the imports of chips
        facts = app.screen.query_one("#drill-facts").plain
        assert not any(text in facts for text in about_chips) and "Notables\n—" in facts


async def test_at_120x36_every_item_and_three_notables_fit_and_the_plot_waits_for_50_rows(data, flash_pending):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert not app.screen.query("#overview-plot")
        screen = screen_rows(app)
        names = [row.name for row in app.release().items]
        assert len(names) == 15 and all(name[:19] in screen for name in names)  # (a long name may end in "…")
        assert "Home appliances" in screen and "Secondary batteries" in screen  # the last two, by value
        notables = app.screen.query_one("#notables")
        assert notables.scroll_offset.y == 0
        assert notables.rows_of(2).stop <= notables.scrollable_content_region.height  # the first 3 whole
        for height in (49, 50):
            await pilot.resize_terminal(120, height)
            await pilot.pause()
            assert bool(app.screen.query("#overview-plot")) == (height == 50)
        assert app.screen.query_one("#overview-plot").size.height >= 8
        assert all(name[:19] in screen_rows(app) for name in names)  # the tables keep their rows under the plot
        assert notables.rows_of(2).stop <= notables.scrollable_content_region.height
    app = make_app(flash_pending, "2026-07")  # the flash strip at its tallest, over the latest release
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for_data(pilot)
        assert app.screen.query_one("#overview-plot").size.height >= 8


async def test_a_month_without_notables_says_so(data):
    app = make_app(data, "2016-02")  # the second month of the data: no history to set a record against
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert app.release().notables == () and app.screen.query_one("#notables").plain == "none this month"


async def test_a_headline_drilldown_has_its_own_flows_notables_and_the_palette_finds_a_kept_screen(flash_pending):
    app = make_app(flash_pending, "2026-07")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("shift+tab", "right", "enter")  # the Imports card, from the exports tables
        breadth = next(
            notable.text
            for notable in app.snapshot.release(app.month, "import", app.item_set).notables
            if notable.kind == "breadth"
        )
        assert app.flow == "export" and breadth.startswith("Imports of ")
        assert breadth in app.screen.query_one("#drill-facts").plain
        await pilot.press("right_square_bracket")  # from the latest month: the flash month, over the drilldown
        assert isinstance(app.screen, FlashScreen)
        await run_from_palette(pilot, "item steel", "go to item Steel")  # the drilldown kept below comes back up
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject == Subject("item", "steel")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def flash_pane(app) -> FlashPane:
    return app.screen.query_one(FlashPane)


async def test_flash_pane_shows_the_pending_month_and_its_nowcast(flash_pending):
    app = make_app(flash_pending, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert format_period(app.month) == "2026-07"  # the latest full month, not the flash month
        shown = flash_pane(app).render().plain.splitlines()
        assert shown[0].startswith("2026-08  PRELIMINARY  · days 1-20: $55.21bn +56.0% · working days 14.0 vs 14.5")
        assert shown[1] == "daily avg +61.5% · nowcast $92.75bn (80%: $88.59–97.18bn)"
        assert shown[2].split() == [
            "Semiconductors",
            "+198.8%",
            "Petroleum",
            "produ…",
            "+56.4%",
            "Steel",
            "products",
            "+9.7%",
        ]
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        shown = flash_pane(app).render().plain
        assert "Home appliances" in shown and "-3.4%" in shown  # all ten items on a tall screen


@pytest.mark.parametrize("flash_rows", ["none", "released months only"])
async def test_no_flash_pane_without_a_pending_flash_month(tmp_path, flash_rows):
    directory = copy_of_shipped_data(tmp_path)
    flash = directory / "flash.csv"
    if flash_rows == "none":
        flash.unlink()
    else:
        flash.write_text(
            "".join(
                line
                for line in flash.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith("2026-08")
            ),
            encoding="utf-8",
        )
    app = make_app(directory, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert app.snapshot.flash.pending is None and not flash_pane(app).display
        await pilot.press("right_square_bracket")  # nothing after the latest release
        assert isinstance(app.screen, MainScreen) and format_period(app.month) == "2026-09"


async def test_right_bracket_after_the_latest_release_or_a_click_on_the_pane_opens_the_flash_month(flash_pending):
    app = make_app(flash_pending, "2026-07")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("right_square_bracket")
        assert isinstance(app.screen, FlashScreen)
        assert app.screen.query_one("#flash-status").render().plain == "2026-08 August 2026 · PRELIMINARY days 1-20"
        figures = app.screen.query_one("#flash-figures").render().plain
        assert "days 1-20: $55.21bn +56.0%" in figures and "working days 14.0 vs 14.5" in figures
        assert "80%: $88.59–97.18bn" in app.screen.query_one("#flash-nowcast").render().plain
        items = app.screen.query_one("#flash-items")
        assert row_at(items, 0) == ["Semiconductors", "$26.03bn", "+198.8%"]
        await pilot.press("right_square_bracket")  # no month after the flash month
        assert isinstance(app.screen, FlashScreen)
        await pilot.press("left_square_bracket")
        assert isinstance(app.screen, MainScreen) and format_period(app.month) == "2026-07"
        await pilot.click(FlashPane)  # a click on the pane opens it too
        assert isinstance(app.screen, FlashScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_exports_drilldown_reviews_the_flash_nowcasts_against_the_final_figure(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("shift+tab", "enter")
        assert app.screen.subject.code == "exports"
        facts = app.screen.query_one("#drill-facts").plain.splitlines()
        shown = facts[facts.index("Nowcast vs final $65.84bn") :][:5]
        assert shown == [
            "Nowcast vs final $65.84bn",
            "days 1-10: $59.24bn -10.0%",
            "  inside 80%: $53.57–66.79bn",
            "days 1-20: $62.97bn -4.4%",
            "  inside 80%: $60.08–66.06bn",
        ]
        brief = review_text(app.snapshot.flash.review(app.month))
        assert "From days 1-20          $62.97bn" in brief and "-4.4% off, inside the interval" in brief
        await pilot.press("escape", "right", "enter")  # imports: no review
        assert "Nowcast vs final" not in app.screen.query_one("#drill-facts").plain


async def test_flash_item_names_are_shown_literally_and_wide_names_keep_the_grid(tmp_path):
    directory = copy_of_shipped_data(tmp_path, pending="2026-08")
    catalog = directory / "catalog.csv"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            "flash_item,semiconductors,Semiconductors,", "flash_item,semiconductors,반도체 [b]칩[/b] 수출 품목,"
        ),
        encoding="utf-8",
    )
    app = make_app(directory, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        items_line = flash_pane(app).render().split("\n")[2].plain
        first_cell = items_line[: items_line.index("Petroleum")]
        assert (
            first_cell == "반도체 [b]칩[/b… +198.8%  " and cell_len(first_cell) == FLASH_ITEM_WIDTH
        )  # Hangul: 2 cells
        await pilot.press("right_square_bracket")
        flash_items = app.screen.query_one("#flash-items")
        assert row_at(flash_items, 0)[0] == "반도체 [b]칩[/b] 수출 품목"
        assert painted(flash_items)[1].startswith(" 반도체 [b]칩[/b] 수출 품목  $26.03bn")  # whole at 80 columns
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        await pilot.pause()
        # Cut by cells to its column (a wide character that would straddle its edge left out), so the figures after
        # it stay in their columns.
        row, width = painted(flash_items)[1], flash_items.headings[0].width
        assert row.startswith(" 반도체 [b]칩[/b] 수 … ") and cell_len(row[: row.index("…") + 1]) == 1 + width
        assert row.split()[-2:] == ["$26.03bn", "+198.8%"]


async def test_the_flash_items_names_are_whole_where_the_screen_has_room(flash_pending):
    """The items' table was 48 cells wide at any size: at 120 columns "Wireless communication devices" was cut
    beside half a screen of nowcast and plot. flash.csv, 2026-08 days 1-20: $1.04bn, +4.5%."""
    app = make_app(flash_pending, "2026-08")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.pause()
        rows = screen_rows(app)
        assert "Wireless communication devices  $1.04bn   +4.5%" in rows and "…" not in rows
        await pilot.resize_terminal(80, 24)  # as narrow as before: the longest names give way, no figure
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#flash-items").outer_size.width == 48
        assert "Wireless communication dev…  $1.04bn   +4.5%" in screen_rows(app)  # 23 cells before
