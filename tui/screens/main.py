"""The main screen: headline cards, the release's other figures, flash pane, item and partner tables, notables."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from core.base.periods import describe_period, format_period, year_of
from core.base.subjects import FLOWS
from core.engine.model import TOP_NOTABLES, PartnerBalance, ReleaseRow
from core.views.cards import year_to_date_span
from core.views.drilldown_view import Subject
from core.views.main_view import rows_matching
from core.views.navigation import next_item_set
from tui import widgets
from tui.screens.state import Clip, Monitor, StateScreen
from tui.widgets.cells import parts_dropped
from tui.widgets.error_bar import ErrorBar
from tui.widgets.figure_table import NOTICE_KEY, FigureTable
from tui.widgets.flash_pane import FlashPane
from tui.widgets.headline_cards import HeadlineCards
from tui.widgets.key_bar import KeyBar
from tui.widgets.notables_panel import NotablesPanel
from tui.widgets.release_facts import ReleaseFactsLine
from tui.widgets.release_table import BALANCE_COLUMNS, BALANCE_SORTS, COLUMNS, SORTS, Column, ReleaseTable, Sort
from tui.widgets.search_bar import SearchBar
from tui.widgets.status import StatusHeader

if TYPE_CHECKING:
    from tui.widgets.overview_plot import OverviewPlot


class MainScreen(StateScreen):
    BINDINGS = [
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            tooltip="tables by value, YoY, Δshare, catalog order; balances (b) by balance, bal y/y, imports",
            id="sort",
        ),
        Binding("n", "story", "Story", tooltip="the story: every notable of the month, by subject", id="story"),
        Binding(
            "slash",
            "search",
            "Filter",
            key_display="/",
            show=False,
            tooltip="filter the focused table by name, English or Korean",
            id="filter",
        ),
        Binding("escape", "clear_filters", "Clear", show=False, tooltip="clear the tables' filters", id="clear"),
        Binding(
            "m",
            "switch_set",
            "Set",
            show=False,  # the key bar has no room at 80 columns: the help and the README say it
            tooltip="items: the other list (motie15 / motie20); again: the release's own for the month",
            id="item-set",
        ),
        Binding(
            "b",
            "toggle_balances",
            "Bal",
            show=False,
            tooltip="partners: exports, imports and the balance, or back",
            id="balances",
        ),
        Binding("z", "zoom", "Zoom", show=False, tooltip="the focused pane on the whole screen", id="zoom"),
        # Zoomed, the key bar says how to come back (check_action offers one of the two).
        Binding("z", "unzoom", "Unzoom", tooltip="back from the zoom (Escape too)", id="unzoom"),
    ]
    # Zoomed, the header, the data's problems, the search line and the key bar stay in view.
    ALLOW_IN_MAXIMIZED_VIEW = "StatusHeader, ErrorBar, SearchBar, KeyBar"
    AUTO_FOCUS = "#items"
    arranged_by: tuple | None = None  # the flow, mode and sort the tables were last shown in
    overview: "OverviewPlot | None" = None  # a plot of exports and imports, on tall terminals only

    def __init__(self, monitor: Monitor):
        super().__init__(monitor)
        self.filters: dict[str, str] = {}  # by table id: what `/` filters its rows by
        self.filtering = "items"  # the table the search bar filters
        self.balances = False  # the partner table shows both flows and the balance (`b`)

    def compose(self) -> ComposeResult:
        yield StatusHeader(id="status")
        yield ErrorBar(id="errors")
        yield HeadlineCards(id="cards")
        yield ReleaseFactsLine(id="facts")
        yield FlashPane(id="flash")
        with Horizontal(id="tables"):
            yield ReleaseTable("item", id="items")
            with Vertical(id="side"):
                yield ReleaseTable("partner", id="partners")
                yield NotablesPanel(id="notables")
        yield Vertical(id="overview-plot-frame", classes="tall-plot-frame")
        yield SearchBar(id="search")
        yield KeyBar()

    def follows(self, setting: str) -> bool:
        return True

    def show_tall_plot(self) -> None:
        if self.overview is None:
            # Into its frame, which the first frame already gave the plot's room: plotext is imported once a
            # tall terminal needs the plot, after the first frame (a Resize comes after the first paint).
            self.overview = widgets.OverviewPlot(id="overview-plot")  # its module (plotext) loads here, not at start-up
            self.query_one("#overview-plot-frame").mount(self.overview)
            self.show_state()

    def action_cycle_sort(self) -> None:
        self.monitor.sort = (self.monitor.sort + 1) % len(SORTS)
        self.show_state()

    def show_state(self) -> None:
        app = self.monitor
        view = app.view
        self.query_one(StatusHeader).show(view, app.flow, app.ytd, app.data_dir, bool(app.problems), app.next_release())
        self.query_one(ErrorBar).show(app.problems)
        if view is None:
            return
        release = view.release
        self.query_one(HeadlineCards).show(view, app.ytd)
        self.query_one(ReleaseFactsLine).show(view.ytd_facts if app.ytd else view.facts, app.ytd)
        self.query_one(FlashPane).show(view)
        mode = "year to date" if app.ytd else "month"
        # Tables rearranged in view start at their top row; a new month keeps the row under the cursor, to compare.
        arranged_by, self.arranged_by = self.arranged_by, (app.flow, app.ytd, app.sort, self.balances)
        keep_cursor = arranged_by == self.arranged_by or self.app.screen is not self
        flow = FLOWS[app.flow].name
        Shown = tuple[
            tuple[ReleaseRow | PartnerBalance, ...], Mapping, tuple[str, ...], tuple[Sort, ...], tuple[Column, ...]
        ]
        items: Shown = (release.items, view.item_trends, (f"Items ({release.breadth.set})", flow), SORTS, COLUMNS)
        partners: Shown = (release.partners, view.partner_trends, ("Partners", flow), SORTS, COLUMNS)
        if self.balances:  # both flows, whichever is chosen
            partners = (release.partner_balances, {}, ("Partners", "balance"), BALANCE_SORTS, BALANCE_COLUMNS)
        for table, (rows, trends, title, sorts, columns) in (
            (self.query_one("#items", ReleaseTable), items),
            (self.query_one("#partners", ReleaseTable), partners),
        ):
            query = self.filters.get(table.id or "", "")
            titles = parts_dropped(*title)
            if query and app.snapshot is not None:  # set once the snapshot, and its catalog's Korean names, are here
                rows = rows_matching(app.snapshot, table.dimension, rows, query)
                found = f"/{query}" + ("" if rows else ": none")  # kept longer than the flow: it hides rows
                titles = (f"{titles[0]} · {found}", f"{title[0]} · {found}", found, title[0])
            sort = sorts[app.sort]
            table.set_border(title=titles)
            table.subtitle = (mode, f"by {sort.label}")
            shown = "balance" if columns is BALANCE_COLUMNS else table.dimension  # the key of view.later and .widest
            later, widest = view.later.get(("ytd_" if app.ytd else "") + shown), view.widest[shown]
            table.show_rows(rows, trends, app.ytd, sort, keep_cursor, view.detail_gap, columns, later, widest)
        if self.overview is not None:
            self.overview.show(view.overview)
        self.query_one(NotablesPanel).show_top(view.notables, len(release.notables), TOP_NOTABLES)

    def clip(self) -> Clip | None:
        from core.text.export import balances_table, cards_table, headline_table, rows_table, tsv_text

        view, focused = self.monitor.view, self.focused
        if view is None:
            return None
        month = describe_period(view.month)
        if isinstance(focused, ReleaseTable):  # the rows in the order shown, month and year to date
            rows = focused.rows_shown
            balances = focused.columns is BALANCE_COLUMNS
            table = (
                balances_table(rows, view.release) if balances else rows_table(focused.dimension, rows, view.release)
            )
            flows = "exports, imports and balance" if balances else FLOWS[view.release.flow].name
            what = f"{len(rows)} {focused.dimension}s of {month}, {flows}"
            return Clip(tsv_text(table), f"{what}, as TSV with a header line")
        if isinstance(focused, HeadlineCards) and self.monitor.ytd:  # the year to date's cards, as on screen
            span = f"{year_to_date_span(view.month)} {year_of(view.month)}"
            table = cards_table(view.cards(True), format_period(view.month), span)
            return Clip(tsv_text(table), f"the year-to-date cards of {span}, as TSV with a header line")
        if isinstance(focused, HeadlineCards):
            return Clip(
                tsv_text(headline_table(view.release, view.lang)), f"the headline of {month}, as TSV with a header line"
            )
        if isinstance(focused, NotablesPanel):
            return Clip(focused.plain, f"the top notables of {month}, as text")
        return super().clip()

    def action_search(self) -> None:
        """`/`: on a table, filters it as the name is typed; on the notables, searches the story."""
        app = self.monitor
        if app.snapshot_or_wait(self.action_search) is None:
            return
        if isinstance(self.focused, NotablesPanel):
            app.show_story(search=True)
            return
        table = self.focused if isinstance(self.focused, ReleaseTable) else self.query_one("#items", ReleaseTable)
        self.filtering = table.id or "items"
        what = "items" if table.dimension == "item" else "partners"
        self.query_one(SearchBar).open(
            self.filters.get(table.id or "", ""), f"filter the {what} by name (English or 한국어)"
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.filters[self.filtering] = event.value.strip()
        self.show_state()

    def on_search_bar_closed(self) -> None:
        self.query_one(f"#{self.filtering}").focus()

    def action_clear_filters(self) -> None:
        if any(self.filters.values()):
            self.filters.clear()
            self.show_state()

    def action_switch_set(self) -> None:
        """The catalog's next item set; the one the release used in the month shown is not a choice: the months
        follow it."""
        app = self.monitor
        snapshot = app.snapshot_or_wait(self.action_switch_set)
        if snapshot is None or app.month is None:
            return
        app.chosen_set = next_item_set(snapshot, app.month, app.item_set)
        app.show_state()
        self.call_after_refresh(app.precompute_reachable)

    def action_toggle_balances(self) -> None:
        self.balances = not self.balances
        self.show_state()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("zoom", "unzoom"):
            return (self.maximized is not None) == (action == "unzoom")
        return True

    def action_zoom(self) -> None:
        """The focused pane alone under the header (Textual's maximize), with every column that fits."""
        self.action_maximize()

    def action_unzoom(self) -> None:
        self.minimize()

    def watch_maximized(self) -> None:  # by `z`, or Escape (Textual's): the key bar offers the other
        self.refresh_bindings()

    def action_story(self) -> None:
        self.monitor.show_story()

    def on_notables_panel_open(self) -> None:
        self.monitor.show_story()

    def on_figure_table_selected(self, event: FigureTable.Selected) -> None:
        if isinstance(event.table, ReleaseTable):
            if event.key == NOTICE_KEY:  # figures the month lacks: to the nearest month that has them
                if event.table.notice_month is not None:
                    self.monitor.go_to_month(event.table.notice_month)
            else:
                self.monitor.drill(Subject(event.table.dimension, event.key))

    def on_headline_cards_drill(self, event: HeadlineCards.Drill) -> None:
        self.monitor.drill(Subject("headline", event.subject))

    def on_flash_pane_open(self) -> None:
        self.monitor.show_flash()
