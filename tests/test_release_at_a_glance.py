"""Every figure of the release on the main screen, the item set the release used, and partners in both flows
(issue 16, items 1-3). Figures of the shipped (real) data, each checkable by hand from data/monthly.csv."""

import json

import pytest
from dashboard_helpers import make_app, run_from_palette, screen_rows, wait_for_data

from core.base import fmt
from core.base.catalog import Catalog, Entry
from core.base.periods import parse_period
from core.views.drilldown_view import Subject
from core.views.main_view import main_view, rows_matching
from core.views.navigation import item_set_shown
from tui.widgets.release_table import ReleaseTable

JANUARY, JULY = parse_period("2026-01"), parse_period("2026-07")
# monthly.csv, January: exports 65,843,936,782 of which semiconductors 20,541,062,130 (2025: 49,176,984,042 and
# 10,129,969,185): without them 45,302,874,652 against 39,047,014,857, +16.0%.
EX_CHIPS_JANUARY = 65_843_936_782 - 20_541_062_130
EX_CHIPS_GROWTH = (EX_CHIPS_JANUARY / (49_176_984_042 - 10_129_969_185) - 1) * 100
NINE_REGIONS = ("china", "us", "asean", "eu", "japan", "latin_america", "middle_east", "india", "cis")


def test_january_2026_s_other_figures_in_the_main_view(shipped_snapshot):
    view = main_view(shipped_snapshot, JANUARY)
    facts = view.facts
    assert (facts.working_days, facts.working_days_year_earlier) == (23.5, 20.0)
    assert facts.exports_ex is not None and facts.exports_ex.value_usd == EX_CHIPS_JANUARY
    assert facts.exports_ex.yoy_pct == pytest.approx(EX_CHIPS_GROWTH) == pytest.approx(16.02, abs=0.005)
    assert facts.ytd_exports_ex == facts.exports_ex  # January: the year to date is the month
    # data/README.md: "on this basis 11 of the 15 items rose in January 2026"
    assert facts.breadth == (
        "11 of 15 items rose (customs basis)",
        "fell: Petrochemicals, Steel, Ships, Home appliances",
    )


def test_where_more_items_fell_than_rose_the_line_names_those_that_rose(shipped_snapshot):
    """monthly.csv, exports to the world, March 2023 against March 2022: of the 15 items only automobiles
    (6,495,857,219 against 3,970,411,670, +63.6%) and secondary batteries (869,162,243 against 863,931,756, +0.6%)
    rose; the 13 others fell (semiconductors 8,597,467,534 against 13,118,510,163, -34.5%)."""
    view = main_view(shipped_snapshot, parse_period("2023-03"))
    assert view.facts.breadth == ("2 of 15 items rose (customs basis)", "rose: Automobiles, Secondary batteries")
    assert len(view.release.breadth.fell) == 13


def test_the_year_to_date_s_facts_sum_the_months(shipped_snapshot):
    """Working days, as the release counts them (core.base.workdays): Jan-Jul 2026 156.5, Jan-Jul 2025 155.5."""
    view = main_view(shipped_snapshot, JULY, "export", "motie20")
    days = shipped_snapshot.history("headline", "working_days", JULY, 19).values
    assert (view.ytd_facts.working_days, view.ytd_facts.working_days_year_earlier) == (156.5, 155.5)
    assert view.ytd_facts.working_days == sum(days[12:]) and view.ytd_facts.working_days_year_earlier == sum(days[:7])
    assert view.ytd_facts.span == "Jan–Jul"
    assert view.ytd_facts.breadth[0] == "15 of 20 items rose in Jan–Jul (customs basis)"
    chips = next(row for row in view.release.items if row.code == "semiconductors")
    before = chips.ytd_value_usd / (1 + chips.ytd_yoy_pct / 100)
    # Jan-Jul 2025 exports, monthly.csv: 395,388,774,004
    assert chips.ytd_contribution_pp == pytest.approx((chips.ytd_value_usd - before) / 395_388_774_004 * 100)


