"""The release's figures the headline cards have no room for: working days against a year earlier, exports without
semiconductors, and how many of the set's items rose; of the month, or of the year to date (whose exports, imports,
balance and daily average are on the cards then: core.views.cards).

Plain values, as the rest of the main view (no numpy here: the snapshot's own methods do the arithmetic).
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.subjects import FLOWS, HEADLINE, HEADLINE_EX_ITEM, HEADLINE_LINES, KOREAN, excluding
from core.engine.model import Figure, Release
from core.views.cards import year_to_date_by_year, year_to_date_span

if TYPE_CHECKING:
    from core.base.catalog import Catalog
    from core.engine.snapshot import Snapshot


class ReleaseFacts(NamedTuple):
    span: str  # "" for the month; the months of the year to date: "Jan–Jul" (or "Jan")
    working_days: float | None
    working_days_year_earlier: float | None
    exports_ex_label: str  # "Ex semiconductors" (HEADLINE_EX_ITEM), in the catalog's language
    exports_ex: Figure | None  # of the month, or of the year to date; None where the data lacks the item
    ytd_exports_ex_label: str  # "YTD ex semiconductors"
    ytd_exports_ex: Figure | None
    # "11 of 15 items rose (customs basis)", "fell: …", of the release's flow ("… rose in imports"); none where no
    # item can be compared
    breadth: tuple[str, ...]


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
    lang = catalog.language
    # The exports go without saying beside exports ("Ex semiconductors"), not beside imports; in Korean as the
    # ministry writes it ("반도체 제외 수출"). The other flow's breadth says whose it is.
    beside_exports = release.flow == FLOWS["export"].code
    exports = HEADLINE_LINES["exports"].in_language(lang).title if not beside_exports or lang == KOREAN else ""
    excluded = excluding(catalog.name("item", HEADLINE_EX_ITEM), lang, exports)
    label = excluded[:1].upper() + excluded[1:]
    flow = "" if beside_exports else f" in {FLOWS[release.flow].name}"
    return ReleaseFacts(
        span=span,
        working_days=days,
        working_days_year_earlier=days_before,
        exports_ex_label=f"{label} {span}".rstrip(),
        exports_ex=(headline.ytd_exports_ex if ytd else headline.exports_ex).get(HEADLINE_EX_ITEM),
        ytd_exports_ex_label=f"누적 {excluded}" if lang == KOREAN else f"YTD {excluded[:1].lower()}{excluded[1:]}",
        ytd_exports_ex=headline.ytd_exports_ex.get(HEADLINE_EX_ITEM),
        breadth=breadth_parts(catalog, breadth, flow + (f" in {span}" if ytd else "")) if breadth.total else (),
    )
