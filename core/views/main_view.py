"""The main screen's view: everything it shows for one month, flow and item set, computed once in core.

A MainView is plain floats, strings and tuples: the monitor caches the view it opens on and draws it before
numpy is imported, so this module imports no numpy either (the snapshot's own methods do the arithmetic).
"""

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from core.base.fmt import printable, utc_time
from core.base.periods import format_period
from core.base.problems import Problem
from core.base.release_calendar import ReleaseDate
from core.base.subjects import CARD_LINES, CUSTOMS_BASIS, ENGLISH, FLOWS, HEADLINE, HEADLINE_LINES
from core.engine.model import (
    DEFAULT_ITEM_SET,
    TOP_NOTABLES,
    DetailGap,
    FlashView,
    History,
    LaterRows,
    PartnerBalance,
    Release,
    ReleaseRow,
)
from core.views.cards import Card, month_cards, ytd_cards
from core.views.release_facts import ReleaseFacts, release_facts

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot

CARD_HISTORY_MONTHS = 36
TREND_MONTHS = 12
OVERVIEW_MONTHS = 36


class MainView(NamedTuple):
    """Everything the main screen shows for one month and flow."""

    month: int
    lang: str  # what its names are in (core.base.subjects.LANGUAGES)
    latest: int  # the latest month with a release
    newest_file_ns: int | None  # the newest data file's mtime: when the files last changed, not the data's date
    released: str | None  # the newest `released` date (YYYY-MM-DD) of the month's figures, where the files give one
    release: Release
    card_titles: Mapping[str, str]  # CARD_LINES' short names in the view's language, by code
    # CARD_LINES: the CARD_HISTORY_MONTHS to the month; a year-to-date line's at this calendar month, by year
    card_histories: Mapping[str, tuple[float | None, ...]]
    item_trends: Mapping[str, tuple[float | None, ...]]  # item code -> TREND_MONTHS to the month
    partner_trends: Mapping[str, tuple[float | None, ...]]
    flash: FlashView | None  # the pending flash month, if any
    notables: tuple[str, ...]  # the TOP_NOTABLES most newsworthy (of len(release.notables)), then the breadth line
    overview: tuple[History, History]  # exports and imports, OVERVIEW_MONTHS to the month
    warnings: tuple[Problem, ...]  # the data's, from the load
    facts: ReleaseFacts  # working days, exports without semiconductors, breadth: of the month
    ytd_facts: ReleaseFacts  # ... of the year to date
    ytd_cards: tuple[Card, ...]  # the cards of the year to date (`y`); the month's are the fields above
    # The tables' widest cells over every month (core.views.table_widths), so that their columns keep their widths
    widest: Mapping[str, Mapping[str, tuple[int, ...]]]
    # The month's item or partner table has no figure (2026-09 before its detail): one line, and where Enter goes
    detail_gap: DetailGap | None = None
    calendar: tuple[ReleaseDate, ...] = ()  # the snapshot's schedule: the header's next release before it is in
    # Before their data begins: the month's cards' lines (what each says), the tables' rows ("item", "partner",
    # "balance": left out, said in one line)
    card_begins: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    later: Mapping[str, LaterRows] = MappingProxyType({})

    @property
    def flash_in_full(self) -> bool:
        """The pending flash month is shown whole over the latest release, the month whose `]` opens it; over
        earlier months it is named on one line."""
        return self.flash is not None and self.month == self.latest

    def cards(self, ytd: bool) -> tuple[Card, ...]:
        """The headline cards of the month, or of the year to date."""
        if ytd:
            return self.ytd_cards
        return month_cards(self.release.headline, self.card_titles, self.card_histories, self.card_begins)


