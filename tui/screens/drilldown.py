"""The drilldown into one subject: its history plot, its months, records and notables."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from core.base import fmt
from core.base.periods import format_period
from core.text.arrival import revision_text
from core.views.drilldown_view import DRILL_TABLE_MONTHS, EXPORTS, DrilldownView, Subject, drilldown_view, follows_flow
from tui import widgets
from tui.screens.sections import FIGURE_WIDTH, MONTH_WIDTH, records_section, review_section
from tui.screens.state import Clip, StateScreen
from tui.widgets.cells import change, titled
from tui.widgets.error_bar import ErrorBar
from tui.widgets.figure_table import FigureTable, Heading
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine
from tui.widgets.text_pane import TextPane

if TYPE_CHECKING:
    from tui.widgets.months_plot import MonthsPlot
    from tui.widgets.split_table import SplitTable


class DrilldownScreen(StateScreen):
    """One subject's history: plot, last 24 months, records and streaks, its split by destination (an item's) or
    its items (a partner's), notables, revisions. Enter on a split's row opens that series; Escape goes back."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="back to the series before, or from a drilldown", id="back"),
        Binding("a", "toggle_span", "3y/All", tooltip="plot: the last 3 years / all history", id="plot-span"),
    ]
    AUTO_FOCUS = "#months"

    subject: Subject = EXPORTS  # set by the app before the screen is shown (composed ahead, it shows total exports)
    history: "MonthsPlot"  # made in compose
    splits: "SplitTable"  # made in compose
    trail: tuple[Subject, ...] = ()  # the subjects a split's row was opened from, for Escape to go back to
    shown_for: tuple | None = None  # the subject and month the months table was last shown for
    all_history = False  # the plot's span: the last DRILL_PLOT_MONTHS, or all the subject's months to the month shown

    def action_back(self) -> None:
        if self.trail:
            self.subject, self.trail = self.trail[-1], self.trail[:-1]
            self.show_state()
        else:
            self.app.pop_screen()

    def on_figure_table_selected(self, event: FigureTable.Selected) -> None:
        """A split's row opens that series (HS 8542 to China); Escape comes back here."""
        row = self.splits.row_of(event.key) if event.table is self.splits else None
        if row is not None:
            self.trail += (self.subject,)
            self.subject = Subject("item", row.item, row.partner)
            self.show_state()
            self.set_focus(self.query_one(self.AUTO_FOCUS))

    def action_toggle_span(self) -> None:
        self.all_history = not self.all_history
        self.show_state()

    def follows(self, setting: str) -> bool:
        return setting == "flow" and follows_flow(self.subject)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="breadcrumb")
        yield ErrorBar(id="errors")
        self.history = widgets.MonthsPlot(id="history-plot")  # its module (plotext) loads here, not at start-up
        yield self.history
        with Horizontal(id="drill-bottom"):
            yield FigureTable(id="months")
            with Vertical(id="drill-side"):
                self.splits = widgets.SplitTable(id="split")
                yield self.splits
                yield TextPane(id="drill-facts")
        yield KeyBar()

    def show_state(self) -> None:
        app = self.monitor
        assert app.snapshot is not None and app.month is not None  # the app opens a drilldown once the snapshot is in
        view = drilldown_view(app.snapshot, self.subject, app.month, app.flow, app.item_set, self.all_history, app.lang)
        # One line tall whatever it says: no layout pass, which would repaint the scrollbars a frame later.
        self.query_one("#breadcrumb", StatusLine).update(
            Text(" › ".join(("tradetop", *view.breadcrumb)) + " › ") + Text(view.name, style="bold")
        )
        self.query_one(ErrorBar).show(app.problems)
        self.history.show(view.chart, view.name, "all history" if self.all_history else "3 years")
        another_subject = self.shown_for is None or self.shown_for[0] != view.subject  # opened anew, or for another
        self._months_table(view)
        sections = [records_section(view.records, view.month)]
        splits = view.destinations or ()
        self.splits.display = bool(splits)
        self.splits.show_splits(splits, keep_cursor=not another_subject)
        if view.destinations == () and view.subject.dimension == "item":  # an item without destinations
            sections.append(titled("By destination", Text("no partner split in the data", style="dim")))
        if view.review is not None:
            sections.append(review_section(view.review))
        sections.append(titled("Notables", Text("\n".join(f"• {text}" for text in view.notables) or "—")))
        if view.revisions:  # most series are never revised: no empty heading for them
            sections.append(
                titled("Revisions", Text("\n".join(f"• {revision_text(revision)}" for revision in view.revisions)))
            )
        facts = self.query_one("#drill-facts", TextPane)
        facts.show(Text("\n\n").join(sections).split("\n"))
        if another_subject:  # its records first, not where the last subject's facts were left
            facts.scroll_home(animate=False)

    def clip(self) -> Clip | None:
        from core.text.export import history_table, split_table, tsv_text

        app, subject = self.monitor, self.subject
        assert app.snapshot is not None and app.month is not None
        name = drilldown_view(app.snapshot, subject, app.month, app.flow, app.item_set, self.all_history, app.lang).name
        if self.focused is self.query_one("#months"):  # the months the table lists, oldest first
            table = history_table(
                app.snapshot,
                subject.dimension,
                subject.code,
                app.month,
                DRILL_TABLE_MONTHS,
                app.flow,
                app.lang,
                subject.partner,
            )
            return Clip(tsv_text(table), f"{len(table.rows)} months of {name}, oldest first, as TSV with a header line")
        if self.focused is self.splits:  # the rows it lists, each split under its title
            splits = self.splits.splits
            text = "\n".join(tsv_text(split_table(split, format_period(app.month))) for split in splits)
            return Clip(text, f"the rows of {splits[0].title}, as TSV with a header line")
        if self.focused is self.query_one("#drill-facts"):
            return Clip(self.query_one("#drill-facts", TextPane).plain, f"the records and notes of {name}, as text")
        return super().clip()

    def _months_table(self, view: DrilldownView) -> None:
        history = view.months
        columns = {"value": [Text(fmt.usd(value)) for value in history.values]}
        if view.chart.change_in_usd:  # core's word on the line (the balance): the change in dollars, not YoY
            columns["y/y"] = [change(fmt.usd(delta, signed=True), delta) for delta in history.change_usd]
        else:
            columns["YoY"] = [change(fmt.pct(yoy), yoy) for yoy in history.yoy_pct]
        if view.share_of_flow:
            columns["share"] = [Text(fmt.share(share)) for share in history.share_pct]
        if view.unit_values is not None:  # a series with weights: its unit value, $/kg
            columns["$/kg"] = [Text(fmt.unit_value(value)) for value in view.unit_values]
        self.query_one("#months").set_class("$/kg" in columns, "-wide")  # room for the fifth column
        headings = (
            Heading("month", "month", MONTH_WIDTH, "left"),
            *(Heading(label, label, FIGURE_WIDTH) for label in columns),
        )
        months = [format_period(month) for month in history.months]
        shown_for, self.shown_for = self.shown_for, (view.subject, view.month)
        self.query_one("#months", FigureTable).show(
            headings,
            [
                (months[index], (Text(months[index]), *(cells[index] for cells in columns.values())))
                for index in reversed(range(len(months)))
            ],
            keep_cursor=shown_for == self.shown_for,
        )  # else the month shown
