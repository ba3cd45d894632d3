"""Text the monitor paints itself (tui.widgets.painted_text: the cards, the release line, the header's line, the
key bar) can be selected with the mouse as Textual's own text can: each cell knows its place, a selection is
highlighted, and what is selected is copied."""

import pytest
from dashboard_helpers import opened
from textual.geometry import Offset
from textual.selection import Selection

from tui.widgets import ReleaseFactsLine


@pytest.mark.anyio
async def test_the_release_line_can_be_selected(data):
    async with opened(data) as (app, pilot):
        facts = app.screen.query_one(ReleaseFactsLine)
        line = facts.render_line(0)
        assert line.text.startswith("Working days 23.5 vs 20.0")  # monthly.csv 2026-01, as the release said
        offsets = [segment.style.meta.get("offset") for segment in line if segment.style and segment.text.strip()]
        assert offsets[0] == (0, 0) and all(offset is not None for offset in offsets)
        selection = Selection.from_offsets(Offset(0, 0), Offset(12, 0))
        app.screen.selections = {facts: selection}
        await pilot.pause()
        highlight = app.screen.get_component_rich_style("screen--selection").bgcolor
        painted = facts.render_line(0)
        selected = "".join(segment.text for segment in painted if segment.style and segment.style.bgcolor == highlight)
        assert selected == "Working days"
        assert facts.get_selection(selection)[0] == "Working days"
