"""A plotext chart drawn into the terminal in the theme's colours; the base of every plot."""

import contextlib
from functools import lru_cache
from typing import NamedTuple

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.color import Color as ThemeColor
from textual_plotext import PlotextPlot

from tui.crashlog import write_crash_log
from tui.widgets.cells import DOWN_STYLE, MONTH_SHOWN_STYLE, UP_STYLE


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
        with contextlib.suppress(OSError):  # nowhere to write it: the note on screen is all there is
            write_crash_log(error)

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
        glyphs, colours = matrix.marker[row], list(zip(matrix.fullground[row], matrix.background[row], strict=True))
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
