"""The dashboard's pieces: status header, error bar, headline cards, flash pane, release tables, notables panel.

Every figure comes from a core Release or Snapshot and is written with core.base.fmt; names from data
files go into rich Text, never markup, so they show exactly as written.
"""

from itertools import groupby
from datetime import datetime, timezone
from typing import Callable, NamedTuple

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static

from core.base import fmt
from core.engine.model import INTERVAL_NOMINAL_PCT, TREND_MONTHS, YEAR_TO_DATE_LINES, Figure, FlashView, MainView, Nowcast, Row
from core.base.periods import describe_period, format_period
from core.base.problems import Problem, summarised

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
FLOW_NAMES = {"export": "exports", "import": "imports"}


def spark_range(values: tuple[float | None, ...]) -> tuple[float, float]:
    """A sparkline's scale: from zero (or its lowest value, if below zero) to its highest. A block's height is then
    the value's size, so a series that moves under ±2% draws flat and a boom looks like one."""
    present = [value for value in values if value is not None]
    return min([0.0, *present]), max([0.0, *present])


def spark_block(value: float, low: float, high: float) -> str:
    return SPARK_BLOCKS[round((value - low) / (high - low) * (len(SPARK_BLOCKS) - 1)) if high > low else 0]


def spark(values: tuple[float | None, ...], width: int) -> str:
    """A block sparkline of the last `width` values, one block each (a blank where a value is missing), on its own
    scale (spark_range)."""
    shown = values[-width:] if width > 0 else ()
    low, high = spark_range(shown)
    return "".join(" " if value is None else spark_block(value, low, high) for value in shown)


def spark_text(values: tuple[float | None, ...], width: int) -> Text:
    """A sparkline whose last block, the month shown, stands out."""
    line = spark(values, width)
    return Text.assemble((line[:-1], "cyan"), (line[-1:], MONTH_SHOWN_STYLE))


def spark_scale(values: tuple[float | None, ...], width: int, unit: str) -> str:
    """What a sparkline shows, for its caption: how many blocks (`unit` each) and where its scale starts."""
    shown = values[-width:] if width > 0 else ()
    low, high = spark_range(shown)
    return f"{len(shown)}{unit} from 0" if low >= 0 else f"{len(shown)}{unit}, 0 at {spark_block(0.0, low, high)}"


# Exact xterm-256 colours, light enough to stay legible when NO_COLOR turns them grey.
UP_STYLE, DOWN_STYLE = "#5fd75f", "#ff5f5f"
MONTH_SHOWN_STYLE = "#ffd75f"  # the month on screen, in sparklines and plots


def change_style(value: float | None) -> str:
    if value is None or round(value, 1) == 0:
        return ""
    return UP_STYLE if value > 0 else DOWN_STYLE


def change(text: str, value: float | None) -> Text:
    """A change written with its sign (readable without colour), green up, red down."""
    return Text(text, style=change_style(value))


