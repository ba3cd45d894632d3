"""The release's figures the headline cards have no room for: working days against a year earlier, exports without
semiconductors, and how many of the set's items rose; of the month, or of the year to date.

Plain values, as the rest of the main view (no numpy here: the snapshot's own methods do the arithmetic).
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.periods import MONTH_NAMES, month_name
from core.base.subjects import HEADLINE, HEADLINE_EX_ITEM
from core.engine.model import Figure, Release

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
    months = month % 12 + 1 if ytd else 1  # of this year so far
    days = snapshot.history(HEADLINE, "working_days", month, 12 + months).values
    this_year, year_earlier = days[12:], days[:months]
    span = (MONTH_NAMES[0][:3] + (f"–{month_name(month)[:3]}" if month % 12 else "")) if ytd else ""
    breadth = release.ytd_breadth if ytd else release.breadth
    return ReleaseFacts(
        span=span,
        working_days=None if None in this_year else sum(d for d in this_year if d is not None),
        working_days_year_earlier=None if None in year_earlier else sum(d for d in year_earlier if d is not None),
        excluded_item=catalog.name("item", HEADLINE_EX_ITEM),
        exports_ex=(headline.ytd_exports_ex if ytd else headline.exports_ex).get(HEADLINE_EX_ITEM),
        ytd_exports_ex=headline.ytd_exports_ex.get(HEADLINE_EX_ITEM),
        breadth=breadth_parts(catalog, breadth, f" in {span}" if ytd else "") if breadth.total else (),
    )
