"""The command line: the monitor's options are parsed by a lean parser (no command's parser built, none of their
modules imported) and everything else as before, by the full parser."""

import argparse
import re
import subprocess
import sys

import pytest

from tui.cli import COMMAND_NAMES, parse, parser
from tui.cli.monitor import run as monitor_run


def test_command_names_are_the_full_parsers(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["nonsense"])
    choices = re.search(r"choose from (.*)\)", capsys.readouterr().err)[1]
    assert set(re.findall(r"'([a-z]+)'", choices)) == COMMAND_NAMES


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], {"data": None, "period": None, "lang": "en", "item_set": None}),
        (["--period", "2026-01"], {"period": "2026-01"}),
        (
            ["--data", "/tmp/x", "--lang", "ko", "--set", "motie20"],
            {"data": "/tmp/x", "lang": "ko", "item_set": "motie20"},
        ),
    ],
)
def test_the_monitor_is_parsed_as_by_the_full_parser(argv, expected):
    args = parse(argv)
    assert args.run is monitor_run
    assert {key: getattr(args, key) for key in expected} == expected
    full = parser().parse_args(argv, argparse.Namespace(data=None, period=None, lang="en", item_set=None))
    assert vars(args) == {key: value for key, value in vars(full).items() if key != "command"}


def test_a_command_is_parsed_by_the_full_parser():
    args = parse(["--period", "2026-01", "brief", "--json"])
    assert args.command == "brief" and args.format == "json" and args.period == "2026-01"
    assert args.run is not monitor_run


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["--period"], "expected one argument"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_are_the_full_parsers_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as ended:
        parse(argv)
    assert ended.value.code == 2
    assert message in capsys.readouterr().err


def test_the_monitor_does_not_import_the_commands():
    code = (
        "import sys; from tui.cli import parse; parse(['--period', '2026-01']); "
        "print(sorted(m for m in sys.modules if m.startswith('tui.cli.') and m not in "
        "('tui.cli.monitor', 'tui.cli.snapshot')))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        parse(["--help"])
    assert "brief" in capsys.readouterr().out
