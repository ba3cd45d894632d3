"""The plain records core computes and the dashboard renders: floats, strings and tuples, no numpy.

Kept apart from the Snapshot (which holds numpy arrays) so that the view of the screen the monitor
opens on can be cached and drawn before numpy or pandas is imported. They are named tuples, not
dataclasses: this module is on the first frame's import path, and defining a named tuple costs a
seventh of what a dataclass does.
"""

from collections.abc import Mapping
from typing import NamedTuple

from core.base.catalog import WORLD
from core.base.subjects import MONTH_TOTAL

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


class ReleaseRow(NamedTuple):
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
    ytd_contribution_pp: float | None


class PartnerBalance(NamedTuple):
    """Trade with one partner in both flows: the balance, and its change on a year earlier in dollars."""

    code: str
    name: str
    exports_usd: float | None
    imports_usd: float | None
    balance_usd: float | None
    balance_change_usd: float | None
    ytd_exports_usd: float | None
    ytd_imports_usd: float | None
    ytd_balance_usd: float | None
    ytd_balance_change_usd: float | None


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
    since: int | None = None  # where the series' unbroken run of data to this month begins: what is ranked
    month_rank: int | None = None  # among the same calendar months of that run (Januaries), 1 = the highest
    months_of_month: int = 0  # how many such months have a value, this one included


class RecordFacts(NamedTuple):
    """record_all_time, record_for_month: the highest in any month, or for the calendar month."""

    value_usd: float
    since: str  # where the run of data the claim looks back over begins
    equal_to: tuple[str, ...]  # months of the same value: a tie, no record
    threshold_usd: float | None  # the round amount it is the first above


class RankFacts(NamedTuple):
    """rank_all_time, rank_for_month: the 2nd- or 3rd-highest."""

    rank: int
    above: tuple[str, ...]  # the months higher, highest first
    equal_to: tuple[str, ...]


class HighestSinceFacts(NamedTuple):
    """highest_since: the highest (or lowest) since a month that was at least as high (as low)."""

    value_usd: float
    since: str
    months: int
    lowest: bool


class DeficitFacts(NamedTuple):
    """record_deficit: a signed line's largest deficit."""

    value_usd: float
    since: str
    threshold_usd: float | None


class StreakFacts(NamedTuple):
    """streak: months in a row of growth, decline, surplus, deficit or records (`of`)."""

    of: str
    months: int
    since: str


class RoundRunFacts(NamedTuple):
    """streak of "above_threshold": months in a row above a round amount."""

    of: str
    months: int
    since: str
    threshold_usd: float
    longest: bool  # the longest such run in the data


class RunEndFacts(NamedTuple):
    """streak_end: a run of growth, decline, surplus or deficit (`of`) that has just ended."""

    of: str
    months: int


class ShareFacts(NamedTuple):
    """share_threshold_first: a share of exports above a multiple of 10% for the first time."""

    share_pct: float
    threshold_pct: int


class AboveAnnualFacts(NamedTuple):
    """ytd_above_annual: the year so far above the whole of the best earlier year."""

    best_year: int
    best_usd: float
    year: int
    value_usd: float
    threshold_usd: float | None


class YearToDateFacts(NamedTuple):
    """ytd_record: the highest for those months of any year (in December, of any year)."""

    year: int
    value_usd: float
    threshold_usd: float | None


class AnnualDailyFacts(NamedTuple):
    """annual_daily_avg: the year's exports per working day, the highest of any year."""

    year: int
    value_usd: float
    best_year: int
    best_usd: float


class OvertakeFacts(NamedTuple):
    """overtake: a partner above `other` for the first time, or in `months` months."""

    other: str
    since: str
    months: int | None


class BreadthFacts(NamedTuple):
    """breadth: how many items of the set rose."""

    up: int
    total: int
    set: str
    basis: str
    rose: tuple[str, ...]
    fell: tuple[str, ...]


NotableFacts = (
    RecordFacts
    | RankFacts
    | HighestSinceFacts
    | DeficitFacts
    | StreakFacts
    | RoundRunFacts
    | RunEndFacts
    | ShareFacts
    | AboveAnnualFacts
    | YearToDateFacts
    | AnnualDailyFacts
    | OvertakeFacts
    | BreadthFacts
)


