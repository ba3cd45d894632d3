"""Loading in a child process, so that parsing a big directory never holds the dashboard's interpreter.

A thread that parses with pandas starves the UI thread of the GIL (a key pressed during a 350k-row load
waited two seconds). The child is kept between loads, so pandas is imported there once, and the parent
never imports pandas at all.
"""

import copyreg
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from core.base.problems import DataError, Problem
from core.ingest.datadir import file_stamps
from core.runtime.cache import cached_snapshot, load_and_cache

if TYPE_CHECKING:  # not at run time: numpy would come with it, before the monitor's first frame (start_loading)
    from core.engine.snapshot import Snapshot

_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
# The load start_loading submitted, until load_isolated takes it.
_started: "tuple[Path, Future[Snapshot]] | None" = None


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


# A snapshot comes back from the loader process pickled (over a pipe between our own processes; nothing read
# from disk is unpickled). Its read-only mappings cannot be pickled as they are: they travel as the dicts they
# wrap. Both processes import this module: the loader process for `_start_child`.
copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


def _start_child() -> None:
    """In the child: nothing it prints may land on the dashboard's screen, and it ends when the parent does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _exit_with_parent() -> None:
    """The pipe the parent spawned the child through reads as closed once the parent is gone, however it
    ended (SIGKILL too); without this the child, and multiprocessing's resource tracker that the child keeps
    open, would live on under PID 1."""
    parent = multiprocessing.parent_process()
    assert parent is not None  # run in the loader process only
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
                # spawn, not fork: the parent runs threads (Textual's), which fork would copy half-way.
                executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_child
                )
                executor.submit(int)
            finally:
                sys.stderr = swapped
            _executor = executor
        return _executor


def start_loading(directory: Path) -> None:
    """The loader process started and a load of `directory` submitted at once, for the monitor to call before
    it imports Textual on a cold cache: pandas' import and the parse then run on another core while the first
    frame is drawn. The next load_isolated of `directory` takes this load's result instead of submitting one."""
    global _started
    future = _loader().submit(load_and_cache, Path(directory))
    with _lock:
        _started = (directory, future)


def _take_started(directory: Path) -> "Future[Snapshot] | None":
    global _started
    with _lock:
        started, _started = _started, None
    if started is None or started[0] != directory:
        return None
    return started[1]


def load_isolated(directory: Path) -> "Snapshot":
    """From the cache when the files are unchanged (here, without pandas), else loaded, validated and
    cached in the loader process; the load start_loading submitted, if its files are still as it read them."""
    global _executor
    try:
        started = _take_started(directory)
        if started is not None:
            snapshot = started.result()
            if snapshot.files == file_stamps(directory):
                return snapshot
        cached = cached_snapshot(directory)
        if cached is not None:
            return cached
        return _loader().submit(load_and_cache, Path(directory)).result()  # the cache just missed
    except BrokenProcessPool as error:
        with _lock:
            _executor = None  # the child died (killed, out of memory): the next load starts a new one
        raise DataError(
            [Problem(str(directory), None, "the loader process stopped unexpectedly; try reloading (r)")]
        ) from error


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
