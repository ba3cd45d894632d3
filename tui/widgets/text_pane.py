"""A scrolling pane of wrapped text lines."""

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tui.internals import set_scroll_size


class TextPane(ScrollView, can_focus=True):
    """Lines of text, each wrapped to the pane's width; scrolled with the arrows or j / k.

    One line-API widget, not a scroll container around Statics: show() counts the wrapped lines (cheap) and sets
    the virtual size without a layout pass, so new text costs one paint, and only the lines in view are
    formatted, when painted."""

    DEFAULT_CSS = """
    TextPane {
        scrollbar-size-vertical: 1;
    }
    """
    BINDINGS = [Binding("j", "scroll_down", "Down", show=False), Binding("k", "scroll_up", "Up", show=False)]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lines: list[Text] = []
        self._rows: list[tuple[int, int]] = []  # per wrapped line: (line, part of it)
        self._wrap_width = -1
        self._wrapped_for = Size(-1, -1)  # the container size the rows were wrapped for
        self._strips: dict[int, list[Strip]] = {}  # line -> its wrapped parts, formatted when first painted
        self._strips_key: object = None

    def show(self, lines: Iterable[Text]) -> None:
        self.lines = list(lines)
        self._wrap()

    @property
    def plain(self) -> str:
        return "\n".join(line.plain for line in self.lines)

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        # As a VerticalScroll would: the full inner width, less the scrollbar when the lines do not fit.
        self._wrapped_for = self.container_size
        width, height = self.container_size
        scrollbar = self.styles.scrollbar_size_vertical
        rows = self._rows_at(width, limit=height if scrollbar else None)
        if rows is None:
            width -= scrollbar
            rows = self._rows_at(width) or []
        self._rows, self._wrap_width, self._strips = rows, width, {}
        virtual_size = Size(max(0, width), len(rows))
        if virtual_size != self.virtual_size:
            set_scroll_size(self, virtual_size)
        self.refresh()

    def _rows_at(self, width: int, limit: int | None = None) -> list[tuple[int, int]] | None:
        """The wrapped rows at this width; None as soon as there are more than `limit` (they will not fit)."""
        rows: list[tuple[int, int]] = []
        if width <= 0:
            return rows
        for index, line in enumerate(self.lines):
            # Wrapped as the paint wraps it (Content); a line that fits, most of them, without the cost of wrapping.
            parts = 1 if line.cell_len <= width else len(Content(line.plain).wrap(width))
            rows += ((index, part) for part in range(parts))
            if limit is not None and len(rows) > limit:
                return None
        return rows

    def render_line(self, y: int) -> Strip:
        if self._wrapped_for != self.container_size:
            # Shown before its first layout (a screen's first show_state): wrap now, so the first paint has
            # the text, rather than after the Resize event, a frame later.
            self._wrap()
        y += self.scroll_offset.y
        style = self.visual_style
        if self._strips_key != style:  # focus changes the colour
            self._strips, self._strips_key = {}, style
        if not 0 <= y < len(self._rows):
            return Strip.blank(self.scrollable_content_region.width, style.rich_style)
        index, part = self._rows[y]
        if index not in self._strips:
            content = Content.from_rich_text(self.lines[index])
            self._strips[index] = Visual.to_strips(self, content, self._wrap_width, None, style)
        return self._strips[index][part]
