"""Property test on synthetic, generated data directories: whatever `check` accepts, `brief` and the monitor compute.

The generator writes only data that the rules in README "Data format" allow, pushed to their edges: values
of 0, tiny (5e-324, 1e-300), huge but accepted (1e15), months at both ends of 1950-2100, sparse months, a single
month, flash windows over months whose total is 0, revisions to 0, working days just above 0. Every row is
labelled `source` synthetic; nothing is written to data/.
"""

import asyncio
import contextlib
import io
import json
import shutil

from dashboard_helpers import wait_for_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.base.periods import FIRST_YEAR, LAST_YEAR, format_period
from core.ingest.datadir import embedded_data_dir
from core.runtime.cache import load_snapshot_cached
from tui.cli import main

FIRST, LAST = FIRST_YEAR * 12, LAST_YEAR * 12 + 11
ITEMS = ("semiconductors", "ships", "textiles")
PARTNERS = ("china", "us", "japan")
FLASH_ITEMS = ("semiconductors", "ships")
VALUES = st.one_of(st.sampled_from([0.0, 5e-324, 1e-300, 1e-9, 1.0, 1e15]), st.floats(min_value=0.0, max_value=1e15))
SOURCE = "synthetic"


def _rejects_constants(name: str):
    raise ValueError(f"{name} is not JSON")


@st.composite
def months(draw) -> list[int]:
    layout = draw(st.sampled_from(["run", "sparse", "single", "ends"]))
    if layout == "single":
        return [draw(st.sampled_from([FIRST, LAST]) | st.integers(FIRST, LAST))]
    if layout == "ends":  # the whole accepted range on one monthly axis
        return [FIRST, *range(LAST - draw(st.integers(0, 14)), LAST + 1)]
    length = draw(st.integers(1, 16))
    start = draw(st.sampled_from([FIRST, 2016 * 12, LAST - length + 1]) | st.integers(FIRST, LAST - length + 1))
    chosen = [start + offset for offset in range(length) if layout == "run" or draw(st.booleans())]
    return chosen or [start]


@st.composite
def directories(draw) -> dict[str, str]:
    """File name -> CSV text."""
    chosen = draw(months())
    rows = []
    for position, month in enumerate(chosen):
        period = format_period(month)
        if position == 0 or draw(st.integers(0, 4)):  # at least one month has total exports
            rows.append((period, "export", "total", "world", draw(VALUES)))
        if draw(st.booleans()):
            rows.append((period, "import", "total", "world", draw(VALUES)))
        for item in ITEMS:
            if draw(st.booleans()):
                rows.append((period, draw(st.sampled_from(["export", "import"])), item, "world", draw(VALUES)))
        for partner in PARTNERS:
            if draw(st.booleans()):
                rows.append((period, draw(st.sampled_from(["export", "import"])), "total", partner, draw(VALUES)))
    files = {"monthly.csv": _csv("period,flow,item,partner,value_usd", rows)}
    totals = [row for row in rows if row[1:4] == ("export", "total", "world")]
    revised = draw(st.lists(st.sampled_from(totals), max_size=3, unique=True))
    if revised:
        files["revisions.csv"] = _csv(
            "period,flow,item,partner,value_usd,released", [(*row[:4], draw(VALUES), "2100-12-31") for row in revised]
        )
    flash_mode = draw(st.sampled_from(["none", "every month", "some months"]))
    if flash_mode != "none":
        flash_months = chosen + ([chosen[-1] + 1] if chosen[-1] < LAST else [])  # and a preliminary month
        flash_rows = []
        for month in flash_months:
            if flash_mode == "some months" and not draw(st.booleans()):
                continue
            for window in draw(st.sampled_from([("1-10",), ("1-10", "1-20"), ("1-10", "1-20", "month"), ("month",)])):
                for item in ("total", *FLASH_ITEMS):
                    flash_rows.append((format_period(month), window, "export", item, "world", draw(VALUES)))
        if flash_rows:
            files["flash.csv"] = _csv("period,window,flow,item,partner,value_usd", flash_rows)
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(chosen), max_size=4, unique=True))
        files["working_days.csv"] = "period,working_days\n" + "".join(
            f"{format_period(month)},{draw(st.sampled_from([1e-9, 0.5, 20, 31]))!r}\n" for month in days
        )
    return files


