"""The release's item and partner tables, with a trend sparkline per row, and the partners' balances; their columns
and sorts."""

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.strip import Strip

from core.base import fmt
from core.engine.model import DetailGap, PartnerBalance, ReleaseRow
from core.views.main_view import TREND_MONTHS
from tui.widgets.cells import change, spark_text
from tui.widgets.figure_table import TABLE_MARGIN, FigureTable, Heading


class Column(NamedTuple):
    """A table column, its cells in their forms, longest first (core.base.fmt): the column takes the width of the
    longest form that fits. When the table is narrow, the columns with the highest `drop_order` go first, 1 last
    (ReleaseTable._layout); 0 stays, and so does the column sorted on."""

    key: str
    label: str
    drop_order: int
    cell: Callable[[Any, bool, tuple], tuple[Text, ...]]  # of a ReleaseRow, or a PartnerBalance (BALANCE_COLUMNS)


def _pick(row: ReleaseRow | PartnerBalance, ytd: bool, name: str):
    return getattr(row, f"ytd_{name}" if ytd else name)


def _changes(forms: tuple[str, ...], value: float | None) -> tuple[Text, ...]:
    return tuple(change(form, value) for form in forms)


def _plain(forms: tuple[str, ...]) -> tuple[Text, ...]:
    return tuple(Text(form) for form in forms)


