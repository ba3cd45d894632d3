"""Reload of the shipped data after a file change: time from change detected to new snapshot, and a soak of
1,000 reload cycles reporting RSS before and after (no growth expected).

Usage: python bench/reload.py [--repeat 20] [--cycles 1000]
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import ROOT, peak_rss_mb, summary

from core.engine.snapshot import load_snapshot
from core.runtime.refresh import what_arrived


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cycles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tradetop-reload-") as temporary:
        directory = Path(temporary)
        for path in (ROOT / "data").glob("*.csv"):
            shutil.copy(path, directory / path.name)
        previous = load_snapshot(directory)
        times = []
        for _ in range(args.repeat):
            (directory / "monthly.csv").touch()  # a change, as the watcher would report it
            start = time.perf_counter()
            snapshot, _ = what_arrived(previous, load_snapshot(directory))
            snapshot.release(snapshot.latest)
            times.append(time.perf_counter() - start)
            previous = snapshot
        print(summary("reload: change detected -> new snapshot", times))
        before = current_rss_mb()
        for cycle in range(args.cycles):
            snapshot, _ = what_arrived(previous, load_snapshot(directory))
            snapshot.release(snapshot.months[cycle % len(snapshot.months)])
            previous = snapshot
            if cycle == 99:
                warmed = current_rss_mb()
        after = current_rss_mb()
        print(
            f"soak: {args.cycles} reload cycles   RSS before {before:.0f} MB, after 100 cycles {warmed:.0f} MB, "
            f"after {args.cycles} {after:.0f} MB (peak {peak_rss_mb():.0f} MB)"
        )


if __name__ == "__main__":
    main()
