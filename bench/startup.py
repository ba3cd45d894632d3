"""Time to the first screen with data: tradetop against a bare Textual app (one Static), side by side.

Both run in a pseudo-terminal (80x24) and are timed from launch until their text is on screen:
"ready" for the bare app, the latest month's exports figure for tradetop. Pairs alternate so that
machine noise hits both alike. Cold and warm (snapshot cache filled) tradetop starts are reported.
Both run from bytecode, as installed packages do.

Usage: python bench/startup.py [--pairs 5]
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

from common import ROOT, summary

BARE_APP = """
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("ready")


Bare().run()
"""
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


PEAK_RSS_MB: dict[str, list[float]] = {}


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def time_to_text(argv: list[str], text: str, env: dict, timeout: float = 30.0, settle: float = 0.0) -> float:
    """Seconds from launch until `text` appears on the pty; the process is then ended.

    With `settle`, the process runs that much longer first and its peak RSS is recorded under `text`."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    wanted = text.encode()
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if wanted in ESCAPES.sub(b"", seen):
                    elapsed = time.perf_counter() - start
                    if settle:
                        time.sleep(settle)
                        PEAK_RSS_MB.setdefault(text, []).append(_peak_rss_mb(pid))
                    return elapsed
        raise RuntimeError(f"{text!r} did not appear within {timeout}s: {argv}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from core.base import fmt
    from core.engine.snapshot import load_snapshot
    from core.ingest.datadir import embedded_data_dir

    snapshot = load_snapshot(embedded_data_dir())
    marker = fmt.usd(snapshot.release(snapshot.latest).headline.exports.value_usd)
    with tempfile.TemporaryDirectory() as temporary:
        bare = os.path.join(temporary, "bare.py")
        with open(bare, "w") as file:
            file.write(BARE_APP)
        # With bytecode, as an installed package has it (pip compiles on install): where PYTHONDONTWRITEBYTECODE
        # is set, every start would compile the source tree anew; the warm-up run writes its __pycache__.
        base_env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        base_env |= {"TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
        warm_env = base_env | {"XDG_CACHE_HOME": os.path.join(temporary, "warm")}
        tradetop = [sys.executable, "-m", "tui.cli"]
        time_to_text(
            tradetop, marker, warm_env, settle=1.0
        )  # fills the warm caches (the start view is written after the first frame)
        results = {"bare": [], "cold": [], "warm": []}
        for _ in range(args.pairs):
            results["bare"].append(time_to_text([sys.executable, bare], "ready", base_env))
            results["warm"].append(time_to_text(tradetop, marker, warm_env))
            cold_env = base_env | {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=temporary)}  # an empty cache each time
            results["cold"].append(time_to_text(tradetop, marker, cold_env))
    print(summary("bare Textual app (one Static), first frame", results["bare"]))
    print(summary(f"tradetop warm start, {marker} on screen", results["warm"]))
    print(summary(f"tradetop cold start (no cache), {marker}", results["cold"]))
    cold_env = base_env | {"XDG_CACHE_HOME": tempfile.mkdtemp()}
    time_to_text(tradetop, marker, cold_env, settle=3.0)  # a cold start, its background work done
    print(f"tradetop peak RSS after a cold start and 3 s: {PEAK_RSS_MB[marker][0]:.0f} MB (target <= 150 MB)")
    bare_median = statistics.median(results["bare"])
    for name, target in (("warm", 1.3), ("cold", 1.5)):
        print(f"ratio {name} / bare: {statistics.median(results[name]) / bare_median:.2f}x (target <= {target}x)")


if __name__ == "__main__":
    main()
