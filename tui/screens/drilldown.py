"""The drilldown into one subject: its history plot, its months, records and notables."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from core.base import fmt
from core.base.periods import format_period
from tui.screens.sections import FIGURE_WIDTH, MONTH_WIDTH, records_text, review_text
from tui.screens.state import EXPORTS, Clip, StateScreen, Subject, new_plot
from tui.widgets.cells import FLOW_NAMES, change, titled
from tui.widgets.figure_table import FigureTable, Heading
from tui.widgets.headline_cards import CARDS
from tui.widgets.key_bar import KeyBar
from tui.widgets.status import ErrorBar
from tui.widgets.text_pane import TextPane

DRILL_TABLE_MONTHS = 24
DRILL_PLOT_MONTHS = 36
DIMENSION_TITLES = {"headline": "Headline", "item": "Items", "partner": "Partners"}
HEADLINE_FLOWS = {"imports": "import"}  # the flow whose release has a headline line's notables; else exports'


def subject_name(app, subject: Subject) -> str:
    if subject.dimension == "headline":
        return next(card.title for card in CARDS if card.subject == subject.code)
    return app.snapshot.catalog.name(subject.dimension, subject.code)


class DrilldownScreen(StateScreen):
    """One subject's history: plot, last 24 months, records and streaks, partner split, notables, revisions."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="back from a drilldown", id="back"),
        Binding("a", "toggle_span", "3y/All", tooltip="plot: the last 3 years / all history", id="plot-span"),
    ]
    AUTO_FOCUS = "#months"

    subject: Subject  # set by the app before the screen is shown
    shown_for: tuple | None = None  # the subject and month the months table was last shown for
    all_history = False  # the plot's span: the last DRILL_PLOT_MONTHS, or all the subject's months to the month shown

    def action_toggle_span(self) -> None:
        self.all_history = not self.all_history
        self.show_state()

    def follows(self, setting: str) -> bool:
        return setting == "flow" and self.subject.dimension != "headline"  # a headline line has one flow of its own

    def compose(self) -> ComposeResult:
        yield Static(id="breadcrumb")
        yield ErrorBar(id="errors")
        yield new_plot("history-plot")
        with Horizontal(id="drill-bottom"):
            yield FigureTable(id="months")
            yield TextPane(id="drill-facts")
        yield KeyBar()

    def show_state(self) -> None:
        app, subject = self.app, self.subject
        snapshot, month = app.snapshot, app.month
        name = subject_name(app, subject)
        flow = FLOW_NAMES[app.flow]
        crumbs = ["tradetop", format_period(month), DIMENSION_TITLES[subject.dimension]]
        if subject.dimension != "headline":
            crumbs[2] += f" ({flow})"
        # One line tall whatever it says (tradetop.tcss): no layout pass, which would repaint the scrollbars a
        # frame later.
        self.query_one("#breadcrumb", Static).update(
            Text(" › ".join(crumbs) + " › ") + Text(name, style="bold"), layout=False
        )
        self.query_one(ErrorBar).show(app.problems)
        chart = snapshot.month_chart(
            subject.dimension, subject.code, month, None if self.all_history else DRILL_PLOT_MONTHS, app.flow
        )
        self.query_one("#history-plot").show(chart, name, "all history" if self.all_history else "3 years")
        another_subject = self.shown_for is None or self.shown_for[0] != subject  # opened anew, or for another
        self._months_table(
            snapshot.history(subject.dimension, subject.code, month, DRILL_TABLE_MONTHS, app.flow), chart.change_in_usd
        )
        sections = [records_text(snapshot.records(subject.dimension, subject.code, month, app.flow))]
        if subject.dimension == "item":
            sections.append(self._split_text())
        review = snapshot.flash.review(month) if subject == EXPORTS else None
        if review is not None:
            sections.append(review_text(review))
        notables_flow = HEADLINE_FLOWS.get(subject.code, "export") if subject.dimension == "headline" else app.flow
        notables = snapshot.release(month, notables_flow, app.item_set).notables_about(subject.dimension, subject.code)
        sections.append(titled("Notables", Text("\n".join(f"• {text}" for text in notables) or "—")))
        revisions = snapshot.subject_revisions(subject.dimension, subject.code, app.flow)
        if revisions:  # most series are never revised: no empty heading for them
            sections.append(titled("Revisions", Text("\n".join(f"• {revision.text}" for revision in revisions))))
        facts = self.query_one("#drill-facts", TextPane)
        facts.show(Text("\n\n").join(sections).split("\n"))
        if another_subject:  # its records first, not where the last subject's facts were left
            facts.scroll_home(animate=False)

    def clip(self) -> Clip | None:
        from core.text.export import history_table, tsv_text

        app, subject = self.app, self.subject
        name = subject_name(app, subject)
        if self.focused is self.query_one("#months"):  # the months the table lists, oldest first
            table = history_table(app.snapshot, *subject, app.month, DRILL_TABLE_MONTHS, app.flow)
            return Clip(tsv_text(table), f"{len(table.rows)} months of {name}, oldest first, as TSV with a header line")
        if self.focused is self.query_one("#drill-facts"):
            return Clip(self.query_one("#drill-facts", TextPane).plain, f"the records and notes of {name}, as text")
        return super().clip()

    def _months_table(self, history, change_in_usd: bool) -> None:
        columns = {"value": [Text(fmt.usd(value)) for value in history.values]}
        if change_in_usd:  # core's word on the line (the balance): the change in dollars, not YoY
            columns["y/y"] = [change(fmt.usd(delta, signed=True), delta) for delta in history.change_usd]
        else:
            columns["YoY"] = [change(fmt.pct(yoy), yoy) for yoy in history.yoy_pct]
        if self.subject.dimension != "headline":
            columns["share"] = [Text(fmt.share(share)) for share in history.share_pct]
        headings = (
            Heading("month", "month", MONTH_WIDTH, "left"),
            *(Heading(label, label, FIGURE_WIDTH) for label in columns),
        )
        months = [format_period(month) for month in history.months]
        shown_for, self.shown_for = self.shown_for, (self.subject, self.app.month)
        self.query_one("#months", FigureTable).show(
            headings,
            [
                (months[index], (Text(months[index]), *(cells[index] for cells in columns.values())))
                for index in reversed(range(len(months)))
            ],
            keep_cursor=shown_for == self.shown_for,
        )  # else the month shown

    def _split_text(self) -> Text:
        app = self.app
        split = app.snapshot.partner_split(app.flow, self.subject.code, app.month)
        if not split:
            return titled("Partner split", Text("no partner split in the data", style="dim"))
        return titled(
            "Partner split",
            Text("\n").join(
                Text.assemble(Text(share.name), f"  {fmt.usd(share.value_usd)}", f"  {fmt.share(share.share_pct)}")
                for share in split
            ),
        )
