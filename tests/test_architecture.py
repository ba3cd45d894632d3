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
