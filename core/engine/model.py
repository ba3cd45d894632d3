"""The plain records core computes and the dashboard renders: floats, strings and tuples, no numpy.

Kept apart from the Snapshot (which holds numpy arrays) so that the view of the screen the monitor
opens on can be cached and drawn before numpy or pandas is imported. They are named tuples, not
dataclasses: this module is on the first frame's import path, and defining a named tuple costs a
seventh of what a dataclass does.
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

from core.base import fmt
from core.base.problems import Problem

DEFAULT_ITEM_SET = "motie15"
TOP_NOTABLES = 10  # the brief's and the main screen's; `brief --all` and the story view have them all
SeriesKey = tuple[str, str, str]  # flow, item, partner
INTERVAL_PERCENTILES = (10.0, 90.0)
INTERVAL_NOMINAL_PCT = INTERVAL_PERCENTILES[1] - INTERVAL_PERCENTILES[0]


class Figure(NamedTuple):
    value_usd: float | None
    yoy_pct: float | None


class Balance(NamedTuple):
    value_usd: float | None
    change_usd: float | None


class WorkingDays(NamedTuple):
    value: float | None
    diff: float | None


class Headline(NamedTuple):
    exports: Figure
    imports: Figure
    balance: Balance
    working_days: WorkingDays
    daily_avg_exports: Figure
    ytd_exports: Figure
    exports_ex: Mapping[str, Figure]
    ytd_exports_ex: Mapping[str, Figure]


class Row(NamedTuple):
    """One item or partner in the month's table."""

    code: str
    name: str
    value_usd: float | None
    yoy_pct: float | None
    share_pct: float | None
    share_change_pp: float | None
    contribution_pp: float | None
    ytd_value_usd: float | None
    ytd_yoy_pct: float | None
    ytd_share_pct: float | None
    ytd_share_change_pp: float | None


class Breadth(NamedTuple):
    set: str
    up: int
    total: int
    fell: tuple[str, ...]
    rose: tuple[str, ...]


class History(NamedTuple):
    """A subject's months up to a month, oldest first; share is of the flow's total (None for headline lines)."""

    months: tuple[int, ...]
    values: tuple[float | None, ...]
    yoy_pct: tuple[float | None, ...]
    change_usd: tuple[float | None, ...]  # on a year earlier: the measure for the balance, which can be negative
    share_pct: tuple[float | None, ...]


class Records(NamedTuple):
    """Where a month stands in a subject's whole history up to it."""

    rank: int | None  # 1 = the highest value of all months with data up to this one
    months_ranked: int  # months with a value up to this one; years, for a year-to-date line (`compared`)
    highest_month: int | None
    highest_value: float | None
    lowest_month: int | None
    lowest_value: float | None
    streak: int  # months in a row, ending here, above (> 0) or below (< 0) a year earlier; 0 if not measurable
    compared: str = "months"  # what was ranked: "years" for a year-to-date line, each at this calendar month


class PartnerShare(NamedTuple):
    code: str
    name: str
    value_usd: float | None
    share_pct: float | None


class Release(NamedTuple):
    """Every indicator of one month's release, for one flow."""

    period: str
    flow: str
    headline: Headline
    items: tuple[Row, ...]
    partners: tuple[Row, ...]
    breadth: Breadth
    notables: tuple[Mapping[str, Any], ...] = ()  # most newsworthy first, see core.engine.notables

    def notables_about(self, dimension: str, code: str) -> tuple[str, ...]:
        """The texts of the notables about one headline line, item or partner of this release's flow."""
        return tuple(
            notable["text"]
            for notable in self.notables
            if (notable["dimension"], notable["subject"]) == (dimension, code) and notable["flow"] in (None, self.flow)
        )


class Revision(NamedTuple):
    """A figure that was replaced: by a later `released` row, or by a file changed while tradetop ran."""

    key: SeriesKey
    period: str
    old_usd: float
    new_usd: float
    released: str | None  # the date of the newer figure, where the files give one

    @property
    def text(self) -> str:
        when = f" (released {self.released})" if self.released else ""
        return f"{self.period} revised from {fmt.usd(self.old_usd)} to {fmt.usd(self.new_usd)}{when}"


class Nowcast(NamedTuple):
    value_usd: float
    low_usd: float
    high_usd: float
    method: str


class FlashItem(NamedTuple):
    code: str
    name: str
    value_usd: float | None
    yoy_pct: float | None


