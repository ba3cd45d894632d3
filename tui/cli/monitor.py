"""The monitor, `tradetop` with no command: the Textual app, with the loader started before Textual is imported."""

import gc
import os
import sys

from tui.crashlog import report_crash
from tui.output import fail

NO_TERMINAL = "tradetop needs a terminal; try `tradetop brief`"
# What textual-serve (`tradetop serve`) sets TEXTUAL_DRIVER to for each browser tab's monitor: Textual then draws
# for the browser through pipes, and there is no terminal to need.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def run(args) -> int:
    """Checks what can be checked without loading; the app loads the data itself and shows problems on screen."""
    from core.ingest.datadir import data_files, resolve_data_dir
    from core.views.navigation import asked_month

    try:
        month = asked_month(args.period)  # the month to show is the app's to choose, once it has the data
    except ValueError as error:
        return fail([str(error)], 2)
    directory = resolve_data_dir(args.data)
    if not directory.is_dir():
        return fail([f"{directory}: no such data directory"])
    if not data_files(directory):
        return fail([f"{directory}: no CSV files in the data directory"])
    in_browser = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not in_browser and not all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr)):
        return fail([NO_TERMINAL], 2)  # Textual would wait for keys that never come and draw into a file
    # Start-up builds what lives on (modules, classes, widgets): collections before the first frame cost about
    # 15 ms and find 2% of the objects garbage. The app turns the collector back on once the frame is drawn.
    gc.disable()
    try:
        from core.runtime.cache import snapshot_cached

        if not snapshot_cached(directory):
            from core.runtime.isolated import start_loading

            # Before Textual is imported: the load runs in the loader process, on another core, while Textual
            # imports and draws the first frame; the app draws the view it computes, then takes its snapshot.
            start_loading(directory, month, args.item_set, args.lang)
        from tui.app import TradetopApp

        app = TradetopApp(directory, month, args.item_set, lang=args.lang)
        app.run()
    finally:
        gc.enable()  # also if start-up failed before the app could
        from core.runtime.isolated import shutdown

        shutdown()  # the loader process ends with the app, also if the app never got to end it
    if app.crash is not None:
        return report_crash(app.crash)
    return app.return_code or 0  # 128 + the signal when one ended it
