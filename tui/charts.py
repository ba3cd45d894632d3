"""The plots: a drilldown's level and change on two aligned panels, the flash month's exports summed by day against a
year earlier with the nowcast, and the main screen's exports and imports.

Each plot is drawn for its widget's size on every render, so a resize re-plots it (and downsamples it when there are
more months than cells). Bars are drawn cell by cell, x a canvas column and y a row (Layout, BarPanel), so that both
panels of a drilldown put a month in the same columns and zero on a row of its own. Imported when the first plot is
needed: plotext costs start-up time and stays off the first frame's path.
"""

import math
from functools import lru_cache
from typing import Callable, NamedTuple

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.color import Color as ThemeColor
from textual_plotext import PlotextPlot

from core.engine.model import INTERVAL_NOMINAL_PCT, FlashChart, History, MonthChart
from core.base.periods import calendar_month, format_period, year_of

from .crashlog import write_crash_log
from .widgets import DOWN_STYLE, MONTH_SHOWN_STYLE, UP_STYLE


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


# Rises and surpluses solid, falls and deficits shaded: they differ without colour too (NO_COLOR).
RISE, FALL = ("█", rgb(UP_STYLE)), ("▒", rgb(DOWN_STYLE))
LEVEL = ("█", (95, 175, 215))
SHOWN = rgb(MONTH_SHOWN_STYLE)
MUTED = (188, 188, 188)  # the same month a year earlier, and what a plot compares against
AXIS = (138, 138, 138)
LABEL_WIDTH = 7  # every y label, so that panels stacked in one plot line up: +$10bn, +100%, $500mn
BN = 1e9


NO_PLOT = "(no plot: these values cannot be drawn)"


class Plotted(NamedTuple):
    """A series as a plot drew it: x in months or days, y in the plot's unit ($bn, %)."""

    label: str
    x: tuple
    y: tuple


class Chart(PlotextPlot):
    """A plotext plot drawn anew, for its size, whenever it renders. `plotted` holds what the last draw plotted."""

    MIN_SIZE = (1 + LABEL_WIDTH + 12, 6)  # below this there is no room for the plot; it stays blank

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.plotted: tuple[Plotted, ...] = ()

    failure_logged = False  # for the process: a plot that fails once fails again on every refresh and resize

    def render(self) -> Text:
        try:
            return self.drawn()
        except Exception as error:  # plotext fails on some valid values: a plot says so rather than end the app
            self.log_failure(error)
            return Text(NO_PLOT, style="dim")

    @staticmethod
    def log_failure(error: Exception) -> None:
        """The process's first failure's traceback to the crash log: it may be a fault in our drawing code."""
        if Chart.failure_logged:
            return
        Chart.failure_logged = True
        try:
            write_crash_log(error)
        except OSError:  # nowhere to write it: the note on screen is all there is
            pass

    def drawn(self) -> Text:
        plt = self.plt
        plt.clear_figure()
        width, height = self.size
        fits = width >= self.MIN_SIZE[0] and height >= self.MIN_SIZE[1]
        self.plotted = self.draw(plt, width, height) if fits else ()
        plt.plotsize(width, height)
        plt._set_size(width, height)  # as PlotextPlot.render: plotsize alone may keep the size of the terminal
        theme = self.app.theme_variables
        surface = ThemeColor.parse(theme["surface"]).rgb
        plt.canvas_color(surface)
        plt.axes_color(surface)
        plt.ticks_color(ThemeColor.parse(theme["foreground"]).rgb)
        plt._set_sizes()  # plotext's build() without its last step, the ANSI string that cells_text does without
        plt._build_matrix()
        return cells_text(plt.monitor.matrix)

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        raise NotImplementedError


def cells_text(matrix) -> Text:
    """plotext's figure, cell by cell (its `matrix`, bottom row first), as Text with a span per run of cells in the
    same colours: the ANSI string plotext would make, decoded again, took half of a drilldown's paint."""
    lines = []
    for row in reversed(range(matrix.rows)):
        glyphs, colours = matrix.marker[row], list(zip(matrix.fullground[row], matrix.background[row]))
        line, start = Text(no_wrap=True, end=""), 0
        for column in range(1, matrix.cols + 1):
            if column == matrix.cols or colours[column] != colours[start]:
                line.append("".join(glyphs[start:column]), cell_style(*colours[start]))
                start = column
        lines.append(line)
    return Text("\n", no_wrap=True, end="").join(lines)


