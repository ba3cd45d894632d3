"""The tradetop monitor: app state, key bindings, and loading the data in a worker thread.

Importing this module imports neither pandas nor numpy: the first frame is drawn from the cached start
view (or says it is loading) while a worker loads the snapshot.
"""

import asyncio
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.worker import get_current_worker

from core.base.problems import DataError, Problem
from core.base.release_calendar import now
from core.base.subjects import ENGLISH, FLOWS, LANGUAGES
from core.engine.model import DEFAULT_ITEM_SET, Arrival, Release
from core.runtime.cache import cached_start_view, store_start_view
from core.runtime.cache_files import cache_notice
from core.text.arrival import arrival_text
from core.text.releases import ReleaseNote, next_release_line
from core.views.drilldown_view import Subject
from core.views.main_view import MainView, main_view
from core.views.navigation import (
    item_set_shown,
    release_months_around,
    reloaded_month,
    start_month,
    stepped_month,
    unknown_set_notice,
)
from tui.internals import KeepsCrash, mount_hidden
from tui.keys import APP_KEYS
from tui.messages import DataChanged, LoadFailed, SnapshotLoaded
from tui.screens.main import MainScreen
from tui.screens.state import StateScreen

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot


SCREEN_SETTINGS = ("flow", "toggle_ytd")  # what the main screen shows and some others do not (StateScreen.follows)
KeptScreen = TypeVar("KeptScreen", bound=StateScreen)


EXIT_GRACE_SECONDS = 3.0
CLOCK_SECONDS = 60  # how often the header's next release is checked against the clock
KEPT_LAST_GOOD = "reload failed; showing the last good data until the files are fixed:"
LOAD_FAULT = "could not be loaded: an error in tradetop, please report it"
RELOAD_HINT = "try reloading (r)"


def _palette_commands():
    """Imported when the palette first opens, not on the way to the first frame."""
    from .commands import TradetopCommands

    return TradetopCommands


