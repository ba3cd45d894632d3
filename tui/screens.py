"""The main screen, the drilldown into one subject, the flash month, and the key help.

Screens read the app's state (snapshot, month, flow, mode, sort) in `show_state` and render it;
they compute nothing themselves.
"""

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from core.base import fmt
from core.engine.model import Nowcast, NowcastReview, Records
from core.base.periods import describe_period, format_period

from .widgets import (CARDS, FLOW_NAMES, NO_NOWCAST, SORTS, ErrorBar, FigureTable, FlashPane, HeadlineCards, Heading, KeyBar,
                      NotablesPanel, ReleaseTable, StatusHeader, TextPane, change, interval_text, titled,
                      window_pieces)

DRILL_TABLE_MONTHS = 24
DRILL_PLOT_MONTHS = 36
FLASH_NAME_WIDTH = 23
MONTH_WIDTH = 7
FIGURE_WIDTH = 10  # the widest figure, $101.96bn or +$23.88bn, and a cell apart from its neighbour
DIMENSION_TITLES = {"headline": "Headline", "item": "Items", "partner": "Partners"}
HEADLINE_FLOWS = {"imports": "import"}  # the flow whose release has a headline line's notables; else exports'


class Subject(NamedTuple):
    """What a drilldown shows: a headline line, an item or a partner."""

    dimension: str
    code: str


EXPORTS = Subject("headline", "exports")  # its drilldown also shows how the flash nowcasts did

# Subjects that can be negative: their change on a year earlier is in dollars, not a growth rate.


class StateScreen(Screen):
    """A screen that renders the app's state; the app calls show_state whenever that state changes."""

    TALL_PLOT: str | None = None  # the id of a plot that only tall terminals get, in a frame (see tradetop.tcss)
    TALL_ROWS = 32  # from this height the screen is tall (the `-tall` class)
    # From this height the tall plot shows (the `-plot` class): below, it would be a few rows of dots, and the
    # notables need the room more.
    PLOT_ROWS = 30

    def tall_plot_frame(self) -> Vertical:
        return Vertical(id=f"{self.TALL_PLOT}-frame", classes="tall-plot-frame")

    def on_mount(self) -> None:
        self.fit_height(self.app.size.height)  # before the first layout, so that the first frame is laid out right
        self.show_state()

    def on_resize(self) -> None:
        self.fit_height(self.size.height)

    def fit_height(self, height: int) -> None:
        self.set_class(height >= self.TALL_ROWS, "-tall")
        plotted = height >= self.PLOT_ROWS
        self.set_class(plotted, "-plot")
        if plotted and self.TALL_PLOT and self.is_mounted and not self.query(f"#{self.TALL_PLOT}"):
            # Into its frame, which the first frame already gave the plot's room: plotext is imported once a
            # tall terminal needs the plot, after the first frame (a Resize comes after the first paint).
            self.query_one(f"#{self.TALL_PLOT}-frame").mount(new_plot(self.TALL_PLOT))
            self.show_state()

    def show_state(self) -> None:
        raise NotImplementedError

    def follows(self, setting: str) -> bool:
        """Whether the screen shows the app's `setting` (an action's name): keys for what it does not show are
        hidden and do nothing, rather than change a screen that cannot be seen."""
        return False


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
        self.query_one(StatusHeader).show(view, app.flow, app.ytd, app.data_dir, bool(app.problems))
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
        for table, rows, trends, title in ((self.query_one("#items", ReleaseTable), release.items, view.item_trends,
                                            f"Items ({release.breadth.set})"),
                                           (self.query_one("#partners", ReleaseTable), release.partners,
                                            view.partner_trends, "Partners")):
            table.border_title = Text(f"{title} · {FLOW_NAMES[app.flow]}")
            table.border_subtitle = f"{mode} · by {sort.label}"
            table.show_rows(rows, trends, app.ytd, sort, keep_cursor)
        for plot in self.query("#overview-plot"):
            plot.show(view.overview)
        self.query_one(NotablesPanel).show([Text(f"• {line}") for line in view.notables]
                                           or [Text("none this month", style="dim")])

    def on_figure_table_selected(self, event: FigureTable.Selected) -> None:
        if isinstance(event.table, ReleaseTable):
            self.app.drill(Subject(event.table.dimension, event.key))

    def on_headline_cards_drill(self, event: HeadlineCards.Drill) -> None:
        self.app.drill(Subject("headline", event.subject))

    def on_flash_pane_open(self) -> None:
        self.app.show_flash()


