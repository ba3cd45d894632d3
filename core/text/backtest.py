"""The backtest's results as the Markdown table `tradetop backtest` prints and the README shows."""

from core.engine.backtest import BacktestRow
from core.engine.flash import MIN_HISTORY
from core.engine.model import INTERVAL_NOMINAL_PCT

METHOD_NAMES = {
    "nowcast": "nowcast (this model)",
    "yoy": "baseline: window YoY x last year's month",
    "run_rate": "baseline: window daily run-rate x month's working days",
}


def backtest_table(rows: tuple[BacktestRow, ...]) -> str:
    """A Markdown table, as the README shows it."""
    lines = ["| window | method | months | MAPE | inside the interval |", "|---|---|---|---|---|"]
    for row in rows:
        coverage = "—" if row.coverage_pct is None else f"{row.coverage_pct:.0f}% (nominal {INTERVAL_NOMINAL_PCT:.0f}%)"
        lines.append(
            f"| {row.window} | {METHOD_NAMES[row.method]} | {row.months} ({row.first} to {row.last}) "
            f"| {row.mape_pct:.2f}% | {coverage} |"
        )
    lines.append("")
    lines.append(
        f"Rolling: each month is nowcast from earlier months only (at least {MIN_HISTORY}); "
        "MAPE = mean |nowcast / final - 1|."
    )
    return "\n".join(lines)
