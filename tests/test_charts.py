"""The plots as drawn: the drilldown's aligned level and change panels, the flash month's cumulative exports and
nowcast, the overview; read from the cells a plot paints and from the series it says it plotted (shipped data)."""

import re

import pytest
from dashboard_helpers import make_app, wait_for_data
from textual.geometry import Region

from core.base.periods import parse_period
from tui.screens.flash import FlashScreen
from tui.widgets.chart import NO_ROOM, Chart
from tui.widgets.months_plot import MonthsPlot
from tui.widgets.plot_axes import BarPanel

pytestmark = pytest.mark.anyio

RISES, FALLS = set("▁▂▃▄▅▆▇█"), set("▒▀▔")  # the glyphs of bars above and below a zero line
CANVAS = 8  # the canvas's first column: a 7-cell y label, then the axis


def cells(plot) -> list[list[tuple[str, object]]]:
    """The plot's rows as painted (after the app's colour filters): (character, style) per cell."""
    strips = plot.render_lines(Region(0, 0, plot.size.width, plot.size.height))
    return [[(character, segment.style) for segment in strip for character in segment.text] for strip in strips]


def text(plot) -> list[str]:
    return ["".join(character for character, _style in row) for row in cells(plot)]


def zero_lines(lines: list[str]) -> list[int]:
    """The rows that are a zero line: a y label, then the canvas ruled across (the month marks cross it)."""
    return [
        index
        for index, line in enumerate(line.partition("┤")[2] for line in lines)
        if line and line.count("─") >= len(line) - 3
    ]


def series(plot) -> dict:
    return {plotted.label: plotted for plotted in plot.plotted}


async def open_drilldown(pilot, *keys: str):
    await wait_for_data(pilot)
    await pilot.press(*keys)
    await pilot.pause()
    return pilot.app.screen.query_one("#history-plot")


async def test_a_drilldown_plots_the_level_over_the_yoy_bars_on_the_same_columns(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "enter")  # semiconductors, January 2026
        plotted = series(plot)
        assert plotted["level"].x[-1] == parse_period("2026-01") and len(plotted["level"].x) == 36
        assert plotted["level"].y[-1] == pytest.approx(20.54, abs=0.005)  # $bn
        assert plotted["change"].y[-1] == pytest.approx(102.8, abs=0.05)  # YoY %
        lines = text(plot)
        assert "Semiconductors: $bn a month, YoY % below · 3 years" in lines[0]
        # Units on the y axes, which line up: one axis column for both panels; on the right, only the frame.
        assert any("$20bn┤" in line for line in lines) and any("+100%┤" in line for line in lines)
        assert {line.index("┤") for line in lines if "┤" in line and "├" not in line} == {7}
        # The YoY panel's zero line; the month shown and the same month a year earlier named on the month axis.
        [zero] = zero_lines(lines)
        assert lines[zero].startswith("     0%┤")
        assert lines[-1].split() == ["2024-01", "2025-01", "2026-01"]
        # Each month's bar in the same columns in both panels: 36 months on 71 columns, a bar and a gap between two.
        rule = next(index for index, line in enumerate(lines) if line[CANVAS - 1] == "├")  # between the panels
        level = {
            column for line in lines[2:rule] for column, character in enumerate(line[CANVAS:]) if character in RISES
        }
        change = {
            column
            for line in lines[rule + 1 : -2]
            for column, character in enumerate(line[CANVAS:])
            if character in RISES | FALLS
        }
        assert level == set(range(0, 72, 2)) and change <= level and 70 in change  # January 2026 rose


def frame(lines: list[str]) -> tuple[int, int, int, int]:
    """A plot's frame, closed on every side: its top, bottom, left and right (row, row, column, column)."""
    top = next(index for index, line in enumerate(lines) if "┌" in line)
    bottom = next(index for index, line in enumerate(lines) if "└" in line)
    left, right = lines[top].index("┌"), lines[top].index("┐")
    assert lines[top][left : right + 1] == "┌" + "─" * (right - left - 1) + "┐"
    assert lines[bottom][left] == "└" and lines[bottom][right] == "┘"
    assert set(lines[bottom][left + 1 : right]) <= {"─", "┬"}  # ticks under the labels
    for line in lines[top + 1 : bottom]:
        assert line[left] in "│┤├" and line[right] in "│┤", line
    return top, bottom, left, right


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("keys", [("enter",), ("shift+tab", "right", "right", "enter")])
async def test_a_drilldowns_panels_are_framed_on_every_side(data, size, keys):
    """A user saw the drilldown's panels open at the top and on the right. Semiconductors and the Balance."""
    app = make_app(data)
    async with app.run_test(size=size) as pilot:
        plot = await open_drilldown(pilot, *keys)
        lines = text(plot)
        top, bottom, left, right = frame(lines)
        assert (top, left, right) == (1, CANVAS - 1, plot.size.width - 1)
        # The rule between the panels joins the sides; the marks of the months stay inside the frame.
        [rule] = [index for index, line in enumerate(lines) if "├" in line]
        assert lines[rule][left : right + 1] == "├" + "─" * (right - left - 1) + "┤"
        assert bottom == len(lines) - 2 and "│" not in lines[-1]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("keys", [("enter",), ("shift+tab", "enter", "a")])  # Semiconductors, 3 years; Exports, all
