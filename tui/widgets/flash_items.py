"""The flash month's items: each one's exports in the window and its YoY, as wide as its names and figures need
where the screen has room (the rest goes to the nowcast and the plot beside it)."""

from rich.cells import cell_len
from rich.text import Text

from core.base.fmt import TABLE_FORMS
from core.engine.model import FlashItem
from tui.widgets.column_fit import Cells, changes, fit, plain
from tui.widgets.figure_table import TABLE_MARGIN, FigureTable, Heading

BORDER = 2  # the table's left and right edges


class FlashItemsTable(FigureTable):
    """Names whole where the screen has room: the table asks for the width they and the figures need (its CSS
    bounds it), and fits its columns to the width it gets (column_fit)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.items: tuple[FlashItem, ...] = ()
        self.window = ""

    def show_items(self, items: tuple[FlashItem, ...], window: str) -> None:
        self.items, self.window = items, window
        _name, columns = fit(1 << 16, self._cells(), [])  # every column in its longest form
        names = max((cell_len(item.name) for item in items), default=0)
        figures = sum(heading.width for heading, _cells in columns)
        self.styles.width = BORDER + TABLE_MARGIN + names + figures + self.styles.scrollbar_size_vertical
        self.refit(False)

    def _cells(self) -> list[Cells]:
        items = self.items
        return [
            Cells("value", "value", 0, [plain(TABLE_FORMS["value_usd"](item.value_usd)) for item in items]),
            Cells("yoy", "YoY", 1, [changes(TABLE_FORMS["yoy_pct"](item.yoy_pct), item.yoy_pct) for item in items]),
        ]

    def refit(self, keep_cursor: bool = True) -> None:
        room = self.size.width - self.styles.scrollbar_size_vertical - TABLE_MARGIN
        name_width, columns = fit(room, self._cells(), [cell_len(item.name) for item in self.items])
        self.show(
            (Heading("name", f"days {self.window}", name_width, "left"), *(heading for heading, _ in columns)),
            [
                (item.code, (Text(item.name), *(cells[index] for _heading, cells in columns)))
                for index, item in enumerate(self.items)
            ],
            keep_cursor,
        )
