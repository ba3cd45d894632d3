"""A widget whose `render()` gives a Rich Text fitted to its content size, painted line by line as strips."""

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class PaintedText(Widget):
    """Paints the lines of `render()` as they are, cropped to the width: Textual's general path (a Visual made of the
    Text, laid out and styled span by span) cost the first frame about 2 ms a widget for a few lines that are
    already fitted. The strips are kept for a size and style until the next refresh or style change."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._painted: tuple[object, list[Strip]] | None = None

    def render(self) -> Text:
        return Text("")

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if repaint:
            self._painted = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        self._painted = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        style = self.visual_style
        key = (width, height, style)
        if self._painted is None or self._painted[0] != key:
            self._painted = key, self._strips(width, style.rich_style)
        strips = self._painted[1]
        return strips[y] if y < len(strips) else Strip.blank(width, style.rich_style)

    def _strips(self, width: int, base) -> list[Strip]:
        """With the offsets and the highlight of a mouse selection, as Textual's own text has them."""
        console, selection = self.app.console, self.text_selection
        highlight = self.screen.get_component_rich_style("screen--selection") if selection is not None else None
        strips = []
        for y, line in enumerate(self.render().split("\n", allow_blank=True)):
            if highlight is not None and selection is not None and (span := selection.get_span(y)) is not None:
                start, end = span
                line.stylize(highlight, start, len(line) if end == -1 else end)
            strip = Strip(Segment.apply_style(line.render(console), base)).crop_extend(0, width, base)
            strips.append(strip.apply_offsets(0, y))
        return strips
