"""Findings of the user tests and reviews of issue 16, each checked as a user meets it (Pilot), on the shipped data;
tests/dashboard_helpers.py fixes the files' times."""

import pytest
from dashboard_helpers import make_app, wait_for_data
from rich.cells import cell_len
from textual.widget import Widget

from core.base import fmt
from tui.widgets.cells import BORDER_SPARE, DOWN_STYLE
from tui.widgets.release_table import ReleaseTable
from tui.widgets.split_table import SplitTable

pytestmark = pytest.mark.anyio


def border_texts(app) -> list[tuple[str, str, int]]:
    """Each border text on screen, with the room its pane's border has for it; not a title that is a name, in its
    shortest form (FittedBorder), which Textual may cut."""
    texts = []
    for widget in app.screen.query(Widget):
        for label in (widget.border_title, widget.border_subtitle):
            text = str(label) if label is not None else ""
            if label is widget.border_title and text == getattr(widget, "title_forms", ("",))[-1]:
                continue
            if text and widget.display:
                texts.append((widget.id or type(widget).__name__, text, widget.outer_size.width - BORDER_SPARE))
    return texts


def assert_borders_whole(app) -> int:
    """No border text with a figure in it is cut (Textual cuts a text longer than its room with "…")."""
    checked = 0
    for where, text, room in border_texts(app):
        if any(character.isdigit() for character in text):
            assert cell_len(text) <= room, (where, text, room)
            checked += 1
    return checked


async def test_border_texts_switch_to_shorter_forms_rather_than_cut_a_figure(data):
    """At 60x20 the Semiconductors drilldown's destination split said "all $16.40b…"; every screen's borders now
    fit their figures."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_data(pilot)
        assert assert_borders_whole(app) >= 2  # the notables' count, the tables' set (motie15)
        await pilot.press("enter")  # Semiconductors, the top item
        await pilot.pause()
        split = app.screen.query_one(SplitTable)
        assert split.splits[0].heading.startswith("Of which Integrated circuits (HS 8542)")
        assert str(split.border_subtitle) == "all $16.4bn"  # the whole in its shorter form, not "$16.40b…"
        assert assert_borders_whole(app) >= 1
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert str(split.border_subtitle).startswith("all $16.40bn ")  # the long form where there is room
        await pilot.resize_terminal(60, 20)
        await pilot.press("escape", "n")  # the story
        await pilot.pause()
        assert assert_borders_whole(app) >= 1
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert_borders_whole(app)


def test_a_contribution_that_rounds_to_zero_keeps_its_sign():
    """Ships in 2026-01: -0.088% y/y and a contribution of -0.0044pp, shown "0.0pp" beside Petrochemicals'
    -0.01pp (-0.0063)."""
    assert fmt.pp_forms(-0.0044) == ("-0.004pp", "-0pp")
    assert fmt.pp(-0.0063) == "-0.01pp" and fmt.pp(0.0004) == "0.0pp"  # under 0.0005pp: no sign to keep
    assert fmt.pct(-0.0044) == "0.0%" and fmt.pct(-0.088) == "-0.1%"  # YoY as it was


async def test_ships_contribution_on_screen_has_its_sign(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        items = app.screen.query_one("#items", ReleaseTable)
        ships = dict(items.rows)["ships"]
        position = [heading.key for heading in items.headings].index("contribution")
        assert ships[position].plain == "-0.004pp" and ships[position].style == DOWN_STYLE