def _csv(header: str, rows: list[tuple]) -> str:
    """Values written with repr, so 1e-300 stays 1e-300."""
    cells = [[repr(cell) if isinstance(cell, float) else cell for cell in row] for row in rows]
    return "\n".join([header + ",source"] + [",".join([*row, SOURCE]) for row in cells]) + "\n"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _directory(tmp_path_factory, files: dict[str, str]):
    directory = tmp_path_factory.mktemp("synthetic")
    shutil.copy(embedded_data_dir() / "catalog.csv", directory / "catalog.csv")
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


PROPERTY = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(max_examples=35, **PROPERTY)
@given(files=directories())
def test_what_check_accepts_brief_and_backtest_compute(tmp_path_factory, files):
    directory = _directory(tmp_path_factory, files)
    code, out, err = _run("check", "--data", str(directory))
    assert code == 0, err
    code, out, err = _run("brief", "--json", "--data", str(directory))
    assert code == 0 and err == "", err
    brief = json.loads(out, parse_constant=_rejects_constants)
    for period in {brief["data"]["first"], brief["data"]["latest_flash"] or brief["data"]["first"]}:
        code, out, err = _run("brief", "--data", str(directory), "--period", period, "--all")
        assert code == 0 and err == "", err
    code, out, err = _run("brief", "--data", str(directory), "--flow", "import", "--set", "motie20")
    assert code == 0 and err == "", err
    code, _, err = _run("backtest", "--data", str(directory))
    assert code == 0 and err == "", err


async def _drive_monitor(directory) -> None:
    """Every month with [ and ] in an item's drilldown and in the Exports card's (which shows how the flash
    nowcasts did; the main screen under them follows the month too), then the flash month past the latest."""
    from core.views.drilldown_view import EXPORTS, Subject
    from tui.app import TradetopApp
    from tui.screens.drilldown import DrilldownScreen
    from tui.screens.main import MainScreen

    app = TradetopApp(directory)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_data(pilot)
        assert app.snapshot is not None, app.problems
        assert all(getattr(problem, "is_warning", False) for problem in app.problems), app.problems
        steps = len(app.snapshot.months) - 1
        await pilot.press("i", "y", "s")  # imports, year to date, by YoY
        view = app.view
        assert view is not None
        gap = view.detail_gap
        await pilot.press("enter")  # on the first row
        if not isinstance(app.screen, DrilldownScreen):  # the month had no item figures: one notice, not rows
            assert gap is not None and "item" in gap.tables
            assert app.month == (app.snapshot.latest if gap.month is None else gap.month)
            app.drill(Subject("item", view.release.items[0].code))
        await pilot.press(*["left_square_bracket"] * steps)
        assert isinstance(app.screen, DrilldownScreen) and app.month == app.snapshot.months[0]
        await pilot.press("escape", "shift+tab", "enter", *["right_square_bracket"] * steps)
        # The first card in the year to date (y): its exports since January.
        assert app.screen.subject == EXPORTS._replace(code="ytd_exports") and app.month == app.snapshot.latest
        await pilot.press("escape", "right_square_bracket", "escape")
        assert isinstance(app.screen, MainScreen) and app.return_code is None


@settings(max_examples=10, **PROPERTY)
@given(files=directories())
def test_what_check_accepts_the_monitor_shows(tmp_path_factory, monkeypatch, files):
    directory = _directory(tmp_path_factory, files)
    assert _run("check", "--data", str(directory))[0] == 0
    # The monitor's loader process takes a second to spawn; in-process, the same load takes milliseconds.
    monkeypatch.setattr("core.runtime.isolated.load_isolated", load_snapshot_cached)
    asyncio.run(_drive_monitor(directory))
