"""A command in a pseudo-terminal, as a user runs it, and its processes found through /proc (Linux)."""

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path

# What a terminal does not show: control sequences (colours, cursor moves) and character set switches.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def state(pid: int) -> str | None:
    """The process's state letter (Z for a zombie, which has ended), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def running(pid: int) -> bool:
    return state(pid) not in (None, "Z")


def running_children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_until(condition, timeout: float) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.02)
    return time.monotonic() - start


class Terminal:
    """A command in a pseudo-terminal: stdin, stdout and stderr are the terminal; what it writes is kept."""

    def __init__(self, command: list[str], env: dict[str, str]):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master, self.output = master, bytearray()
        threading.Thread(target=self._read, daemon=True).start()
        self.children: list[int] = []

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every writer has gone
                return
            if not chunk:
                return
            self.output += chunk

    def text(self, since: int = 0) -> bytes:
        """What it wrote from byte `since` on, without control sequences: the text that came on screen."""
        return ESCAPES.sub(b"", bytes(self.output[since:]))

    def close(self) -> None:
        """However the test went, nothing it started lives on."""
        for pid in (self.process.pid, *self.children):
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)
