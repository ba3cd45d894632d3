"""The cache's files: where they live, whether they may be read, what they are keyed by, and writes whole or not
at all. What the entries hold is their users' (core.runtime.cache: the snapshot and the start view;
core.runtime.holiday_cache: the Korean holidays).

Every key holds tradetop's version and its engine's files, so that a changed record type never meets an old
entry. The cache lives in the user's cache directory (created 0700), never beside the data. A directory or an entry
that is not the user's or that others can write to is not read (nor the directory written): another user could
have planted what is in it. `cache_notice` says so, once per process.
"""

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import IO, NamedTuple, TypeVar

from core import __version__

T = TypeVar("T")
KEEP_PER_GROUP = 3
FORMAT = 1  # of the entries; part of every key


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tradetop"


_refusal: str | None = None  # the first reason this process did not read the cache
_refusal_told = False


def _refuse(reason: str) -> None:
    global _refusal
    if _refusal is None:
        _refusal = reason


def cache_notice() -> str | None:
    """Why the cache was not read (another user's directory or entry, a directory others can write to):
    the first reason, the first time it is asked for; None otherwise."""
    global _refusal_told
    if _refusal is None or _refusal_told:
        return None
    _refusal_told = True
    return _refusal


def directory_trusted() -> bool:
    """The cache directory exists and only this user can write to it."""
    directory = cache_dir()
    try:
        status = directory.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid():
        _refuse(f"the cache {directory} is not this user's; not used")
        return False
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        _refuse(f"the cache {directory} is writable by others; not used (chmod 700 it)")
        return False
    return True


@cache  # once a process: the code it runs is the code it started with
def _engine_stamp() -> tuple[tuple[str, int, int], ...]:
    """The engine's own files, so that a changed record type never meets an old entry: one stat a file."""
    core = Path(__file__).parent.parent
    stamps = []
    for folder, _folders, names in os.walk(core):
        for name in names:
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                stamps.append((os.path.relpath(os.path.join(folder, name), core), status.st_size, status.st_mtime_ns))
    return tuple(sorted(stamps))


class Entry(NamedTuple):
    path: Path  # in the cache directory: the group, then a short hash of the key
    key: str  # a full hash, kept in the file: a file renamed onto another key's name is a miss
    group: str  # the entries pruned together (KEEP_PER_GROUP of each suffix)


def entry(group: str, suffix: str, *identity: object) -> Entry:
    """The entry of `identity` (what was read to make it: its repr is hashed), in `group`."""
    text = repr((FORMAT, __version__, _engine_stamp(), suffix, *identity))
    key = hashlib.sha256(text.encode()).hexdigest()
    return Entry(cache_dir() / f"{group}-{key[:16]}{suffix}", key, group)


def read(found: Entry, parse: Callable[[IO[bytes]], tuple[str, T]]) -> T | None:
    """`parse(file)` of the entry, or None: missing, refused, damaged or foreign entries are all a miss."""
    if not directory_trusted():
        return None
    try:
        # Not following a link, and not waiting on a FIFO: only a regular file of this user is read.
        descriptor = os.open(found.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with open(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if status.st_uid != os.geteuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            _refuse(f"a cache entry that another user owns or can write to was not read: {found.path}")
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        try:
            key, value = parse(file)
        except Exception:  # a damaged or foreign entry, whatever its bytes: only a slower start
            return None
    if key != found.key:
        return None
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(found.path)  # pruning keeps the most recently used entries: the view opened every day stays
    return value


def exists(found: Entry) -> bool:
    return found.path.is_file()


def write(found: Entry, dump: Callable[[IO[bytes]], object]) -> None:
    """`dump(file)` to the entry, whole or not at all. Best effort: a read-only or full disk, or a directory
    not to be trusted, only means no cache. Old entries of the group are pruned."""
    import tempfile  # only when something is stored

    try:
        found.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not directory_trusted():
            return
        with tempfile.NamedTemporaryFile(dir=found.path.parent, delete=False, suffix=".tmp") as file:  # 0600
            try:
                dump(file)
            except BaseException:
                Path(file.name).unlink()
                raise
        os.replace(file.name, found.path)
        suffix = found.path.suffix
        older = sorted(
            found.path.parent.glob(f"{found.group}-*{suffix}"),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        for stale in older[KEEP_PER_GROUP:]:
            stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):  # the last two: a value JSON cannot hold
        pass
