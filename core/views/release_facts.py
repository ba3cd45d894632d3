"""The release's figures the headline cards have no room for: working days against a year earlier, exports without
semiconductors, and how many of the set's items rose; of the month, or of the year to date, with then the year's
imports, balance and daily-average exports (the month's are on the cards).

Plain values, as the rest of the main view (no numpy here: the snapshot's own methods do the arithmetic).
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.periods import MONTH_NAMES, month_name
from core.base.subjects import HEADLINE, HEADLINE_EX_ITEM
from core.engine.model import Balance, Figure, Release

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
    # The year to date's; None for the month, whose own are on the cards.
    imports: Figure | None = None
    balance: Balance | None = None
    daily_avg_exports: Figure | None = None


def release_facts(snapshot: "Snapshot", catalog: "Catalog", release: Release, month: int, ytd: bool) -> ReleaseFacts:
    """The month's facts, or with `ytd` the year to date's (working days summed since January, and a year earlier)."""
    from core.engine.notables.wording import breadth_parts  # numpy: there is a snapshot by now, and so numpy
    from core.engine.series import difference, growth_pct

    headline = release.headline
    months = month % 12 + 1 if ytd else 1  # of this year so far

    def sums(line: str) -> tuple[float | None, float | None]:
        """The line summed over the months, and over the same months a year earlier; None where one is missing."""
        values = snapshot.history(HEADLINE, line, month, 12 + months).values
        return _total(values[12:]), _total(values[:months])

    def per_day(value: float | None, days: float | None) -> float | None:
        return None if value is None or not days else value / days  # as the daily_avg_exports line (divided)

    (days, days_before), (exports, exports_before), (imports, imports_before) = (
        sums(line) for line in ("working_days", "exports", "imports")
    )
    balance, balance_before = difference(exports, imports), difference(exports_before, imports_before)
    daily, daily_before = per_day(exports, days), per_day(exports_before, days_before)
    span = (MONTH_NAMES[0][:3] + (f"–{month_name(month)[:3]}" if month % 12 else "")) if ytd else ""
    breadth = release.ytd_breadth if ytd else release.breadth
    return ReleaseFacts(
        span=span,
        working_days=days,
        working_days_year_earlier=days_before,
        excluded_item=catalog.name("item", HEADLINE_EX_ITEM),
        exports_ex=(headline.ytd_exports_ex if ytd else headline.exports_ex).get(HEADLINE_EX_ITEM),
        ytd_exports_ex=headline.ytd_exports_ex.get(HEADLINE_EX_ITEM),
        breadth=breadth_parts(catalog, breadth, f" in {span}" if ytd else "") if breadth.total else (),
        imports=Figure(imports, growth_pct(imports, imports_before)) if ytd else None,
        balance=Balance(balance, difference(balance, balance_before)) if ytd else None,
        daily_avg_exports=Figure(daily, growth_pct(daily, daily_before)) if ytd else None,
    )


def _total(values: tuple[float | None, ...]) -> float | None:
    return None if None in values else sum(value for value in values if value is not None)
