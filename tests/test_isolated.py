"""Loading in the child process: the same snapshot, the same errors, and no pandas in the parent."""

import subprocess
import sys

import pytest

from core.isolated import load_isolated, shutdown
from core.problems import DataError

HEADER = "period,flow,item,partner,value_usd\n"


@pytest.fixture(autouse=True)
def fresh_loader():
    yield
    shutdown()


def test_the_child_gives_the_same_snapshot(shipped_snapshot):
    from core.datadir import embedded_data_dir

    snapshot = load_isolated(embedded_data_dir())
    assert snapshot.months == shipped_snapshot.months
    assert snapshot.release(snapshot.latest) == shipped_snapshot.release(shipped_snapshot.latest)


def test_data_errors_come_back_with_file_and_line(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-13,export,total,world,5\n")
    with pytest.raises(DataError) as raised:
        load_isolated(data_dir)
    assert str(raised.value.problems[0]) == f"{data_dir / 'trade.csv'}:2: period '2026-13' is not a month (expected YYYY-MM with month 01-12)"


def test_the_parent_never_imports_pandas(data_dir):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,5\n")
    program = (f"import sys, pathlib; from core.isolated import load_isolated, shutdown;"
               f"s = load_isolated(pathlib.Path({str(data_dir)!r})); shutdown();"
               "print(s.release(s.latest).headline.exports.value_usd, 'pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["5.0", "False"]
