"""The line under the headline cards: the release's figures the cards have no room for."""

import math

from rich.text import Text

from core.base import fmt
from core.engine.model import Figure
from core.views.release_facts import ReleaseFacts
from tui.widgets.cells import change
from tui.widgets.flash_pane import flowed
from tui.widgets.painted_text import PaintedText

# Rows the line takes: a number fixed by the terminal's size, never by the month, so that stepping through months
# lays nothing out again and the tables stay put. At 80x24 three; below 24 rows one, so every pane keeps a row at
# 60x20; from 30 rows four. Wide terminals need fewer: LONG_LINE cells are about what a long month's line takes
# wrapped (264 cells at most in the shipped data, in English, plus what breaking between pieces leaves at line
# ends): three rows at 120 columns, two from 152. What does not fit gives way to "…" (the story and the brief have it):
# the list of items after a name, else the last pieces whole.
MAX_LINES, LOW_MAX_LINES, LOW_HEIGHT, TALL_MAX_LINES, TALL_HEIGHT, LONG_LINE = 3, 1, 24, 4, 30, 300


def rows(width: int, height: int) -> int:
    """The rows the line takes, `width` cells wide on a terminal `height` rows high."""
    most = TALL_MAX_LINES if height >= TALL_HEIGHT else MAX_LINES if height >= LOW_HEIGHT else LOW_MAX_LINES
    return min(most, math.ceil(LONG_LINE / max(1, width)))


class ReleaseFactsLine(PaintedText):
    """Working days against a year earlier, exports without semiconductors (the month and the year to date) and
    how many of the set's items rose, and which fell (or rose, the fewer): phrases that break between them, in the
    rows the terminal's size gives (rows)."""

    DEFAULT_CSS = """
    ReleaseFactsLine {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pieces: list[Text] = []
        self.listed = False  # the last piece is a list of items, which can be cut after a name
        self.laid_out: tuple[tuple[int, int], list[Text]] = ((-1, 0), [])  # the lines at a width, at most so many

    def show(self, facts: ReleaseFacts, ytd: bool) -> None:
        span = f" {facts.span}" if ytd else ""
        days = Text.assemble(
            f"Working days{span} ",
            (fmt.days(facts.working_days), "bold"),
            f" vs {fmt.days(facts.working_days_year_earlier)}",  # a year earlier, as the flash pane says it
        )
        figures = [(facts.exports_ex_label, facts.exports_ex)]
        if not ytd:
            figures.append((facts.ytd_exports_ex_label, facts.ytd_exports_ex))
        shown = [_figure(label, figure) for label, figure in figures if figure is not None]  # none before item data
        breadth = [Text(part, style="" if index else "bold") for index, part in enumerate(facts.breadth)]
        first, self.listed = not self.pieces, len(breadth) > 1  # the count, then the items that fell (or rose)
        self.pieces, self.laid_out = [days, *shown, *breadth], ((-1, 0), [])
        self.refresh(layout=first)  # the rows do not depend on the month: a layout pass only for the first

    def _lines(self, width: int) -> list[Text]:
        width = max(1, width)
        most = rows(width, self.app.size.height)
        if self.laid_out[0] != (width, most):
            pieces = self.pieces
            lines = self._flowed(pieces, width)
            if len(lines) > most and self.listed:
                lines = self._list_cut(width, most) or lines
            while len(lines) > most and len(pieces) > 1:
                pieces = pieces[:-1]
                lines = self._flowed([*pieces, Text("…")], width)
            self.laid_out = ((width, most), lines)
        return self.laid_out[1]

    def _list_cut(self, width: int, most: int) -> list[Text] | None:
        """The lines with the list of items (the last piece) cut after as many names as fit, then "…"; None if not
        one name fits."""
        *before, listed = self.pieces
        plain = listed.plain
        for end in sorted((index for index in range(len(plain)) if plain.startswith(", ", index)), reverse=True):
            lines = self._flowed([*before, Text.assemble(listed[:end], ", …")], width)
            if len(lines) <= most:
                return lines
        return None

    def _flowed(self, pieces: list[Text], width: int) -> list[Text]:
        return [part for line in flowed(pieces, width) for part in line.wrap(self.app.console, width)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return rows(width, self.app.size.height) if self.pieces else 0  # none before there are figures

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))


def _figure(label: str, figure: Figure) -> Text:
    value, growth = fmt.usd(figure.value_usd), change(fmt.pct(figure.yoy_pct), figure.yoy_pct)
    return Text.assemble(f"{label} ", (value, "bold"), " ", growth)
