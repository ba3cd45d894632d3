"""History, records and partner splits for sparklines and drilldowns, checked against data/monthly.csv."""

import csv

import numpy as np
import pytest

from core.base.periods import parse_period
from core.engine.destinations import destination_split
from core.engine.model import MonthChart
from core.engine.snapshot import load_snapshot
from core.ingest.datadir import embedded_data_dir
from core.views.main_view import main_view

JANUARY_2026 = parse_period("2026-01")


def _monthly_exports() -> dict[int, float]:
    with open(embedded_data_dir() / "monthly.csv", encoding="utf-8") as file:
        return {
            parse_period(row["period"]): float(row["value_usd"])
            for row in csv.DictReader(file)
            if row["flow"] == "export" and row["item"] == "total" and row["partner"] == "world"
        }


def test_history_ends_at_the_month_with_values_yoy_and_share(shipped_snapshot):
    history = shipped_snapshot.history("item", "semiconductors", JANUARY_2026, 24)
    assert len(history.months) == 24 and history.months[-1] == JANUARY_2026
    assert history.values[-1] / 1e9 == pytest.approx(20.54, abs=0.005)
    assert history.yoy_pct[-1] == pytest.approx(102.8, abs=0.05)
    assert history.share_pct[-1] == pytest.approx(31.2, abs=0.05)
    # Items start in 2022-01: a year-earlier value exists only from 2023-01 on.
    assert history.yoy_pct[history.months.index(parse_period("2024-02"))] is not None
    assert shipped_snapshot.history("item", "semiconductors", parse_period("2022-06"), 12).yoy_pct == (None,) * 12


def test_history_before_the_data_starts_is_missing_not_an_error(shipped_snapshot):
    history = shipped_snapshot.history("headline", "exports", parse_period("2016-02"), 3)
    assert history.values[0] is None and history.values[1] == 36_260_420_000
    assert history.share_pct == (None, None, None)


def test_records_rank_and_extremes_of_january_2026_exports(shipped_snapshot):
    exports = _monthly_exports()
    upto = {month: value for month, value in exports.items() if month <= JANUARY_2026}
    records = shipped_snapshot.records("headline", "exports", JANUARY_2026)
    assert records.months_ranked == len(upto) == 121
    assert records.rank == sorted(upto.values(), reverse=True).index(upto[JANUARY_2026]) + 1 == 3
    assert records.highest_month == max(upto, key=upto.get) == parse_period("2025-12")
    assert records.lowest_month == parse_period("2020-05")


def test_a_year_to_date_total_is_ranked_against_the_same_months_of_other_years(shipped_snapshot):
    exports = _monthly_exports()
    january_to_july = {
        year: sum(exports[parse_period(f"{year}-{month:02d}")] for month in range(1, 8)) for year in range(2016, 2027)
    }
    records = shipped_snapshot.records("headline", "ytd_exports", parse_period("2026-07"))
    assert (records.rank, records.months_ranked, records.compared) == (1, 11, "years")
    assert records.highest_value == january_to_july[2026] and records.highest_month == parse_period("2026-07")
    assert records.lowest_value == january_to_july[2016] and records.lowest_month == parse_period("2016-07")
    # 2025's January-July ranks below 2022's ($395.39bn against $410.75bn), though 2025 as a whole was higher.
    assert shipped_snapshot.records("headline", "ytd_exports", parse_period("2025-07")).rank == 2
    # The card's sparkline: that total in each year, not a sawtooth of months.
    history = main_view(shipped_snapshot, parse_period("2026-07")).card_histories["ytd_exports"]
    assert history == tuple(january_to_july.values())
    assert shipped_snapshot.records("headline", "exports", JANUARY_2026).compared == "months"


def test_streak_counts_months_of_yoy_growth_ending_at_the_month(shipped_snapshot):
    exports = _monthly_exports()
    expected, month = 0, JANUARY_2026
    while exports[month] > exports[month - 12]:
        expected, month = expected + 1, month - 1
    assert shipped_snapshot.records("headline", "exports", JANUARY_2026).streak == expected == 8
    # 2023: exports fell on a year earlier for months on end, so the streak is negative.
    assert shipped_snapshot.records("headline", "exports", parse_period("2023-06")).streak < -6