def file_time(mtime_ns: int) -> str:
    """An absolute UTC time: the same wherever the screen is looked at, unlike '5 minutes ago'."""
    return datetime.fromtimestamp(mtime_ns / 1e9, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def titled(title: str, body: Text) -> Text:
    """A bold title line over a body, the body keeping its own style."""
    return Text.assemble((title, "bold"), "\n", body)


class StatusHeader(Widget):
    """Period, flow and mode on the left; where the data came from and how fresh it is on the right,
    in the longest form that fits the width."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.left, self.rights = Text(""), ()

    def show(self, view: MainView | None, flow: str, ytd: bool, directory, failed: bool = False) -> None:
        folder = fmt.printable(directory.name)  # a file name: it could hold an escape sequence
        if view is None:
            state = "no data could be loaded from" if failed else "loading"
            self.left, self.rights = Text(f"tradetop · {state} {folder}/" + ("" if failed else " …")), ()
        else:
            mode = "year to date" if ytd else "month"
            self.left = Text.assemble((format_period(view.month), "bold"), f" {describe_period(view.month)}",
                                      " · ", (FLOW_NAMES[flow], "bold"), f" · {mode}")
            latest = f"latest {format_period(view.latest)}"
            files = file_time(view.newest_file_ns) if view.newest_file_ns else ""
            self.rights = (f"{folder}/ · {latest} · files {files}", f"{latest} · files {files[:10]}", latest)
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        for right in self.rights:
            gap = width - self.left.cell_len - len(right)
            if gap >= 2:
                return self.left + Text(" " * gap) + Text(right, style="dim")
        return self.left


class ErrorBar(Static):
    """Problems from the last load, as file:line lines; stays until a load succeeds."""

    shown: tuple = ()

    def show(self, problems: tuple[Problem, ...] | tuple[str, ...]) -> None:
        if problems == self.shown:
            return  # unchanged: no update, which would cost a layout pass
        self.shown = problems
        self.display = bool(problems)
        self.update(Text("\n".join(summarised(problems))))


class CardSpec(NamedTuple):
    subject: str
    title: str


CARDS = (
    CardSpec("exports", "Exports"),
    CardSpec("imports", "Imports"),
    CardSpec("balance", "Balance"),
    CardSpec("daily_avg_exports", "Daily avg"),
    CardSpec("ytd_exports", "YTD exp"),
)


class CardFigure(NamedTuple):
    value: str
    change: Text  # on a year earlier
    history: tuple[float | None, ...]  # for the sparkline


WAITING = CardFigure("…", Text(""), ())  # until the data has loaded
ROUND_BOX, HEAVY_BOX = "╭─╮│╰╯", "┏━┓┃┗┛"  # corners and sides, as Textual's round and heavy borders


class HeadlineCards(Widget, can_focus=True):
    """The headline figures as a row of cards: a value, its change on a year earlier and a sparkline that fills
    the card. Left/right choose a card; Enter or a click drills into it.

    One widget drawing its five boxes: as five bordered widgets, the cards cost the first frame about 5 ms more."""

    COMPONENT_CLASSES = {"headline-cards--border", "headline-cards--title", "headline-cards--selected",
                         "headline-cards--selected-title"}
    BINDINGS = [
        Binding("left,h", "choose(-1)", "Previous card", show=False),
        Binding("right,l", "choose(1)", "Next card", show=False),
        Binding("enter", "drill", "Drill down", show=False),
    ]
    selected = reactive(0)

    class Drill(Message):
        def __init__(self, subject: str):
            super().__init__()
            self.subject = subject

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.figures = {spec.subject: WAITING for spec in CARDS}

    def action_choose(self, step: int) -> None:
        self.selected = (self.selected + step) % len(CARDS)

    def action_drill(self) -> None:
        self.post_message(self.Drill(CARDS[self.selected].subject))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            edges = self._edges()
            self.selected = next(index for index in range(len(CARDS)) if offset.x < edges[index + 1])
            self.action_drill()

    def show(self, view: MainView) -> None:
        headline = view.release.headline
        figures: dict[str, tuple[str, Text]] = {
            spec.subject: _figure_texts(getattr(headline, spec.subject)) for spec in CARDS if spec.subject != "balance"
        }
        balance = headline.balance
        figures["balance"] = (fmt.usd(balance.value_usd, signed=True),
                              change(fmt.usd(balance.change_usd, signed=True), balance.change_usd))
        self.figures = {subject: CardFigure(*texts, view.card_histories[subject]) for subject, texts in figures.items()}
        self.refresh()

    def _edges(self) -> list[int]:
        """Where each card starts, and the right edge: the width shared out as evenly as cells allow."""
        width = self.size.width
        return [width * index // len(CARDS) for index in range(len(CARDS) + 1)]

    def render(self) -> Text:
        edges = self._edges()
        rows: list[list[Text]] = [[] for _ in range(5)]
        for index, spec in enumerate(CARDS):
            chosen = index == self.selected
            box = HEAVY_BOX if chosen and self.has_focus else ROUND_BOX
            border = self.get_component_rich_style("headline-cards--selected" if chosen else "headline-cards--border")
            title = self.get_component_rich_style("headline-cards--selected-title" if chosen else "headline-cards--title")
            width = edges[index + 1] - edges[index]
            inner = max(0, width - 4)  # a side and a cell of padding each side
            figure = self.figures[spec.subject]
            change_line = next((line for line in (figure.change + " y/y", _without_dollar(figure.change) + " y/y")
                                if line.cell_len <= inner), figure.change)
            heading = Text(f" {spec.title} ", style=title)
            heading.truncate(max(0, width - 3))
            rows[0].append(Text.assemble((box[0] + box[1], border), heading,
                                         (box[1] * max(0, width - 3 - heading.cell_len) + box[2], border)))
            sparkline = spark_text(figure.history, inner)
            sparkline = Text(" " * (inner - sparkline.cell_len)) + sparkline  # the latest at the right
            for row, line in enumerate((Text(figure.value, style="bold"), change_line, sparkline), start=1):
                line = line.copy()
                line.truncate(inner, pad=True)
                rows[row].append(Text.assemble((box[3], border), " ", line, " ", (box[3], border)))
            # The sparkline's scale on the bottom edge, as a border subtitle, where it fits.
            caption = f" {spark_scale(figure.history, inner, 'y' if spec.subject in YEAR_TO_DATE_LINES else 'm')} "
            caption = caption if figure.history and len(caption) <= width - 4 else ""
            rows[4].append(Text.assemble((box[4] + box[1] * max(0, width - 3 - len(caption)), border), (caption, title),
                                         (box[1] + box[5], border)))
        return Text("\n").join(Text.assemble(*row, no_wrap=True) for row in rows)


def window_pieces(view: FlashView) -> list[Text]:
    """The flash window against the same days a year earlier, as phrases a narrow pane can break between."""
    return [
        Text.assemble(f"days {view.window}: ", (fmt.usd(view.value_usd), "bold"), " ",
                      change(fmt.pct(view.yoy_pct), view.yoy_pct)),
        Text(f"working days {fmt.days(view.working_days)} vs {fmt.days(view.working_days_prev)}"),
        Text.assemble("daily avg ", change(fmt.pct(view.daily_avg_yoy_pct), view.daily_avg_yoy_pct)),
    ]


NO_NOWCAST = "no nowcast (too little history)"


def interval_text(nowcast: Nowcast) -> str:
    return f"{INTERVAL_NOMINAL_PCT:.0f}%: {fmt.usd_range(nowcast.low_usd, nowcast.high_usd)}"


def nowcast_piece(nowcast: Nowcast | None) -> Text:
    if nowcast is None:
        return Text(NO_NOWCAST)
    return Text.assemble("nowcast ", (fmt.usd(nowcast.value_usd), "bold"), f" ({interval_text(nowcast)})")


def flowed(pieces: list[Text], width: int, separator: str = " · ") -> list[Text]:
    """Pieces joined into lines at most `width` wide, breaking only between pieces."""
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + len(separator) + piece.cell_len <= width:
            lines[-1] = Text.assemble(lines[-1], (separator, "dim"), piece)
        else:
            lines.append(piece.copy())
    return lines


FLASH_ITEM_WIDTH = 26  # a name and its YoY, one cell of the flash pane's item grid


class FlashPane(Widget):
    """The pending flash month between releases: its latest window, the nowcast, then as many of the flash
    items' YoY (largest first) as the pane has room for. Shown only while the snapshot has a pending month."""

    class Open(Message):
        """Clicked: show the flash month."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.view: FlashView | None = None

    def show(self, view: FlashView | None) -> None:
        self.view = view
        self.display = view is not None
        self.refresh()

    def on_click(self) -> None:
        self.post_message(self.Open())

    def render(self) -> Text:
        if self.view is None:
            return Text("")
        width, height = self.content_size.width, self.content_size.height
        label = Text.assemble((self.view.period, "bold"), " ", (" PRELIMINARY ", "bold reverse"))
        lines = flowed([label, *window_pieces(self.view), nowcast_piece(self.view.nowcast)], width)
        columns = max(1, width // FLASH_ITEM_WIDTH)
        items = self.view.largest_items
        for start in range(0, max(0, height - len(lines)) * columns, columns):
            row = items[start:start + columns]
            if row:
                lines.append(Text.assemble(*(_flash_item_cell(item.name, item.yoy_pct) for item in row)))
        return Text("\n").join(lines[:height])


def _flash_item_cell(name: str, yoy_pct: float | None) -> Text:
    shown = Text(name, no_wrap=True)
    shown.truncate(FLASH_ITEM_WIDTH - 10, overflow="ellipsis", pad=True)  # by cells, so wide characters line up too
    return Text.assemble(shown, change(f"{fmt.pct(yoy_pct):>8}", yoy_pct), "  ")


def _without_dollar(text: Text) -> Text:
    """+23.88bn: a change in dollars, one cell shorter for a narrow card; its card's figure above has the $."""
    return Text(text.plain.replace("$", "", 1), style=text.style)


def _figure_texts(figure: Figure) -> tuple[str, Text]:
    return fmt.usd(figure.value_usd), change(fmt.pct(figure.yoy_pct), figure.yoy_pct)


class Column(NamedTuple):
    """A table column; when the table is narrow, the columns with the highest `drop_order` go first; 0 stays
    (and so does the column sorted on: ReleaseTable._columns_that_fit)."""

    key: str
    label: str
    width: int
    drop_order: int
    cell: Callable[[Row, bool, tuple], Text]


def _pick(row: Row, ytd: bool, name: str):
    return getattr(row, f"ytd_{name}" if ytd else name)


COLUMNS = (
    Column("value", "value", 10, 0, lambda row, ytd, trend: Text(fmt.usd(_pick(row, ytd, "value_usd")))),
    Column("yoy", "YoY", 8, 0, lambda row, ytd, trend: change(fmt.pct(_pick(row, ytd, "yoy_pct")), _pick(row, ytd, "yoy_pct"))),
    Column("share", "share", 7, 2, lambda row, ytd, trend: Text(fmt.share(_pick(row, ytd, "share_pct")))),
    Column("share_change", "Δshare", 8, 3, lambda row, ytd, trend: change(fmt.pp(_pick(row, ytd, "share_change_pp")),
                                                                          _pick(row, ytd, "share_change_pp"))),
    # A cell of room after the sparkline, so the scrollbar's thumb beside it never reads as a thirteenth month.
    # Each row on its own scale from zero (spark_range), as the heading says.
    Column("trend", f"{TREND_MONTHS}m from 0", 14, 4, lambda row, ytd, trend: spark_text(trend, TREND_MONTHS) + " "),
)
NAME_MIN_WIDTH = 11

class Sort(NamedTuple):
    """An order of the tables' rows; `s` cycles through SORTS."""

    label: str
    column: str | None  # the column sorted on: it stays on screen however narrow the table
    field: str | None  # the Row field, largest first; None for the catalog's order


SORTS = (Sort("value", "value", "value_usd"), Sort("YoY", "yoy", "yoy_pct"),
         Sort("Δshare", "share_change", "share_change_pp"), Sort("catalog order", None, None))


def sort_rows(rows: tuple[Row, ...], sort: Sort, ytd: bool) -> list[Row]:
    if sort.field is None:
        return list(rows)
    known = [row for row in rows if _pick(row, ytd, sort.field) is not None]
    return (sorted(known, key=lambda row: -_pick(row, ytd, sort.field))
            + [row for row in rows if _pick(row, ytd, sort.field) is None])


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """A line-API view's new virtual size without a layout pass: a full one makes Textual repaint every scroll
    view's scrollbar a frame later. The scrollbars update here, and ask for a layout themselves only if one
    shows or hides."""
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)


