"""The immutable snapshot of computed indicators that `brief` prints and the dashboard renders.

Built once per load from a validated Dataset; releases for a month are computed on first request
and memoised, so navigating never recomputes. A Snapshot needs numpy but not pandas, so a cached one
can be used before pandas has been imported.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from core.base.catalog import TOTAL_ITEM, WORLD, Catalog
from core.base.fmt import printable
from core.base.memo import Memo, Memoised
from core.base.periods import format_period, same_month_positions
from core.base.problems import Problem
from core.base.release_calendar import ReleaseDate, schedule
from core.base.subjects import ENGLISH, FLOWS, HEADLINE, HEADLINE_LINES, MONTH_TOTAL, flow_of_total, is_signed
from core.engine.model import (
    DEFAULT_ITEM_SET,
    Balance,
    Breadth,
    Figure,
    FlashView,
    Headline,
    History,
    MonthChart,
    Notable,
    PartnerBalance,
    Records,
    Release,
    ReleaseRow,
    Revision,
    SeriesKey,
    WorkingDays,
)
from core.engine.notables.find import find_notables
from core.engine.row_series import balance_series, row_series
from core.engine.series import (
    EMPTY,
    MonthAxis,
    by_series,
    difference,
    divided,
    growth_pct,
    ratio_pct,
    run_start,
    value_at,
    with_world_totals,
)
from core.ingest.datadir import FileStamp

if TYPE_CHECKING:
    from core.engine.flash import FlashSeries
    from core.ingest.loader import Dataset

PARTNER_SET = "motie9"
CALENDAR_MONTHS = 37


@dataclass(frozen=True)
class Snapshot(Memoised, MonthAxis):
    """All series on one contiguous monthly axis starting at `first_month`."""

    directory: Path
    files: tuple[FileStamp, ...]
    warnings: tuple[Problem, ...]
    catalog: Catalog
    first_month: int
    months: tuple[int, ...]  # months with total exports, oldest first: the months a release exists for
    trade: Mapping[SeriesKey, np.ndarray]
    headline: Mapping[str, np.ndarray]  # exports, imports, balance, working_days, daily_avg_exports, ytd_exports
    revisions: Mapping[SeriesKey, tuple[Revision, ...]]
    flash: "FlashSeries"  # the 10-day flash and its nowcasts, see core.engine.flash
    # The releases from the month before the latest for CALENDAR_MONTHS, calendar.csv's dates or the rule's
    # (core.base.release_calendar): worked out here, where the holidays they need are loaded anyway.
    calendar: tuple[ReleaseDate, ...] = ()
    # The files' own measures of each series, by (measure, flow, item, partner): weight_kg, for unit values.
    measures: Mapping[tuple[str, ...], np.ndarray] = field(default_factory=lambda: MappingProxyType({}))
    # Month -> the newest `released` date of its figures in force, where the files give one (_released_days).
    released: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    _memo: Memo = field(default_factory=dict, compare=False, repr=False)  # releases and views, by what they are of

    @property
    def latest(self) -> int:
        return self.months[-1]

    def series(self, flow: str, item: str = TOTAL_ITEM, partner: str = WORLD) -> np.ndarray:
        return self.trade.get((flow, item, partner), EMPTY)

    def ytd(self, array: np.ndarray) -> np.ndarray:
        return _running_year_totals(array, self.first_month)

    def subject_series(self, dimension: str, code: str, flow: str = "export", partner: str = WORLD) -> np.ndarray:
        """A headline line (core.base.subjects), or an item's or a partner's series of the flow; an item's to one
        `partner` (a destination: HS 8542 to China)."""
        if dimension == "headline":
            return self.headline.get(code, EMPTY)
        if dimension == "item":
            return self.series(flow, item=code, partner=partner)
        return self.series(flow, partner=code)

    def headline_figure(self, line: str, month: int) -> Figure:
        """A headline line's value and its growth on a year earlier, as the month's release has it."""
        return _figure(self.headline[line], self.index(month))

    def subject_revisions(
        self, dimension: str, code: str, flow: str = "export", partner: str = WORLD
    ) -> tuple[Revision, ...]:
        """Revised figures of a subject's series; headline lines other than the flows' totals have none."""
        if dimension == HEADLINE:
            total_of = flow_of_total(code)
            return () if total_of is None else self.revisions.get((total_of, TOTAL_ITEM, WORLD), ())
        keys = {"item": (flow, code, partner), "partner": (flow, TOTAL_ITEM, code)}
        return self.revisions.get(keys[dimension], ())

    def history(
        self, dimension: str, code: str, until: int, months: int, flow: str = "export", partner: str = WORLD
    ) -> History:
        """Shares are of the flow's total; an item's to one destination, of the item's to the world."""
        array = self.subject_series(dimension, code, flow, partner)
        total = None if dimension == "headline" else self.series(flow, code if partner != WORLD else TOTAL_ITEM)
        chosen = tuple(range(until - months + 1, until + 1))
        values = tuple(value_at(array, self.index(month)) for month in chosen)
        year_before = tuple(value_at(array, self.index(month) - 12) for month in chosen)
        return History(
            months=chosen,
            values=values,
            yoy_pct=tuple(growth_pct(value, before) for value, before in zip(values, year_before, strict=True)),
            change_usd=tuple(difference(value, before) for value, before in zip(values, year_before, strict=True)),
            share_pct=tuple(
                None if total is None else ratio_pct(value, value_at(total, self.index(month)))
                for month, value in zip(chosen, values, strict=True)
            ),
        )

    def month_chart(
        self, dimension: str, code: str, month: int, months: int | None, flow: str = "export", partner: str = WORLD
    ) -> MonthChart:
        """The `months` to the month as its drilldown plots them; None for all of the subject's history to it."""
        if months is None:
            array = self.subject_series(dimension, code, flow, partner)
            known = np.flatnonzero(~np.isnan(array[: self.index(month) + 1]))
            months = self.index(month) - int(known[0]) + 1 if len(known) else 1
        history = self.history(dimension, code, month, months, flow, partner)
        signed = is_signed(dimension, code)
        measure = HEADLINE_LINES[code].measure if dimension == HEADLINE else MONTH_TOTAL
        return MonthChart(
            history.months,
            history.values,
            history.change_usd if signed else history.yoy_pct,
            signed,
            months - 13 if months > 12 else None,
            measure,
        )

    def records(self, dimension: str, code: str, month: int, flow: str = "export", partner: str = WORLD) -> Records:
        index = self.index(month)
        array = self.subject_series(dimension, code, flow, partner)[: index + 1]
        by_year = dimension == HEADLINE and HEADLINE_LINES[code].year_to_date
        start = run_start(array, index) if 0 <= index < len(array) else 0
        same_months = same_month_positions(start, index)
        positions = same_months if by_year else range(start, index + 1)
        comparable = np.array(positions[: len(array)], dtype=int)  # none for a subject without a series
        known = comparable[~np.isnan(array[comparable])]
        now = value_at(array, index)
        compared = "years" if by_year else "months"
        if now is None:
            return Records(None, len(known), None, None, None, None, 0, compared)
        same = np.array(same_months, dtype=int)  # the same calendar month within the run: all known
        highest, lowest = known[np.argmax(array[known])], known[np.argmin(array[known])]
        streak_sign, streak = 0, 0
        for index in range(self.index(month), -1, -1):
            # The sign of the change, not a growth rate, so a balance that turns from deficit to surplus counts.
            change = difference(value_at(array, index), value_at(array, index - 12))
            sign = 0 if change is None else int(np.sign(change))
            if sign == 0 or (streak_sign and sign != streak_sign):
                break
            streak_sign, streak = sign, streak + 1
        return Records(
            rank=int(np.sum(array[known] > now)) + 1,
            months_ranked=len(known),
            highest_month=self.first_month + int(highest),
            highest_value=float(array[highest]),
            lowest_month=self.first_month + int(lowest),
            lowest_value=float(array[lowest]),
            streak=streak_sign * streak,
            compared=compared,
            since=self.first_month + start,
            month_rank=int(np.sum(array[same] > now)) + 1,
            months_of_month=len(same),
        )

    def release(
        self, month: int, flow: str = "export", item_set: str = DEFAULT_ITEM_SET, lang: str = ENGLISH
    ) -> Release:
        """The month's release, its items, partners and the notables' names in `lang` (core.base.subjects)."""
        return self.memoised(
            ("release", month, flow, item_set, lang), lambda: _compute_release(self, month, flow, item_set, lang)
        )

    def row_series(self, dimension: str, code: str, flow: str) -> tuple[np.ndarray, ...]:
        """An item's or a partner's ReleaseRow figures of `flow` for every month (core.engine.row_series)."""
        return self.memoised(
            ("row series", dimension, code, flow),
            lambda: row_series(self.subject_series(dimension, code, flow), self.series(flow), self.ytd),
        )

    def balance_series(self, partner: str) -> tuple[np.ndarray, ...]:
        """A partner's PartnerBalance figures for every month (core.engine.row_series)."""
        return self.memoised(
            ("balance series", partner),
            lambda: balance_series(
                self.series("export", partner=partner), self.series("import", partner=partner), self.ytd
            ),
        )

    def flash_view(self, month: int, lang: str = ENGLISH) -> FlashView | None:
        """The flash's view of the month (core.engine.flash) with its items named in `lang`."""
        view = self.flash.view(month)
        if view is None or lang == ENGLISH:  # the flash names its items in English
            return view
        catalog = self.catalog.in_language(lang)
        return view._replace(
            items=tuple(item._replace(name=catalog.name("flash_item", item.code)) for item in view.items)
        )