COLUMNS = (
    # The forms that keep their unit ($20.54bn, $20.5bn): a table's rows mix $bn and $mn.
    Column("value", "value", 0, lambda row, ytd, trend: _plain(fmt.usd_forms(_pick(row, ytd, "value_usd"))[:2])),
    Column(
        "yoy",
        "YoY",
        1,
        lambda row, ytd, trend: _changes(fmt.pct_forms(_pick(row, ytd, "yoy_pct")), _pick(row, ytd, "yoy_pct")),
    ),
    Column("share", "share", 2, lambda row, ytd, trend: _plain(fmt.share_forms(_pick(row, ytd, "share_pct")))),
    Column(
        "share_change",
        "Δshare",
        4,
        lambda row, ytd, trend: _changes(
            fmt.pp_forms(_pick(row, ytd, "share_change_pp")), _pick(row, ytd, "share_change_pp")
        ),
    ),
    # Percentage points of the flow's growth on a year earlier: the row's change over the total a year earlier.
    Column(
        "contribution",
        "contrib",
        3,
        lambda row, ytd, trend: _changes(
            fmt.pp_forms(_pick(row, ytd, "contribution_pp")), _pick(row, ytd, "contribution_pp")
        ),
    ),
    # A cell of room after the sparkline, so the scrollbar's thumb beside it never reads as a thirteenth month.
    # Each row on its own scale from zero (spark_range), as the heading says.
    Column("trend", f"{TREND_MONTHS}m from 0", 5, lambda row, ytd, trend: (spark_text(trend, TREND_MONTHS) + " ",)),
)
# The partners' trade in both flows (`b`): the balance stays, exports go first.
BALANCE_COLUMNS = (
    Column("exports", "exports", 3, lambda row, ytd, trend: _plain(fmt.usd_forms(_pick(row, ytd, "exports_usd"))[:2])),
    Column("imports", "imports", 2, lambda row, ytd, trend: _plain(fmt.usd_forms(_pick(row, ytd, "imports_usd"))[:2])),
    Column(
        "balance",
        "balance",
        0,
        lambda row, ytd, trend: _plain(fmt.usd_forms(_pick(row, ytd, "balance_usd"), signed=True)[:2]),
    ),
    Column(
        "balance_change",
        "bal y/y",
        1,
        lambda row, ytd, trend: _changes(
            fmt.usd_forms(_pick(row, ytd, "balance_change_usd"), signed=True)[:2], _pick(row, ytd, "balance_change_usd")
        ),
    ),
)
# The names' room: the trend (drop order NAMES_BEFORE and up) stays only if every name shows whole; the release's
# figures of drop order 2 and up only if the names have NAME_WANTED_WIDTH (all but four of the 15 items' names
# whole), YoY only if NAME_MIN_WIDTH; below that the figures take shorter forms.
NAMES_BEFORE, NAME_WANTED_WIDTH, NAME_MIN_WIDTH = 5, 16, 11
COLUMN_GAP = 1  # a blank cell before each column of figures


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
        self.subtitle = ""  # the border's, before the hint that columns are left out
        self.left_out = False  # columns the width has no room for
        self._layout_width = -1

    def _layout(self) -> tuple[int, list[tuple[Heading, list[Text]]]]:
        """The name column's width, and the columns shown with their cells in the forms that fit.

        The figures take the width they need, no more, and the names the rest. The trend gives way so that every name
        shows whole, or all but the longest; the release's figures, least useful first, only so that the names have
        NAME_WANTED_WIDTH, else NAME_MIN_WIDTH; then the figures take shorter forms. A figure is never cut."""
        # Room for the vertical scrollbar is kept whether or not it shows, so it never pushes a column out.
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        orders = {column.key: column.drop_order for column in self.columns}
        sorted_on = self.sort.column
        if sorted_on is not None and orders[sorted_on]:  # the column sorted on stays; YoY makes way for it, last
            orders[sorted_on] = 0
            if "yoy" in orders:
                orders["yoy"] = 1
        labels = {column.key: column.label for column in self.columns}
        forms = {
            column.key: [column.cell(row, self.ytd, self.trends.get(row.code, ())) for row in self.rows_shown]
            for column in self.columns
        }
        chosen = dict.fromkeys(forms, 0)  # the columns shown, and the form each shows
        widths: dict[tuple[str, int], int] = {}

        def width(key: str, form: int) -> int:
            if (key, form) not in widths:
                widths[key, form] = _width(labels[key], forms[key], form)
            return widths[key, form]

        def spare(without: tuple[str, ...] = ()) -> int:
            return room - sum(width(key, form) for key, form in chosen.items() if key not in without)

        def fewest(droppable: tuple[str, ...], wanted: int) -> tuple[str, ...] | None:
            """The fewest of `droppable`, first first, whose going leaves the names `wanted` cells."""
            return next(
                (droppable[:count] for count in range(len(droppable) + 1) if spare(droppable[:count]) >= wanted), None
            )

        by_use = sorted(chosen, key=lambda key: -orders[key])
        for_names = tuple(key for key in by_use if orders[key] >= NAMES_BEFORE)
        optional = tuple(key for key in by_use if orders[key] >= 2)
        names = sorted((cell_len(row.name) for row in self.rows_shown), reverse=True)
        wanted = [(for_names, name) for name in names[:2]] + [(optional, min([NAME_WANTED_WIDTH, *names[:1]]))]
        dropped = next((found for keys, cells in wanted if (found := fewest(keys, cells)) is not None), None)
        if dropped is None:
            droppable = tuple(key for key in by_use if orders[key] >= 1)
            found = fewest(droppable, NAME_MIN_WIDTH)
            dropped = droppable if found is None else found
        for key in dropped:
            del chosen[key]
        for key in chosen:  # shorter forms, in the order shown, while the names have too little room
            while spare() < NAME_MIN_WIDTH and chosen[key] + 1 < max((len(cell) for cell in forms[key]), default=1):
                chosen[key] += 1
        return max(0, spare()), [
            (Heading(key, labels[key], width(key, form)), [_form(cell, form) for cell in forms[key]])
            for key, form in chosen.items()
        ]

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
        name_width, columns = self._layout()
        self.left_out = self.gap is None and len(columns) < len(self.columns)
        self._show_subtitle()
        if self.gap is not None:
            self.show_notice(self.gap.text, self.gap.month is not None)
            return
        self.show(
            (Heading("name", "name", name_width, "left"), *(heading for heading, _cells in columns)),
            [
                (row.code, (Text(row.name), *(cells[index] for _heading, cells in columns)))
                for index, row in enumerate(self.rows_shown)
            ],
            keep_cursor,
        )


def _form(cell: tuple[Text, ...], form: int) -> Text:
    """A cell's `form`, or its shortest if it has fewer (n/a has one)."""
    return cell[min(form, len(cell) - 1)]


def _width(label: str, cells: list[tuple[Text, ...]], form: int) -> int:
    return COLUMN_GAP + max([cell_len(label), *(_form(cell, form).cell_len for cell in cells)])
