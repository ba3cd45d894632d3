"""The installed `tradetop` command finds its embedded data from any directory."""

import os
import shutil
import subprocess

import pytest


@pytest.mark.skipif(shutil.which("tradetop") is None, reason="tradetop is not installed in this environment")
def test_installed_command_runs_from_any_directory(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "TRADETOP_DATA"}
    result = subprocess.run(
        ["tradetop", "brief", "--period", "2026-01"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "$65.84bn" in result.stdout


def test_environment_variable_chooses_the_data(data_dir, run_cli, monkeypatch):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,123000000000\n")
    monkeypatch.setenv("TRADETOP_DATA", str(data_dir))
    assert "$123.00bn" in run_cli("brief")[1]
