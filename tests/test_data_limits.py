"""Data at the edges of what `check` accepts, and just past them: synthetic edits to a copy of the shipped data.

Data that `check` accepts, every command computes (a figure that cannot be computed is n/a, null in JSON);
data that cannot be computed is a `file:line` problem in `check`, and `brief` exits 1 with the same line. In
every case: no traceback, and the data directory byte for byte as it was.
"""

import hashlib
import json
from pathlib import Path

import official_responses as official
import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

from core.runtime.cache import load_snapshot_cached
from tui.screens.drilldown import DrilldownScreen
from tui.widgets.error_bar import ErrorBar

RANGE = "(expected a month from 1950-01 to 2100-12)"


def digest(directory: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(directory.iterdir())}


@pytest.fixture
def data(tmp_path):
    return copy_of_shipped_data(tmp_path)


def set_july_exports(data: Path, value: str) -> None:
    monthly = data / "monthly.csv"
    text = monthly.read_text()
    assert "2026-07,export,total,world,98959098818," in text
    monthly.write_text(text.replace("2026-07,export,total,world,98959098818,", f"2026-07,export,total,world,{value},"))


def strict_json(text: str):
    """JSON as the standard has it: NaN and Infinity are not JSON."""
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))


def no_traceback(*outputs: str) -> None:
    assert not any("Traceback" in output for output in outputs)


def red_bar(app) -> str:
    bar = app.screen.query_one(ErrorBar)
    assert bar.display
    return "\n".join(str(problem) for problem in bar.shown)


# --- accepted: computed, with n/a where a figure has no value ---


@pytest.mark.parametrize("how", ["in the release", "revised to 0"])
def test_a_month_of_zero_exports_with_a_flash_is_computed_everywhere(data, run_cli, how):
    (data / "release_prelim_2026.csv").unlink()  # 2026-08 and 2026-09 only in the flash, as before their release
    if how == "in the release":
        set_july_exports(data, "0")
    else:
        (data / "revision.csv").write_text(
            "period,flow,item,partner,value_usd,released,source\n2026-07,export,total,world,0,2026-09-01,synthetic\n"
        )
    before = digest(data)
    code, out, err = run_cli("check", "--data", str(data))
    assert code == 0 and "no errors" in out, err
    code, out, err = run_cli("brief", "--json", "--data", str(data), "--period", "2026-07")
    assert code == 0 and err == ""
    brief = strict_json(out)
    headline = brief["headline"]
    assert headline["exports"] == {"value_usd": 0, "yoy_pct": -100.0}
    assert headline["daily_avg_exports"] == {"value_usd": 0, "yoy_pct": -100.0}
    assert {row["share_pct"] for row in brief["items"]} == {None}  # a share of nothing
    review = brief["nowcast_review"]
    assert review["final_usd"] == 0
    assert [(check["window"], check["error_pct"], check["inside"]) for check in review["checks"]] == [
        ("1-10", None, False),
        ("1-20", None, False),
    ]  # no percentage error over 0; the nowcasts were above it
    code, out, err = run_cli("brief", "--data", str(data), "--period", "2026-07")
    assert code == 0 and "Flash nowcasts against the final $0:" in out and out.count("n/a off") == 2
    code, out, err = run_cli("brief", "--json", "--data", str(data), "--period", "2026-08")
    assert code == 0 and strict_json(out)["flash"]["nowcast"]["value_usd"] > 0
    code, out, err = run_cli("backtest", "--data", str(data))
    # 2026-07 has no percentage error, so it is not scored: 116 months of the 117 from 2017-01 to 2026-09.
    assert code == 0 and "| 1-10 | nowcast (this model) | 116 (2017-01 to 2026-09) |" in out
    no_traceback(out, err)
    assert digest(data) == before


@pytest.mark.parametrize("period", ["1950-01", "2100-12"])
def test_the_first_and_last_accepted_months_are_computed(data_dir, run_cli, period):
    (data_dir / "trade.csv").write_text(f"period,flow,item,partner,value_usd\n{period},export,total,world,1e15\n")
    (data_dir / "working_days.csv").write_text(f"period,working_days\n{period},31\n")
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    code, out, err = run_cli("brief", "--json", "--data", str(data_dir))
    assert code == 0, err
    assert strict_json(out)["headline"]["daily_avg_exports"]["value_usd"] == 1e15 / 31


def test_a_value_just_under_a_round_amount_is_computed(data_dir, run_cli):
    # Just under $5bn, where log10 of a fifth rounds up to a power of ten: the round-amount ladder once
    # raised StopIteration there.
    rows = "".join(f"2025-{month:02d},export,total,world,1000\n" for month in range(1, 13))
    (data_dir / "trade.csv").write_text(
        "period,flow,item,partner,value_usd\n" + rows + "2026-01,export,total,world,4999999999.999999\n"
    )
    code, out, err = run_cli("brief", "--json", "--data", str(data_dir))
    assert code == 0, err
    texts = [notable["text"] for notable in strict_json(out)["notables"]]
    assert any(text.startswith("Exports reached $5.00bn") and "the first month above $4bn" in text for text in texts)


