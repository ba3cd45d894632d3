"""Pieces of a cell: sparklines, signed changes in colour, titles; shared by the widgets."""

from typing import cast

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def spark_range(values: tuple[float | None, ...]) -> tuple[float, float]:
    """A sparkline's scale: from zero (or its lowest value, if below zero) to its highest. A block's height is then
    the value's size, so a series that moves under ±2% draws flat and a boom looks like one."""
    present = [value for value in values if value is not None]
    return min([0.0, *present]), max([0.0, *present])


def spark_block(value: float, low: float, high: float) -> str:
    return SPARK_BLOCKS[round((value - low) / (high - low) * (len(SPARK_BLOCKS) - 1)) if high > low else 0]


def spark(values: tuple[float | None, ...], width: int) -> str:
    """A block sparkline of the last `width` values, one block each (a blank where a value is missing), on its own
    scale (spark_range)."""
    shown = values[-width:] if width > 0 else ()
    low, high = spark_range(shown)
    return "".join(" " if value is None else spark_block(value, low, high) for value in shown)


def spark_text(values: tuple[float | None, ...], width: int) -> Text:
    """A sparkline whose last block, the month shown, stands out."""
    line = spark(values, width)
    return Text.assemble((line[:-1], "cyan"), (line[-1:], MONTH_SHOWN_STYLE))


def spark_scale(values: tuple[float | None, ...], width: int, unit: str) -> tuple[str, ...]:
    """What a sparkline shows, for its caption, longest first: its span, from its first value to its last (blanks
    before a series' data begins are not part of it), in blocks of `unit`, and where its scale starts; else the
    span alone. None for a sparkline without a value."""
    shown = values[-width:] if width > 0 else ()
    first = next((index for index, value in enumerate(shown) if value is not None), None)
    if first is None:
        return ()
    span = f"{len(shown) - first}{unit}"
    low, high = spark_range(shown)
    return (f"{span} from 0" if low >= 0 else f"{span}, 0 at {spark_block(0.0, low, high)}", span)


# Exact xterm-256 colours, light enough to stay legible when NO_COLOR turns them grey.
UP_STYLE, DOWN_STYLE = "#5fd75f", "#ff5f5f"
MONTH_SHOWN_STYLE = "#ffd75f"  # the month on screen, in sparklines and plots


def change_style(text: str, value: float | None) -> str:
    """No colour for a change written without a sign (0.0%: fmt.reads_zero)."""
    if value is None or text[:1] not in "+-":
        return ""
    return UP_STYLE if value > 0 else DOWN_STYLE


def change(text: str, value: float | None) -> Text:
    """A change written with its sign (readable without colour), green up, red down."""
    return Text(text, style=change_style(text, value))


def titled(title: str, body: Text) -> Text:
    """A bold title line over a body, the body keeping its own style."""
    return Text.assemble((title, "bold"), "\n", body)


# Moving a cursor through rows, as the tables and the story answer to it (not in the key bar: the help lists them).
CURSOR_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("up,k", "move(-1)", "Up", show=False),
    Binding("down,j", "move(1)", "Down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("home,g", "move_to(0)", "First", show=False),
    Binding("end,G", "move_to(-1)", "Last", show=False),
    Binding("enter", "select", "Open", show=False),
]


# A border's corners, and a rule and a blank each side of its text (Textual's render_border_label).
BORDER_SPARE = 6


def parts_dropped(*parts: str) -> tuple[str, ...]:
    """A border text of parts ("month · by value · z: zoom"), then with its last parts dropped one by one."""
    shown = [part for part in parts if part]
    return tuple(" · ".join(shown[:count]) for count in range(len(shown), 0, -1))


class FittedBorder:
    """A pane whose border texts are given as forms, longest first, and fitted to its width when given and on each
    resize: the first form that fits, so that a figure is never cut (Textual would cut it with "…"). Where none
    fits, a title's last form is a name that Textual may cut; any other text is left out. Mixed in before the
    pane's own widget class."""

    title_forms: tuple[str, ...] = ()
    subtitle_forms: tuple[str, ...] = ()
    fitted_width = -1  # the width the border texts were last fitted to

    def set_border(self, title: tuple[str, ...] | None = None, subtitle: tuple[str, ...] | None = None) -> None:
        if title is not None:
            self.title_forms = title
        if subtitle is not None:
            self.subtitle_forms = subtitle
        self.fit_border()

    def fit_border(self) -> None:
        pane = cast(Widget, self)  # mixed into a widget: Widget's own attributes, not new ones of this class
        self.fitted_width = pane.outer_size.width
        room = self.fitted_width - BORDER_SPARE
        last_title = self.title_forms[-1] if self.title_forms else None
        title = next((form for form in self.title_forms if cell_len(form) <= room), last_title)
        subtitle = next((form for form in self.subtitle_forms if cell_len(form) <= room), None)
        pane.border_title = Text(title) if title else None
        pane.border_subtitle = Text(subtitle) if subtitle else None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Fitted to the width it is painted at, in the paint itself: a Resize event comes after the first paint at
        a new size, whose border would then change in a second one (the first drilldown's, 30 ms later)."""
        pane = cast(Widget, self)
        if self.fitted_width != pane.outer_size.width:
            self.fit_border()
        return super().render_lines(crop)  # type: ignore[misc]  # Widget's, the class this is mixed into
