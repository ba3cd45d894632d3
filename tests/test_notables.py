"""Notables: figures of the shipped (real) data checkable from data/monthly.csv, and edge cases on
synthetic series written to a temporary directory (never to data/)."""

import dataclasses
import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notables_helpers import notables_of, the_notable

from core.base.periods import parse_period
from core.engine.notables.thresholds import round_amount
from core.engine.snapshot import load_snapshot
from core.text.brief import TOP_NOTABLES

# The shipped data ------------------------------------------------------------------------------


def test_january_2026_exports_january_record_and_first_january_above_60bn(shipped_snapshot):
    record = the_notable(shipped_snapshot, "2026-01", "record_for_month", "exports")
    assert record.facts.value_usd == 65_843_936_782 and record.facts.since == "2016-01" and record.facts.equal_to == ()
    # One claim: the highest January before was January 2022's $55.46bn, so $60bn is passed for the first time.
    assert record.facts.threshold_usd == 60e9 and record.history_months == 120
    assert record.text == (
        "Exports reached $65.84bn, the highest for any January since 2016, when the data "
        "begins, and the first January above $60bn (+33.9% on a year earlier)."
    )
    # Not a record of all months: Dec and Sep 2025 were higher.
    assert the_notable(shipped_snapshot, "2026-01", "rank_all_time", "exports").facts.above == ("2025-12", "2025-09")
    assert not notables_of(shipped_snapshot, "2026-01", "record_all_time", "exports")


def test_january_2026_daily_average_and_us_january_records(shipped_snapshot):
    daily = the_notable(shipped_snapshot, "2026-01", "record_for_month", "daily_avg_exports")
    assert daily.facts.value_usd / 1e9 == pytest.approx(2.80, abs=0.005)
    us = the_notable(shipped_snapshot, "2026-01", "record_for_month", "us")
    assert us.dimension == "partner" and us.facts.since == "2016-01"
    assert us.facts.value_usd / 1e9 == pytest.approx(12.01, abs=0.005)
    assert "Exports to the United States reached $12.01bn, the highest for any January" in us.text


def test_january_2026_semiconductors_second_month_and_share_past_30pct(shipped_snapshot):
    rank = the_notable(shipped_snapshot, "2026-01", "rank_all_time", "semiconductors")
    assert rank.dimension == "item" and rank.facts.rank == 2 and rank.facts.above == ("2025-12",)
    assert "the 2nd-highest in any month since 2022, when the data begins, after December 2025" in rank.text
    share = the_notable(shipped_snapshot, "2026-01", "share_threshold_first", "semiconductors")
    assert share.facts.threshold_pct == 30 and share.facts.share_pct == pytest.approx(31.2, abs=0.05)
    # December 2025 was 29.9%: just short.
    assert not notables_of(shipped_snapshot, "2025-12", "share_threshold_first", "semiconductors")


def test_november_2025_sixth_straight_month_of_records_for_the_month(shipped_snapshot):
    streak = the_notable(shipped_snapshot, "2025-11", "streak", "exports", of="record_for_month")
    assert streak.facts.months == 6 and streak.facts.since == "2025-06"
    assert "for the 6th month in a row (since June 2025)" in streak.text
    # May 2025 ($57.26bn) was below May 2022, so the run starts in June.
    assert not notables_of(shipped_snapshot, "2025-05", "record_for_month", "exports")


def test_december_2025_annual_exports_pass_700bn_for_the_first_time(shipped_snapshot):
    annual = the_notable(shipped_snapshot, "2025-12", "ytd_record", "exports")  # December's year to date: the year
    assert annual.facts.threshold_usd == 700e9 and annual.facts.year == 2025
    assert annual.facts.value_usd / 1e9 == pytest.approx(709.3, abs=0.05)  # 2024's $683.61bn was the best before
    assert annual.text == (
        "Annual exports in 2025 reached $709.33bn, the highest of any year since 2016, when the "
        "data begins, and the first year above $700bn (+3.8% on a year earlier)."
    )


def test_breadth_and_overtake_on_the_shipped_data(shipped_snapshot):
    breadth = the_notable(shipped_snapshot, "2026-01", "breadth", "exports")
    assert (breadth.facts.up, breadth.facts.total, breadth.facts.set) == (11, 15, "motie15")
    assert breadth.text.endswith("; petrochemicals, steel, ships and home appliances fell.")
    # December 2023: $11.28bn to the US against $10.86bn to China, the first time in the partner data.
    overtake = the_notable(shipped_snapshot, "2023-12", "overtake", "us", other="china")
    assert overtake.facts.since == "2021-08"


