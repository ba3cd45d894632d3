"""`tradetop serve`: the monitor in a web browser, through textual-serve. Each browser tab that opens the page runs
its own monitor (`tradetop` with this command's --data, --period and --lang) and sees what a terminal would.

Bound to this machine (127.0.0.1) unless --host says otherwise, with a warning then: the page has no login, and
whoever reaches it sees the data. Nothing in the page changes a file: the monitor never writes the data directory,
and in a browser its screenshot key sends the SVG to the browser rather than save it (tui.screenshot).
"""

import shlex
import sys

from tui.cli.snapshot import language_option
from tui.output import fail, say

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NOT_INSTALLED = "tradetop serve needs textual-serve: pip install 'tradetop[serve]'"


def port(text: str) -> int:
    """A TCP port number, 1 to 65535 (argparse says "invalid port value" otherwise)."""
    number = int(text)
    if not 1 <= number <= 65535:
        raise ValueError(text)
    return number


def add_command(commands, data, period) -> None:
    parser = commands.add_parser(
        "serve",
        parents=[data, period, language_option()],
        help="the monitor in a web browser (textual-serve), on this machine only unless --host says otherwise",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only; 0.0.0.0: every network, warned)",
    )
    parser.add_argument(
        "--port", type=port, default=DEFAULT_PORT, help=f"the port to listen on (default: {DEFAULT_PORT})"
    )
    parser.set_defaults(run=run)


def monitor_command(args, directory) -> str:
    """The shell command textual-serve runs for each browser tab: this Python's `tradetop`, quoted."""
    words = [sys.executable, "-m", "tui.cli", "--data", str(directory), "--lang", args.lang]
    if args.period:
        words += ["--period", args.period]
    return shlex.join(words)


def run(args) -> int:
    from core.ingest.datadir import data_files, resolve_data_dir
    from core.views.navigation import asked_month

    try:
        asked_month(args.period)  # refused here, not in each tab
    except ValueError as error:
        return fail([str(error)], 2)
    directory = resolve_data_dir(args.data).resolve()  # the monitors run from the same directory, but say it whole
    if not directory.is_dir():
        return fail([f"{directory}: no such data directory"])
    if not data_files(directory):
        return fail([f"{directory}: no CSV files in the data directory"])
    try:
        from textual_serve.server import Server
    except ImportError:
        return fail([NOT_INSTALLED], 2)
    if args.host not in LOCAL_HOSTS:
        say(
            f"tradetop serve: warning: listening on {args.host}, not on this machine only: anyone who can reach "
            f"port {args.port} there sees the monitor, with no login (the default, --host {DEFAULT_HOST}, keeps it "
            "local)",
            sys.stderr,
        )
    server = Server(monitor_command(args, directory), host=args.host, port=args.port, title="tradetop")
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        return fail([f"--host {args.host} --port {args.port}: {error.strerror or error}"])
    return 0
