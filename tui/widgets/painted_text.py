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
        console = self.app.console
        return [
            Strip(Segment.apply_style(line.render(console), base)).crop_extend(0, width, base)
            for line in self.render().split("\n", allow_blank=True)
        ]