def header_notes(view: MainView, directory: Path, next_release: str = "", behind: str = "") -> tuple[str, ...]:
    """The main screen's header beside the month, longest first (the screen shows the longest that fits): what the
    figures are (their release date where the files give one), the data directory, the latest month it holds when
    another is shown, and when its files last changed, worded so that this cannot pass for the date of the figures;
    then when the next figures come (core.text.releases). The file time gives way first, then the directory, then
    the latest month, then the next release. Where the files lack releases that are out (`behind`, that note's
    shortest form), the note stays instead: the rest gives way to it, and it to its shortest form."""
    figures = f"released {view.released} · {CUSTOMS_BASIS}" if view.released else f"{CUSTOMS_BASIS}, confirmed"
    folder = f" · {printable(directory.name)}/"  # a file name: it could hold an escape sequence
    latest = f" · latest {format_period(view.latest)}" if view.latest != view.month else ""
    changed = f" · files modified {utc_time(view.newest_file_ns)}" if view.newest_file_ns else ""
    notes = (figures + folder + latest + changed, figures + folder + latest, figures + latest, figures)
    coming = tuple(f"{note} · {next_release}" for note in notes) if next_release else ()
    return (*coming, next_release, behind) if behind else (*coming, *notes)


def main_view(
    snapshot: "Snapshot", month: int, flow: str = "export", item_set: str = DEFAULT_ITEM_SET, lang: str = ENGLISH
) -> MainView:
    """The month's view, its names in `lang`, memoised in the snapshot: a period change that was computed ahead
    only renders."""
    return snapshot.memoised(
        ("main view", month, flow, item_set, lang), lambda: _build(snapshot, month, flow, item_set, lang)
    )


def _build(snapshot: "Snapshot", month: int, flow: str, item_set: str, lang: str) -> MainView:
    # numpy: there is a snapshot by now, and so numpy
    from core.engine.coverage import headline_begins, main_detail_gap, main_later_rows
    from core.engine.notables.wording import breadth_line
    from core.views.table_widths import widest_cells

    release = snapshot.release(month, flow, item_set, lang)

    def trends(dimension: str, rows: tuple[ReleaseRow, ...]) -> dict[str, tuple[float | None, ...]]:
        return {row.code: snapshot.history(dimension, row.code, month, TREND_MONTHS, flow).values for row in rows}

    catalog = snapshot.catalog.in_language(lang)
    breadth = (breadth_line(catalog, release.breadth),) if release.breadth.total else ()
    pending = snapshot.flash.pending
    histories = {line.code: _card_history(snapshot, line.code, month) for line in CARD_LINES}
    return MainView(
        month=month,
        lang=lang,
        latest=snapshot.latest,
        newest_file_ns=max((stamp.mtime_ns for stamp in snapshot.files), default=None),
        released=snapshot.released.get(month),
        release=release,
        card_titles={line.code: line.in_language(lang).short for line in CARD_LINES},
        card_histories=histories,
        item_trends=trends("item", release.items),
        partner_trends=trends("partner", release.partners),
        flash=None if pending is None else snapshot.flash_view(pending, lang),
        notables=tuple(notable.text for notable in release.notables[:TOP_NOTABLES]) + breadth,
        overview=(
            snapshot.history(HEADLINE, FLOWS["export"].total, month, OVERVIEW_MONTHS),
            snapshot.history(HEADLINE, FLOWS["import"].total, month, OVERVIEW_MONTHS),
        ),
        warnings=snapshot.warnings,
        facts=release_facts(snapshot, catalog, release, month, ytd=False),
        ytd_facts=release_facts(snapshot, catalog, release, month, ytd=True),
        ytd_cards=ytd_cards(snapshot, month, lang, histories["exports"]),
        widest=widest_cells(snapshot, flow, item_set),
        detail_gap=main_detail_gap(snapshot, month, flow, item_set),
        calendar=snapshot.calendar,
        card_begins=headline_begins(snapshot, month, histories, ytd=False),
        later=main_later_rows(snapshot, month, flow, item_set),
    )


def _card_history(snapshot: "Snapshot", line: str, month: int) -> tuple[float | None, ...]:
    if HEADLINE_LINES[line].year_to_date:
        # Every month from the first to this one, of which this calendar month of each year.
        index = snapshot.index(month)
        return snapshot.history(HEADLINE, line, month, index + 1).values[index % 12 :: 12]
    return snapshot.history(HEADLINE, line, month, CARD_HISTORY_MONTHS).values


def rows_matching(
    snapshot: "Snapshot", dimension: str, rows: tuple[ReleaseRow | PartnerBalance, ...], query: str
) -> tuple[ReleaseRow | PartnerBalance, ...]:
    """The rows a table's `/` filter keeps: those whose code or English or Korean name holds `query`."""
    if not query:
        return rows
    return tuple(row for row in rows if snapshot.catalog.matches(dimension, row.code, query))
