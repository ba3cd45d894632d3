"""Months before a series' data begins (shipped data: imports and the regions but the United States from 2021-08,
the items from 2022-01): the cards, the tables and the brief say so once, in place of rows of n/a."""

import pytest
from dashboard_helpers import make_app, screen_rows, wait_for_data

from core.base.periods import format_period, parse_period
from core.views.main_view import main_view
from tui.widgets.figure_table import NOTICE_KEY
from tui.widgets.release_table import ReleaseTable

pytestmark = pytest.mark.anyio
OTHERS = ("china", "asean", "eu", "japan", "latin_america", "middle_east", "india", "cis")  # but the United States


def test_the_view_of_2021_06_has_what_begins_later_and_when(shipped_snapshot):
    view = main_view(shipped_snapshot, parse_period("2021-06"))
    assert dict(view.card_begins) == {
        "imports": ("data begins in 2021-08", "from 2021-08"),
        "balance": ("data begins in 2021-08", "from 2021-08"),
    }
    partners = view.later["partner"]
    assert partners.codes == OTHERS and format_period(partners.month) == "2021-08"
    assert partners.texts == ("8 more: data begins in 2021-08", "8 more from 2021-08")
    assert view.later["balance"].codes == OTHERS  # the United States has exports: its row stays
    # A year to date begins with the first whole one: imports' in 2022-01.
    ytd = {card.code: card.begins for card in view.cards(ytd=True)}
    assert ytd["imports"] == ytd["balance"] == ("data begins in 2022-01", "from 2022-01")
    assert not ytd["ytd_exports"] and not ytd["exports"]
    # From 2021-08 every region and imports have figures.
    later = main_view(shipped_snapshot, parse_period("2021-08"))
    assert not later.card_begins and "partner" not in later.later


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_screen_of_2021_06_says_once_when_data_begins(data, size):
    app = make_app(data, "2021-06")
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        screen = screen_rows(app)
        cards = "\n".join(screen.splitlines()[1:6])
        assert cards.count("data begins") == 2 and cards.count("2021-08") == 2 and "n/a" not in cards
        partners = app.screen.query_one("#partners", ReleaseTable)
        assert [key for key, _cells in partners.rows] == ["us", NOTICE_KEY]
        assert partners.rows[-1][1][0].plain == "8 more: data begins in 2021-08"
        assert "n/a" not in screen
        partners.focus()
        await pilot.press("end", "enter")  # the line: to the month the rows left out begin
        await wait_for_data(pilot)
        assert format_period(app.month) == "2021-08"
        assert len(app.screen.query_one("#partners", ReleaseTable).rows) == 9


def test_the_brief_of_2021_06_says_it_in_one_line_each(run_cli):
    code, out, _err = run_cli("brief", "--period", "2021-06")
    assert code == 0
    lines = out.splitlines()
    assert "  Imports and Balance: data begins in 2021-08" in lines
    assert "  8 more: data begins in 2021-08" in lines
    assert out.count("data begins in 2021-08") == 2 and "n/a" not in out
    said = [line for line in lines if line.startswith(("  Imports", "  Balance"))]
    assert said == ["  Imports and Balance: data begins in 2021-08"]
    code, out, _err = run_cli("brief", "--period", "2021-06", "--format", "md")
    assert code == 0 and "n/a" not in out
    assert "\nImports and Balance: data begins in 2021-08\n" in out and "\n8 more: data begins in 2021-08\n" in out
    assert "| United States | $8.72bn | +52.0% |" in out  # exports_us_2016_2021.csv: 8,717,226,261


def test_years_to_date_of_the_regions_begin_with_2022(shipped_snapshot):
    """A user pressed y on 2021-08: the United States' year to date (its exports from 2016), then 8 rows of n/a."""
    for month in ("2021-06", "2021-08", "2021-12"):
        view = main_view(shipped_snapshot, parse_period(month))
        ytd = view.later["ytd_partner"]
        assert ytd.codes == OTHERS and format_period(ytd.month) == "2022-01"
        assert ytd.texts[0] == "8 more: data begins in 2022-01"
    assert "ytd_partner" not in main_view(shipped_snapshot, parse_period("2022-01")).later


async def test_y_on_2021_08_says_once_when_the_regions_years_to_date_begin(data):
    app = make_app(data, "2021-08")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        partners = app.screen.query_one("#partners", ReleaseTable)
        assert len(partners.rows) == 9  # the month: every region
        await pilot.press("y")
        assert [key for key, _cells in partners.rows] == ["us", NOTICE_KEY]
        assert partners.rows[-1][1][0].plain == "8 more: data begins in 2022-01"
        assert "n/a" not in screen_rows(app)
