"""A newsroom's notables (issue 17) on the shipped (real) data: the claims the ministry makes, checkable by hand
from data/monthly.csv, and a ranking that leads with them. Figures in comments are from the data."""

import json

import numpy as np
import pytest
from notables_helpers import fact, notables_of, the_notable

from core.base.periods import parse_period
from core.text.brief import TOP_NOTABLES


def _top(snapshot, period: str) -> list:
    return list(snapshot.release(parse_period(period)).notables[:TOP_NOTABLES])


def _in_top(snapshot, period: str, kind: str, subject: str, **fields) -> bool:
    return any(
        n.kind == kind and n.subject == subject and all(fact(n, k) == v for k, v in fields.items())
        for n in _top(snapshot, period)
    )


# New kinds, each with the public example ------------------------------------------------------------


def test_february_2025_exports_second_highest_for_any_february(shipped_snapshot):
    # $52.29bn; only February 2022 ($54.16bn) was higher; February 2024 was $52.08bn.
    rank = the_notable(shipped_snapshot, "2025-02", "rank_for_month", "exports")
    assert rank.facts.rank == 2 and rank.facts.above == ("2022-02",)
    assert rank.text == (
        "Exports reached $52.29bn, the 2nd-highest for any February since 2016, when the data "
        "begins, after February 2022 (+0.4% on a year earlier)."
    )
    assert the_notable(shipped_snapshot, "2025-03", "rank_for_month", "exports").facts.above == ("2022-03",)  # $58.06bn
    chips = the_notable(shipped_snapshot, "2025-01", "rank_for_month", "semiconductors")  # $10.13bn, after Jan 2022
    assert chips.facts.rank == 2 and chips.facts.above == ("2022-01",)


def test_january_2026_cars_second_highest_for_any_january(shipped_snapshot):
    cars = the_notable(shipped_snapshot, "2026-01", "rank_for_month", "automobiles")  # $6.07bn against $6.21bn
    assert cars.facts.rank == 2 and cars.facts.above == ("2024-01",)
    assert "Exports of automobiles reached $6.07bn, the 2nd-highest for any January since 2022" in cars.text


def test_a_rank_for_the_month_below_a_year_earlier_is_a_decline_not_a_rank(shipped_snapshot):
    # May 2025: $57.26bn, 3rd for any May after May 2022 and May 2024 ($58.02bn): down 1.3% on a year earlier.
    assert not notables_of(shipped_snapshot, "2025-05", "rank_for_month", "exports")
    # January 2026 chips are 2nd in any month after December 2025 and a January record: no rank for the month.
    assert not notables_of(shipped_snapshot, "2026-01", "rank_for_month", "semiconductors")


def test_january_2023_the_largest_deficit_and_the_first_over_10bn(shipped_snapshot):
    deficit = the_notable(shipped_snapshot, "2023-01", "record_deficit", "balance")
    # -$12.70bn; the largest before was August 2022's -$9.42bn.
    assert deficit.facts.value_usd == -12_698_113_468 and deficit.facts.since == "2021-08"
    assert deficit.facts.threshold_usd == 10e9 and deficit.history_months == 17
    assert deficit.text == (
        "The trade balance was -$12.70bn, the largest deficit in any month since August 2021, "
        "when the data begins, and the first deficit over $10bn."
    )
    assert not notables_of(shipped_snapshot, "2023-02", "record_deficit")  # -$5.38bn