def _running_year_totals(array: np.ndarray, first_month: int) -> np.ndarray:
    """Year-to-date sums; NaN where a month since January is missing, never a partial sum."""
    before, length = first_month % 12, len(array)
    after = -(before + length) % 12
    calendar_years = np.concatenate([np.full(before, np.nan), array, np.full(after, np.nan)]).reshape(-1, 12)
    # cumsum carries a NaN to the end of its year, which is exactly the rule.
    return np.cumsum(calendar_years, axis=1).ravel()[before : before + length]


def build_snapshot(dataset: "Dataset") -> Snapshot:
    from core.base.workdays import working_days  # holidays is only needed when building
    from core.engine.flash import build_flash_series

    trade = dataset.trade
    months = trade["month"]
    first, last = int(months.min()), int(months.max())
    length = last - first + 1
    keys = ("flow", "item", "partner")
    series = cast(dict[SeriesKey, np.ndarray], by_series(trade, keys, first, length))
    measures = {
        (measure, *key): values
        for measure in trade.measures
        for key, values in by_series(trade, keys, first, length, measure).items()
        if not np.isnan(values).all()
    }
    with_world_totals(series, measures)
    nothing = np.full(length, np.nan)
    exports = series.get(("export", TOTAL_ITEM, WORLD), nothing)
    imports = series.get(("import", TOTAL_ITEM, WORLD), nothing)
    days = np.array([dataset.working_days.get(first + i, working_days(first + i)) for i in range(length)])
    headline = {
        "exports": exports,
        "imports": imports,
        "balance": exports - imports,
        "working_days": days,
        "daily_avg_exports": divided(exports, days),
        "ytd_exports": _running_year_totals(exports, first),
    }
    release_months = tuple(first + int(i) for i in np.flatnonzero(~np.isnan(exports)))
    return Snapshot(
        dataset.directory,
        dataset.files,
        dataset.warnings,
        dataset.catalog,
        first,
        release_months,
        MappingProxyType(series),
        MappingProxyType(headline),
        _revisions(dataset),
        build_flash_series(dataset, exports, first),
        schedule(dataset.calendar, range(months[-1] - 1, months[-1] - 1 + CALENDAR_MONTHS)),
        MappingProxyType(measures),
        _released_days(dataset),
    )


