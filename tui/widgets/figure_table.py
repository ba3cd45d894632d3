"""A table of figures that scrolls and opens a drilldown on Enter."""

from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.internals import set_scroll_size
from tui.widgets.cells import CURSOR_KEYS


class Heading(NamedTuple):
    key: str
    label: str
    width: int
    justify: str = "right"  # figures line up on their last digit; names are "left"


TABLE_MARGIN = 1  # a cell before the first column, in the row's colours


NOTICE_KEY = "\x00notice"  # the key of a notice's rows: no code of a data file (made printable) looks like it


class FigureTable(ScrollView, can_focus=True):
    """A header over rows of cells, zebra-striped, with a row cursor; Enter or a click selects the row.

    One line-API widget in place of a DataTable, which builds a cell cache and lays out on every refill: here
    show() stores the rows and only the lines in view are formatted, when painted, so a refill costs one paint.
    The header stays put while the rows scroll under it."""

    # As Textual's DataTable looks: header, zebra rows, a row cursor brighter when focused; a pane's border.
    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        max-height: 100%;
        background: $surface;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    FigureTable:focus {
        border: heavy $accent;
        background-tint: $foreground 5%;
    }
    FigureTable > .figure-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    FigureTable > .figure-table--even-row {
        background: $surface-lighten-1 50%;
    }
    FigureTable:dark > .figure-table--even-row {
        background: $surface-darken-1 40%;
    }
    FigureTable > .figure-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    FigureTable:focus > .figure-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES = {"figure-table--header", "figure-table--even-row", "figure-table--cursor"}
    BINDINGS = CURSOR_KEYS

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
        self.header_rows = 1  # the headings' line; none over a notice
        self._fitted_width = -1  # the width the rows were last shown at

    def show(
        self,
        headings: tuple[Heading, ...],
        rows: list[tuple[str, tuple[Text, ...]]],
        keep_cursor: bool = True,
        header: bool = True,
    ) -> None:
        """New rows, under the headings' line unless told; the cursor stays on the row with the same key if asked
        and there is one, else goes to the top."""
        self._fitted_width = self.size.width
        self.header_rows = int(header)
        keys = [key for key, _cells in rows]
        selected = self.cursor_key if keep_cursor else None
        self.headings, self.rows = headings, rows
        self.cursor_row = keys.index(selected) if selected in keys else 0
        size = Size(TABLE_MARGIN + sum(heading.width for heading in headings), len(rows) + self.header_rows)
        if size.height != self.virtual_size.height and self.styles.height and self.styles.height.is_auto:
            self.virtual_size = size  # a layout pass: the table's height follows its rows
        elif size != self.virtual_size:
            set_scroll_size(self, size)
        self._cursor_into_view()
        self.refresh()

    def refit(self, keep_cursor: bool = True) -> None:
        """The rows shown again fitted to the table's width: a table whose columns fit its width (column_fit) says
        how; render_line calls it on a new width."""

    def show_notice(self, forms: tuple[str, ...], can_go: bool) -> None:
        """One notice in place of rows of n/a, without headings: the longest of its `forms` that fits one line,
        with where Enter goes if there is room, else the shortest wrapped; Enter or a click on it selects NOTICE_KEY
        (the owner goes where it says)."""
        width = max(1, self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN)
        candidates = [*(f"{form}; Enter goes there" for form in forms if can_go), *forms]
        notice = next((form for form in candidates if cell_len(form) <= width), candidates[-1])
        lines = Text(notice, style="italic").wrap(self.app.console, width)
        self.show((Heading("notice", "", width, "left"),), [(NOTICE_KEY, (line,)) for line in lines], False, False)

    @property
    def cursor_key(self) -> str | None:
        return self.rows[self.cursor_row][0] if 0 <= self.cursor_row < len(self.rows) else None

    def on_resize(self) -> None:
        self._cursor_into_view()

    def _move_cursor(self, row: int) -> None:
        row = max(0, min(len(self.rows) - 1, row))
        if row == self.cursor_row:
            return
        self.refresh_line(self.cursor_row + self.header_rows)  # the header is line 0
        self.cursor_row = row
        self.refresh_line(row + self.header_rows)
        self._cursor_into_view()

    def _cursor_into_view(self) -> None:
        in_view = self.scrollable_content_region.height - self.header_rows  # rows under the header
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
        in_view = max(1, self.scrollable_content_region.height - self.header_rows)
        self.scroll_to(y=self.scroll_offset.y + direction * in_view, animate=False)
        self._move_cursor(self.cursor_row + direction * in_view)

    def action_move_to(self, row: int) -> None:
        self._move_cursor(row % max(1, len(self.rows)))

    def action_select(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.Selected(self, self.cursor_key))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        row = None if offset is None or offset.y < self.header_rows else offset.y - self.header_rows
        if row is not None and row + self.scroll_offset.y < len(self.rows):
            self._move_cursor(row + self.scroll_offset.y)
            self.action_select()

    def render_line(self, y: int) -> Strip:
        if self.size.width != self._fitted_width:
            # A new width, or shown before its first layout: fit the columns now, so that this paint has them
            # rather than the one after the Resize event.
            self._fitted_width = self.size.width
            self.refit()
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < self.header_rows:
            return self._line(
                [Text(heading.label) for heading in self.headings],
                base + self.get_component_rich_style("figure-table--header"),
                Style(),
                width,
            )
        row = y - self.header_rows + self.scroll_offset.y
        if row >= len(self.rows):
            return Strip.blank(width, base)
        key, cells = self.rows[row]
        # A notice under rows (rows left out, said in one line) spans the columns.
        headings = self.headings
        if key == NOTICE_KEY:
            headings = (Heading(key, "", sum(heading.width for heading in headings), "left"),)
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("figure-table--cursor")
            # As DataTable does: the cursor's colour wins over the cells' (green, red), so the row stays legible.
            return self._line(cells, base + cursor, Style(color=cursor.color), width, headings)
        stripe = self.get_component_rich_style("figure-table--even-row") if row % 2 == 0 else Style()
        return self._line(cells, base + stripe, Style(), width, headings)

    def _line(self, cells, style: Style, post_style: Style, width: int, headings: tuple[Heading, ...] = ()) -> Strip:
        aligned = [Text(" " * TABLE_MARGIN)]
        for cell, heading in zip(cells, headings or self.headings, strict=False):
            cell = cell.copy()
            cell.truncate(heading.width, overflow="ellipsis")  # by cells: wide characters count two
            cell.align(heading.justify, heading.width)
            aligned.append(cell)
        segments = Segment.apply_style(
            Text.assemble(*aligned, no_wrap=True).render(self.app.console), style, post_style
        )
        return Strip(segments).adjust_cell_length(width, style)