class Heading(NamedTuple):
    key: str
    label: str
    width: int
    justify: str = "right"  # figures line up on their last digit; names are "left"


TABLE_MARGIN = 1  # a cell before the first column, in the row's colours


class FigureTable(ScrollView, can_focus=True):
    """A header over rows of cells, zebra-striped, with a row cursor; Enter or a click selects the row.

    One line-API widget in place of a DataTable, which builds a cell cache and lays out on every refill: here
    show() stores the rows and only the lines in view are formatted, when painted, so a refill costs one paint.
    The header stays put while the rows scroll under it."""

    COMPONENT_CLASSES = {"figure-table--header", "figure-table--even-row", "figure-table--cursor"}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First row", show=False),
        Binding("end", "move_to(-1)", "Last row", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    class Selected(Message):
        def __init__(self, table: "FigureTable", key: str):
            super().__init__()
            self.table, self.key = table, key

        @property
        def control(self) -> "FigureTable":
            return self.table

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.headings: tuple[Heading, ...] = ()
        self.rows: list[tuple[str, tuple[Text, ...]]] = []  # (key, cells)
        self.cursor_row = 0

    def show(self, headings: tuple[Heading, ...], rows: list[tuple[str, tuple[Text, ...]]],
             keep_cursor: bool = True) -> None:
        """New rows; the cursor stays on the row with the same key if asked and there is one, else goes to the
        top."""
        keys = [key for key, _cells in rows]
        selected = self.cursor_key if keep_cursor else None
        self.headings, self.rows = headings, rows
        self.cursor_row = keys.index(selected) if selected in keys else 0
        size = Size(TABLE_MARGIN + sum(heading.width for heading in headings), len(rows) + 1)
        if size.height != self.virtual_size.height and self.styles.height and self.styles.height.is_auto:
            self.virtual_size = size  # a layout pass: the table's height follows its rows
        elif size != self.virtual_size:
            set_scroll_size(self, size)
        self._cursor_into_view()
        self.refresh()

    @property
    def cursor_key(self) -> str | None:
        return self.rows[self.cursor_row][0] if 0 <= self.cursor_row < len(self.rows) else None

    def on_resize(self) -> None:
        self._cursor_into_view()

    def _move_cursor(self, row: int) -> None:
        row = max(0, min(len(self.rows) - 1, row))
        if row == self.cursor_row:
            return
        self.refresh_line(self.cursor_row + 1)  # the header is line 0
        self.cursor_row = row
        self.refresh_line(row + 1)
        self._cursor_into_view()

    def _cursor_into_view(self) -> None:
        in_view = self.scrollable_content_region.height - 1  # rows under the header
        if in_view <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + in_view:
            self.scroll_to(y=self.cursor_row - in_view + 1, animate=False)

    def action_move(self, step: int) -> None:
        self._move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        """As DataTable does: the view moves a page and the cursor with it."""
        in_view = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * in_view, animate=False)
        self._move_cursor(self.cursor_row + direction * in_view)

    def action_move_to(self, row: int) -> None:
        self._move_cursor(row % max(1, len(self.rows)))

    def action_select(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.Selected(self, self.cursor_key))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= 1 and offset.y - 1 + self.scroll_offset.y < len(self.rows):
            self._move_cursor(offset.y - 1 + self.scroll_offset.y)
            self.action_select()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._line([Text(heading.label) for heading in self.headings], base + self.get_component_rich_style(
                "figure-table--header"), Style(), width)
        row = y - 1 + self.scroll_offset.y
        if row >= len(self.rows):
            return Strip.blank(width, base)
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("figure-table--cursor")
            # As DataTable does: the cursor's colour wins over the cells' (green, red), so the row stays legible.
            return self._line(self.rows[row][1], base + cursor, Style(color=cursor.color), width)
        stripe = self.get_component_rich_style("figure-table--even-row") if row % 2 == 0 else Style()
        return self._line(self.rows[row][1], base + stripe, Style(), width)

    def _line(self, cells, style: Style, post_style: Style, width: int) -> Strip:
        aligned = [Text(" " * TABLE_MARGIN)]
        for cell, heading in zip(cells, self.headings):
            cell = cell.copy()
            cell.truncate(heading.width, overflow="ellipsis")  # by cells: wide characters count two
            cell.align(heading.justify, heading.width)
            aligned.append(cell)
        segments = Segment.apply_style(Text.assemble(*aligned, no_wrap=True).render(self.app.console), style, post_style)
        return Strip(segments).adjust_cell_length(width, style)