class TradetopApp(KeepsCrash):
    CSS_PATH = Path(__file__).with_name("tradetop.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "tradetop"
    COMMANDS = App.COMMANDS | {lambda: _palette_commands()}
    BINDINGS = APP_KEYS
    EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(
        self,
        data_dir: Path,
        period: int | None = None,
        item_set: str | None = None,
        force_polling: bool = False,
        clock: Callable[[], datetime] = now,
        lang: str = ENGLISH,
    ):
        super().__init__()
        self.data_dir = data_dir
        self.clock = clock  # the time now, for the next release in the header
        self.next_release_shown = ReleaseNote()
        self.requested_month = period
        self.chosen_set = item_set  # --set or `m`; None: the set the release used in the month shown
        self.lang = lang  # what names are shown in (core.base.subjects.LANGUAGES): --lang, then the key L
        self.snapshot: Snapshot | None = None
        self.start_view: MainView | None = None  # until the snapshot has loaded
        self.month: int | None = None
        self.flow = "export"
        self.ytd = False
        self.sort = 0
        self.load_problems: tuple[Problem | str, ...] = ()
        self.fallback_notice: str | None = None  # why the month shown is not the one asked for, until it changes
        self.force_polling = force_polling
        self.reload_asked = False  # `r` was pressed: its load says so even when nothing changed
        self.stopping = threading.Event()
        # Keys that need the snapshot, pressed while the first frame shows the cached start view: done in order
        # once it loads, so a key pressed the moment figures appear is never lost.
        self.waiting_for_snapshot: list[Callable[[], None]] = []
        self.first_load_failed = False

    def get_default_screen(self) -> MainScreen:
        # A millisecond's read: the first frame has data without waiting for numpy, the snapshot or a worker.
        self.start_view = cached_start_view(self.data_dir, self.requested_month, self.chosen_set, self.lang)
        if self.start_view is None:
            # A cold start: the loader process may have the view (tui.cli.monitor).
            from core.runtime.isolated import started_view

            self.start_view = started_view(self.data_dir, self.lang)
        if self.start_view is not None:
            self.month, self.load_problems = self.start_view.month, self.start_view.warnings
        return MainScreen(self)

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
        self.set_interval(CLOCK_SECONDS, self.check_next_release)

    def on_unmount(self) -> None:
        from core.runtime.isolated import shutdown

        self.stopping.set()
        shutdown()
        for signum in self.EXIT_SIGNALS:
            signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL)

    @work(thread=True, group="watch")
    def watch_data(self) -> None:
        from core.runtime.refresh import watch_changes

        for _ in watch_changes(self.data_dir, self.stopping, force_polling=self.force_polling):
            self.post_message(DataChanged())

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """From the snapshot cache when the files are unchanged (no pandas), else loaded and cached in the loader
        process, so that parsing never competes with the UI for the interpreter. A file caught half-written is
        retried once after the debounce before it counts as broken."""
        from core.runtime.isolated import LoaderStopped, load_isolated
        from core.runtime.refresh import load_settled, what_arrived

        message: SnapshotLoaded | LoadFailed
        try:
            snapshot, arrival, old = (
                load_settled(self.data_dir, stop=self.stopping, load=load_isolated),
                None,
                self.snapshot,
            )
            if old is not None:
                snapshot, arrival = what_arrived(old, snapshot)
            message = SnapshotLoaded(snapshot, arrival)
        except LoaderStopped as error:  # the next load starts a new loader process: say how to ask for one
            message = LoadFailed(tuple(p._replace(message=f"{p.message}; {RELOAD_HINT}") for p in error.problems))
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

    def apply_snapshot(self, snapshot: "Snapshot", arrival: Arrival | None = None) -> None:
        """The one path for new data: the month to show (core.views.navigation), then say what arrived."""
        old = self.snapshot
        if old is None or self.month is None:
            landing = start_month(snapshot, self.requested_month)
        else:
            landing = reloaded_month(snapshot, old.latest, self.month, self.fallback_notice)
        shown = (self.view, self.problems)
        self.snapshot, self.load_problems = snapshot, snapshot.warnings
        notice = "; ".join(filter(None, (landing.notice, unknown_set_notice(snapshot, self.chosen_set))))
        self.month, self.fallback_notice = landing.month, notice or None
        if (self.view, self.problems) != shown:  # a cached start view is usually exactly this
            self.show_state()
        if old is None and landing.as_asked and self.start_view is None and self.flow == "export":
            self.store_start_view(snapshot, self.view)
        if landing.flash is not None:
            self.show_flash(landing.flash)  # as `]` from the latest release: the flash month over the latest month
        if arrival is not None and not arrival.is_empty:
            self.notify(arrival_text(arrival), title="New data", markup=False)
        elif self.reload_asked and arrival is not None:
            self.notify(f"{len(snapshot.files)} files read, {arrival_text(arrival)}", title="Reloaded", markup=False)
        self.reload_asked = False
        waiting, self.waiting_for_snapshot = self.waiting_for_snapshot, []
        for action in waiting:
            action()
        self.call_after_refresh(self._settle_snapshot)

    # Its own description: Textual's default, the arguments' repr (the snapshot's arrays), took 0.2 s of the UI thread.
    @work(thread=True, group="store", description="store the start view")
    def store_start_view(self, snapshot: "Snapshot", view: MainView) -> None:
        store_start_view(snapshot, self.requested_month, self.chosen_set, view)

    def tell_cache_refusal(self) -> None:
        """Once: why the cache was not read (it could have been planted by another user)."""
        notice = cache_notice()
        if notice:
            self.notify(notice, title="Cache not used", severity="warning", markup=False)

    def _settle_snapshot(self) -> None:
        """After the paint: the new snapshot frozen out of the collector's way (a full collection walking it takes
        50-85 ms of a key press; unfrozen first, so a replaced one can be freed), then the work done ahead."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.precompute_reachable()
        self.call_after_refresh(self.compose_drilldown)

    def compose_drilldown(self) -> None:
        """The drilldown screen composed and mounted while the user reads: the first Enter only lays it out."""
        from tui.screens.drilldown import DrilldownScreen  # as the other screens: not on the first frame's way

        if self.snapshot is not None and not self.is_screen_installed(DrilldownScreen.__name__):
            mount_hidden(self, self.kept_screen(DrilldownScreen))

    @work(thread=True, exclusive=True, group="precompute")
    def precompute_reachable(self) -> None:
        """Views one key away (the months either side, the other flow) and the plots' module (plotext) for the
        first drilldown, computed while the user reads, so a key press only renders."""
        snapshot, month = self.snapshot, self.month
        assert snapshot is not None and month is not None  # started once a snapshot is in
        for neighbour in release_months_around(snapshot, month):
            for flow in FLOWS:
                main_view(snapshot, neighbour, flow, item_set_shown(snapshot, neighbour, self.chosen_set), self.lang)
        import tui.widgets.months_plot  # noqa: F401  (plotext, for the first drilldown)

    @property
    def problems(self) -> tuple[Problem | str, ...]:
        """What the error bar says: the fallback notice, then the data's problems and warnings."""
        return (self.fallback_notice, *self.load_problems) if self.fallback_notice else self.load_problems

    @property
    def item_set(self) -> str:
        """The tables' item set: chosen (--set, `m`), else the one the release used in the month shown."""
        if self.snapshot is None or self.month is None:
            return self.chosen_set or (self.start_view.release.breadth.set if self.start_view else DEFAULT_ITEM_SET)
        return item_set_shown(self.snapshot, self.month, self.chosen_set)

    @property
    def view(self) -> MainView | None:
        """What the main screen shows: the snapshot's view of the month and flow, else the cached start view."""
        if self.snapshot is None or self.month is None:
            return self.start_view
        return main_view(self.snapshot, self.month, self.flow, self.item_set, self.lang)

    def release(self) -> Release:
        assert self.snapshot is not None and self.month is not None  # asked for once a snapshot is in
        return self.snapshot.release(self.month, self.flow, self.item_set, self.lang)

    def next_release(self) -> ReleaseNote:
        """The header's note on releases (core.text.releases.ReleaseNote), from the snapshot's schedule or, until it
        is in, the start view's; none without one (the rule's dates need holidays, not on the first frame)."""
        known = self.snapshot if self.snapshot is not None else self.start_view
        calendar = known.calendar if known is not None else ()
        note = next_release_line(self.clock(), calendar, known.latest) if known and calendar else ReleaseNote()
        self.next_release_shown = note
        return note

    def check_next_release(self) -> None:
        """Once a release's time has passed, the header names the one after it."""
        shown = self.next_release_shown
        if self.snapshot is not None and self.next_release() != shown:
            self.show_state()

    def show_state(self) -> None:
        with self.batch_update():  # one repaint for all the widgets a change touches
            for screen in self.screen_stack:
                if isinstance(screen, StateScreen):
                    screen.show_state()

    def go_to_month(self, month: int) -> None:
        """A release month (the palette, `[` and `]`): the notice of a fallback is about the month left."""
        if self.snapshot and month in self.snapshot.months:
            self.month, self.fallback_notice = month, None
            self.show_state()
            self.call_after_refresh(self.precompute_reachable)  # after the paint: the worker holds the GIL a while

    def snapshot_or_wait(self, action: Callable[[], None]) -> "Snapshot | None":
        """The snapshot if it is here; else None, and `action` waits for it while the first load is under way."""
        if self.snapshot is None and not self.first_load_failed:
            self.waiting_for_snapshot.append(action)
        return self.snapshot

    def drill(self, subject: Subject) -> None:
        if self.snapshot_or_wait(partial(self.drill, subject)) is not None:
            from tui.screens.drilldown import DrilldownScreen

            screen = self.kept_screen(DrilldownScreen)
            if screen not in self.screen_stack:
                screen.shown_for = None  # opened anew: at the month shown, not where it was left
            screen.subject, screen.trail = subject, ()
            self.open_kept(screen)

    def show_story(self, search: bool = False) -> None:
        """The story view of the month shown; opened anew, it starts at the top, unsearched."""
        if self.snapshot_or_wait(partial(self.show_story, search)) is None:
            return
        from tui.screens.story import StoryScreen

        screen = self.kept_screen(StoryScreen)
        if screen not in self.screen_stack:
            screen.query_text, screen.shown_for = "", None
        screen.search_on_resume = search
        self.open_kept(screen)

    def show_flash(self, month: int | None = None) -> None:
        """The flash of `month`, by default of the preliminary month (the flash pane's)."""
        snapshot = self.snapshot_or_wait(partial(self.show_flash, month))
        if snapshot is None:
            return
        month = snapshot.flash.pending if month is None else month
        if month is not None:
            from tui.screens.flash import FlashScreen

            screen = self.kept_screen(FlashScreen)
            screen.month = month
            if self.fallback_notice:  # it says which month shows, and the flash month is the one asked for now
                self.fallback_notice = None
                self.show_state()
            self.open_kept(screen)

    def kept_screen(self, kind: type[KeptScreen]) -> KeptScreen:
        """Screens are composed once and kept: opening one again only renders (composing costs tens of ms)."""
        if not self.is_screen_installed(kind.__name__):
            self.install_screen(kind(self), kind.__name__)
        screen = self.get_screen(kind.__name__)
        assert isinstance(screen, kind)  # installed under its class's name just above
        return screen

    def open_kept(self, screen: StateScreen) -> None:
        if screen.is_mounted:
            screen.show_state()  # before it is shown, so its first frame is already the new subject
            if screen.AUTO_FOCUS:
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
        snapshot = self.snapshot_or_wait(partial(self.action_step_month, step))
        if snapshot is None:
            return
        assert self.month is not None  # set with the snapshot
        landing = stepped_month(snapshot, self.month, step)
        if landing.flash is not None:
            self.show_flash(landing.flash)  # the month after the latest release, while only its flash is out
        elif landing.notice:  # past either end: said, where a bell alone showed nothing
            self.notify(landing.notice, title="Month", markup=False)
        else:
            self.go_to_month(landing.month)

    def action_flow(self, flow: str) -> None:
        self.flow = flow
        self.show_state()

    def action_toggle_ytd(self) -> None:
        self.ytd = not self.ytd
        self.show_state()

    def action_switch_language(self) -> None:
        """Names in the next language (English, Korean): every screen's, from core's views in that language."""
        languages = list(LANGUAGES)
        self.lang = languages[(languages.index(self.lang) + 1) % len(languages)]
        self.show_state()
        if self.snapshot is not None:
            self.call_after_refresh(self.precompute_reachable)  # the months either side, in this language too
        self.notify(f"Names in {LANGUAGES[self.lang]}", title="Language", markup=False)

    def action_reload(self) -> None:
        self.reload_asked = True
        self.load_data()

    def action_copy(self) -> None:
        """The focused pane to the clipboard through the terminal (OSC 52): over SSH and tmux (set-clipboard on) too."""
        clip = self.screen.clip() if isinstance(self.screen, StateScreen) else None
        if clip is None:
            self.notify("Nothing to copy here: Tab to a table or a text pane", title="Copy", severity="warning")
            return
        self.copy_to_clipboard(clip.text)
        self.notify(f"Copied {clip.what}", title="Copy", markup=False)

    def action_save_screenshot(self) -> None:
        from tui.screenshot import save_screenshot

        save_screenshot(self)

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        from tui.commands import system_commands

        return system_commands(self, super().get_system_commands(screen))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self))