def new_plot(widget_id: str):
    from .charts import FlashPlot, MonthsPlot, OverviewPlot  # plotext costs start-up time; only plots need it

    return {"overview-plot": OverviewPlot, "history-plot": MonthsPlot, "flash-plot": FlashPlot}[widget_id](id=widget_id)


def subject_name(app, subject: Subject) -> str:
    if subject.dimension == "headline":
        return next(card.title for card in CARDS if card.subject == subject.code)
    return app.snapshot.catalog.name(subject.dimension, subject.code)


def records_text(records: Records) -> Text:
    if records.rank is None:
        return Text("Records: no value this month")
    streak = abs(records.streak)
    direction = "up" if records.streak > 0 else "down"
    lines = [
        f"Rank {records.rank} of {records.months_ranked} {records.compared}",
        f"High {fmt.usd(records.highest_value)} in {format_period(records.highest_month)}",
        f"Low  {fmt.usd(records.lowest_value)} in {format_period(records.lowest_month)}",
        f"{streak} month{'s' * (streak != 1)} {direction} on a year earlier" if streak else "No run on a year earlier",
    ]
    return titled("Records", Text("\n".join(lines)))


def review_text(review: NowcastReview) -> Text:
    """Each flash window's nowcast against the final figure: error and whether the interval held."""
    lines = []
    for check in review.checks:
        if check.nowcast is None:
            lines.append(Text(f"days {check.window}: {NO_NOWCAST}"))
            continue
        # The error is not a change on a year earlier, so it is not coloured up/down.
        lines += [Text(f"days {check.window}: {fmt.usd(check.nowcast.value_usd)} {fmt.pct(check.error_pct)}"),
                  Text(f"  {'inside' if check.inside else 'OUTSIDE'} {interval_text(check.nowcast)}")]
    return titled(f"Nowcast vs final {fmt.usd(review.final_usd)}", Text("\n").join(lines))


def nowcast_text(nowcast: Nowcast | None) -> Text:
    if nowcast is None:
        return Text(NO_NOWCAST)
    return Text.assemble(fmt.usd(nowcast.value_usd), "\n", interval_text(nowcast), "\n", (nowcast.method, "dim"))


def show_review(widget: Static, review: NowcastReview | None) -> None:
    widget.display = review is not None
    widget.update(review_text(review) if review else "")