class ReleaseTable(FigureTable):
    """Items or partners of the month; columns drop out, least useful first, when the table is narrow."""

    def __init__(self, dimension: str, **kwargs):
        super().__init__(**kwargs)
        self.dimension = dimension
        self.rows_shown: list[Row] = []
        self.trends: dict[str, tuple] = {}
        self.ytd = False
        self.sort = SORTS[0]
        self._layout_width = -1

    def _columns_that_fit(self) -> tuple[int, tuple[Column, ...]]:
        # Room for the vertical scrollbar is kept whether or not it shows, so it never pushes a column out.
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        orders = {column.key: column.drop_order for column in COLUMNS}
        if orders.get(self.sort.column):  # the column sorted on stays; YoY makes way for it, last
            orders[self.sort.column], orders["yoy"] = 0, 1
        chosen = list(COLUMNS)
        for column in sorted(COLUMNS, key=lambda column: -orders[column.key]):
            if room - sum(c.width for c in chosen) >= NAME_MIN_WIDTH or orders[column.key] == 0:
                break
            chosen.remove(column)
        return max(NAME_MIN_WIDTH, room - sum(c.width for c in chosen)), tuple(chosen)

    def show_rows(self, rows: tuple[Row, ...], trends: dict[str, tuple], ytd: bool, sort: Sort,
                  keep_cursor: bool = True) -> None:
        self.rows_shown, self.trends, self.ytd, self.sort = sort_rows(rows, sort, ytd), trends, ytd, sort
        self._fill(keep_cursor)

    def render_line(self, y: int) -> Strip:
        if self.size.width != self._layout_width:
            # A new width, or shown before its first layout: fit the columns now, so that this paint has them
            # rather than the one after the Resize event.
            self._fill()
        return super().render_line(y)

    def _fill(self, keep_cursor: bool = True) -> None:
        self._layout_width = self.size.width
        name_width, columns = self._columns_that_fit()
        headings = (Heading("name", "name", name_width, "left"),
                    *(Heading(column.key, column.label, column.width) for column in columns))
        self.show(headings, [(row.code, (Text(row.name), *(column.cell(row, self.ytd, self.trends.get(row.code, ()))
                                                           for column in columns)))
                             for row in self.rows_shown], keep_cursor)


