"""A drilldown's splits: an item's exports by destination (and its parts'), or the items a partner has figures for.
Enter on a row opens that series (an item to one destination)."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.strip import Strip

from core.base import fmt
from core.base.catalog import WORLD
from tui.widgets.cells import change
from tui.widgets.figure_table import TABLE_MARGIN, FigureTable, Heading

if TYPE_CHECKING:
    from core.engine.destinations import Split, SplitRow

NAME_MIN_WIDTH = 12
# (key, label, width), dropped from the last when the table is narrow: the unit value first, then the share.
FIGURES = (("value", "value", 10), ("yoy", "YoY", 9), ("share", "share", 7), ("unit", "$/kg", 9))


class SplitTable(FigureTable):
    """The rows of one or more splits, each after the first under a title row; `row_of` a selected key is the
    split's row (None for a title row)."""

    DEFAULT_CSS = """
    SplitTable {
        max-height: 60%;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.splits: tuple[Split, ...] = ()
        self._layout_width = -1

    def show_splits(self, splits: "tuple[Split, ...]", keep_cursor: bool = False) -> None:
        """The first split's title and whole in the border; its rows, then each other split's under its title."""
        self.splits = splits
        first = splits[0] if splits else None
        self.border_title = None if first is None else Text(first.title[:1].upper() + first.title[1:])
        whole = None if first is None else f"all {fmt.usd(first.value_usd)} {fmt.pct(first.yoy_pct)}"
        since = None if first is None or first.since is None else f"data from {first.since}"
        self.border_subtitle = " · ".join(part for part in (whole, since) if part) or None
        self._fill(keep_cursor)

    def render_line(self, y: int) -> Strip:
        if self.size.width != self._layout_width:  # fit the columns to a new width in this paint (ReleaseTable)
            self._fill()
        return super().render_line(y)

    def row_of(self, key: str) -> "SplitRow | None":
        split, _, row = key.partition(":")
        if not (split.isdigit() and row.isdigit()):
            return None
        return self.splits[int(split)].rows[int(row)]

    def _fill(self, keep_cursor: bool = True) -> None:
        self._layout_width = self.size.width
        if not self.splits:
            self.show((), [])
            return
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        figures = list(FIGURES)
        while len(figures) > 2 and room - sum(width for _, _, width in figures) < NAME_MIN_WIDTH:
            figures.pop()
        name_width = max(NAME_MIN_WIDTH, room - sum(width for _, _, width in figures))
        label = "destination" if self.splits[0].partner == WORLD else "item"
        headings = (Heading("name", label, name_width, "left"), *(Heading(*figure) for figure in figures))
        rows: list[tuple[str, tuple[Text, ...]]] = []
        for number, split in enumerate(self.splits):
            if number:
                rows.append((f"title {number}", (Text(split.title[:1].upper() + split.title[1:], style="bold"),)))
            for index, row in enumerate(split.rows):
                cells = {
                    "value": Text(fmt.usd(row.value_usd)),
                    "yoy": change(fmt.pct(row.yoy_pct), row.yoy_pct),
                    "share": Text(fmt.share(row.share_pct)),
                    "unit": Text(fmt.unit_value(row.usd_per_kg)),
                }
                rows.append((f"{number}:{index}", (Text(row.name), *(cells[key] for key, _, _ in figures))))
        self.show(headings, rows, keep_cursor)
