"""`y` turns the headline cards to the year to date too (issue 16, item 1): exports, imports, balance and daily
average summed since January, each against the same months a year earlier and in every year as its sparkline; the
fifth card shows the month's exports. Figures of the shipped (real) data, checked by hand from data/monthly.csv."""

import pytest
from dashboard_helpers import make_app, opened, screen_rows, wait_for_data, year_to_date_cards
from test_layout import assert_no_figure_cut, card_lines

from core.base.periods import parse_period
from core.views.main_view import main_view
from tui.screens.drilldown import DrilldownScreen
from tui.widgets.headline_cards import HeadlineCards
from tui.widgets.release_facts import ReleaseFactsLine

JULY = parse_period("2026-07")
# monthly.csv, total to the world, Jan-Jul: exports 2026 65,843,936,782 + 67,642,546,892 + 87,333,127,845 +
# 85,751,882,817 + 87,576,083,100 + 101,956,159,193 + 98,959,098,818; 2025 49,176,984,042 + 52,292,301,495 +
# 58,064,561,820 + 58,035,745,123 + 57,261,062,502 + 59,833,796,879 + 60,724,322,143. Imports likewise.
EXPORTS, EXPORTS_2025 = 595_062_835_447, 395_388_774_004
IMPORTS, IMPORTS_2025 = 427_303_144_350, 361_456_014_684
# Working days Jan-Jul (tests/test_release_at_a_glance.py): 156.5 in 2026, 155.5 in 2025.
DAYS, DAYS_2025 = 156.5, 155.5


def test_the_year_to_date_cards_of_july_2026_sum_the_months(shipped_snapshot):
    view = main_view(shipped_snapshot, JULY)
    exports, imports, balance, daily, month = view.cards(ytd=True)
    assert [card.code for card in view.cards(ytd=True)] == [
        "ytd_exports",  # Enter opens the year to date's own drilldown
        "imports",
        "balance",
        "daily_avg_exports",
        "exports",
    ]
    assert (exports.value_usd, exports.history[-2]) == (EXPORTS, EXPORTS_2025)
    assert exports.change == pytest.approx((EXPORTS / EXPORTS_2025 - 1) * 100) == pytest.approx(50.50, abs=0.005)
    assert exports.value_usd == view.release.headline.ytd_exports.value_usd  # the snapshot's own year to date
    assert exports.history == view.card_histories["ytd_exports"]  # the month's "YTD exp" sparkline: one a year
    assert (imports.value_usd, imports.history[-2]) == (IMPORTS, IMPORTS_2025)
    assert imports.change == pytest.approx(18.22, abs=0.005)
    assert imports.history[:6] == (None,) * 6  # the data's imports begin in 2022
    assert (balance.value_usd, balance.change) == (
        EXPORTS - IMPORTS,
        (EXPORTS - IMPORTS) - (EXPORTS_2025 - IMPORTS_2025),
    )
    assert balance.signed and balance.value_usd == 167_759_691_097 and balance.change == 133_826_931_777
    assert daily.value_usd == pytest.approx(EXPORTS / DAYS)
    assert daily.change == pytest.approx((EXPORTS / DAYS) / (EXPORTS_2025 / DAYS_2025) * 100 - 100)
    assert all(card.yearly and len(card.history) == 11 for card in (exports, imports, balance, daily))  # 2016-2026
    # The month's exports: 98,959,098,818 against 60,724,322,143 in July 2025, and the month's sparkline.
    assert (month.value_usd, month.yearly, month.history) == (98_959_098_818, False, view.card_histories["exports"])
    assert month.change == pytest.approx((98_959_098_818 / 60_724_322_143 - 1) * 100)
    assert [card.titles[0] for card in view.cards(ytd=True)] == [
        "Exports Jan–Jul",
        "Imports Jan–Jul",
        "Balance Jan–Jul",
        "Daily avg Jan–Jul",
        "Exports Jul",
    ]
    january = main_view(shipped_snapshot, parse_period("2026-01")).cards(ytd=True)  # the year to date is the month
    assert [card.titles[0] for card in january] == [
        "YTD exports",
        "YTD imports",
        "YTD balance",
        "YTD daily avg",
        "Exports Jan",
    ]
    korean = main_view(shipped_snapshot, JULY, lang="ko").cards(ytd=True)
    assert [card.titles[:2] for card in korean[:2]] == [("수출 Jan–Jul", "누적 수출"), ("수입 Jan–Jul", "누적 수입")]


