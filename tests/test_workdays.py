import pytest

from core.base.periods import parse_period
from core.base.workdays import working_days


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
