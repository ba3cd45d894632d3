"""Time to the first screen with data: tradetop against a bare Textual app (one Static), side by side.

Both run in a pseudo-terminal (80x24) and are timed from launch until their text is on screen:
"ready" for the bare app, the latest month's exports figure for tradetop. Pairs alternate so that
machine noise hits both alike. Warm (snapshot cache filled) and cold tradetop starts are reported: a release
day's (new files, so no snapshot or start view in the cache; the Korean holidays an earlier run cached are there)
and a first run's (an empty cache), and `tradetop brief` (text and --json) with and without the cache. Both run from
bytecode, as installed packages do. With --baseline, another checkout of tradetop (the code before a change)
is timed in the same alternating runs, so that before and after meet the same machine noise.

Usage: python bench/startup.py [--pairs 5] [--baseline DIR]
"""

import argparse
import fcntl
import glob
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
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


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of the process and its children (the loader process) so far."""
    ticks = 0
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry == str(pid) or fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


CPU_SECONDS: list[float] = []  # of each time_to_text, until its text was on screen


def time_to_text(argv: list[str], text: str, env: dict, timeout: float = 30.0, settle: float = 0.0) -> float:
    """Seconds from launch until `text` appears on the pty; the process is then ended. It runs in the folder
    its PYTHONPATH names, since `python -m` imports from the current folder first. The CPU time it (and its
    children) used until then goes to CPU_SECONDS: unlike the wall time, it hardly depends on the machine's load.

    With `settle`, the process runs that much longer first and its peak RSS is recorded under `text`."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(env.get("PYTHONPATH", "."))
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
                    CPU_SECONDS.append(_cpu_seconds(pid))
                    if settle:
                        time.sleep(settle)
                        PEAK_RSS_MB.setdefault(text, []).append(_peak_rss_mb(pid))
                    return elapsed
        raise RuntimeError(f"{text!r} did not appear within {timeout}s: {argv}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def time_command(argv: list[str], env: dict) -> float:
    """Seconds from launch to exit of a command that must succeed."""
    start = time.perf_counter()
    subprocess.run(
        argv, env=env, cwd=env.get("PYTHONPATH"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--baseline", help="another tradetop checkout, timed alongside as the code before")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from core.base import fmt
    from core.engine.snapshot import load_snapshot
    from core.ingest.datadir import embedded_data_dir

    snapshot = load_snapshot(embedded_data_dir())
    marker = fmt.usd(snapshot.release(snapshot.latest).headline.exports.value_usd)
    trees = {"": str(ROOT)} | ({"before: ": args.baseline} if args.baseline else {})
    with tempfile.TemporaryDirectory() as temporary:
        bare = os.path.join(temporary, "bare.py")
        with open(bare, "w") as file:
            file.write(BARE_APP)
        # With bytecode, as an installed package has it (pip compiles on install): where PYTHONDONTWRITEBYTECODE
        # is set, every start would compile the source tree anew; the warm-up run writes its __pycache__.
        base_env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        base_env |= {"TERM": "xterm-256color"}
        envs = {label: base_env | {"PYTHONPATH": tree} for label, tree in trees.items()}
        warm_envs = {
            label: env | {"XDG_CACHE_HOME": os.path.join(temporary, f"warm{number}")}
            for number, (label, env) in enumerate(envs.items())
        }
        tradetop = [sys.executable, "-m", "tui.cli"]
        for label in trees:  # fills the warm caches (the start view is written after the first frame)
            time_to_text(tradetop, marker, warm_envs[label], settle=1.0)
            time_to_text(tradetop, marker, envs[label] | {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=temporary)})
        briefs = {"brief": ["brief"], "brief --json": ["brief", "--json"]}

        def release_day_cache(label: str) -> str:
            """A cache as new files find it: the holidays entry the warm cache's loads wrote, nothing else."""
            cache = tempfile.mkdtemp(dir=temporary)
            os.mkdir(os.path.join(cache, "tradetop"), mode=0o700)
            for entry in glob.glob(os.path.join(warm_envs[label]["XDG_CACHE_HOME"], "tradetop", "holidays-*")):
                shutil.copy2(entry, os.path.join(cache, "tradetop"))
            return cache

        results: dict[str, list[float]] = {"bare": []}
        cpu: dict[str, list[float]] = {}

        def start(name: str, argv: list[str], wanted: str, env: dict) -> None:
            results.setdefault(name, []).append(time_to_text(argv, wanted, env))
            cpu.setdefault(name, []).append(CPU_SECONDS[-1])

        for _ in range(args.pairs):
            start("bare", [sys.executable, bare], "ready", base_env)
            for label in trees:
                cold_env = envs[label] | {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=temporary)}  # empty each time
                start(f"{label}warm", tradetop, marker, warm_envs[label])
                start(f"{label}cold", tradetop, marker, cold_env)
                release_day = envs[label] | {"XDG_CACHE_HOME": release_day_cache(label)}
                start(f"{label}release day", tradetop, marker, release_day)
                for name, command in briefs.items():
                    results.setdefault(f"{label}{name} warm", []).append(
                        time_command(tradetop + command, warm_envs[label])
                    )
                    fresh = envs[label] | {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=temporary)}
                    results.setdefault(f"{label}{name} cold", []).append(time_command(tradetop + command, fresh))
            results.setdefault("python -c pass", []).append(time_command([sys.executable, "-c", "pass"], base_env))
        peaks = {}
        for label in trees:
            cold_env = envs[label] | {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=temporary)}
            PEAK_RSS_MB.clear()
            time_to_text(tradetop, marker, cold_env, settle=3.0)  # a cold start, its background work done
            peaks[label] = PEAK_RSS_MB[marker][0]
    print(summary("bare Textual app (one Static), first frame", results["bare"]))
    print(summary("... its CPU time (all processes)", cpu["bare"]))
    bare_median = statistics.median(results["bare"])
    for label in trees:
        print(summary(f"{label}tradetop warm start, {marker} on screen", results[f"{label}warm"]))
        print(summary("... its CPU time (all processes)", cpu[f"{label}warm"]))
        print(summary(f"{label}tradetop cold start, release day (new files), {marker}", results[f"{label}release day"]))
        print(summary("... its CPU time (all processes)", cpu[f"{label}release day"]))
        print(summary(f"{label}tradetop cold start, first run (empty cache), {marker}", results[f"{label}cold"]))
        print(summary("... its CPU time (all processes)", cpu[f"{label}cold"]))
        for name in briefs:
            print(summary(f"{label}tradetop {name}, cache filled", results[f"{label}{name} warm"]))
            print(summary(f"{label}tradetop {name}, no cache", results[f"{label}{name} cold"]))
    print(summary("python -c pass", results["python -c pass"]))
    for label in trees:
        print(f"{label}tradetop peak RSS after a cold start and 3 s: {peaks[label]:.0f} MB (target <= 150 MB)")
        for name, target in (("warm", "target <= 1.3x"), ("cold", "no cache: target <= 1.5x"), ("release day", "")):
            ratio = statistics.median(results[f"{label}{name}"]) / bare_median
            print(f"{label}ratio {name} / bare: {ratio:.2f}x" + (f" ({target})" if target else ""))
    print(f"load average: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
