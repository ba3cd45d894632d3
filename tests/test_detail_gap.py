"""2026-09's totals are in the shipped data (the release-day tally), its item and region detail is not: the
main screen's tables say so in one line, Enter goes to the latest month with the detail (2026-07), and the brief
says the same."""

import json

import pytest
from dashboard_helpers import make_app, wait_for_data

from core.base.periods import format_period, parse_period
from core.views.main_view import main_view
from tui.widgets.figure_table import NOTICE_KEY
from tui.widgets.release_table import ReleaseTable

pytestmark = pytest.mark.anyio
GAP = "item and region detail for 2026-09 not yet in the data; latest: 2026-07"


def test_the_main_view_of_2026_09_says_its_detail_is_not_in_the_data(shipped_snapshot):
    view = main_view(shipped_snapshot, parse_period("2026-09"))
    assert view.release.headline.exports.value_usd == 120_944_000_000
    gap = view.detail_gap
    assert gap is not None and gap.text == GAP and format_period(gap.month) == "2026-07"
    assert gap.tables == ("item", "partner")
    assert main_view(shipped_snapshot, parse_period("2026-07")).detail_gap is None


def test_the_brief_of_2026_09_says_it_in_one_line(run_cli):
    code, out, _err = run_cli("brief", "--period", "2026-09")
    assert code == 0 and f"\n{GAP[:1].upper()}{GAP[1:]}.\n" in out and "Items (motie15)" not in out
    code, out, _err = run_cli("brief", "--json", "--period", "2026-09")
    brief = json.loads(out)
    assert brief["detail_gap"] == {"text": GAP, "month": "2026-07"}
    assert brief["breadth"] is None and brief["ytd_breadth"] is None  # no items to count, not "0 of 0 rose"
    code, out, _err = run_cli("brief", "--json", "--period", "2026-07")
    brief = json.loads(out)
    assert brief["detail_gap"] is None
    assert (brief["breadth"]["up"], brief["breadth"]["total"], brief["ytd_breadth"]["up"]) == (19, 20, 15)


async def test_the_tables_of_2026_09_are_one_notice_and_enter_goes_to_2026_07(data):
    app = make_app(data, None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert format_period(app.month) == "2026-09"
        for table_id in ("items", "partners"):
            table = app.screen.query_one(f"#{table_id}", ReleaseTable)
            assert {key for key, _cells in table.rows} == {NOTICE_KEY}
            text = " ".join(cells[0].plain.strip() for _key, cells in table.rows)
            # One line, in the form that fits the pane (the whole sentence, GAP, is the brief's)
            assert text == "no detail yet; latest 2026-07; Enter goes there" and len(table.rows) == 1
        await pilot.press("enter")
        await wait_for_data(pilot)
        assert format_period(app.month) == "2026-07"
        items = app.screen.query_one("#items", ReleaseTable)
        assert items.rows[0][0] == "semiconductors"