class Notable(NamedTuple):
    """A newsworthy claim about a month: what it is about, its sentence, its score and what it rests on."""

    kind: str  # the claim: record_all_time, streak, overtake, ... (core.engine.notables.claims.KIND_POINTS)
    subject: str  # a headline line's, an item's or a partner's code
    dimension: str  # headline, item or partner
    flow: str | None  # of an item or a partner; None for a headline line, the same whatever the flow
    text: str
    score: float
    history_months: int | None  # the months of data a claim about the past rests on; None for a run
    facts: NotableFacts
    partner: str | None = None  # of an item's exports to one destination (HS 8542 to China); None for the others


class Release(NamedTuple):
    """Every indicator of one month's release, for one flow, and of the year to its month."""

    period: str
    flow: str
    headline: Headline
    items: tuple[ReleaseRow, ...]
    partners: tuple[ReleaseRow, ...]
    breadth: Breadth
    ytd_breadth: Breadth  # of the items' year-to-date growth
    partner_balances: tuple[PartnerBalance, ...]  # exports, imports and the balance with each partner, both flows
    notables: tuple[Notable, ...] = ()  # most newsworthy first, see core.engine.notables

    def notables_about(self, dimension: str, code: str, partner: str = WORLD) -> tuple[str, ...]:
        """The texts of the notables about one headline line, item or partner of this release's flow; of an item
        to one `partner`, about its exports there."""
        return tuple(
            notable.text
            for notable in self.notables
            if (notable.dimension, notable.subject, notable.partner or WORLD) == (dimension, code, partner)
            and notable.flow in (None, self.flow)
        )


class Revision(NamedTuple):
    """A figure that was replaced: by a later `released` row, or by a file changed while tradetop ran."""

    key: SeriesKey
    period: str
    old_usd: float
    new_usd: float
    released: str | None  # the date of the newer figure, where the files give one


class Arrival(NamedTuple):
    """What a reload brought: months that are new, and figures that changed for months already shown."""

    new_months: tuple[int, ...]
    revisions: tuple[Revision, ...]
    new_exports: tuple[Figure, ...] = ()  # of each new month

    @property
    def is_empty(self) -> bool:
        return not self.new_months and not self.revisions


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


class FlashWindow(NamedTuple):
    """A month's trade from day 1 to a window's end against the same days a year earlier. Imports (and so the
    balance) only where the window has them: the flash has published them since 2026-09."""

    window: str
    exports_usd: float | None
    exports_yoy_pct: float | None
    imports_usd: float | None
    imports_yoy_pct: float | None
    balance_usd: float | None
    balance_change_usd: float | None  # on the same days a year earlier
    working_days: float | None  # in the window, and in the same days a year earlier
    working_days_prev: float | None


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
    # The window's imports and balance (FlashWindow), None where it has no imports.
    imports_usd: float | None = None
    imports_yoy_pct: float | None = None
    balance_usd: float | None = None
    balance_change_usd: float | None = None

    @property
    def largest_items(self) -> tuple[FlashItem, ...]:
        """The items the window has, by value, largest first, as the brief and the dashboard list them (the flash
        of 2026-09 published semiconductors alone: the others are left out, not shown as rows of n/a)."""
        published = (item for item in self.items if item.value_usd is not None)
        return tuple(sorted(published, key=lambda item: -(item.value_usd or 0)))


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


class MonthChart(NamedTuple):
    """A subject's months as its drilldown plots them, oldest first: the level and its change on a year earlier,
    the month shown last. Downsampled, each point is the average of `months_per_point` months ending at its month."""

    months: tuple[int, ...]
    level_usd: tuple[float | None, ...]
    change: tuple[float | None, ...]  # YoY %, or for a signed line (core.base.subjects) the change in USD
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
            known = [[value for index in run if (value := values[index]) is not None] for run in runs]
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


class DetailGap(NamedTuple):
    """Figures a month does not have yet (or not any more), said in one line, and the month that has them."""

    text: str  # "item and region detail for 2026-09 not yet in the data; latest: 2026-07"
    month: int | None  # the nearest month with them, where a key goes; None if no month has them
    tables: tuple[str, ...] = ()  # of the main screen: "item", "partner", the tables without any figure
    shorter: tuple[str, ...] = ()  # the text in shorter forms, for a narrow pane: "no detail yet; latest 2026-07"


class LaterRows(NamedTuple):
    """Rows of a table without a figure in the month because their data begins after it: left out of the table and
    said in one line, with the month their data begins (where a key goes)."""

    codes: tuple[str, ...]
    texts: tuple[str, ...]  # longest first: "8 more: data begins in 2021-08", "8 more from 2021-08"
    month: int
