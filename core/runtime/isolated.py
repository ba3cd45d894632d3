"""Loading in a child process, so that parsing a big directory never holds the dashboard's interpreter.

A thread that parses with pandas starves the UI thread of the GIL (a key pressed during a 350k-row load
waited two seconds). The child is kept between loads, so pandas is imported there once, and the parent
never imports pandas at all.

A cold start's load (start_loading) also computes, in the child, the view the monitor opens on: plain
records, which the parent can draw before it has imported numpy; the snapshot follows when the first load
asks for it.
"""

import copyreg
import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from core.base.problems import DataError, Problem
from core.ingest.datadir import file_stamps
from core.runtime.cache import cached_snapshot, load_and_cache, load_uncached, store_snapshot, store_start_view

if TYPE_CHECKING:  # not at run time: numpy would come with it, before the monitor's first frame (start_loading)
    from core.engine.snapshot import Snapshot
    from core.views.main_view import MainView

# CSV files up to this size in all load (without pandas) in about the time Textual takes to import: the shipped
# 0.5 MB in a third of it. The monitor's first frame waits for such a load's view, at most FIRST_VIEW_WAIT_SECONDS.
QUICK_LOAD_BYTES = 2 * 1024 * 1024
FIRST_VIEW_WAIT_SECONDS = 1.0


class _Started(NamedTuple):
    directory: Path
    lang: str  # of the view
    future: "Future[Any]"
    quick: bool  # worth waiting for (QUICK_LOAD_BYTES)


class _Unstored(NamedTuple):
    """In the child: what start_loading's load made, until it is cached (_store_started)."""

    snapshot: "Snapshot"
    cacheable: bool
    month: int | None
    item_set: str | None
    view: "MainView | None"


_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_started: _Started | None = None  # the load start_loading submitted, until load_isolated takes it
_kept: "Snapshot | None" = None  # in the child: the snapshot start_loading's load made, until the parent takes it
_unstored: _Unstored | None = None


class LoaderStopped(DataError):
    """The loader process died (killed, out of memory); the next load starts a new one."""

    def __init__(self, directory: Path):
        super().__init__([Problem(str(directory), None, "the loader process stopped unexpectedly")])


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


# A snapshot comes back from the loader process pickled (over a pipe between our own processes; nothing read
# from disk is unpickled). Its read-only mappings cannot be pickled as they are: they travel as the dicts they
# wrap. Both processes import this module: the loader process for `_start_child`.
copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


def _start_child() -> None:
    """In the child: nothing it prints may land on the dashboard's screen, and it ends when the parent does."""
    gc.enable()  # a forked child starts with the monitor's start-up setting, off (tui.cli.monitor)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    """The pipe the parent spawned the child through reads as closed once the parent is gone, however it
    ended (SIGKILL too); without this the child, and multiprocessing's resource tracker that the child keeps
    open, would live on under PID 1."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a child process: no parent to outlive
        return
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(0)


def _loader() -> ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            # Textual swaps sys.stderr for an object with no file descriptor, which spawning (of the child
            # and of multiprocessing's resource tracker) must pass on: start both now, with the real one. The
            # child's start-up is not waited for under the lock, so that shutdown() never waits for it.
            swapped, sys.stderr = sys.stderr, sys.__stderr__
            try:
                # Forked while this process runs no other thread (the monitor, before it imports Textual): ready
                # in milliseconds, where a spawned interpreter takes 0.1-0.15 s. Else spawned: fork would copy
                # other threads (Textual's) half-way.
                alone = threading.active_count() == 1 and sys.platform.startswith("linux")
                context = multiprocessing.get_context("fork" if alone else "spawn")
                executor = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_child)
                executor.submit(int)
            finally:
                sys.stderr = swapped
            _executor = executor
        return _executor


def start_loading(directory: Path, month: int | None, item_set: str | None, lang: str) -> None:
    """The loader process started and a load of `directory` submitted at once, for the monitor to call before
    it imports Textual on a cold cache: the load then runs on another core while the first frame is drawn. The
    load computes the view of `month` (None: the latest), `item_set` (None: the release's) and `lang` that the
    monitor opens on (started_view), and caches its snapshot and that view once the view is sent; the next
    load_isolated of `directory` takes its snapshot instead of submitting a load."""
    global _started
    stamps = file_stamps(directory)
    size = sum(stamp.size for stamp in stamps)
    quick = size <= QUICK_LOAD_BYTES and all(stamp.name.endswith(".csv") for stamp in stamps)
    loader = _loader()
    future = loader.submit(_load_and_keep, Path(directory), month, item_set, lang)
    loader.submit(_store_started)  # runs after the view has gone to the parent: the cache is for later starts
    with _lock:
        _started = _Started(directory, lang, future, quick)