class KeyEntry(NamedTuple):
    key: str  # what a click presses
    shown: str  # the key or keys, as displayed
    label: str


class KeyBar(Widget):
    """The keys of the screen and the focused pane on one line, paired keys grouped (`[] Month`), the command
    palette on the right; a click presses the key. One widget: Textual's Footer builds one per key and
    rebuilds them whenever the keys change, which cost every screen change tens of milliseconds."""

    COMPONENT_CLASSES = {"key-bar--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def entries(self) -> tuple[list[KeyEntry], KeyEntry | None]:
        """The keys left to right, and the command palette's."""
        app, active = self.app, self.screen.active_bindings
        by_action: dict[str, Binding] = {}
        for _node, binding, _enabled, _tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, binding)
        entries = []
        for group, grouped in groupby(by_action.values(), key=lambda binding: binding.group):
            grouped = list(grouped)
            if group is not None and len(grouped) > 1:
                keys = ("" if group.compact else " ").join(app.get_key_display(binding) for binding in grouped)
                entries.append(KeyEntry(grouped[0].key, keys, group.description))
            else:
                entries += [KeyEntry(binding.key, app.get_key_display(binding), binding.description) for binding in grouped]
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        palette_entry = None if palette is None else KeyEntry(
            palette.binding.key, app.get_key_display(palette.binding), palette.binding.description)
        return entries, palette_entry

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        entries, palette = self.entries()
        line = Text.assemble(*(_key_cell(entry, key_style) for entry in entries))
        if palette is not None:
            right = _palette_cell(palette, key_style)
            gap = self.size.width - line.cell_len - right.cell_len
            if gap >= 1:
                line += Text(" " * gap) + right
        return line

    def on_click(self, event) -> None:
        entries, palette = self.entries()
        end = 0
        for entry in entries:
            end += _key_cell(entry).cell_len
            if event.x < end:
                self.app.simulate_key(entry.key)
                return
        if palette is not None and event.x >= self.size.width - _palette_cell(palette).cell_len:
            self.app.simulate_key(palette.key)


