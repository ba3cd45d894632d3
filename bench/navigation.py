"""Key to updated screen, timed with Textual's Pilot on the shipped data at 80x24 and 120x36:
`[` / `]` (period change), Enter on the item table (drilldown open) and Escape (back), and `[` from 2026-07 down 24
months, each a month not shown before (browsing back). With --pending, on the shipped data as it stood while 2026-08
had only its 10-day flash (tests/conftest.py's flash_pending): there `[` / `]` step off and onto the latest release,
2026-07, over which the preliminary strip is whole (one line elsewhere).

Each is timed to the last paint that changed a cell on screen (the screen is then up to date), and to the
last repaint of any kind, which may write the same cells again.

Usage: python bench/navigation.py [--repeat 20]
"""

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from common import summary
from dashboard_helpers import copy_of_shipped_data, wait_for_data
from rich.cells import cell_len
from rich.control import ControlType
from scale import generate
from textual._compositor import CompositorUpdate
from textual.app import App

from core.base.periods import parse_period
from core.ingest.datadir import embedded_data_dir
from tui.app import TradetopApp


class ScreenCells:
    """The terminal as the app's writes leave it, cell by cell: tells a paint that changes what is on screen
    from one that writes the same cells again (Textual repaints a restyled scroll view's scrollbars a frame
    after the screen, unchanged)."""

    def __init__(self):
        self.cells: dict[tuple[int, int], tuple[str, object]] = {}

    def apply(self, app, update) -> bool:
        """Writes `update` (a compositor update) into the cells; True if any cell changed."""
        changed, x, y = False, 0, 0
        for segment in update.__rich_console__(app.console, app.console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                continue  # each line of an update starts with a cursor move
            for character in segment.text:
                cell = (character, segment.style)
                if self.cells.get((x, y)) != cell:
                    self.cells[(x, y)] = cell
                    changed = True
                x += cell_len(character)
        return changed


# The latest month with item detail, as the figures in the README were taken: there Enter opens a drilldown (on
# 2026-09, whose item and region detail is not in the data yet, it goes to this month).
MONTH = parse_period("2026-07")
BROWSED = 24  # months stepped back from MONTH by browse_back
SCREEN = ScreenCells()
PAINTS: list[tuple[float, object]] = []  # (when it was written, the compositor update)
_display = App._display


def _recording_display(app, screen, update) -> None:
    _display(app, screen, update)
    if isinstance(update, CompositorUpdate):
        PAINTS.append((time.perf_counter(), update))  # read after the timing: updates hold immutable strips


App._display = _recording_display  # every compositor update, as it would be written to the terminal


async def _timed(pilot, key: str, settle: float = 0.3) -> tuple[float, float]:
    """From the key press to the last paint it caused within `settle` seconds that changed the screen, and to
    the last paint of any kind. Checks that the cells so tracked are what a full render of the screen shows."""
    app = pilot.app
    PAINTS.clear()
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause(settle)
    changed = [when for when, update in PAINTS if SCREEN.apply(app, update)]
    if not changed:
        raise RuntimeError(f"{key!r} changed nothing on screen within {settle} s")
    shown = ScreenCells()
    shown.apply(app, app.screen._compositor.render_full_update())
    if not shown.cells.items() <= SCREEN.cells.items():
        raise RuntimeError(f"after {key!r} the tracked cells differ from a full render: the timing cannot be trusted")
    return max(changed) - start, PAINTS[-1][0] - start


async def measure(size: tuple[int, int], repeat: int, directory: Path) -> dict[str, list[float]]:
    """Key to the screen updated, and to the last repaint (which may write unchanged cells again)."""
    app = TradetopApp(directory, MONTH)
    times: dict[str, list[float]] = {}

    async def timed(label: str, key: str) -> None:
        updated, settled = await _timed(pilot, key)
        times.setdefault(label, []).append(updated)
        times.setdefault(f"{label}, last repaint", []).append(settled)

    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        await _timed(pilot, "enter")  # the first drilldown composes its screen: timed apart, in fresh apps
        await _timed(pilot, "escape")
        for step in range(repeat):
            await timed("period change ([ / ])", "[" if step % 2 == 0 else "]")
            await timed("drilldown open (Enter)", "enter")
            await timed("back (Escape)", "escape")
        # Between two months before the latest release, where the preliminary strip (if any) stays one line.
        await _timed(pilot, "[")
        await _timed(pilot, "[")
        for step in range(repeat):
            await timed("period change, earlier months", "[" if step % 2 == 0 else "]")
    return times


async def browse_back(size: tuple[int, int], directory: Path, months: int = BROWSED) -> list[float]:
    """`[` from MONTH down `months` months, as a user browsing back: every step a month not shown before."""
    app = TradetopApp(directory, MONTH)
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        SCREEN.apply(app, app.screen._compositor.render_full_update())  # the cells another app's keys left
        return [(await _timed(pilot, "["))[0] for _ in range(months)]


async def first_drilldown_open(size: tuple[int, int], directory: Path) -> tuple[float, float]:
    """The first Enter of a fresh app, which composes the drilldown screen."""
    app = TradetopApp(directory, MONTH)
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        return await _timed(pilot, "enter")


async def measure_while_loading(directory: Path) -> tuple[list[float], float]:
    """Key latency (`?` then Escape: the help screen opens and closes) while a big directory loads."""
    app = TradetopApp(directory)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        while app.snapshot is None and not app.problems:
            updated, _settled = await _timed(pilot, "question_mark" if len(times) % 2 == 0 else "escape", settle=0.1)
            times.append(updated)
        loaded = time.perf_counter() - start
    return times, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--fresh-apps", type=int, default=7, help="apps started to time the first drilldown open")
    parser.add_argument(
        "--while-loading",
        type=int,
        default=100,
        metavar="FACTOR",
        help="also time keys while SYNTHETIC data this many times the shipped size loads (0: skip)",
    )
    parser.add_argument("--pending", action="store_true", help="on the data of 2026-08-21: 2026-08 only in its flash")
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    directory = copy_of_shipped_data(Path(tempfile.mkdtemp()), "2026-08") if args.pending else embedded_data_dir()
    for size in ((80, 24), (120, 36)):
        for label, seconds in asyncio.run(measure(size, args.repeat, directory)).items():
            print(summary(f"{size[0]}x{size[1]} {label}", seconds))
        browsed = asyncio.run(browse_back(size, directory))
        print(summary(f"{size[0]}x{size[1]} browsing back {BROWSED} months ([)", browsed))
        first = [asyncio.run(first_drilldown_open(size, directory)) for _ in range(args.fresh_apps)]
        print(summary(f"{size[0]}x{size[1]} first drilldown open", [updated for updated, _ in first]))
        print(summary(f"{size[0]}x{size[1]} first drilldown open, last repaint", [settled for _, settled in first]))
    if args.while_loading:
        with tempfile.TemporaryDirectory(prefix="tradetop-synthetic-") as temporary:
            rows = generate(Path(temporary), args.while_loading, parquet=False)
            times, loaded = asyncio.run(measure_while_loading(Path(temporary)))
            print(summary(f"keys while {rows:,} synthetic rows load ({loaded:.1f} s)", times))


if __name__ == "__main__":
    main()
