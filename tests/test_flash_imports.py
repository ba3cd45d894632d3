"""The 10-day flash with imports: where a window has total imports (the customs service's release since 2026-09),
the flash pane, the flash screen and `brief` show imports and the balance, each against a year earlier."""

import os
import time
from pathlib import Path

import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

from core.base.periods import parse_period
from core.engine.snapshot import load_snapshot
from core.runtime.cache import cached_snapshot, load_and_cache
from tui.screens.flash import FlashScreen
from tui.widgets.flash_pane import FlashPane

SEPTEMBER = parse_period("2026-09")
# Real figures (Korea Customs Service, 10-day preliminary release; shared/data/korea-trade/flash.csv): 2026-09's
# windows as published on 2026-09-11 and 2026-09-21. The flash of 2025-09, days 1-10 and 1-20, had exports of
# $19,154,390,000 and $40,050,000,000 and no imports.
SEPTEMBER_WINDOWS = """period,window,flow,item,partner,value_usd,source
2026-09,1-10,export,semiconductors,world,16500000000,kcs-10day-prelim
2026-09,1-10,export,total,world,34973000000,kcs-10day-prelim
2026-09,1-10,import,total,world,24606000000,kcs-10day-prelim
2026-09,1-20,export,semiconductors,world,34100000000,kcs-10day-prelim
2026-09,1-20,export,total,world,71409000000,kcs-10day-prelim
2026-09,1-20,import,total,world,48443000000,kcs-10day-prelim
"""
# Real too: the whole month, from the flash's month window and the preliminary month-end tally released 2026-10-01.
SEPTEMBER_MONTH = """period,window,flow,item,partner,value_usd,source
2026-09,month,export,total,world,120944000000,kcs-10day-prelim
2026-09,month,import,total,world,71092000000,kcs-10day-prelim
"""
SEPTEMBER_RELEASE = """period,flow,item,partner,value_usd,source,released
2026-09,export,total,world,120944000000,kcs-prelim-month-end,2026-10-01
2026-09,import,total,world,71092000000,kcs-prelim-month-end,2026-10-01
"""


def data_as_of(parent: Path, stage: str) -> Path:
    """The shipped data as it stood after 2026-09's flash of days 1-20 (`windows`), with the flash's own tally of
    the whole month (`tally`), or after the release of 2026-10-01 (`release`), whatever the shipped files hold of
    2026-09."""
    data = copy_of_shipped_data(parent)
    for path in data.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith("2026-09,")), encoding="utf-8")
    month = SEPTEMBER_MONTH.split("\n", 1)[1] if stage in ("tally", "release") else ""
    (data / "flash-2026-09.csv").write_text(SEPTEMBER_WINDOWS + month)
    if stage == "release":
        (data / "release-2026-09.csv").write_text(SEPTEMBER_RELEASE)
    return data


@pytest.fixture(scope="module")
def before_release(tmp_path_factory) -> Path:
    return data_as_of(tmp_path_factory.mktemp("before"), "windows")


def test_a_window_with_imports_has_the_balance(before_release):
    view = load_snapshot(before_release).flash.view(SEPTEMBER)
    assert (view.window, view.value_usd, view.imports_usd) == ("1-20", 71_409_000_000, 48_443_000_000)
    assert view.balance_usd == 71_409_000_000 - 48_443_000_000  # +$22.97bn
    assert view.yoy_pct == pytest.approx((71_409_000_000 / 40_050_000_000 - 1) * 100)  # +78.3%
    assert view.imports_yoy_pct is None and view.balance_change_usd is None  # 2025-09's flash had no imports
    assert (view.working_days, view.working_days_prev) == (15.5, 16.5)  # as the release counted them
    assert [item.code for item in view.largest_items] == ["semiconductors"]  # the only item the window has


def test_each_window_against_a_year_earlier_with_imports_then(before_release, tmp_path):
    """SYNTHETIC: 2025-09's days 1-10 given imports of $20bn, so that the window has a year earlier to compare with."""
    (before_release / "synthetic-2025-09.csv").write_text(
        "period,window,flow,item,partner,value_usd,source\n2025-09,1-10,import,total,world,20000000000,SYNTHETIC\n"
    )
    try:
        windows = load_snapshot(before_release).flash.windows(SEPTEMBER)
    finally:
        (before_release / "synthetic-2025-09.csv").unlink()
    first, second = windows
    assert first.window == "1-10" and first.imports_yoy_pct == pytest.approx(23.03)  # 24,606 / 20,000 - 1
    # Balance 34,973 - 24,606 = 10,367 against 19,154.39 - 20,000 = -845.61 ($ mn): +11,212.61
    assert first.balance_usd == 10_367_000_000 and first.balance_change_usd == pytest.approx(11_212_610_000)
    assert second.window == "1-20" and second.imports_yoy_pct is None


