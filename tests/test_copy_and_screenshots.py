"""The monitor's copy key (OSC 52, through the terminal) and screenshot key, on the shipped data (Jan 2026 unless
said): what reaches the clipboard matches `brief --json`; a screenshot is saved where asked or says why not."""

import base64
import csv
import html
import io
import os
import re
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from dashboard_helpers import run_from_palette, wait_for_data
from test_process import Terminal, wait_until

from core.base.periods import parse_period
from core.ingest.datadir import embedded_data_dir
from tui.app import TradetopApp
from tui.screens.drilldown import DrilldownScreen
from tui.screens.flash import FlashScreen

OSC_52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07")


class Told(TradetopApp):
    """The app, keeping what its toasts said."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.said: list[tuple[str | None, str]] = []

    def notify(self, message, **options):
        self.said.append((options.get("title"), message))
        super().notify(message, **options)


def told(directory: Path, period: str = "2026-01") -> Told:
    return Told(directory, parse_period(period))


def tsv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal, processes found through /proc")
def test_the_copy_key_writes_the_focused_item_table_to_the_terminal_as_osc_52(brief_json, tmp_path):
    """The monitor in a real pseudo-terminal: `c` on the item table writes one OSC 52 sequence, whose base64 is the
    table as TSV with a header line: the 15 items of the brief, value for value."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    env.update(TERM="xterm-256color")
    command = [sys.executable, "-m", "tui.cli", "--data", str(embedded_data_dir()), "--period", "2026-01"]
    terminal = Terminal(command, env)
    try:
        wait_until(lambda: b"Quit" in terminal.output and b"$20.54bn" in terminal.output, timeout=60)
        sequences: list[bytes] = []

        def copied() -> bool:
            sequences[:] = OSC_52.findall(terminal.output)
            return bool(sequences)

        os.write(terminal.master, b"c")
        wait_until(copied, timeout=10)
        os.write(terminal.master, b"q")
        wait_until(lambda: terminal.process.poll() is not None, timeout=20)
    finally:
        terminal.close()
    assert len(sequences) == 1
    rows = tsv_rows(base64.b64decode(sequences[0]).decode("utf-8"))
    items = brief_json("--period", "2026-01")["items"]
    assert len(rows) == len(items) == 15
    assert list(rows[0]) == list(items[0])  # the header line: the brief's field names
    by_code = {item["code"]: item for item in items}
    assert rows[0]["code"] == "semiconductors" and rows[0]["value_usd"] == "20541062130"  # the screen's order
    for row in rows:
        item = by_code[row["code"]]
        assert row["name"] == item["name"] and int(row["value_usd"]) == item["value_usd"]
        assert float(row["yoy_pct"]) == pytest.approx(item["yoy_pct"], rel=1e-12)
        assert float(row["ytd_share_change_pp"]) == pytest.approx(item["ytd_share_change_pp"], rel=1e-12)


