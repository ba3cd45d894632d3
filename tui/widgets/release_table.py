"""The release's item and partner tables, with a trend sparkline per row, and the partners' balances; their columns
and sorts."""

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Text

from core.base.fmt import TABLE_FORMS
from core.engine.model import DetailGap, LaterRows, PartnerBalance, ReleaseRow
from core.views.main_view import TREND_MONTHS
from tui.widgets.cells import FittedBorder, parts_dropped, spark_text
from tui.widgets.column_fit import Cells, changes, fit, plain
from tui.widgets.figure_table import NOTICE_KEY, TABLE_MARGIN, FigureTable, Heading


class Column(NamedTuple):
    """A table column, its cells in their forms, longest first (core.base.fmt): the column takes the width of the
    longest form that fits, and no less than the widest figure of its `field` in any month has in that form
    (core.views.table_widths), so that it keeps its width from month to month. When the table is narrow, the
    columns with the highest `drop_order` go first, 1 last (column_fit); 0 stays, and so does the column sorted on."""

    key: str
    label: str
    drop_order: int
    cell: Callable[[Any, bool, tuple], tuple[Text, ...]]  # of a ReleaseRow, or a PartnerBalance (BALANCE_COLUMNS)
    field: str | None = None  # the row's figure it shows (ytd_ and this, in the year to date); None: the trend


def _pick(row: ReleaseRow | PartnerBalance, ytd: bool, name: str):
    return getattr(row, f"ytd_{name}" if ytd else name)


def _figure(key: str, label: str, drop_order: int, field: str, coloured: bool = False) -> Column:
    """A column of a row's figure `field`, in its forms (TABLE_FORMS); `coloured`: a change, green up, red down."""

    def cell(row: ReleaseRow | PartnerBalance, ytd: bool, trend: tuple) -> tuple[Text, ...]:
        value = _pick(row, ytd, field)
        texts = TABLE_FORMS[field](value)
        return changes(texts, value) if coloured else plain(texts)

    return Column(key, label, drop_order, cell, field)


COLUMNS = (
    _figure("value", "value", 0, "value_usd"),
    _figure("yoy", "YoY", 1, "yoy_pct", coloured=True),
    _figure("share", "share", 2, "share_pct"),
    _figure("share_change", "Δshare", 4, "share_change_pp", coloured=True),
    # Percentage points of the flow's growth on a year earlier: the row's change over the total a year earlier.
    _figure("contribution", "contrib", 3, "contribution_pp", coloured=True),
    # A cell of room after the sparkline, so the scrollbar's thumb beside it never reads as a thirteenth month.
    # Each row on its own scale from zero (spark_range), as the heading says.
    Column("trend", f"{TREND_MONTHS}m from 0", 5, lambda row, ytd, trend: (spark_text(trend, TREND_MONTHS) + " ",)),
)
# The partners' trade in both flows (`b`): the balance stays, exports go first.
BALANCE_COLUMNS = (
    _figure("exports", "exports", 3, "exports_usd"),
    _figure("imports", "imports", 2, "imports_usd"),
    _figure("balance", "balance", 0, "balance_usd"),
    _figure("balance_change", "bal y/y", 1, "balance_change_usd", coloured=True),
)


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


class ReleaseTable(FittedBorder, FigureTable):
    """Items or partners of the month; columns give way, least useful first, when the table is narrow
    (_layout)."""

    # The scrollbar's column always, whether or not the rows fit: a scrollbar that shows or hides when the table's
    # height changes (the preliminary strip on and off the latest release) costs Textual a second layout pass.
    DEFAULT_CSS = """
    ReleaseTable {
        height: 1fr;
        overflow-y: scroll;
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
        self.later: LaterRows | None = None  # rows whose data begins after the month: left out, said under the rest
        self.subtitle: tuple[str, ...] = ()  # the border's parts, before the hint that columns are left out
        self.widest: Mapping[str, tuple[int, ...]] = {}  # by field: its widest figure of any month, in each form
        self.left_out = False  # columns the width has no room for

    def _layout(self) -> tuple[int, list[tuple[Heading, list[Text]]]]:
        """The name column's width, and the columns shown with their cells in the forms that fit (column_fit)."""
        # Room for the vertical scrollbar is kept whether or not it shows, so it never pushes a column out.
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        orders = {column.key: column.drop_order for column in self.columns}
        sorted_on = self.sort.column
        if sorted_on is not None and orders[sorted_on]:  # the column sorted on stays; YoY makes way for it, last
            orders[sorted_on] = 0
            if "yoy" in orders:
                orders["yoy"] = 1
        prefix = "ytd_" if self.ytd else ""
        cells = [
            Cells(
                column.key,
                column.label,
                orders[column.key],
                [column.cell(row, self.ytd, self.trends.get(row.code, ())) for row in self.rows_shown],
                self.widest.get(prefix + column.field, ()) if column.field else (),
            )
            for column in self.columns
        ]
        return fit(room, cells, [cell_len(row.name) for row in self.rows_shown])

    def show_rows(
        self,
        rows: tuple[ReleaseRow | PartnerBalance, ...],
        trends: Mapping[str, tuple[float | None, ...]],
        ytd: bool,
        sort: Sort,
        keep_cursor: bool = True,
        gap: DetailGap | None = None,
        columns: tuple[Column, ...] = COLUMNS,
        later: LaterRows | None = None,
        widest: Mapping[str, tuple[int, ...]] | None = None,
    ) -> None:
        """Rows of a flow (COLUMNS), or the partners' balances (BALANCE_COLUMNS, sorted by one of BALANCE_SORTS);
        those in `later` left out, and said in one line under the rest; `widest`: the columns' widest figures of any
        month (core.views.table_widths), their least widths."""
        if later is not None:
            rows = tuple(row for row in rows if row.code not in later.codes)
        self.rows_shown, self.trends, self.ytd, self.sort = sort_rows(rows, sort, ytd), trends, ytd, sort
        self.columns, self.later, self.widest = columns, later, widest or {}
        self.gap = gap if gap is not None and self.dimension in gap.tables else None
        self.refit(keep_cursor)

    @property
    def notice_month(self) -> int | None:
        """Where Enter on the table's notice goes: the nearest month with figures, or where the rows left out begin."""
        if self.gap is not None:
            return self.gap.month
        return None if self.later is None else self.later.month

    def on_resize(self) -> None:  # FigureTable's handler runs too (Textual calls each class's)
        self._show_subtitle()  # a border changed while painting (render_line) is not painted until the next change

    def _show_subtitle(self) -> None:
        zoomed = self.is_mounted and self.screen.maximized is self  # zoomed in, nothing more can be shown
        self.set_border(subtitle=parts_dropped(*self.subtitle, "z: zoom" if self.left_out and not zoomed else ""))

    def refit(self, keep_cursor: bool = True) -> None:
        name_width, columns = self._layout()
        self.left_out = self.gap is None and len(columns) < len(self.columns)
        self._show_subtitle()
        if self.gap is not None:
            self.show_notice((self.gap.text, *self.gap.shorter), self.gap.month is not None)
            return
        headings = (Heading("name", "name", name_width, "left"), *(heading for heading, _cells in columns))
        rows = [
            (row.code, (Text(row.name), *(cells[index] for _heading, cells in columns)))
            for index, row in enumerate(self.rows_shown)
        ]
        if self.later is not None:
            width = sum(heading.width for heading in headings)
            texts = self.later.texts
            rows.append(
                (NOTICE_KEY, (Text(next((text for text in texts if len(text) <= width), texts[-1]), "italic"),))
            )
        self.show(headings, rows, keep_cursor)
