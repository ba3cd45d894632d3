"""Hostile scale: many partner codes, many problems, many files. Every directory here is SYNTHETIC data written
to a temporary folder (never data/): the shipped files plus invented codes, or the shipped rows split up."""

import csv
import json
import random
import shutil

import pytest
from dashboard_helpers import make_app, wait_for_data

from core.base.periods import parse_period
from core.engine.notables.find import MAX_SUBJECTS
from core.engine.snapshot import load_snapshot
from core.ingest.datadir import embedded_data_dir
from tui.widgets.error_bar import ErrorBar

SHIPPED = embedded_data_dir()
# monthly.csv first; the others are the later files of the same sources.
SHIPPED_TRADE_FILES = (
    "monthly.csv",
    "release_prelim_2026.csv",
    "exports_by_destination_hs8542.csv",
    "exports_us_2016_2021.csv",
)

OVERTAKE_MONTHS = ("2025-07", "2026-03")  # ASEAN above the US; India above the Middle East (shipped data)


def _months(first: str, last: str) -> list[str]:
    return [f"{month // 12}-{month % 12 + 1:02d}" for month in range(parse_period(first), parse_period(last) + 1)]


def _with_synthetic_partners(directory, count: int, first: str = "2025-01", last: str = "2026-07") -> None:
    """The shipped monthly data plus `count` invented partner codes, unknown to the catalog, exporting from $1m to
    $30bn a month at random (more than China, $21bn): they overtake one another and the regions all the time."""
    for name in SHIPPED_TRADE_FILES:
        shutil.copy(SHIPPED / name, directory / name)
    draw = random.Random(13)
    rows = ["period,flow,item,partner,value_usd"]
    rows += [
        f"{period},export,total,synthetic_partner_{number:04d},{10 ** draw.uniform(6, 10.5):.0f}"
        for number in range(count)
        for period in _months(first, last)
    ]
    (directory / "synthetic_partners.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_overtakes_among_2000_partner_codes_are_the_regions_ones_and_every_shipped_notable_stays(
    data_dir, shipped_snapshot
):
    _with_synthetic_partners(data_dir, 2000)
    snapshot = load_snapshot(data_dir)
    for period in OVERTAKE_MONTHS:
        month = parse_period(period)
        shipped, hostile = shipped_snapshot.release(month).notables, snapshot.release(month).notables
        overtakes = [(n.subject, n.facts.other, n.facts.since) for n in hostile if n.kind == "overtake"]
        assert overtakes == [(n.subject, n.facts.other, n.facts.since) for n in shipped if n.kind == "overtake"]
        assert overtakes  # at least the one named above
        assert all(notable in hostile for notable in shipped)  # the regions' records, streaks... unchanged
        assert len({n.subject for n in hostile if n.dimension == "partner"}) <= MAX_SUBJECTS


def _partner_rows(count: int) -> str:
    return "period,flow,item,partner,value_usd\n" + "".join(
        f"2026-01,export,total,synthetic_{number},5\n" for number in range(count)
    )


def test_check_shows_50_warnings_of_a_kind_then_counts_the_rest(data_dir, run_cli):
    (data_dir / "synthetic.csv").write_text(
        "period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n" + _partner_rows(120).split("\n", 1)[1],
        encoding="utf-8",
    )
    code, out, err = run_cli("check", "--data", str(data_dir))
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert len(lines) == 52 and all("partner code 'synthetic_" in line for line in lines[:50])
    # Line 2 is the world's row: synthetic_49 is on line 52.
    assert lines[49].startswith(f"{data_dir / 'synthetic.csv'}:52: warning: partner code 'synthetic_49'")
    assert lines[50] == "… and 70 more of the same kind"
    assert lines[51].endswith("no errors, 120 warning(s)")


def test_codes_that_quote_differently_are_still_one_kind(data_dir, run_cli):
    """Python quotes a value holding ' with ", and one holding both with escapes: the kind is the same."""
    codes = [f"o'{number}" for number in range(30)] + [f"b'\"{number}" for number in range(30)]
    with open(data_dir / "synthetic.csv", "w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(
            [
                ("period", "flow", "item", "partner", "value_usd"),
                ("2026-01", "export", "total", "world", "100"),
                *(("2026-01", "export", "total", code, "5") for code in codes),
            ]
        )
    code, out, _ = run_cli("check", "--data", str(data_dir))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 52 and lines[50] == "… and 10 more of the same kind"
    assert "partner code 'b\\'\"19' is not in the catalog" in lines[49]


