"""A drilldown's splits: an item's exports by destination (and its parts'), or the items a partner has figures for.
Enter on a row opens that series (an item to one destination)."""

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from core.base import fmt
from core.base.catalog import WORLD
from tui.widgets.cells import FittedBorder, parts_dropped
from tui.widgets.column_fit import Cells, changes, fit, plain
from tui.widgets.figure_table import TABLE_MARGIN, FigureTable, Heading

if TYPE_CHECKING:
    from core.engine.destinations import Split, SplitRow


class SplitTable(FittedBorder, FigureTable):
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

    def show_splits(self, splits: "tuple[Split, ...]", keep_cursor: bool = False) -> None:
        """The first split's title and whole in the border; its rows, then each other split's under its title."""
        self.splits = splits
        first = splits[0] if splits else None
        if first is None:
            self.set_border((), ())
        else:  # the whole in a shorter form, then without its data's start, rather than a cut figure
            since = "" if first.since is None else f"data from {first.since}"
            values, yoys = fmt.usd_forms(first.value_usd)[:2], fmt.pct_forms(first.yoy_pct)
            wholes = [f"all {value} {change}" for value, change in zip(values, yoys, strict=False)]
            self.set_border(
                (first.heading, first.title), (*parts_dropped(wholes[0], since), *wholes[1:], f"all {values[-1]}")
            )
        self.refit(keep_cursor)

    def row_of(self, key: str) -> "SplitRow | None":
        split, _, row = key.partition(":")
        if not (split.isdigit() and row.isdigit()):
            return None
        return self.splits[int(split)].rows[int(row)]

    def refit(self, keep_cursor: bool = True) -> None:
        """The columns as the release's tables fit theirs (column_fit): the unit value gives way first, then the
        share, then YoY."""
        if not self.splits:
            self.show((), [])
            return
        rows = [row for split in self.splits for row in split.rows]
        cells = [
            Cells("value", "value", 0, [plain(fmt.usd_forms(row.value_usd)[:2]) for row in rows]),
            Cells("yoy", "YoY", 1, [changes(fmt.pct_forms(row.yoy_pct), row.yoy_pct) for row in rows]),
            Cells("share", "share", 2, [plain(fmt.share_forms(row.share_pct)) for row in rows]),
            Cells("unit", "$/kg", 3, [(Text(fmt.unit_value(row.usd_per_kg)),) for row in rows]),
        ]
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        name_width, columns = fit(room, cells, [cell_len(row.name) for row in rows])
        label = "destination" if self.splits[0].partner == WORLD else "item"
        lines: list[tuple[str, tuple[Text, ...]]] = []
        index = 0
        for number, split in enumerate(self.splits):
            if number:
                lines.append((f"title {number}", (Text(split.heading, style="bold"),)))
            for place in range(len(split.rows)):
                lines.append((f"{number}:{place}", (Text(rows[index].name), *(cells[index] for _, cells in columns))))
                index += 1
        self.show(
            (Heading("name", label, name_width, "left"), *(heading for heading, _ in columns)), lines, keep_cursor
        )