def test_november_2025_chips_year_to_date_already_above_the_best_year(shipped_snapshot):
    # Jan-Nov 2025 chips $152.64bn against the whole of 2024, $141.92bn (Jan-Oct: $135.38bn, still below).
    chips = the_notable(shipped_snapshot, "2025-11", "ytd_above_annual", "semiconductors")
    assert (chips.facts.year, chips.facts.best_year, chips.facts.threshold_usd) == (2025, 2024, 150e9)
    assert chips.facts.value_usd / 1e9 == pytest.approx(152.64, abs=0.005)
    assert chips.facts.best_usd / 1e9 == pytest.approx(141.92, abs=0.005)
    assert chips.text == (
        "Exports of semiconductors for January–November 2025, at $152.64bn, were already above the "
        "whole of 2024 ($141.92bn), the best year since 2022, when the data begins, and past "
        "$150bn for the first time."
    )
    assert not notables_of(shipped_snapshot, "2025-10", "ytd_above_annual", "semiconductors")
    # Total exports for Jan-Nov 2025, $639.82bn, are below the whole of 2024 ($683.61bn) and of 2022 ($683.58bn):
    # no such claim on this data, but the highest January-November of any year (2022's was $628.74bn).
    assert not notables_of(shipped_snapshot, "2025-11", "ytd_above_annual", "exports")
    exports = the_notable(shipped_snapshot, "2025-11", "ytd_record", "exports")
    assert exports.facts.value_usd / 1e9 == pytest.approx(639.82, abs=0.005) and exports.facts.threshold_usd is None
    assert exports.text == (
        "Exports for January–November 2025 reached $639.82bn, the highest for those months of "
        "any year since 2016, when the data begins (+2.8% on a year earlier)."
    )


def test_december_2025_the_highest_annual_daily_average(shipped_snapshot):
    annual = the_notable(shipped_snapshot, "2025-12", "annual_daily_avg", "daily_avg_exports")
    # $709.33bn over 268.5 working days, against $683.61bn over 270.5 in 2024.
    assert annual.facts.year == 2025 and annual.facts.best_year == 2024
    assert annual.facts.value_usd == pytest.approx(709_330_044_802 / 268.5)
    assert annual.facts.best_usd == pytest.approx(683_609_488_137 / 270.5)
    assert annual.text == (
        "Daily-average exports for 2025 as a whole were $2.64bn, the highest of any year since "
        "2016, when the data begins (the best before: $2.53bn in 2024)."
    )
    assert not notables_of(shipped_snapshot, "2025-11", "annual_daily_avg")  # only the year's last month


def test_the_highest_and_the_lowest_since_a_named_month(shipped_snapshot):
    # May 2024: $58.02bn, the highest since July 2022 ($60.24bn); every month in between was lower.
    high = the_notable(shipped_snapshot, "2024-05", "highest_since", "exports")
    assert (high.facts.since, high.facts.months, high.facts.lowest) == ("2022-07", 22, False)
    assert (
        high.text == "Exports reached $58.02bn, the highest in 22 months, since July 2022 (+11.5% on a year earlier)."
    )
    low = the_notable(shipped_snapshot, "2023-01", "highest_since", "exports")  # a decline: the lowest
    assert (low.facts.since, low.facts.months, low.facts.lowest) == ("2021-02", 23, True)
    assert low.text.startswith("Exports fell to $46.34bn, the lowest in 23 months, since February 2021")
    deficit = the_notable(shipped_snapshot, "2025-01", "highest_since", "balance")  # May 2023 was -$2.20bn
    assert deficit.text == "The trade balance was -$2.00bn, the largest deficit in 20 months, since May 2023."
    # Not where it is a record, nor where it restates a rank: the 2nd-highest in any month names its months.
    assert not notables_of(shipped_snapshot, "2025-12", "highest_since", "exports")
    assert not notables_of(shipped_snapshot, "2026-02", "highest_since", "exports")


def test_runs_of_all_time_records_and_of_two_months(shipped_snapshot):
    chips = the_notable(shipped_snapshot, "2025-09", "streak", "semiconductors", of="record_all_time")
    assert (chips.facts.months, chips.facts.since) == (2, "2025-08")  # $15.10bn, then $16.62bn
    assert chips.text == "Exports of semiconductors set a record high for the 2nd month in a row (since August 2025)."
    recovery = the_notable(shipped_snapshot, "2023-11", "streak", "exports", of="growth")
    assert (recovery.facts.months, recovery.facts.since) == (2, "2023-10")
    assert recovery.text == "Exports grew on a year earlier for the 2nd month in a row (since October 2023)."
    # Items and partners still need 3 months: chips grew in October and November 2023 after ten months of decline.
    assert not notables_of(shipped_snapshot, "2023-11", "streak", "semiconductors")


