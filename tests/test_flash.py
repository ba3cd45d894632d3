"""The 10-day flash and its nowcast: figures checkable by hand from data/flash.csv, and the backtest's honesty."""

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.base.periods import format_period, parse_period
from core.base.workdays import working_days
from core.engine.backtest import backtest

README = Path(__file__).resolve().parent.parent / "README.md"
FLASH_HEADER = "period,window,flow,item,partner,value_usd\n"
AUGUST_2026 = parse_period("2026-08")


@pytest.fixture(scope="session")
def flash(shipped_snapshot):
    return shipped_snapshot.flash


@pytest.fixture(scope="module")
def pending_snapshot(flash_pending):
    """As the data stood from 2026-08-21 to 2026-09-01: 2026-08 had its flash only."""
    from core.engine.snapshot import load_snapshot

    return load_snapshot(flash_pending)


def test_august_2026_flash_against_days_1_to_20_of_august_2025(pending_snapshot):
    view = pending_snapshot.flash.view(AUGUST_2026)
    assert view.period == "2026-08" and view.window == "1-20" and view.preliminary
    # flash.csv: 2026-08 1-20 total 55,206,635,000; 2025-08 1-20 total 35,394,043,000.
    assert view.value_usd == 55_206_635_000
    assert view.yoy_pct == pytest.approx((55_206_635_000 / 35_394_043_000 - 1) * 100)
    assert view.yoy_pct == pytest.approx(56.0, abs=0.05)
    # Aug 1-20, 2026: Sat 1 (1/2), 3-7, Sat 8 (1/2), 10-14, 18-20; Sat 15 and Mon 17 (its substitute) are holidays.
    # Aug 1-20, 2025: 1, Sat 2 (1/2), 4-8, Sat 9 (1/2), 11-14, Sat 16 (1/2), 18-20; Fri 15 is a holiday.
    assert (view.working_days, view.working_days_prev) == (14.0, 14.5)
    assert view.daily_avg_yoy_pct == pytest.approx(((55_206_635_000 / 14) / (35_394_043_000 / 14.5) - 1) * 100)
    chips = view.items[0]
    assert (chips.code, chips.value_usd) == ("semiconductors", 26_031_978_000)
    assert chips.yoy_pct == pytest.approx((26_031_978_000 / 8_712_461_000 - 1) * 100)
    assert len(view.items) == 10 and all(item.yoy_pct is not None for item in view.items)


def test_chart_of_the_flash_month_sums_exports_from_day_1_against_a_year_earlier(pending_snapshot, flash):
    chart = pending_snapshot.flash.chart(AUGUST_2026)
    assert chart.days == (0, 10, 20, 31)  # August has 31 days
    # flash.csv: 2026-08 1-10 21,285,723,000 and 1-20 55,206,635,000; the month is not out yet.
    assert chart.this_year == (0.0, 21_285_723_000, 55_206_635_000, None)
    # 2025-08 1-10 14,646,230,000, 1-20 35,394,043,000; the whole month is the release's (monthly.csv).
    assert chart.year_earlier == (0.0, 14_646_230_000, 35_394_043_000, 58_259_331_990)
    assert chart.nowcast == pending_snapshot.flash.nowcast(AUGUST_2026, "1-20")
    # Since 2026-09-01 the whole month is in: the preliminary month-end tally, $98,255 mn (flash.csv's `month`).
    assert flash.chart(AUGUST_2026).this_year == (0.0, 21_285_723_000, 55_206_635_000, 98_255_000_000)
    july = flash.chart(parse_period("2026-07"))
    assert july.this_year[-1] == 98_959_098_818  # released: the final figure is plotted
    assert flash.chart(parse_period("2015-12")) is None  # before the first flash


@pytest.mark.parametrize(
    "period, days_1_10, days_1_20, whole",
    [
        (
            "2026-08",
            7.0,
            14.0,
            22.0,
        ),  # the 10th is a Monday; Liberation Day falls on Saturday 15, substituted Monday 17
        ("2025-10", 3.5, 10.5, 20.0),  # 1, 2, Sat 4 (1/2), 10: National Foundation Day, Chuseok and Hangul Day
    ],
)
def test_working_days_in_the_windows(flash, period, days_1_10, days_1_20, whole):
    index = flash.index(parse_period(period))
    days = {window: flash.working_days[window][index] for window in ("1-10", "1-20", "month")}
    assert days == {"1-10": days_1_10, "1-20": days_1_20, "month": whole}


