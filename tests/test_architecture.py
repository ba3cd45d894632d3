"""The engine stands alone: core never imports the UI."""

import pkgutil
import subprocess
import sys

import core


def test_core_never_imports_textual():
    modules = [f"core.{info.name}" for info in pkgutil.iter_modules(core.__path__)]
    assert len(modules) >= 5
    program = ";".join(f"import {name}" for name in modules) + ";import sys;print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


FIRST_FRAME_FORBIDDEN = ("pandas", "pyarrow", "holidays", "plotext", "textual_plotext", "core.loader", "defusedxml")
WARM_START = """
import sys
from core.datadir import embedded_data_dir
from tui.app import TradetopApp


class FirstFrame(TradetopApp):
    def on_snapshot_loaded(self, message):
        # What the path to the data took in; background work after it (plotext's warm-up) may add more.
        print(",".join(name for name in {forbidden!r} if name in sys.modules) or "none")
        super().on_snapshot_loaded(message)
        self.call_after_refresh(self.exit)


FirstFrame(embedded_data_dir()).run(headless=True, size=(80, 24))
"""


def test_a_warm_start_reaches_the_data_without_the_heavy_imports():
    """The first-frame path: the CLI, the app, and a snapshot from the cache; pandas and plotext come later."""
    subprocess.run([sys.executable, "-c", "from core.cache import load_snapshot_cached;"
                    "from core.datadir import embedded_data_dir; load_snapshot_cached(embedded_data_dir())"], check=True)
    result = subprocess.run([sys.executable, "-c", WARM_START.format(forbidden=FIRST_FRAME_FORBIDDEN)],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "none", result.stdout + result.stderr


def test_importing_the_cli_and_the_app_loads_none_of_the_heavy_modules():
    program = f"import sys, tui.cli, tui.app; print([m for m in {FIRST_FRAME_FORBIDDEN!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
