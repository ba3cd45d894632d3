"""An unexpected error: its full traceback goes to a log file only the user can read, and one line on stderr
names the file. No traceback reaches the terminal."""

import os
import sys
import time
from pathlib import Path

from core import __version__
from tui.output import fail

CRASHED = 70  # EX_SOFTWARE in sysexits.h: an internal error, not bad data or usage


def crash_directory() -> Path:
    """$XDG_STATE_HOME/tradetop, else ~/.local/state/tradetop (a relative XDG path is ignored, as the spec says)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state") / "tradetop"


def write_crash_log(error: BaseException) -> Path:
    """A new file (mode 0600) holding the traceback, in the temporary directory when the state directory cannot
    be made or written to. Raises OSError if neither can be written."""
    import tempfile  # imported on a crash only: they would cost every start about 10 ms
    import traceback

    text = (
        f"tradetop {__version__}, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"command: {sys.argv!r}\n\n" + "".join(traceback.format_exception(error))
    )
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    directory = crash_directory()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / name
        # A new file only, never through a link planted at its name: wherever it is, only the user can read it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError:
        descriptor, named = tempfile.mkstemp(prefix="tradetop-crash-", suffix=".log")
        path = Path(named)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as file:
        file.write(text)
    return path


def report_crash(error: BaseException) -> int:
    """Log the error and say where, in one line on stderr; the exit code for a crash."""
    try:
        where = f"the traceback is in {write_crash_log(error)}"
    except OSError as failure:
        where = f"no log could be written ({failure.strerror or failure})"
    return fail([f"tradetop: unexpected error ({type(error).__name__}); {where}"], CRASHED)
