"""Caches of computed results, so a warm start needs neither pandas nor a reload.

Two kinds, both keyed by the data directory and each data file's name, size and mtime as they were before the
files were read (and, as every entry, by tradetop's version and engine files: core.runtime.cache_files): any
change to the files or the code misses them. The snapshot (for everything after the first frame) is a NumPy .npz
read without pickle: its arrays, and its plain values as JSON. The start view (the screen the monitor opens on,
drawn before numpy is imported) is JSON. Nothing read can run code: an entry is checked against its key and rebuilt
field by field into the record types it must hold, and anything else is a miss. This module imports neither numpy
nor pandas; the snapshot's functions import them when called.
"""

import hashlib
import time
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from core.base.catalog import Catalog
from core.base.catalog import Entry as CatalogEntry
from core.base.problems import Problem
from core.base.release_calendar import ReleaseDate
from core.base.subjects import ENGLISH
from core.engine.model import Revision, SeriesKey
from core.ingest.datadir import FileStamp, file_stamps
from core.runtime import cache_files
from core.runtime.records_json import dump_json, load_json
from core.views.main_view import MainView

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from core.engine.snapshot import Snapshot

VIEW_SUFFIX, SNAPSHOT_SUFFIX = ".json", ".npz"
# A file written this recently may be rewritten with the same size and mtime (timestamps are as coarse as
# a clock tick on Linux, 2 s on FAT), so a load that read it is not cached.
SETTLED_NS = 2_000_000_000


def _directory_tag(directory: Path) -> str:
    return hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]


def _entry(directory: Path, files: tuple[FileStamp, ...], suffix: str, *identity: object) -> cache_files.Entry:
    return cache_files.entry(_directory_tag(directory), suffix, str(directory.resolve()), files, *identity)


def _settled(files: tuple[FileStamp, ...], before_ns: int) -> bool:
    """No file was written within SETTLED_NS before `before_ns` (or after it): their stamps tell their content."""
    return all(stamp.mtime_ns <= before_ns - SETTLED_NS for stamp in files)


def cached_start_view(directory: Path, month: int | None, item_set: str | None, lang: str = ENGLISH) -> MainView | None:
    """The view the monitor opens on (`month`, None for the latest; `item_set`, None for the one the release used;
    names in `lang`) computed from exactly these files, or None."""
    try:
        entry = _entry(directory, file_stamps(directory), VIEW_SUFFIX, month, item_set, lang)
    except OSError:  # as cached_snapshot
        return None
    return cache_files.read(entry, lambda file: load_json(MainView, file.read()))


def store_start_view(snapshot: "Snapshot", month: int | None, item_set: str | None, view: MainView) -> None:
    """Stored only beside the snapshot's own entry, which exists only for files that held still while loaded."""
    directory = snapshot.directory
    if _has_snapshot(directory, snapshot.files):
        entry = _entry(directory, snapshot.files, VIEW_SUFFIX, month, item_set, view.lang)
        cache_files.write(entry, lambda file: file.write(dump_json(entry.key, view)))


class _SnapshotRecord(NamedTuple):
    """A snapshot entry's plain values; its arrays are the rows of the .npz's matrices of the same names."""

    warnings: tuple[Problem, ...]
    catalog: tuple[CatalogEntry, ...]
    first_month: int
    months: tuple[int, ...]
    trade: tuple[SeriesKey, ...]  # the rows of `trade`
    headline: tuple[str, ...]  # the rows of `headline`
    revisions: tuple[Revision, ...]
    flash_first_month: int
    flash_months: tuple[int, ...]
    flash_values: tuple[tuple[str, str], ...]  # the rows of `flash_values`
    flash_working_days: tuple[str, ...]  # the rows of `flash_working_days`
    flash_items: tuple[tuple[str, str], ...]
    calendar: tuple[ReleaseDate, ...]
    flash_imports: tuple[str, ...]  # the rows of `flash_imports`
    measures: tuple[tuple[str, ...], ...]  # the rows of `measures`: (measure, flow, item, partner)
    released: tuple[tuple[int, str], ...]


def _dump_snapshot(key: str, snapshot: "Snapshot", file: IO[bytes]) -> None:
    import numpy as np

    flash = snapshot.flash
    record = _SnapshotRecord(
        snapshot.warnings,
        tuple(snapshot.catalog.entries.values()),
        snapshot.first_month,
        snapshot.months,
        tuple(snapshot.trade),
        tuple(snapshot.headline),
        tuple(revision for revisions in snapshot.revisions.values() for revision in revisions),
        flash.first_month,
        flash.months,
        tuple(flash.values),
        tuple(flash.working_days),
        flash.items,
        snapshot.calendar,
        tuple(flash.imports),
        tuple(snapshot.measures),
        tuple(snapshot.released.items()),
    )

    def matrix(arrays: Mapping[Any, "npt.NDArray[np.float64]"], width: int) -> "npt.NDArray[np.float64]":
        return np.array(list(arrays.values()), dtype=float).reshape(len(arrays), width)

    width, flash_width = len(snapshot.headline["exports"]), len(flash.final)
    np.savez(
        file,
        record=np.frombuffer(dump_json(key, record), dtype=np.uint8),
        trade=matrix(snapshot.trade, width),
        headline=matrix(snapshot.headline, width),
        flash_values=matrix(flash.values, flash_width),
        flash_final=np.asarray(flash.final, dtype=float),
        flash_working_days=matrix(flash.working_days, flash_width),
        flash_imports=matrix(flash.imports, flash_width),
        measures=matrix(snapshot.measures, width),
    )