@pytest.mark.anyio
async def test_the_monitor_shows_a_month_of_zero_exports(data):
    set_july_exports(data, "0")
    before = digest(data)
    app = make_app(data, "2026-07")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_data(pilot)
        assert app.month == 2026 * 12 + 6 and not app.problems
        await pilot.press("shift+tab", "enter")  # the Exports card's drilldown, which reviews the nowcasts
        assert isinstance(app.screen, DrilldownScreen)
        facts = app.screen.query_one("#drill-facts").plain
        assert "Nowcast vs final $0" in facts and "n/a" in facts
        await pilot.press("right_square_bracket", "left_square_bracket", "escape", "right_square_bracket")
        assert app.return_code is None
    assert digest(data) == before


# --- refused: a file:line problem in check, the same in brief, a red bar in the monitor ---

TRADE, FLASH, DAYS = (
    "period,flow,item,partner,value_usd\n",
    "period,window,flow,item,partner,value_usd\n",
    "period,working_days\n",
)
INVALID = {  # case: (file, text, line, problem)
    "working days 0": (
        "working_days.csv",
        DAYS + "2026-07,0\n",
        2,
        "working_days '0' is not a day count (expected a number above 0, at most 31)",
    ),
    "working days nan": ("working_days.csv", DAYS + "2026-07,nan\n", 2, "working_days 'nan' is not a day count"),
    "working days 32": ("working_days.csv", DAYS + "2026-07,32\n", 2, "working_days '32' is not a day count"),
    "value 1e308": (
        "huge.csv",
        TRADE + "2026-07,export,total,world,1e308\n",
        2,
        "value_usd '1e308' is too large (expected at most 1e15 US dollars, a thousand trillion)",
    ),
    "value just over 1e15": (
        "huge.csv",
        TRADE + "2026-07,export,ships,world,1000000000000001\n",
        2,
        "value_usd '1000000000000001' is too large",
    ),
    "flash value 1e308": (
        "flash2.csv",
        FLASH + "2026-09,1-10,export,total,world,1e308\n",
        2,
        "value_usd '1e308' is too large",
    ),
    "value inf": ("huge.csv", TRADE + "2026-07,export,total,world,inf\n", 2, "value_usd 'inf' is not a number"),
    "period 0000-01": (
        "far.csv",
        TRADE + "2030-01,export,ships,world,1\n0000-01,export,total,world,5\n",
        3,
        f"period '0000-01' is out of range {RANGE}",
    ),
    "period 9999-12": (
        "far.csv",
        TRADE + "9999-12,export,total,world,5\n",
        2,
        f"period '9999-12' is out of range {RANGE}",
    ),
    "period 1949-12": (
        "far.csv",
        TRADE + "1949-12,export,total,world,5\n",
        2,
        f"period '1949-12' is out of range {RANGE}",
    ),
    "flash period 9999-12": (
        "flash2.csv",
        FLASH + "9999-12,1-10,export,total,world,5\n",
        2,
        f"period '9999-12' is out of range {RANGE}",
    ),
    "working days period 0000-01": (
        "working_days.csv",
        DAYS + "0000-01,20\n",
        2,
        f"period '0000-01' is out of range {RANGE}",
    ),
    "working days period 2101-01": (
        "working_days.csv",
        DAYS + "2101-01,20\n",
        2,
        f"period '2101-01' is out of range {RANGE}",
    ),
}


@pytest.mark.parametrize("case", INVALID)
def test_data_that_cannot_be_computed_is_a_problem_in_check_and_brief(data, run_cli, case):
    name, text, line, message = INVALID[case]
    (data / name).write_text(text)
    before = digest(data)
    expected = f"{data / name}:{line}: {message}"
    code, out, err = run_cli("check", "--data", str(data))
    assert code == 1 and expected in err and err.endswith(f"1 problem(s) in {data}\n"), err
    code, out, err = run_cli("brief", "--json", "--data", str(data))
    assert code == 1 and out == "" and expected in err
    no_traceback(out, err)
    assert digest(data) == before


def test_data_without_total_exports_is_a_problem(data_dir, run_cli):
    (data_dir / "trade.csv").write_text(
        "period,flow,item,partner,value_usd\n2026-01,import,total,world,5\n2026-01,export,ships,world,5\n"
    )
    for command in ("check", "brief"):
        code, out, err = run_cli(command, "--data", str(data_dir))
        assert code == 1 and out == ""
        assert err.startswith(
            f"{data_dir}: no total exports in any month (expected rows with flow export, item total, partner world)\n"
        )


