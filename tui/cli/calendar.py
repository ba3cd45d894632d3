"""`tradetop calendar`: the next releases, by the rule and the data directory's calendar.csv."""

import argparse

from tui.cli.snapshot import load
from tui.output import say

DEFAULT_COUNT = 6


def add_command(commands, data, period) -> None:
    parser = commands.add_parser("calendar", parents=[data], help="the next releases and when they come out")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        type=_day,
        help="list the releases from this day on, at 00:00 KST (default: now)",
    )
    parser.add_argument(
        "--count", type=_count, default=DEFAULT_COUNT, help=f"how many to list (default: {DEFAULT_COUNT})"
    )
    parser.set_defaults(run=run)


def _day(text: str):
    from datetime import datetime, time

    from core.base.release_calendar import KST, NOT_A_DAY, parse_day

    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} {NOT_A_DAY}")
    return datetime.combine(day, time(0), KST)


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count (expected a number from 1 to 100)")
    return int(text)


def run(args) -> int:
    from core.base import fmt
    from core.base.release_calendar import missed, now, upcoming
    from core.text.releases import calendar_text

    snapshot = load(args)
    if isinstance(snapshot, int):
        return snapshot
    moment = args.start or now()
    directory = fmt.printable(str(snapshot.directory))
    out = missed(moment, snapshot.calendar, snapshot.latest)
    say(calendar_text(upcoming(moment, snapshot.calendar, args.count), moment, directory, out))
    return 0
