"""The release calendar: the rule, calendar.csv, `tradetop calendar`, the brief's next_release and the header."""

import os
import time
from datetime import datetime

import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

from core.base.periods import format_period, parse_period
from core.base.release_calendar import KST, by_rule, upcoming
from core.runtime.cache import cached_snapshot, load_and_cache


def kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=KST)


def test_the_rule_gives_the_shipped_release_dates():
    """The shipped releases (shared/data/korea-trade README and release_prelim_2026.csv's `released`): 2026-08's
    release on 2026-09-01, 2026-09's flashes on 2026-09-11 and 2026-09-21, its release on 2026-10-01."""
    dates = upcoming(kst(2026, 8, 31, 12, 0), count=4)
    assert [(entry.day, entry.kind, format_period(entry.period)) for entry in dates] == [
        ("2026-09-01", "release", "2026-08"),
        ("2026-09-11", "flash-1-10", "2026-09"),
        ("2026-09-21", "flash-1-20", "2026-09"),
        ("2026-10-01", "release", "2026-09"),
    ]
    assert dates[0].at.isoformat() == "2026-09-01T09:00:00+09:00"
    assert not any(entry.expected or entry.listed for entry in dates)  # all four fell on working days


def test_a_rule_date_on_a_weekend_or_a_holiday_is_only_expected():
    assert by_rule("release", parse_period("2026-10")).day == "2026-11-01"  # a Sunday
    assert by_rule("release", parse_period("2026-10")).expected
    assert by_rule("release", parse_period("2026-12")).expected  # 2027-01-01, New Year's Day
    assert not by_rule("flash-1-20", parse_period("2026-10")).expected  # 2026-10-21, a Wednesday


def test_the_next_release_is_the_first_still_to_come():
    assert upcoming(kst(2026, 10, 1, 8, 59), count=1)[0].day == "2026-10-01"
    assert upcoming(kst(2026, 10, 1, 9, 0), count=1)[0].day == "2026-10-11"  # out at 09:00: no longer next


def test_calendar_after_2026_09_30_lists_the_2026_10_release_on_2026_11_01(run_cli, monkeypatch):
    monkeypatch.setattr("core.base.release_calendar.now", lambda: kst(2026, 10, 1, 10, 0))
    code, out, err = run_cli("calendar")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Next releases after 2026-10-01 10:00 KST")
    assert lines[1:4] == [
        "  2026-10-11 Sun 09:00 KST  2026-10 flash (days 1-10)  expected (Sunday)",
        "  2026-10-21 Wed 09:00 KST  2026-10 flash (days 1-20)",
        "  2026-11-01 Sun 09:00 KST  2026-10 release            expected (Sunday)",
    ]
    assert run_cli("calendar", "--from", "2026-10-01", "--count", "1")[1].splitlines()[1] == (
        "  2026-10-01 Thu 09:00 KST  2026-09 release"
    )


CALENDAR_CSV = "date,kind,period,note\n2026-11-02,release,2026-10,moved: the 1st is a Sunday\n"


def test_a_calendar_csv_overrides_the_rule(tmp_path, run_cli, brief_json, monkeypatch):
    data = copy_of_shipped_data(tmp_path)
    (data / "calendar.csv").write_text(CALENDAR_CSV)
    assert run_cli("check", "--data", str(data))[0] == 0
    code, out, err = run_cli("calendar", "--data", str(data), "--from", "2026-10-22", "--count", "2")
    assert code == 0, err
    assert out.splitlines()[1:3] == [
        "  2026-11-02 Mon 09:00 KST  2026-10 release            calendar.csv: moved: the 1st is a Sunday",
        "  2026-11-11 Wed 09:00 KST  2026-11 flash (days 1-10)",
    ]
    monkeypatch.setattr("core.base.release_calendar.now", lambda: kst(2026, 10, 22, 0, 0))
    assert brief_json("--data", str(data))["next_release"] == {
        "period": "2026-10",
        "kind": "release",
        "at": "2026-11-02T09:00:00+09:00",
        "expected": False,
        "from": "calendar.csv",
        "note": "moved: the 1st is a Sunday",
        "text": "next: 2026-10 release, 2026-11-02 09:00 KST",
    }


def test_without_calendar_csv_brief_json_has_the_rule_s_next_release(brief_json, monkeypatch):
    monkeypatch.setattr("core.base.release_calendar.now", lambda: kst(2026, 10, 21, 10, 0))
    assert brief_json("--period", "2026-01")["next_release"] == {
        "period": "2026-10",
        "kind": "release",
        "at": "2026-11-01T09:00:00+09:00",
        "expected": True,
        "from": "rule",
        "note": "",
        "text": "next: 2026-10 release, 2026-11-01 09:00 KST (expected)",
    }


def test_the_cached_snapshot_keeps_the_calendar(data_dir):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n")
    (data_dir / "calendar.csv").write_text(CALENDAR_CSV)
    written = time.time_ns() - 10 * 10**9  # settled: the cache keeps no load of files written just now
    for path in data_dir.iterdir():
        os.utime(path, ns=(written, written))
    fresh = load_and_cache(data_dir)
    assert cached_snapshot(data_dir).calendar == fresh.calendar
    listed = [entry for entry in fresh.calendar if entry.listed]
    assert [(entry.day, entry.kind, format_period(entry.period)) for entry in listed] == [
        ("2026-11-02", "release", "2026-10")
    ]


