"""The snapshot a command computes from (the monitor's cache when the files are unchanged: no pandas), and the
month and item set a command's options choose in it."""

import argparse

from core.base.subjects import FLOWS, LANGUAGES
from tui.output import fail


def load(args):
    """The snapshot of --data (from the monitor's cache when the files are unchanged: no pandas), or the exit
    code after reporting why it cannot be loaded."""
    from core.base.problems import DataError, summarised
    from core.ingest.datadir import resolve_data_dir
    from core.runtime.cache import load_snapshot_cached

    try:
        return load_snapshot_cached(resolve_data_dir(args.data))
    except DataError as error:
        return fail(summarised(error.problems))


def language_option() -> argparse.ArgumentParser:
    """--lang, for the commands that show names, before or after the command as --data and --period are (tui.cli's
    parser: its default comes with the namespace parsing starts from)."""
    parent = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    choices = ", ".join(f"{code} {name}" for code, name in LANGUAGES.items())  # en English, ko 한국어
    parent.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        help=f"the names of items, partners and headline lines: {choices} (default: en)",
    )
    return parent


def item_set_option() -> argparse.ArgumentParser:
    """--set, for the monitor and the commands that show a month's release, before or after the command as --lang
    is (its default, None, comes with the namespace parsing starts from)."""
    parent = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    parent.add_argument(
        "--set",
        dest="item_set",
        metavar="SET",
        help="the item set: motie15 or motie20 (default: the one the release used in the month)",
    )
    return parent


def add_release_options(parser) -> None:
    """--flow, for the commands that show a month's release (--set is item_set_option's)."""
    parser.add_argument(
        "--flow", choices=tuple(FLOWS), default="export", help="items and partners of exports or imports"
    )


def item_set(args, snapshot, month: int) -> str:
    """--set, else the item set the release used in the month (the catalog says from when)."""
    from core.views.navigation import item_set_shown

    return item_set_shown(snapshot, month, args.item_set)


def loaded_month(args):
    """The snapshot, the month --period names (default: the latest release) and whether it is preliminary (only
    its 10-day flash is out), with --set checked against the data; or the exit code after saying why not."""
    from core.views.navigation import asked_month, brief_month

    snapshot = load(args)
    if isinstance(snapshot, int):
        return snapshot

    try:
        month, preliminary = brief_month(snapshot, asked_month(args.period))
    except ValueError as error:  # what is wrong with --period, or that the data has no such month
        return fail([str(error)], 2)
    if args.item_set is not None and args.item_set not in snapshot.catalog.set_names("item"):
        known = ", ".join(snapshot.catalog.set_names("item"))
        return fail([f"--set: no item set {args.item_set!r} in the catalog (known: {known})"], 2)
    return snapshot, month, preliminary