@pytest.mark.parametrize("period", ["0000-01", "9999-12"])
def test_a_period_asked_for_outside_the_range_is_refused(run_cli, period):
    for command in (("brief",), ()):
        code, out, err = run_cli(*command, "--period", period)
        assert (code, out, err) == (2, "", f"--period: '{period}' is out of range {RANGE}\n")


@pytest.mark.anyio
@pytest.mark.parametrize("case", ["working days 0", "value 1e308", "period 0000-01"])
async def test_the_monitor_shows_data_that_cannot_be_computed_in_the_red_bar(data, case):
    name, text, line, message = INVALID[case]
    (data / name).write_text(text)
    before = digest(data)
    app = make_app(data, None)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        assert app.snapshot is None
        assert f"{data / name}:{line}: {message}" in red_bar(app)
        await pilot.press("right_square_bracket", "enter", "r")
        assert app.return_code is None
    assert digest(data) == before


# --- import refuses what check would refuse ---

OUT_OF_RANGE_RESPONSES = {
    "totals": (official.kcs(official.totals_item("0000.01", "1", "1")), f"item 1: '0000.01' is out of range {RANGE}"),
    "flash": (
        official.kcs(official.flash_item("999912", "01~10", ["1"] * 11)),
        f"item 1: '999912' is out of range {RANGE}",
    ),
    "ecos": (official.ecos([official.ecos_row("194912", "수출", "5")]), f"row 1: '194912' is out of range {RANGE}"),
    "totals too large": (
        official.kcs(official.totals_item("2026.01", "1,000,000,000,000,001", "1")),
        "2026-01 export total world: 1,000,000,000,000,001 US dollars is too large "
        "(expected at most 1e15 US dollars, a thousand trillion)",
    ),
}


@pytest.mark.parametrize("case", OUT_OF_RANGE_RESPONSES)
def test_import_refuses_a_period_or_value_that_check_would_refuse(tmp_path, data_dir, run_cli, case):
    body, message = OUT_OF_RANGE_RESPONSES[case]
    response = tmp_path / "response"
    response.write_bytes(body)
    before = digest(data_dir)
    kind = case.split()[0]
    code, out, err = run_cli("import", kind, str(response), "--to", str(data_dir), "--released", "2026-02-16")
    assert code == 1 and out == "" and err == f"{response}: {message}\n"
    assert digest(data_dir) == before


# --- a fault in tradetop itself: one line, never a traceback; the monitor keeps the last good data ---


def test_a_fault_while_computing_the_brief_is_one_line_and_exit_70_with_nothing_of_the_brief(run_cli, monkeypatch):
    def fault(*args, **kwargs):
        raise RuntimeError("synthetic fault")

    monkeypatch.setattr("core.engine.snapshot.find_notables", fault)
    code, out, err = run_cli("brief", "--period", "2026-01")
    assert (code, out) == (70, "")
    assert err.startswith("tradetop: unexpected error (RuntimeError); the traceback is in ") and err.count("\n") == 1


@pytest.mark.anyio
async def test_a_fault_while_reloading_keeps_the_last_good_data_under_the_red_bar(data, monkeypatch):
    monkeypatch.setattr("core.runtime.isolated.load_isolated", load_snapshot_cached)
    app = make_app(data)
    async with app.run_test() as pilot:
        await wait_for_data(pilot)
        good = app.snapshot

        def fault(directory):
            raise ZeroDivisionError("synthetic fault")

        monkeypatch.setattr("core.runtime.isolated.load_isolated", fault)
        await pilot.press("r")
        await wait_for_data(pilot)
        assert red_bar(app) == (
            "reload failed; showing the last good data until the files are fixed:\n"
            f"{data}: could not be loaded: an error in tradetop, please report it "
            "(ZeroDivisionError: synthetic fault)"
        )
        assert app.snapshot is good and app.view.release.headline.exports.value_usd == 65_843_936_782
        await pilot.press("left_square_bracket")
        assert app.return_code is None


@pytest.mark.anyio
@pytest.mark.parametrize("value", ["0", "1e-300"])
async def test_a_plot_plotext_cannot_draw_leaves_a_note_not_a_crash(data_dir, value):
    # Valid data that plotext fails on: its legend on a lone bar of 0 (IndexError, in the first layout's
    # render), its y ticks for 1e-300 US dollars as $bn (OverflowError, on every render).
    (data_dir / "trade.csv").write_text(f"period,flow,item,partner,value_usd\n1950-01,export,total,world,{value}\n")
    app = make_app(data_dir, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("shift+tab", "enter")
        assert isinstance(app.screen, DrilldownScreen)
        plot = app.screen.query_one("#history-plot").render().plain
        assert plot == "(no plot: these values cannot be drawn)" or "1950-01" in plot
        await pilot.press("escape", "right_square_bracket")
        assert app.return_code is None
