"""Text sections of the drilldown and flash screens: records, nowcast, and how the nowcasts did."""

from rich.text import Text
from textual.widgets import Static

from core.base import fmt
from core.base.periods import format_period, month_name
from core.engine.model import Nowcast, NowcastReview, Records
from tui.widgets.cells import titled
from tui.widgets.flash_pane import NO_NOWCAST, interval_text

MONTH_WIDTH = 7
FIGURE_WIDTH = 10  # the widest figure, $101.96bn or +$23.88bn, and a cell apart from its neighbour


def records_section(records: Records, month: int) -> Text:
    """Ranks over the series' own unbroken run, whose start they name (US exports from 2016-01, imports 2021-08)."""
    if records.rank is None or records.highest_month is None or records.lowest_month is None:
        return Text("Records: no value this month")
    streak = abs(records.streak)
    direction = "up" if records.streak > 0 else "down"
    since = "" if records.since is None else f" since {format_period(records.since)}"
    lines = [f"Rank {records.rank} of {records.months_ranked} {records.compared}{since}"]
    if records.compared == "months" and records.months_of_month > 1:
        lines.append(f"Rank {records.month_rank} of {records.months_of_month} for {month_name(month)}")
    lines += [
        f"High {fmt.usd(records.highest_value)} in {format_period(records.highest_month)}",
        f"Low  {fmt.usd(records.lowest_value)} in {format_period(records.lowest_month)}",
        f"{streak} month{'s' * (streak != 1)} {direction} on a year earlier" if streak else "No run on a year earlier",
    ]
    return titled("Records", Text("\n".join(lines)))


def review_section(review: NowcastReview) -> Text:
    """Each flash window's nowcast against the final figure: error and whether the interval held."""
    lines = []
    for check in review.checks:
        if check.nowcast is None:
            lines.append(Text(f"days {check.window}: {NO_NOWCAST}"))
            continue
        # The error is not a change on a year earlier, so it is not coloured up/down.
        lines += [
            Text(f"days {check.window}: {fmt.usd(check.nowcast.value_usd)} {fmt.pct(check.error_pct)}"),
            Text(f"  {'inside' if check.inside else 'OUTSIDE'} {interval_text(check.nowcast)}"),
        ]
    return titled(f"Nowcast vs final {fmt.usd(review.final_usd)}", Text("\n").join(lines))


def nowcast_text(nowcast: Nowcast | None) -> Text:
    if nowcast is None:
        return Text(NO_NOWCAST)
    return Text.assemble(fmt.usd(nowcast.value_usd), "\n", interval_text(nowcast), "\n", (nowcast.method, "dim"))


def show_review(widget: Static, review: NowcastReview | None) -> None:
    widget.display = review is not None
    widget.update(review_section(review) if review else "")
