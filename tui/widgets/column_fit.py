"""The one rule that fits a table's columns of figures to its width (ReleaseTable, SplitTable): each cell comes in
its forms, longest first (core.base.fmt *_forms); a column takes the width of its longest cell in the form shown;
the columns least useful go first when the table is narrow, then the rest take shorter forms. A figure is never cut.
"""

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text

from tui.widgets.cells import change
from tui.widgets.figure_table import Heading

# The names' room: a column of drop order NAMES_BEFORE and up (the trend) stays only if every name shows whole, or
# all but the longest; of drop order 2 and up only if the names have NAME_WANTED_WIDTH (all but four of the 15
# items' names whole), YoY (1) only if NAME_MIN_WIDTH; below that the figures take shorter forms.
NAMES_BEFORE, NAME_WANTED_WIDTH, NAME_MIN_WIDTH = 5, 16, 11
COLUMN_GAP = 1  # a blank cell before each column of figures


class Cells(NamedTuple):
    """A column's cells, each in its forms, longest first. When the table is narrow, the columns with the highest
    `drop_order` go first, 1 last; 0 stays."""

    key: str
    label: str
    drop_order: int
    forms: list[tuple[Text, ...]]  # a row's cell in its forms
    least: tuple[int, ...] = ()  # by form, the cells' width whatever the rows (the widest of any month)


def fit(room: int, columns: list[Cells], names: list[int]) -> tuple[int, list[tuple[Heading, list[Text]]]]:
    """The name column's width, and the columns shown with their cells in the forms that fit in `room` cells beside
    names `names` cells wide.

    The figures take the width they need, no more, and the names the rest. The columns of drop order NAMES_BEFORE
    and up give way so that every name shows whole, or all but the longest; those of 2 and up, most droppable
    first, only so that the names have NAME_WANTED_WIDTH, else NAME_MIN_WIDTH; then the figures take shorter
    forms."""
    orders = {column.key: column.drop_order for column in columns}
    labels = {column.key: column.label for column in columns}
    forms = {column.key: column.forms for column in columns}
    floors = {column.key: column.least for column in columns}
    chosen = dict.fromkeys(forms, 0)  # the columns shown, and the form each shows
    widths: dict[tuple[str, int], int] = {}

    def width(key: str, form: int) -> int:
        if (key, form) not in widths:
            floor = floors[key][min(form, len(floors[key]) - 1) :][:1]  # as pick: the shortest past the last
            widths[key, form] = COLUMN_GAP + max(
                [cell_len(labels[key]), *floor, *(pick(cell, form).cell_len for cell in forms[key])]
            )
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
    longest = sorted(names, reverse=True)
    wanted = [(for_names, name) for name in longest[:2]] + [(optional, min([NAME_WANTED_WIDTH, *longest[:1]]))]
    dropped = next((found for keys, cells in wanted if (found := fewest(keys, cells)) is not None), None)
    least = min([NAME_MIN_WIDTH, *longest[:1]])  # short names (Korean ones) need no more than their own width
    if dropped is None:
        droppable = tuple(key for key in by_use if orders[key] >= 1)
        found = fewest(droppable, least)
        dropped = droppable if found is None else found
    for key in dropped:
        del chosen[key]
    for key in chosen:  # shorter forms, in the order shown, while the names have too little room
        while spare() < least and chosen[key] + 1 < max((len(cell) for cell in forms[key]), default=1):
            chosen[key] += 1
    return max(0, spare()), [
        (Heading(key, labels[key], width(key, form)), [pick(cell, form) for cell in forms[key]])
        for key, form in chosen.items()
    ]


def pick(cell: tuple[Text, ...], form: int) -> Text:
    """A cell's `form`, or its shortest if it has fewer (n/a has one)."""
    return cell[min(form, len(cell) - 1)]


def plain(forms: tuple[str, ...]) -> tuple[Text, ...]:
    return tuple(Text(form) for form in forms)


def changes(forms: tuple[str, ...], value: float | None) -> tuple[Text, ...]:
    """A change's forms, coloured as cells.change."""
    return tuple(change(form, value) for form in forms)
