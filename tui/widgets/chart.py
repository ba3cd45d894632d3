"""A plotext chart drawn into the terminal in the theme's colours; the base of every plot."""

from contextlib import suppress
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color as ThemeColor
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual, visualize
from textual_plotext import PlotextPlot

from tui.crashlog import write_crash_log
from tui.internals import figure_rows, size_figure
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


def canvas_width(width: int) -> int:
    """The columns inside a plot `width` cells wide: every plot has its y labels and a frame closed on both sides."""
    return width - LABEL_WIDTH - 2


NO_PLOT = "(no plot: these values cannot be drawn)"
NO_ROOM = "(no room for the plot here: a taller or wider terminal shows it)"


class Plotted(NamedTuple):
    """A series as a plot drew it: x in months or days, y in the plot's unit ($bn, %)."""

    label: str
    x: tuple
    y: tuple


class Chart(PlotextPlot):
    """A plotext plot drawn anew, for its size, whenever it is refreshed. `plotted` holds what the last draw plotted.

    Painted line by line from the figure's cells: as a Text, its conversion to Textual's Content and back to strips
    cost as much as drawing the figure."""

    MIN_SIZE = (LABEL_WIDTH + 2 + 12, 6)  # below this there is no room for the plot; it stays blank

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.plotted: tuple[Plotted, ...] = ()
        self.strips: list[Strip] = []
        self.strips_for: object = None  # the size and style the lines were drawn for; None: draw anew

    failure_logged = False  # for the process: a plot that fails once fails again on every refresh and resize

    def refresh(self, *regions, **kwargs):
        self.strips_for = None  # new figures, or a new theme: drawn anew when next painted
        return super().refresh(*regions, **kwargs)

    def render_line(self, y: int) -> Strip:
        style = self.visual_style
        if self.strips_for != (self.size, style):
            self.strips, self.strips_for = self.drawn_strips(style), (self.size, style)
        return self.strips[y] if y < len(self.strips) else Strip.blank(self.size.width, style.rich_style)

    def drawn_strips(self, style: VisualStyle) -> list[Strip]:
        """The figure's rows, each cell's colours over the widget's style, as Textual paints a Text's spans."""
        width, height = self.size
        if not width or not height:
            return []
        if width < self.MIN_SIZE[0] or height < self.MIN_SIZE[1]:  # said, rather than an empty frame
            self.plotted = ()
            return Visual.to_strips(self, visualize(self, Text(NO_ROOM, style="dim")), width, height, style)
        try:
            rows = self.drawn()
        except Exception as error:  # plotext fails on some valid values: a plot says so rather than end the app
            self.log_failure(error)
            return Visual.to_strips(self, visualize(self, Text(NO_PLOT, style="dim")), width, height, style)
        theme, over = self.app.ansi_theme, {}
        strips = []
        for y, row in enumerate(rows):
            segments, x = [], 0
            for text, cell in row:
                if cell not in over:
                    over[cell] = style + VisualStyle.from_rich_style(cell, theme)
                # With the cell's offset, as Textual's own rendering gives it (for text selection).
                segments.append(Segment(text, over[cell].rich_style_with_offset(x, y)))
                x += len(text)
            strips.append(Strip(segments, width))
        return strips

    @staticmethod
    def log_failure(error: Exception) -> None:
        """The process's first failure's traceback to the crash log: it may be a fault in our drawing code."""
        if Chart.failure_logged:
            return
        Chart.failure_logged = True
        with suppress(OSError):  # nowhere to write it: the note on screen is all there is
            write_crash_log(error)

    def drawn(self) -> list[list[tuple[str, Style]]]:
        plt = self.plt
        plt.clear_figure()
        width, height = self.size
        fits = width >= self.MIN_SIZE[0] and height >= self.MIN_SIZE[1]
        self.plotted = self.draw(plt, width, height) if fits else ()
        size_figure(plt, width, height)
        theme = self.app.theme_variables
        surface = ThemeColor.parse(theme["surface"]).rgb
        plt.canvas_color(surface)
        plt.axes_color(surface)
        plt.ticks_color(ThemeColor.parse(theme["foreground"]).rgb)
        return figure_rows(plt)

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        raise NotImplementedError
