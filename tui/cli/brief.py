"""`tradetop brief`: the release brief for a month, as text, JSON or Markdown."""

from tui.cli.snapshot import add_release_options, item_set, item_set_option, language_option, loaded_month
from tui.output import say


def add_command(commands, data, period) -> None:
    parser = commands.add_parser(
        "brief", parents=[data, period, language_option(), item_set_option()], help="the release brief for a month"
    )
    add_release_options(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "md"),
        default="text",
        help="text (default), JSON for scripts, or Markdown for a chat or a note",
    )
    parser.add_argument("--json", dest="format", action="store_const", const="json", help="the same as --format json")
    parser.add_argument(
        "--all",
        dest="all_notables",
        action="store_true",
        help="list every notable, not only the top ones (JSON always has them all)",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    import json

    from core.base.release_calendar import now, upcoming
    from core.text.brief import (
        brief_json,
        brief_markdown,
        brief_text,
        flash_markdown,
        flash_text,
    )

    chosen = loaded_month(args)
    if isinstance(chosen, int):
        return chosen
    snapshot, month, preliminary = chosen
    # The whole text first: should tradetop fail while computing it (main() logs that), none of it prints.
    lang = args.lang
    release = None if preliminary else snapshot.release(month, args.flow, item_set(args, snapshot, month), lang)
    if args.format == "json":
        next_release = next(iter(upcoming(now(), snapshot.calendar, count=1)), None)
        body = brief_json(snapshot, month, release, next_release, lang)
        text = json.dumps(body, ensure_ascii=False, indent=1, allow_nan=False)
    elif release is None:  # preliminary: only its flash is out
        view = snapshot.flash_view(month, lang)
        main = flash_markdown(snapshot, view, lang) if args.format == "md" else flash_text(snapshot, view, lang)
        text = main if args.format == "md" else _with_flash(snapshot, month, main)
    elif args.format == "md":
        text = brief_markdown(snapshot, release, args.all_notables, lang)
    else:
        text = _with_flash(snapshot, month, brief_text(snapshot, release, args.all_notables, lang))
    say(text)
    return 0


def _with_flash(snapshot, month: int, main: str) -> str:
    """The text brief, then the month's 10-day windows and how the flash nowcasts did, where there are any."""
    from core.text.brief import review_text, windows_text

    review, windows = snapshot.flash.review(month), windows_text(snapshot.flash.windows(month))
    return "\n\n".join(part for part in (main, windows, review and review_text(review)) if part)
