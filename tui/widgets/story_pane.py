"""The story view's pane: every notable of the month under its subject's heading, numbered, with a cursor."""

from rich.segment import Segment
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from core.base.periods import describe_period
from core.views.story_view import StoryEntry, StoryGroup, StoryView
from tui.widgets.cells import CURSOR_KEYS, FittedBorder, parts_dropped
from tui.widgets.text_pane import TextPane


class StoryPane(FittedBorder, TextPane):
    """Subject headings, each with its numbered notables, wrapped to the width; the cursor is on a notable and
    Enter (or a click) opens its subject. The border's subtitle counts the notables in view ("1–10 of 67")."""

    DEFAULT_CSS = """
    StoryPane {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-subtitle-color: $text;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }

    StoryPane:focus {
        border: heavy $accent;
    }

    StoryPane > .story-pane--cursor {
        background: $block-cursor-blurred-background;
    }

    StoryPane:focus > .story-pane--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    COMPONENT_CLASSES = {"story-pane--cursor"}
    BINDINGS = CURSOR_KEYS

    class Selected(Message):
        """Enter or a click on a notable: its subject's drilldown."""

        def __init__(self, pane: "StoryPane", group: StoryGroup):
            super().__init__()
            self.pane, self.group = pane, group

        @property
        def control(self) -> "StoryPane":
            return self.pane

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.view: StoryView | None = None
        self.entry_lines: list[int] = []  # the line of each notable, in the story's order
        self.notables: dict[int, tuple[StoryGroup, StoryEntry]] = {}  # by line
        self.cursor = 0  # of the notables, 0 for the first

    def show_story(self, view: StoryView, keep_cursor: bool = False) -> None:
        """The story's lines; the cursor and the view go back to the first notable unless asked to stay."""
        lines, gutters, self.entry_lines, self.notables = [], [], [], {}
        digits = len(str(view.listed))
        for group in view.groups:
            heading = Text(group.name, style="bold")
            if group.data_begins:
                heading.append(f" · {group.data_begins}", style="italic")
            lines.append(heading)
            gutters.append(Text())
            for entry in group.entries:
                self.entry_lines.append(len(lines))
                self.notables[len(lines)] = (group, entry)
                lines.append(Text(entry.text))
                gutters.append(Text(f"{entry.number:>{digits}}. ", style="bold"))
        if not lines:
            month = describe_period(view.month)
            lines = [
                Text(f"No notable of {month} matches “{view.query}”: Escape clears the search.", style="dim")
                if view.query
                else Text(f"No notables in {month}.", style="dim")
            ]
        self.view = view
        self.cursor = max(0, min(self.cursor, len(self.entry_lines) - 1)) if keep_cursor else 0
        self.show(lines, gutters)
        if not keep_cursor:
            self.scroll_home(animate=False)
        self._cursor_into_view()

    @property
    def cursor_group(self) -> StoryGroup | None:
        return self.notables[self.entry_lines[self.cursor]][0] if self.entry_lines else None

    def rows_changed(self) -> None:
        self._cursor_into_view()
        self._count()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._count()

    def _count(self) -> None:
        """The numbers of the notables in view, of how many: as the story numbers them (core.views.story_view)."""
        view = self.view
        if view is None:
            return
        top = round(self.scroll_offset.y)
        lines = {self.line_at(row) for row in range(top, top + self.scrollable_content_region.height)}
        numbers = [
            self.notables[line][1].number
            for line in sorted(line for line in lines if line is not None)
            if line in self.notables
        ]
        shown = f"{numbers[0]}–{numbers[-1]} of {view.listed}" if numbers else f"0 of {view.listed}"
        found = f"{shown} matching “{view.query}”" if view.query else shown
        self.set_border(subtitle=(*parts_dropped(found, f"{view.total} in all" if view.query else ""), shown))

    def _cursor_into_view(self) -> None:
        """The cursor's notable in view, with its subject's heading when it is the subject's first."""
        if not self.entry_lines:
            return
        line = self.entry_lines[self.cursor]
        rows = self.rows_of(line)
        first = self.rows_of(line - 1).start if line - 1 not in self.notables else rows.start
        height = self.scrollable_content_region.height
        if not rows or height <= 0:
            return
        top = round(self.scroll_offset.y)
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif rows.stop > top + height:
            self.scroll_to(y=min(first, rows.stop - height), animate=False)

    def _move(self, position: int) -> None:
        if self.entry_lines:
            self.cursor = max(0, min(len(self.entry_lines) - 1, position))
            self._cursor_into_view()
            self.refresh()

    def action_move(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_move_to(self, position: int) -> None:
        self._move(position % max(1, len(self.entry_lines)))

    def action_page(self, direction: int) -> None:
        """A page on, the cursor to the notable as far on."""
        if not self.entry_lines:
            return
        height = max(1, self.scrollable_content_region.height)
        row = self.rows_of(self.entry_lines[self.cursor]).start + direction * height
        line = self.line_at(max(0, min(row, self.virtual_size.height - 1)))
        later = [position for position, entry in enumerate(self.entry_lines) if entry >= (line or 0)]
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False)
        self._move(later[0] if later else len(self.entry_lines) - 1)

    def action_select(self) -> None:
        group = self.cursor_group
        if group is not None:
            self.post_message(self.Selected(self, group))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        line = None if offset is None else self.line_at(offset.y + round(self.scroll_offset.y))
        if line in self.notables:
            self._move(self.entry_lines.index(line))
            self.action_select()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        line = self.line_at(y + round(self.scroll_offset.y))
        if self.entry_lines and line == self.entry_lines[self.cursor]:
            cursor = self.get_component_rich_style("story-pane--cursor")
            whole = strip.extend_cell_length(self.scrollable_content_region.width)  # the row, not only its text
            return Strip(Segment.apply_style(whole, post_style=cursor), whole.cell_length)
        return strip
