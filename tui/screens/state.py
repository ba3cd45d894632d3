"""What every screen shares: it renders the app's state, reached typed through `monitor`, and fits tall
terminals with a plot."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from textual.geometry import Size
from textual.screen import Screen

from core.base.problems import Problem
from core.engine.model import Release
from core.text.releases import ReleaseNote
from core.views.drilldown_view import Subject
from core.views.main_view import MainView

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot
    from tui.widgets.too_small import TooSmall


class Clip(NamedTuple):
    """What the copy key puts on the clipboard, and what the toast calls it."""

    text: str
    what: str


class Monitor(Protocol):
    """The app as screens and the command palette see it: the state they render and what they ask of it.
    Textual types a screen's `app` as any App; the app hands itself to each screen as a Monitor, and mypy checks
    there that it is one (tui.app.TradetopApp)."""

    data_dir: Path
    chosen_set: str | None  # --set or `m`; None: the item set the release used in the month shown
    lang: str  # what names are shown in: views are asked for in it
    snapshot: "Snapshot | None"  # None until the first load
    month: int | None  # the month shown; set whenever the snapshot is
    flow: str
    ytd: bool
    sort: int  # the tables' order, an index into tui.widgets.release_table.SORTS

    @property
    def item_set(self) -> str: ...

    @property
    def problems(self) -> tuple[Problem | str, ...]: ...

    @property
    def view(self) -> MainView | None: ...

    def release(self) -> Release: ...

    def next_release(self) -> ReleaseNote: ...

    def show_state(self) -> None: ...

    def snapshot_or_wait(self, action: Callable[[], None]) -> "Snapshot | None": ...

    def show_story(self, search: bool = False) -> None: ...

    def go_to_month(self, month: int) -> None: ...

    @property
    def precompute_reachable(self) -> Callable[[], object]: ...  # a worker: the views one key away

    def drill(self, subject: Subject) -> None: ...

    def show_flash(self, month: int | None = None) -> None: ...


class StateScreen(Screen):
    """A screen that renders the app's state; the app calls show_state whenever that state changes."""

    # The smallest terminal the screen works in, measured (tests/test_layout.py). The main screen's five cards show
    # every figure with its unit from 60 columns ("+$10.7bn" in 8 cells), and so do its tables, each pane a row or
    # more under the flash strip at its tallest; a drilldown's plot draws from 20 rows.
    MIN_SIZE = Size(60, 20)
    TALL_ROWS = 32  # from this height the screen is tall (the `-tall` class)
    # From this height the main screen's plot shows (the `-plot` class), under tables kept as tall as 120x36 has
    # them (all 15 items, 3 notables; tradetop.tcss): measured, the plot has 8 rows or more there with the flash
    # strip at its tallest (9 at 120 columns). Below, the tables and the notables need the room more.
    PLOT_ROWS = 50

    def __init__(self, monitor: Monitor):
        super().__init__()
        self.monitor = monitor
        self.too_small: TooSmall | None = None  # mounted the first time the terminal is too small
        # Its widgets styled once, for the terminal's size: a class that changes after mount restyles them all.
        self.set_size_classes(self.app.size)

    def on_mount(self) -> None:
        self.fit(self.app.size)  # before the first layout, so that the first frame is laid out right
        if self in self.app.screen_stack:  # not one mounted ahead, hidden (tui.internals.mount_hidden)
            self.show_state()

    def on_resize(self) -> None:
        self.fit(self.size)

    def fit(self, size: Size) -> None:
        """Below the smallest size that shows every pane with its figures whole (MIN_SIZE), one message over the
        panes, on a layer of its own (tradetop.tcss)."""
        if self.set_size_classes(size):
            self.app.update_styles(self)  # as update_node_styles, which Textual 6.2 (the floor) lacks
        small = self.has_class("-too-small")
        if small or self.too_small is not None:
            if self.too_small is None:
                from tui.widgets.too_small import TooSmall  # not on the way to the first frame of a terminal that fits

                self.too_small = TooSmall()
                self.mount(self.too_small)
            self.too_small.display = small
            self.too_small.show(size, self.MIN_SIZE)
        if self.has_class("-plot") and self.is_mounted:
            self.show_tall_plot()

    def set_size_classes(self, size: Size) -> bool:
        """The classes for `size`, without restyling; True if any changed."""
        classes = {
            "-too-small": size.width < self.MIN_SIZE.width or size.height < self.MIN_SIZE.height,
            "-tall": size.height >= self.TALL_ROWS,
            "-plot": size.height >= self.PLOT_ROWS,
        }
        changed = any(self.has_class(name) != wanted for name, wanted in classes.items())
        for name, wanted in classes.items():
            self.set_class(wanted, name, update=False)
        return changed

    def show_tall_plot(self) -> None:
        """A screen with a plot that only tall terminals get (in a frame of class `tall-plot-frame`, see
        tradetop.tcss) mounts it here, the first time the screen is tall enough."""

    def show_state(self) -> None:
        raise NotImplementedError

    def clip(self) -> Clip | None:
        """The focused pane for the clipboard: a table as TSV (the screens' own, from core), a text pane as its text;
        None for a pane that has nothing to copy."""
        from tui.widgets.text_pane import TextPane

        focused = self.focused
        if isinstance(focused, TextPane):
            return Clip(focused.plain, "the pane's text")
        return None

    def follows(self, setting: str) -> bool:
        """Whether the screen shows the app's `setting` (an action's name): keys for what it does not show are
        hidden and do nothing, rather than change a screen that cannot be seen."""
        return False
