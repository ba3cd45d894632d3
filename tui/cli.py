"""The `tradetop` command: the monitor, `check`, `brief`, `backtest`, and `import`/`fetch` (tui.sources_cli).

Only argparse and core are imported up front; pandas comes with core, Textual only for the monitor.
"""

import argparse
import gc
import sys

from core import __version__
from tui import sources_cli


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


def _fail(lines: list[str] | tuple, code: int = 1) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return code


def _fault(args, error: Exception) -> int:
    """An error in tradetop itself, not in the data (which `check` reports): one line, never a traceback."""
    return _fail([f"tradetop {args.command}: an error in tradetop, please report it ({type(error).__name__}: {error})"])


def _check(args) -> int:
    from core.datadir import resolve_data_dir
    from core.loader import load_directory
    from core.problems import DataError

    directory = resolve_data_dir(args.data)
    try:
        dataset = load_directory(directory)
    except DataError as error:
        return _fail([str(problem) for problem in error.problems]
                     + [f"{sum(not p.is_warning for p in error.problems)} problem(s) in {directory}"])
    except Exception as error:
        return _fault(args, error)
    for warning in dataset.warnings:
        print(warning)
    rows = len(dataset.trade) + len(dataset.revisions) + len(dataset.flash)
    print(f"{directory}: {len(dataset.files)} files, {rows:,} rows, no errors, {len(dataset.warnings)} warning(s)")
    return 0


def _load(args):
    """The snapshot of --data, or the exit code after reporting why it cannot be loaded."""
    from core.datadir import resolve_data_dir
    from core.indicators import load_snapshot
    from core.problems import DataError

    try:
        return load_snapshot(resolve_data_dir(args.data))
    except DataError as error:
        return _fail([str(problem) for problem in error.problems])
    except Exception as error:
        return _fault(args, error)


def _backtest(args) -> int:
    from core.backtest import backtest, backtest_table

    snapshot = _load(args)
    if isinstance(snapshot, int):
        return snapshot
    try:
        table = backtest_table(backtest(snapshot.flash))
    except Exception as error:
        return _fault(args, error)
    print(table)
    return 0


def _brief(args) -> int:
    import json

    from core.brief import brief_json, brief_text, flash_text, review_text
    from core.periods import format_period, parse_period

    snapshot = _load(args)
    if isinstance(snapshot, int):
        return snapshot
    directory = snapshot.directory
    try:
        month = parse_period(args.period) if args.period else snapshot.latest
    except ValueError as error:
        return _fail([f"--period: {error}"], 2)
    preliminary = month not in snapshot.months and month in snapshot.flash.months
    if month not in snapshot.months and not preliminary:
        covered = f"{format_period(snapshot.months[0])} to {format_period(snapshot.latest)}"
        return _fail([f"--period: no release for {format_period(month)} in {directory} (the data covers {covered})"], 2)
    if args.item_set not in snapshot.catalog.set_names("item"):
        known = ", ".join(snapshot.catalog.set_names("item"))
        return _fail([f"--set: no item set {args.item_set!r} in the catalog (known: {known})"], 2)
    try:  # the whole text first: a fault while computing it prints nothing of it
        release = None if preliminary else snapshot.release(month, args.flow, args.item_set)
        if args.json:
            text = json.dumps(brief_json(snapshot, month, release), ensure_ascii=False, indent=1, allow_nan=False)
        elif preliminary:
            text = flash_text(snapshot, snapshot.flash.view(month))
        else:
            review = snapshot.flash.review(month)
            text = brief_text(snapshot, release, args.all_notables) + ("\n\n" + review_text(review) if review else "")
    except Exception as error:
        return _fault(args, error)
    print(text)
    return 0


def _monitor(args) -> int:
    """Checks what can be checked without loading; the app loads the data itself and shows problems on screen."""
    from core.datadir import data_files, resolve_data_dir
    from core.periods import parse_period

    try:
        month = parse_period(args.period) if args.period else None
    except ValueError as error:
        return _fail([f"--period: {error}"], 2)
    directory = resolve_data_dir(args.data)
    if not directory.is_dir():
        return _fail([f"{directory}: no such data directory"])
    if not data_files(directory):
        return _fail([f"{directory}: no CSV files in the data directory"])
    # Start-up builds what lives on (modules, classes, widgets): collections before the first frame cost about
    # 15 ms and find 2% of the objects garbage. The app turns the collector back on once the frame is drawn.
    gc.disable()
    try:
        from tui.app import TradetopApp

        TradetopApp(directory, month).run()
    finally:
        gc.enable()  # also if start-up failed before the app could
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
