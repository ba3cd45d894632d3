"""The preliminary month's windows against the same windows a year earlier."""

from core.base.periods import format_period
from core.engine.model import INTERVAL_NOMINAL_PCT, FlashChart
from tui.widgets.chart import BN, LABEL_WIDTH, MUTED, RISE, SHOWN, Chart, Plotted
from tui.widgets.plot_axes import fitted, set_value_axis, set_x_ticks, usd_tick


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

        def line(label: str, days: tuple[int, ...], values: tuple[float | None, ...], marker: str, colour) -> None:
            points = [(day, value / BN) for day, value in zip(days, values, strict=True) if value is not None]
            if points:
                x, y = zip(*points, strict=True)
                plt.plot(x, y, marker=marker, color=colour)
                plotted.append(Plotted(label, x, y))

        last_day = chart.days[-1]
        month, year_earlier = format_period(chart.month), format_period(chart.month - 12)
        line(year_earlier, chart.days, chart.year_earlier, "•", MUTED)
        line(month, chart.days[:-1], chart.this_year[:-1], "hd", RISE[1])  # the month's end: its final, below
        nowcast = chart.nowcast
        if nowcast is not None:
            interval = (nowcast.low_usd / BN, nowcast.high_usd / BN)
            plt.plot([last_day, last_day], interval, marker="┃", color=SHOWN)
            plt.scatter([last_day], [nowcast.value_usd / BN], marker="◆", color=SHOWN)
            plotted += [
                Plotted("nowcast interval", (last_day, last_day), interval),
                Plotted("nowcast", (last_day,), (nowcast.value_usd / BN,)),
            ]
        final = chart.this_year[-1]
        if final is not None:
            plt.scatter([last_day], [final / BN], marker="■", color=RISE[1])
            plotted.append(Plotted("final", (last_day,), (final / BN,)))
        highest = max((value for series in plotted for value in series.y), default=0.0) or 1.0
        set_value_axis(plt, 0.0, highest * 1.05, height - 4, usd_tick)
        set_x_ticks(plt, [(day, str(day)) for day in chart.days], (0, last_day + 1), width)
        final_key = " ■ final" * (final is not None)
        plt.title(
            fitted(
                (
                    f"$bn from day 1: ━ {month} · {year_earlier} ◆┃ nowcast, "
                    f"{INTERVAL_NOMINAL_PCT:.0f}% interval{final_key}",
                    f"$bn from day 1: ━ {month} · {year_earlier} ◆┃ nowcast{final_key}",
                    f"━ {month[:4]} · {year_earlier[:4]} ◆ nowcast{final_key}",
                    f"━ {month[:4]} · {year_earlier[:4]} ◆ nowcast",
                ),
                width - 1 - LABEL_WIDTH,
            )
        )
        return tuple(plotted)
