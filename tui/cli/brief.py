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

    from core.text.brief import brief_json, brief_text, flash_text, review_text
    from core.views.navigation import asked_month, brief_month

    snapshot = load(args)
    if isinstance(snapshot, int):
        return snapshot
    try:
        month, preliminary = brief_month(snapshot, asked_month(args.period))
    except ValueError as error:  # what is wrong with --period, or that the data has no such month
        return fail([str(error)], 2)
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