@lru_cache(maxsize=256)
def cell_style(foreground, background) -> Style:
    """A plotext colour pair as a style: RGB tuples or 256-colour numbers; anything else (`default`) is no colour.
    The plots use no text styles."""
    def colour(value) -> Color | None:
        if isinstance(value, tuple):
            return Color.from_rgb(*value)
        return Color.from_ansi(value) if isinstance(value, int) else None

    return Style(color=colour(foreground), bgcolor=colour(background))


def nice_at_least(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value * (1 - 1e-9))


def nice_at_most(value: float) -> float:
    """The largest 1, 2 or 5 times a power of ten that is at most `value` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (5, 2, 1) if step * power <= value * (1 + 1e-9))


def round_ticks(low: float, high: float, per_row: float) -> list[float]:
    """Round values from `low` to `high`, at least two rows apart; where that leaves no value above (below) zero
    and there is room, the roundest one short of `high` (`low`)."""
    step = nice_at_least(2 * per_row)
    ticks = [index * step for index in range(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)]
    if high > 0 and not any(tick > 0 for tick in ticks):
        ticks.append(nice_at_most(high))
    if low < 0 and not any(tick < 0 for tick in ticks):
        ticks.append(-nice_at_most(-low))
    return ticks


EIGHTHS = " ▁▂▃▄▅▆▇"  # a rising bar's last cell, by eighths of a cell
# A falling bar's last cell hangs from its top, for which there are glyphs for an eighth and a half only: by the
# fill nearest its part of a cell (an eighth, a half, a whole), rounded up to an eighth for a bar shorter than that.
HANGING = ((1 / 16, ""), (5 / 16, "▔"), (3 / 4, "▀"))


class BarPanel(NamedTuple):
    """A panel of bars on `rows` rows, drawn cell by cell: a row of bar stands for `per_row`. A signed panel has its
    zero line on row `zero`, rises above it and falls hanging below; an unsigned one's bars stand on row 0."""

    rows: int
    zero: int | None
    per_row: float

    def base(self, value: float) -> int:
        """The row a bar's first cell is on."""
        if self.zero is None:
            return 0
        return self.zero + 1 if value >= 0 else self.zero - 1

    def cells(self, value: float, rise: str, fall: str) -> list[tuple[int, str]]:
        """(row, glyph) of a bar from zero: rises to an eighth of a cell, falls (which hang, and no glyph fills a
        cell's top part by eighths) to an eighth, a half or a whole cell. A bar of a nonzero value shows: at least
        an eighth of a cell."""
        length = abs(value) / self.per_row
        whole, part = int(length), length - int(length)
        if value and not whole:
            part = max(part, 1 / 8)
        if value >= 0:
            eighths = round(part * 8)
            glyphs = [rise] * (whole + (eighths == 8)) + ([EIGHTHS[eighths]] if 0 < eighths < 8 else [])
        else:
            last = next((glyph for below, glyph in HANGING if part < below), fall)
            glyphs = [fall] * whole + ([last] if last else [])
        step = 1 if value >= 0 else -1
        base = self.base(value)
        return [(base + step * index, glyph) for index, glyph in enumerate(glyphs)
                if 0 <= base + step * index < self.rows and (self.zero is None or base + step * index != self.zero)]

    def tick_row(self, value: float) -> int | None:
        """The row whose far edge a bar of `value` reaches, to half a row; None for a bar shorter than that."""
        if value == 0:
            return self.zero
        length = round(abs(value) / self.per_row)
        return self.base(value) + (1 if value >= 0 else -1) * (length - 1) if length else None

    def ticks(self, values: tuple[float | None, ...]) -> list[tuple[int, float]]:
        """(row, value) of round values, one a row, zero first on a signed panel."""
        known = [value for value in values if value is not None]
        high, low = max(known, default=0.0), min(known, default=0.0)
        chosen: dict[int, float] = {}
        for tick in sorted(round_ticks(min(low, 0.0), max(high, 0.0), self.per_row), key=abs):
            row = self.tick_row(tick)
            if row is not None and 0 <= row < self.rows:
                chosen.setdefault(row, tick)
        return sorted(chosen.items())