class DrilldownScreen(StateScreen):
    """One subject's history: plot, last 24 months, records and streaks, partner split, notables, revisions."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", tooltip="back to the main screen", id="back"),
                Binding("a", "toggle_span", "3y/All", tooltip="plot: the last 3 years / all history", id="plot-span")]
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
        # One line tall whatever it says (tradetop.tcss): no layout pass, which would repaint the scrollbars a frame later.
        self.query_one("#breadcrumb", Static).update(Text(" › ".join(crumbs) + " › ") + Text(name, style="bold"), layout=False)
        self.query_one(ErrorBar).show(app.problems)
        chart = snapshot.month_chart(subject.dimension, subject.code, month,
                                     None if self.all_history else DRILL_PLOT_MONTHS, app.flow)
        self.query_one("#history-plot").show(chart, name, "all history" if self.all_history else "3 years")
        another_subject = self.shown_for is None or self.shown_for[0] != subject  # opened anew, or for another
        self._months_table(snapshot.history(subject.dimension, subject.code, month, DRILL_TABLE_MONTHS, app.flow),
                           chart.change_in_usd)
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

    def _months_table(self, history, change_in_usd: bool) -> None:
        columns = {"value": [Text(fmt.usd(value)) for value in history.values]}
        if change_in_usd:  # core's word on the line (the balance): the change in dollars, not YoY
            columns["y/y"] = [change(fmt.usd(delta, signed=True), delta) for delta in history.change_usd]
        else:
            columns["YoY"] = [change(fmt.pct(yoy), yoy) for yoy in history.yoy_pct]
        if self.subject.dimension != "headline":
            columns["share"] = [Text(fmt.share(share)) for share in history.share_pct]
        headings = (Heading("month", "month", MONTH_WIDTH, "left"),
                    *(Heading(label, label, FIGURE_WIDTH) for label in columns))
        months = [format_period(month) for month in history.months]
        shown_for, self.shown_for = self.shown_for, (self.subject, self.app.month)
        self.query_one("#months", FigureTable).show(headings, [
            (months[index], (Text(months[index]), *(cells[index] for cells in columns.values())))
            for index in reversed(range(len(months)))], keep_cursor=shown_for == self.shown_for)  # else the month shown

    def _split_text(self) -> Text:
        app = self.app
        split = app.snapshot.partner_split(app.flow, self.subject.code, app.month)
        if not split:
            return titled("Partner split", Text("no partner split in the data", style="dim"))
        return titled("Partner split", Text("\n").join(
            Text.assemble(Text(share.name), f"  {fmt.usd(share.value_usd)}", f"  {fmt.share(share.share_pct)}")
            for share in split))


class FlashScreen(StateScreen):
    """A month from its 10-day flash: the latest window against a year earlier, the items, the nowcast; and,
    once the full month is in, how the nowcast did."""

    BINDINGS = [
        Binding("left_square_bracket,escape", "app.pop_screen", "Back", key_display="[ esc",
                tooltip="back to the latest release", id="back-from-flash"),
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
        state = ("no flash figures" if view is None else
                 f"PRELIMINARY days {view.window}" if view.preliminary else f"flash days {view.window}, full month out")
        self.query_one("#flash-status", Static).update(
            Text.assemble((format_period(month), "bold"), f" {describe_period(month)} · ", (state, "bold")))
        if view is None:
            return
        self.query_one("#flash-figures", Static).update(titled(
            "Exports against the same days a year earlier", Text("\n").join(window_pieces(view))))
        self.query_one("#flash-nowcast", Static).update(titled("Nowcast, whole month", nowcast_text(view.nowcast)))
        show_review(self.query_one("#flash-review", Static), app.snapshot.flash.review(month))
        self.query_one("#flash-plot").show(app.snapshot.flash.chart(month))
        headings = (Heading("name", f"days {view.window}", FLASH_NAME_WIDTH, "left"),
                    *(Heading(label, label, FIGURE_WIDTH) for label in ("value", "YoY")))
        self.query_one("#flash-items", FigureTable).show(headings, [
            (item.code, (Text(item.name), Text(fmt.usd(item.value_usd)), change(fmt.pct(item.yoy_pct), item.yoy_pct)))
            for item in view.largest_items])


class HelpScreen(ModalScreen):
    """Every key, from the bindings themselves so the list cannot drift from what the keys do."""

    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close", id="close-help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(self._keys(), id="help-keys")

    def _keys(self) -> Text:
        lines = [Text("tradetop keys", style="bold")]
        for keys, what in key_help(self.app):
            lines.append(Text.assemble((f"{keys:>15}", "bold"), f"  {what}"))
        lines.append(Text(f"data: {fmt.printable(str(self.app.data_dir))}", style="dim"))
        lines.append(Text("Escape or ? closes this help", style="dim"))
        return Text("\n").join(lines)


BUILT_IN_KEYS = (
    ("Enter", "drill down into a table row or a card"),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("arrows, j / k", "move in tables and notables; left / right: cards"),
    ("PgUp / PgDn", "a page up / down in a table"),
    ("Home / End", "the first / last row of a table"),
    ("Ctrl+P", "command palette: go to month…, go to item…"),
)


def key_help(app) -> list[tuple[str, str]]:
    """Every key with what it does, read from the bindings so the help cannot drift from the keys."""
    bindings = [*type(app).BINDINGS, *MainScreen.BINDINGS, *DrilldownScreen.BINDINGS]
    return [(app.get_key_display(binding), binding.tooltip or binding.description)
            for binding in bindings] + list(BUILT_IN_KEYS)
