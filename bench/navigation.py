"""Key to updated screen, timed with Textual's Pilot on the shipped data at 80x24 and 120x36:
`[` / `]` (period change), Enter on the item table (drilldown open) and Escape (back).

Usage: python bench/navigation.py [--repeat 20]
"""

import argparse
import asyncio
import os
import tempfile
import time

from common import summary

from textual.screen import Screen

from core.datadir import embedded_data_dir
from tui.app import TradetopApp


PAINTS: list[float] = []
_paint = Screen._compositor_refresh


def _recording_paint(screen) -> None:
    _paint(screen)
    PAINTS.append(time.perf_counter())


Screen._compositor_refresh = _recording_paint  # when the terminal is actually written to


async def _timed(pilot, key: str) -> float:
    """From the key press to the last paint it caused."""
    PAINTS.clear()
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)  # long enough for every repaint the key causes
    return max(PAINTS) - start


async def measure(size: tuple[int, int], repeat: int) -> dict[str, list[float]]:
    app = TradetopApp(embedded_data_dir())
    times: dict[str, list[float]] = {"period change ([ / ])": [], "drilldown open (Enter)": [],
                                     "first drilldown open": [], "back (Escape)": []}
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        times["first drilldown open"].append(await _timed(pilot, "enter"))
        await _timed(pilot, "escape")
        for step in range(repeat):
            times["period change ([ / ])"].append(await _timed(pilot, "[" if step % 2 == 0 else "]"))
            times["drilldown open (Enter)"].append(await _timed(pilot, "enter"))
            times["back (Escape)"].append(await _timed(pilot, "escape"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    for size in ((80, 24), (120, 36)):
        for label, seconds in asyncio.run(measure(size, args.repeat)).items():
            print(summary(f"{size[0]}x{size[1]} {label}", seconds))


if __name__ == "__main__":
    main()
