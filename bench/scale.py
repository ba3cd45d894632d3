"""Load + compute time and peak memory on the shipped data and on SYNTHETIC data 100x and 1,000x its size.

The synthetic directories are generated into a temporary folder (never data/): invented item and
partner codes over decades, clearly not real figures. Each size runs in a fresh process so that its
peak RSS is its own.  Usage: python bench/scale.py [--sizes 1,100,1000] [--repeat 3]
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, peak_rss_mb, summary

SHIPPED_ROWS = 3467  # data/monthly.csv


def generate(directory: Path, factor: int, parquet: bool) -> int:
    """Write a synthetic data directory with about factor x the shipped rows; returns the row count."""
    import numpy as np
    import pandas as pd

    rows_wanted = SHIPPED_ROWS * factor
    months = 12 * 50  # 1977..2026
    series_count = max(1, rows_wanted // months)
    items = max(1, int(series_count**0.5))
    partners = max(1, series_count // (2 * items))
    codes_item = [f"synthetic_item_{i}" for i in range(items)]
    codes_partner = [f"synthetic_partner_{p}" for p in range(partners)]
    catalog = ["dimension,code,name_en,name_ko,sets,order", "item,total,Total,,,0", "partner,world,World,,,0"]
    catalog += [f"item,{code},Synthetic item {i},,motie15,{i + 1}" for i, code in enumerate(codes_item)]
    catalog += [f"partner,{code},Synthetic partner {p},,motie9,{p + 1}" for p, code in enumerate(codes_partner)]
    (directory / "catalog.csv").write_text("\n".join(catalog) + "\n")
    periods = [f"{1977 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    keys = [
        (flow, item, partner)
        for flow in ("export", "import")
        for item in ["total", *codes_item]
        for partner in ["world", *codes_partner]
    ]
    keys = keys[: max(2, rows_wanted // months)]
    random = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "period": np.tile(periods, len(keys)),
            "flow": np.repeat([k[0] for k in keys], months),
            "item": np.repeat([k[1] for k in keys], months),
            "partner": np.repeat([k[2] for k in keys], months),
            "value_usd": random.integers(1_000_000, 50_000_000_000, size=len(keys) * months),
            "source": "synthetic-benchmark",
        }
    )
    if parquet:
        frame.to_parquet(directory / "synthetic.parquet", index=False)
    else:
        frame.to_csv(directory / "synthetic.csv", index=False)
    return len(frame)


def measure(directory: str, repeat: int) -> None:
    """Run in a child process: time load + snapshot + the latest release, then print peak RSS."""
    from core.engine.snapshot import load_snapshot

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        snapshot = load_snapshot(Path(directory))
        snapshot.release(snapshot.latest)
        times.append(time.perf_counter() - start)
    print(summary("", times, unit="s").strip(), f"| peak RSS {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.child, args.repeat)
        return
    try:
        import pyarrow  # noqa: F401

        formats = (False, True)
    except ImportError:
        print("(pyarrow is not installed: CSV only; pip install 'tradetop[parquet]' for Parquet)")
        formats = (False,)
    for factor in (int(size) for size in args.sizes.split(",")):
        for parquet in (False,) if factor == 1 else formats:
            with tempfile.TemporaryDirectory(prefix="tradetop-synthetic-") as temporary:
                if factor == 1:
                    directory, rows, label = ROOT / "data", SHIPPED_ROWS, "shipped data (real)"
                else:
                    directory = Path(temporary)
                    rows = generate(directory, factor, parquet)
                    label = f"synthetic {factor}x ({'Parquet' if parquet else 'CSV'})"
                result = subprocess.run(
                    [sys.executable, __file__, "--child", str(directory), "--repeat", str(args.repeat)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                print(f"{label:<28} {rows:>10,} monthly rows  {result.stdout.strip()}", flush=True)


if __name__ == "__main__":
    main()
