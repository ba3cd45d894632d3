"""`tradetop` as a process: signals, no terminal, closed pipes, crashes, and the loader process's lifetime.

The monitor runs in an 80x24 pseudo-terminal in a session of its own; its children are found through /proc.
"""

import os
import pty
import re
import signal
import stat
import subprocess
import sys
import time

import pytest
from terminal_helpers import Terminal, running, running_children, state, wait_until

from core.ingest.datadir import embedded_data_dir
from tui.cli import CLOSED_PIPE, NO_TERMINAL
from tui.crashlog import CRASHED

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ALTERNATE_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
CONTROL_SEQUENCE = rb"\x1b\[[0-?]*[ -/]*[@-~]"
# Synthetic failure: the headline cards cannot draw, as a bug in a widget would behave.
BROKEN_WIDGET = """
import sys
from tui.widgets import headline_cards

def broken(self):
    raise ZeroDivisionError("synthetic failure injected by the test")

headline_cards.HeadlineCards.render = broken
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""
# Synthetic hang: the exit blocks, as Textual's writes to a terminal that hung up can.
HANGING_EXIT = """
import sys, time
from tui.app import TradetopApp

unmount = TradetopApp.on_unmount

def hanging(self):
    unmount(self)
    time.sleep(60)

TradetopApp.on_unmount = hanging
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def up(terminal: Terminal) -> list[int]:
    """Once the app is on screen with its loader process running (the loader starts before Textual is imported,
    so the children alone say too little): its children. The loader is forked, before any thread runs: no
    resource tracker is started with it."""
    wait_until(lambda: running_children(terminal.process.pid) and b"Quit" in terminal.output, timeout=60)
    return running_children(terminal.process.pid)


@pytest.fixture
def monitor(environment):
    """The monitor on the shipped data, on screen with its loader process."""
    terminal = Terminal([sys.executable, "-m", "tui.cli", "--data", str(embedded_data_dir())], environment)
    try:
        terminal.children = up(terminal)
        yield terminal
    finally:
        terminal.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_ends_the_monitor_with_the_terminal_restored_and_no_process_left(monitor, signum):
    written_before = len(monitor.output)
    os.kill(monitor.process.pid, signum)
    assert monitor.process.wait(timeout=10) == 128 + signum
    wait_until(lambda: not any(running(pid) for pid in monitor.children), timeout=5)
    after = bytes(monitor.output[written_before:])
    assert ALTERNATE_SCREEN_OFF in after and MOUSE_OFF in after
    assert b"Traceback" not in monitor.output


def test_a_signal_ends_the_monitor_even_when_its_exit_hangs(environment):
    terminal = Terminal([sys.executable, "-c", HANGING_EXIT, "--data", str(embedded_data_dir())], environment)
    try:
        children = up(terminal)
        os.kill(terminal.process.pid, signal.SIGHUP)
        started = time.monotonic()
        assert terminal.process.wait(timeout=30) == 128 + signal.SIGHUP
        assert time.monotonic() - started < 10  # the grace period (3 s), not the hang (60 s)
        wait_until(lambda: not any(running(pid) for pid in children), timeout=5)
    finally:
        terminal.close()


def test_the_loader_process_ends_even_when_the_monitor_is_killed(monitor):
    os.kill(monitor.process.pid, signal.SIGKILL)
    monitor.process.wait(timeout=10)
    wait_until(lambda: not any(running(pid) for pid in monitor.children), timeout=5)


