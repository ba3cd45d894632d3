"""The release's item and partner tables, with a trend sparkline per row, and the partners' balances; their columns
and sorts."""

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from rich.text import Text
from textual.strip import Strip

from core.base import fmt
from core.engine.model import DetailGap, PartnerBalance, ReleaseRow
from core.views.main_view import TREND_MONTHS
from tui.widgets.cells import change, spark_text
from tui.widgets.figure_table import TABLE_MARGIN, FigureTable, Heading


class Column(NamedTuple):
    """A table column; when the table is narrow, the columns with the highest `drop_order` go first; 0 stays
    (and so does the column sorted on: ReleaseTable._columns_that_fit)."""

    key: str
    label: str
    width: int
    drop_order: int
    cell: Callable[[Any, bool, tuple], Text]  # of a ReleaseRow, or of a PartnerBalance (BALANCE_COLUMNS)


def _pick(row: ReleaseRow | PartnerBalance, ytd: bool, name: str):
    return getattr(row, f"ytd_{name}" if ytd else name)


COLUMNS = (
    Column("value", "value", 10, 0, lambda row, ytd, trend: Text(fmt.usd(_pick(row, ytd, "value_usd")))),
    Column(
        "yoy",
        "YoY",
        8,
        0,
        lambda row, ytd, trend: change(fmt.pct(_pick(row, ytd, "yoy_pct")), _pick(row, ytd, "yoy_pct")),
    ),
    Column("share", "share", 7, 2, lambda row, ytd, trend: Text(fmt.share(_pick(row, ytd, "share_pct")))),
    Column(
        "share_change",
        "Δshare",
        8,
        3,
        lambda row, ytd, trend: change(fmt.pp(_pick(row, ytd, "share_change_pp")), _pick(row, ytd, "share_change_pp")),
    ),
    # Percentage points of the flow's growth on a year earlier: the row's change over the total a year earlier.
    Column(
        "contribution",
        "contrib",
        8,
        1,
        lambda row, ytd, trend: change(fmt.pp(_pick(row, ytd, "contribution_pp")), _pick(row, ytd, "contribution_pp")),
    ),
    # A cell of room after the sparkline, so the scrollbar's thumb beside it never reads as a thirteenth month.
    # Each row on its own scale from zero (spark_range), as the heading says.
    Column("trend", f"{TREND_MONTHS}m from 0", 14, 4, lambda row, ytd, trend: spark_text(trend, TREND_MONTHS) + " "),
)
# The partners' trade in both flows (`b`): the balance stays, exports go first.
BALANCE_COLUMNS = (
    Column("exports", "exports", 10, 3, lambda row, ytd, trend: Text(fmt.usd(_pick(row, ytd, "exports_usd")))),
    Column("imports", "imports", 10, 2, lambda row, ytd, trend: Text(fmt.usd(_pick(row, ytd, "imports_usd")))),
    Column(
        "balance", "balance", 10, 0, lambda row, ytd, trend: Text(fmt.usd(_pick(row, ytd, "balance_usd"), signed=True))
    ),
    Column(
        "balance_change",
        "bal y/y",
        10,
        1,
        lambda row, ytd, trend: change(
            fmt.usd(_pick(row, ytd, "balance_change_usd"), signed=True), _pick(row, ytd, "balance_change_usd")
        ),
    ),
)
NAME_MIN_WIDTH = 11


class Sort(NamedTuple):
    """An order of the tables' rows; `s` cycles through SORTS."""

    label: str
    column: str | None  # the column sorted on: it stays on screen however narrow the table
    field: str | None  # the ReleaseRow field, largest first; None for the catalog's order


SORTS = (
    Sort("value", "value", "value_usd"),
    Sort("YoY", "yoy", "yoy_pct"),
    Sort("Δshare", "share_change", "share_change_pp"),
    Sort("catalog order", None, None),
)
# The same places in the cycle for the balances: the level, its change on a year earlier, then imports.
BALANCE_SORTS = (
    Sort("balance", "balance", "balance_usd"),
    Sort("bal y/y", "balance_change", "balance_change_usd"),
    Sort("imports", "imports", "imports_usd"),
    Sort("catalog order", None, None),
)


