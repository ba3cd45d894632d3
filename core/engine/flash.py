"""The 10-day flash: month-to-date exports of days 1-10 and 1-20, and a nowcast of the whole month.

Built once per load (`build_flash_series`, called from build_snapshot); everything after the build
is numpy and the standard library, like the rest of the Snapshot.

The nowcast scales the window's daily run-rate to the month's working days, then corrects it by
the median of the same correction in every earlier month: exports bunch towards the month's end, so
the plain run-rate underestimates. The interval is the 10th to 90th percentile of those earlier
corrections, an 80% interval by construction (the backtest measures how often it holds).
"""

import math
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt

from core.base.catalog import TOTAL_ITEM
from core.base.memo import Memo, Memoised
from core.base.periods import calendar_month, format_period, year_of
from core.engine.model import (
    INTERVAL_PERCENTILES,
    FlashChart,
    FlashItem,
    FlashView,
    FlashWindow,
    Nowcast,
    NowcastCheck,
    NowcastReview,
)
from core.engine.series import EMPTY, MonthAxis, by_series, difference, divided, finite, growth_pct, value_at

if TYPE_CHECKING:
    from core.ingest.loader import Dataset

PARTIAL_WINDOWS = ("1-10", "1-20")  # cumulative, in publication order
WHOLE_MONTH = "month"
WINDOW_LAST_DAY = {"1-10": 10, "1-20": 20}
FLASH_ITEM_SET = "kcs10"
MIN_HISTORY = 12  # earlier months with a window and its whole month before a nowcast is made
NOWCAST_METHOD = "working-day run-rate x median past month/run-rate ratio; 10th-90th percentile interval"


