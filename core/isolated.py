"""Loading in a child process, so that parsing a big directory never holds the dashboard's interpreter.

A thread that parses with pandas starves the UI thread of the GIL (a key pressed during a 350k-row load
waited two seconds). The child is kept between loads, so pandas is imported there once, and the parent
never imports pandas at all.
"""

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .cache import load_snapshot_cached, store_snapshot
from .indicators import Snapshot
from .problems import DataError, Problem
from .refresh import load_settled

_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None


def _loader() -> ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            # spawn, not fork: the parent runs threads (Textual's), which fork would copy half-way.
            _executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return _executor


def _load_and_cache(directory: Path, settle: float | None) -> Snapshot:
    if settle is None:
        return load_snapshot_cached(directory)
    snapshot = load_settled(directory, settle)
    store_snapshot(snapshot)
    return snapshot


def load_isolated(directory: Path, settle: float | None = None) -> Snapshot:
    """load_snapshot_cached (or, with `settle`, load_settled) run in the loader process."""
    global _executor
    try:
        return _loader().submit(_load_and_cache, Path(directory), settle).result()
    except BrokenProcessPool:
        with _lock:
            _executor = None  # the child died (killed, out of memory): the next load starts a new one
        raise DataError([Problem(str(directory), None, "the loader process stopped unexpectedly; try reloading (r)")])


def shutdown() -> None:
    global _executor
    with _lock:
        if _executor is not None:
            _executor.shutdown(wait=False, cancel_futures=True)
            _executor = None
