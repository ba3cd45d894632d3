"""The main screen's overview: exports and imports over the last years."""

from core.base.periods import format_period
from core.base.subjects import FLOWS
from core.engine.model import History
from tui.widgets.chart import BN, LABEL_WIDTH, LEVEL, MUTED, SHOWN, Chart, Plotted
from tui.widgets.plot_axes import fitted, mark_line, month_ticks, set_value_axis, set_x_ticks, usd_tick


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
        # Lines differ by marker, not only colour, so they stay apart with NO_COLOR. Exports are drawn last, on top.
        drawn = ((FLOWS["import"].name, imports, "•", MUTED), (FLOWS["export"].name, exports, "hd", LEVEL[1]))
        lines = []
        for label, history, marker, colour in drawn:
            points = [(position, value / BN) for position, value in enumerate(history.values) if value is not None]
            if points:
                x, y = zip(*points, strict=True)
                lines.append((Plotted(label, tuple(months[position] for position in x), y), x, marker, colour))
        if not lines:
            return ()
        known = [value for plotted, *_drawn in lines for value in plotted.y]
        margin = (max(known) - min(known)) * 0.05 or 1.0
        low, high, rows = min(known) - margin, max(known) + margin, height - 4
        shown = len(months) - 1
        mark_line(plt, shown, SHOWN, low, high, rows)  # under the lines
        for plotted, x, marker, colour in lines:
            plt.plot(x, plotted.y, marker=marker, color=colour)
        set_value_axis(plt, low, high, rows, usd_tick)
        set_x_ticks(plt, month_ticks(months, [shown]), (0, shown + 1), width)
        plt.title(
            fitted(
                (
                    f"Exports ━ and imports •, $bn, 3 years to {format_period(months[shown])} │",
                    "Exports ━ and imports •, $bn",
                ),
                width - 1 - LABEL_WIDTH,
            )
        )
        return tuple(plotted for plotted, *_drawn in lines)
