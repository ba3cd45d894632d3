"""`tradetop brief`: the release brief for a month, as text or JSON."""

from tui.cli.snapshot import load
from tui.output import fail, say


def add_command(commands, data, period) -> None:
    parser = commands.add_parser("brief", parents=[data, period], help="the release brief for a month")
    parser.add_argument(
        "--flow", choices=("export", "import"), default="export", help="items and partners of exports or imports"
    )
    parser.add_argument(
        "--set", dest="item_set", default="motie15", help="the item set in force (default: motie15; also motie20)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--all",
        dest="all_notables",
        action="store_true",
        help="list every notable, not only the top ones (JSON always has them all)",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    import json

    from core.base.periods import format_period, parse_period
    from core.text.brief import brief_json, brief_text, flash_text, review_text

    snapshot = load(args)
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
    elif release is None:  # preliminary
        text = flash_text(snapshot, snapshot.flash.view(month))
    else:
        review = snapshot.flash.review(month)
        text = brief_text(snapshot, release, args.all_notables) + ("\n\n" + review_text(review) if review else "")
    say(text)
    return 0
