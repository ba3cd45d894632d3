"""The `tradetop` command: the monitor, `check`, `brief`, `backtest`, and `import`/`fetch` (tui.sources_cli).

Only argparse and core are imported up front; pandas comes with core, Textual only for the monitor.
"""

import argparse
import gc
import os
import sys

from core import __version__
from tui import sources_cli
from tui.crashlog import report_crash
from tui.output import fail, say

NO_TERMINAL = "tradetop needs a terminal; try `tradetop brief`"
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C
CLOSED_PIPE = 141  # 128 + SIGPIPE, as a shell reports `yes | head -1`


def _parser() -> argparse.ArgumentParser:
    """--data and --period go before or after the command; a command's own defaults are suppressed so that they
    do not overwrite the global ones (argparse copies a subcommand's namespace over the parent's)."""
    data_help = "data directory (default: $TRADETOP_DATA, else the embedded data)"
    parser = argparse.ArgumentParser(prog="tradetop", description="htop for Korea's monthly trade statistics.")
    parser.add_argument("--version", action="version", version=f"tradetop {__version__}")
    parser.add_argument("--data", metavar="DIR", help=data_help)
    parser.add_argument("--period", metavar="YYYY-MM", help="the month to open on (default: the latest in the data)")
    commands = parser.add_subparsers(dest="command")
    check = commands.add_parser("check", help="validate the data files; exit 1 on any problem")
    check.add_argument("--data", metavar="DIR", help=data_help, default=argparse.SUPPRESS)
    brief = commands.add_parser("brief", help="the release brief for a month")
    brief.add_argument("--data", metavar="DIR", help=data_help, default=argparse.SUPPRESS)
    brief.add_argument("--period", metavar="YYYY-MM", help="the month (default: the latest in the data)",
                       default=argparse.SUPPRESS)
    brief.add_argument("--flow", choices=("export", "import"), default="export", help="items and partners of exports or imports")
    brief.add_argument("--set", dest="item_set", default="motie15", help="the item set in force (default: motie15; also motie20)")
    brief.add_argument("--json", action="store_true", help="print JSON instead of text")
    brief.add_argument("--all", dest="all_notables", action="store_true",
                       help="list every notable, not only the top ones (JSON always has them all)")
    backtest = commands.add_parser("backtest", help="the flash nowcast's rolling backtest against naive baselines")
    backtest.add_argument("--data", metavar="DIR", help=data_help, default=argparse.SUPPRESS)
    sources_cli.add_commands(commands)
    return parser


def _check(args) -> int:
    from core.ingest.datadir import resolve_data_dir
    from core.ingest.loader import load_directory
    from core.base.problems import DataError, summarised

    directory = resolve_data_dir(args.data)
    try:
        dataset = load_directory(directory)
    except DataError as error:
        return fail(summarised(error.problems)
                    + [f"{sum(p.stands_for for p in error.problems if not p.is_warning)} problem(s) in {directory}"])
    for line in summarised(dataset.warnings):
        say(line)
    rows = len(dataset.trade) + len(dataset.revisions) + len(dataset.flash)
    say(f"{directory}: {len(dataset.files)} files, {rows:,} rows, no errors, {len(dataset.warnings)} warning(s)")
    return 0


def _load(args):
    """The snapshot of --data (from the monitor's cache when the files are unchanged: no pandas), or the exit
    code after reporting why it cannot be loaded."""
    from core.runtime.cache import load_snapshot_cached
    from core.ingest.datadir import resolve_data_dir
    from core.base.problems import DataError, summarised

    try:
        return load_snapshot_cached(resolve_data_dir(args.data))
    except DataError as error:
        return fail(summarised(error.problems))


def _backtest(args) -> int:
    from core.engine.backtest import backtest, backtest_table

    snapshot = _load(args)
    if isinstance(snapshot, int):
        return snapshot
    say(backtest_table(backtest(snapshot.flash)))
    return 0


