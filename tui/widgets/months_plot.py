"""A subject's history: its value and its change on a year earlier, month by month."""

from core.engine.model import MonthChart
from tui.widgets.chart import BN, LABEL_WIDTH, LEVEL, MUTED, SHOWN, Chart, Plotted, canvas_width
from tui.widgets.plot_axes import (
    Layout,
    bar_panel,
    by_sign,
    draw_panel,
    fitted,
    mark_line,
    month_ticks,
    pct_tick,
    set_x_ticks,
    usd_tick,
)


class MonthsPlot(Chart):
    """A drilldown's months: the level in $bn on top; below, on the same columns, the change on a year earlier as bars
    by sign around a zero line (YoY %, or $bn for the balance, whose level has bars by sign too). The month shown and
    the same month a year earlier are marked by a line through both panels and named on the month axis; years are
    ticked (quarters on short spans)."""

    MIN_SIZE = (Chart.MIN_SIZE[0], 10)  # a title, the frame's top, 2 rows of level, a rule, 3 of change, axis, labels

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.chart: MonthChart | None = None
        self.subject = self.span = ""
        self.rule = 0  # the row of the rule between the panels

    def show(self, chart: MonthChart, subject: str, span: str) -> None:
        """`chart` as the drilldown of `subject` (its name) has it, over `span` (said in the title)."""
        self.chart, self.subject, self.span = chart, subject, span
        self.refresh()

    def drawn(self):
        rows = super().drawn()
        if self.plotted:  # the rule, drawn as the top panel's lower side with corners, joins the frame's sides
            rows[self.rule] = [(text.replace("└", "├").replace("┘", "┤"), style) for text, style in rows[self.rule]]
        return rows

    def draw(self, plt, width: int, height: int) -> tuple[Plotted, ...]:
        if self.chart is None or not self.chart.months:
            return ()
        columns = canvas_width(width)
        chart = self.chart.downsampled(columns)
        layout = Layout(columns, len(chart.months))
        # Rows: the title, the frame's top and the top panel; a rule, the bottom panel, its axis and the month labels.
        level_rows = max(2, (height - 5) // 2)  # rises and falls share the change's rows, so it gets the odd one
        change_rows = max(3, height - 5 - level_rows)
        self.rule = 2 + level_rows
        levels = tuple(None if value is None else value / BN for value in chart.level_usd)
        changes = (
            tuple(None if value is None else value / BN for value in chart.change)
            if chart.change_in_usd
            else chart.change
        )
        shown = len(chart.months) - 1
        marks = {shown: SHOWN} | ({chart.year_earlier: MUTED} if chart.year_earlier is not None else {})

        plt.subplots(2, 1)
        top, bottom = plt.subplot(1, 1), plt.subplot(2, 1)
        top.plotsize(width, level_rows + 3)
        bottom.plotsize(width, change_rows + 2)
        span = self.span if chart.months_per_point == 1 else f"{self.span}, {chart.months_per_point}-month averages"
        change = "change on a year earlier" if chart.change_in_usd else "YoY %"
        top.title(
            fitted(
                (
                    f"{self.subject}: $bn {chart.measure}, {change} below · {span}",
                    f"{self.subject}: $bn, {change} · {span}",
                    f"{self.subject} · {span}",
                    self.subject,
                ),
                width - LABEL_WIDTH,  # plotext leaves out a title wider than the plot less its y labels
            )
        )
        top.xaxes(True, True)  # the frame's top, and the rule between the panels
        bottom.xaxes(True, False)
        top.xticks([], [])
        for panel, rows in ((top, level_rows), (bottom, change_rows)):
            for point, colour in marks.items():
                mark_line(panel, layout.centre(point), colour, 0, rows - 1, rows)  # a panel's y are its rows
        if chart.change_in_usd:  # a line that can be negative: its level has bars by sign too
            draw_panel(top, layout, bar_panel(levels, level_rows, True), levels, by_sign, usd_tick)
        else:
            draw_panel(
                top,
                layout,
                bar_panel(levels, level_rows, False),
                levels,
                lambda point, value: (LEVEL[0], LEVEL[0], marks.get(point, LEVEL[1])),
                usd_tick,
            )
        draw_panel(
            bottom,
            layout,
            bar_panel(changes, change_rows, True),
            changes,
            by_sign,
            (lambda value: usd_tick(value, signed=True)) if chart.change_in_usd else pct_tick,
        )
        set_x_ticks(
            bottom,
            [
                (layout.centre(point), text)
                for point, text in month_ticks(chart.months, list(marks), chart.months_per_point)
            ],
            (0, columns - 1),
            width,
        )
        return (Plotted("level", chart.months, levels), Plotted("change", chart.months, changes))
