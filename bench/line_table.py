"""Prototype only (not used by the monitor): a line-API table, to price what ReleaseTable's DataTable costs.

It draws a header, zebra rows and a row cursor with DataTable's own component styles; Enter posts Selected.
`python bench/line_table.py` fills a ReleaseTable and this table with the same rows of a real release, then
times a refill plus a full render of each, cold (as after a period change).
"""

import asyncio
import statistics
import time

import common  # noqa: F401  (puts the repo on sys.path)

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable


class LineTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"datatable--header", "datatable--cursor", "datatable--even-row", "datatable--odd-row"}
    DEFAULT_CSS = DataTable.DEFAULT_CSS.replace("DataTable", "LineTable")
    BINDINGS = [Binding("up,k", "move(-1)", show=False), Binding("down,j", "move(1)", show=False),
                Binding("enter", "select", show=False)]
    cursor_row = reactive(0)

    class Selected(Message):
        def __init__(self, row: int):
            super().__init__()
            self.row = row

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.header: list[Text] = []
        self.widths: list[int] = []
        self.rows: list[list[Text]] = []
        self._lines: dict[int, Strip] = {}

    def show(self, header: list[Text], widths: list[int], rows: list[list[Text]]) -> None:
        self.header, self.widths, self.rows, self._lines = header, widths, rows, {}
        self.virtual_size = Size(sum(widths), len(rows) + 1)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor_row = max(0, min(len(self.rows) - 1, self.cursor_row + step))

    def watch_cursor_row(self) -> None:
        self._lines = {}
        self.refresh()

    def action_select(self) -> None:
        self.post_message(self.Selected(self.cursor_row))

    def _cells(self, cells: list[Text], style: Style) -> Strip:
        segments = []
        for text, width in zip(cells, self.widths):
            plain = text.plain
            if len(plain) > width:
                plain = plain[:width - 1] + "…"
            plain = plain.rjust(width) if text.justify == "right" else plain.ljust(width)
            cell_style = text.style
            segments.append(Segment(plain, style + Style.parse(cell_style) if cell_style else style))
        return Strip(segments, sum(self.widths))

    def render_line(self, y: int) -> Strip:
        if y == 0:
            return self._cells(self.header, self.get_component_rich_style("datatable--header"))
        row = y - 1 + self.scroll_offset.y
        if row not in self._lines:
            if row >= len(self.rows):
                return Strip.blank(self.size.width, self.rich_style)
            name = ("datatable--cursor" if row == self.cursor_row else
                    "datatable--odd-row" if row % 2 else "datatable--even-row")
            self._lines[row] = self._cells(self.rows[row], self.get_component_rich_style(name))
        return self._lines[row]


async def main() -> None:
    import os
    import tempfile

    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    from core.datadir import embedded_data_dir
    from core.refresh import load_settled
    from tui.widgets import COLUMNS, ReleaseTable, right_aligned, sort_rows

    snapshot = load_settled(embedded_data_dir())
    months = snapshot.months[-10:]

    class Bench(App):
        CSS = "ReleaseTable, LineTable { height: 16; width: 46; border: round gray; scrollbar-size-vertical: 1; }"

        def compose(self):
            yield ReleaseTable("item", id="items")
            yield LineTable(id="lines")

    app = Bench()
    times = {"ReleaseTable (DataTable)": [], "LineTable prototype": []}
    async with app.run_test(size=(80, 40)) as pilot:
        table, lines = app.query_one(ReleaseTable), app.query_one(LineTable)
        for step in range(40):
            release = snapshot.release(months[step % len(months)], "export")
            rows = sort_rows(release.items, 0, False)
            trends = {row.code: snapshot.history("item", row.code, months[step % len(months)], 12, "export").values
                      for row in rows}
            start = time.perf_counter()
            table.show(rows, trends, False)
            table._update_dimensions(table._new_rows)  # what DataTable does on idle, before the paint
            table._new_rows.clear()
            table._require_update_dimensions = False
            table.render_lines(Region(0, 0, table.size.width, table.size.height))
            middle = time.perf_counter()
            name_width, columns = table._columns_that_fit()
            cells = [[Text.assemble(" ", row.name)] + [right_aligned(column.cell(row, False, trends.get(row.code, ())))
                                                       for column in columns] for row in rows]
            lines.show([Text(" name")] + [Text(column.label, justify="right") for column in columns],
                       [name_width] + [column.width for column in columns], cells)
            lines.render_lines(Region(0, 0, lines.size.width, lines.size.height))
            end = time.perf_counter()
            if step >= 5:
                times["ReleaseTable (DataTable)"].append(middle - start)
                times["LineTable prototype"].append(end - middle)
            await pilot.pause()
    for label, values in times.items():
        print(f"{label:<28} fill + full render: median {statistics.median(values) * 1000:.2f} ms")


if __name__ == "__main__":
    asyncio.run(main())
