"""The drilldown's view: one subject (a headline line, an item or a partner) in a month, as its screen shows it.

Like the main view, built from the snapshot's own queries and memoised in it, so that opening a drilldown again
only renders; no numpy here either.
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.catalog import WORLD
from core.base.periods import format_period
from core.base.subjects import ENGLISH, FLOWS, HEADLINE_LINES, flow_of_total
from core.engine.model import (
    DEFAULT_ITEM_SET,
    History,
    MonthChart,
    NowcastReview,
    Records,
    Revision,
)

if TYPE_CHECKING:
    from core.engine.destinations import Split
    from core.engine.snapshot import Snapshot

DRILL_TABLE_MONTHS = 24
DRILL_PLOT_MONTHS = 36
DIMENSION_TITLES = {"headline": "Headline", "item": "Items", "partner": "Partners"}


class Subject(NamedTuple):
    """What a drilldown shows: a headline line, an item or a partner; an item's exports to one `partner` (a
    destination: HS 8542 to China)."""

    dimension: str
    code: str
    partner: str = WORLD


EXPORTS = Subject("headline", "exports")  # its drilldown also shows how the flash nowcasts did


class DrilldownView(NamedTuple):
    """Everything the drilldown shows of a subject in a month."""

    subject: Subject
    month: int
    breadcrumb: tuple[str, ...]  # where the subject is, after the app's name: the month, then its table
    name: str  # in the view's language
    chart: MonthChart  # the plot: DRILL_PLOT_MONTHS to the month, or all of the subject's history to it
    months: History  # the months table: DRILL_TABLE_MONTHS to the month
    share_of_flow: bool  # items and partners are parts of the flow's total: the months table has their share
    records: Records
    review: NowcastReview | None  # how the flash nowcasts of the month did, for total exports
    notables: tuple[str, ...]  # about the subject, most newsworthy first
    revisions: tuple[Revision, ...]
    # An item's exports by destination, then its parts' ("of which HS 8542, by destination"): none for most items;
    # a partner's items ("items to China"), where it has any; None for a headline line, an item to one destination
    # or a partner without items
    destinations: "tuple[Split, ...] | None" = None
    unit_values: tuple[float | None, ...] | None = None  # $/kg in each month of `months`, for a series with weights


def follows_flow(subject: Subject) -> bool:
    """Items and partners are of the flow chosen (exports or imports); a headline line has one flow of its own."""
    return subject.dimension != "headline"


def _name(snapshot: "Snapshot", subject: Subject, lang: str) -> str:
    if subject.dimension == "headline":
        return HEADLINE_LINES[subject.code].in_language(lang).short
    catalog = snapshot.catalog.in_language(lang)
    name = catalog.name(subject.dimension, subject.code)
    return name if subject.partner == WORLD else f"{name} to {catalog.name('partner', subject.partner)}"


def drilldown_view(
    snapshot: "Snapshot",
    subject: Subject,
    month: int,
    flow: str = "export",
    item_set: str = DEFAULT_ITEM_SET,
    all_history: bool = False,
    lang: str = ENGLISH,
) -> DrilldownView:
    """The subject in the month, its plot over the last DRILL_PLOT_MONTHS or `all_history`, its names in `lang`;
    memoised in the snapshot (a headline line's under one flow: it looks the same from both)."""
    flow = flow if follows_flow(subject) else "export"
    key = ("drilldown view", subject, month, flow, item_set, all_history, lang)
    return snapshot.memoised(key, lambda: _build(snapshot, subject, month, flow, item_set, all_history, lang))


def _build(
    snapshot: "Snapshot", subject: Subject, month: int, flow: str, item_set: str, all_history: bool, lang: str
) -> DrilldownView:
    from core.engine.destinations import unit_value_history  # numpy: there is a snapshot by now

    dimension, code, partner = subject
    section = DIMENSION_TITLES[dimension] + (f" ({FLOWS[flow].name})" if follows_flow(subject) else "")
    chart = snapshot.month_chart(dimension, code, month, None if all_history else DRILL_PLOT_MONTHS, flow, partner)
    months = snapshot.history(dimension, code, month, DRILL_TABLE_MONTHS, flow, partner)
    # A headline line's notables are in its own flow's release (imports'), else in exports'.
    notables_flow = flow if follows_flow(subject) else flow_of_total(code) or "export"
    return DrilldownView(
        subject=subject,
        month=month,
        breadcrumb=(format_period(month), section),
        name=_name(snapshot, subject, lang),
        chart=chart,
        months=months,
        share_of_flow=follows_flow(subject),
        records=snapshot.records(dimension, code, month, flow, partner),
        review=snapshot.flash.review(month) if subject == EXPORTS else None,
        notables=snapshot.release(month, notables_flow, item_set, lang).notables_about(dimension, code, partner),
        revisions=snapshot.subject_revisions(dimension, code, flow, partner),
        destinations=_splits(snapshot, subject, month, flow, lang),
        unit_values=unit_value_history(snapshot, flow, code, partner, months.months) if dimension == "item" else None,
    )


def _splits(snapshot: "Snapshot", subject: Subject, month: int, flow: str, lang: str) -> "tuple[Split, ...] | None":
    """An item's exports by destination (its own, then its parts'), or the items a partner has figures for."""
    from core.engine.destinations import item_splits, partner_items

    if subject.dimension == "item" and subject.partner == WORLD:
        return item_splits(snapshot, flow, subject.code, month, lang)
    items = partner_items(snapshot, flow, subject.code, month, lang) if subject.dimension == "partner" else None
    return None if items is None else (items,)