async def test_every_month_on_a_drilldowns_axis_reads_year_and_month(data, size, keys):
    """A user saw mixed forms on one axis: '2024' beside '2025-01' and '2026-01'."""
    app = make_app(data)
    async with app.run_test(size=size) as pilot:
        labels = text(await open_drilldown(pilot, *keys))[-1].split()
        assert len(labels) >= 3 and labels[-1] == "2026-01"
        assert all(re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", label) for label in labels), labels


async def test_months_before_an_items_data_begins_stay_blank(data):
    app = make_app(data, "2023-01")
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "enter")  # semiconductors: items start in 2022-01
        lines = text(plot)
        # 36 months on 71 columns, a bar and a gap each: January 2022 to January 2023 are the last 13 bars.
        rule = next(index for index, line in enumerate(lines) if line[CANVAS - 1] == "├")
        drawn = {
            column for line in lines[2:rule] for column, character in enumerate(line[CANVAS:]) if character in RISES
        }
        assert drawn and min(drawn) == 72 - 13 * 2


async def test_a_toggles_all_history_and_a_resize_replots_with_fewer_points_than_cells(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "shift+tab", "enter", "a")  # the Exports card
        assert "all history, 2-month averages" in text(plot)[0]
        # 121 months (2016-01 to 2026-01) on 71 columns: runs of 2 months, the oldest left over.
        level = series(plot)["level"]
        assert len(level.x) == 60 and level.x[-1] == parse_period("2026-01")
        # December 2025 and January 2026: ($69.51bn + $65.84bn) / 2.
        assert level.y[-1] == pytest.approx((69.51 + 65.84) / 2, abs=0.01)
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert len(series(plot)["level"].x) == 121  # 131 columns: every month
        await pilot.press("a")
        assert len(series(plot)["level"].x) == 36 and "3 years" in text(plot)[0]


async def test_the_balance_of_january_2023_is_a_deficit_below_the_zero_line(data):
    app = make_app(data, "2023-01")
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "shift+tab", "right", "right", "enter")
        assert series(plot)["level"].y[-1] == pytest.approx(-12.70, abs=0.005)
        lines = text(plot)
        level_zero, change_zero = zero_lines(lines)
        assert lines[level_zero].startswith("      0┤")
        below = "".join(line[-4:] for line in lines[level_zero + 1 : change_zero - 1])
        above = "".join(line[-4:] for line in lines[2:level_zero])
        assert set(below) & FALLS and not set(above) & RISES  # the month shown, at the right: a deficit
        assert "change on a year earlier" in lines[0]


@pytest.mark.parametrize("period", ["2026-01", "2023-01"])
async def test_every_nonzero_balance_and_change_shows_on_its_side_of_the_zero_line(data, period):
    """A user saw small deficits draw blank while smaller surpluses showed: to 2026-01, 2023-04 (-$2.51bn) and
    2023-05 (-$2.20bn) against 2023-08 (+$0.98bn); to 2023-01, 2021-12 (-$0.43bn) and 2022-03 (-$24mn)."""
    app = make_app(data, period)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "shift+tab", "right", "right", "enter")
        lines = text(plot)
        rule = next(index for index, line in enumerate(lines) if line[CANVAS - 1] == "├")
        level_zero, change_zero = zero_lines(lines)
        plotted = series(plot)
        assert len(plotted["level"].y) == 36  # a bar and a gap between two on 71 columns: a month's in column 2 * point
        panels = (("level", level_zero, (2, rule)), ("change", change_zero, (rule + 1, len(lines) - 2)))
        for label, zero, (start, end) in panels:
            for point, value in enumerate(plotted[label].y):
                column = CANVAS + 2 * point
                above = {line[column] for line in lines[start:zero]}
                below = {line[column] for line in lines[zero + 1 : end]}
                if value is None or value == 0:
                    assert not (above | below) & (RISES | FALLS), (label, point)
                elif value > 0:
                    assert above & RISES and not below & (RISES | FALLS), (label, point, value)
                else:
                    assert below & FALLS and not above & (RISES | FALLS), (label, point, value)


