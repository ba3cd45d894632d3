"""Live refresh: notice changed data files, reload once they have settled, and say what arrived.

Nothing here writes to the data directory.
"""

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from core.base import fmt
from core.base.periods import format_period
from core.base.problems import DataError
from core.engine.model import Revision, SeriesKey
from core.engine.snapshot import Snapshot, load_snapshot
from core.ingest.datadir import FileStamp, file_stamps, is_data_file

DEBOUNCE_SECONDS = 0.3
POLL_SECONDS = 0.5
MAX_BURST_MS = 5000
REWATCH_CHECK_MS = 500


@dataclass(frozen=True)
class Arrival:
    """What a reload brought: months that are new, and figures that changed for months already shown."""

    new_months: tuple[int, ...]
    revisions: tuple[Revision, ...]

    @property
    def is_empty(self) -> bool:
        return not self.new_months and not self.revisions

    def summary(self, snapshot: Snapshot) -> str:
        """One line for a notification, e.g. '2026-08: exports $58.20bn, +1.2%'."""
        parts = []
        for month in self.new_months:
            exports = snapshot.release(month).headline.exports
            parts.append(f"{format_period(month)}: exports {fmt.usd(exports.value_usd)}, {fmt.pct(exports.yoy_pct)}")
        if self.revisions:
            months = sorted({revision.period for revision in self.revisions})
            parts.append(f"{len(self.revisions)} revised figure(s) for {', '.join(months)}")
        return "; ".join(parts) or "no new figures"


def what_arrived(old: Snapshot, new: Snapshot) -> tuple[Snapshot, Arrival]:
    """Compare two loads; the new snapshot also remembers the revisions seen between them."""
    new_months = tuple(sorted(set(new.months) - set(old.months)))
    observed = []
    for key, array in new.trade.items():
        before = old.trade.get(key)
        if before is None:
            continue
        first = max(old.first_month, new.first_month)
        last = min(old.first_month + len(before), new.first_month + len(array))
        was = before[first - old.first_month : last - old.first_month]
        now = array[first - new.first_month : last - new.first_month]
        # Compared as arrays: a loop over months costs seconds once there are thousands of series.
        for offset in np.flatnonzero((was != now) & ~np.isnan(was) & ~np.isnan(now)):
            observed.append(
                Revision(key, format_period(first + int(offset)), float(was[offset]), float(now[offset]), None)
            )
    # Revisions seen on earlier reloads are kept: the files no longer hold the figures they replaced.
    revisions: dict[SeriesKey, tuple[Revision, ...]] = {}
    for key, seen in (*old.revisions.items(), *new.revisions.items(), *((r.key, (r,)) for r in observed)):
        revisions[key] = tuple(dict.fromkeys(revisions.get(key, ()) + seen))
    return replace(new, revisions=revisions), Arrival(new_months, tuple(observed))


def watch_changes(
    directory: Path, stop: threading.Event, debounce: float = DEBOUNCE_SECONDS, force_polling: bool = False
) -> Iterator[None]:
    """Yield once per burst of changes to the directory's data files, after the burst has gone quiet.

    Uses inotify through watchfiles, or polls file sizes and times where that is not available. A directory
    deleted or replaced (`rm -rf D; mkdir D`) is watched again at its path once it is back, with one yield then.
    """
    if not force_polling:
        try:
            yield from _notify_changes(directory, stop, debounce)
            return
        except (ImportError, OSError, RuntimeError):
            pass
    yield from _poll_changes(directory, stop, debounce)


def _notify_changes(directory: Path, stop: threading.Event, debounce: float) -> Iterator[None]:
    from watchfiles import watch

    rewatched = False
    while not stop.is_set():
        try:
            # Held open so that the watched inode cannot be freed and its number reused by a new directory
            # at the path: comparing the two then always tells a replacement.
            held = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except (FileNotFoundError, NotADirectoryError):
            if stop.wait(POLL_SECONDS):
                return
            rewatched = True
            continue
        try:
            # watchfiles' `step` is the quiet period that ends a burst; `debounce` only caps a burst's length.
            # Every change (the directory's own deletion too) and a timeout wake the loop to check that the
            # directory at the path is still the one watched.
            for changes in watch(
                directory,
                watch_filter=None,
                step=int(debounce * 1000),
                debounce=MAX_BURST_MS,
                stop_event=stop,
                recursive=False,
                raise_interrupt=False,
                rust_timeout=REWATCH_CHECK_MS,
                yield_on_timeout=True,
            ):
                if rewatched or any(is_data_file(Path(path)) for _change, path in changes):
                    # after a rewatch: a reload for what arrived before the new watch began
                    rewatched = False
                    yield
                if not _same_directory(directory, held):
                    rewatched = True
                    break
        finally:
            os.close(held)


def _same_directory(directory: Path, held: int) -> bool:
    try:
        now, watched = os.stat(directory), os.fstat(held)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (watched.st_dev, watched.st_ino)


def _poll_changes(directory: Path, stop: threading.Event, debounce: float) -> Iterator[None]:
    seen = _stamps_or_none(directory)
    while not stop.wait(POLL_SECONDS):
        current = _stamps_or_none(directory)
        if current == seen:
            continue
        while not stop.wait(debounce):  # wait for the burst to go quiet
            settled = _stamps_or_none(directory)
            if settled == current:
                break
            current = settled
        seen = current
        yield


def _stamps_or_none(directory: Path) -> tuple[FileStamp, ...] | None:
    try:
        return file_stamps(directory)
    except OSError:
        return None


def load_settled(
    directory: Path,
    settle: float = DEBOUNCE_SECONDS,
    stop: threading.Event | None = None,
    load: Callable[[Path], Snapshot] = load_snapshot,
) -> Snapshot:
    """Load; on a data error wait `settle` and try once more, so a file caught half-written is not reported.

    Raises DataError only when the problem is still there after the wait. `load` may be the cached loader.
    """
    try:
        return load(directory)
    except DataError:
        if stop is not None and stop.wait(settle):
            raise
        if stop is None:
            time.sleep(settle)
        return load(directory)
