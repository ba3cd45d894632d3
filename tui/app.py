"""The tradetop monitor: app state, key bindings, and loading the data in a worker thread.

Importing this module imports neither pandas nor numpy: the first frame is drawn from the cached start
view (or says it is loading) while a worker loads the snapshot.
"""

import asyncio
import gc
import os
import signal
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.worker import get_current_worker

from core.base.periods import format_period
from core.base.problems import DataError, Problem
from core.engine.model import DEFAULT_ITEM_SET, MainView, Release
from core.runtime.cache import cache_notice, cached_start_view, store_start_view
from tui.screens.drilldown import DrilldownScreen
from tui.screens.flash import FlashScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.state import StateScreen, Subject

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot
    from core.runtime.refresh import Arrival


MONTH_KEYS = Binding.Group("Month", compact=True)
FLOW_KEYS = Binding.Group("Exp/Imp")
SCREEN_SETTINGS = ("flow", "toggle_ytd")  # what the main screen shows and some others do not (StateScreen.follows)


class SnapshotLoaded(Message):
    def __init__(self, snapshot: "Snapshot", arrival: "Arrival | None"):
        super().__init__()
        self.snapshot = snapshot
        self.arrival = arrival  # what is new since the last snapshot; None for the first


class LoadFailed(Message):
    def __init__(self, problems: tuple[Problem, ...]):
        super().__init__()
        self.problems = problems


class DataChanged(Message):
    """The watcher saw a settled burst of changes to the data files."""


EXIT_GRACE_SECONDS = 3.0
KEPT_LAST_GOOD = "reload failed; showing the last good data until the files are fixed:"
LOAD_FAULT = "could not be loaded: an error in tradetop, please report it"


def _palette_commands():
    """Imported when the palette first opens, not on the way to the first frame."""
    from .commands import TradetopCommands

    return TradetopCommands