def test_month_with_a_release_is_not_preliminary_and_its_flash_is_reviewed(pending_snapshot, flash):
    july = parse_period("2026-07")
    pending = pending_snapshot.flash
    assert not pending.is_preliminary(july) and pending.is_preliminary(AUGUST_2026)
    assert pending.pending == AUGUST_2026 and pending.review(AUGUST_2026) is None
    assert flash.pending is None and flash.review(AUGUST_2026).final_usd == 98_255_000_000  # in since 2026-09-01
    review = flash.review(july)
    assert review.final_usd == pending_snapshot.release(july).headline.exports.value_usd
    assert [check.window for check in review.checks] == ["1-10", "1-20"]
    for check in review.checks:
        assert check.error_pct == pytest.approx((check.nowcast.value_usd / review.final_usd - 1) * 100)
        assert check.inside == (check.nowcast.low_usd <= review.final_usd <= check.nowcast.high_usd)


def test_every_nowcast_interval_contains_its_point(flash):
    nowcasts = [flash.nowcast(month, window) for month in flash.months for window in ("1-10", "1-20")]
    made = [nowcast for nowcast in nowcasts if nowcast is not None]
    assert len(made) >= 2 * 115
    assert all(n.low_usd < n.value_usd < n.high_usd for n in made)
    assert flash.nowcast(parse_period("2016-06"), "1-20") is None  # under a year of history


def test_nowcast_is_the_run_rate_times_the_past_correction(data_dir):
    """Synthetic data: $1bn a working day to day 20, and every whole month 10% above that run-rate."""
    from core.engine.snapshot import load_snapshot

    snapshot = load_snapshot(_synthetic_flash_dir(data_dir, months=14))
    series = snapshot.flash
    last = series.months[-1]
    index = series.index(last)
    days = {window: series.working_days[window][index] for window in ("1-20", "month")}
    nowcast = series.nowcast(last, "1-20")
    expected = 1e9 * days["month"] * 1.1
    assert nowcast.value_usd == pytest.approx(expected)
    assert (nowcast.low_usd, nowcast.high_usd) == (pytest.approx(expected), pytest.approx(expected))


def _synthetic_flash_dir(data_dir: Path, months: int) -> Path:
    rows = []
    for month in range(parse_period("2024-01"), parse_period("2024-01") + months):
        period = format_period(month)
        rows.append(f"{period},1-20,export,total,world,{working_days(month, 20) * 1e9:.0f}\n")
        if month < parse_period("2024-01") + months - 1:
            rows.append(f"{period},month,export,total,world,{working_days(month) * 1.1e9:.0f}\n")
    (data_dir / "flash.csv").write_text(FLASH_HEADER + "".join(rows))
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2024-01,export,total,world,1\n")
    return data_dir


def test_nowcast_uses_no_data_from_its_month_or_later(flash):
    month = parse_period("2020-06")
    index = flash.index(month)
    honest = flash.nowcast(month, "1-20")
    future = flash.final.copy()
    future[index:] *= 3.0  # the month itself and everything after
    assert _nowcast_with_final(flash, future, month) == honest
    past = flash.final.copy()
    past[:index] *= 1.05
    # ... while the earlier months do move it, so the first check could fail.
    assert _nowcast_with_final(flash, past, month).value_usd == pytest.approx(honest.value_usd * 1.05)


def _nowcast_with_final(series, final: np.ndarray, month: int):
    return dataclasses.replace(series, final=final).nowcast(month, "1-20")  # a copy memoises afresh


def test_backtest_beats_both_baselines_on_every_month_since_2017(flash):
    rows = {(row.window, row.method): row for row in backtest(flash)}
    for window in ("1-10", "1-20"):
        model = rows[(window, "nowcast")]
        assert (model.first, model.last, model.months) == ("2017-01", "2026-09", 117)
        assert model.mape_pct < rows[(window, "yoy")].mape_pct
        assert model.mape_pct < rows[(window, "run_rate")].mape_pct
        assert 70 <= model.coverage_pct <= 90
    assert rows[("1-20", "nowcast")].mape_pct < rows[("1-10", "nowcast")].mape_pct


