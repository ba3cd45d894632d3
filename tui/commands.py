"""The command palette: "go to month…" and "go to item…" (items and partners of the month)."""

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.base.periods import describe_period, format_period
from core.views.drilldown_view import Subject
from tui.screens.help import HelpScreen
from tui.screens.state import StateScreen


class TradetopCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(text, action, help) for every item and partner of the month, the preliminary month and every month
        with a release."""
        screen = self.screen  # the one the palette was opened over: all of tradetop's screens know the app
        if not isinstance(screen, StateScreen | HelpScreen):
            return []
        app = screen.monitor
        if app.snapshot is None:
            return []
        release = app.release()
        commands: list[tuple[str, Callable[[], object], str]] = [
            (f"go to item {row.name}", partial(app.drill, Subject("item", row.code)), "drill down")
            for row in release.items
        ]
        commands += [
            (f"go to partner {row.name}", partial(app.drill, Subject("partner", row.code)), "drill down")
            for row in release.partners
        ]
        pending = app.snapshot.flash.pending
        if pending is not None:
            commands.append(
                (
                    f"go to month {format_period(pending)} ({describe_period(pending)}, preliminary)",
                    app.show_flash,
                    "show the month's 10-day flash",
                )
            )
        commands += [
            (
                f"go to month {format_period(month)} ({describe_period(month)})",
                partial(app.go_to_month, month),
                "show this month's release",
            )
            for month in reversed(app.snapshot.months)
        ]
        return commands

    async def discover(self) -> Hits:
        for text, action, help_text in self._commands()[:12]:
            yield DiscoveryHit(Text(text), action, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                # Names come from data files: shown as plain Text, never parsed as markup.
                yield Hit(score, Text(text), action, text=text, help=help_text)
