"""Shared by the dashboard tests: a copy of the shipped data with fixed file times, and a started app."""

import html
import os
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from core.base.periods import parse_period
from core.base.release_calendar import KST
from core.ingest.datadir import embedded_data_dir

# 2026-08-01 00:00 UTC: the header shows file times, so tests fix them to keep screens reproducible.
FIXED_MTIME = 1_785_542_400
# The apps' "now", for the header's next release: after the shipped data's latest flash (2026-08, days 1-20).
FIXED_NOW = datetime(2026, 8, 21, 10, 0, tzinfo=KST)


PARTIAL_WINDOWS = ("1-10", "1-20")


def copy_of_shipped_data(parent: Path, pending: str | None = None) -> Path:
    """The shipped files, with fixed times. With `pending` (a month): as they stood while that month had only its
    10-day flash out: no rows of later months, and of that month only the windows 1-10 and 1-20."""
    directory = parent / "data"
    shutil.copytree(embedded_data_dir(), directory)
    for path in directory.glob("*.csv") if pending else ():
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        if header.startswith("period,"):
            windowed = header.startswith("period,window,")
            kept = [
                row
                for row in rows
                if row[:7] < pending or (row[:7] == pending and windowed and row.split(",")[1] in PARTIAL_WINDOWS)
            ]
            path.write_text(header + "".join(kept), encoding="utf-8")
    for path in directory.iterdir():
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return directory


def make_app(
    directory: Path,
    period: str | None = "2026-01",
    now: datetime = FIXED_NOW,
    lang: str = "en",
    item_set: str | None = None,
):
    from tui.app import TradetopApp

    return TradetopApp(directory, parse_period(period) if period else None, item_set, clock=lambda: now, lang=lang)


# A run of text in Rich's SVG screenshot: where it starts, its width and its characters (a line's runs share its y).
SVG_TEXT = re.compile(
    r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>'
)


def screen_rows(app) -> str:
    """The screen as rendered, a line of text a row: the runs of Textual's SVG screenshot put back at their columns
    (a styled figure is a run of its own; blank cells have none), their markup unescaped."""
    runs = [
        (float(x), float(y), float(width), html.unescape(text).replace("\xa0", " ").replace("\n", ""))
        for x, y, width, text in SVG_TEXT.findall(app.export_screenshot())
    ]
    cell = min(width / len(text) for _x, _y, width, text in runs if text and text.isascii())  # a wide character is two
    rows: dict[float, dict[int, str]] = {}
    for x, y, _width, text in runs:
        rows.setdefault(y, {})[round(x / cell)] = text
    lines = []
    for _y, placed in sorted(rows.items()):
        line = ""
        for column, text in sorted(placed.items()):
            line = line.ljust(column) + text
        lines.append(line)
    return "\n".join(lines)


class Notice(NamedTuple):
    title: str
    message: str


def record_notifications(app) -> list[Notice]:
    """What the app says in toasts from now on, in order: recorded as it calls App.notify (public), which it
    still does; toasts leave the screen after a few seconds, the record stays."""
    said: list[Notice] = []
    notify = app.notify

    def recording(message, *, title="", **options):
        said.append(Notice(title, message))
        return notify(message, title=title, **options)

    app.notify = recording
    return said


async def wait_for_data(pilot) -> None:
    """Wait until a load has ended (in a snapshot or in problems) and every worker but the file watcher (it
    runs until the app ends) has finished; a load that a newer one cancelled counts as finished."""
    app = pilot.app
    while (app.snapshot is None and not app.problems) or any(
        worker.group != "watch" and not worker.is_finished for worker in app.workers
    ):
        await pilot.pause(0.02)
    await pilot.pause()


@asynccontextmanager
async def opened(directory: Path, period: str | None = "2026-01", size: tuple[int, int] = (80, 24)) -> AsyncIterator:
    """The monitor on `directory` at `period` and `size`, its data in: (app, pilot)."""
    app = make_app(directory, period)
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        yield app, pilot


async def year_to_date_cards(pilot) -> None:
    """`y`, and the cards focused."""
    from tui.widgets.headline_cards import HeadlineCards

    await pilot.press("y")
    pilot.app.screen.query_one(HeadlineCards).focus()


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