@dataclass(frozen=True)
class FlashSeries(Memoised, MonthAxis):
    """Flash figures on a contiguous monthly axis from `first_month`; the whole month from the release."""

    first_month: int
    months: tuple[int, ...]  # months with a 1-10 or 1-20 window, oldest first
    values: Mapping[tuple[str, str], np.ndarray]  # (window, item) -> USD; windows 1-10 and 1-20
    final: np.ndarray  # whole-month exports: the monthly release, else the flash `month` window
    working_days: Mapping[str, np.ndarray]  # window -> working days in it; `month` is the whole month
    items: tuple[tuple[str, str], ...]  # (code, name) of the flash items, in display order
    # window -> total imports, on the axis of `values`: NaN where the flash published none (before 2026-09)
    imports: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))
    _memo: Memo = field(default_factory=dict, compare=False, repr=False)

    def total(self, window: str) -> np.ndarray:
        """On the whole axis, NaN where (or if ever) the window was not published, so it lines up with working days."""
        found = self.values.get((window, TOTAL_ITEM))
        return np.full(len(self.final), np.nan) if found is None else found

    def latest_window(self, month: int) -> str | None:
        index = self.index(month)
        published = [window for window in PARTIAL_WINDOWS if value_at(self.total(window), index) is not None]
        return published[-1] if published else None

    def is_preliminary(self, month: int) -> bool:
        """The month has flash figures but no whole-month figure yet."""
        return month in self.months and value_at(self.final, self.index(month)) is None

    @property
    def pending(self) -> int | None:
        """The latest month with flash figures and no final figure yet: the month the flash pane shows."""
        return next((month for month in reversed(self.months) if self.is_preliminary(month)), None)

    def nowcast(self, month: int, window: str) -> Nowcast | None:
        """The whole month from `window`, learnt from earlier months only; None without enough history."""
        index = self.index(month)
        if index < 0:
            return None
        window_value = value_at(self.total(window), index)
        if window_value is None:
            return None
        run_rates = self._run_rate(window, slice(0, index + 1))
        # Per earlier month: the whole month over the window's run-rate scaled to the month's working days.
        corrections = divided(self.final[:index], run_rates[:index])
        corrections = corrections[~np.isnan(corrections)]
        run_rate = value_at(run_rates, index)
        if len(corrections) < MIN_HISTORY or run_rate is None:
            return None
        low, middle, high = np.percentile(corrections, (INTERVAL_PERCENTILES[0], 50.0, INTERVAL_PERCENTILES[1]))
        estimates = (run_rate * float(middle), run_rate * float(low), run_rate * float(high))
        return Nowcast(*estimates, NOWCAST_METHOD) if all(map(math.isfinite, estimates)) else None

    def _run_rate(self, window: str, where: "slice | npt.NDArray[np.bool_]") -> np.ndarray:
        """The window's daily average times the month's working days."""
        days = self.working_days
        return divided(self.total(window)[where], days[window][where], days[WHOLE_MONTH][where])

    def baselines(self, month: int, window: str) -> dict[str, float | None]:
        """The naive nowcasts the model must beat: last year's month grown by the window's YoY, and the run-rate."""
        index = self.index(month)
        totals = self.total(window)
        now, before, final_before = (
            value_at(totals, index),
            value_at(totals, index - 12),
            value_at(self.final, index - 12),
        )
        yoy = (
            None
            if now is None or before is None or final_before is None or not before
            else finite(final_before * now / before)
        )
        return {"yoy": yoy, "run_rate": value_at(self._run_rate(window, slice(None)), index)}

    def view(self, month: int) -> FlashView | None:
        """The month's latest window; None for a month without flash figures."""
        window = self.latest_window(month)
        if window is None:
            return None
        return self.memoised(("view", month), lambda: self._view(month, window))

    def _view(self, month: int, window: str) -> FlashView:
        index = self.index(month)
        days = self.working_days[window]
        value, before = value_at(self.total(window), index), value_at(self.total(window), index - 12)
        days_now, days_before = value_at(days, index), value_at(days, index - 12)
        assert value is not None and days_now is not None  # the window is published (latest_window), on the axis
        daily_before = None if before is None or not days_before else before / days_before
        items = tuple(self._item(window, code, name, index) for code, name in self.items)
        trade = self._window(month, window)
        return FlashView(
            format_period(month),
            window,
            self.is_preliminary(month),
            value,
            growth_pct(value, before),
            days_now,
            days_before,
            growth_pct(value / days_now if days_now else None, daily_before),
            items,
            self.nowcast(month, window),
            trade.imports_usd,
            trade.imports_yoy_pct,
            trade.balance_usd,
            trade.balance_change_usd,
        )

    def windows(self, month: int) -> tuple[FlashWindow, ...]:
        """The month's published windows, in order: exports, and imports and the balance where it has them."""
        index = self.index(month)
        published = [window for window in PARTIAL_WINDOWS if value_at(self.total(window), index) is not None]
        return tuple(self._window(month, window) for window in published) if index >= 0 else ()

    def _window(self, month: int, window: str) -> FlashWindow:
        index = self.index(month)
        exports, imports = self.total(window), self.imports.get(window, EMPTY)
        exports_now, exports_before = value_at(exports, index), value_at(exports, index - 12)
        imports_now, imports_before = value_at(imports, index), value_at(imports, index - 12)
        balance = difference(exports_now, imports_now)
        days = self.working_days[window]
        return FlashWindow(
            window,
            exports_now,
            growth_pct(exports_now, exports_before),
            imports_now,
            growth_pct(imports_now, imports_before),
            balance,
            difference(balance, difference(exports_before, imports_before)),
            value_at(days, index),
            value_at(days, index - 12),
        )

    def _item(self, window: str, code: str, name: str, index: int) -> FlashItem:
        array = self.values.get((window, code), EMPTY)
        value = value_at(array, index)
        return FlashItem(code, name, value, growth_pct(value, value_at(array, index - 12)))

    def chart(self, month: int) -> FlashChart | None:
        """The month's exports from day 1 to each window's end and the month's, against a year earlier; None for a
        month without flash figures."""
        view = self.view(month)
        if view is None:
            return None

        def summed(index: int) -> tuple[float | None, ...]:
            return (
                0.0,
                *(value_at(self.total(window), index) for window in PARTIAL_WINDOWS),
                value_at(self.final, index),
            )

        index = self.index(month)
        days = (
            0,
            *(WINDOW_LAST_DAY[window] for window in PARTIAL_WINDOWS),
            monthrange(year_of(month), calendar_month(month))[1],
        )
        return FlashChart(month, days, summed(index), summed(index - 12), view.nowcast)

    def review(self, month: int) -> NowcastReview | None:
        """For a month whose final figure is in: each window's nowcast against it. None otherwise."""
        final = value_at(self.final, self.index(month))
        if final is None or month not in self.months:
            return None
        return self.memoised(("review", month), lambda: self._review(month, final))

    def _review(self, month: int, final: float) -> NowcastReview:
        published = ((window, value_at(self.total(window), self.index(month))) for window in PARTIAL_WINDOWS)
        checks = tuple(self._check(month, window, value, final) for window, value in published if value is not None)
        return NowcastReview(format_period(month), final, checks)

    def _check(self, month: int, window: str, window_usd: float, final: float) -> NowcastCheck:
        nowcast = self.nowcast(month, window)
        return NowcastCheck(
            window,
            window_usd,
            nowcast,
            None if nowcast is None else growth_pct(nowcast.value_usd, final),
            None if nowcast is None else bool(nowcast.low_usd <= final <= nowcast.high_usd),
        )


