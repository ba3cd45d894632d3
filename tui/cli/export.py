"""`tradetop export`: one of a month's tables as CSV, JSON or Markdown, on stdout or in a file."""

from pathlib import Path

from core.base.subjects import CARD_LINES
from tui.cli.snapshot import add_release_options, item_set, item_set_option, language_option, loaded_month
from tui.output import fail, say

TABLES = ("headline", "items", "partners", "balances", "notables", "history")
FORMATS = ("csv", "json", "md")
KNOWN_CODES_LISTED = 30
SUBJECT_OPTIONS = {"item": "--item", "partner": "--partner", "headline": "--line"}


def add_command(commands, data, period) -> None:
    parser = commands.add_parser(
        "export",
        parents=[data, period, language_option(), item_set_option()],
        help="a month's table as CSV, JSON or Markdown, for a spreadsheet or a chat",
    )
    parser.add_argument(
        "--table",
        choices=TABLES,
        required=True,
        help="the month's headline lines, items, partners, partners' balances (both flows) or notables, or a "
        "subject's months to --period (history)",
    )
    subject = parser.add_mutually_exclusive_group()
    subject.add_argument("--item", metavar="CODE", help="--table history: an item's months (e.g. semiconductors)")
    subject.add_argument("--partner", metavar="CODE", help="--table history: a partner's months (e.g. china)")
    subject.add_argument(
        "--line", choices=[line.code for line in CARD_LINES], help="--table history: a headline line's months"
    )
    add_release_options(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv (default; plain numbers: US dollars, percent), json, or md (a Markdown table for a chat)",
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE, replacing it (never in the data directory)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from core.base.periods import format_period
    from core.ingest.datadir import embedded_data_dir, within, write_replacing
    from core.text import export

    chosen = loaded_month(args)
    if isinstance(chosen, int):
        return chosen
    snapshot, month, preliminary = chosen
    if preliminary:
        period = format_period(month)
        flash_only = f"--period: {period} has only its 10-day flash, no release to export"
        return fail([f"{flash_only} (see `tradetop brief --period {period}`)"], 2)
    subject = _subject(args)
    if args.table == "history":
        if subject is None:
            return fail(["--table history: name its subject: --item CODE, --partner CODE or --line LINE"], 2)
        unknown = _unknown_subject(snapshot, args.flow, *subject)
        if unknown:
            return fail([unknown], 2)
    elif subject is not None:
        return fail([f"{SUBJECT_OPTIONS[subject[0]]}: only with --table history"], 2)
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and any(within(out, directory) for directory in (snapshot.directory, embedded_data_dir())):
        return fail([f"--out: {out} is in the data directory, which tradetop never writes; choose another place"], 2)
    release = snapshot.release(month, args.flow, item_set(args, snapshot, month), args.lang)
    if subject is not None:  # --table history
        dimension, code = subject
        table = export.history_table(snapshot, dimension, code, month, None, args.flow, args.lang)
    elif args.table == "headline":
        table = export.headline_table(release, args.lang)
    elif args.table == "notables":
        table = export.notables_table(release)
    elif args.table == "balances":
        table = export.balances_table(release.partner_balances, release)
    else:
        dimension = args.table.removesuffix("s")
        table = export.rows_table(dimension, release.items if dimension == "item" else release.partners, release)
    text = export.FORMATS[args.format](table)
    if out is None:
        say(text.rstrip("\n"))
        return 0
    try:
        write_replacing(out, text if text.endswith("\n") else text + "\n")
    except OSError as error:
        return fail([f"--out: cannot write {out}: {error.strerror or error}"])
    return 0


def _subject(args) -> tuple[str, str] | None:
    """The (dimension, code) of --item, --partner or --line (a headline line), if one is given."""
    chosen = {"item": args.item, "partner": args.partner, "headline": args.line}
    return next(((dimension, code) for dimension, code in chosen.items() if code is not None), None)


def _unknown_subject(snapshot, flow: str, dimension: str, code: str) -> str | None:
    """Why the data has no series for an item or partner code, with the codes it has; None if it has one."""
    from core.base.catalog import TOTAL_ITEM, WORLD

    if dimension == "headline" or len(snapshot.subject_series(dimension, code, flow)):
        return None
    if dimension == "item":
        known = sorted(
            item for f, item, partner in snapshot.trade if f == flow and partner == WORLD and item != TOTAL_ITEM
        )
    else:
        known = sorted(
            partner for f, item, partner in snapshot.trade if f == flow and item == TOTAL_ITEM and partner != WORLD
        )
    listed = ", ".join(known[:KNOWN_CODES_LISTED]) + (
        f", … ({len(known)} in all)" if len(known) > KNOWN_CODES_LISTED else ""
    )
    return f"--{dimension}: no {flow}s of {code!r} in the data (codes: {listed})"