def _load_and_keep(directory: Path, month: int | None, item_set: str | None, lang: str) -> "MainView | None":
    """In the child: load as load_isolated would, keep the snapshot for the parent to take, and return the view
    the monitor opens on; None when the data has no release for `month` (the monitor then says what it shows
    instead, once it has the snapshot). Both are cached after this returns (_store_started)."""
    global _kept, _unstored
    _kept = _unstored = None
    # As in the monitor's start-up: what this builds (modules, the snapshot) lives on; collections cost about 8 ms.
    gc.disable()
    try:
        snapshot, cacheable = load_uncached(directory)
        _kept = snapshot
        view = None
        if month is None or month in snapshot.months:
            from core.views.main_view import main_view
            from core.views.navigation import item_set_shown

            shown = snapshot.latest if month is None else month
            view = main_view(snapshot, shown, "export", item_set_shown(snapshot, shown, item_set), lang)
    finally:
        gc.enable()
    _unstored = _Unstored(snapshot, cacheable, month, item_set, view)
    return view


def _store_started() -> None:
    """In the child, next: start_loading's snapshot and view cached (as load_and_cache and a warm start would
    store them), unless its load failed or its files were not settled; the holidays it worked out, in any case."""
    from core.runtime.holiday_cache import store_holidays

    global _unstored
    unstored, _unstored = _unstored, None
    store_holidays()
    if unstored is not None and unstored.cacheable:
        store_snapshot(unstored.snapshot)
        if unstored.view is not None:
            store_start_view(unstored.snapshot, unstored.month, unstored.item_set, unstored.view)


def _take_kept() -> "Snapshot":
    """In the child: the snapshot _load_and_keep made, sent once."""
    global _kept
    snapshot, _kept = _kept, None
    assert snapshot is not None  # taken once, after _load_and_keep
    return snapshot


def started_view(directory: Path, lang: str) -> "MainView | None":
    """The view start_loading's load of `directory` computed in `lang` (no numpy is needed to receive it), for the
    monitor's first frame. Waited for where the data is small enough to load while Textual imports: a frame of
    placeholders and then one of figures would cost a second full paint, 0.1-0.25 s. None if no load of
    `directory` was started, if it failed (load_isolated then says why) or is not done in time: the monitor then
    shows its loading state and waits for the snapshot."""
    with _lock:
        started = _started
    if started is None or started.directory != directory or started.lang != lang:
        return None
    try:
        view: MainView | None = started.future.result(timeout=FIRST_VIEW_WAIT_SECONDS if started.quick else 0)
    except Exception:  # failed, or not done yet
        return None
    return view


def _take_started(directory: Path) -> "Future[Snapshot] | None":
    global _started
    with _lock:
        started, _started = _started, None
    if started is None or started.directory != directory:
        return None
    return started.future


def load_isolated(directory: Path) -> "Snapshot":
    """From the cache when the files are unchanged (here, without pandas), else loaded, validated and
    cached in the loader process; the load start_loading submitted, if its files are still as it read them."""
    global _executor
    try:
        started = _take_started(directory)
        if started is not None:
            started.result()  # what the load raised, if it did
            snapshot = _loader().submit(_take_kept).result()
            if snapshot.files == file_stamps(directory):
                return snapshot
        cached = cached_snapshot(directory)
        if cached is not None:
            return cached
        loaded: Snapshot = _loader().submit(load_and_cache, Path(directory)).result()  # the cache just missed
        return loaded
    except BrokenProcessPool:
        with _lock:
            _executor = None  # the child died (killed, out of memory): the next load starts a new one
        raise LoaderStopped(directory) from None


def shutdown() -> None:
    global _executor, _started
    with _lock:
        _started = None
        if _executor is not None:
            # End a load in progress rather than wait for it, then let the pool close its queues, so that
            # quitting is quick and multiprocessing has no leaked semaphores to warn about on the terminal.
            for process in list(getattr(_executor, "_processes", {}).values()):
                process.terminate()
            _executor.shutdown(wait=True, cancel_futures=True)
            _executor = None
