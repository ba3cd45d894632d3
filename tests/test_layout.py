"""The main screen's layout at every size: figures never cut (shorter forms instead), names whole where there is room,
the preliminary strip only where it belongs, an honest header, and a message below the smallest size that works.
On the shipped data unless said; tests/dashboard_helpers.py fixes the files' times."""

import re
from datetime import datetime

import pytest
from dashboard_helpers import make_app, screen_rows, wait_for_data
from rich.cells import cell_len

from core.base import fmt
from core.base.periods import format_period
from core.base.release_calendar import KST
from core.base.subjects import CARD_LINES
from core.views.main_view import TREND_MONTHS
from tui.screens.flash import FlashScreen
from tui.screens.main import MainScreen
from tui.widgets.cells import change_style, spark
from tui.widgets.figure_table import TABLE_MARGIN
from tui.widgets.flash_pane import FlashPane
from tui.widgets.headline_cards import HeadlineCards
from tui.widgets.release_facts import ReleaseFactsLine
from tui.widgets.release_table import ReleaseTable
from tui.widgets.status import StatusHeader

pytestmark = pytest.mark.anyio
AFTER_SEPTEMBER = datetime(2026, 10, 21, 10, 0, tzinfo=KST)  # the shipped data's time: 2026-09 is out


# What each column may show of a row: the forms of its full value (core.base.fmt), longest first; the trend's
# sparkline.
def field(row, ytd: bool, name: str):
    return getattr(row, f"ytd_{name}" if ytd else name)


ROW_FORMS = {
    "value": lambda table, row: fmt.usd_forms(field(row, table.ytd, "value_usd")),
    "yoy": lambda table, row: fmt.pct_forms(field(row, table.ytd, "yoy_pct")),
    "share": lambda table, row: fmt.share_forms(field(row, table.ytd, "share_pct")),
    "share_change": lambda table, row: fmt.pp_forms(field(row, table.ytd, "share_change_pp")),
    "contribution": lambda table, row: fmt.pp_forms(field(row, table.ytd, "contribution_pp")),
    "trend": lambda table, row: (spark(table.trends.get(row.code, ()), TREND_MONTHS).strip(),),
    "exports": lambda table, row: fmt.usd_forms(field(row, table.ytd, "exports_usd")),
    "imports": lambda table, row: fmt.usd_forms(field(row, table.ytd, "imports_usd")),
    "balance": lambda table, row: fmt.usd_forms(field(row, table.ytd, "balance_usd"), signed=True),
    "balance_change": lambda table, row: fmt.usd_forms(field(row, table.ytd, "balance_change_usd"), signed=True),
}


