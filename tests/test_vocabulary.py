"""The domain's words are defined once (core/base/subjects.py), and the code that computes the lines agrees with it."""

import re
from pathlib import Path

import pytest

import core
from core.base.subjects import CARD_LINES, FLOWS, HEADLINE_LINES, flow_of_total, is_signed
from core.engine.model import Headline

ROOT = Path(core.__file__).parent.parent


def modules_saying(pattern: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for package in ("core", "tui")
        for path in sorted((ROOT / package).rglob("*.py"))
        if re.search(pattern, path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        '"Daily avg"',
        '"YTD exp"',
        '"The trade balance"',
        '"Daily-average exports"',
        # a flow's name next to its code, on one line: {"export": "exports"}, "exports" if flow == "export" else ...
        r'"(ex|im)port"[^\n]*"(ex|im)ports"|"(ex|im)ports"[^\n]*"(ex|im)port"',
    ],
)
def test_a_headline_word_or_a_flow_name_is_written_in_one_module(pattern):
    assert modules_saying(pattern) == ["core/base/subjects.py"]


def test_every_headline_line_is_a_field_of_the_headline_record_and_a_series_of_the_snapshot(shipped_snapshot):
    assert tuple(HEADLINE_LINES) == Headline._fields[: len(HEADLINE_LINES)]
    assert tuple(shipped_snapshot.headline) == tuple(HEADLINE_LINES)


def test_the_cards_and_the_flows():
    assert [line.short for line in CARD_LINES] == ["Exports", "Imports", "Balance", "Daily avg", "YTD exp"]
    assert {code: flow.name for code, flow in FLOWS.items()} == {"export": "exports", "import": "imports"}
    assert [flow_of_total(line) for line in HEADLINE_LINES] == ["export", "import", None, None, None, None]
    assert [line for line in HEADLINE_LINES if is_signed("headline", line)] == ["balance"]
    assert not is_signed("partner", "balance")  # a partner coded so is a partner


def test_core_names_no_key():
    """Keys are the monitor's: no string in core says ' (r)' or 'press'."""
    assert [path for path in modules_saying(r'"[^"\n]*( \([a-z?]\)|[Pp]ress )') if path.startswith("core/")] == []
    assert modules_saying(r'"[^"\n]*( \([a-z?]\)|[Pp]ress )')  # the monitor's own do
