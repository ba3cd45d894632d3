"""Key to updated screen, timed with Textual's Pilot on the shipped data at 80x24 and 120x36:
`[` / `]` (period change), Enter on the item table (drilldown open) and Escape (back).

Usage: python bench/navigation.py [--repeat 20]
"""

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from common import summary
from scale import generate

from textual.screen import Screen

from core.datadir import embedded_data_dir
from tui.app import TradetopApp


PAINTS: list[float] = []
_paint = Screen._compositor_refresh


def _recording_paint(screen) -> None:
    _paint(screen)
    PAINTS.append(time.perf_counter())


Screen._compositor_refresh = _recording_paint  # when the terminal is actually written to


async def _timed(pilot, key: str, settle: float = 0.3) -> float:
    """From the key press to the last paint it caused within `settle` seconds."""
    PAINTS.clear()
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause(settle)
    return max(PAINTS) - start


async def _wait_for_data(pilot) -> None:
    """Until the snapshot has loaded and every worker but the file watcher (it runs as long as the app) has finished."""
    app = pilot.app
    while app.snapshot is None or any(worker.group != "watch" and not worker.is_finished for worker in app.workers):
        await pilot.pause(0.02)
    await pilot.pause()


async def measure(size: tuple[int, int], repeat: int) -> dict[str, list[float]]:
    app = TradetopApp(embedded_data_dir())
    times: dict[str, list[float]] = {"period change ([ / ])": [], "drilldown open (Enter)": [],
                                     "first drilldown open": [], "back (Escape)": []}
    async with app.run_test(size=size) as pilot:
        await _wait_for_data(pilot)
        times["first drilldown open"].append(await _timed(pilot, "enter"))
        await _timed(pilot, "escape")
        for step in range(repeat):
            times["period change ([ / ])"].append(await _timed(pilot, "[" if step % 2 == 0 else "]"))
            times["drilldown open (Enter)"].append(await _timed(pilot, "enter"))
            times["back (Escape)"].append(await _timed(pilot, "escape"))
    return times


async def measure_while_loading(directory: Path) -> tuple[list[float], float]:
    """Key latency (`?` then Escape: the help screen opens and closes) while a big directory loads."""
    app = TradetopApp(directory)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        while app.snapshot is None and not app.problems:
            times.append(await _timed(pilot, "question_mark" if len(times) % 2 == 0 else "escape", settle=0.1))
        loaded = time.perf_counter() - start
    return times, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--while-loading", type=int, default=100, metavar="FACTOR",
                        help="also time keys while SYNTHETIC data this many times the shipped size loads (0: skip)")
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    for size in ((80, 24), (120, 36)):
        for label, seconds in asyncio.run(measure(size, args.repeat)).items():
            print(summary(f"{size[0]}x{size[1]} {label}", seconds))
    if args.while_loading:
        with tempfile.TemporaryDirectory(prefix="tradetop-synthetic-") as temporary:
            rows = generate(Path(temporary), args.while_loading, parquet=False)
            times, loaded = asyncio.run(measure_while_loading(Path(temporary)))
            print(summary(f"keys while {rows:,} synthetic rows load ({loaded:.1f} s)", times))


if __name__ == "__main__":
    main()