def test_partner_balances_of_july_2026(shipped_snapshot):
    """monthly.csv, China: exports 21,681,183,695 and imports 16,317,852,371 (2025-07: 11,047,812,017 and
    12,422,355,149); Japan 2,753,565,356 and 4,904,968,146 (2,483,646,324 and 4,103,441,361)."""
    balances = {row.code: row for row in shipped_snapshot.release(JULY).partner_balances}
    assert tuple(balances) == NINE_REGIONS  # the catalog's order
    china, japan = balances["china"], balances["japan"]
    assert (china.exports_usd, china.imports_usd) == (21_681_183_695, 16_317_852_371)
    assert china.balance_usd == 5_363_331_324 and china.balance_change_usd == 5_363_331_324 - (-1_374_543_132)
    assert japan.balance_usd == -2_151_402_790 and japan.balance_change_usd == -2_151_402_790 - (-1_619_795_037)
    # A partner's imports are the same in either flow's release, as its own row of the imports release.
    imports = {row.code: row.value_usd for row in shipped_snapshot.release(JULY, "import").partners}
    assert {code: row.imports_usd for code, row in balances.items()} == imports


def test_the_item_set_the_release_used_comes_from_the_catalog(shipped_snapshot):
    shown = {
        period: item_set_shown(shipped_snapshot, parse_period(period)) for period in ("2025-12", "2026-04", "2026-05")
    }
    assert shown == {"2025-12": "motie15", "2026-04": "motie15", "2026-05": "motie20"}
    assert item_set_shown(shipped_snapshot, parse_period("2025-12"), "motie20") == "motie20"  # chosen
    assert item_set_shown(shipped_snapshot, JULY, "motie99") == "motie20"  # unknown: the release's own
    no_rows = Catalog.of([Entry("item", "steel", "Steel", "", ("motie15",), 1)])
    assert no_rows.item_set_in_force(JULY) is None  # then motie15 (item_set_shown)


def test_a_table_s_filter_is_the_view_s(shipped_snapshot):
    rows = shipped_snapshot.release(JULY, item_set="motie20").items
    assert [row.code for row in rows_matching(shipped_snapshot, "item", rows, "화장")] == ["cosmetics"]
    assert rows_matching(shipped_snapshot, "item", rows, "") == rows


def test_a_bad_first_period_is_a_catalog_problem(data_dir, run_cli):
    catalog = data_dir / "catalog.csv"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(",2026-05,", ",2026-13,"), encoding="utf-8")
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,5\n")
    code, out, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and "first_period '2026-13' is not a month" in out + err


def test_brief_and_export_follow_the_set_of_the_month_unless_told(brief_json, run_cli):
    assert brief_json("--period", "2026-07")["breadth"]["total"] == 20
    assert brief_json("--period", "2025-12")["breadth"]["total"] == 15
    assert brief_json("--period", "2026-07", "--set", "motie15")["breadth"]["total"] == 15
    code, out, _err = run_cli("--set", "motie20", "brief", "--json", "--period", "2025-12")  # before the command too
    assert code == 0 and json.loads(out)["breadth"]["total"] == 20
    code, out, _err = run_cli("export", "--period", "2026-07", "--table", "balances", "--format", "json")
    assert code == 0 and json.loads(out)["rows"] == brief_json("--period", "2026-07")["partner_balances"]


def shown_cell(table: ReleaseTable, code: str, column: str) -> str:
    cells = next(cells for key, cells in table.rows if key == code)
    return cells[[heading.key for heading in table.headings].index(column)].plain.strip()


def headings(table: ReleaseTable) -> list[str]:
    return [heading.key for heading in table.headings]