def test_readme_shows_the_backtest_table_the_command_prints(run_cli):
    code, out, _ = run_cli("backtest")
    assert code == 0
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 6
    readme = README.read_text(encoding="utf-8")
    assert all(line in readme for line in table)


def test_brief_json_for_a_flash_only_month(run_cli, flash_pending):
    code, out, err = run_cli("brief", "--json", "--period", "2026-08", "--data", str(flash_pending))
    assert code == 0 and "NaN" not in out, err
    brief = json.loads(out)
    assert brief["period"] == "2026-08" and brief["preliminary"] is True
    assert brief["headline"] is None and brief["nowcast_review"] is None
    section = brief["flash"]
    assert {
        "period",
        "window",
        "value_usd",
        "yoy_pct",
        "working_days",
        "working_days_prev",
        "daily_avg_yoy_pct",
        "items",
        "nowcast",
    } <= set(section)
    assert section["window"] == "1-20" and section["value_usd"] == 55_206_635_000
    assert section["working_days"] == 14.0 and section["working_days_prev"] == 14.5
    nowcast = section["nowcast"]
    assert nowcast["low_usd"] < nowcast["value_usd"] < nowcast["high_usd"] and nowcast["method"]
    assert brief["data"] == brief["data"] | {"latest": "2026-07", "latest_flash": "2026-08"}


def test_brief_json_for_a_released_month_reviews_its_nowcasts(brief_json):
    brief = brief_json("--period", "2026-07")
    assert brief["preliminary"] is False and brief["flash"] is None
    review = brief["nowcast_review"]
    assert review["final_usd"] == brief["headline"]["exports"]["value_usd"]
    assert [check["window"] for check in review["checks"]] == ["1-10", "1-20"]


def test_text_brief_of_a_flash_only_month(run_cli, flash_pending):
    code, out, _ = run_cli("brief", "--period", "2026-08", "--data", str(flash_pending))
    assert code == 0
    assert "PRELIMINARY" in out and "August 2026" in out
    assert re.search(r"Exports, days 1-20\s+\$55\.21bn\s+\+56\.0%", out)
    assert "Nowcast, whole month" in out and "80% interval" in out


def test_flash_without_history_gives_no_nowcast_not_an_error(data_dir, brief_json):
    _synthetic_flash_dir(data_dir, months=3)
    flash = brief_json("--data", str(data_dir), "--period", "2024-03")["flash"]
    assert flash["nowcast"] is None and flash["yoy_pct"] is None


@pytest.mark.parametrize(
    "row, message",
    [
        ("2026-01,1-15,export,total,world,5", "window '1-15' is unknown (expected 1-10, 1-20, month)"),
        ("2026-01,1-10,export,total,world,-5", "value_usd '-5' is negative"),
        ("2026-01,,export,total,world,5", "incomplete row: window is missing"),
    ],
)
def test_bad_flash_rows_name_file_and_line(data_dir, run_cli, row, message):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n")
    (data_dir / "flash.csv").write_text(FLASH_HEADER + "2026-01,1-10,export,total,world,5\n" + row + "\n")
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and f"{data_dir / 'flash.csv'}:3: {message}" in err


def test_the_shipped_flash_loads_whole(flash):
    assert (flash.months[0], flash.months[-1]) == (parse_period("2016-01"), parse_period("2026-09"))
    assert len(flash.months) == 129 and flash.items[0] == ("semiconductors", "Semiconductors")
    assert set(flash.imports) == {"1-10", "1-20"}  # total imports: the windows of 2026-09 only


def test_the_flash_needs_neither_pandas_nor_holidays_after_the_build():
    program = (
        "import sys, core.engine.flash, core.engine.backtest, core.text.brief;"
        "print(sorted({'pandas', 'holidays'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_interval_writes_a_shared_unit_once():
    from core.base import fmt

    assert fmt.usd_range(88_594_000_000, 97_184_000_000) == "$88.59–97.18bn"
    assert fmt.usd_range(512_300_000, 1_200_000_000) == "$512.3mn–$1.20bn"
