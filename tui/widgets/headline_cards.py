"""The headline cards: exports, imports, balance, daily average and year to date, each with its sparkline; with `y`,
those of the year to date and the month's exports (core.views.cards)."""

from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from core.base import fmt
from core.base.subjects import CARD_LINES
from core.views.cards import Card
from core.views.main_view import MainView
from tui.widgets.cells import change, spark_scale, spark_text
from tui.widgets.painted_text import PaintedText


class CardFigure(NamedTuple):
    values: tuple[str, ...]  # the figure's forms, longest first (core.base.fmt): a card shows the longest that fits
    changes: tuple[Text, ...]  # its change on a year earlier, in its forms
    history: tuple[float | None, ...]  # for the sparkline
    change_in_usd: bool = False  # else in %
    yearly: bool = False  # the sparkline has a block a year, else a month
    begins: tuple[str, ...] = ()  # before its data begins, what it says in place of the figure (core.views.cards)

    def unitless(self, value: Text, change_line: Text) -> bool:
        """Whether an amount shows in its last form, which leaves its unit to the card's caption."""
        return (len(self.values) > 1 and value.plain == self.values[-1]) or (
            self.change_in_usd and len(self.changes) > 1 and change_line.plain == self.changes[-1].plain
        )


WAITING = CardFigure(("…",), (Text(""),), ())  # until the data has loaded
ROUND_BOX, HEAVY_BOX = "╭─╮│╰╯", "┏━┓┃┗┛"  # corners and sides, as Textual's round and heavy borders
UNIT = " $bn "  # the caption of a card whose figure shows in its shortest form, without its unit


class HeadlineCards(PaintedText, can_focus=True):
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
        self.figures = {line.code: WAITING for line in CARD_LINES}  # in the order shown, by the subject of each
        self.titles = {line.code: (line.short,) for line in CARD_LINES}  # the view's, longest first, once there is one

    def action_choose(self, step: int) -> None:
        self.selected = (self.selected + step) % len(CARD_LINES)

    def action_drill(self) -> None:
        self.post_message(self.Drill(list(self.figures)[self.selected]))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            edges = self._edges()
            self.selected = next(index for index in range(len(CARD_LINES)) if offset.x < edges[index + 1])
            self.action_drill()

    def show(self, view: MainView, ytd: bool) -> None:
        cards = view.cards(ytd)
        self.titles = {card.code: card.titles for card in cards}
        self.figures = {card.code: _card_figure(card) for card in cards}
        self.refresh()

    def _edges(self) -> list[int]:
        """Where each card starts, and the right edge: the width shared out as evenly as cells allow."""
        width = self.size.width
        return [width * index // len(CARD_LINES) for index in range(len(CARD_LINES) + 1)]

    def render(self) -> Text:
        edges = self._edges()
        rows: list[list[Text]] = [[] for _ in range(5)]
        for index, (code, figure) in enumerate(self.figures.items()):
            chosen = index == self.selected
            box = HEAVY_BOX if chosen and self.has_focus else ROUND_BOX
            border = self.get_component_rich_style("headline-cards--selected" if chosen else "headline-cards--border")
            title = self.get_component_rich_style(
                "headline-cards--selected-title" if chosen else "headline-cards--title"
            )
            width = edges[index + 1] - edges[index]
            inner = max(0, width - 4)  # a side and a cell of padding each side
            # The longest forms that fit, so that no figure is ever cut; "y/y" says what the second line is. A change in
            # dollars under the balance, an amount too, keeps it in a shorter form (+$10.7bn y/y) before dropping it.
            value = _longest([Text(form, style="bold") for form in figure.values], inner)
            labelled = figure.changes[:-1] if figure.change_in_usd else figure.changes[:1]  # forms with their unit
            change_line = _longest([*(form + " y/y" for form in labelled if form), *figure.changes], inner)
            if figure.begins:  # said once, over the figure's two lines, rather than n/a twice
                value, change_line = self._two_lines(figure.begins, inner)
            heading = _longest([Text(f" {form} ", style=title) for form in self.titles[code]], width - 3, last=True)
            rows[0].append(
                Text.assemble(
                    (box[0] + box[1], border), heading, (box[1] * max(0, width - 3 - heading.cell_len) + box[2], border)
                )
            )
            sparkline = spark_text(figure.history, inner)
            sparkline = Text(" " * (inner - sparkline.cell_len)) + sparkline  # the latest at the right
            for row, text in enumerate((value, change_line, sparkline), start=1):
                text = text.copy()
                text.truncate(inner, pad=True)
                rows[row].append(Text.assemble((box[3], border), " ", text, " ", (box[3], border)))
            # The sparkline's scale on the bottom edge, as a border subtitle, where it fits.
            scales = [f" {form} " for form in spark_scale(figure.history, inner, "y" if figure.yearly else "m")]
            if figure.unitless(value, change_line):
                scales = [UNIT]
            caption = next((form for form in scales if len(form) <= width - 4 and not figure.begins), "")
            rows[4].append(
                Text.assemble(
                    (box[4] + box[1] * max(0, width - 3 - len(caption)), border),
                    (caption, title),
                    (box[1] + box[5], border),
                )
            )
        return Text("\n").join(Text.assemble(*row, no_wrap=True) for row in rows)

    def _two_lines(self, forms: tuple[str, ...], width: int) -> tuple[Text, Text]:
        """The longest of `forms` that wraps into two lines of `width`, else the last one's first two lines."""
        wrapped = [Text(form, style="italic").wrap(self.app.console, max(1, width)) for form in forms]
        lines = next(
            (lines for lines in wrapped if len(lines) <= 2 and all(line.cell_len <= width for line in lines)),
            wrapped[-1],
        )
        return lines[0], lines[1] if len(lines) > 1 else Text("")


def _longest(forms: list[Text], width: int, last: bool = False) -> Text:
    """The first form that fits `width`; if even the last does not (below the screen's smallest size), none (blank),
    or with `last` the last cut to the width (a title, not a figure)."""
    fitting = next((form for form in forms if form.cell_len <= width), None)
    if fitting is None and last:
        fitting = forms[-1].copy()
        fitting.truncate(max(0, width))
    return fitting if fitting is not None else Text("")


def _card_figure(card: Card) -> CardFigure:
    """A signed line's (the balance's) value with its sign and its change in dollars; others' growth rate."""
    if card.signed:
        changes = tuple(change(form, card.change) for form in fmt.usd_forms(card.change, signed=True))
        values = fmt.usd_forms(card.value_usd, signed=True)
        return CardFigure(values, changes, card.history, True, card.yearly, card.begins)
    changes = tuple(change(form, card.change) for form in fmt.pct_forms(card.change))
    return CardFigure(fmt.usd_forms(card.value_usd), changes, card.history, False, card.yearly, card.begins)