def _released_days(dataset: "Dataset") -> Mapping[int, str]:
    """Month -> the newest `released` date (YYYY-MM-DD) of its figures in force, where the files give one."""
    trade = dataset.trade
    dated = ~np.isnat(trade["released"])
    days: dict[int, str] = {}
    for month, day in zip(trade["month"][dated].tolist(), trade["released"][dated].astype(str).tolist(), strict=True):
        days[month] = max(day, days.get(month, day))
    return MappingProxyType(days)


def _revisions(dataset: "Dataset") -> Mapping[SeriesKey, tuple[Revision, ...]]:
    """Superseded rows, oldest first, each with the figure that replaced it."""
    from core.ingest.rows import Rows

    old, current = dataset.revisions, dataset.trade
    if old.empty:
        return MappingProxyType({})
    key = ("month", "flow", "item", "partner")
    # Every superseded row's key has exactly one current row: found by its code among the current rows'.
    codes = Rows.concatenated([current, old], with_window=False).key_codes(key)
    current_codes, old_codes = codes[: len(current)], codes[len(current) :]
    by_code = np.argsort(current_codes)
    replacing = by_code[np.searchsorted(current_codes, old_codes, sorter=by_code)]
    new_values, new_released = current["value_usd"][replacing], current["released"][replacing]
    changed = np.flatnonzero(old["value_usd"] != new_values)
    released_days = old["released"].view(np.int64)
    undated_last = np.where(np.isnat(old["released"]), np.iinfo(np.int64).max, released_days)
    changed = changed[np.lexsort((undated_last[changed], old_codes[changed]))]
    found: dict[SeriesKey, list[Revision]] = {}
    for row in changed.tolist():
        series = (old["flow"][row], old["item"][row], old["partner"][row])
        released = None if np.isnat(new_released[row]) else str(new_released[row])
        found.setdefault(series, []).append(
            Revision(
                series,
                format_period(int(old["month"][row])),
                float(old["value_usd"][row]),
                float(new_values[row]),
                released,
            )
        )
    return MappingProxyType({key: tuple(items) for key, items in found.items()})