def test_may_2024_china_back_above_the_us_for_the_first_time_in_4_months(shipped_snapshot):
    # January 2024: China $10.70bn, US $10.25bn; February to April the US ahead; May: $11.38bn against $10.93bn.
    overtake = the_notable(shipped_snapshot, "2024-05", "overtake", "china", other="us")
    assert (overtake.facts.since, overtake.facts.months) == ("2024-02", 4)
    assert overtake.text == (
        "Exports to China ($11.38bn) were above exports to the United States ($10.93bn) for the first time in 4 months."
    )


def test_breadth_says_its_basis_and_json_lists_risers_and_fallers(shipped_snapshot, brief_json, run_cli):
    breadth = the_notable(shipped_snapshot, "2026-01", "breadth", "exports")
    assert breadth.text == (
        "Exports of 11 of 15 items rose on a year earlier (customs basis); petrochemicals, "
        "steel, ships and home appliances fell."
    )
    body = brief_json("--period", "2026-01")
    notable = next(n for n in body["notables"] if n["kind"] == "breadth")
    assert notable["basis"] == "customs" and len(notable["rose"]) == 11
    assert {"semiconductors", "automobiles"} <= set(notable["rose"])
    assert notable["fell"] == ["petrochemicals", "steel", "ships", "home_appliances"]
    assert body["breadth"]["rose"] == notable["rose"] and body["breadth"]["fell"] == notable["fell"]
    _, text, _ = run_cli("brief", "--period", "2026-01")
    assert "11 of 15 items rose (customs basis); fell: Petrochemicals, Steel, Ships, Home appliances." in text


# Round amounts people quote ---------------------------------------------------------------------


def test_round_amounts_on_the_shipped_data(shipped_snapshot):
    # US, December 2023: $11.28bn after November's $10.94bn: $11bn (no $14bn or $10.4bn rung).
    assert the_notable(shipped_snapshot, "2023-12", "record_all_time", "us").facts.threshold_usd == 11e9
    # Daily average, February 2026: $3.56bn after October 2025's $2.98bn: $3bn, not $3.5bn.
    assert the_notable(shipped_snapshot, "2026-02", "record_all_time", "daily_avg_exports").facts.threshold_usd == 3e9
    # Balance, February 2026: +$15.71bn after December 2025's +$12.15bn: $15bn, not $14bn.
    assert the_notable(shipped_snapshot, "2026-02", "record_all_time", "balance").facts.threshold_usd == 15e9
    # Chips, November 2025: a record of any month past $17bn; no "first time above $16bn in any November" beside it.
    assert the_notable(shipped_snapshot, "2025-11", "record_all_time", "semiconductors").facts.threshold_usd == 17e9
    assert not notables_of(shipped_snapshot, "2025-11", "record_for_month", "semiconductors")


# The ranking ------------------------------------------------------------------------------------


def test_the_top_10_has_the_claims_the_seed_stories_lead_with(shipped_snapshot):
    assert _in_top(shipped_snapshot, "2026-01", "record_for_month", "exports", threshold_usd=60e9)
    assert _in_top(shipped_snapshot, "2026-01", "record_for_month", "daily_avg_exports")
    assert _in_top(shipped_snapshot, "2026-01", "rank_all_time", "semiconductors", rank=2)
    assert _in_top(shipped_snapshot, "2026-01", "share_threshold_first", "semiconductors", threshold_pct=30)
    assert _in_top(shipped_snapshot, "2025-11", "streak", "exports", of="record_for_month", months=6)
    assert _in_top(shipped_snapshot, "2025-12", "ytd_record", "exports", threshold_usd=700e9)