def test_notables_are_ranked_read_only_and_all_in_json(shipped_snapshot, brief_json):
    notables = shipped_snapshot.release(parse_period("2026-01")).notables
    # By score, the claims about a part of an item (HS 8542 of semiconductors), 4, and about it to one destination,
    # 9, one each (China's record among them), after all the others.
    own = [notable.score for notable in notables if notable.subject != "hs8542"]
    parts = [notable.score for notable in notables if notable.subject == "hs8542"]
    assert [notable.score for notable in notables] == own + parts
    assert own == sorted(own, reverse=True) and parts == sorted(parts, reverse=True) and len(parts) == 13
    assert notables[0].kind == "record_for_month" and notables[0].subject == "exports"
    assert all({"kind", "subject", "dimension", "text", "score"} <= set(notable._fields) for notable in notables)
    with pytest.raises(AttributeError):
        notables[0].score = 0
    assert len(brief_json("--period", "2026-01")["notables"]) == len(notables)


def test_text_brief_shows_the_top_notables_and_all_with_all(run_cli, shipped_snapshot):
    notables = shipped_snapshot.release(parse_period("2026-01")).notables
    _, top, _ = run_cli("brief", "--period", "2026-01")
    _, every, _ = run_cli("brief", "--period", "2026-01", "--all")
    assert sum(line.startswith("- ") for line in top.splitlines()) == TOP_NOTABLES
    # Records below the top still get said, in one line: US-bound exports' January record (its 2nd-highest month
    # is in the top 10).
    assert "  Also the highest for any January: exports to the United States, China and India;" in top
    assert f"({len(notables) - TOP_NOTABLES} more: --all)" in top
    assert all(f"- {notable.text}" in every for notable in notables)


def test_all_notables_of_a_month_take_well_under_100ms(shipped_snapshot):
    fresh = dataclasses.replace(shipped_snapshot)  # a copy starts with nothing memoised
    started = time.perf_counter()
    fresh.release(parse_period("2026-01"))
    assert time.perf_counter() - started < 0.1


def test_a_month_without_total_exports_has_no_notables(shipped_snapshot):
    assert shipped_snapshot.release(parse_period("2015-12")).notables == ()
    assert shipped_snapshot.release(shipped_snapshot.latest + 1).notables == ()


def test_round_amounts_are_the_ones_people_quote():
    """The roundest amount passed: $10bn steps above $20bn before $5bn ones, $5bn before $1bn under $20bn,
    $1bn before $0.5bn under $10bn."""
    assert round_amount(55.46e9, 65.84e9) == 60e9  # not $65bn
    assert round_amount(61e9, 64e9) is None  # no rung between
    assert round_amount(9.42e9, 12.70e9) == 10e9  # not $12bn
    assert round_amount(10.94e9, 11.28e9) == 11e9  # no $5bn rung between: the $1bn one
    assert round_amount(12.15e9, 15.71e9) == 15e9  # not $14bn
    assert round_amount(2.98e9, 3.56e9) == 3e9  # not $3.5bn
    assert round_amount(3.2e9, 3.56e9) == 3.5e9
    assert round_amount(683.61e9, 709.33e9) == 700e9
    assert round_amount(50e9, 60e9) == 50e9  # exactly $60bn is not above $60bn; exactly $50bn is not above $50bn
    assert round_amount(-4.8e9, 235e6) == 200e6
    assert round_amount(0.0, 0.9) is None  # nothing below $1
    assert round_amount(0.0, 1e308) == 5e307 and round_amount(0.0, math.inf) is None
    assert round_amount(0.0, math.nan) is None and round_amount(math.nan, 5e9) is None


# Synthetic series (made up for the edge cases) ---------------------------------------------------


def _months(first: str, count: int) -> list[str]:
    start = parse_period(first)
    return [f"{(start + k) // 12:04d}-{(start + k) % 12 + 1:02d}" for k in range(count)]