def _brief(args) -> int:
    import json

    from core.text.brief import brief_json, brief_text, flash_text, review_text
    from core.base.periods import format_period, parse_period

    snapshot = _load(args)
    if isinstance(snapshot, int):
        return snapshot
    directory = snapshot.directory
    try:
        month = parse_period(args.period) if args.period else snapshot.latest
    except ValueError as error:
        return fail([f"--period: {error}"], 2)
    preliminary = month not in snapshot.months and month in snapshot.flash.months
    if month not in snapshot.months and not preliminary:
        covered = f"{format_period(snapshot.months[0])} to {format_period(snapshot.latest)}"
        return fail([f"--period: no release for {format_period(month)} in {directory} (the data covers {covered})"], 2)
    if args.item_set not in snapshot.catalog.set_names("item"):
        known = ", ".join(snapshot.catalog.set_names("item"))
        return fail([f"--set: no item set {args.item_set!r} in the catalog (known: {known})"], 2)
    # The whole text first: should tradetop fail while computing it (main() logs that), none of it prints.
    release = None if preliminary else snapshot.release(month, args.flow, args.item_set)
    if args.json:
        text = json.dumps(brief_json(snapshot, month, release), ensure_ascii=False, indent=1, allow_nan=False)
    elif preliminary:
        text = flash_text(snapshot, snapshot.flash.view(month))
    else:
        review = snapshot.flash.review(month)
        text = brief_text(snapshot, release, args.all_notables) + ("\n\n" + review_text(review) if review else "")
    say(text)
    return 0


def _monitor(args) -> int:
    """Checks what can be checked without loading; the app loads the data itself and shows problems on screen."""
    from core.ingest.datadir import data_files, resolve_data_dir
    from core.base.periods import parse_period

    try:
        month = parse_period(args.period) if args.period else None
    except ValueError as error:
        return fail([f"--period: {error}"], 2)
    directory = resolve_data_dir(args.data)
    if not directory.is_dir():
        return fail([f"{directory}: no such data directory"])
    if not data_files(directory):
        return fail([f"{directory}: no CSV files in the data directory"])
    if not all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr)):
        return fail([NO_TERMINAL], 2)  # Textual would wait for keys that never come and draw into a file
    # Start-up builds what lives on (modules, classes, widgets): collections before the first frame cost about
    # 15 ms and find 2% of the objects garbage. The app turns the collector back on once the frame is drawn.
    gc.disable()
    try:
        from core.runtime.cache import snapshot_cached

        if not snapshot_cached(directory):
            from core.runtime.isolated import start_loading

            # Before Textual is imported: pandas' import and the parse run in the loader process, on another
            # core, while Textual imports and draws the first frame. The app's first load takes its result.
            start_loading(directory)
        from tui.app import TradetopApp

        app = TradetopApp(directory, month)
        app.run()
    finally:
        gc.enable()  # also if start-up failed before the app could
        from core.runtime.isolated import shutdown

        shutdown()  # the loader process ends with the app, also if the app never got to end it
    if app.crash is not None:
        return report_crash(app.crash)
    return app.return_code or 0  # 128 + the signal when one ended it


def main(argv: list[str] | None = None) -> int:
    """Every command: no traceback on the terminal, whatever happens (an unexpected error is logged, tui.crashlog)."""
    try:
        try:
            code = _run(_parser().parse_args(argv))
        finally:
            sys.stdout.flush()  # a reader that has gone shows here (--help too), not in the interpreter's exit
    except BrokenPipeError:
        # `tradetop check | head -1`: the rest of the output is not wanted. Devnull in place of the closed pipe
        # keeps the interpreter's last flush quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            os.dup2(devnull, stream.fileno())
        return CLOSED_PIPE
    except KeyboardInterrupt:
        return INTERRUPTED
    except Exception as error:
        return report_crash(error)
    return code


def _run(args) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "brief":
        return _brief(args)
    if args.command == "backtest":
        return _backtest(args)
    if args.command == "import":
        return sources_cli.run_import(args)
    if args.command == "fetch":
        return sources_cli.run_fetch(args)
    return _monitor(args)


if __name__ == "__main__":
    sys.exit(main())
