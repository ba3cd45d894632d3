"""The story of the month: every notable of its release by subject, searchable; Enter opens a notable's subject."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from core.base.periods import describe_period, format_period
from core.base.subjects import FLOWS
from core.views.drilldown_view import Subject
from core.views.story_view import story_view
from tui.screens.state import Clip, StateScreen
from tui.widgets.error_bar import ErrorBar
from tui.widgets.key_bar import KeyBar
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine
from tui.widgets.story_pane import StoryPane


class StoryScreen(StateScreen):
    """The month's notables grouped by subject, most newsworthy first; `/` searches them as it is typed."""

    BINDINGS = [
        Binding("escape,n", "close", "Back", tooltip="close the story (a search is cleared first)", id="close-story"),
        Binding(
            "slash", "search", "Search", key_display="/", tooltip="in the story: search names and text", id="search"
        ),
    ]
    AUTO_FOCUS = "#story"
    query_text = ""  # what the story is searched for
    shown_for: tuple | None = None  # the month, flow and search the pane was last shown for
    search_on_resume = False  # `/` on the main screen's notables: the story opens searching

    def compose(self) -> ComposeResult:
        yield StatusLine(id="story-status")
        yield ErrorBar(id="errors")
        yield StoryPane(id="story")
        yield SearchBar(id="search")
        yield KeyBar()

    def follows(self, setting: str) -> bool:
        return setting == "flow"  # the breadth is of the flow's items; the story is of the month, not the year

    def show_state(self) -> None:
        app = self.monitor
        assert app.snapshot is not None and app.month is not None  # the app opens the story once the snapshot is in
        view = story_view(app.snapshot, app.month, app.flow, app.item_set, self.query_text, app.lang)
        crumbs = f"tradetop › {format_period(view.month)} › Story of {describe_period(view.month)}"
        self.query_one("#story-status", StatusLine).update(
            Text(crumbs) + Text(f" · {FLOWS[view.flow].name}", style="bold")
        )
        self.query_one(ErrorBar).show(app.problems)
        pane = self.query_one(StoryPane)
        pane.set_border(title=("Notables by subject, most newsworthy first", "Notables by subject", "Notables"))
        shown_for, self.shown_for = self.shown_for, (view.month, view.flow, view.query)
        pane.show_story(view, keep_cursor=shown_for == self.shown_for)

    def on_screen_resume(self) -> None:
        if self.search_on_resume:
            self.search_on_resume = False
            self.action_search()

    def clip(self) -> Clip | None:
        pane = self.query_one(StoryPane)
        if self.focused is not pane or pane.view is None:
            return super().clip()
        view = pane.view
        found = f" matching “{view.query}”" if view.query else ""
        return Clip(pane.plain, f"{view.listed} notables{found} of {describe_period(view.month)} by subject, as text")

    def action_close(self) -> None:
        if self.query_text:
            self.search_for("")
        else:
            self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.query_text, "search the story: a name (English or 한국어) or words")

    def search_for(self, text: str) -> None:
        self.query_text = text.strip()
        self.show_state()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_for(event.value)

    def on_search_bar_closed(self) -> None:
        self.query_one(StoryPane).focus()

    def on_story_pane_selected(self, event: StoryPane.Selected) -> None:
        group, app = event.group, self.monitor
        if group.flow is not None and group.flow != app.flow:  # an item's notables are of its exports
            app.flow = group.flow
            app.show_state()
        app.drill(Subject(group.dimension, group.code, group.partner))
