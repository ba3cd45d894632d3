"""Where a period change (`[` / `]`) spends its time on the main screen: show_state, layout (reflow),
and each widget's share of the compositor render, timed with perf_counter wrappers (no profiler).

Usage: python bench/render_profile.py [--repeat 20] [--no-precompute]
"""

import argparse
import asyncio
import gc
import os
import statistics
import tempfile
import time
from collections import defaultdict

import common  # noqa: F401  (puts the repo on sys.path)
from dashboard_helpers import wait_for_data
from textual import widget as widget_module
from textual._compositor import Compositor
from textual.screen import Screen

from core.ingest.datadir import embedded_data_dir
from tui import app as app_module
from tui.app import TradetopApp

TOTALS: dict[str, float] = defaultdict(float)  # label -> seconds, for one key press
PAINTS: list[float] = []
_depth = [0]
_gc_started = [0.0]


def timed(label_of, function):
    def wrapper(*args, **kwargs):
        outer = _depth[0] == 0
        _depth[0] += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if outer:
                TOTALS[label_of(args)] += time.perf_counter() - start

    return wrapper


def install() -> None:
    # Every class that defines render_lines: time the outermost call per widget, by the widget's class.
    classes = {widget_module.Widget}
    pending = [widget_module.Widget]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in classes:
                classes.add(sub)
                pending.append(sub)
    for cls in classes:
        if "render_lines" in cls.__dict__:
            cls.render_lines = timed(
                lambda args: f"render {type(args[0]).__name__}#{args[0].id or ''}", cls.__dict__["render_lines"]
            )
    paint = Screen._compositor_refresh

    def recording_paint(screen):
        start = time.perf_counter()
        paint(screen)
        end = time.perf_counter()
        TOTALS["compositor_refresh (all)"] += end - start
        TOTALS["paints"] += 1
        PAINTS.append(end)

    Screen._compositor_refresh = recording_paint
    refresh_layout = Screen._refresh_layout

    def timed_layout(screen, *args, **kwargs):
        start = time.perf_counter()
        refresh_layout(screen, *args, **kwargs)
        TOTALS["_refresh_layout (incl. its paint)"] += time.perf_counter() - start
        TOTALS["layouts"] += 1

    Screen._refresh_layout = timed_layout
    reflow = Compositor.reflow

    def timed_reflow(compositor, *args):
        start = time.perf_counter()
        result = reflow(compositor, *args)
        TOTALS["reflow (layout)"] += time.perf_counter() - start
        return result

    Compositor.reflow = timed_reflow
    show_state = app_module.TradetopApp.show_state

    def timed_show_state(app):
        start = time.perf_counter()
        show_state(app)
        TOTALS["show_state"] += time.perf_counter() - start

    app_module.TradetopApp.show_state = timed_show_state


def _gc_timer(phase, info):
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        TOTALS[f"gc gen{info['generation']}"] += time.perf_counter() - _gc_started[0]


async def measure(size, repeat, precompute, walk=False) -> tuple[list[float], dict[str, list[float]]]:
    app = TradetopApp(embedded_data_dir())
    if not precompute:
        app.precompute_reachable = lambda: None
    latencies, per_label = [], defaultdict(list)
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        for step in range(repeat + 2):
            TOTALS.clear()
            PAINTS.clear()
            start = time.perf_counter()
            await pilot.press("[" if walk or step % 2 == 0 else "]")
            await pilot.pause(0.3)
            if step < 2:
                continue  # warm-up
            latencies.append(max(PAINTS) - start)
            for label, seconds in TOTALS.items():
                per_label[label].append(seconds)
    return latencies, per_label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-precompute", action="store_true")
    parser.add_argument("--sizes", default="80x24,120x36")
    parser.add_argument("--walk", action="store_true", help="press [ only: every month is new (no cached release)")
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    install()
    gc.callbacks.append(_gc_timer)
    for text in args.sizes.split(","):
        size = tuple(int(part) for part in text.split("x"))
        latencies, per_label = asyncio.run(measure(size, args.repeat, not args.no_precompute, args.walk))
        print(
            f"== {text}: key -> last paint median {statistics.median(latencies) * 1000:.1f} ms "
            f"(min {min(latencies) * 1000:.1f}, max {max(latencies) * 1000:.1f}, n={len(latencies)})"
        )
        for label, values in sorted(per_label.items(), key=lambda item: -statistics.median(item[1])):
            if label.startswith("gc gen"):
                print(
                    f"   {label:<44} median {statistics.median(values) * 1000:6.2f} ms in {len(values)} of "
                    f"{len(latencies)} presses"
                )
            elif label in ("paints", "layouts"):
                print(f"   {label:<44} median {statistics.median(values):6.1f}")
            else:
                print(f"   {label:<44} median {statistics.median(values) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