def _load_snapshot(directory: Path, files: tuple[FileStamp, ...], file: IO[bytes]) -> tuple[str, "Snapshot"]:
    import numpy as np

    from core.engine.flash import FlashSeries
    from core.engine.snapshot import Snapshot

    with np.load(file, allow_pickle=False) as archive:  # an array of objects (pickled) is refused
        key, record = load_json(_SnapshotRecord, archive["record"].tobytes())
        arrays = {
            name: archive[name]
            for name in (
                "trade",
                "headline",
                "flash_values",
                "flash_final",
                "flash_working_days",
                "flash_imports",
                "measures",
            )
        }
    width, flash_width = arrays["headline"].shape[-1], len(arrays["flash_final"])
    shapes = {
        "trade": (len(record.trade), width),
        "headline": (len(record.headline), width),
        "flash_values": (len(record.flash_values), flash_width),
        "flash_final": (flash_width,),
        "flash_working_days": (len(record.flash_working_days), flash_width),
        "flash_imports": (len(record.flash_imports), flash_width),
        "measures": (len(record.measures), width),
    }
    for name, array in arrays.items():
        if array.dtype != np.float64 or array.shape != shapes[name]:
            raise ValueError(f"{name}: {array.dtype} {array.shape}, expected float64 {shapes[name]}")
    revisions: dict[SeriesKey, tuple[Revision, ...]] = {}
    for revision in record.revisions:
        revisions[revision.key] = (*revisions.get(revision.key, ()), revision)
    flash = FlashSeries(
        record.flash_first_month,
        record.flash_months,
        MappingProxyType(dict(zip(record.flash_values, arrays["flash_values"], strict=True))),
        arrays["flash_final"],
        MappingProxyType(dict(zip(record.flash_working_days, arrays["flash_working_days"], strict=True))),
        record.flash_items,
        MappingProxyType(dict(zip(record.flash_imports, arrays["flash_imports"], strict=True))),
    )
    snapshot = Snapshot(
        directory,
        files,
        record.warnings,
        Catalog.of(list(record.catalog)),
        record.first_month,
        record.months,
        MappingProxyType(dict(zip(record.trade, arrays["trade"], strict=True))),
        MappingProxyType(dict(zip(record.headline, arrays["headline"], strict=True))),
        MappingProxyType(revisions),
        flash,
        record.calendar,
        MappingProxyType(dict(zip(record.measures, arrays["measures"], strict=True))),
        MappingProxyType(dict(record.released)),
    )
    return key, snapshot


def _has_snapshot(directory: Path, files: tuple[FileStamp, ...]) -> bool:
    return cache_files.exists(_entry(directory, files, SNAPSHOT_SUFFIX))


def snapshot_cached(directory: Path) -> bool:
    """Whether the cache holds a snapshot of exactly these files: a look, not a read (the entry may still prove
    unusable, which only makes the load slower)."""
    try:
        files = file_stamps(directory)
    except OSError:  # the directory went: the load says so
        return False
    return cache_files.directory_trusted() and _has_snapshot(directory, files)


def cached_snapshot(directory: Path) -> "Snapshot | None":
    """The snapshot computed from exactly these files, or None."""
    try:
        files = file_stamps(directory)
    except OSError:  # no such directory: a miss, so that the load says so as a data problem
        return None
    return cache_files.read(
        _entry(directory, files, SNAPSHOT_SUFFIX), lambda file: _load_snapshot(directory, files, file)
    )


def load_uncached(directory: Path) -> tuple["Snapshot", bool]:
    """Loaded and validated from the files, and whether it may be cached (store_snapshot) under the stamps taken
    before they were read.

    A file that changed during the load is loaded once more: the first result may mix old and new figures,
    and a watcher started after the change would never say so. A result whose files changed again, or were
    written too recently for their stamps to tell, is not to be cached.
    """
    from core.engine.snapshot import load_snapshot  # pandas: only when the cache misses
    from core.runtime.holiday_cache import read_holidays

    read_holidays()  # stored after the load (store_holidays), by load_and_cache or the loader process
    for _attempt in range(2):
        started_ns = time.time_ns()
        snapshot = load_snapshot(directory)  # its `files` are stamped before any file is read (core.ingest.loader)
        if file_stamps(directory) == snapshot.files:
            return snapshot, _settled(snapshot.files, started_ns)
    return snapshot, False


def store_snapshot(snapshot: "Snapshot") -> None:
    """Cached under its files' stamps (only for a load_uncached result that may be cached)."""
    entry = _entry(snapshot.directory, snapshot.files, SNAPSHOT_SUFFIX)
    cache_files.write(entry, partial(_dump_snapshot, entry.key, snapshot))


def load_and_cache(directory: Path) -> "Snapshot":
    """Loaded and validated from the files (load_uncached), then cached if it may be."""
    from core.runtime.holiday_cache import store_holidays

    snapshot, cacheable = load_uncached(directory)
    store_holidays()
    if cacheable:
        store_snapshot(snapshot)
    return snapshot


def load_snapshot_cached(directory: Path) -> "Snapshot":
    """From the cache when the files are unchanged, else loaded, validated and cached."""
    return cached_snapshot(directory) or load_and_cache(directory)
