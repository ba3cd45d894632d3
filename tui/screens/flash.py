"""The flash month: its 10-day windows, items, and the nowcast of the whole month."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from core.base.periods import describe_period, format_period
from core.views.flash_view import flash_month_view
from tui import widgets
from tui.screens.sections import nowcast_text, show_review
from tui.screens.state import Clip, StateScreen
from tui.widgets.cells import titled
from tui.widgets.error_bar import ErrorBar
from tui.widgets.flash_items import FlashItemsTable
from tui.widgets.flash_pane import window_pieces
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.widgets.flash_plot import FlashPlot


class FlashScreen(StateScreen):
    """A month from its 10-day flash: the latest window against a year earlier, the items, the nowcast; and,
    once the full month is in, how the nowcast did."""

    BINDINGS = [
        Binding(
            "left_square_bracket,escape",
            "app.pop_screen",
            "Back",
            key_display="[ esc",
            tooltip="back to the latest release",
            id="back-from-flash",
        ),
        Binding("right_square_bracket", "app.bell", "Next", show=False),  # no month after the flash month
    ]
    AUTO_FOCUS = "#flash-items"
    MIN_SIZE = Size(70, 20)  # the items' table, and beside it the nowcast and a plot that draws

    month: int  # set by the app before the screen is shown
    plot: "FlashPlot"  # made in compose

    def compose(self) -> ComposeResult:
        yield StatusLine(id="flash-status")
        yield ErrorBar(id="errors")
        yield Static(id="flash-figures")
        with Horizontal(id="flash-bottom"):
            yield FlashItemsTable(id="flash-items")
            with Vertical(id="flash-side"):
                with VerticalScroll(id="flash-facts"):
                    yield Static(id="flash-nowcast")
                    yield Static(id="flash-review")
                self.plot = widgets.FlashPlot(id="flash-plot")  # its module (plotext) loads here, not at start-up
                yield self.plot
        yield KeyBar()

    def clip(self) -> Clip | None:
        from core.text.export import flash_table, tsv_text

        snapshot = self.monitor.snapshot
        view = None if snapshot is None else snapshot.flash_view(self.month, self.monitor.lang)
        if view is not None and self.focused is self.query_one("#flash-items"):
            what = f"{len(view.items)} flash items of {describe_period(self.month)}, days {view.window}"
            return Clip(tsv_text(flash_table(view)), f"{what}, as TSV with a header line")
        return super().clip()

    def show_state(self) -> None:
        app, month = self.monitor, self.month
        assert app.snapshot is not None  # the app opens the flash month once the snapshot is in
        self.query_one(ErrorBar).show(app.problems)
        month_view = flash_month_view(app.snapshot, month, app.lang)
        view = month_view.flash
        state = (
            "no flash figures"
            if view is None
            else f"PRELIMINARY days {view.window}"
            if view.preliminary
            else f"flash days {view.window}, full month out"
        )
        self.query_one("#flash-status", StatusLine).update(
            Text.assemble((format_period(month), "bold"), f" {describe_period(month)} · ", (state, "bold"))
        )
        if view is None:
            return
        self.query_one("#flash-figures", Static).update(
            titled(
                f"{'Trade' if view.imports_usd is not None else 'Exports'} against the same days a year earlier",
                Text("\n").join(window_pieces(view)),
            )
        )
        self.query_one("#flash-nowcast", Static).update(titled("Nowcast, whole month", nowcast_text(view.nowcast)))
        show_review(self.query_one("#flash-review", Static), month_view.review)
        self.plot.show(month_view.chart)
        self.query_one("#flash-items", FlashItemsTable).show_items(view.largest_items, view.window)
