"""The line under the headline cards: the release's figures the cards have no room for."""

from rich.text import Text
from textual.widget import Widget

from core.base import fmt
from core.engine.model import Figure
from core.views.release_facts import ReleaseFacts
from tui.widgets.cells import change
from tui.widgets.flash_pane import flowed

# Rows the line may take: at 80x24 all of it; narrower or lower, the last pieces give way to "…" (the story and the
# brief have them) rather than the tables' rows; below 24 rows, one line, so every pane keeps a row at 60x20; from
# 30 rows, a long list of the items that fell.
MAX_LINES, LOW_MAX_LINES, LOW_HEIGHT, TALL_MAX_LINES, TALL_HEIGHT = 3, 1, 24, 4, 30


class ReleaseFactsLine(Widget):
    """Working days against a year earlier, exports without semiconductors (the month and the year to date) and
    how many of the set's items rose, and which fell: phrases that break between them, in at most MAX_LINES."""

    DEFAULT_CSS = """
    ReleaseFactsLine {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pieces: list[Text] = []
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
        self.pieces, self.laid_out = [days, *shown, *breadth], ((-1, 0), [])
        # A layout pass only where the line count changes: a new month's figures mostly take the same lines.
        self.refresh(layout=not self.size.width or len(self._lines(self.content_size.width)) != self.size.height)

    def _lines(self, width: int) -> list[Text]:
        width = max(1, width)
        height = self.app.size.height
        most = TALL_MAX_LINES if height >= TALL_HEIGHT else MAX_LINES if height >= LOW_HEIGHT else LOW_MAX_LINES
        if self.laid_out[0] != (width, most):
            pieces = self.pieces
            lines = self._flowed(pieces, width)
            while len(lines) > most and len(pieces) > 1:
                pieces = pieces[:-1]
                lines = self._flowed([*pieces, Text("…")], width)
            self.laid_out = ((width, most), lines)
        return self.laid_out[1]

    def _flowed(self, pieces: list[Text], width: int) -> list[Text]:
        return [part for line in flowed(pieces, width) for part in line.wrap(self.app.console, width)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))


def _figure(label: str, figure: Figure) -> Text:
    value, growth = fmt.usd(figure.value_usd), change(fmt.pct(figure.yoy_pct), figure.yoy_pct)
    return Text.assemble(f"{label} ", (value, "bold"), " ", growth)
