"""Shared by the benchmark scripts: timing summaries and peak memory."""

import resource
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' dashboard helpers: one wait_for_data


def summary(label: str, seconds: list[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    values = [value * scale for value in seconds]
    return (
        f"{label:<44} median {statistics.median(values):8.1f} {unit}   "
        f"min {min(values):8.1f}   max {max(values):8.1f}   (n={len(values)})"
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