def sort_rows(rows: tuple[ReleaseRow | PartnerBalance, ...], sort: Sort, ytd: bool) -> list:
    field = sort.field
    if field is None:
        return list(rows)
    known = [row for row in rows if _pick(row, ytd, field) is not None]
    return sorted(known, key=lambda row: -_pick(row, ytd, field)) + [
        row for row in rows if _pick(row, ytd, field) is None
    ]


class ReleaseTable(FigureTable):
    """Items or partners of the month; columns drop out, least useful first, when the table is narrow."""

    DEFAULT_CSS = """
    ReleaseTable {
        height: 1fr;
    }
    """

    def __init__(self, dimension: str, **kwargs):
        super().__init__(**kwargs)
        self.dimension = dimension
        self.rows_shown: list = []  # ReleaseRows, or PartnerBalances in BALANCE_COLUMNS
        self.columns: tuple[Column, ...] = COLUMNS
        self.trends: Mapping[str, tuple[float | None, ...]] = {}
        self.ytd = False
        self.sort = SORTS[0]
        self.gap: DetailGap | None = None  # the month has no figures for this table: said in one notice
        self.subtitle = ""  # the border's, before the hint that columns are left out
        self.left_out = False  # columns the width has no room for
        self._layout_width = -1

    def _columns_that_fit(self) -> tuple[int, tuple[Column, ...]]:
        # Room for the vertical scrollbar is kept whether or not it shows, so it never pushes a column out.
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        orders: dict[str, float] = {column.key: column.drop_order for column in self.columns}
        sorted_on = self.sort.column
        if sorted_on is not None and orders[sorted_on]:  # the column sorted on stays; YoY makes way for it, last
            orders[sorted_on] = 0
            if "yoy" in orders:
                orders["yoy"] = 0.5  # after every other column
        chosen = list(self.columns)
        for column in sorted(self.columns, key=lambda column: -orders[column.key]):
            if room - sum(c.width for c in chosen) >= NAME_MIN_WIDTH or orders[column.key] == 0:
                break
            chosen.remove(column)
        return max(NAME_MIN_WIDTH, room - sum(c.width for c in chosen)), tuple(chosen)

    def show_rows(
        self,
        rows: tuple[ReleaseRow | PartnerBalance, ...],
        trends: Mapping[str, tuple[float | None, ...]],
        ytd: bool,
        sort: Sort,
        keep_cursor: bool = True,
        gap: DetailGap | None = None,
        columns: tuple[Column, ...] = COLUMNS,
    ) -> None:
        """Rows of a flow (COLUMNS), or the partners' balances (BALANCE_COLUMNS, sorted by one of BALANCE_SORTS)."""
        self.rows_shown, self.trends, self.ytd, self.sort = sort_rows(rows, sort, ytd), trends, ytd, sort
        self.columns = columns
        self.gap = gap if gap is not None and self.dimension in gap.tables else None
        self._fill(keep_cursor)

    def on_resize(self) -> None:  # FigureTable's handler runs too (Textual calls each class's)
        self._show_subtitle()  # a border changed while painting (render_line) is not painted until the next change

    def _show_subtitle(self) -> None:
        zoomed = self.is_mounted and self.screen.maximized is self  # zoomed in, nothing more can be shown
        self.border_subtitle = self.subtitle + (" · z: zoom" if self.left_out and not zoomed else "")

    def render_line(self, y: int) -> Strip:
        if self.size.width != self._layout_width:
            # A new width, or shown before its first layout: fit the columns now, so that this paint has them
            # rather than the one after the Resize event.
            self._fill()
        return super().render_line(y)

    def _fill(self, keep_cursor: bool = True) -> None:
        self._layout_width = self.size.width
        name_width, columns = self._columns_that_fit()
        self.left_out = self.gap is None and len(columns) < len(self.columns)
        self._show_subtitle()
        if self.gap is not None:
            self.show_notice(self.gap.text, self.gap.month is not None)
            return
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