def _snapshot(data_dir, *series):
    """series: (first period, values, flow, partner); a None value leaves the month out."""
    rows = ["period,flow,item,partner,value_usd"]
    for first, values, flow, partner in series:
        rows += [
            f"{period},{flow},total,{partner},{value}"
            for period, value in zip(_months(first, len(values)), values, strict=True)
            if value is not None
        ]
    (data_dir / "synthetic.csv").write_text("\n".join(rows) + "\n")
    return load_snapshot(data_dir)


def _exports(data_dir, first: str, values: list):
    return _snapshot(data_dir, (first, values, "export", "world"))


def test_the_first_year_claims_nothing_and_a_tie_is_not_a_new_record(data_dir):
    snapshot = _exports(data_dir, "2020-01", [float(10 + k) for k in range(12)] + [21.0, 22.0, 22.0])
    for period in _months("2020-01", 12):  # each month a new high, but less than a year behind it
        assert not notables_of(snapshot, period), period
    tie = the_notable(snapshot, "2021-01", "record_all_time", "exports")
    assert tie.facts.equal_to == ("2020-12",) and "equal to the highest" in tie.text
    new = the_notable(snapshot, "2021-02", "record_all_time", "exports")
    assert new.facts.equal_to == () and "reached $22, the highest in any month since 2020" in new.text
    assert new.score > tie.score
    assert the_notable(snapshot, "2021-03", "record_all_time", "exports").facts.equal_to == ("2021-02",)
    # Only one earlier January: no claim about "any January" yet.
    assert not notables_of(snapshot, "2021-01", "record_for_month")


def test_a_tie_with_a_months_record_breaks_a_streak_of_records(data_dir):
    values = [10.0] * 12 + [20.0] * 12 + [30.0] * 5 + [20.0] + [30.0] * 3  # 2016..2018-09; June 2018 ties
    snapshot = _exports(data_dir, "2016-01", values)
    assert the_notable(snapshot, "2018-05", "streak", "exports", of="record_for_month").facts.months == 5
    tie = the_notable(snapshot, "2018-06", "record_for_month", "exports")
    assert tie.facts.equal_to == ("2017-06",) and "equal to the highest for any June" in tie.text
    assert not [n for n in notables_of(snapshot, "2018-06", "streak", "exports") if n.facts.of == "record_for_month"]
    streak = the_notable(snapshot, "2018-09", "streak", "exports", of="record_for_month")
    assert streak.facts.months == 3 and streak.facts.since == "2018-07"


def test_a_gap_cuts_the_run_records_and_streaks_look_back_over(data_dir):
    before_gap = [100.0] * 5 + [200.0] + [100.0] * 18  # 2016-01..2017-12, peak in 2016-06
    after_gap = [50.0 + k for k in range(14)] + [150.0]  # 2018-04..2019-06
    snapshot = _exports(data_dir, "2016-01", before_gap + [None] * 3 + after_gap)
    record = the_notable(snapshot, "2019-06", "record_all_time", "exports")
    assert record.facts.since == "2018-04" and "since April 2018, after a gap in the data" in record.text
    # Growth since April 2019 only: the months before have no year-earlier month after the gap.
    growth = the_notable(snapshot, "2019-06", "streak", "exports", of="growth")
    assert growth.facts.months == 3 and "at least 3 months in a row" in growth.text


def test_a_run_that_ends_is_reported_with_its_length(data_dir):
    values = [100.0] * 24 + [90.0] * 5 + [110.0]  # flat 2015-16, five months down in 2017, then up
    snapshot = _exports(data_dir, "2015-01", values)
    decline = the_notable(snapshot, "2017-05", "streak", "exports", of="decline")
    assert decline.facts.months == 5 and decline.facts.since == "2017-01"
    ended = the_notable(snapshot, "2017-06", "streak_end", "exports")
    assert (ended.facts.of, ended.facts.months) == ("decline", 5)
    assert "Exports returned to growth after 5 months of decline (since January 2017)." in ended.text


def test_surplus_and_deficit_runs_of_the_balance(data_dir):
    exports = [100.0] * 11
    imports = [100.0] * 2 + [90.0] * 7 + [110.0] * 2  # even, seven months of surplus, then deficit
    snapshot = _snapshot(data_dir, ("2016-01", exports, "export", "world"), ("2016-01", imports, "import", "world"))
    assert the_notable(snapshot, "2016-09", "streak", "balance", of="surplus").facts.months == 7
    ended = the_notable(snapshot, "2016-10", "streak_end", "balance")
    assert (ended.facts.of, ended.facts.months) == ("surplus", 7)
    assert "turned to deficit after 7 months of surplus" in ended.text
    assert not notables_of(snapshot, "2016-11", "streak_end", "balance")  # a second month of deficit ends nothing