def bar_panel(values: tuple[float | None, ...], rows: int, signed: bool) -> BarPanel:
    """Room for every bar: a signed panel gives zero a row of its own, with at least a row above it for rises and one
    below it for falls where there are any."""
    known = [value for value in values if value is not None] or [0.0]
    high, low = max(0.0, max(known)), min(0.0, min(known))
    if not signed:
        return BarPanel(rows, None, high / rows or 1.0)
    if low == 0:
        zero = 0
    elif high == 0:
        zero = rows - 1
    else:
        zero = min(rows - 2, max(1, round((rows - 1) * -low / (high - low))))
    per_row = max(high / (rows - 1 - zero) if zero < rows - 1 else 0.0, -low / zero if zero else 0.0) or 1.0
    return BarPanel(rows, zero, per_row)


def usd_tick(value: float, signed: bool = False) -> str:
    """$bn on an axis: $20bn, $0.5bn, -$5bn, +$5bn."""
    sign = "-" if value < 0 else "+" if signed and value > 0 else ""
    return f"{sign}${abs(round(value, 9)):g}bn" if value else "0"


def pct_tick(value: float) -> str:
    return f"{round(value, 9):+g}%" if value else "0%"


class Layout(NamedTuple):
    """`points` bars across a canvas `width` cells wide (at least one cell each). With room for two cells each, every
    bar is as wide as the others with a one-cell gap after it, the last at the right; with less, the bars touch,
    filling the width (one or two cells wide, which shows only at the marked bars)."""

    width: int
    points: int

    def columns(self, point: int) -> range:
        if self.width >= 2 * self.points:
            per_point = self.width // self.points
            start = self.width - (self.points - point) * per_point
            return range(start, start + per_point - 1)
        return range(point * self.width // self.points, (point + 1) * self.width // self.points)

    def centre(self, point: int) -> int:
        columns = self.columns(point)
        return columns[len(columns) // 2]


def draw_panel(panel, layout: Layout, bars: BarPanel, values: tuple[float | None, ...],
               looks: Callable[[int, float], tuple[str, str, tuple]], label: Callable[[float], str]) -> None:
    """Bars cell by cell in one scatter (x a column, y a row), `looks(point, value)` giving the rise and fall glyphs
    and the colour; then the zero line over them. The month marks, drawn first, show above and below the bars."""
    x, y, glyphs, colours = [], [], [], []
    for point, value in enumerate(values):
        if value is None:
            continue
        rise, fall, colour = looks(point, value)
        for row, glyph in bars.cells(value, rise, fall):
            for column in layout.columns(point):
                x.append(column)
                y.append(row)
                glyphs.append(glyph)
                colours.append(colour)
    panel.xlim(0, layout.width - 1)
    panel.ylim(0, bars.rows - 1)
    if x:
        panel.scatter(x, y, marker=glyphs, color=colours)
    if bars.zero is not None:
        panel.scatter(list(range(layout.width)), [bars.zero] * layout.width, marker="─", color=AXIS)
    ticks = bars.ticks(values)
    panel.yticks([row for row, _value in ticks], [label(value).rjust(LABEL_WIDTH) for _row, value in ticks])
    panel.yaxes(True, False)


def by_sign(point: int, value: float) -> tuple[str, str, tuple]:
    return (RISE[0], FALL[0], RISE[1] if value >= 0 else FALL[1])


class MonthsPlot(Chart):
    """A drilldown's months: the level in $bn on top; below, on the same columns, the change on a year earlier as bars
    by sign around a zero line (YoY %, or $bn for the balance, whose level has bars by sign too). The month shown and
    the same month a year earlier are marked by a line through both panels and named on the month axis; years are
    ticked (quarters on short spans)."""

    MIN_SIZE = (Chart.MIN_SIZE[0], 9)  # a title, two rows of level, a rule, three of change, an axis, its labels

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.chart: MonthChart | None = None
        self.subject = self.span = ""

    def show(self, chart: MonthChart, subject: str, span: str) -> None:
        """`chart` as the drilldown of `subject` (its name) has it, over `span` (said in the title)."""
        self.chart, self.subject, self.span = chart, subject, span
        self.refresh()

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        if self.chart is None or not self.chart.months:
            return ()
        canvas_width = width - 1 - LABEL_WIDTH  # the left axis and its labels; there is no right axis
        chart = self.chart.downsampled(canvas_width)
        layout = Layout(canvas_width, len(chart.months))
        # Rows: the title and the top panel; a rule, the bottom panel, its axis and the month labels.
        level_rows = max(2, (height - 4) // 2)  # rises and falls share the change's rows, so it gets the odd one
        change_rows = max(3, height - 4 - level_rows)
        levels = tuple(None if value is None else value / BN for value in chart.level_usd)
        changes = tuple(None if value is None else value / BN for value in chart.change) if chart.change_in_usd else chart.change
        shown = len(chart.months) - 1
        marks = {shown: SHOWN} | ({chart.year_earlier: MUTED} if chart.year_earlier is not None else {})

        plt.subplots(2, 1)
        top, bottom = plt.subplot(1, 1), plt.subplot(2, 1)
        top.plotsize(width, level_rows + 1)
        bottom.plotsize(width, change_rows + 3)
        span = self.span if chart.months_per_point == 1 else f"{self.span}, {chart.months_per_point}-month averages"
        change = "change on a year earlier" if chart.change_in_usd else "YoY %"
        top.title(fitted((f"{self.subject}: $bn {chart.measure}, {change} below · {span}",
                          f"{self.subject}: $bn, {change} · {span}", f"{self.subject} · {span}", self.subject), width))
        top.xaxes(False, False)
        top.xticks([], [])
        for panel in (top, bottom):
            for point, colour in marks.items():
                panel.vertical_line(layout.centre(point), colour)
        if chart.change_in_usd:  # a line that can be negative: its level has bars by sign too
            draw_panel(top, layout, bar_panel(levels, level_rows, True), levels, by_sign, usd_tick)
        else:
            draw_panel(top, layout, bar_panel(levels, level_rows, False), levels,
                       lambda point, value: (LEVEL[0], LEVEL[0], marks.get(point, LEVEL[1])), usd_tick)
        draw_panel(bottom, layout, bar_panel(changes, change_rows, True), changes, by_sign,
                   (lambda value: usd_tick(value, signed=True)) if chart.change_in_usd else pct_tick)
        set_x_ticks(bottom, [(layout.centre(point), text) for point, text in month_ticks(chart, list(marks))],
                    (0, canvas_width - 1), width)
        return (Plotted("level", chart.months, levels), Plotted("change", chart.months, changes))


def set_x_ticks(panel, ticks: list[tuple[float, str]], limits: tuple[float, float], width: int) -> None:
    """The x axis from `limits`, with (x, label) ticks, the first ones first: a label that would touch one already
    placed is left out here, since plotext, which would leave it out too, keeps the ticks in no fixed order."""
    panel.xlim(*limits)
    canvas_width, start, taken, kept = width - 1 - LABEL_WIDTH, 1 + LABEL_WIDTH, [], []
    for x, label in ticks:
        column = math.floor(0.5 + (canvas_width - 1) * (x - limits[0]) / (limits[1] - limits[0]))  # as plotext maps x
        left = min(max(0, start + column - len(label) // 2), width - len(label))
        if all(left + len(label) < other_left or other_right < left for other_left, other_right in taken):
            taken.append((left - 1, left + len(label)))
            kept.append((x, label))
    panel.xticks([x for x, _label in kept], [label for _x, label in kept])


def month_ticks(chart: MonthChart, marked: list[int]) -> list[tuple[int, str]]:
    """The marked months first (they win when labels have no room), then every January, or every quarter on a span
    shorter than two years."""
    per_point = chart.months_per_point
    quarterly = len(chart.months) * per_point < 24
    ticks = [(point, format_period(chart.months[point])) for point in marked]
    for point, end in enumerate(chart.months):
        run = range(end - per_point + 1, end + 1)
        start = next((month for month in run if calendar_month(month) in ((1, 4, 7, 10) if quarterly else (1,))), None)
        if start is not None and point not in marked:
            ticks.append((point, format_period(start) if quarterly else str(year_of(start))))
    return ticks


def set_value_axis(panel, low: float, high: float, rows: int, label: Callable[[float], str]) -> None:
    """A line plot's y axis from `low` to `high` over `rows` rows, round values ticked, one a row."""
    panel.ylim(low, high)
    per_row = (high - low) / max(1, rows - 1)
    chosen: dict[int, float] = {}
    for tick in round_ticks(low, high, per_row):
        if low <= tick <= high:
            chosen.setdefault(math.floor(0.5 + (tick - low) / per_row), tick)
    panel.yticks(list(chosen.values()), [label(tick).rjust(LABEL_WIDTH) for tick in chosen.values()])
    panel.yaxes(True, False)


def fitted(texts: tuple[str, ...], width: int) -> str:
    """The first text that fits in `width` cells (plotext leaves out a title that does not), else none."""
    return next((text for text in texts if len(text) <= width), "")


class FlashPlot(Chart):
    """The flash month's exports summed from day 1 to each window's end, against the same days a year earlier; at
    the month's end, the nowcast with its 80% interval, and the final figure once it is known."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.chart: FlashChart | None = None

    def show(self, chart: FlashChart | None) -> None:
        self.chart = chart
        self.refresh()

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        chart = self.chart
        if chart is None:
            return ()
        plotted = []

        def line(label: str, values: tuple[float | None, ...], marker: str, colour) -> None:
            points = [(day, value / BN) for day, value in zip(chart.days, values) if value is not None]
            if points:
                x, y = zip(*points)
                plt.plot(x, y, marker=marker, color=colour)
                plotted.append(Plotted(label, x, y))

        last_day = chart.days[-1]
        month, year_earlier = format_period(chart.month), format_period(chart.month - 12)
        line(year_earlier, chart.year_earlier, "•", MUTED)
        line(month, chart.this_year[:-1], "hd", RISE[1])
        nowcast = chart.nowcast
        if nowcast is not None:
            interval = (nowcast.low_usd / BN, nowcast.high_usd / BN)
            plt.plot([last_day, last_day], interval, marker="┃", color=SHOWN)
            plt.scatter([last_day], [nowcast.value_usd / BN], marker="◆", color=SHOWN)
            plotted += [Plotted("nowcast interval", (last_day, last_day), interval),
                        Plotted("nowcast", (last_day,), (nowcast.value_usd / BN,))]
        final = chart.this_year[-1]
        if final is not None:
            plt.scatter([last_day], [final / BN], marker="■", color=RISE[1])
            plotted.append(Plotted("final", (last_day,), (final / BN,)))
        highest = max((value for series in plotted for value in series.y), default=0.0) or 1.0
        set_value_axis(plt, 0.0, highest * 1.05, height - 4, usd_tick)
        set_x_ticks(plt, [(day, str(day)) for day in chart.days], (0, last_day + 1), width)
        final_key = " ■ final" * (final is not None)
        plt.title(fitted((f"$bn from day 1: ━ {month} · {year_earlier} ◆┃ nowcast, "
                          f"{INTERVAL_NOMINAL_PCT:.0f}% interval{final_key}",
                          f"$bn from day 1: ━ {month} · {year_earlier} ◆┃ nowcast{final_key}",
                          f"━ {month[:4]} · {year_earlier[:4]} ◆ nowcast{final_key}",
                          f"━ {month[:4]} · {year_earlier[:4]} ◆ nowcast"), width - 1 - LABEL_WIDTH))
        return tuple(plotted)


class OverviewPlot(Chart):
    """Exports and imports over the months to the month shown, in $bn; the month shown marked and named."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lines: tuple[History, History] | None = None

    def show(self, lines: tuple[History, History]) -> None:
        self.lines = lines
        self.refresh()

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        if self.lines is None:
            return ()
        exports, imports = self.lines
        months = exports.months
        plotted = []
        # Lines differ by marker, not only colour, so they stay apart with NO_COLOR. Exports are drawn last, on top.
        for label, history, marker, colour in (("imports", imports, "•", MUTED), ("exports", exports, "hd", LEVEL[1])):
            points = [(position, value / BN) for position, value in enumerate(history.values) if value is not None]
            if points:
                x, y = zip(*points)
                plt.plot(x, y, marker=marker, color=colour)
                plotted.append(Plotted(label, tuple(months[position] for position in x), y))
        if not plotted:
            return ()
        shown = len(months) - 1
        plt.vertical_line(shown, SHOWN)
        known = [value for series in plotted for value in series.y]
        margin = (max(known) - min(known)) * 0.05 or 1.0
        set_value_axis(plt, min(known) - margin, max(known) + margin, height - 4, usd_tick)
        januaries = [(position, str(year_of(month))) for position, month in enumerate(months)
                     if calendar_month(month) == 1 and position != shown]
        set_x_ticks(plt, [(shown, format_period(months[shown])), *januaries], (0, shown + 1), width)
        plt.title(fitted((f"Exports ━ and imports •, $bn, 3 years to {format_period(months[shown])} │",
                          "Exports ━ and imports •, $bn"), width - 1 - LABEL_WIDTH))
        return tuple(plotted)
