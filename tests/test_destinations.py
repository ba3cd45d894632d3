"""The newer months, countries beside regions and item x destination series, on the shipped data.

Figures are those of data/release_prelim_2026.csv, data/exports_by_destination_hs8542.csv and
data/exports_us_2016_2021.csv (2026-01 lines quoted where a test uses them).
"""

import html
import json
import re

import numpy as np
import pytest
from dashboard_helpers import make_app, wait_for_data

from core.base.periods import format_period, parse_period
from core.engine.destinations import by_destination, item_splits, partner_items
from core.ingest.loader import load_directory
from core.views.drilldown_view import Subject, drilldown_view
from core.views.story_view import story_view
from tui.screens.drilldown import DrilldownScreen
from tui.screens.main import MainScreen
from tui.screens.story import StoryScreen

JANUARY_2026 = parse_period("2026-01")
SEPTEMBER_2026 = parse_period("2026-09")
# 2026-01,export,hs8542,CN,5980211066,435454 and 2025-01,export,hs8542,CN,2877006873,315560
CHINA_2026_01, CHINA_2025_01 = 5_980_211_066, 2_877_006_873
# The ten destinations of 2026-01 (US CN JP VN HK TW FR PL GB OTHER), summed by hand.
HS8542_2026_01 = 16_403_458_697
DESTINATIONS = {"us", "china", "japan", "VN", "HK", "TW", "FR", "PL", "GB", "OTHER"}


def test_check_on_the_shipped_data_finds_no_error_and_no_warning(run_cli):
    code, out, err = run_cli("check")
    assert code == 0 and err == ""
    assert out.strip().endswith("7 files, 8,560 rows, no errors, 0 warning(s)")


def test_countries_that_are_regions_are_those_regions_and_weights_are_kept(data):
    dataset = load_directory(data)
    trade = dataset.trade
    assert dict(dataset.regions)["CN"] == "china" and "CN" not in set(trade["partner"].tolist())
    assert trade.measures == ("weight_kg",)
    china = (trade["item"] == "hs8542") & (trade["partner"] == "china") & (trade["month"] == JANUARY_2026)
    (row,) = np.flatnonzero(china)
    assert (trade["value_usd"][row], trade["weight_kg"][row]) == (CHINA_2026_01, 435_454)
    assert np.isnan(trade["weight_kg"][trade["item"] == "total"]).all()  # the files without the column


def test_a_column_of_text_beside_the_figures_is_not_read_and_said_so(tmp_path):
    # Synthetic: one month of total exports with a weight column that holds a word.
    (tmp_path / "t.csv").write_text(
        "period,flow,item,partner,value_usd,weight_kg\n2026-01,export,total,world,100,heavy\n", encoding="utf-8"
    )
    dataset = load_directory(tmp_path)
    (warning,) = dataset.warnings
    assert warning.line == 2 and "column 'weight_kg' is not read: 'heavy' is not a number" in warning.message
    assert np.isnan(dataset.trade["weight_kg"]).all()


def test_the_latest_month_is_the_september_release(shipped_snapshot):
    assert format_period(shipped_snapshot.latest) == "2026-09"
    headline = shipped_snapshot.release(SEPTEMBER_2026).headline
    # 120,944 mn, +83.5% on 2025-09
    assert headline.exports.value_usd == 120_944_000_000 and headline.exports.yoy_pct == pytest.approx(83.5, abs=0.05)


def test_hs8542_by_destination_in_january_2026(run_cli):
    _code, out, _err = run_cli("brief", "--json", "--period", "2026-01")
    (split,) = json.loads(out)["by_destination"]
    assert (split["item"], split["name"], split["part_of"]) == (
        "hs8542",
        "Integrated circuits (HS 8542)",
        "semiconductors",
    )
    assert split["since"] == "2020-01" and split["value_usd"] == HS8542_2026_01
    rows = split["rows"]
    assert len(rows) == 10 and sum(row["value_usd"] for row in rows) == HS8542_2026_01
    assert {row["partner"] for row in rows} == DESTINATIONS
    china = rows[0]
    assert (china["partner"], china["name"], china["value_usd"]) == ("china", "China", CHINA_2026_01)
    assert (
        china["yoy_pct"] == pytest.approx((CHINA_2026_01 / CHINA_2025_01 - 1) * 100) == pytest.approx(107.9, abs=0.05)
    )
    assert china["share_pct"] == pytest.approx(CHINA_2026_01 / HS8542_2026_01 * 100)
    assert rows[-1]["partner"] == "OTHER" and rows[-1]["name"] == "Rest of the world"
    assert china["usd_per_kg"] == pytest.approx(13_733, abs=0.5)
    _code, out, _err = run_cli("brief", "--period", "2026-01")
    assert "  China                                          $5.98bn  +107.9%   36.5%  $13,733" in out.splitlines()


