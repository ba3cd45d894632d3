"""The main screen: headline cards, flash pane, item and partner tables, notables."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from tui.screens.state import StateScreen, Subject
from tui.widgets.cells import FLOW_NAMES
from tui.widgets.figure_table import SORTS, FigureTable
from tui.widgets.flash_pane import FlashPane
from tui.widgets.headline_cards import HeadlineCards
from tui.widgets.key_bar import KeyBar
from tui.widgets.notables_panel import NotablesPanel
from tui.widgets.release_table import ReleaseTable
from tui.widgets.status import ErrorBar, StatusHeader


class MainScreen(StateScreen):
    BINDINGS = [Binding("s", "cycle_sort", "Sort", tooltip="tables by value, YoY, Δshare, catalog order", id="sort")]
    AUTO_FOCUS = "#items"
    TALL_PLOT = "overview-plot"
    arranged_by: tuple | None = None  # the flow, mode and sort the tables were last shown in

    def compose(self) -> ComposeResult:
        yield StatusHeader(id="status")
        yield ErrorBar(id="errors")
        yield HeadlineCards(id="cards")
        yield FlashPane(id="flash")
        with Horizontal(id="tables"):
            yield ReleaseTable("item", id="items")
            with Vertical(id="side"):
                yield ReleaseTable("partner", id="partners")
                yield NotablesPanel(id="notables")
        yield self.tall_plot_frame()
        yield KeyBar()

    def follows(self, setting: str) -> bool:
        return True

    def action_cycle_sort(self) -> None:
        self.app.sort = (self.app.sort + 1) % len(SORTS)
        self.show_state()

    def show_state(self) -> None:
        app = self.app
        view = app.view
        self.query_one(StatusHeader).show(view, app.flow, app.ytd, app.data_dir, bool(app.problems), app.next_release())
        self.query_one(ErrorBar).show(app.problems)
        if view is None:
            return
        release = view.release
        self.query_one(HeadlineCards).show(view)
        self.query_one(FlashPane).show(view.flash)
        mode = "year to date" if app.ytd else "month"
        sort = SORTS[app.sort]
        # Tables rearranged in view start at their top row; a new month keeps the row under the cursor, to compare.
        arranged_by, self.arranged_by = self.arranged_by, (app.flow, app.ytd, app.sort)
        keep_cursor = arranged_by == self.arranged_by or app.screen is not self
        for table, rows, trends, title in (
            (self.query_one("#items", ReleaseTable), release.items, view.item_trends, f"Items ({release.breadth.set})"),
            (self.query_one("#partners", ReleaseTable), release.partners, view.partner_trends, "Partners"),
        ):
            table.border_title = Text(f"{title} · {FLOW_NAMES[app.flow]}")
            table.border_subtitle = f"{mode} · by {sort.label}"
            table.show_rows(rows, trends, app.ytd, sort, keep_cursor)
        for plot in self.query("#overview-plot"):
            plot.show(view.overview)
        self.query_one(NotablesPanel).show(
            [Text(f"• {line}") for line in view.notables] or [Text("none this month", style="dim")]
        )

    def on_figure_table_selected(self, event: FigureTable.Selected) -> None:
        if isinstance(event.table, ReleaseTable):
            self.app.drill(Subject(event.table.dimension, event.key))

    def on_headline_cards_drill(self, event: HeadlineCards.Drill) -> None:
        self.app.drill(Subject("headline", event.subject))

    def on_flash_pane_open(self) -> None:
        self.app.show_flash()