@pytest.mark.anyio
async def test_y_turns_the_cards_to_the_year_to_date_at_120x36_and_80x24(data):
    app = make_app(data, "2026-07")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        month = card_lines(app)
        await pilot.press("y")
        screen = screen_rows(app)
        assert card_lines(app) == {
            "ytd_exports": ["$595.06bn", "+50.5% y/y"],
            "imports": ["$427.30bn", "+18.2% y/y"],
            "balance": ["+$167.76bn", "+$133.83bn y/y"],
            "daily_avg_exports": ["$3.80bn", "+49.5% y/y"],  # 595.06bn / 156.5 against 395.39bn / 155.5
            "exports": ["$98.96bn", "+63.0% y/y"],  # the month's, as its own card said before `y`
        }
        assert card_lines(app)["exports"] == month["exports"]
        for title in ("Exports Jan–Jul", "Imports Jan–Jul", "Balance Jan–Jul", "Daily avg Jan–Jul", "Exports Jul"):
            assert f" {title} " in screen
        assert screen.count("11y from 0") == 2 and "20m from 0" in screen  # years to date; the month's 20 months
        assert assert_no_figure_cut(app) > 10
        # The release line keeps what the cards do not show, and no longer the year's imports, balance, average.
        line = app.screen.query_one(ReleaseFactsLine).render().plain
        assert "Working days Jan–Jul 156.5 vs 155.5" in line and "Ex semiconductors Jan–Jul" in line
        assert "15 of 20 items rose in Jan–Jul" in line
        assert "Imports" not in line and "Balance" not in line and "Daily avg" not in line
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        screen = screen_rows(app)
        assert card_lines(app) == {
            "ytd_exports": ["$595.06bn", "+50.5% y/y"],
            "imports": ["$427.30bn", "+18.2% y/y"],
            "balance": ["+$167.76bn", "+$133.83bn"],  # no room for "y/y"
            "daily_avg_exports": ["$3.80bn", "+49.5% y/y"],
            "exports": ["$98.96bn", "+63.0% y/y"],
        }
        for title in ("YTD exports", "YTD imports", "YTD balance", "YTD daily", "Exports Jul"):
            assert f" {title} " in screen
        assert assert_no_figure_cut(app) > 10
        await pilot.press("y")  # back to the month
        assert " YTD exp " in screen_rows(app)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        assert card_lines(app) == month


@pytest.mark.anyio
async def test_june_2025_s_year_to_date_exports_keep_the_sign_of_their_fall_at_120x36(data):
    app = make_app(data, "2025-06")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("y")
        # Jan-Jun 2025 exports $334,664,451,861 against $334,815,011,725: -0.045%, never 0.0%.
        assert card_lines(app)["ytd_exports"] == ["$334.66bn", "-0.04% y/y"]
        assert " Exports Jan–Jun " in screen_rows(app)
        assert_no_figure_cut(app)


@pytest.mark.anyio
async def test_enter_on_a_year_to_date_card_opens_its_subject_s_drilldown(data):
    async with opened(data, "2026-07", (120, 36)) as (app, pilot):
        await year_to_date_cards(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "ytd_exports"
        await pilot.press("escape", "left", "enter")  # the fifth card: the month's exports
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "exports"
        await pilot.press("escape", "left", "left", "enter")  # the year's balance: the balance's drilldown
        assert isinstance(app.screen, DrilldownScreen) and app.screen.subject.code == "balance"


def card_captions(app) -> dict[str, str]:
    """Each card's caption on its bottom edge, by its subject."""
    cards = app.screen.query_one(HeadlineCards)
    bottom = cards.render().plain.splitlines()[4]
    width = cards.size.width
    edges = [width * index // len(app.view.cards(app.ytd)) for index in range(len(app.view.cards(app.ytd)) + 1)]
    return {
        card.code: bottom[edges[index] : edges[index + 1]].strip("╰╯┗┛─━ ")
        for index, card in enumerate(app.view.cards(app.ytd))
    }


@pytest.mark.anyio
@pytest.mark.parametrize("size, months", [((120, 36), "20m"), ((80, 24), "12m")])
async def test_every_year_to_date_card_states_the_span_its_sparkline_covers(data, size, months):
    """A user saw '11y' under imports drawn over 5 years (their years to date begin in 2022: imports in 2021-08),
    and at 80 columns no caption under the balance ('11y, 0 at ▂' was too long)."""
    app = make_app(data, "2026-07")
    async with app.run_test(size=size) as pilot:
        await wait_for_data(pilot)
        await pilot.press("y")
        assert card_captions(app) == {
            "ytd_exports": "11y from 0",  # 2016 to 2026
            "imports": "5y from 0",  # 2022 to 2026
            "balance": "5y, 0 at ▂",  # deficits in Jan-Jul 2022 and 2023
            "daily_avg_exports": "11y from 0",
            "exports": f"{months} from 0",
        }