def test_every_amount_of_the_brief_is_in_one_signed_format(run_cli):
    """A user saw "$168,408" (HS 8542 to the United Kingdom, 2026-01: exports_by_destination_hs8542.csv 168,408)
    beside "$65.85bn" style figures. Every amount reads $N.NNbn or $N.Nmn, the sign first; only the $/kg column
    (a price, not an amount) and the notables' round thresholds ($60bn) read otherwise."""
    for form in ("text", "md"):
        _code, out, _err = run_cli("brief", "--period", "2026-01", "--format", form)
        amounts, in_prices = [], False
        for line in out.splitlines():
            in_prices = "$/kg" in line or (in_prices and bool(line.strip()))
            amounts += re.findall(r"[-+]?\$[\d,.]+[a-z]*", line.rstrip().rsplit(" ", 1)[0] if in_prices else line)
        assert amounts
        odd = [a for a in amounts if not re.fullmatch(r"[-+]?\$\d{1,3}\.\d{1,2}(bn|mn)|\$\d+bn", a)]
        assert not odd, (form, odd)
    _code, out, _err = run_cli("brief", "--period", "2026-01")
    assert "  United Kingdom                                 $0.17mn   -68.8%    0.0%     $920" in out.splitlines()


def test_the_semiconductors_drilldown_has_hs8542_by_destination(shipped_snapshot):
    view = drilldown_view(shipped_snapshot, Subject("item", "semiconductors"), JANUARY_2026)
    (split,) = view.destinations
    assert split.heading == "Of which Integrated circuits (HS 8542), by destination"
    assert split.title == "Integrated circuits (HS 8542), by destination"
    assert split.value_usd == HS8542_2026_01 and split.rows[0].name == "China"
    assert drilldown_view(shipped_snapshot, Subject("item", "automobiles"), JANUARY_2026).destinations == ()


def test_by_destination_only_for_months_with_figures(shipped_snapshot):
    # HS 8542 runs to 2026-08: nothing for 2026-09 is presented as another month's.
    assert by_destination(shipped_snapshot, "export", SEPTEMBER_2026) == ()
    assert item_splits(shipped_snapshot, "export", "semiconductors", SEPTEMBER_2026) == ()


def test_the_catalog_names_countries_in_english_and_korean(shipped_snapshot):
    entries = shipped_snapshot.catalog.entries
    assert (entries[("partner", "VN")].name_en, entries[("partner", "VN")].name_ko) == ("Viet Nam", "베트남")
    assert entries[("partner", "OTHER")].name_en == "Rest of the world"
    assert shipped_snapshot.catalog.parts("item", "semiconductors") == ("hs8542",)


def test_us_records_count_from_2016_and_rank_among_januaries(shipped_snapshot):
    # exports_us_2016_2021.csv extends the us series to 2016-01; 2026-01 is $12.01bn, second to 2025-12.
    records = shipped_snapshot.records("partner", "us", JANUARY_2026)
    assert format_period(records.since) == "2016-01" and (records.rank, records.months_ranked) == (2, 121)
    assert (records.month_rank, records.months_of_month) == (1, 11)  # the highest of the 11 Januaries 2016-2026
    # Imports from the US begin in 2021-08: their own run, and its Januaries.
    imports = shipped_snapshot.records("partner", "us", JANUARY_2026, "import")
    assert format_period(imports.since) == "2021-08" and imports.months_of_month == 5


def test_a_part_of_an_item_ranks_below_the_release_own_notables(shipped_snapshot):
    notables = shipped_snapshot.release(JANUARY_2026).notables
    about_parts = [position for position, notable in enumerate(notables) if notable.subject == "hs8542"]
    assert about_parts and about_parts == list(range(len(notables) - len(about_parts), len(notables)))


def test_unit_values_from_the_weights_and_the_same_from_the_cache(data):
    from core.runtime.cache import load_snapshot_cached

    first = load_snapshot_cached(data)
    again = load_snapshot_cached(data)  # from the cache entry the first load wrote
    for snapshot in (first, again):
        (split,) = item_splits(snapshot, "export", "semiconductors", JANUARY_2026)
        china = split.rows[0]
        # 5,980,211,066 dollars over 435,454 kg
        assert china.usd_per_kg == pytest.approx(CHINA_2026_01 / 435_454) == pytest.approx(13_733, abs=0.5)
        assert split.usd_per_kg is not None and split.part_of == "semiconductors"
    assert dict(first.measures).keys() == dict(again.measures).keys()


