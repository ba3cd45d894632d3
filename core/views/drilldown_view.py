"""The drilldown's view: one subject (a headline line, an item or a partner) in a month, as its screen shows it.

Like the main view, built from the snapshot's own queries and memoised in it, so that opening a drilldown again
only renders; no numpy here either.
"""

from typing import TYPE_CHECKING, NamedTuple

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
    """What a drilldown shows: a headline line, an item or a partner."""

    dimension: str
    code: str


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
    # None for a headline line or a partner
    destinations: "tuple[Split, ...] | None" = None


def follows_flow(subject: Subject) -> bool:
    """Items and partners are of the flow chosen (exports or imports); a headline line has one flow of its own."""
    return subject.dimension != "headline"


def _name(snapshot: "Snapshot", subject: Subject, lang: str) -> str:
    if subject.dimension == "headline":
        return HEADLINE_LINES[subject.code].in_language(lang).short
    return snapshot.catalog.in_language(lang).name(subject.dimension, subject.code)


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
    from core.engine.destinations import item_splits  # numpy: there is a snapshot by now

    dimension, code = subject
    section = DIMENSION_TITLES[dimension] + (f" ({FLOWS[flow].name})" if follows_flow(subject) else "")
    chart = snapshot.month_chart(dimension, code, month, None if all_history else DRILL_PLOT_MONTHS, flow)
    # A headline line's notables are in its own flow's release (imports'), else in exports'.
    notables_flow = flow if follows_flow(subject) else flow_of_total(code) or "export"
    return DrilldownView(
        subject=subject,
        month=month,
        breadcrumb=(format_period(month), section),
        name=_name(snapshot, subject, lang),
        chart=chart,
        months=snapshot.history(dimension, code, month, DRILL_TABLE_MONTHS, flow),
        share_of_flow=follows_flow(subject),
        records=snapshot.records(dimension, code, month, flow),
        review=snapshot.flash.review(month) if subject == EXPORTS else None,
        notables=snapshot.release(month, notables_flow, item_set, lang).notables_about(dimension, code),
        revisions=snapshot.subject_revisions(dimension, code, flow),
        destinations=item_splits(snapshot, flow, code, month, lang) if dimension == "item" else None,
    )
