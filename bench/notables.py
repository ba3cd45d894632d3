"""All notables of one month on the shipped data (`find_notables`, what Snapshot.release spends on them),
for every month with a release, and the first, uncached release of 2026-01 as a whole. Target: < 10 ms a month.

Usage: python bench/notables.py [--repeat 5]
"""

import argparse
import dataclasses
import time

from common import ROOT, summary

from core.base.periods import parse_period
from core.base.subjects import FLOWS
from core.engine.notables.find import find_notables
from core.engine.snapshot import load_snapshot


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    snapshot = load_snapshot(ROOT / "data")
    per_month, january = [], []
    for month in snapshot.months:
        release = snapshot.release(month)
        members = {
            "item": frozenset(row.code for row in release.items),
            "partner": frozenset(row.code for row in release.partners),
        }
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            find_notables(snapshot, month, release.breadth, FLOWS[release.flow].total, members, snapshot.catalog)
            times.append(time.perf_counter() - start)
        per_month.append(min(times))
        if month == parse_period("2026-01"):
            january = times
    print(summary(f"notables of a month ({len(per_month)} months, best of {args.repeat})", per_month))
    print(summary("notables of 2026-01", january))
    releases = []
    for _ in range(args.repeat):
        fresh = dataclasses.replace(snapshot)  # a copy starts with nothing memoised
        start = time.perf_counter()
        fresh.release(parse_period("2026-01"))
        releases.append(time.perf_counter() - start)
    print(summary("whole release of 2026-01, uncached", releases))


if __name__ == "__main__":
    main()
