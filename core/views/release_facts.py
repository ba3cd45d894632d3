"""The release's figures the headline cards have no room for: working days against a year earlier, exports without
semiconductors, and how many of the set's items rose; of the month, or of the year to date (whose exports, imports,
balance and daily average are on the cards then: core.views.cards).

Plain values, as the rest of the main view (no numpy here: the snapshot's own methods do the arithmetic).
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.subjects import HEADLINE, HEADLINE_EX_ITEM
from core.engine.model import Figure, Release
from core.views.cards import year_to_date_by_year, year_to_date_span

if TYPE_CHECKING:
    from core.base.catalog import Catalog
    from core.engine.snapshot import Snapshot


class ReleaseFacts(NamedTuple):
    span: str  # "" for the month; the months of the year to date: "Jan–Jul" (or "Jan")
    working_days: float | None
    working_days_year_earlier: float | None
    excluded_item: str  # the name of the item the exports below are without (HEADLINE_EX_ITEM)
    exports_ex: Figure | None  # of the month, or of the year to date; None where the data lacks the item
    ytd_exports_ex: Figure | None
    breadth: tuple[str, ...]  # "11 of 15 items rose (customs basis)", "fell: …"; none where no item can be compared


def release_facts(snapshot: "Snapshot", catalog: "Catalog", release: Release, month: int, ytd: bool) -> ReleaseFacts:
    """The month's facts, or with `ytd` the year to date's (working days summed since January, and a year earlier)."""
    from core.engine.notables.wording import breadth_parts  # numpy: there is a snapshot by now, and so numpy

    headline = release.headline
    if ytd:
        days_before, days = year_to_date_by_year(snapshot, "working_days", month)[-2:]
    else:
        days_before, *_, days = snapshot.history(HEADLINE, "working_days", month, 13).values
    span = year_to_date_span(month) if ytd else ""
    breadth = release.ytd_breadth if ytd else release.breadth
    return ReleaseFacts(
        span=span,
        working_days=days,
        working_days_year_earlier=days_before,
        excluded_item=catalog.name("item", HEADLINE_EX_ITEM),
        exports_ex=(headline.ytd_exports_ex if ytd else headline.exports_ex).get(HEADLINE_EX_ITEM),
        ytd_exports_ex=headline.ytd_exports_ex.get(HEADLINE_EX_ITEM),
        breadth=breadth_parts(catalog, breadth, f" in {span}" if ytd else "") if breadth.total else (),
    )
