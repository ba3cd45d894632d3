"""`tradetop serve`: the monitor through textual-serve, as a browser would reach it, on 127.0.0.1 only.

The server runs as a process in a session of its own; a test connects to its page and its websocket as the
page's script does (aiohttp, which textual-serve brings), and finds the monitor each tab starts through /proc.
"""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from dashboard_helpers import copy_of_shipped_data

from core.base import fmt
from tui.cli.serve import NOT_INSTALLED

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

LISTENING = "0A"  # a socket's state in /proc/net/tcp
LOOPBACK = "0100007F"  # 127.0.0.1, as /proc/net/tcp writes it
# A data directory a shell would misread, were the monitor's command not quoted.
HOSTILE_FOLDER = 'it\'s a "data" dir; $(touch pwned)'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def state(pid: int) -> str | None:
    """The process's state letter (Z: it has ended), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def descendants(pid: int) -> set[int]:
    """Every running process under `pid`."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():  # /proc/self and the like
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the IPv4 and IPv6 sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state_code = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state_code == LISTENING and int(hex_port, 16) == port:
                found.add(address)
    return found


def wait_until(condition, timeout: float) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.05)


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.read().decode() if answer.status == 200 else None
    except OSError:
        return None


@pytest.fixture
def environment(tmp_path):
    """A cold snapshot cache and private logs; no screenshot folder, so that a screenshot would land in the
    current directory (`cwd`, empty) if the monitor wrote one."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    for name in ("TRADETOP_DATA", "TRADETOP_SCREENSHOTS", "TEXTUAL_DRIVER"):
        env.pop(name, None)
    (tmp_path / "cwd").mkdir()
    return env


async def tab(port: int, figure: str, timeout: float = 90.0) -> tuple[str, str]:
    """A browser tab's session: the dashboard until `figure` is on it, then the screenshot key (p); returns the
    screen's text and what the browser got for the screenshot (the SVG)."""
    received = ""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"http://127.0.0.1:{port}/ws?width=120&height=36") as websocket,
        asyncio.timeout(timeout),
    ):
        while figure not in received:
            message = await websocket.receive()
            assert message.type == aiohttp.WSMsgType.BINARY, message
            received += message.data.decode("utf-8", "replace")
        await websocket.send_json(["stdin", "p"])
        while True:  # the monitor's frames, then textual-serve's note of a download for the browser
            message = await websocket.receive()
            if message.type == aiohttp.WSMsgType.TEXT and json.loads(message.data)[0] == "deliver_file_start":
                break
        key = json.loads(message.data)[1]
        async with session.get(f"http://127.0.0.1:{port}/download/{key}") as download:
            assert download.status == 200
            return received, await download.text()


def test_serve_answers_on_127_0_0_1_a_tab_gets_the_dashboard_and_nothing_outlives_the_server(
    environment, tmp_path, shipped_snapshot
):
    directory = copy_of_shipped_data(tmp_path / HOSTILE_FOLDER)
    port = free_port()
    figure = fmt.usd(shipped_snapshot.release(shipped_snapshot.latest).headline.exports.value_usd)
    assert figure == "$120.94bn"  # September 2026's exports (release-day totals): the latest month's card
    command = [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), "--data", str(directory)]
    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen(
            command, cwd=tmp_path / "cwd", env=environment, stdout=log, stderr=log, start_new_session=True
        )
    monitors: set[int] = set()
    try:
        wait_until(lambda: page(f"http://127.0.0.1:{port}/") is not None, timeout=60)
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in (page(f"http://127.0.0.1:{port}/") or "")
        assert listening_addresses(port) == {LOOPBACK}  # this machine only, by default

        async def session() -> tuple[str, str]:
            task = asyncio.create_task(tab(port, figure))
            while not monitors:
                await asyncio.sleep(0.05)
                monitors.update(descendants(server.pid))  # the tab's monitor: a shell, tradetop, its loader
            return await task

        screen, svg = asyncio.run(session())
        assert "Exports" in screen and "Imports" in screen  # the cards (2026-09 has no item detail yet)
        # The screenshot went to the browser, as an SVG of the dashboard; no file was written where the server runs.
        assert svg.startswith("<svg") and figure in svg
        assert list((tmp_path / "cwd").iterdir()) == [] and not (tmp_path / "pwned").exists()
        assert monitors & descendants(server.pid)  # still running while the server is
        server.send_signal(signal.SIGINT)  # Ctrl+C
        assert server.wait(timeout=30) == 0
        wait_until(lambda: all(state(pid) in (None, "Z") for pid in monitors), timeout=10)
    finally:
        for pid in {server.pid, *monitors, *descendants(server.pid)}:
            if state(pid) not in (None, "Z"):
                os.kill(pid, signal.SIGKILL)
        server.wait(timeout=10)
    assert "Serving" in (tmp_path / "server.log").read_text()


def test_serve_warns_when_it_listens_beyond_this_machine(environment, tmp_path):
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes first, then binding fails, and no
    # packet is ever sent.
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", "--host", "192.0.2.1", "--port", str(free_port())],
        cwd=tmp_path / "cwd",
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    warning, refusal = result.stderr.strip().splitlines()[0], result.stderr.strip().splitlines()[-1]
    assert warning.startswith("tradetop serve: warning: listening on 192.0.2.1, not on this machine only")
    assert "no login" in warning
    assert refusal.startswith("--host 192.0.2.1 --port ") and "assign requested address" in refusal


def test_serve_without_textual_serve_says_how_to_install_it(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if not installed: the import fails
    assert run_cli("serve") == (2, "", NOT_INSTALLED + "\n")


def test_serve_refuses_a_bad_period_or_port_before_it_listens(run_cli):
    code, _out, err = run_cli("serve", "--period", "2026-13")
    assert code == 2 and err.startswith("--period: ")
    with pytest.raises(SystemExit) as exited:
        run_cli("serve", "--port", "70000")
    assert exited.value.code == 2
