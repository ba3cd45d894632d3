"""Shared by the dashboard tests: a copy of the shipped data with fixed file times, and a started app."""

import os
import shutil
from pathlib import Path

from core.base.periods import parse_period
from core.ingest.datadir import embedded_data_dir

# 2026-08-01 00:00 UTC: the header shows file times, so tests fix them to keep screens reproducible.
FIXED_MTIME = 1_785_542_400


def copy_of_shipped_data(parent: Path) -> Path:
    directory = parent / "data"
    shutil.copytree(embedded_data_dir(), directory)
    for path in directory.iterdir():
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return directory


def make_app(directory: Path, period: str | None = "2026-01"):
    from tui.app import TradetopApp

    return TradetopApp(directory, parse_period(period) if period else None)


async def wait_for_data(pilot) -> None:
    """Wait until a load has ended (in a snapshot or in problems) and every worker but the file watcher (it
    runs until the app ends) has finished; a load that a newer one cancelled counts as finished."""
    app = pilot.app
    while (app.snapshot is None and not app.problems) or any(
        worker.group != "watch" and not worker.is_finished for worker in app.workers
    ):
        await pilot.pause(0.02)
    await pilot.pause()


async def run_from_palette(pilot, query: str, expected: str) -> None:
    """Type `query` into the command palette and press Enter once its top hit says `expected`: the palette
    searches in the background, so a fixed pause is too short on a slow machine."""
    from textual.command import CommandList

    await pilot.press("ctrl+p", *query)
    for _ in range(250):
        commands = pilot.app.screen.query_one(CommandList)
        if (
            commands.option_count
            and commands.highlighted == 0
            and expected in str(commands.get_option_at_index(0).prompt)
        ):
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError(f"the palette never offered {expected!r} for {query!r}")
    await pilot.press("enter")
    await pilot.pause()


def help_text(app) -> str:
    """What the help screen lists, as text, a line a key however narrow the screen."""
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=300, record=True)
    console.print(app.screen.query_one("#help-keys").content)
    return console.export_text()