def card_lines(app) -> dict[str, list[str]]:
    """Each card's value and change lines as painted, without its box and padding, by its subject: the month's
    cards, or with `y` the year to date's."""
    cards = app.screen.query_one(HeadlineCards)
    lines = cards.render().plain.splitlines()
    width = cards.size.width
    edges = [width * index // len(CARD_LINES) for index in range(len(CARD_LINES) + 1)]
    return {
        card.code: [lines[row][edges[index] + 2 : edges[index + 1] - 2].strip() for row in (1, 2)]
        for index, card in enumerate(app.view.cards(app.ytd))
    }


def card_forms(app) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The forms each card may show, from the view's full figures: its value, then its change."""
    forms = {}
    for card in app.view.cards(app.ytd):
        if card.signed:  # the balance: its change in dollars
            value, change = fmt.usd_forms(card.value_usd, signed=True), fmt.usd_forms(card.change, signed=True)
        else:
            value, change = fmt.usd_forms(card.value_usd), fmt.pct_forms(card.change)
        labelled = change[:-1] if card.signed else change[:1]  # the balance's change keeps "y/y" in a shorter form
        forms[card.code] = (value, (*(f"{form} y/y" for form in labelled), *change))
    return forms


def painted_cells(table: ReleaseTable) -> list[tuple[str, dict[str, str]]]:
    """Each row in view as painted: its key and the text in each heading's cells."""
    lines = [table.render_line(y).text for y in range(table.scrollable_content_region.height)]
    rows = []
    for y, line in enumerate(lines[1:]):
        index = y + table.scroll_offset.y
        if index >= len(table.rows):
            break
        cells, start = {}, TABLE_MARGIN
        for heading in table.headings:
            cells[heading.key] = line[start : start + heading.width].strip()
            start += heading.width
        rows.append((table.rows[index][0], cells))
    return rows


def assert_no_figure_cut(app) -> int:
    """Every card's figures and every table cell on screen is whole: one of the forms of its full value, painted
    whole. Returns how many figures were checked."""
    checked = 0
    forms = card_forms(app)
    for subject, (value, change) in card_lines(app).items():
        assert value in forms[subject][0], (subject, value)
        assert change in forms[subject][1], (subject, change)
        checked += 2
    for table in app.screen.query(ReleaseTable):
        rows = {row.code: row for row in table.rows_shown}
        shown = dict(table.rows)
        for key, cells in painted_cells(table):
            row = rows[key]
            name = cells.pop("name")
            assert name == row.name or (name.endswith("…") and row.name.startswith(name[:-1])), name
            for column, text in cells.items():
                # Painted whole: the widget never cut the cell it was given.
                position = [heading.key for heading in table.headings].index(column)
                assert text == shown[key][position].plain.strip(), (key, column, text)
                assert column in ROW_FORMS, column
                assert text in ROW_FORMS[column](table, row), (key, column, text)
                checked += 1
    return checked


def too_small_message(app) -> str | None:
    message = app.screen.too_small
    return message.render().plain if message is not None and message.display else None


def header(app) -> str:
    return app.screen.query_one(StatusHeader).render().plain


async def resized(pilot, width: int, height: int) -> None:
    await pilot.resize_terminal(width, height)
    await pilot.pause()
    await pilot.pause()


async def test_resizing_never_cuts_a_figure_says_when_the_terminal_is_too_small_and_comes_back_as_it_was(data):
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        first = app.export_screenshot()
        assert assert_no_figure_cut(app) > 10 + 4 * 15  # the cards, and value, YoY, share, Δshare of every item
        for width, height in ((60, 20), (40, 12), (20, 6), (120, 36)):
            await resized(pilot, width, height)
            message = too_small_message(app)
            if (width, height) >= (60, 20):
                assert message is None
                assert assert_no_figure_cut(app) >= 10 + 2 * 9  # at least value and YoY of each row in view
            else:
                assert message is not None and message.startswith("tradetop needs at least 60×20")
                assert f"this terminal is {width}×{height}" in message
        assert app.export_screenshot() == first
        await pilot.press("b")  # the partners' balances, at 120 and 60 columns
        await pilot.pause()
        for width, height in ((120, 36), (60, 20)):
            await resized(pilot, width, height)
            assert "balance" in [heading.key for heading in app.screen.query_one("#partners", ReleaseTable).headings]
            assert assert_no_figure_cut(app) >= 10 + 2 * 9


async def test_the_smallest_size_shows_every_pane_and_one_cell_less_says_so(flash_pending):
    app = make_app(flash_pending, "2026-07")  # the latest release then: the preliminary strip at its tallest
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_data(pilot)
        assert too_small_message(app) is None
        assert_no_figure_cut(app)
        screen = app.screen
        assert screen.query_one(FlashPane).region.height == 3
        for table in screen.query(ReleaseTable):
            assert len(painted_cells(table)) >= 2
            assert [heading.key for heading in table.headings][:2] == ["name", "value"]
        assert [heading.key for heading in screen.query_one("#items", ReleaseTable).headings] == [
            "name",
            "value",
            "yoy",
        ]
        notables = screen.query_one("#notables")
        assert notables.region.bottom <= screen.query_one("KeyBar").region.y and notables.content_region.height >= 1
        # Each card shows its figures with their unit, the balance's change in a shorter form: +$23.9bn.
        assert card_lines(app)["balance"] == ["+$30.4bn", "+$23.9bn"]
        assert card_lines(app)["exports"] == ["$98.96bn", "+63.0%"]
        # Each card's title whole, in a shorter form where the card is narrow (a user saw 'Daily av').
        titles = screen_rows(app).splitlines()[1]
        assert re.findall(r"[─━] ([^─━╮┓]+?) [─━]*[╮┓]", titles) == [
            "Exports",
            "Imports",
            "Balance",
            "Daily",
            "YTD exp",
        ]
        for size in ((59, 20), (60, 19)):
            await resized(pilot, *size)
            assert too_small_message(app).startswith("tradetop needs at least 60×20")
        await resized(pilot, 60, 20)
        assert too_small_message(app) is None
        # The flash month needs more room: its items' table and, beside it, the nowcast and a plot.
        await pilot.press("right_square_bracket")
        assert isinstance(app.screen, FlashScreen)
        assert too_small_message(app).startswith("tradetop needs at least 70×20")
        await resized(pilot, 70, 20)
        assert too_small_message(app) is None
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and too_small_message(app) is None


async def test_a_terminal_too_small_from_the_start_says_so_and_shows_the_screen_once_large_enough(data):
    app = make_app(data)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_data(pilot)
        assert too_small_message(app) == "tradetop needs at least 60×20\nthis terminal is 40×12\nq quits"
        await resized(pilot, 80, 24)
        assert too_small_message(app) is None and assert_no_figure_cut(app)


@pytest.mark.parametrize(
    ("size", "period", "earlier"),
    [((80, 24), "2022-01", "2021-12"), ((120, 36), "2026-03", "2026-02")],
)
async def test_the_release_line_keeps_its_rows_from_month_to_month(data, size, period, earlier):
    """Its rows follow the terminal's size, not the month's text: the tables stay put while `[` steps to a month
    whose line takes more or fewer rows (more items in the list, or no item data before 2022)."""
    app = make_app(data, period)
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        facts, tables = app.screen.query_one(ReleaseFactsLine), app.screen.query_one("#tables")
        regions, lines = (facts.region, tables.region), facts.render().plain.splitlines()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert format_period(app.month) == earlier and len(facts.render().plain.splitlines()) != len(lines)
        assert (facts.region, tables.region) == regions and facts.region.height == 3


async def test_a_list_of_items_too_long_for_the_release_line_is_cut_after_a_name(data):
    """monthly.csv, exports in February 2026 against February 2025: 6 of 15 items rose, in the catalog's order
    Semiconductors (+160.6%), Petroleum products (+5.6%), Ships (+41.3%), Computers (+221.6%), Wireless
    communication devices (+12.3%) and Bio-health (+7.0%); at 80x24 the third row has room for four of them."""
    app = make_app(data, "2026-02")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert app.screen.query_one(ReleaseFactsLine).render().plain.splitlines() == [
            "Working days 19.0 vs 22.0 · Ex semiconductors $42.51bn -0.3%",
            "YTD ex semiconductors $87.81bn +7.5% · 6 of 15 items rose (customs basis)",
            "rose: Semiconductors, Petroleum products, Ships, Computers, …",
        ]
        await resized(pilot, 120, 36)  # all six
        assert (
            app.screen.query_one(ReleaseFactsLine).render().plain.endswith("Wireless communication devices, Bio-health")
        )

    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        for table in app.screen.query(ReleaseTable):
            names = [cells["name"] for _key, cells in painted_cells(table)]
            # Every figure of the release shows at 120 columns: only the longest name gives way to them.
            assert [name for name in names if name.endswith("…")] in ([], ["Wireless communication …"]), names
            # The figures have one cell before them and no more than their widest cell of any month, or label, needs.
            field = {column.key: column.field for column in table.columns}
            for heading in table.headings[1:]:
                widest = max(cell_len(cells[heading.key]) for _key, cells in painted_cells(table))
                of_any_month = app.view.widest[table.dimension][field[heading.key]][0]
                assert heading.width == 1 + max(widest, of_any_month, cell_len(heading.label)), heading.key
        items = [cells["name"] for _key, cells in painted_cells(app.screen.query_one("#items", ReleaseTable))]
        assert "General machinery" in items
        await pilot.press("G")  # the bottom rows, below the release line's three rows
        items = [cells["name"] for _key, cells in painted_cells(app.screen.query_one("#items", ReleaseTable))]
        assert "Secondary batteries" in items
        await resized(pilot, 200, 50)  # room for every name whole, and the trend
        items = [cells["name"] for _key, cells in painted_cells(app.screen.query_one("#items", ReleaseTable))]
        assert "Wireless communication devices" in items
        await resized(pilot, 80, 24)
        partners = [cells["name"] for _key, cells in painted_cells(app.screen.query_one("#partners", ReleaseTable))]
        # Whole at 80 columns too but for European Union: the YoY column is as wide as the set's widest (CIS, +114.7%
        # in 2023-04) in every month.
        assert {"United States", "European Uni…", "Latin America"} <= set(partners)
        items = [cells["name"] for _key, cells in painted_cells(app.screen.query_one("#items", ReleaseTable))]
        # Too narrow for the longest name and the share: only it is cut, the rest are whole.
        assert [name for name in items if name.endswith("…")] == ["Wireless communica…"]


async def test_the_year_to_date_keeps_the_sign_of_a_fall_that_rounds_to_zero(data):
    app = make_app(data, "2025-06")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("y")
        # Jan-Jun 2025 exports, $334.66bn against $334.81bn: -0.045%, which one decimal would show as 0.0%.
        assert app.view.release.headline.ytd_exports.yoy_pct == pytest.approx(-0.045, abs=0.0005)
        assert card_lines(app)["ytd_exports"] == ["$334.66bn", "-0.04% y/y"]
        assert_no_figure_cut(app)


def test_a_change_is_never_shown_as_zero_when_it_is_not():
    assert [fmt.pct(value) for value in (-0.045, -0.03, 0.049, 0.004, -0.004, 0.0, 33.94)] == [
        "-0.04%",
        "-0.03%",
        "+0.05%",
        "0.0%",  # under 0.005%: no sign to keep at two decimals either
        "0.0%",
        "0.0%",
        "+33.9%",
    ]
    assert fmt.pp(-0.04) == "-0.04pp" and fmt.pct_forms(-0.045) == ("-0.04%", "-0%")  # the sign in the short form too
    values = (-0.045, -0.005, -0.004, 0.0, 0.004, 0.005, 0.049)
    # Coloured exactly when written with a sign: one zero rule (fmt.reads_zero).
    assert [change_style(fmt.pct(value), value) != "" for value in values] == [
        fmt.pct(value) != "0.0%" for value in values
    ]


def test_money_has_one_signed_format_in_every_form():
    assert fmt.usd_forms(65.84e9) == ("$65.84bn", "$65.8bn", "65.8")
    assert fmt.usd_forms(10.7e9, signed=True) == ("+$10.70bn", "+$10.7bn", "+10.7")
    assert fmt.usd_forms(-4.74e9, signed=True) == ("-$4.74bn", "-$4.7bn", "-4.7")
    assert fmt.usd_forms(842.6e6) == ("$842.6mn", "$843mn", "0.8")  # the last form in $bn, as the pane says
    assert fmt.usd_forms(None) == ("n/a",)


async def test_the_preliminary_strip_is_whole_on_the_latest_release_and_one_line_before_it(flash_pending):
    app = make_app(flash_pending)  # 2026-01; the latest release is 2026-07, 2026-08 has its 10-day flash
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        strip = app.screen.query_one(FlashPane)
        assert strip.region.height == 1
        assert strip.render().plain == "2026-08  PRELIMINARY  · days 1-20 out · ] from 2026-07 or a click opens it"
        await pilot.click(FlashPane)
        assert isinstance(app.screen, FlashScreen)
        await pilot.press("escape")
        app.go_to_month(app.snapshot.latest)
        await pilot.pause()
        assert strip.region.height == 3 and "nowcast $92.75bn" in strip.render().plain
        await resized(pilot, 120, 36)
        assert strip.region.height == 5
        await pilot.press("left_square_bracket")  # 2026-06: one line again
        await pilot.pause()
        assert strip.region.height == 1


async def test_the_header_says_what_the_figures_are_and_when_the_files_changed_not_the_data(data):
    app = make_app(data, now=AFTER_SEPTEMBER)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_for_data(pilot)
        assert header(app).startswith("2026-01 January 2026 · exports · month")
        assert header(app).endswith(
            "customs basis, confirmed · data/ · latest 2026-09 · files modified 2026-08-01 00:00 UTC · "
            "next: 2026-10 release, 2026-11-01 09:00 KST (expected)"
        )
        await resized(pilot, 120, 36)  # the file time goes first, then the directory, then the latest month
        assert header(app).endswith("customs basis, confirmed · next: 2026-10 release, 2026-11-01 09:00 KST (expected)")
        await resized(pilot, 80, 24)  # then the next release, and the month's name gives way to them
        assert header(app) == "2026-01 · exports · month    customs basis, confirmed · data/ · latest 2026-09"


async def test_the_header_gives_the_release_date_where_the_files_give_one(data):
    app = make_app(data, "2026-09", now=AFTER_SEPTEMBER)  # release_prelim_2026.csv: 2026-09's totals, of 2026-10-01
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert app.view.released == "2026-10-01"
        # With the release date the next release no longer fits beside it at 120 columns; the file time does.
        assert header(app).endswith("released 2026-10-01 · customs basis · data/ · files modified 2026-08-01 00:00 UTC")
        assert "confirmed" not in header(app) and "latest" not in header(app)  # 2026-09 is the latest
        await pilot.press("left_square_bracket", "left_square_bracket")  # 2026-07: no dates in its files
        await pilot.pause()
        assert app.view.released is None and "customs basis, confirmed · next:" in header(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_tables_columns_keep_their_widths_from_month_to_month(data, size):
    """Sized for the widest figure of the month shown, the columns jumped with [ and ]: 2026-01's YoY (+102.8%)
    and Ships' contribution (-0.004pp) widened theirs, and the names' column with them. Now each column is as wide
    as the widest figure of the set has it in any month (core.views.table_widths), in the month and the year to
    date."""
    app = make_app(data, "2025-01")
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        headers: dict[str, set[str]] = {}
        for key in ["right_square_bracket"] * 15 + ["y"] + ["left_square_bracket"] * 15:  # 2025-01 to 2026-04
            for table in app.screen.query(ReleaseTable):
                headers.setdefault(f"{table.id} {app.ytd}", set()).add(table.render_line(0).text)
            await pilot.press(key)
            await pilot.pause()
        assert format_period(app.month) == "2025-01" and len(headers) == 4
        assert all(len(shown) == 1 for shown in headers.values()), headers


async def test_the_balance_card_keeps_its_y_y_at_80_columns_in_a_shorter_form(data):
    """At 80 columns the balance's change read "+$10.70bn" under "+$8.70bn": two signed amounts, the second without
    what it is. monthly.csv, 2026-01: the balance +$8.70bn, -$2.00bn a year earlier."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        lines = card_lines(app)
        assert lines["balance"] == ["+$8.70bn", "+$10.7bn y/y"]
        assert all(change.endswith(" y/y") for _value, change in lines.values()), lines
        assert "+$10.7bn y/y" in screen_rows(app)
        await resized(pilot, 120, 36)
        assert card_lines(app)["balance"] == ["+$8.70bn", "+$10.70bn y/y"]
