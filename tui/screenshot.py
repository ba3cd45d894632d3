"""A screenshot of the screen in view as SVG, saved where it can be found on any machine: $TRADETOP_SCREENSHOTS,
else the current directory (Textual's own saves to ~/Downloads, which a server does not have)."""

import os
import time
from pathlib import Path

ENVIRONMENT_VARIABLE = "TRADETOP_SCREENSHOTS"
NAMES_TRIED = 100  # tradetop-2026-01-20260802-101530.svg, then -2, -3 ... within the same second


def screenshot_folder() -> Path:
    """$TRADETOP_SCREENSHOTS, else the current directory; FileNotFoundError if that has been deleted."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(chosen).expanduser() if chosen else Path.cwd()


def save_screenshot(app) -> None:
    """Save the screen as a new SVG file and say where in a toast; or say why it could not be saved."""
    from core.base.fmt import printable
    from core.base.periods import format_period
    from core.ingest.datadir import embedded_data_dir, within, write_new_file

    try:
        folder = screenshot_folder()
    except OSError as error:
        _refused(app, f"the current directory is gone ({error.strerror})")
        return
    if any(within(folder, directory) for directory in (app.data_dir, embedded_data_dir())):
        _refused(app, f"{printable(str(folder))} is the data directory, which tradetop never writes")
        return
    shown = f"-{format_period(app.month)}" if app.month is not None else ""
    stem = f"tradetop{shown}-{time.strftime('%Y%m%d-%H%M%S')}"
    svg = app.export_screenshot(title=f"tradetop{shown.replace('-', ' ', 1)}")
    for attempt in range(1, NAMES_TRIED + 1):
        path = folder / (stem + (f"-{attempt}" if attempt > 1 else "") + ".svg")
        try:
            write_new_file(path, svg)
        except FileExistsError:
            continue
        except OSError as error:
            _refused(app, f"cannot write in {printable(str(folder))}: {error.strerror or error}")
            return
        app.notify(f"Saved {printable(str(path))}", title="Screenshot", markup=False)
        return
    _refused(app, f"{printable(str(folder))} already has {stem}.svg and {NAMES_TRIED - 1} more")


def _refused(app, why: str) -> None:
    app.notify(
        f"Not saved: {why}. Set ${ENVIRONMENT_VARIABLE} to a folder you can write.",
        title="Screenshot",
        severity="error",
        markup=False,
    )
