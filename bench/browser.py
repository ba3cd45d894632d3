"""`tradetop serve` in a real headless Chromium: time from opening the page to the latest exports figure on it, and
a screenshot of the page to look at.

Starts `tradetop serve` on a free port of 127.0.0.1 and Chromium (Debian's `chromium` package: `apt-get install
chromium`; not in CI, see the README) driven through its DevTools protocol. Before the page loads, a script in it
records what its terminal receives over the page's websocket; the figure counts as shown once it has arrived there
and the page has painted for a second after. Each run opens the page anew (a new monitor process, its snapshot
from the cache after the first). Exits 1 if the figure never shows, and leaves no process behind: the server and
the browser are ended however the script ends.

Usage: python bench/browser.py [--runs 3] [--lang en|ko] [--shot /tmp/tradetop-browser.png] [--size 1280x860]
"""

import argparse
import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, summary

# Runs in the page before its own scripts: what the terminal's websocket brings, as text (ANSI and all).
RECORDER = """
window.__received = "";
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new NativeWebSocket(...args);
  const decoder = new TextDecoder();
  socket.addEventListener("message", async (event) => {
    const data = event.data;
    if (typeof data === "string") return;  // textual-serve's own messages (pong, downloads)
    const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
    window.__received += decoder.decode(bytes, { stream: true });
  });
  return socket;
};
Object.assign(window.WebSocket, NativeWebSocket);
window.WebSocket.prototype = NativeWebSocket.prototype;
"""
TIMEOUT_SECONDS = 30.0
PAINT_SECONDS = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def latest_exports() -> str:
    """The figure the exports card shows on the monitor's first screen (the latest month, as bench/startup.py)."""
    sys.path.insert(0, str(ROOT))
    from core.base import fmt
    from core.ingest.datadir import embedded_data_dir
    from core.runtime.cache import load_snapshot_cached

    snapshot = load_snapshot_cached(embedded_data_dir())
    return fmt.usd(snapshot.release(snapshot.latest).headline.exports.value_usd)


def wait_for_http(url: str, seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


class DevTools:
    """The few DevTools protocol calls this needs, over one page's websocket (aiohttp, which textual-serve brings)."""

    def __init__(self, socket):
        self.socket, self.number = socket, 0

    async def call(self, method: str, **params) -> dict:
        self.number += 1
        await self.socket.send_json({"id": self.number, "method": method, "params": params})
        while True:
            message = await self.socket.receive_json()
            if message.get("id") == self.number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def evaluate(self, expression: str):
        return (await self.call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")


async def open_page(devtools_port: int, url: str, figure: str, shot: Path | None) -> float:
    """Seconds from navigating to `url` to `figure` having arrived in the page's terminal; the screenshot after."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.put(f"http://127.0.0.1:{devtools_port}/json/new?about:blank") as answer:
            target = await answer.json(content_type=None)
        async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            tools = DevTools(socket)
            await tools.call("Page.enable")
            await tools.call("Page.addScriptToEvaluateOnNewDocument", source=RECORDER)
            start = time.perf_counter()
            await tools.call("Page.navigate", url=url)
            while not await tools.evaluate(f"(window.__received || '').includes({json.dumps(figure)})"):
                if time.perf_counter() - start > TIMEOUT_SECONDS:
                    raise TimeoutError(f"{figure} not in the page after {TIMEOUT_SECONDS:.0f} s")
                await asyncio.sleep(0.05)
            seconds = time.perf_counter() - start
            await asyncio.sleep(PAINT_SECONDS)
            if shot is not None:
                picture = await tools.call("Page.captureScreenshot", format="png")
                shot.write_bytes(base64.b64decode(picture["data"]))
            await tools.call("Page.close")
        return seconds


def devtools_port(profile: Path, seconds: float = 20.0) -> int:
    """The port Chromium chose (--remote-debugging-port=0), from the file it writes in its profile."""
    deadline = time.monotonic() + seconds
    active = profile / "DevToolsActivePort"
    while not active.exists() or not active.read_text().strip():
        if time.monotonic() > deadline:
            raise TimeoutError("Chromium did not start its DevTools server")
        time.sleep(0.1)
    return int(active.read_text().split()[0])


def ended(process: subprocess.Popen, how: signal.Signals) -> None:
    """The process ended by `how` (killed after 10 s), then whatever is left of its process group (it was started
    in a session of its own): Chromium's helpers, or a monitor the server did not stop."""
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    with contextlib.suppress(ProcessLookupError):  # none left
        os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--shot", type=Path, default=Path(tempfile.gettempdir()) / "tradetop-browser.png")
    parser.add_argument("--size", default="1280x860", help="the browser window, WIDTHxHEIGHT pixels")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    if not shutil.which(args.chromium):
        print(f"{args.chromium}: not found; install Debian's chromium package (apt-get install chromium)")
        return 2
    figure = latest_exports()
    port = free_port()
    url = f"http://127.0.0.1:{port}/?fontsize=14"
    tradetop = [sys.executable, "-m", "tui.cli", "serve", "--port", str(port), "--lang", args.lang]
    width, height = args.size.split("x")
    with tempfile.TemporaryDirectory() as profile:
        server = subprocess.Popen(
            tradetop, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        browser = None
        try:
            wait_for_http(url, 20)
            browser = subprocess.Popen(
                [
                    args.chromium,
                    "--headless=new",
                    "--no-sandbox",  # as root, as this machine runs it
                    "--disable-gpu",
                    "--no-first-run",
                    f"--user-data-dir={profile}",
                    "--remote-debugging-port=0",
                    f"--window-size={width},{height}",
                    "about:blank",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            chosen = devtools_port(Path(profile))
            times = []
            for run in range(args.runs):
                shot = args.shot if run == args.runs - 1 else None
                times.append(asyncio.run(open_page(chosen, url, figure, shot)))
        except (OSError, TimeoutError, RuntimeError) as error:
            print(f"failed: {error}")
            return 1
        finally:
            if browser is not None:
                ended(browser, signal.SIGTERM)
            ended(server, signal.SIGINT)  # as Ctrl+C: the server stops the monitors it started
    print(summary(f"page opened to {figure} on it ({args.lang})", times))
    print(f"screenshot: {args.shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
