"""The flash screen's view: a month from its 10-day flash, as the screen shows it; memoised in the snapshot."""

from typing import TYPE_CHECKING, NamedTuple

from core.engine.model import FlashChart, FlashView, NowcastReview

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot


class FlashMonthView(NamedTuple):
    """A month's latest flash window (None for a month without flash figures), its plot, and how the nowcasts did
    once the full month is in."""

    month: int
    flash: FlashView | None
    chart: FlashChart | None
    review: NowcastReview | None


def flash_month_view(snapshot: "Snapshot", month: int) -> FlashMonthView:
    flash = snapshot.flash
    return snapshot.memoised(
        ("flash month view", month),
        lambda: FlashMonthView(month, flash.view(month), flash.chart(month), flash.review(month)),
    )