@pytest.mark.anyio
async def test_copy_follows_the_focus_and_the_toast_says_what_was_copied(data, brief_json):
    partners = brief_json("--data", str(data), "--period", "2026-01")["partners"]  # before Textual takes stdout
    app = told(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("s", "c")  # the items by YoY: the clipboard keeps the order shown
        rows = tsv_rows(app.clipboard)
        assert [row["code"] for row in rows] == [row.code for row in app.focused.rows_shown]
        assert rows[0]["code"] == "semiconductors" and rows[1]["code"] == "computers"  # +102.8%, +88.9%
        assert app.said[-1] == ("Copy", "Copied 15 items of January 2026, exports, as TSV with a header line")

        await pilot.press("tab", "c")  # the partners
        assert sorted(row["code"] for row in tsv_rows(app.clipboard)) == sorted(row["code"] for row in partners)

        await pilot.press("tab", "c")  # the notables, as text
        assert app.clipboard.startswith("• Exports reached $65.84bn, the highest for any January since 2016")
        assert app.said[-1][1].endswith("notables of January 2026, as text")

        await pilot.press("tab", "c")  # the headline cards
        headline = {row["line"]: row for row in tsv_rows(app.clipboard)}
        assert headline["exports"]["value"] == "65843936782" and headline["balance"]["change"] == "10695775797"

        await pilot.press("tab", "enter")  # the semiconductors drilldown: its months table
        assert isinstance(app.screen, DrilldownScreen)
        await pilot.press("c")
        months = tsv_rows(app.clipboard)
        assert list(months[0]) == ["period", "value_usd", "yoy_pct", "share_pct"]
        assert [row["period"] for row in months][::23] == ["2024-02", "2026-01"]  # 24 months, oldest first
        assert months[-1]["value_usd"] == "20541062130"
        assert app.said[-1][1] == "Copied 24 months of Semiconductors, oldest first, as TSV with a header line"
        await pilot.press("tab", "c")  # HS 8542 by destination, largest first
        destinations = tsv_rows(app.clipboard)
        assert list(destinations[0]) == ["partner", "name", "value_usd", "yoy_pct", "share_pct", "usd_per_kg"]
        assert (destinations[0]["partner"], destinations[0]["value_usd"]) == ("china", "5980211066")
        assert len(destinations) == 10 and destinations[-1]["partner"] == "OTHER"
        assert app.said[-1][1] == (
            "Copied the rows of Integrated circuits (HS 8542), by destination, as TSV with a header line"
        )
        await pilot.press("tab", "c")  # its records and notes
        assert app.clipboard.startswith(
            "Records\nRank 2 of 49 months since 2022-01\nRank 1 of 5 for January\nHigh $20.77bn in 2025-12"
        )


@pytest.mark.anyio
async def test_copy_on_the_flash_screen_and_from_the_palette(flash_pending):
    app = told(flash_pending, "2026-08")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert isinstance(app.screen, FlashScreen)
        await run_from_palette(pilot, "copy", "Copy the focused table")
        await pilot.pause(0.3)  # the palette closes first
        rows = tsv_rows(app.clipboard)
        assert (
            len(rows) == 10 and rows[0]["code"] == "semiconductors" and rows[0]["value_usd"] == "26031978000"
        )  # data/flash.csv
        assert app.said[-1][1] == "Copied 10 flash items of August 2026, days 1-20, as TSV with a header line"
        await pilot.press("tab", "c")  # the nowcast's pane has nothing to copy
        assert app.said[-1] == ("Copy", "Nothing to copy here: Tab to a table or a text pane")


def svg_text(path: Path) -> str:
    """The screen's text in an SVG screenshot, as a browser would show it."""
    root = ElementTree.parse(path).getroot()  # well-formed XML, or this raises
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return html.unescape("".join(root.itertext())).replace("\xa0", " ")


@pytest.mark.anyio
async def test_the_screenshot_key_saves_an_svg_where_tradetop_screenshots_says(data, tmp_path, monkeypatch):
    shots = tmp_path / "shots"
    shots.mkdir()
    monkeypatch.setenv("TRADETOP_SCREENSHOTS", str(shots))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # nothing may go to ~/Downloads
    app = told(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("p")
        saved = list(shots.iterdir())
        assert len(saved) == 1 and re.fullmatch(r"tradetop-2026-01-\d{8}-\d{6}\.svg", saved[0].name)
        assert "$65.84bn" in svg_text(saved[0])  # the month's exports card
        assert app.said[-1] == ("Screenshot", f"Saved {saved[0]}")
        await pilot.press("enter", "p")  # a second one in the same second gets a name of its own
        await run_from_palette(pilot, "screenshot", "Screenshot")
        wait_started = time.monotonic()
        while len(list(shots.iterdir())) < 3 and time.monotonic() - wait_started < 5:
            await pilot.pause(0.05)
        assert len(list(shots.iterdir())) == 3
        assert not (tmp_path / "home").exists()


def read_only_directory(tmp_path: Path) -> Path:
    """A directory this process cannot write: a 0555 folder, or /sys where the tests run as root."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys")):
        try:
            (candidate / "probe").touch()
        except OSError:
            return candidate
        (candidate / "probe").unlink()
    pytest.skip("no directory here is read-only for this user")


@pytest.mark.anyio
async def test_a_screenshot_that_cannot_be_saved_says_why_and_nothing_crashes(data, tmp_path, monkeypatch):
    monkeypatch.delenv("TRADETOP_SCREENSHOTS", raising=False)
    folder = read_only_directory(tmp_path)
    monkeypatch.chdir(folder)
    app = told(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("p")
        title, message = app.said[-1]
        assert title == "Screenshot"
        assert message.startswith(f"Not saved: cannot write in {folder}: ")  # and the reason: permission, read-only
        assert message.endswith("Set $TRADETOP_SCREENSHOTS to a folder you can write.")
        await pilot.press("right_square_bracket")  # still running
        assert app.month == parse_period("2026-02") and app.crash is None
    assert not any(path.suffix == ".svg" for path in folder.iterdir())


@pytest.mark.anyio
async def test_a_screenshot_is_never_written_into_the_data_directory(data, monkeypatch):
    monkeypatch.setenv("TRADETOP_SCREENSHOTS", str(data))
    before = sorted(path.name for path in data.iterdir())
    app = told(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("p")
        assert app.said[-1][1].startswith(f"Not saved: {data} is the data directory, which tradetop never writes")
    assert sorted(path.name for path in data.iterdir()) == before


@pytest.mark.anyio
async def test_a_screenshot_leaves_out_the_toasts_and_says_where_it_went_in_printable_text(data, tmp_path, monkeypatch):
    """A user's second screenshot pictured the first one's toast, "Saved …"; a folder's name may hold an escape
    sequence, which the toast shows escaped (ESC as \\x1b), not sent to the terminal."""
    shots = tmp_path / "shots\x1b[31m"
    shots.mkdir()
    monkeypatch.setenv("TRADETOP_SCREENSHOTS", str(shots))
    app = told(data)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts, which tests leave out by default
        await wait_for_data(pilot)
        await pilot.press("c")  # a toast of its own: "Copied 15 items …"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("p")  # with the first one's "Saved …" on screen
        wait_started = time.monotonic()
        while len(list(shots.iterdir())) < 2 and time.monotonic() - wait_started < 5:
            await pilot.pause(0.05)
        saved = list(shots.iterdir())
        assert len(saved) == 2
        for path in saved:
            text = svg_text(path).replace(" ", "")  # a toast's words come in runs split by its styles: "Sav e d"
            assert "$65.84bn" in text and "Saved" not in text and "Copied" not in text and "Screenshot" not in text
        title, message = app.said[-1]
        assert title == "Screenshot"
        assert message in {f"Saved {tmp_path}/shots\\x1b[31m/{path.name}" for path in saved}
        assert "\x1b" not in message
