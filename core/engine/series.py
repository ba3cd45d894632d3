"""Growth rates, shares and per-day figures: None (NaN in arrays) where they cannot be computed.

A figure over a base of zero (growth on a month of no exports, a daily average over no working days) or
whose result is not a finite number has no value, shown as n/a and written as null. Core divides figures
only through these, so data that `check` accepts never raises ZeroDivisionError nor carries inf onwards.
"""

import math

import numpy as np


def finite(number: float | None) -> float | None:
    return number if number is not None and math.isfinite(number) else None


def growth_pct(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before <= 0:
        return None
    return finite((now / before - 1.0) * 100.0)


def ratio_pct(part: float | None, whole: float | None) -> float | None:
    return None if part is None or not whole else finite(part / whole * 100.0)


def divided(numerators: np.ndarray, denominators: np.ndarray, times: float | np.ndarray = 1.0) -> np.ndarray:
    """numerators / denominators * times, element by element; NaN where a denominator is not above 0 or the
    result is not finite (and no warning printed for either)."""
    with np.errstate(all="ignore"):
        results = np.divide(numerators, denominators) * times
        return np.where((denominators > 0) & np.isfinite(results), results, np.nan)


def value_at(array: np.ndarray, index: int) -> float | None:
    """A series' figure for a month (its position), None where it has none or the month is off its axis."""
    if 0 <= index < len(array):
        number = float(array[index])
        return None if math.isnan(number) else number
    return None


def difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before
