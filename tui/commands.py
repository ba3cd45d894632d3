"""The command palette: "go to month…" and "go to item…" (the items of every set, the partners of the month), and
tradetop's system commands."""

from collections.abc import Callable, Iterable
from functools import partial

from rich.text import Text
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.base.periods import describe_period, format_period
from core.base.subjects import LANGUAGES
from core.views.drilldown_view import Subject
from tui.screens.help import HelpScreen
from tui.screens.state import StateScreen

Command = tuple[str, Callable[[], object], str, tuple[str, ...]]


class TradetopCommands(Provider):
    def _commands(self) -> list[Command]:
        """(text, action, help, aliases) for every item of every item set (the month's first), every partner of the
        month, the preliminary month and every month with a release; an item's or partner's aliases in the catalog
        ("chips") find it too."""
        screen = self.screen  # the one the palette was opened over: all of tradetop's screens know the app
        if not isinstance(screen, StateScreen | HelpScreen):
            return []
        app = screen.monitor
        if app.snapshot is None:
            return []
        release, catalog = app.release(), app.snapshot.catalog.in_language(app.lang)
        # The month's set first; then the other sets' items, which a drilldown shows as well ("Cosmetics" in 2025).
        items = dict.fromkeys(
            code
            for item_set in (app.item_set, *catalog.set_names("item"))
            for code in catalog.members(item_set, "item")
        )
        commands: list[Command] = [
            (
                f"go to item {catalog.name('item', code)}",
                partial(app.drill, Subject("item", code)),
                "drill down",
                catalog.aliases("item", code),
            )
            for code in items
        ]
        commands += [
            (
                f"go to partner {row.name}",
                partial(app.drill, Subject("partner", row.code)),
                "drill down",
                catalog.aliases("partner", row.code),
            )
            for row in release.partners
        ]
        pending = app.snapshot.flash.pending
        if pending is not None:
            commands.append(
                (
                    f"go to month {format_period(pending)} ({describe_period(pending)}, preliminary)",
                    app.show_flash,
                    "show the month's 10-day flash",
                    (),
                )
            )
        commands += [
            (
                f"go to month {format_period(month)} ({describe_period(month)})",
                partial(app.go_to_month, month),
                "show this month's release",
                (),
            )
            for month in reversed(app.snapshot.months)
        ]
        return commands

    async def discover(self) -> Hits:
        for text, action, help_text, _aliases in self._commands()[:12]:
            yield DiscoveryHit(Text(text), action, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text, aliases in self._commands():
            score, shown = matcher.match(text), text
            for alias in aliases:  # "chips" finds "go to item Semiconductors (chips)"
                if score <= 0 and matcher.match(alias) > 0:
                    score, shown = matcher.match(alias), f"{text} ({alias})"
            if score > 0:
                # Names come from data files: shown as plain Text, never parsed as markup.
                yield Hit(score, Text(shown), action, text=shown, help=help_text)


def system_commands(app, textual: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """The app's (tui.app.TradetopApp, which imports this module when the palette first opens): Textual's, with
    its Screenshot (which saves to ~/Downloads) replaced by tradetop's, the story and Copy."""
    for command in textual:
        if command.title != "Screenshot":
            yield command
    # After a pause, as Textual's own: the palette closes first, so that it is neither shot nor copied from.
    yield SystemCommand(
        "Screenshot",
        "SVG into $TRADETOP_SCREENSHOTS, else the current directory (key p)",
        lambda: app.set_timer(0.1, app.action_save_screenshot),
    )
    yield SystemCommand(
        "Story: every notable of the month, by subject",
        "Searchable; Enter opens a subject (key n)",
        app.show_story,
    )
    other = next(name for code, name in LANGUAGES.items() if code != app.lang)
    yield SystemCommand(
        f"Language: names in {other}",
        "Items, partners and headline lines, everywhere names appear (key L)",
        app.action_switch_language,
    )
    yield SystemCommand(
        "Copy the focused table (TSV, CSV with tabs) or text",
        "To the clipboard, over SSH too: a spreadsheet pastes it as cells (key c)",
        lambda: app.set_timer(0.1, app.action_copy),
    )