def test_a_bar_shows_to_an_eighth_of_a_row_rising_and_at_least_an_eighth_falling():
    bars = BarPanel(rows=7, zero=3, per_row=1.0)  # rows 4 to 6 for rises, 2 to 0 for falls, a row standing for 1
    assert bars.cells(0.01, "█", "▒") == [(4, "▁")] and bars.cells(-0.01, "█", "▒") == [(2, "▔")]
    assert bars.cells(0.3, "█", "▒") == [(4, "▂")] and bars.cells(-0.3, "█", "▒") == [(2, "▔")]
    assert bars.cells(-0.5, "█", "▒") == [(2, "▀")] and bars.cells(-0.8, "█", "▒") == [(2, "▒")]
    assert bars.cells(-1.02, "█", "▒") == [(2, "▒")]
    assert bars.cells(-1.1, "█", "▒") == [(2, "▒"), (1, "▔")]
    assert bars.cells(2.5, "█", "▒") == [(4, "█"), (5, "█"), (6, "▄")]
    assert bars.cells(-2.5, "█", "▒") == [(2, "▒"), (1, "▒"), (0, "▀")]
    assert bars.cells(0.0, "█", "▒") == []


@pytest.mark.parametrize(
    "keys, period", [(("shift+tab", "right", "right", "enter"), "2023-01"), (("enter",), "2026-01")]
)
async def test_without_colour_rises_and_falls_keep_their_own_glyphs_and_sides(data, monkeypatch, keys, period):
    """The Balance (surpluses and deficits, and their changes) and Semiconductors (YoY rises and falls)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data, period)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, *keys)
        rows = cells(plot)
        drawn = [style.color.triplet for row in rows for _character, style in row if style and style.color]
        assert drawn and all(red == green == blue for red, green, blue in drawn)  # grey: NO_COLOR is on
        lines = text(plot)
        rule = next(index for index, line in enumerate(lines) if line[CANVAS - 1] == "├")  # between the panels
        above, below = set(), set()
        for zero in zero_lines(lines):  # the level's (the balance's) and the change's
            start, end = (2, rule) if zero < rule else (rule + 1, len(lines) - 2)
            above |= {character for line in lines[start:zero] for character in line[CANVAS:]}
            below |= {character for line in lines[zero + 1 : end] for character in line[CANVAS:]}
        assert above & RISES and below & FALLS
        assert not above & FALLS and not below & RISES


@pytest.mark.parametrize(
    "dimension, code, measure",
    [
        ("headline", "exports", "a month"),
        ("headline", "imports", "a month"),
        ("headline", "balance", "a month"),
        ("headline", "daily_avg_exports", "a working day"),
        ("headline", "ytd_exports", "year to date"),
        ("item", "semiconductors", "a month"),
        ("partner", "china", "a month"),
    ],
)
def test_every_line_says_what_one_of_its_values_is(shipped_snapshot, dimension, code, measure):
    assert shipped_snapshot.month_chart(dimension, code, parse_period("2026-01"), 36).measure == measure
    every = shipped_snapshot.month_chart(dimension, code, parse_period("2026-01"), None)
    assert every.downsampled(20).months_per_point > 1 and every.downsampled(20).measure == measure


@pytest.mark.parametrize(
    "rights, title, last_two",
    [
        # Exports per working day: December 2025 $2.90bn, January 2026 $2.80bn.
        (3, "Daily avg: $bn a working day, YoY % below · 3 years", (2.90, 2.80)),
        # Running totals: the whole of 2025 ($709.33bn) in December, then January 2026's month alone ($65.84bn).
        (4, "YTD exp: $bn year to date, YoY % below · 3 years", (709.33, 65.84)),
    ],
)
async def test_a_drilldown_title_names_what_its_values_are(data, rights, title, last_two):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "shift+tab", *["right"] * rights, "enter")
        assert title in text(plot)[0] and "a month" not in text(plot)[0]
        assert series(plot)["level"].y[-2:] == pytest.approx(last_two, abs=0.005)


async def test_a_plot_that_fails_shows_a_note_and_logs_the_traceback_once(data, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(Chart, "failure_logged", False)  # once a process: this test's process may have logged one

    def failing(self, plt, width, height):
        raise ZeroDivisionError("a fault in the drawing code")

    monkeypatch.setattr(MonthsPlot, "draw", failing)
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        plot = await open_drilldown(pilot, "enter")
        await pilot.resize_terminal(100, 30)  # a re-render fails again
        await pilot.pause()
        assert text(plot)[0].strip() == "(no plot: these values cannot be drawn)"
        assert "ZeroDivisionError" not in "".join(text(plot))
        [log] = (tmp_path / "tradetop").glob("crash-*.log")
        assert "ZeroDivisionError: a fault in the drawing code" in log.read_text()
        assert app.crash is None  # the app runs on


@pytest.mark.parametrize("size", [(60, 20), (80, 20), (100, 21)])
async def test_a_drilldown_plot_without_room_says_so(data, size):
    """A user saw an empty frame where the plot goes at 20 and 21 rows, with no word of why."""
    app = make_app(data)
    async with app.run_test(size=size) as pilot:
        plot = await open_drilldown(pilot, "enter")
        assert plot.size.height < MonthsPlot.MIN_SIZE[1]
        assert " ".join(text(plot)).split() == NO_ROOM.split() and plot.plotted == ()
        await pilot.resize_terminal(80, 24)  # room again: the plot is drawn
        await pilot.pause()
        assert plot.plotted and "no room" not in " ".join(text(plot))


async def test_the_flash_screen_plots_the_nowcast_with_its_interval_against_a_year_earlier(flash_pending):
    app = make_app(flash_pending, "2026-08")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        plot = app.screen.query_one("#flash-plot")
        plotted = series(plot)
        # The README's nowcast: $92.75bn, 80% interval $88.59-97.18bn, at the month's end, the 31st.
        assert plotted["nowcast"].x == (31,) and plotted["nowcast"].y == (pytest.approx(92.75, abs=0.005),)
        assert plotted["nowcast interval"].y == (pytest.approx(88.59, abs=0.005), pytest.approx(97.18, abs=0.005))
        # Days 1-10 and 1-20 of August 2026 against August 2025, whose whole month is known (flash.csv, monthly.csv).
        assert plotted["2026-08"].y == pytest.approx((0, 21.285723, 55.206635))
        assert plotted["2025-08"].x == (0, 10, 20, 31)
        assert plotted["2025-08"].y == pytest.approx((0, 14.64623, 35.394043, 58.25933199))
        assert "final" not in plotted  # not out yet
        lines = text(plot)
        assert any("◆" in line for line in lines) and any("┃" in line for line in lines)
        assert lines[-1].split() == ["0", "10", "20", "31"]


async def test_once_the_month_is_out_the_flash_screen_plots_the_final_figure(data):
    app = make_app(data, "2026-07")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        screen = app.kept_screen(FlashScreen)  # as when the release arrives while the flash month is on screen
        screen.month = parse_period("2026-07")
        app.open_kept(screen)
        await pilot.pause()
        plot = screen.query_one("#flash-plot")
        assert series(plot)["final"].y == (pytest.approx(98.96, abs=0.005),)  # monthly.csv: $98,959,098,818
        assert series(plot)["final"].x == (31,) and "■" in "".join(text(plot)[1:])
        assert text(plot)[0].strip() == "━ 2026 · 2025 ◆ nowcast"  # the title that fits 24 columns


async def test_the_overview_marks_the_month_shown(data):
    app = make_app(data, "2026-02")
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for_data(pilot)
        plot = app.screen.query_one("#overview-plot")
        plotted = series(plot)
        assert plotted["exports"].x[-1] == parse_period("2026-02") and len(plotted["exports"].x) == 36
        lines = text(plot)
        assert "3 years to 2026-02" in lines[0]
        # January 2026's label would touch the month shown's: the month shown wins.
        assert lines[-1].split() == ["2024-01", "2025-01", "2026-02"]


@pytest.mark.parametrize("size", [(120, 50), (160, 56)])  # the overview plot shows from 50 rows
async def test_the_overview_marks_the_month_shown_inside_its_frame(data, size):
    """A user saw the month shown's line run into the frame, a '┬' in its top side and a '┴' in its bottom."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        lines = text(app.screen.query_one("#overview-plot"))
        top, bottom, _left, right = frame(lines)
        # The mark: a line in the canvas above the last tick, the month shown's (named last), short of the right side.
        column = lines[bottom].rindex("┬")
        assert lines[-1].rstrip().endswith("2026-01") and column < right - 1
        assert {line[column] for line in lines[top + 1 : bottom]} <= set("│▖▗▘▝▚▞▀▄▌▐▙▛▜▟█•")
        assert sum(line[column] == "│" for line in lines[top + 1 : bottom]) >= 2