def test_brief_of_the_flash_month_shows_imports_and_the_balance(before_release, run_cli):
    code, out, err = run_cli("brief", "--data", str(before_release), "--period", "2026-09")
    assert code == 0, err
    lines = out.splitlines()
    assert "PRELIMINARY: exports and imports of days 1-20" in lines[0]
    assert lines[3:7] == [
        "  Exports, days 1-20      $71.41bn  +78.3% on days 1-20 a year earlier",
        "  Imports, days 1-20      $48.44bn  n/a on days 1-20 a year earlier",
        "  Balance, days 1-20     +$22.97bn  n/a on days 1-20 a year earlier",
        "  Working days                15.5  against 16.5 a year earlier",
    ]
    assert lines[-6:] == [
        "  Semiconductors                $34.10bn  +259.1%",
        "  (9 of the 10 flash items not published for days 1-20)",
        "",
        "10-day flash, from day 1, against the same days a year earlier:",
        "  Days 1-10  exports $34.97bn +82.6% · imports $24.61bn n/a · balance +$10.37bn n/a · working days 8.5 (8.5)",
        "  Days 1-20  exports $71.41bn +78.3% · imports $48.44bn n/a · balance +$22.97bn n/a · working days "
        "15.5 (16.5)",
    ]


def test_brief_json_of_the_flash_month_has_imports(before_release, brief_json):
    brief = brief_json("--data", str(before_release), "--period", "2026-09")
    flash = brief["flash"]
    assert (flash["imports_usd"], flash["balance_usd"], flash["imports_yoy_pct"]) == (
        48_443_000_000,
        22_966_000_000,
        None,
    )
    assert [(window["window"], window["imports_usd"], window["balance_usd"]) for window in brief["flash_windows"]] == [
        ("1-10", 24_606_000_000, 10_367_000_000),
        ("1-20", 48_443_000_000, 22_966_000_000),
    ]


def test_brief_of_the_released_month_shows_its_windows_with_imports(tmp_path, run_cli):
    data = data_as_of(tmp_path, "release")
    code, out, err = run_cli("brief", "--data", str(data), "--period", "2026-09")
    assert code == 0, err
    assert "$120.94bn" in out.splitlines()[3]  # the release's exports
    assert (
        "10-day flash, from day 1, against the same days a year earlier:\n"
        "  Days 1-10  exports $34.97bn +82.6% · imports $24.61bn n/a · balance +$10.37bn n/a · working days 8.5 (8.5)\n"
        "  Days 1-20  exports $71.41bn +78.3% · imports $48.44bn n/a · balance +$22.97bn n/a · working days 15.5 "
        "(16.5)\n"
    ) in out
    code, out, err = run_cli("brief", "--data", str(data), "--period", "2026-01")
    assert code == 0 and "10-day flash, from day 1" not in out  # windows without imports: as before


def test_brief_of_a_flash_month_whose_whole_month_is_in_says_so_and_reviews_the_nowcasts(tmp_path, run_cli):
    data = data_as_of(tmp_path, "tally")  # no release of 2026-09 in the files, but the flash's own month total
    code, out, err = run_cli("brief", "--data", str(data), "--period", "2026-09")
    assert code == 0, err
    assert "FLASH ONLY (the whole month's total is in, no release yet): exports and imports of days 1-20" in out
    assert "  Imports, days 1-20      $48.44bn  n/a on days 1-20 a year earlier" in out
    assert "Flash nowcasts against the final $120.94bn:" in out


@pytest.mark.anyio
async def test_the_flash_pane_and_screen_show_imports_and_the_balance(before_release):
    app = make_app(before_release, None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        shown = app.screen.query_one(FlashPane).render().plain
        assert shown.splitlines()[0].startswith(
            "2026-09  PRELIMINARY  · days 1-20: $71.41bn +78.3% · imports $48.44bn n/a · balance +$22.97bn n/a"
        ), shown
        await pilot.press("right_square_bracket")
        assert isinstance(app.screen, FlashScreen)
        figures = app.screen.query_one("#flash-figures").render().plain.splitlines()
        assert figures[:4] == [
            "Trade against the same days a year earlier",
            "days 1-20: $71.41bn +78.3%",
            "imports $48.44bn n/a",
            "balance +$22.97bn n/a",
        ]


def test_the_cached_snapshot_keeps_the_flash_imports(tmp_path):
    data = data_as_of(tmp_path, "windows")
    settled = time.time_ns() - 10 * 10**9  # the cache keeps no load of files written just now
    for path in data.iterdir():
        os.utime(path, ns=(settled, settled))
    fresh, cached = load_and_cache(data).flash, cached_snapshot(data).flash
    assert set(cached.imports) == {"1-10", "1-20"}
    assert cached.view(SEPTEMBER) == fresh.view(SEPTEMBER) and cached.view(SEPTEMBER).imports_usd == 48_443_000_000
