import calendar
import datetime as dt
import subprocess
import sys

import pytest

from core.base.periods import parse_period
from core.base.workdays import working_days, working_days_between


@pytest.mark.parametrize(
    "period, expected",
    [
        ("2026-01", 23.5),  # New Year's Day on a Thursday
        ("2025-01", 20.0),  # Lunar New Year and its extra holiday
        ("2024-09", 20.0),  # Chuseok Monday to Wednesday
        ("2026-07", 24.0),  # Constitution Day, a holiday again from 2026
        ("2025-05", 21.5),  # Workers' Day (May 1) is a day off: 22.5 without it
    ],
)
def test_working_days_as_the_release_counts_them(period, expected):
    assert working_days(parse_period(period)) == expected


def test_working_days_file_overrides_the_calendar(data_dir, brief_json):
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,100\n")
    (data_dir / "working_days.csv").write_text("period,working_days\n2026-01,20\n")
    headline = brief_json("--data", str(data_dir))["headline"]
    assert headline["working_days"]["value"] == 20
    assert headline["daily_avg_exports"]["value_usd"] == 5


def _counted_day_by_day(year: int, month: int, through_day: int, holidays_kr) -> float:
    """The rule spelled out over each day, against holidays.KR itself (which imports every country's module)."""
    total = 0.0
    for number in range(1, through_day + 1):
        day = dt.date(year, month, number)
        if day not in holidays_kr:
            total += 1.0 if day.weekday() < 5 else 0.5 if day.weekday() == 5 else 0.0
    return total


def test_every_month_as_holidays_kr_counts_it():
    import holidays

    holidays_kr = holidays.KR(years=range(2016, 2028), categories=("public", "bank"))
    for year in range(2016, 2028):
        for month in range(1, 13):
            period = parse_period(f"{year}-{month:02}")
            for through_day in (10, 20, calendar.monthrange(year, month)[1]):
                expected = _counted_day_by_day(year, month, through_day, holidays_kr)
                assert working_days(period, through_day) == expected, (year, month, through_day)


def test_a_day_and_a_span_across_years():
    assert working_days_between(dt.date(2025, 12, 25), dt.date(2025, 12, 25)) == 0.0  # Christmas
    assert working_days_between(dt.date(2025, 12, 27), dt.date(2025, 12, 27)) == 0.5  # a Saturday
    assert working_days_between(dt.date(2025, 12, 28), dt.date(2025, 12, 28)) == 0.0  # a Sunday
    # Mon 29, Tue 30, Wed 31 Dec; Thu 1 Jan (New Year's Day), Fri 2, Sat 3, Sun 4
    assert working_days_between(dt.date(2025, 12, 29), dt.date(2026, 1, 4)) == 4.5
    assert working_days_between(dt.date(2026, 1, 4), dt.date(2026, 1, 3)) == 0.0


def test_the_korean_calendar_alone_skips_the_holidays_package_setup():
    """Working days need holidays' Korean calendar only: not its package metadata or its registry of countries;
    `import holidays` afterwards is the whole package still."""
    script = (
        "import sys\n"
        "from core.base.workdays import working_days\n"
        "print(working_days(2026 * 12), 'holidays.version' in sys.modules, 'holidays.registry' in sys.modules)\n"
        "import holidays\n"
        "print(holidays.KR(years=2026)[__import__('datetime').date(2026, 3, 1)])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["23.5 False False", "Independence Movement Day"]


def test_threads_asking_for_the_holidays_package_at_once_all_get_it_whole():
    """The package's __init__ runs once, when a name is first asked for; threads asking meanwhile wait for it, as
    they would for an import, instead of seeing it half set up (AttributeError)."""
    script = (
        "import threading\n"
        "from core.base.workdays import working_days\n"
        "working_days(2026 * 12)\n"
        "import holidays\n"
        "found, barrier = [], threading.Barrier(4)\n"
        "def ask():\n"
        "    barrier.wait()\n"
        "    found.append(callable(holidays.country_holidays))\n"
        "threads = [threading.Thread(target=ask) for _ in range(4)]\n"
        "[thread.start() for thread in threads]\n"
        "[thread.join() for thread in threads]\n"
        "print(found)\n"
    )
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert result.stdout.splitlines() == ["[True, True, True, True]"], result.stderr
