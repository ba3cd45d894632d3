"""Bars, ticks and axes for the plots: round ticks, bars by eighths of a cell, month labels."""

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from core.base.periods import calendar_month, format_period
from tui.widgets.chart import AXIS, FALL, LABEL_WIDTH, RISE, canvas_width


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
        return [
            (base + step * index, glyph)
            for index, glyph in enumerate(glyphs)
            if 0 <= base + step * index < self.rows and (self.zero is None or base + step * index != self.zero)
        ]

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
    """`points` bars across a canvas `width` cells wide (at least one cell each). With room for two cells each less
    the last one's gap, every bar is as wide as the others with a one-cell gap between two, the last at the right,
    with a gap before the frame where there is a cell for it; with less, the bars touch, filling the width (one or two
    cells wide, which shows only at the marked bars)."""

    width: int
    points: int

    def columns(self, point: int) -> range:
        if self.width + 1 >= 2 * self.points:
            per_point = (self.width + 1) // self.points
            end = self.width + (self.width + 1 == self.points * per_point)  # the last bar's gap, if there is room
            start = end - (self.points - point) * per_point
            return range(start, start + per_point - 1)
        return range(point * self.width // self.points, (point + 1) * self.width // self.points)

    def centre(self, point: int) -> int:
        columns = self.columns(point)
        return columns[len(columns) // 2]


def draw_panel(
    panel,
    layout: Layout,
    bars: BarPanel,
    values: tuple[float | None, ...],
    looks: Callable[[int, float], tuple[str, str, tuple]],
    label: Callable[[float], str],
) -> None:
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
    panel.yaxes(True, True)


def by_sign(point: int, value: float) -> tuple[str, str, tuple]:
    return (RISE[0], FALL[0], RISE[1] if value >= 0 else FALL[1])


def mark_line(panel, x: float, colour: tuple, low: float, high: float, rows: int) -> None:
    """A line down the canvas at `x`, a cell a row from `low` to `high` (the panel's y limits, on `rows` rows), under
    what is drawn after it. Inside the frame: plotext's vertical_line also cuts into it (┬ above, ┴ below)."""
    step = (high - low) / max(1, rows - 1)
    panel.scatter([x] * rows, [low + step * row for row in range(rows)], marker="│", color=colour)


def set_x_ticks(panel, ticks: Sequence[tuple[float, str]], limits: tuple[float, float], width: int) -> None:
    """The x axis from `limits`, with (x, label) ticks, the first ones first: a label that would touch one already
    placed is left out here, since plotext, which would leave it out too, keeps the ticks in no fixed order."""
    panel.xlim(*limits)
    columns, start = canvas_width(width), 1 + LABEL_WIDTH
    taken: list[tuple[int, int]] = []  # the cells each placed label covers, with a cell of room either side
    kept: list[tuple[float, str]] = []
    for x, label in ticks:
        column = math.floor(0.5 + (columns - 1) * (x - limits[0]) / (limits[1] - limits[0]))  # as plotext maps x
        left = min(max(0, start + column - len(label) // 2), width - len(label))
        if all(left + len(label) < other_left or other_right < left for other_left, other_right in taken):
            taken.append((left - 1, left + len(label)))
            kept.append((x, label))
    panel.xticks([x for x, _label in kept], [label for _x, label in kept])


def month_ticks(months: tuple[int, ...], marked: list[int], per_point: int = 1) -> list[tuple[int, str]]:
    """(point, label) of `months` (a point's last month, each the end of a run of `per_point`): the marked points
    first (they win when labels have no room), then every January, or every quarter on a span shorter than two
    years; each labelled with its month as YYYY-MM, in one form on every axis."""
    quarterly = len(months) * per_point < 24
    ticks = [(point, format_period(months[point])) for point in marked]
    for point, end in enumerate(months):
        run = range(end - per_point + 1, end + 1)
        start = next((month for month in run if calendar_month(month) in ((1, 4, 7, 10) if quarterly else (1,))), None)
        if start is not None and point not in marked:
            ticks.append((point, format_period(start)))
    return ticks


def set_value_axis(panel, low: float, high: float, rows: int, label: Callable[[float], str]) -> None:
    """A line plot's y axis from `low` to `high` over `rows` rows, round values ticked, one a row: two rows apart,
    else one where that leaves fewer than two (one label cannot say the scale); the frame closed on the right, so
    that the lines end inside it."""
    panel.ylim(low, high)
    per_row = (high - low) / max(1, rows - 1)
    chosen: dict[int, float] = {}
    for spacing in (per_row, per_row / 2):  # round_ticks keeps ticks two spacings apart
        chosen = {}
        for tick in round_ticks(low, high, spacing):
            if low <= tick <= high:
                chosen.setdefault(math.floor(0.5 + (tick - low) / per_row), tick)
        if len(chosen) >= 2:
            break
    panel.yticks(list(chosen.values()), [label(tick).rjust(LABEL_WIDTH) for tick in chosen.values()])
    panel.yaxes(True, True)


def fitted(texts: tuple[str, ...], width: int) -> str:
    """The first text that fits in `width` cells (plotext leaves out a title that does not), else none."""
    return next((text for text in texts if len(text) <= width), "")
