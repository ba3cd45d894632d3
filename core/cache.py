"""Caches of computed results, so a warm start needs neither pandas nor a reload.

Two kinds, both keyed by tradetop's version and engine files, the data directory and each data file's
name, size and mtime: any change to the files or the code misses them. The snapshot (numpy arrays,
for everything after the first frame) and the start view (plain records: the screen the monitor opens
on, drawn before numpy is imported). This module imports neither numpy nor pandas; the snapshot's
functions import core.indicators when called. The caches live in the user's cache directory, never
beside the data.
"""

import copyreg
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from types import MappingProxyType

from . import __version__
from .datadir import file_stamps
from .model import MainView

KEEP_PER_DIRECTORY = 3


def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


# Snapshots and views hold read-only mappings, which pickle cannot name; pickle them as the dicts they wrap.
copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tradetop"


def _directory_tag(directory: Path) -> str:
    return hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]


def _engine_stamp() -> tuple:
    """The engine's own files, so that a changed class never meets an old pickle."""
    engine = Path(__file__).parent
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in sorted(engine.glob("*.py")))


def _cache_path(directory: Path, kind: str, *identity) -> Path:
    key = repr((__version__, _engine_stamp(), str(directory.resolve()), file_stamps(directory), *identity))
    return cache_dir() / f"{_directory_tag(directory)}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.{kind}"


def _read(path: Path, kind: type):
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    except Exception:  # a missing, stale or damaged cache is only a slower start
        return None
    if not isinstance(found, kind):
        return None
    try:
        os.utime(path)  # pruning keeps the most recently used entries: the view opened every day stays
    except OSError:
        pass  # a read-only cache still serves
    return found


def _write(path: Path, value, directory: Path) -> None:
    """Best effort: a read-only or full disk only means no cache. Old entries of the directory are pruned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as file:
            try:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(file.name).unlink()
                raise
        os.replace(file.name, path)
        older = sorted(path.parent.glob(f"{_directory_tag(directory)}-*{path.suffix}"),
                       key=lambda entry: entry.stat().st_mtime, reverse=True)
        for stale in older[KEEP_PER_DIRECTORY:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def cached_start_view(directory: Path, month: int | None, item_set: str) -> MainView | None:
    """The view the monitor opens on (`month`, None for the latest) computed from exactly these files, or None."""
    return _read(_cache_path(directory, "view", month, item_set), MainView)


def store_start_view(directory: Path, month: int | None, item_set: str, view: MainView) -> None:
    _write(_cache_path(directory, "view", month, item_set), view, directory)


def cached_snapshot(directory: Path):
    """The snapshot computed from exactly these files, or None."""
    from .indicators import Snapshot  # numpy: not on the first frame's path

    return _read(_cache_path(directory, "pickle"), Snapshot)


def store_snapshot(snapshot) -> None:
    _write(_cache_path(snapshot.directory, "pickle"), snapshot, snapshot.directory)


def load_and_cache(directory: Path):
    """Loaded and validated from the files, then cached."""
    from .indicators import load_snapshot  # pandas: only when the cache misses

    snapshot = load_snapshot(directory)
    store_snapshot(snapshot)
    return snapshot


def load_snapshot_cached(directory: Path):
    """From the cache when the files are unchanged, else loaded, validated and cached."""
    return cached_snapshot(directory) or load_and_cache(directory)
