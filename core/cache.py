"""A cache of computed snapshots, so a warm start needs neither pandas nor a reload.

Keyed by tradetop's version and engine files, the data directory and each data file's name, size
and mtime: any change to the files or the code misses the cache. It lives in the user's cache directory, never beside the data.
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
from .indicators import Snapshot, load_snapshot

KEEP_PER_DIRECTORY = 3



def _read_only(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


# Snapshots hold read-only mappings, which pickle cannot name; pickle them as the dicts they wrap.
copyreg.pickle(MappingProxyType, lambda mapping: (_read_only, (dict(mapping),)))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tradetop"


def _directory_tag(directory: Path) -> str:
    return hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]


def _engine_stamp() -> tuple:
    """The engine's own files, so that a changed Snapshot class never meets an old pickle."""
    engine = Path(__file__).parent
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in sorted(engine.glob("*.py")))


def _cache_path(directory: Path) -> Path:
    identity = repr((__version__, _engine_stamp(), str(directory.resolve()), file_stamps(directory)))
    return cache_dir() / f"{_directory_tag(directory)}-{hashlib.sha256(identity.encode()).hexdigest()[:16]}.pickle"


def cached_snapshot(directory: Path) -> Snapshot | None:
    """The snapshot computed from exactly these files, or None."""
    try:
        with _cache_path(directory).open("rb") as file:
            snapshot = pickle.load(file)
    except Exception:  # a missing, stale or damaged cache is only a slower start
        return None
    return snapshot if isinstance(snapshot, Snapshot) else None


def store_snapshot(snapshot: Snapshot) -> None:
    """Best effort: a read-only or full disk only means no cache."""
    try:
        path = _cache_path(snapshot.directory)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as file:
            try:
                pickle.dump(snapshot, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(file.name).unlink()
                raise
        os.replace(file.name, path)
        older = sorted(path.parent.glob(f"{_directory_tag(snapshot.directory)}-*.pickle"),
                       key=lambda entry: entry.stat().st_mtime, reverse=True)
        for stale in older[KEEP_PER_DIRECTORY:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def load_and_cache(directory: Path) -> Snapshot:
    """Loaded and validated from the files, then cached."""
    snapshot = load_snapshot(directory)
    store_snapshot(snapshot)
    return snapshot


def load_snapshot_cached(directory: Path) -> Snapshot:
    """From the cache when the files are unchanged, else loaded, validated and cached."""
    return cached_snapshot(directory) or load_and_cache(directory)