def test_a_partner_shows_the_items_it_has_figures_for(shipped_snapshot):
    split = partner_items(shipped_snapshot, "export", "china", JANUARY_2026)
    (row,) = split.rows
    assert (split.title, split.heading) == ("items to China", "Items to China") and (
        row.item,
        row.partner,
        row.name,
    ) == (
        "hs8542",
        "china",
        "Integrated circuits (HS 8542)",
    )
    # monthly.csv: 2026-01,export,total,china,13527392577
    assert split.value_usd == 13_527_392_577 and row.share_pct == pytest.approx(CHINA_2026_01 / 13_527_392_577 * 100)
    assert partner_items(shipped_snapshot, "export", "cis", JANUARY_2026) is None
    assert partner_items(shipped_snapshot, "export", "us", JANUARY_2026).title == "items to the United States"
    view = drilldown_view(shipped_snapshot, Subject("partner", "china"), JANUARY_2026)
    assert view.destinations == (split,)
    assert drilldown_view(shipped_snapshot, Subject("partner", "cis"), JANUARY_2026).destinations is None


def test_an_item_to_one_destination_is_a_series_of_its_own(shipped_snapshot):
    view = drilldown_view(shipped_snapshot, Subject("item", "hs8542", "china"), JANUARY_2026)
    assert view.name == "Integrated circuits (HS 8542) to China" and view.destinations is None
    # Its months: 2026-01 $5.98bn, +107.9% on 2025-01's $2.88bn, 36.5% of HS 8542's $16.40bn, $13,733 a kg.
    assert view.months.values[-1] == CHINA_2026_01 and view.months.yoy_pct[-1] == pytest.approx(107.9, abs=0.05)
    assert view.months.share_pct[-1] == pytest.approx(CHINA_2026_01 / HS8542_2026_01 * 100)
    assert view.unit_values[-1] == pytest.approx(CHINA_2026_01 / 435_454)
    # Records over its own run, from 2020-01: the highest of its 73 months and of its 7 Januaries.
    records = view.records
    assert format_period(records.since) == "2020-01" and (records.rank, records.months_ranked) == (1, 73)
    assert (records.month_rank, records.months_of_month) == (1, 7)
    assert view.notables[0].startswith("Exports of integrated circuits (HS 8542) to China reached $5.98bn, the highest")
    # A series without weights has no unit values; the item to the world is another subject.
    assert drilldown_view(shipped_snapshot, Subject("item", "semiconductors"), JANUARY_2026).unit_values is None
    assert drilldown_view(shipped_snapshot, Subject("item", "hs8542"), JANUARY_2026).months.values[-1] == (
        HS8542_2026_01
    )


def test_a_record_for_chips_to_china_ranks_after_the_releases_own_news(shipped_snapshot):
    release = shipped_snapshot.release(JANUARY_2026)
    notables = release.notables
    record = next(n for n in notables if n.kind == "record_all_time" and n.partner == "china")
    assert (record.subject, record.dimension) == ("hs8542", "item")
    assert record.text == (
        "Exports of integrated circuits (HS 8542) to China reached $5.98bn, the highest in any month since 2020, "
        "when the data begins, and the first month above $5.5bn (+107.9% on a year earlier)."
    )
    # After every notable of the release's own items, partners and lines (67; then HS 8542's own 4 and one for each
    # of its 9 destinations).
    first_secondary = next(i for i, n in enumerate(notables) if n.partner is not None or n.subject == "hs8542")
    assert first_secondary == 67 and notables.index(record) == 68
    assert all(n.partner is None and n.subject != "hs8542" for n in notables[:first_secondary])
    assert not any(n.partner == "OTHER" for n in notables)  # the rest of the world is no destination
    assert release.notables_about("item", "hs8542", "china")[0] == record.text
    assert record.text not in release.notables_about("item", "hs8542")


def test_an_item_to_one_destination_has_only_its_most_newsworthy_notable(shipped_snapshot):
    """A secondary series makes one claim: China's record, not also its streak of records since December 2025;
    Viet Nam's record (its $2.63bn above December 2025's), not also its 21 Januaries and 26 months of growth."""
    notables = shipped_snapshot.release(JANUARY_2026).notables
    about = {}
    for notable in notables:
        if notable.partner is not None:
            about.setdefault((notable.subject, notable.partner), []).append(notable.kind)
    assert set(about) == {("hs8542", partner) for partner in DESTINATIONS - {"OTHER"}}
    assert all(len(kinds) == 1 for kinds in about.values())
    assert about["hs8542", "china"] == about["hs8542", "VN"] == ["record_all_time"]
    assert len(notables) == 80  # the release's own 67, HS 8542's 4, and its 9 destinations' one each