class FlashView(NamedTuple):
    """A month's latest flash window against the same window a year earlier; what the flash pane shows."""

    period: str
    window: str
    preliminary: bool  # True while the month has no full-month figure
    value_usd: float
    yoy_pct: float | None
    working_days: float
    working_days_prev: float | None
    daily_avg_yoy_pct: float | None
    items: tuple[FlashItem, ...]
    nowcast: Nowcast | None

    @property
    def largest_items(self) -> tuple[FlashItem, ...]:
        """The items by value, largest first, as the brief and the dashboard list them."""
        return tuple(sorted(self.items, key=lambda item: -(item.value_usd or 0)))


class NowcastCheck(NamedTuple):
    """What a window's nowcast said against the month's final figure."""

    window: str
    window_usd: float
    nowcast: Nowcast | None
    error_pct: float | None  # (nowcast / final - 1) * 100
    inside: bool | None  # the final figure fell within the interval


class NowcastReview(NamedTuple):
    period: str
    final_usd: float
    checks: tuple[NowcastCheck, ...]


class FlashChart(NamedTuple):
    """A flash month's exports summed from day 1 to the end of each window and of the month, against the same days
    a year earlier: what the flash screen plots. Day 0 is 0; the month's last day holds the whole month."""

    month: int
    days: tuple[int, ...]  # 0, the windows' last days (10, 20) and the month's
    this_year: tuple[float | None, ...]  # None for a window not out yet, and for the whole month until it is
    year_earlier: tuple[float | None, ...]
    nowcast: Nowcast | None  # of the whole month, from the latest window


CARD_LINES = ("exports", "imports", "balance", "daily_avg_exports", "ytd_exports")
# Sums since January, which fall back each January: comparable only with the same month of other years.
YEAR_TO_DATE_LINES = frozenset({"ytd_exports"})
# Lines that can be negative: their change on a year earlier is in dollars, not a growth rate.
SIGNED_LINES = frozenset({"balance"})
# What one value of a line is, where it is not a month's total (items and partners are months' totals too).
LINE_MEASURES = {"daily_avg_exports": "a working day", "ytd_exports": "year to date"}
MONTH_TOTAL = "a month"
CARD_HISTORY_MONTHS = 36
TREND_MONTHS = 12
OVERVIEW_MONTHS = 36


class MainView(NamedTuple):
    """Everything the main screen shows for one month and flow, computed once in core."""

    month: int
    latest: int  # the latest month with a release
    newest_file_ns: int | None  # the newest data file's mtime: how fresh the data is
    release: Release
    # CARD_LINES: the CARD_HISTORY_MONTHS to the month; a year-to-date line's at this calendar month, by year
    card_histories: Mapping[str, tuple[float | None, ...]]
    item_trends: Mapping[str, tuple[float | None, ...]]  # item code -> TREND_MONTHS to the month
    partner_trends: Mapping[str, tuple[float | None, ...]]
    flash: FlashView | None  # the pending flash month, if any
    notables: tuple[str, ...]  # the TOP_NOTABLES most newsworthy (of len(release.notables)), then the breadth line
    overview: tuple[History, History]  # exports and imports, OVERVIEW_MONTHS to the month
    warnings: tuple[Problem, ...]  # the data's, from the load


class MonthChart(NamedTuple):
    """A subject's months as its drilldown plots them, oldest first: the level and its change on a year earlier,
    the month shown last. Downsampled, each point is the average of `months_per_point` months ending at its month."""

    months: tuple[int, ...]
    level_usd: tuple[float | None, ...]
    change: tuple[float | None, ...]  # YoY %, or for a signed line (SIGNED_LINES) the change in USD
    change_in_usd: bool
    year_earlier: int | None  # the point holding the same month a year earlier, if plotted
    measure: str = MONTH_TOTAL  # what a level is: a month's total, an average per working day, a year to date
    months_per_point: int = 1

    def downsampled(self, points: int) -> "MonthChart":
        """At most `points` points, for a plot with fewer cells than months: averages of equal runs of months
        that end at the month shown (the oldest months that make no whole run are left out)."""
        per_point = len(self.months) // (max(1, points) + 1) + 1  # the fewest that make at most `points` runs
        if per_point <= 1:
            return self
        count = len(self.months) // per_point
        start = len(self.months) - count * per_point
        runs = [range(start + point * per_point, start + (point + 1) * per_point) for point in range(count)]

        def averaged(values: tuple[float | None, ...]) -> tuple[float | None, ...]:
            known = [[values[index] for index in run if values[index] is not None] for run in runs]
            return tuple(sum(run) / len(run) if run else None for run in known)

        earlier = (
            None if self.year_earlier is None or self.year_earlier < start else (self.year_earlier - start) // per_point
        )
        return MonthChart(
            tuple(self.months[run[-1]] for run in runs),
            averaged(self.level_usd),
            averaged(self.change),
            self.change_in_usd,
            earlier,
            self.measure,
            per_point,
        )