BAD_CALENDAR = (
    "date,kind,period,note\n"
    "2026-11-31,release,2026-10,\n"  # no such day
    "2026-10-11,flash,2026-10,\n"
    "2026-10-11,flash-1-10,2026-13,\n"
    "2026-10-09,flash-1-10,2026-10,\n"  # before day 10 is over
    "2026-10-31,release,2026-10,\n"  # the month is not over
    "2026-11-02,release,2026-10,\n"
    "2026-11-03,release,2026-10,\n"
    ",release,2026-10,\n"
    "2026-10-12,flash-1-10,2026-10,\x1b[2Jnote\n"
)


def test_a_bad_calendar_csv_is_reported_by_file_and_line(data_dir, run_cli):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n")
    (data_dir / "calendar.csv").write_text(BAD_CALENDAR)
    code, out, err = run_cli("check", "--data", str(data_dir))
    path = data_dir / "calendar.csv"
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:2: date '2026-11-31' is not a date (expected YYYY-MM-DD from 1950 to 2100)",
        f"{path}:3: kind 'flash' is unknown (expected release, flash-1-10, flash-1-20)",
        f"{path}:4: period '2026-13' is not a month (expected YYYY-MM with month 01-12)",
        f"{path}:5: date 2026-10-09 is too early for the flash-1-10 of 2026-10 "
        "(expected a day after 2026-10-10, the last day it covers)",
        f"{path}:6: date 2026-10-31 is too early for the release of 2026-10 "
        "(expected a day after 2026-10-31, the last day it covers)",
        f"{path}:8: the release of 2026-10 is listed twice (first at line 7)",
        f"{path}:9: incomplete row: date missing (expected date,kind,period)",
        f"7 problem(s) in {data_dir}",  # line 10, with a control character in its note, is a good row
    ]


def test_a_calendar_note_is_shown_printable(data_dir, run_cli):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n")
    (data_dir / "calendar.csv").write_text("date,kind,period,note\n2026-10-12,flash-1-10,2026-10,\x1b[2Jmoved\n")
    code, out, err = run_cli("calendar", "--data", str(data_dir), "--from", "2026-10-02", "--count", "1")
    assert code == 0, err
    assert "\x1b" not in out and "calendar.csv: \\x1b[2Jmoved" in out


@pytest.mark.anyio
async def test_the_header_names_the_next_release_and_moves_on_when_it_is_out(data):
    clock = [kst(2026, 10, 21, 10, 0)]
    app = make_app(data, "2026-01")
    app.clock = lambda: clock[0]
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        header = app.screen.query_one("#status").render().plain
        # What the figures are and the next release keep their place; the latest month gives way to them.
        assert header.endswith("customs basis, confirmed · next: 2026-10 release, 2026-11-01 09:00 KST (expected)")
        clock[0] = kst(2026, 11, 1, 9, 0, 1)
        app.check_next_release()  # what the app's once-a-minute timer does
        await pilot.pause()
        header = app.screen.query_one("#status").render().plain
        # The 2026-10 release is out and the files do not have it: that comes before the next flash.
        assert header.endswith("latest 2026-09 · 2026-10 out 2026-11-01, not in these files"), header
        clock[0] = kst(2026, 12, 2, 10, 0)  # the 2026-11 release is out too: the files are two behind
        app.check_next_release()
        await pilot.pause()
        header = app.screen.query_one("#status").render().plain
        assert header.endswith("2026-10, 2026-11 out, not in these files"), header


@pytest.mark.anyio
async def test_at_80_columns_the_header_keeps_the_releases_the_files_lack_in_place_of_the_rest(data):
    # On 2026-12-02 the shipped files (to 2026-09) lack the releases of 2026-10 and 2026-11: at 80 columns that
    # note stays and what the figures are, the directory and the latest month give way; at 60 a shorter form.
    app = make_app(data, "2026-01", now=kst(2026, 12, 2, 10, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        header = app.screen.query_one("#status").render().plain
        assert header.startswith("2026-01 · exports · month ") and header.endswith(
            " 2026-10, 2026-11 out, not in these files"
        ), header
        assert "data/" not in header
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        header = app.screen.query_one("#status").render().plain
        assert header.startswith("2026-01 · exports · month ") and header.endswith(" files lack 2026-10, 2026-11")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        header = app.screen.query_one("#status").render().plain
        assert header.endswith("confirmed · latest 2026-09 · 2026-10, 2026-11 out, not in these files"), header


def test_releases_out_that_the_files_lack_come_first_in_the_calendar(run_cli):
    # The shipped files end with 2026-09 (out 2026-10-01); by 2026-12-02 the releases of 2026-10 (2026-11-01, a
    # Sunday: expected) and 2026-11 (2026-12-01) are out, and the files have neither.
    code, out, err = run_cli("calendar", "--from", "2026-12-02", "--count", "1")
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "Out and not in the data: 2026-10 release, 2026-11-01 09:00 KST (expected)",
        "Out and not in the data: 2026-11 release, 2026-12-01 09:00 KST",
    ]
    assert out.splitlines()[2].startswith("Next releases after 2026-12-02 00:00 KST")
    assert run_cli("calendar", "--from", "2026-10-02", "--count", "1")[1].startswith("Next releases")  # none yet