def test_round_amounts_are_strictly_above_in_any_month_or_a_calendar_month(data_dir):
    values = [40e9] * 36
    values[16], values[24], values[25] = 55e9, 52e9, 50e9  # 2017-05, 2018-01, 2018-02
    snapshot = _exports(data_dir, "2016-01", values)
    first = the_notable(snapshot, "2017-05", "record_all_time", "exports")
    assert first.facts.threshold_usd == 50e9 and "the highest in any month since 2016" in first.text
    assert "when the data begins, and the first month above $50bn (+37.5% on a year earlier)." in first.text
    january = the_notable(snapshot, "2018-01", "record_for_month", "exports")
    assert january.facts.threshold_usd == 50e9 and ", and the first January above $50bn" in january.text
    # $50bn exactly is not above $50bn; earlier Februaries were $40bn exactly, so $40bn is a first.
    february = the_notable(snapshot, "2018-02", "record_for_month", "exports")
    assert february.facts.threshold_usd == 40e9 and ", and the first February above $40bn" in february.text
    # Year to date $142bn by March 2018 against $120bn by March before: earlier in the year than ever past $140bn.
    ytd = the_notable(snapshot, "2018-03", "ytd_record", "exports")
    assert ytd.facts.threshold_usd == 140e9 and ytd.facts.value_usd == 142e9
    assert (
        "the highest for those months of any year since 2016, when the data begins, and past $140bn earlier in "
        "the year than ever (+18.3% on a year earlier)." in ytd.text
    )
    assert not notables_of(snapshot, "2018-01", "ytd_record")  # January's year to date is the month itself


def test_a_partner_overtakes_another_first_time_or_after_a_long_time(data_dir):
    exports = [100.0] * 30
    china = [10.0] * 30
    asean = [5.0] * 30
    asean[18] = asean[19] = 12.0  # 2017-07 and 2017-08
    snapshot = _snapshot(
        data_dir,
        ("2016-01", exports, "export", "world"),
        ("2016-01", china, "export", "china"),
        ("2016-01", asean, "export", "asean"),
    )
    first = the_notable(snapshot, "2017-07", "overtake", "asean")
    assert first.facts.other == "china" and first.facts.since == "2016-01"
    assert "Exports to ASEAN ($12) were above exports to China ($10) for the first time since 2016" in first.text
    assert not notables_of(snapshot, "2017-08", "overtake")  # already ahead
    asean[2] = 11.0  # ahead once before, in 2016-03: 16 months earlier
    (data_dir / "synthetic.csv").unlink()
    again = the_notable(
        _snapshot(
            data_dir,
            ("2016-01", exports, "export", "world"),
            ("2016-01", china, "export", "china"),
            ("2016-01", asean, "export", "asean"),
        ),
        "2017-07",
        "overtake",
        "asean",
    )
    assert again.facts.since == "2016-04" and "for the first time in 16 months" in again.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.one_of(st.none(), st.sampled_from([0.0, 5.0, 10.0]), st.floats(0.0, 100.0)), min_size=13, max_size=40)
)
def test_any_series_with_gaps_ties_and_zeros_claims_only_what_its_run_supports(data_dir, values):
    values = [100.0, *values]  # a first month, so the directory has a release
    snapshot = _snapshot(
        data_dir,
        ("2016-01", [v if v is None else 200.0 + v for v in values], "export", "world"),
        ("2016-01", values, "export", "china"),
        ("2016-01", values[::-1], "export", "us"),
    )
    series = snapshot.trade[("export", "total", "china")]
    for month in snapshot.months:
        notables = snapshot.release(month).notables
        assert [n.score for n in notables] == sorted((n.score for n in notables), reverse=True)
        for notable in (n for n in notables if n.subject == "china" and n.kind == "record_all_time"):
            run = series[snapshot.index(parse_period(notable.facts.since)) : snapshot.index(month)]
            assert len(run) >= 12 and not any(math.isnan(v) for v in run)
            assert notable.facts.value_usd >= run.max() and notable.facts.value_usd == series[snapshot.index(month)]
