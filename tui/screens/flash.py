"""The flash month: its 10-day windows, items, and the nowcast of the whole month."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from core.base import fmt
from core.base.periods import describe_period, format_period
from tui.screens.sections import FIGURE_WIDTH, nowcast_text, show_review
from tui.screens.state import StateScreen, new_plot
from tui.widgets.cells import change, titled
from tui.widgets.figure_table import FigureTable, Heading
from tui.widgets.flash_pane import window_pieces
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import ErrorBar

FLASH_NAME_WIDTH = 23


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

    month: int  # set by the app before the screen is shown

    def compose(self) -> ComposeResult:
        yield Static(id="flash-status")
        yield ErrorBar(id="errors")
        yield Static(id="flash-figures")
        with Horizontal(id="flash-bottom"):
            yield FigureTable(id="flash-items")
            with Vertical(id="flash-side"):
                with VerticalScroll(id="flash-facts"):
                    yield Static(id="flash-nowcast")
                    yield Static(id="flash-review")
                yield new_plot("flash-plot")
        yield KeyBar()

    def show_state(self) -> None:
        app, month = self.app, self.month
        self.query_one(ErrorBar).show(app.problems)
        view = app.snapshot.flash.view(month)
        state = (
            "no flash figures"
            if view is None
            else f"PRELIMINARY days {view.window}"
            if view.preliminary
            else f"flash days {view.window}, full month out"
        )
        self.query_one("#flash-status", Static).update(
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
        show_review(self.query_one("#flash-review", Static), app.snapshot.flash.review(month))
        self.query_one("#flash-plot").show(app.snapshot.flash.chart(month))
        headings = (
            Heading("name", f"days {view.window}", FLASH_NAME_WIDTH, "left"),
            *(Heading(label, label, FIGURE_WIDTH) for label in ("value", "YoY")),
        )
        self.query_one("#flash-items", FigureTable).show(
            headings,
            [
                (
                    item.code,
                    (Text(item.name), Text(fmt.usd(item.value_usd)), change(fmt.pct(item.yoy_pct), item.yoy_pct)),
                )
                for item in view.largest_items
            ],
        )