# Months when items (data from 2022) and partners, imports and the balance (from August 2021) all had under
# 3 years of data, and the two recoveries after them.
SHORT_HISTORY_MONTHS = ("2023-03", "2023-06", "2023-09", "2023-12", "2024-03", "2024-06")


def _rests_on_history(notable) -> bool:
    """A claim about the past of its subject; a run says its own length, a 'since' names its month."""
    if notable.kind in ("streak_end", "breadth", "highest_since"):
        return False
    if notable.kind == "streak":
        return notable.facts.of in ("record_for_month", "record_all_time") or fact(notable, "longest")
    if notable.kind == "overtake":
        return "for the first time since" in notable.text
    return True


def _months_of_data(snapshot, notable, month: int) -> int:
    values = snapshot.subject_series(notable.dimension, notable.subject)
    return month - snapshot.first_month - int(np.flatnonzero(~np.isnan(values))[0])


@pytest.mark.parametrize("period", SHORT_HISTORY_MONTHS)
def test_at_most_2_of_a_top_10_rest_on_under_3_years_of_data(shipped_snapshot, period):
    month = parse_period(period)
    top = _top(shipped_snapshot, period)
    short = [n for n in top if _rests_on_history(n) and _months_of_data(shipped_snapshot, n, month) < 36]
    assert len(top) == TOP_NOTABLES and len(short) <= 2, short
    # The field that ranks them says the same.
    assert short == [n for n in top if n.history_months is not None and n.history_months < 36]


def test_short_history_and_restatements_rank_lower(shipped_snapshot):
    # January 2024: the balance's January record (+$235.2mn; two earlier Januaries, both deficits) is true but
    # rests on 29 months of data: out of the top 10.
    balance = the_notable(shipped_snapshot, "2024-01", "record_for_month", "balance")
    assert balance.history_months == 29 and balance.facts.threshold_usd == 200e6
    assert balance not in _top(shipped_snapshot, "2024-01")
    # A subject's most newsworthy claim leads; its others come 5 points lower each: exports' 8th January record in
    # a row is ranked after the January record and the 3rd-highest month.
    exports = [n for n in notables_of(shipped_snapshot, "2026-01") if n.subject == "exports" and n.kind != "breadth"]
    assert [n.kind for n in exports[:3]] == ["record_for_month", "rank_all_time", "streak"]


def test_long_runs_above_a_round_amount_only_when_they_become_the_longest(shipped_snapshot):
    for month in range(parse_period("2023-01"), parse_period("2026-07") + 1):
        for notable in shipped_snapshot.release(month).notables:
            if notable.kind == "streak" and notable.facts.of == "above_threshold":
                assert notable.facts.months <= 12 or notable.facts.longest, notable
                assert notable.subject != "balance"
    # Daily-average exports stayed above $2bn from December 2020 to 2025: never said after it became the longest.
    assert not [
        n
        for n in notables_of(shipped_snapshot, "2025-05", "streak", "daily_avg_exports")
        if n.facts.of == "above_threshold"
    ]


def test_annual_daily_average_compares_only_years_whose_every_month_is_known(data_dir, run_cli):
    """Synthetic: 2015-2020 at $1bn a month but 2017 at $2bn, and 2016-05 missing. The 2016 total is unknown, so
    no year is compared with it: 2017 stays the best year and 2018-2020 are no record."""
    rows = "".join(
        f"{year}-{month:02d},export,total,world,{2 if year == 2017 else 1}000000000\n"
        for year in range(2015, 2021)
        for month in range(1, 13)
        if (year, month) != (2016, 5)
    )
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n" + rows)
    for year in (2018, 2019, 2020):
        code, out, err = run_cli("brief", "--json", "--all", "--data", str(data_dir), "--period", f"{year}-12")
        assert code == 0, err
        assert [n for n in json.loads(out)["notables"] if n["kind"] == "annual_daily_avg"] == []
        assert "nan" not in out
