"""Series on a monthly axis, and growth rates, shares and per-day figures: None (NaN in arrays) where they cannot
be computed.

A figure over a base of zero (growth on a month of no exports, a daily average over no working days) or
whose result is not a finite number has no value, shown as n/a and written as null. Core divides figures
only through these, so data that `check` accepts never raises ZeroDivisionError nor carries inf onwards.
"""

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from core.base.catalog import REST_OF_WORLD, TOTAL_ITEM, WORLD

if TYPE_CHECKING:
    from core.ingest.rows import Rows

Values = npt.NDArray[np.float64]
EMPTY: Values = np.array([], dtype=float)  # the series of what the data does not hold


class MonthAxis:
    """A mixin for records whose series share one monthly axis, from `first_month`."""

    first_month: int

    def index(self, month: int) -> int:
        """The month's position in the series (below 0, or past their end, when they do not reach it)."""
        return month - self.first_month


def by_series(
    rows: "Rows", keys: Sequence[str], first: int, length: int, column: str = "value_usd"
) -> dict[tuple[str, ...], Values]:
    """The rows' values (or a measure's, `column`) as one series per key (of the `keys` columns) on the axis of
    `length` months from `first`, in the order the keys first appear: one matrix, filled at once."""
    found, number = rows.series(keys)
    matrix = np.full((len(found), length), np.nan)
    matrix[number, rows["month"] - first] = rows[column]
    return dict(zip(found, matrix, strict=True))


def finite(number: float | None) -> float | None:
    return number if number is not None and math.isfinite(number) else None


def growth_pct(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before <= 0:
        return None
    return finite((now / before - 1.0) * 100.0)


def ratio_pct(part: float | None, whole: float | None) -> float | None:
    return None if part is None or not whole else finite(part / whole * 100.0)


def divided(numerators: Values, denominators: Values, times: float | Values = 1.0) -> Values:
    """numerators / denominators * times, element by element; NaN where a denominator is not above 0 or the
    result is not finite (and no warning printed for either)."""
    with np.errstate(all="ignore"):
        results = np.divide(numerators, denominators) * times
        return np.where((denominators > 0) & np.isfinite(results), results, np.nan)


def value_at(array: Values, index: int) -> float | None:
    """A series' figure for a month (its position), None where it has none or the month is off its axis."""
    if 0 <= index < len(array):
        number = float(array[index])
        return None if math.isnan(number) else number
    return None


def difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def with_world_totals(trade: dict[tuple[str, str, str], Values], measures: dict[tuple[str, ...], Values]) -> None:
    """Gives each item with partners that include the rest of the world, and no world figure of its own, one (and
    its measures, keyed (measure, flow, item, partner)): the sum of its partners in each month that has the rest
    of the world."""
    for flow, item, partner in list(trade):
        if partner != REST_OF_WORLD or item == TOTAL_ITEM or (flow, item, WORLD) in trade:
            continue
        keys = [key for key in trade if key[:2] == (flow, item) and key[2] != WORLD]
        trade[(flow, item, WORLD)] = _sum_where(trade[(flow, item, REST_OF_WORLD)], [trade[key] for key in keys])
        for measure in dict.fromkeys(key[0] for key in measures):
            rest = measures.get((measure, flow, item, REST_OF_WORLD))
            if rest is not None:
                parts = [measures[(measure, *key)] for key in keys if (measure, *key) in measures]
                measures[(measure, flow, item, WORLD)] = _sum_where(rest, parts)


def _sum_where(rest: Values, parts: list[Values]) -> Values:
    """The parts' sum (those with a value) in the months `rest` has; NaN in the others."""
    total: Values = np.where(np.isnan(rest), np.nan, np.nansum(np.vstack(parts), axis=0))
    return total


def run_start(values: Values, index: int) -> int:
    """Where the unbroken run of data ending at `index` begins: a missing month cuts a series' records and runs."""
    gaps = np.flatnonzero(np.isnan(values[:index]))
    return int(gaps[-1]) + 1 if len(gaps) else 0