def _key_cell(entry: KeyEntry, key_style: str | Style = "") -> Text:
    return Text.assemble((f" {entry.shown}", key_style), f" {entry.label} ")


def _palette_cell(entry: KeyEntry, key_style: str | Style = "") -> Text:
    return Text.assemble(("▏", "dim"), (entry.shown, key_style), f" {entry.label}")


class TextPane(ScrollView, can_focus=True):
    """Lines of text, each wrapped to the pane's width; scrolled with the arrows or j / k.

    One line-API widget, not a scroll container around Statics: show() counts the wrapped lines (cheap) and sets
    the virtual size without a layout pass, so new text costs one paint, and only the lines in view are
    formatted, when painted."""

    BINDINGS = [Binding("j", "scroll_down", "Down", show=False), Binding("k", "scroll_up", "Up", show=False)]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lines: list[Text] = []
        self._rows: list[tuple[int, int]] = []  # per wrapped line: (line, part of it)
        self._wrap_width = -1
        self._wrapped_for = Size(-1, -1)  # the container size the rows were wrapped for
        self._strips: dict[int, list[Strip]] = {}  # line -> its wrapped parts, formatted when first painted
        self._strips_key: object = None

    def show(self, lines: list[Text]) -> None:
        self.lines = lines
        self._wrap()

    @property
    def plain(self) -> str:
        return "\n".join(line.plain for line in self.lines)

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        # As a VerticalScroll would: the full inner width, less the scrollbar when the lines do not fit.
        self._wrapped_for = self.container_size
        width, height = self.container_size
        scrollbar = self.styles.scrollbar_size_vertical
        rows = self._rows_at(width, limit=height if scrollbar else None)
        if rows is None:
            width -= scrollbar
            rows = self._rows_at(width)
        self._rows, self._wrap_width, self._strips = rows, width, {}
        virtual_size = Size(max(0, width), len(rows))
        if virtual_size != self.virtual_size:
            set_scroll_size(self, virtual_size)
        self.refresh()

    def _rows_at(self, width: int, limit: int | None = None) -> list[tuple[int, int]] | None:
        """The wrapped rows at this width; None as soon as there are more than `limit` (they will not fit)."""
        rows: list[tuple[int, int]] = []
        if width <= 0:
            return rows
        for index, line in enumerate(self.lines):
            rows += ((index, part) for part in range(len(divide_line(line.plain, width, fold=True)) + 1))
            if limit is not None and len(rows) > limit:
                return None
        return rows

    def render_line(self, y: int) -> Strip:
        if self._wrapped_for != self.container_size:
            # Shown before its first layout (a screen's first show_state): wrap now, so the first paint has
            # the text, rather than after the Resize event, a frame later.
            self._wrap()
        y += self.scroll_offset.y
        style = self.visual_style
        if self._strips_key != style:  # focus changes the colour
            self._strips, self._strips_key = {}, style
        if not 0 <= y < len(self._rows):
            return Strip.blank(self.scrollable_content_region.width, style.rich_style)
        index, part = self._rows[y]
        if index not in self._strips:
            content = Content.from_rich_text(self.lines[index])
            self._strips[index] = Visual.to_strips(self, content, self._wrap_width, None, style)
        return self._strips[index][part]


class NotablesPanel(TextPane):
    """The release's notable facts, most newsworthy first, then the breadth line."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.border_title = "Notable"