@pytest.mark.anyio
async def test_january_2026_at_120x36_shows_every_figure_of_the_release(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        screen = screen_rows(app)
        assert "Working days 23.5 vs 20.0" in screen
        assert "Ex semiconductors $45.30bn +16.0%" in screen and "YTD ex semiconductors $45.30bn +16.0%" in screen
        assert "11 of 15 items rose (customs basis)" in screen and "fell: Petrochemicals, Steel, Ships" in screen
        items = app.screen.query_one("#items", ReleaseTable)
        assert headings(items) == ["name", "value", "yoy", "share", "share_change", "contribution"]
        assert "contrib" in screen
        chips = next(row for row in app.release().items if row.code == "semiconductors")
        assert shown_cell(items, "semiconductors", "contribution") == "+21.2pp" == fmt.pp(chips.contribution_pp)
        await pilot.press("y")  # the year to date: the same facts, summed since January
        assert "Working days Jan 23.5 vs 20.0" in screen_rows(app)


@pytest.mark.anyio
async def test_at_80x24_the_figures_are_on_screen_or_one_key_away(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        screen = screen_rows(app)
        for text in ("23.5 vs 20.0", "Ex semiconductors $45.30bn +16.0%", "11 of 15 items rose"):
            assert text in screen
        items = app.screen.query_one("#items", ReleaseTable)
        assert "contribution" not in headings(items) and "z: zoom" in str(items.border_subtitle)
        await pilot.press("z")  # the items, zoomed: the contribution too
        assert app.screen.maximized is items and "contribution" in headings(items)
        assert items.region.right <= app.size.width and "+21.2pp" in screen_rows(app)  # on screen, not past its edge
        assert shown_cell(items, "semiconductors", "contribution") == "+21.2pp"
        # The header stays on top, and the key bar says how to come back.
        rows = screen_rows(app).splitlines()
        assert rows[0].startswith(" 2026-01 · exports · month") and "Items (motie15)" in rows[1]
        assert "z Unzoom" in rows[-1]
        await pilot.press("z")
        assert app.screen.maximized is None and "z Unzoom" not in screen_rows(app).splitlines()[-1]
        partners = app.screen.query_one("#partners", ReleaseTable)
        assert "share" not in headings(partners) and "z: zoom" in str(partners.border_subtitle)  # says there is more
        await pilot.press("tab", "z")  # the partners, zoomed: every column, every partner
        assert app.screen.maximized is partners and "share" in headings(partners)
        assert "z: zoom" not in str(partners.border_subtitle)
        zoomed = screen_rows(app)
        assert all(row.name in zoomed for row in app.release().partners) and "Δshare" in zoomed
        await pilot.press("escape")  # Escape leaves the zoom too
        assert app.screen.maximized is None and "share" not in headings(partners)


@pytest.mark.anyio
async def test_the_item_set_follows_the_release_and_the_key_and_set_switch_it(data):
    app = make_app(data, "2026-07")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        items = app.screen.query_one("#items", ReleaseTable)
        assert len(items.rows) == 20 and "Items (motie20)" in str(items.border_title)
        await pilot.press("m")
        assert len(items.rows) == 15 and app.item_set == "motie15"
        await pilot.press("m")  # back to the release's own, which the months then follow again
        assert len(items.rows) == 20 and app.chosen_set is None
        for _ in range(3):
            await pilot.press("left_square_bracket")
        assert app.month == parse_period("2026-04") and len(items.rows) == 15
        await run_from_palette(pilot, "cosmetics", "go to item Cosmetics")  # not in motie15: the palette has it
        assert app.screen.subject == Subject("item", "cosmetics")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("period", "item_set", "items", "said"),
    [
        ("2025-12", None, 15, None),  # the release's own
        ("2025-12", "motie20", 20, None),  # tradetop --set motie20
        ("2026-07", "motie15", 15, None),  # tradetop --set motie15
        ("2025-12", "motie99", 15, "--set: no item set 'motie99' in the catalog (known: motie15, motie20)"),
    ],
)
async def test_the_item_set_given_at_start(data, period, item_set, items, said):
    app = make_app(data, period, item_set=item_set)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        assert len(app.screen.query_one("#items", ReleaseTable).rows) == items
        assert said is None or said in screen_rows(app)


@pytest.mark.anyio
async def test_partners_in_both_flows_match_the_brief(data, brief_json):
    balances = brief_json("--period", "2026-07")["partner_balances"]
    app = make_app(data, "2026-07")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("b")
        partners = app.screen.query_one("#partners", ReleaseTable)
        assert headings(partners) == ["name", "imports", "balance", "balance_change"]
        for row in balances:
            imports, balance = fmt.usd(row["imports_usd"]), fmt.usd(row["balance_usd"], signed=True)
            assert shown_cell(partners, row["code"], "imports") == imports
            assert shown_cell(partners, row["code"], "balance") == balance
            change = fmt.usd(row["balance_change_usd"], signed=True)
            assert shown_cell(partners, row["code"], "balance_change") == change
        assert len(balances) == len(partners.rows) == 9 and shown_cell(partners, "china", "balance") == "+$5.36bn"
        await pilot.press("i")  # the flow changes the items, not the partners' both flows
        assert headings(partners)[1] == "imports" and app.release().flow == "import"
        await pilot.press("b")
        assert headings(partners)[1] == "value"