class TradetopApp(App):
    CSS_PATH = Path(__file__).with_name("tradetop.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "tradetop"
    COMMANDS = App.COMMANDS | {lambda: _palette_commands()}
    # Key bar labels are short and paired keys grouped so the footer fits 80 columns; help shows the tooltips.
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="quit", id="quit"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="this help", id="help"),
        Binding(
            "left_square_bracket",
            "step_month(-1)",
            "Prev",
            key_display="[",
            group=MONTH_KEYS,
            tooltip="previous month",
            id="previous-month",
        ),
        Binding(
            "right_square_bracket",
            "step_month(1)",
            "Next",
            key_display="]",
            group=MONTH_KEYS,
            tooltip="next month, then the preliminary flash month",
            id="next-month",
        ),
        Binding("e", "flow('export')", "Exp", group=FLOW_KEYS, tooltip="items and partners of exports", id="exports"),
        Binding("i", "flow('import')", "Imp", group=FLOW_KEYS, tooltip="items and partners of imports", id="imports"),
        Binding("y", "toggle_ytd", "YTD", tooltip="tables: the month / the year to date", id="year-to-date"),
        Binding("r", "reload", "Reload", tooltip="reload the data files", id="reload"),
        # A priority binding, so that it suspends from the help, the palette and every other screen too.
        Binding(
            "ctrl+z",
            "suspend_process",
            "Suspend",
            show=False,
            priority=True,
            tooltip="suspend to the shell; `fg` comes back",
            id="suspend",
        ),
    ]
    EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(
        self, data_dir: Path, period: int | None = None, item_set: str = DEFAULT_ITEM_SET, force_polling: bool = False
    ):
        super().__init__()
        self.data_dir = data_dir
        self.requested_month = period
        self.item_set = item_set
        self.snapshot: Snapshot | None = None
        self.start_view: MainView | None = None  # until the snapshot has loaded
        self.month: int | None = None
        self.flow = "export"
        self.ytd = False
        self.sort = 0
        self.load_problems: tuple[Problem, ...] | tuple[str, ...] = ()
        self.fallback_notice: str | None = None  # why the month shown is not the one asked for, until it changes
        self.force_polling = force_polling
        self.reload_asked = False  # `r` was pressed: its load says so even when nothing changed
        self.stopping = threading.Event()
        # Keys that need the snapshot, pressed while the first frame shows the cached start view: done in order
        # once it loads, so a key pressed the moment figures appear is never lost.
        self.waiting_for_snapshot: list[Callable[[], None]] = []
        self.first_load_failed = False
        self.crash: BaseException | None = None  # the first unexpected error, for the `tradetop` command to log

    def get_default_screen(self) -> MainScreen:
        # A millisecond's read: the first frame has data without waiting for numpy, the snapshot or a worker.
        self.start_view = cached_start_view(self.data_dir, self.requested_month, self.item_set)
        if self.start_view is None:  # a cold start: the loader process may have the view (tui.cli.monitor)
            from core.runtime.isolated import started_view

            self.start_view = started_view(self.data_dir)
        if self.start_view is not None:
            self.month, self.load_problems = self.start_view.month, self.start_view.warnings
        return MainScreen()

    def on_load(self) -> None:
        """A signal to end the app ends it as `q` does: the terminal restored and the loader process stopped.
        Ctrl+Z (Textual's suspend_process) is followed by a full repaint."""
        loop = asyncio.get_running_loop()
        for signum in self.EXIT_SIGNALS:
            # Not the loop's own handlers: they wait for the loop, which a write to a hung-up terminal can block.
            signal.signal(signum, partial(self.end_by_signal, loop))
        self.app_resume_signal.subscribe(self, self.repaint_after_suspend)

    def end_by_signal(self, loop: asyncio.AbstractEventLoop, signum: int, _frame) -> None:
        """Exit as `q` does, with the shell's code for the signal; should that not be over in a few seconds (the
        terminal hung up, Textual's writes to it blocked), the process ends anyway, its loader process with it."""
        code = 128 + signum
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, (code,))
        watchdog.daemon = True  # a clean exit does not wait for it
        watchdog.start()
        loop.call_soon_threadsafe(self.exit, None, code)

    def repaint_after_suspend(self, _app: App) -> None:
        """Back from Ctrl+Z (`fg`): the terminal's screen was cleared, so all of it is drawn, not only what changed."""
        self.screen.refresh()

    def on_ready(self) -> None:
        """After the first frame: importing numpy and the loader in a thread would hold the GIL the frame needs."""
        gc.enable()  # the `tradetop` command turns the collector off for start-up (tui.cli)
        self.tell_cache_refusal()  # of the start view's read
        self.load_data()
        self.watch_data()

    def on_unmount(self) -> None:
        from core.runtime.isolated import shutdown

        self.stopping.set()
        shutdown()
        for signum in self.EXIT_SIGNALS:
            signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one way in for an error that escaped a handler, widget, timer or worker; it has no public
        hook. The error is kept for the `tradetop` command to log, and Textual's traceback (with locals), which
        it would print on the terminal at exit, is dropped. The only use of Textual's internals."""
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    @work(thread=True, group="watch")
    def watch_data(self) -> None:
        from core.runtime.refresh import watch_changes

        for _ in watch_changes(self.data_dir, self.stopping, force_polling=self.force_polling):
            self.post_message(DataChanged())

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """From the snapshot cache when the files are unchanged (no pandas), else loaded and cached in the
        loader process, so that parsing never competes with the UI for the interpreter.

        A file caught half-written is retried once after the debounce before it counts as broken.
        """
        from core.runtime.isolated import load_isolated
        from core.runtime.refresh import load_settled, what_arrived

        try:
            snapshot, arrival, old = (
                load_settled(self.data_dir, stop=self.stopping, load=load_isolated),
                None,
                self.snapshot,
            )
            if old is not None:
                snapshot, arrival = what_arrived(old, snapshot)
            message = SnapshotLoaded(snapshot, arrival)
        except DataError as error:
            message = LoadFailed(error.problems)
        except OSError as error:
            message = LoadFailed((Problem(str(self.data_dir), None, str(error)),))
        except Exception as error:  # a fault in tradetop, not in the files: the last good data stays on screen
            fault = f"{LOAD_FAULT} ({type(error).__name__}: {error})"
            message = LoadFailed((Problem(str(self.data_dir), None, fault),))
        if not get_current_worker().is_cancelled:  # a newer load has started: this one's files are stale
            self.post_message(message)

    def on_snapshot_loaded(self, message: SnapshotLoaded) -> None:
        self.apply_snapshot(message.snapshot, message.arrival)
        self.tell_cache_refusal()  # of the snapshot's read

    def on_load_failed(self, message: LoadFailed) -> None:
        self.load_problems = message.problems if self.view is None else (KEPT_LAST_GOOD, *message.problems)
        self.reload_asked = False  # the error bar answers it
        self.waiting_for_snapshot.clear()  # the error bar answers those keys too
        self.first_load_failed = self.snapshot is None  # keys pressed now would act minutes later, once fixed
        self.show_state()

    def apply_snapshot(self, snapshot: "Snapshot", arrival: "Arrival | None" = None) -> None:
        """The one path for new data: follow a new latest month if the user was on the latest, else keep
        the month shown if the new data still has it; say what arrived."""
        old = self.snapshot
        asked_on_command_line = old is None
        wanted = self.requested_month if asked_on_command_line else self.month
        if old is not None and self.month == old.latest < snapshot.latest:
            wanted = snapshot.latest
        shown, month_shown = (self.view, self.problems), self.month
        found = wanted is None or wanted in snapshot.months
        preliminary = asked_on_command_line and wanted is not None and wanted == snapshot.flash.pending
        self.snapshot, self.load_problems = snapshot, snapshot.warnings
        self.month = wanted if wanted is not None and found else snapshot.latest
        if not (found or preliminary):
            covered = f"{format_period(snapshot.months[0])} to {format_period(snapshot.latest)}"
            # The header names the data directory: a long path here would take three lines of an 80-column screen.
            self.fallback_notice = (
                f"{'--period: ' * asked_on_command_line}no release for {format_period(wanted)} "
                f"(data {covered}); showing {format_period(self.month)}"
            )
        elif self.month != month_shown:
            self.fallback_notice = None
        if (self.view, self.problems) != shown:  # a cached start view is usually exactly this
            self.show_state()
        if asked_on_command_line and found and self.start_view is None and self.flow == "export":
            self.store_start_view(snapshot, self.view)
        if preliminary:
            self.show_flash()  # as `]` from the latest release: the flash month over the latest month
        if arrival is not None and not arrival.is_empty:
            self.notify(arrival.summary(snapshot), title="New data", markup=False)
        elif self.reload_asked and arrival is not None:
            self.notify(
                f"{len(snapshot.files)} files read, {arrival.summary(snapshot)}", title="Reloaded", markup=False
            )
        self.reload_asked = False
        waiting, self.waiting_for_snapshot = self.waiting_for_snapshot, []
        for action in waiting:
            action()
        self.call_after_refresh(self._settle_snapshot)

    # A description of its own: Textual's default is the repr of the arguments, the whole snapshot's arrays,
    # which took 0.2 s of the UI thread before the first figures of a cold start.
    @work(thread=True, group="store", description="store the start view")
    def store_start_view(self, snapshot: "Snapshot", view: MainView) -> None:
        store_start_view(snapshot, self.requested_month, self.item_set, view)

    def tell_cache_refusal(self) -> None:
        """Once: why the cache was not read (it could have been planted by another user)."""
        notice = cache_notice()
        if notice:
            self.notify(notice, title="Cache not used", severity="warning", markup=False)

    def _settle_snapshot(self) -> None:
        """After the paint: the new snapshot out of the collector's way, then the precompute.

        A full collection that has to walk the snapshot takes 50-85 ms; once it is frozen, the full collections
        that fall in a key press walk only what is newer. Unfrozen first, so a replaced snapshot can be freed."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.precompute_reachable()

    @work(thread=True, exclusive=True, group="precompute")
    def precompute_reachable(self) -> None:
        """Views one key away (the months either side, the other flow) and the plots' module (plotext) for the
        first drilldown, computed while the user reads, so a key press only renders."""
        snapshot, month = self.snapshot, self.month
        position = snapshot.months.index(month)
        for neighbour in snapshot.months[max(0, position - 1) : position + 2]:
            for flow in ("export", "import"):
                snapshot.main_view(neighbour, flow, self.item_set)
        import tui.widgets.months_plot  # noqa: F401  (plotext, for the first drilldown)

    @property
    def problems(self) -> tuple[Problem | str, ...]:
        """What the error bar says: the fallback notice, then the data's problems and warnings."""
        return (self.fallback_notice, *self.load_problems) if self.fallback_notice else self.load_problems

    @property
    def view(self) -> MainView | None:
        """What the main screen shows: the snapshot's view of the month and flow, else the cached start view."""
        if self.snapshot is None:
            return self.start_view
        return self.snapshot.main_view(self.month, self.flow, self.item_set)

    def release(self) -> Release:
        return self.snapshot.release(self.month, self.flow, self.item_set)

    def show_state(self) -> None:
        with self.batch_update():  # one repaint for all the widgets a change touches
            for screen in self.screen_stack:
                if isinstance(screen, StateScreen):
                    screen.show_state()

    def go_to_month(self, month: int) -> None:
        if self.snapshot and month in self.snapshot.months:
            self.month, self.fallback_notice = month, None
            self.show_state()
            self.call_after_refresh(self.precompute_reachable)  # after the paint: the worker holds the GIL a while

    def needs_snapshot(self, action: Callable[[], None]) -> bool:
        """False if the snapshot is here; else True, and `action` waits for it while the first load is under way."""
        if self.snapshot is None and not self.first_load_failed:
            self.waiting_for_snapshot.append(action)
        return self.snapshot is None

    def drill(self, subject: Subject) -> None:
        if not self.needs_snapshot(partial(self.drill, subject)):
            screen = self.kept_screen(DrilldownScreen)
            if screen not in self.screen_stack:
                screen.shown_for = None  # opened anew: at the month shown, not where it was left
            screen.subject = subject
            self.open_kept(screen)

    def show_flash(self) -> None:
        if self.needs_snapshot(self.show_flash):
            return
        if self.snapshot.flash.pending is not None:
            screen = self.kept_screen(FlashScreen)
            screen.month = self.snapshot.flash.pending
            if self.fallback_notice:  # it says which month shows, and the flash month is the one asked for now
                self.fallback_notice = None
                self.show_state()
            self.open_kept(screen)

    def kept_screen(self, kind: type[StateScreen]) -> StateScreen:
        """Screens are composed once and kept: opening one again only renders (composing costs tens of ms)."""
        if not self.is_screen_installed(kind.__name__):
            self.install_screen(kind(), kind.__name__)
        return self.get_screen(kind.__name__)

    def open_kept(self, screen: StateScreen) -> None:
        if screen.is_mounted:
            screen.show_state()  # before it is shown, so its first frame is already the new subject
            screen.set_focus(screen.query_one(screen.AUTO_FOCUS))  # not the pane last left focused
        if screen not in self.screen_stack:
            self.push_screen(screen)
        while self.screen is not screen:  # kept lower down the stack: back down to it
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action in SCREEN_SETTINGS and isinstance(self.screen, StateScreen):
            return self.screen.follows(action)
        return True

    def action_step_month(self, step: int) -> None:
        if self.needs_snapshot(partial(self.action_step_month, step)):
            return
        months = self.snapshot.months
        position = months.index(self.month) + step
        if 0 <= position < len(months):
            self.go_to_month(months[position])
        elif position == len(months) and self.snapshot.flash.pending is not None:
            self.show_flash()  # the month after the latest release, while only its flash is out
        else:
            self.bell()

    def action_flow(self, flow: str) -> None:
        self.flow = flow
        self.show_state()

    def action_toggle_ytd(self) -> None:
        self.ytd = not self.ytd
        self.show_state()

    def action_reload(self) -> None:
        self.reload_asked = True
        self.load_data()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
