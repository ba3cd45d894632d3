"""The release's item and partner tables, with a trend sparkline per row."""

from rich.text import Text
from textual.strip import Strip

from core.engine.model import ReleaseRow
from tui.widgets.figure_table import (
    COLUMNS,
    NAME_MIN_WIDTH,
    SORTS,
    TABLE_MARGIN,
    Column,
    FigureTable,
    Heading,
    Sort,
    sort_rows,
)


class ReleaseTable(FigureTable):
    """Items or partners of the month; columns drop out, least useful first, when the table is narrow."""

    def __init__(self, dimension: str, **kwargs):
        super().__init__(**kwargs)
        self.dimension = dimension
        self.rows_shown: list[ReleaseRow] = []
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

    def show_rows(
        self, rows: tuple[ReleaseRow, ...], trends: dict[str, tuple], ytd: bool, sort: Sort, keep_cursor: bool = True
    ) -> None:
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
        headings = (
            Heading("name", "name", name_width, "left"),
            *(Heading(column.key, column.label, column.width) for column in columns),
        )
        self.show(
            headings,
            [
                (
                    row.code,
                    (
                        Text(row.name),
                        *(column.cell(row, self.ytd, self.trends.get(row.code, ())) for column in columns),
                    ),
                )
                for row in self.rows_shown
            ],
            keep_cursor,
        )
