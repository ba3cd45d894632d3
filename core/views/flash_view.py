"""The flash screen's view: a month from its 10-day flash, as the screen shows it; memoised in the snapshot."""

from typing import TYPE_CHECKING, NamedTuple

from core.base.subjects import ENGLISH
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


def flash_month_view(snapshot: "Snapshot", month: int, lang: str = ENGLISH) -> FlashMonthView:
    """The month's flash, its items named in `lang`."""
    flash = snapshot.flash
    return snapshot.memoised(
        ("flash month view", month, lang),
        lambda: FlashMonthView(month, snapshot.flash_view(month, lang), flash.chart(month), flash.review(month)),
    )