def _figure(array: np.ndarray, index: int) -> Figure:
    now = value_at(array, index)
    return Figure(now, growth_pct(now, value_at(array, index - 12)))


def _compute_release(snapshot: Snapshot, month: int, flow: str, item_set: str, lang: str) -> Release:
    index = snapshot.index(month)
    lines = snapshot.headline
    exports_total = lines["exports"]
    ytd_total = lines["ytd_exports"]
    balance = value_at(lines["balance"], index)
    days = value_at(lines["working_days"], index)
    exports_ex: dict[str, Figure] = {}
    ytd_exports_ex: dict[str, Figure] = {}
    for (series_flow, item, partner), array in snapshot.trade.items():
        if series_flow == "export" and partner == WORLD and item != TOTAL_ITEM and value_at(array, index) is not None:
            exports_ex[item] = _figure(exports_total - array, index)
            ytd_exports_ex[item] = _figure(ytd_total - snapshot.ytd(array), index)
    headline = Headline(
        exports=_figure(exports_total, index),
        imports=_figure(lines["imports"], index),
        balance=Balance(balance, difference(balance, value_at(lines["balance"], index - 12))),
        working_days=WorkingDays(days, difference(days, value_at(lines["working_days"], index - 12))),
        daily_avg_exports=_figure(lines["daily_avg_exports"], index),
        ytd_exports=_figure(ytd_total, index),
        exports_ex=MappingProxyType(exports_ex),
        ytd_exports_ex=MappingProxyType(ytd_exports_ex),
    )
    catalog = snapshot.catalog.in_language(lang)
    items = tuple(
        ReleaseRow(code, catalog.name("item", code), *_at(snapshot.row_series("item", code, flow), index))
        for code in catalog.members(item_set, "item")
    )
    partners = tuple(
        ReleaseRow(code, catalog.name("partner", code), *_at(snapshot.row_series("partner", code, flow), index))
        for code in catalog.members(PARTNER_SET, "partner")
    )
    breadth = _breadth(item_set, items, "yoy_pct")
    members = {"item": frozenset(row.code for row in items), "partner": frozenset(row.code for row in partners)}
    notables = find_notables(snapshot, month, breadth, FLOWS[flow].total, members, catalog)
    balances = tuple(
        PartnerBalance(code, catalog.name("partner", code), *_at(snapshot.balance_series(code), index))
        for code in catalog.members(PARTNER_SET, "partner")
    )
    return Release(
        format_period(month),
        flow,
        headline,
        items,
        partners,
        breadth,
        _breadth(item_set, items, "ytd_yoy_pct"),
        balances,
        notables,
    )


def _breadth(item_set: str, items: tuple[ReleaseRow, ...], field: str) -> Breadth:
    """How many of the set's items grew on a year earlier (`field`: yoy_pct, or ytd_yoy_pct), and which fell."""
    measured = [(row.code, yoy) for row in items if (yoy := getattr(row, field)) is not None]
    return Breadth(
        item_set,
        sum(yoy > 0 for _, yoy in measured),
        len(measured),
        tuple(code for code, yoy in measured if yoy <= 0),
        tuple(code for code, yoy in measured if yoy > 0),
    )


def _at(series: tuple[np.ndarray, ...], index: int) -> tuple[float | None, ...]:
    return tuple(value_at(values, index) for values in series)


def to_json(obj: Any) -> Any:
    """Plain JSON values: records (core.engine.model's named tuples) as objects, NaN as null, text printable (json.dumps
    escapes only the C0 controls: C1 controls or bidi overrides in a code would reach the terminal)."""
    if isinstance(obj, str):
        return printable(obj)
    if isinstance(obj, Notable):  # its facts beside its common fields, as the brief's JSON has always had them
        # `partner` only for an item to one destination: the others' notables read as before it was added.
        fields = [name for name in obj._fields if name != "facts" and (name != "partner" or obj.partner)]
        return {name: to_json(getattr(obj, name)) for name in fields} | to_json(obj.facts)
    if hasattr(obj, "_fields"):
        return {name: to_json(getattr(obj, name)) for name in obj._fields}
    if isinstance(obj, Mapping):
        return {to_json(key): to_json(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(value) for value in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def load_snapshot(directory: str | Path) -> Snapshot:
    """Files -> validated Dataset -> Snapshot; DataError if any file has a problem."""
    from core.ingest.loader import load_directory  # pandas is only needed when loading

    return build_snapshot(load_directory(directory))
