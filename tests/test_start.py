"""The monitor's start as a user meets it, in an 80x24 pseudo-terminal: a key pressed the moment the first figure
appears takes effect, cold or warm; a directory a hundred times the shipped data (SYNTHETIC, generated here into a
temporary folder) shows its loading state and answers keys while it loads."""

import os
import random
import sys

import pytest
from terminal_helpers import Terminal, wait_until

from core.base import fmt
from core.base.periods import parse_period
from core.ingest.datadir import embedded_data_dir

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def exports(snapshot, period: str) -> bytes:
    return fmt.usd(snapshot.release(parse_period(period)).headline.exports.value_usd).encode()


@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_a_key_pressed_the_moment_the_first_figure_appears_takes_effect(environment, shipped_snapshot, cache):
    """Cold, the first figures are the view the loader process computed; warm, the cached one: either way the
    snapshot is not loaded yet, and `]` waits for it instead of being lost."""
    command = [sys.executable, "-m", "tui.cli", "--data", str(embedded_data_dir()), "--period", "2026-01"]
    january, february = exports(shipped_snapshot, "2026-01"), exports(shipped_snapshot, "2026-02")
    if cache == "warm":  # a first start fills the cache, the view it opens on included
        first = Terminal(command, environment)
        try:
            wait_until(lambda: january in first.text(), timeout=60)
            os.write(first.master, b"q")
            assert first.process.wait(timeout=10) == 0
        finally:
            first.close()
    terminal = Terminal(command, environment)
    try:
        wait_until(lambda: january in terminal.text(), timeout=60)
        pressed_at = len(terminal.output)
        os.write(terminal.master, b"]")
        wait_until(lambda: february in terminal.text(pressed_at), timeout=30)
        assert b"2026-02" in terminal.text(pressed_at)
        os.write(terminal.master, b"q")
        assert terminal.process.wait(timeout=10) == 0
    finally:
        terminal.close()


def write_synthetic_directory(directory, factor: int) -> None:
    """About `factor` times the shipped monthly rows (3,467): invented item and partner codes (in a catalog of
    their own) exporting and importing random amounts every month from 1977 to 2026, as bench/scale.py makes."""
    months = [f"{1977 + number // 12}-{number % 12 + 1:02d}" for number in range(600)]
    series = 3467 * factor // len(months)
    items = [f"synthetic_item_{number}" for number in range(int(series**0.5))]
    partners = [f"synthetic_partner_{number}" for number in range(series // (2 * len(items)))]
    catalog = ["dimension,code,name_en,name_ko,sets,order", "item,total,Total,,,0", "partner,world,World,,,0"]
    catalog += [f"item,{code},Synthetic item {n},,motie15,{n + 1}" for n, code in enumerate(items)]
    catalog += [f"partner,{code},Synthetic partner {n},,motie9,{n + 1}" for n, code in enumerate(partners)]
    (directory / "catalog.csv").write_text("\n".join(catalog) + "\n")
    keys = [
        (flow, item, partner)
        for flow in ("export", "import")
        for item in ["total", *items]
        for partner in ["world", *partners]
    ][:series]
    draw = random.Random(0)
    with open(directory / "synthetic.csv", "w") as file:
        file.write("period,flow,item,partner,value_usd,source\n")
        for flow, item, partner in keys:
            file.writelines(
                f"{month},{flow},{item},{partner},{draw.randrange(1_000_000, 50_000_000_000)},synthetic\n"
                for month in months
            )


def test_a_hundred_times_the_shipped_data_shows_its_loading_state_and_keeps_keys_live(environment, tmp_path):
    """The loader process parses 346,200 rows while the monitor shows that it is loading, opens its help on `?`
    and closes it on Escape (the screen under it, still loading, is drawn again); the figures come after."""
    directory = tmp_path / "synthetic"
    directory.mkdir()
    write_synthetic_directory(directory, 100)
    terminal = Terminal([sys.executable, "-m", "tui.cli", "--data", str(directory)], environment)
    try:
        wait_until(lambda: b"loading" in terminal.text(), timeout=60)
        os.write(terminal.master, b"?")
        wait_until(lambda: b"tradetop keys" in terminal.text(), timeout=30)
        opened_at = len(terminal.output)
        os.write(terminal.master, b"\x1b")
        wait_until(lambda: b"loading" in terminal.text(opened_at), timeout=30)  # the screen under it, redrawn
        assert b"customs basis" not in terminal.text()  # all that before the data (the header's notes on it)
        wait_until(lambda: b"customs basis" in terminal.text(), timeout=120)
        os.write(terminal.master, b"q")
        assert terminal.process.wait(timeout=10) == 0
    finally:
        terminal.close()
