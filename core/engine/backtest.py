"""The nowcast's rolling backtest against two naive baselines, for `tradetop backtest`.

Every month with a final figure is nowcast from each window as it would have been at the time:
the model sees only earlier months (FlashSeries.nowcast). All methods are scored on the same months,
those where the model has its history and the baselines their year-earlier figures.
"""

from dataclasses import dataclass

from core.base.periods import format_period
from core.engine.flash import PARTIAL_WINDOWS, FlashSeries
from core.engine.series import growth_pct

METHODS = ("nowcast", "yoy", "run_rate")  # the model and the baselines (FlashSeries.baselines), in this order


@dataclass(frozen=True)
class BacktestRow:
    window: str
    method: str
    months: int
    first: str
    last: str
    mape_pct: float
    coverage_pct: float | None  # share of months inside the interval; baselines have none


def backtest(series: FlashSeries) -> tuple[BacktestRow, ...]:
    rows = []
    for window in PARTIAL_WINDOWS:
        errors: dict[str, list[float]] = {method: [] for method in METHODS}
        inside: list[bool] = []
        scored: list[int] = []
        for month in series.months:
            review = series.review(month)
            check = next((check for check in review.checks if check.window == window), None) if review else None
            baselines = series.baselines(month, window)
            if review is None or check is None or check.nowcast is None or None in baselines.values():
                continue
            # The percentage error of each method; a final figure of 0 has none, and the month is not scored.
            estimates = {"nowcast": check.nowcast.value_usd} | baselines
            month_errors = {
                method: error
                for method, value in estimates.items()
                if (error := growth_pct(value, review.final_usd)) is not None
            }
            if len(month_errors) < len(estimates):
                continue
            scored.append(month)
            inside.append(check.inside is True)  # a check with a nowcast has its inside
            for method, error in month_errors.items():
                errors[method].append(abs(error))
        if not scored:
            continue
        for method, method_errors in errors.items():
            coverage = sum(inside) / len(inside) * 100.0 if method == "nowcast" else None
            rows.append(
                BacktestRow(
                    window,
                    method,
                    len(scored),
                    format_period(scored[0]),
                    format_period(scored[-1]),
                    sum(method_errors) / len(method_errors),
                    coverage,
                )
            )
    return tuple(rows)