def test_records_of_a_month_without_data(shipped_snapshot):
    records = shipped_snapshot.records("item", "semiconductors", parse_period("2021-06"))
    assert records.rank is None and records.months_ranked == 0 and records.streak == 0


def test_partner_split_is_empty_without_partner_series_and_shown_when_present(shipped_snapshot, data_dir):
    assert destination_split(shipped_snapshot, "export", "semiconductors", JANUARY_2026) is None
    # Synthetic data: semiconductor exports split between China and the US.
    (data_dir / "trade.csv").write_text(
        "period,flow,item,partner,value_usd\n"
        "2026-01,export,total,world,1000\n"
        "2026-01,export,semiconductors,world,400\n"
        "2026-01,export,semiconductors,china,100\n"
        "2026-01,export,semiconductors,us,300\n",
        encoding="utf-8",
    )
    split = destination_split(load_snapshot(data_dir), "export", "semiconductors", JANUARY_2026)
    assert split is not None and split.value_usd == 400
    assert [(row.partner, row.name, row.share_pct) for row in split.rows] == [
        ("us", "United States", 75.0),
        ("china", "China", 25.0),
    ]
    assert np.isclose(sum(row.value_usd for row in split.rows), 400)


def test_balance_history_changes_in_dollars_and_its_streak(shipped_snapshot):
    history = shipped_snapshot.history("headline", "balance", JANUARY_2026, 13)
    # Jan 2026: a $8.70bn surplus after a $2.00bn deficit in Jan 2025 (exports - imports in monthly.csv).
    assert history.values[0] / 1e9 == pytest.approx(-2.00, abs=0.005)
    assert history.change_usd[-1] == pytest.approx(history.values[-1] - history.values[0])
    assert history.change_usd[-1] / 1e9 == pytest.approx(10.70, abs=0.005)
    assert history.yoy_pct[-1] is None  # a growth rate on a deficit means nothing
    # Feb 2025 to Jan 2026 each beat the balance of a year earlier; Jan 2025 fell short of Jan 2024.
    assert shipped_snapshot.records("headline", "balance", JANUARY_2026).streak == 12


def test_a_drilldown_chart_covers_three_years_or_all_history_and_marks_a_year_earlier(shipped_snapshot):
    chips = shipped_snapshot.month_chart("item", "semiconductors", JANUARY_2026, 36)
    assert (chips.months[0], chips.months[-1]) == (parse_period("2023-02"), JANUARY_2026)
    assert chips.months[chips.year_earlier] == parse_period("2025-01")
    assert chips.level_usd[-1] / 1e9 == pytest.approx(20.54, abs=0.005) and not chips.change_in_usd
    assert chips.change[-1] == pytest.approx(102.8, abs=0.05)  # YoY %
    # All history: items start in 2022-01, so 49 months to January 2026.
    every = shipped_snapshot.month_chart("item", "semiconductors", JANUARY_2026, None)
    assert (len(every.months), every.months[0], every.year_earlier) == (49, parse_period("2022-01"), 36)
    balance = shipped_snapshot.month_chart("headline", "balance", parse_period("2023-01"), 36)
    # January 2023: a $12.70bn deficit, $7.55bn deeper than a year earlier: the change is in dollars.
    assert balance.change_in_usd and balance.level_usd[-1] / 1e9 == pytest.approx(-12.70, abs=0.005)
    assert balance.change[-1] / 1e9 == pytest.approx(-7.55, abs=0.005)


def test_a_chart_with_more_months_than_cells_averages_runs_that_end_at_the_month_shown():
    # Synthetic: five months valued 1..5 (the third unknown), the first a year before the last.
    chart = MonthChart((10, 11, 12, 13, 14), (1.0, 2.0, None, 4.0, 5.0), (10.0, 20.0, 30.0, None, 50.0), False, 0)
    assert chart.downsampled(5) is chart
    pairs = chart.downsampled(2)  # runs of 2 months: two of them, the oldest month left over and out
    assert pairs.months == (12, 14) and pairs.months_per_point == 2
    assert pairs.level_usd == (2.0, 4.5) and pairs.change == (25.0, 50.0)
    assert pairs.year_earlier is None  # month 10 was left out
    assert chart.downsampled(3) == pairs  # runs of 1 would make 5 points: 2 months a point again
    single = chart.downsampled(1)
    assert (single.months, single.level_usd, single.months_per_point) == ((14,), (4.5,), 3)
