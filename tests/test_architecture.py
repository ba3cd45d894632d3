"""The engine stands alone: core never imports the UI; modules stay small and share nothing private."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import core

ROOT = Path(core.__file__).parent.parent
MAX_MODULE_LINES = 450


def test_core_never_imports_textual():
    modules = [info.name for info in pkgutil.walk_packages(core.__path__, "core.")]
    assert len(modules) >= 20
    program = ";".join(f"import {name}" for name in modules) + ";import sys;print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


FIRST_FRAME_FORBIDDEN = (
    "numpy",
    "pandas",
    "pyarrow",
    "holidays",
    "plotext",
    "textual_plotext",
    "watchfiles",
    "core.ingest.loader",
    "core.engine.snapshot",
    "defusedxml",
    "core.runtime.holiday_cache",  # a load's
    "tui.screens.drilldown",  # screens opened later
    "tui.screens.flash",
    "tui.screens.help",
    "tui.screens.story",
)
FIRST_RUN = """
from core.runtime.cache import cached_start_view
from core.ingest.datadir import embedded_data_dir
from tui.app import TradetopApp


class FirstRun(TradetopApp):
    def on_mount(self):
        self.set_interval(0.05, self.exit_once_stored)

    def exit_once_stored(self):
        if cached_start_view(self.data_dir, None, self.chosen_set) is not None:
            self.exit()


FirstRun(embedded_data_dir()).run(headless=True, size=(80, 24))
"""
WARM_START = """
import sys
from core.ingest.datadir import embedded_data_dir
from tui.app import TradetopApp


class FirstFrame(TradetopApp):
    def on_ready(self):
        # Ready comes after the first frame is painted, and this handler runs before TradetopApp's, which
        # starts the loader: what is shown and imported now is what the first frame had.
        print(self.query_one("#cards").figures["exports"].values[0], self.snapshot is None)
        print(",".join(name for name in {forbidden!r} if name in sys.modules) or "none")
        self.exit()


FirstFrame(embedded_data_dir()).run(headless=True, size=(80, 24))
"""


def test_a_warm_start_draws_the_data_without_the_heavy_imports():
    """The first run stores the view it opened on; the next one draws it before numpy, pandas or plotext."""
    subprocess.run([sys.executable, "-c", FIRST_RUN], check=True, timeout=60)
    result = subprocess.run(
        [sys.executable, "-c", WARM_START.format(forbidden=FIRST_FRAME_FORBIDDEN)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-2:] == ["$120.94bn True", "none"], result.stdout + result.stderr


def test_importing_the_cli_and_the_app_loads_none_of_the_heavy_modules():
    program = f"import sys, tui.cli, tui.app; print([m for m in {FIRST_FRAME_FORBIDDEN!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def private_names_taken(directory: Path, from_packages: tuple[str, ...] = ()) -> list[str]:
    """`from x import _name` in the modules under `directory`, counting only imports from `from_packages` if given."""
    return [
        f"{path.relative_to(directory.parent)}:{node.lineno}: {alias.name} from {node.module}"
        for path in sorted(directory.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and (not from_packages or (node.module or "").split(".")[0] in from_packages)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


def test_no_module_takes_a_private_name_from_another():
    """`from .x import _name` binds two modules to one's internals; what is shared is public."""
    assert private_names_taken(ROOT / "core") + private_names_taken(ROOT / "tui") == []


def test_the_tests_take_no_private_name_from_the_code():
    """Tests stand on public behaviour: a test that imports a private name breaks when the internals change."""
    assert private_names_taken(ROOT / "tests", from_packages=("core", "tui")) == []


def test_the_private_name_check_finds_one(tmp_path):
    """So that the checks above could fail."""
    (tmp_path / "test_x.py").write_text("from core.ingest.loader import _kind_of, load_directory\nfrom x import _y\n")
    assert [found.split(": ", 1)[1] for found in private_names_taken(tmp_path, ("core",))] == [
        "_kind_of from core.ingest.loader"
    ]


def module_lines() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in ("core", "tui")
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def test_no_module_is_over_450_lines():
    """A module past a few hundred lines holds more than one job: split it by job."""
    lines = module_lines()
    assert {name: count for name, count in lines.items() if count > MAX_MODULE_LINES} == {}
