"""Where the data comes from: --data DIR, else $TRADETOP_DATA, else the data shipped with tradetop."""

import errno
import os
from dataclasses import dataclass
from pathlib import Path

ENVIRONMENT_VARIABLE = "TRADETOP_DATA"


def embedded_data_dir() -> Path:
    """The shipped data: core/data in an installed wheel, data/ beside core/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / "catalog.csv").is_file():
            return candidate
    raise FileNotFoundError(
        f"the embedded data is missing (looked in {package / 'data'} and {package.parent / 'data'})"
    )


def resolve_data_dir(option: str | None) -> Path:
    chosen = option or os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(chosen).expanduser() if chosen else embedded_data_dir()


@dataclass(frozen=True)
class FileStamp:
    """What identifies a file's version without reading it."""

    name: str
    size: int
    mtime_ns: int
    # A same-size rewrite given back its old mtime (cp -p, rsync -a, tar x, touch -d) still changes these.
    ctime_ns: int
    inode: int


DATA_SUFFIXES = (".csv", ".parquet")


def is_data_file(path: Path) -> bool:
    """CSV and Parquet files; hidden ones (an editor's or a downloader's temp files) are not data yet."""
    return path.suffix in DATA_SUFFIXES and not path.name.startswith(".")


def data_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if is_data_file(path) and path.is_file())


def file_stamps(directory: Path) -> tuple[FileStamp, ...]:
    stamps = []
    for path in data_files(directory):
        stat = path.stat()
        stamps.append(FileStamp(path.name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    return tuple(stamps)


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all; FileExistsError if `path` exists.

    The text goes to a temporary name (not *.csv, so never read half-written) in the same directory,
    then is linked into place: a link, unlike a rename, never replaces an existing file.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, some network shares): check, then rename
            if path.exists():
                raise FileExistsError(errno.EEXIST, "File exists", str(temporary), None, str(path)) from None
            os.rename(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def within(path: Path, directory: Path) -> bool:
    """Whether `path` is `directory` or lies under it, links followed: the data directory is never written."""
    resolved, folder = path.expanduser().resolve(), directory.expanduser().resolve()
    return resolved == folder or folder in resolved.parents


def write_replacing(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, replacing what is there: through a temporary name in the same
    directory, renamed into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