def build_flash_series(dataset: "Dataset", release_exports: np.ndarray, release_first: int) -> FlashSeries:
    """Arrays of the dataset's flash rows; `release_exports` (total exports from `release_first`) gives the whole
    months."""
    from core.base.workdays import working_days  # holidays is only needed when building

    every = dataset.flash
    flash = every.selected(every["flow"] == "export")
    if flash.empty:
        return FlashSeries(0, (), MappingProxyType({}), EMPTY, MappingProxyType({}), ())
    months = flash["month"]
    first, last = int(months.min()), int(months.max())
    axis = range(first, last + 1)
    values = by_series(flash, ("window", "item"), first, len(axis))
    in_axis = (every["month"] >= first) & (every["month"] <= last)
    window_imports = every.selected((every["flow"] == "import") & (every["item"] == TOTAL_ITEM) & in_axis)
    imports = {
        window: array
        for (window, _), array in by_series(window_imports, ("window", "item"), first, len(axis)).items()
        if window in PARTIAL_WINDOWS
    }
    # The release's figure where there is one, else the flash's own whole-month tally.
    final = values.pop((WHOLE_MONTH, TOTAL_ITEM), np.full(len(axis), np.nan))
    for index, month in enumerate(axis):
        released = value_at(release_exports, month - release_first)
        if released is not None:
            final[index] = released
    values = {key: array for key, array in values.items() if key[0] in PARTIAL_WINDOWS}
    days = {
        window: np.array([working_days(month, last_day) for month in axis])
        for window, last_day in WINDOW_LAST_DAY.items()
    }
    days[WHOLE_MONTH] = np.array([dataset.working_days.get(month, working_days(month)) for month in axis])
    published = np.zeros(len(axis), dtype=bool)
    for window in PARTIAL_WINDOWS:
        published |= ~np.isnan(values.get((window, TOTAL_ITEM), np.full(len(axis), np.nan)))
    catalog = dataset.catalog
    items = tuple((code, catalog.name("flash_item", code)) for code in catalog.members(FLASH_ITEM_SET, "flash_item"))
    return FlashSeries(
        first,
        tuple(first + int(i) for i in np.flatnonzero(published)),
        MappingProxyType(cast(dict[tuple[str, str], np.ndarray], values)),
        final,
        MappingProxyType(days),
        items,
        MappingProxyType(imports),
    )
