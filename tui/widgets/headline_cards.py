"""The headline cards: exports, imports, balance, daily average and year to date, each with its sparkline."""

from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from core.base import fmt
from core.base.subjects import CARD_LINES
from core.engine.model import Balance, Figure
from core.views.main_view import MainView
from tui.widgets.cells import change, spark_scale, spark_text


class CardFigure(NamedTuple):
    value: str
    change: Text  # on a year earlier
    history: tuple[float | None, ...]  # for the sparkline


WAITING = CardFigure("…", Text(""), ())  # until the data has loaded
ROUND_BOX, HEAVY_BOX = "╭─╮│╰╯", "┏━┓┃┗┛"  # corners and sides, as Textual's round and heavy borders


class HeadlineCards(Widget, can_focus=True):
    """The headline figures as a row of cards: a value, its change on a year earlier and a sparkline that fills
    the card. Left/right choose a card; Enter or a click drills into it.

    One widget drawing its five boxes: as five bordered widgets, the cards cost the first frame about 5 ms more."""

    # Round boxes, the chosen one in the accent colour, heavy while the row has focus.
    DEFAULT_CSS = """
    HeadlineCards {
        height: 5;
    }
    HeadlineCards > .headline-cards--border {
        color: $panel-lighten-2;
    }
    HeadlineCards > .headline-cards--title, HeadlineCards > .headline-cards--selected-title {
        color: $text-muted;
    }
    HeadlineCards > .headline-cards--selected {
        color: $accent 60%;
    }
    HeadlineCards:focus > .headline-cards--selected {
        color: $accent;
    }
    HeadlineCards:focus > .headline-cards--selected-title {
        color: $text;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {
        "headline-cards--border",
        "headline-cards--title",
        "headline-cards--selected",
        "headline-cards--selected-title",
    }
    BINDINGS = [
        Binding("left,h", "choose(-1)", "Previous card", show=False),
        Binding("right,l", "choose(1)", "Next card", show=False),
        Binding("enter", "drill", "Drill down", show=False),
    ]
    selected = reactive(0)

    class Drill(Message):
        def __init__(self, subject: str):
            super().__init__()
            self.subject = subject

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.figures = {line.code: WAITING for line in CARD_LINES}
        self.titles = {line.code: line.short for line in CARD_LINES}  # the view's, in its language, once there is one

    def action_choose(self, step: int) -> None:
        self.selected = (self.selected + step) % len(CARD_LINES)

    def action_drill(self) -> None:
        self.post_message(self.Drill(CARD_LINES[self.selected].code))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            edges = self._edges()
            self.selected = next(index for index in range(len(CARD_LINES)) if offset.x < edges[index + 1])
            self.action_drill()

    def show(self, view: MainView) -> None:
        headline = view.release.headline
        self.titles = dict(view.card_titles)
        self.figures = {
            line.code: CardFigure(*_figure_texts(getattr(headline, line.code)), view.card_histories[line.code])
            for line in CARD_LINES
        }
        self.refresh()

    def _edges(self) -> list[int]:
        """Where each card starts, and the right edge: the width shared out as evenly as cells allow."""
        width = self.size.width
        return [width * index // len(CARD_LINES) for index in range(len(CARD_LINES) + 1)]

    def render(self) -> Text:
        edges = self._edges()
        rows: list[list[Text]] = [[] for _ in range(5)]
        for index, line in enumerate(CARD_LINES):
            chosen = index == self.selected
            box = HEAVY_BOX if chosen and self.has_focus else ROUND_BOX
            border = self.get_component_rich_style("headline-cards--selected" if chosen else "headline-cards--border")
            title = self.get_component_rich_style(
                "headline-cards--selected-title" if chosen else "headline-cards--title"
            )
            width = edges[index + 1] - edges[index]
            inner = max(0, width - 4)  # a side and a cell of padding each side
            figure = self.figures[line.code]
            change_line = next(
                (
                    text
                    for text in (figure.change + " y/y", _without_dollar(figure.change) + " y/y")
                    if text.cell_len <= inner
                ),
                figure.change,
            )
            heading = Text(f" {self.titles[line.code]} ", style=title)
            heading.truncate(max(0, width - 3))
            rows[0].append(
                Text.assemble(
                    (box[0] + box[1], border), heading, (box[1] * max(0, width - 3 - heading.cell_len) + box[2], border)
                )
            )
            sparkline = spark_text(figure.history, inner)
            sparkline = Text(" " * (inner - sparkline.cell_len)) + sparkline  # the latest at the right
            for row, text in enumerate((Text(figure.value, style="bold"), change_line, sparkline), start=1):
                text = text.copy()
                text.truncate(inner, pad=True)
                rows[row].append(Text.assemble((box[3], border), " ", text, " ", (box[3], border)))
            # The sparkline's scale on the bottom edge, as a border subtitle, where it fits.
            caption = f" {spark_scale(figure.history, inner, 'y' if line.year_to_date else 'm')} "
            caption = caption if figure.history and len(caption) <= width - 4 else ""
            rows[4].append(
                Text.assemble(
                    (box[4] + box[1] * max(0, width - 3 - len(caption)), border),
                    (caption, title),
                    (box[1] + box[5], border),
                )
            )
        return Text("\n").join(Text.assemble(*row, no_wrap=True) for row in rows)


def _without_dollar(text: Text) -> Text:
    """+23.88bn: a change in dollars, one cell shorter for a narrow card; its card's figure above has the $."""
    return Text(text.plain.replace("$", "", 1), style=text.style)


def _figure_texts(figure: Figure | Balance) -> tuple[str, Text]:
    """A signed line's (the balance's) value with its sign and its change in dollars; others' growth rate."""
    if isinstance(figure, Balance):
        return fmt.usd(figure.value_usd, signed=True), change(
            fmt.usd(figure.change_usd, signed=True), figure.change_usd
        )
    return fmt.usd(figure.value_usd), change(fmt.pct(figure.yoy_pct), figure.yoy_pct)
