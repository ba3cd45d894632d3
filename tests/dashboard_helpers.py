"""Shared by the dashboard tests: a copy of the shipped data with fixed file times, and a started app."""

import os
import shutil
from pathlib import Path

from core.datadir import embedded_data_dir
from core.periods import parse_period

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
    """Wait for the loads under way; the file watcher runs until the app ends."""
    loads = [worker for worker in pilot.app.workers if worker.group == "load" and not worker.is_cancelled]
    if loads:  # an empty list would mean every worker, the watcher too
        await pilot.app.workers.wait_for_complete(loads)
    await pilot.pause()
