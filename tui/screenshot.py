"""A screenshot of the screen in view as SVG, saved where it can be found on any machine: $TRADETOP_SCREENSHOTS,
else the current directory (Textual's own saves to ~/Downloads, which a server does not have). In a browser
(`tradetop serve`) it is the browser's download instead: nothing in the page writes a file on the server."""

import html
import io
import os
import re
import time
from pathlib import Path

ENVIRONMENT_VARIABLE = "TRADETOP_SCREENSHOTS"
NAMES_TRIED = 100  # tradetop-2026-01-20260802-101530.svg, then -2, -3 ... within the same second
# A run of text in Rich's SVG: its textLength, which Rich sizes by characters, not cells (Rich issue #2742).
SVG_TEXT = re.compile(r'(<text [^>]*?textLength=")([\d.]+)("[^>]*>)([^<]*)(</text>)')


def screenshot_folder() -> Path:
    """$TRADETOP_SCREENSHOTS, else the current directory; FileNotFoundError if that has been deleted."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(chosen).expanduser() if chosen else Path.cwd()


def save_screenshot(app) -> None:
    """Save the screen as a new SVG file and say where in a toast; or say why it could not be saved. Toasts on
    screen (the last one's "Saved …") are no part of the picture: cleared, and the screen shot once they are gone."""
    if app.screen.query("Toast"):
        app.clear_notifications()
        app.call_after_refresh(_save, app)
    else:
        _save(app)


def _save(app) -> None:
    from core.base.fmt import printable
    from core.ingest.datadir import embedded_data_dir, within, write_new_file

    if app.is_web:
        _to_browser(app)
        return
    try:
        folder = screenshot_folder()
    except OSError as error:
        _refused(app, f"the current directory is gone ({error.strerror})")
        return
    if any(within(folder, directory) for directory in (app.data_dir, embedded_data_dir())):
        _refused(app, f"{printable(str(folder))} is the data directory, which tradetop never writes")
        return
    stem, svg = _shot(app)
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


def _shot(app) -> tuple[str, str]:
    """The file's name without .svg (tradetop-2026-01-20260802-101530), and the SVG of the screen."""
    from core.base.periods import format_period

    shown = f"-{format_period(app.month)}" if app.month is not None else ""
    svg = app.export_screenshot(title=f"tradetop{shown.replace('-', ' ', 1)}")
    return f"tradetop{shown}-{time.strftime('%Y%m%d-%H%M%S')}", wide_text_fitted(svg)


def wide_text_fitted(svg: str) -> str:
    """Rich's SVG with each run of text as wide as the cells it takes: Rich gives a run one character's width a
    character, which squeezes Korean names (two cells each) and shifts what follows them in their run."""
    from core.base.fmt import cells

    def fitted(run: re.Match) -> str:
        text = html.unescape(run[4])
        if cells(text) == len(text):  # no wide character: Rich's width is right
            return run[0]
        width = float(run[2]) / len(text) * cells(text)  # one character's width, times the cells
        return f"{run[1]}{width:g}{run[3]}{run[4]}{run[5]}"

    return SVG_TEXT.sub(fitted, svg)


def _to_browser(app) -> None:
    """The SVG as the browser's download (Textual's deliver_text, through textual-serve's single-use URL)."""
    stem, svg = _shot(app)
    app.deliver_text(io.StringIO(svg), save_filename=f"{stem}.svg", mime_type="image/svg+xml")
    app.notify(f"Sent {stem}.svg to the browser", title="Screenshot", markup=False)


def _refused(app, why: str) -> None:
    app.notify(
        f"Not saved: {why}. Set ${ENVIRONMENT_VARIABLE} to a folder you can write.",
        title="Screenshot",
        severity="error",
        markup=False,
    )