def test_ctrl_z_suspends_the_monitor_and_it_comes_back_redrawn(monitor):
    """As a shell's job control would: Ctrl+Z stops the process with the terminal restored; SIGCONT (`fg`)
    brings the whole screen back. Once on the main screen, once over the help."""
    wait_until(lambda: b"$120.94bn" in monitor.output, timeout=30)
    for keys, shown in ((b"", b"$120.94bn"), (b"?", b"tradetop keys")):
        os.write(monitor.master, keys)
        wait_until(lambda shown=shown: shown in monitor.output, timeout=10)
        suspended_at = len(monitor.output)
        os.write(monitor.master, b"\x1a")
        wait_until(lambda: state(monitor.process.pid) == "T", timeout=10)
        assert ALTERNATE_SCREEN_OFF in monitor.output[suspended_at:]
        resumed_at = len(monitor.output)
        os.kill(monitor.process.pid, signal.SIGCONT)
        wait_until(lambda shown=shown, resumed_at=resumed_at: shown in monitor.output[resumed_at:], timeout=10)
        assert b"\x1b[?1049h" in monitor.output[resumed_at:]
    os.write(monitor.master, b"?q")
    assert monitor.process.wait(timeout=10) == 0


@pytest.mark.parametrize("stdin_is_a_terminal", [False, True], ids=["stdin-devnull", "stdin-terminal"])
def test_without_a_terminal_the_monitor_says_so_and_exits_2(environment, stdin_is_a_terminal):
    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--data", str(embedded_data_dir())],
            stdin=slave if stdin_is_a_terminal else subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            timeout=60,
        )
    finally:
        os.close(master)
        os.close(slave)
    assert (result.returncode, result.stdout, result.stderr.decode()) == (2, b"", NO_TERMINAL + "\n")


@pytest.mark.parametrize("arguments", [["check"], ["brief", "--json"], ["backtest"]], ids=" ".join)
def test_a_closed_pipe_ends_a_command_quietly(environment, arguments):
    """As `tradetop check | head -1` once head has read its line: the reader has gone before the output."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
    )
    process.stdout.close()
    errors = process.stderr.read()
    assert (process.wait(timeout=60), errors) == (CLOSED_PIPE, b"")


def test_a_crash_of_the_monitor_is_one_line_on_the_terminal_and_a_traceback_in_a_private_log(environment, tmp_path):
    terminal = Terminal([sys.executable, "-c", BROKEN_WIDGET, "--data", str(embedded_data_dir())], environment)
    try:
        assert terminal.process.wait(timeout=60) == CRASHED
        wait_until(lambda: b"tradetop: unexpected error" in terminal.output, timeout=5)
    finally:
        terminal.close()
    logs = list((tmp_path / "state" / "tradetop").iterdir())
    assert len(logs) == 1 and logs[0].name.startswith("crash-")
    shown = re.sub(CONTROL_SEQUENCE, b"", terminal.output.split(ALTERNATE_SCREEN_OFF)[-1]).decode()
    assert shown.strip() == f"tradetop: unexpected error (ZeroDivisionError); the traceback is in {logs[0]}"
    assert b"Traceback" not in terminal.output and b"synthetic failure" not in terminal.output
    log = logs[0].read_text()
    assert "Traceback (most recent call last)" in log and "in broken" in log
    assert log.rstrip().endswith("ZeroDivisionError: synthetic failure injected by the test")
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600 and stat.S_IMODE(logs[0].parent.stat().st_mode) == 0o700


def test_a_crash_of_a_command_is_logged_too(run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def broken(*args):
        raise ValueError("synthetic failure injected by the test")

    monkeypatch.setattr("core.text.brief.brief_text", broken)
    code, out, err = run_cli("brief", "--period", "2026-01")
    [log] = (tmp_path / "tradetop").iterdir()
    assert (code, out, err) == (CRASHED, "", f"tradetop: unexpected error (ValueError); the traceback is in {log}\n")
    assert log.read_text().rstrip().endswith("ValueError: synthetic failure injected by the test")


def test_without_a_state_directory_the_log_goes_to_the_temporary_directory(run_cli, monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")  # $XDG_STATE_HOME/tradetop cannot be made under a file
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)  # so that tempfile reads $TMPDIR again
    monkeypatch.setattr("core.text.brief.brief_text", lambda *args: 1 / 0)
    code, _, err = run_cli("brief", "--period", "2026-01")
    [log] = (tmp_path / "temporary").iterdir()
    assert (code, err) == (CRASHED, f"tradetop: unexpected error (ZeroDivisionError); the traceback is in {log}\n")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and "ZeroDivisionError" in log.read_text()