def test_errors_are_summarised_by_kind_across_files_and_the_exit_code_counts_them_all(data_dir, run_cli):
    # 30 files of 4 bad values each: 120 errors of one kind, under the cap of 20 per file; then another kind.
    for number in range(30):
        (data_dir / f"synthetic_{number:02d}.csv").write_text(
            "period,flow,item,partner,value_usd\n" + "2026-01,export,total,world,lots\n" * 4, encoding="utf-8"
        )
    (data_dir / "synthetic_99.csv").write_text(
        "period,flow,item,partner,value_usd\n2026-13,export,total,world,1\n", encoding="utf-8"
    )
    code, _, err = run_cli("check", "--data", str(data_dir))
    lines = err.splitlines()
    assert code == 1
    assert sum("value_usd 'lots' is not a number" in line for line in lines) == 50
    assert lines[49].startswith(f"{data_dir / 'synthetic_12.csv'}:3: value_usd 'lots'")  # 12 files of 4, then 2
    assert lines[50] == "… and 70 more of the same kind"
    assert lines[51].startswith(f"{data_dir / 'synthetic_99.csv'}:2: period '2026-13' is not a month")
    assert lines[52] == f"121 problem(s) in {data_dir}" and len(lines) == 53
    code, out, err = run_cli("brief", "--data", str(data_dir))
    assert code == 1 and out == "" and err.splitlines() == lines[:52]


def test_small_files_are_validated_together_but_each_problem_names_its_own_file_and_line(data_dir, run_cli):
    # 300 one-row files, with and without the optional released column; every 7th has a bad value on line 2.
    for number in range(300):
        released = number % 2 == 0
        header = "period,flow,item,partner,value_usd" + (",released" if released else "")
        value = "bad" if number % 7 == 0 else "100"
        row = f"{_months('2001-01', '2030-12')[number]},export,total,world,{value}" + (
            ",2026-01-01" if released else ""
        )
        (data_dir / f"synthetic_{number:03d}.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    code, _, err = run_cli("check", "--data", str(data_dir))
    expected = [
        f"{data_dir / f'synthetic_{number:03d}.csv'}:2: value_usd 'bad' is not a number "
        "(expected US dollars, a number >= 0)"
        for number in range(0, 300, 7)
    ]
    assert code == 1 and err.splitlines() == [*expected, f"43 problem(s) in {data_dir}"]


def test_1000_files_of_the_shipped_rows_give_the_shipped_brief(tmp_path, brief_json):
    directory = tmp_path / "split"
    directory.mkdir()
    for name in ("catalog.csv", "flash.csv", *SHIPPED_TRADE_FILES[1:]):  # monthly.csv is split below
        shutil.copy(SHIPPED / name, directory / name)
    header, *rows = (SHIPPED / "monthly.csv").read_text(encoding="utf-8").splitlines()
    for number in range(1000):
        part = rows[number * len(rows) // 1000 : (number + 1) * len(rows) // 1000]
        (directory / f"synthetic_{number:04d}.csv").write_text("\n".join([header, *part]) + "\n", encoding="utf-8")
    split, shipped = brief_json("--data", str(directory)), brief_json("--data", str(SHIPPED))
    assert split.pop("data")["directory"] == str(directory) and shipped.pop("data")["directory"] == str(SHIPPED)
    assert json.dumps(split) == json.dumps(shipped)


@pytest.mark.anyio
async def test_the_red_bar_shows_50_warnings_of_a_kind_then_counts_the_rest(data_dir):
    shutil.copy(SHIPPED / "monthly.csv", data_dir / "monthly.csv")
    (data_dir / "synthetic.csv").write_text(_partner_rows(75), encoding="utf-8")
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        shown = app.screen.query_one(ErrorBar).render().plain.splitlines()
        assert len(app.problems) == 75 and len(shown) == 51
        assert shown[-1] == "… and 25 more of the same kind"
