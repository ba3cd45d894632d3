"""The `tradetop` command: the monitor, and one module per subcommand (check, brief, export, backtest, calendar,
import, fetch).

Only argparse and core are imported up front; pandas comes with core, Textual only for the monitor. The monitor's
own options are parsed without the commands' parsers (a lean parser): the first frame does not wait for them.
"""

import argparse
import os
import sys

from core import __version__
from core.base.subjects import ENGLISH
from tui.cli import monitor
from tui.cli.snapshot import item_set_option, language_option
from tui.crashlog import report_crash

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C
CLOSED_PIPE = 141  # 128 + SIGPIPE, as a shell reports `yes | head -1`
NO_TERMINAL = monitor.NO_TERMINAL
COMMAND_NAMES = frozenset(("check", "brief", "export", "backtest", "calendar", "import", "fetch", "serve"))
HELP = frozenset(("-h", "--help"))


def parser(commands: bool = True) -> argparse.ArgumentParser:
    """--data, --period, --lang and --set go before or after the command: declared once each, in parent parsers
    whose defaults are suppressed, so that a command's namespace does not overwrite the global ones (argparse copies
    it over). Their defaults come with the namespace `parse` starts from: set_defaults would set them on the shared
    actions."""
    data = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    data.add_argument("--data", metavar="DIR", help="data directory (default: $TRADETOP_DATA, else the embedded data)")
    period = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    period.add_argument("--period", metavar="YYYY-MM", help="the month (default: the latest in the data)")
    top = argparse.ArgumentParser(
        prog="tradetop",
        description="htop for Korea's monthly trade statistics.",
        parents=[data, period, language_option(), item_set_option()],
        add_help=commands,
        exit_on_error=commands,
    )
    top.set_defaults(run=monitor.run)
    top.add_argument("--version", action="version", version=f"tradetop {__version__}")
    if commands:
        from tui.cli import backtest, brief, calendar, check, export, serve, sources

        subparsers = top.add_subparsers(dest="command")
        for command in (check, brief, export, backtest, calendar, sources, serve):
            command.add_command(subparsers, data, period)
    return top


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The monitor's options by the lean parser where no command or help is asked for and it takes every argument;
    anything else, errors included, by the full parser, which says what is wrong as it always has."""
    tokens = sys.argv[1:] if argv is None else argv
    if not COMMAND_NAMES.intersection(tokens) and not HELP.intersection(tokens):
        try:
            args, rest = parser(commands=False).parse_known_args(tokens, _defaults())
        except argparse.ArgumentError:
            rest = tokens
        if not rest:
            return args
    return parser().parse_args(tokens, _defaults())


def _defaults() -> argparse.Namespace:
    return argparse.Namespace(data=None, period=None, lang=ENGLISH, item_set=None)


def main(argv: list[str] | None = None) -> int:
    """Every command: no traceback on the terminal, whatever happens (an unexpected error is logged, tui.crashlog)."""
    # Its arrays are small and none is multiplied: OpenBLAS's threads, one a core started as numpy is imported (in
    # the loader process too), would only spend CPU, about 45 ms of it on each start. Set before numpy is imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        try:
            args = parse(argv)
            code = args.run(args)
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