def test_a_calendar_month_claim_names_the_first_such_month_of_a_series_that_begins_in_another(shipped_snapshot):
    """Regions begin in August 2021: their Januaries from 2022 (not "for any January since August 2021")."""
    notables = shipped_snapshot.release(JANUARY_2026).notables
    china = next(n for n in notables if n.subject == "china" and n.kind == "record_for_month")
    assert china.text == (
        "Exports to China reached $13.53bn, the highest for any January since 2022, the first January in the data "
        "(+47.0% on a year earlier)."
    )
    assert not any("January since August 2021" in n.text for n in notables)
    exports = next(n for n in notables if n.subject == "exports" and n.kind == "record_for_month")
    assert "the highest for any January since 2016, when the data begins" in exports.text  # from a January


def test_the_story_names_a_destination_and_opens_it(shipped_snapshot):
    view = story_view(shipped_snapshot, JANUARY_2026, query="china")
    assert [(group.code, group.partner, group.name) for group in view.groups] == [
        ("china", "world", "China"),
        ("hs8542", "china", "Integrated circuits (HS 8542) to China"),
    ]


def cells(table, row: int) -> list[str]:
    return [cell.plain.strip() for cell in table.rows[row][1]]


@pytest.mark.anyio
async def test_the_semiconductors_drilldown_opens_a_destination_and_escape_comes_back(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("enter")  # Semiconductors, the first row
        screen = app.screen
        split = screen.query_one("#split")
        assert split.display and str(split.border_title) == "Of which Integrated circuits (HS 8542), by destination"
        assert str(split.border_subtitle) == "all $16.40bn +98.4% · data from 2020-01"
        assert cells(split, 0) == ["China", "$5.98bn", "+107.9%", "36.5%", "$13,733"]
        assert len(split.rows) == 10 and cells(split, 9)[0] == "Rest of the world"
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, DrilldownScreen) and screen.subject == Subject("item", "hs8542", "china")
        crumb = screen.query_one("#breadcrumb").render().plain
        assert crumb == "tradetop › 2026-01 › Items (exports) › Integrated circuits (HS 8542) to China"
        months = screen.query_one("#months")
        assert cells(months, 0) == ["2026-01", "$5.98bn", "+107.9%", "36.5%", "$13,733"]
        assert app.focused is months and not split.display
        facts = screen.query_one("#drill-facts").plain
        assert "Rank 1 of 73 months since 2020-01" in facts and "Rank 1 of 7 for January" in facts
        await pilot.press("escape")  # back to Semiconductors, then to the main screen
        assert screen.subject == Subject("item", "semiconductors") and isinstance(app.screen, DrilldownScreen)
        assert split.display and cells(split, 0)[0] == "China"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")  # opened anew: no way back to the destination
        assert app.screen.subject == Subject("item", "semiconductors") and app.screen.trail == ()


@pytest.mark.anyio
async def test_a_destination_series_plot_keeps_a_title_that_fits_at_80_columns(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        app.drill(Subject("item", "hs8542", "china"))
        await pilot.pause()
        # The longest title (74 cells) does not fit beside the y labels: plotext would leave it out, so a shorter.
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "Integrated circuits (HS 8542) to China: $bn, YoY % · 3 years" in shown


@pytest.mark.anyio
async def test_the_us_drilldown_lists_its_items_and_ranks_its_january_among_januaries_since_2016(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        app.drill(Subject("partner", "us"))
        await pilot.pause()
        screen = app.screen
        facts = screen.query_one("#drill-facts").plain
        assert "Rank 2 of 121 months since 2016-01" in facts and "Rank 1 of 11 for January" in facts
        items = screen.query_one("#split")
        assert str(items.border_title) == "Items to the United States"
        assert cells(items, 0)[:3] == ["Integrated circuits (HS 8542)", "$138.6mn", "+83.5%"]
        await pilot.press("a")  # all its history: from 2016-01
        assert format_period(screen.history.chart.months[0]) == "2016-01"
        await pilot.press("tab", "enter", "escape")
        assert screen.subject == Subject("partner", "us")


@pytest.mark.anyio
async def test_enter_on_a_destination_in_the_story_opens_its_series(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("n")
        while not isinstance(app.screen, StoryScreen):
            await pilot.pause(0.02)
        await pilot.press("slash", *"viet", "enter", "enter")
        while not isinstance(app.screen, DrilldownScreen):
            await pilot.pause(0.02)
        assert app.screen.subject == Subject("item", "hs8542", "VN")
