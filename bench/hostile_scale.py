"""Hostile scale: `tradetop check`, `brief` and `brief --json` on SYNTHETIC directories with many partner codes
and with many files, each command timed end to end as a user runs it (a fresh process each time).

Every directory is generated into a temporary folder (never data/): the shipped data plus one file of
invented partner codes (`synthetic_partner_000001`, ...) with made-up values over the last months of the
shipped data, either unknown to the catalog (one warning each) or named in a catalog that lists them
outside any set; or the shipped monthly rows split over 1,000 small files. Targets: under 3 s per command,
1,000 files under 5 s; 200,000 codes only have to finish.

Usage: python bench/hostile_scale.py [--codes 2000,20000,200000] [--files 1000] [--repeat 3] [--months 14]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, summary

SHIPPED = ROOT / "data"
COMMANDS = (("check",), ("brief",), ("brief", "--json"))


def partner_codes(directory: Path, count: int, months: int, catalogued: bool) -> int:
    """The shipped data plus `count` invented partner codes with exports in each of the last `months` months
    (values from $1m to $5bn, log-uniform, so they overtake one another and the smaller regions); returns rows."""
    import numpy as np
    import pandas as pd

    for name in ("monthly.csv", "flash.csv", "catalog.csv"):
        shutil.copy(SHIPPED / name, directory / name)
    codes = [f"synthetic_partner_{number:06d}" for number in range(1, count + 1)]
    if catalogued:
        with open(directory / "catalog.csv", "a", encoding="utf-8") as catalog:
            catalog.writelines(
                f"partner,{code},Synthetic partner {number},,,{100 + number}\n" for number, code in enumerate(codes, 1)
            )
    last = pd.read_csv(SHIPPED / "monthly.csv", usecols=["period"])["period"].max()
    periods = pd.period_range(end=last, periods=months, freq="M").strftime("%Y-%m")
    random = np.random.default_rng(13)
    frame = pd.DataFrame(
        {
            "period": np.tile(periods, count),
            "flow": "export",
            "item": "total",
            "partner": np.repeat(codes, months),
            "value_usd": np.round(np.exp(random.uniform(np.log(1e6), np.log(5e9), count * months))),
            "source": "synthetic-hostile-benchmark",
        }
    )
    frame.to_csv(directory / "synthetic_partners.csv", index=False, float_format="%.0f")
    return len(frame)


def many_files(directory: Path, count: int) -> int:
    """The shipped monthly rows split in order over `count` files (3 or 4 rows each), with the shipped flash
    and catalog: the same figures as the shipped data; returns rows."""
    for name in ("flash.csv", "catalog.csv"):
        shutil.copy(SHIPPED / name, directory / name)
    header, *rows = (SHIPPED / "monthly.csv").read_text(encoding="utf-8").splitlines()
    for number in range(count):
        part = rows[number * len(rows) // count : (number + 1) * len(rows) // count]
        (directory / f"synthetic_release_{number:04d}.csv").write_text(
            "\n".join([header, *part]) + "\n", encoding="utf-8"
        )
    return len(rows)


def time_commands(label: str, directory: Path, rows: int, repeat: int) -> None:
    files = sum(1 for _ in directory.glob("*.csv"))
    print(f"{label}: {rows:,} rows in {files:,} files", flush=True)
    for command in COMMANDS:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "tui.cli", *command, "--data", str(directory)],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            times.append(time.perf_counter() - start)
        lines = len(result.stdout.splitlines()) + len(result.stderr.splitlines())
        print(
            summary(f"  tradetop {' '.join(command)}", times, unit="s")
            + f"   exit {result.returncode}, {lines:,} lines out",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", default="2000,20000,200000", help="partner code counts, comma-separated")
    parser.add_argument("--files", type=int, default=1000, help="file count of the many-files case (0: skip)")
    parser.add_argument("--months", type=int, default=14, help="months of data per synthetic partner code")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for count in (int(text) for text in args.codes.split(",") if text):
        for catalogued in (False, True):
            with tempfile.TemporaryDirectory(prefix="tradetop-synthetic-") as temporary:
                rows = partner_codes(Path(temporary), count, args.months, catalogued)
                kind = "in the catalog" if catalogued else "unknown to the catalog: a warning each"
                time_commands(
                    f"synthetic {count:,} partner codes ({kind})",
                    Path(temporary),
                    rows,
                    1 if count > 20_000 else args.repeat,
                )
    if args.files:
        with tempfile.TemporaryDirectory(prefix="tradetop-synthetic-") as temporary:
            rows = many_files(Path(temporary), args.files)
            time_commands(
                f"synthetic {args.files:,} files (the shipped rows split)", Path(temporary), rows, args.repeat
            )


if __name__ == "__main__":
    main()
