"""The plot widget: a plotext plot that says so, rather than ending the app, where plotext cannot draw the values.

Imported when a screen first needs a plot: plotext costs start-up time.
"""

from rich.text import Text
from textual_plotext import PlotextPlot

NO_PLOT = "(no plot: these values cannot be drawn)"


class Plot(PlotextPlot):
    def render(self):
        try:
            return super().render()
        except Exception:  # plotext fails on some values that are valid data: a lone bar of 0, ticks of 1e-300
            return Text(NO_PLOT, style="dim")
