"""The two ways a CSV file is read, without pandas (split at line breaks and commas, or the csv module where it is
quoted) and with pandas' parser (for big files without quotes), give identical snapshots and identical problems.

Each directory is loaded twice: once with pandas parsing every CSV file without quotes (the size it takes over from
set to 0), once with pandas never used for CSV. Directories: the shipped data, SYNTHETIC ones generated here (the
property test's and the start test's generators), and the hostile inputs of the other tests. Nothing is written to
data/.
"""

import shutil

import pandas as pd
import pytest
from dashboard_helpers import copy_of_shipped_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_input import BAD_FILES
from test_data_limits import INVALID
from test_fuzz_loader import CELLS, ENCODINGS, HEADERS
from test_property_data import directories
from test_start import write_synthetic_directory

import core.ingest.table
from core.base.problems import DataError
from core.engine.snapshot import load_snapshot
from core.ingest.datadir import embedded_data_dir

PANDAS_ALWAYS, PANDAS_NEVER = 0, 2**62
SAME_ON_BOTH = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def plain(array) -> list:
    """An array's values, NaN as None (NaN is not equal to itself)."""
    return [None if value != value else value for value in array.tolist()]


def facts(snapshot) -> dict:
    """Everything a snapshot holds, in order, as comparable values."""
    flash = snapshot.flash
    return {
        "warnings": snapshot.warnings,
        "catalog": list(snapshot.catalog.entries.items()),
        "months": (snapshot.first_month, snapshot.months),
        "trade": [(key, plain(array)) for key, array in snapshot.trade.items()],
        "headline": [(line, plain(array)) for line, array in snapshot.headline.items()],
        "revisions": list(snapshot.revisions.items()),
        "flash": (
            flash.first_month,
            flash.months,
            [(key, plain(array)) for key, array in flash.values.items()],
            plain(flash.final),
            [(window, plain(array)) for window, array in flash.working_days.items()],
            flash.items,
        ),
    }


@pytest.fixture
def loaded_both_ways(monkeypatch):
    """directory -> (with pandas, without pandas, how many times pandas parsed a CSV file), each the snapshot's
    facts or the problems."""
    calls = []
    read_csv = pd.read_csv

    def counted(*args, **kwargs):
        calls.append(1)
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", counted)

    def load(directory):
        results = []
        for pandas_from in (PANDAS_ALWAYS, PANDAS_NEVER):
            monkeypatch.setattr(core.ingest.table, "PANDAS_CSV_BYTES", pandas_from)
            try:
                results.append(facts(load_snapshot(directory)))
            except DataError as error:
                results.append(error.problems)
        return results[0], results[1], len(calls)

    return load


def test_the_shipped_data_is_the_same_read_either_way(loaded_both_ways):
    with_pandas, without, parsed = loaded_both_ways(embedded_data_dir())
    assert parsed >= 3  # catalog.csv, flash.csv, monthly.csv (and regions.csv): pandas did read them
    assert with_pandas == without and "trade" in without
    # Series (HS 8542 to the world: its destinations summed); months 2016-01 to 2026-09.
    assert len(without["trade"]) == 71 and len(without["months"][1]) == 129


def test_a_synthetic_directory_five_times_the_shipped_data_is_the_same_read_either_way(loaded_both_ways, tmp_path):
    write_synthetic_directory(tmp_path, 5)  # 28 series of 600 months: 16,800 rows
    with_pandas, without, parsed = loaded_both_ways(tmp_path)
    # catalog.csv, synthetic.csv, and the shipped regions.csv unless an earlier load of the process read it (cached)
    assert (
        parsed in (2, 3) and with_pandas == without and len(without["trade"]) == 28 and len(without["months"][1]) == 600
    )


@SAME_ON_BOTH
@given(files=directories())
def test_synthetic_directories_are_the_same_read_either_way(loaded_both_ways, tmp_path_factory, files):
    directory = tmp_path_factory.mktemp("synthetic")
    shutil.copy(embedded_data_dir() / "catalog.csv", directory / "catalog.csv")
    for name, text in files.items():
        (directory / name).write_text(text)
    with_pandas, without, _ = loaded_both_ways(directory)
    assert with_pandas == without and "trade" in without


@pytest.mark.parametrize("case", BAD_FILES)
def test_each_bad_file_has_the_same_problems_either_way(loaded_both_ways, data_dir, case):
    text, line, message = BAD_FILES[case]
    (data_dir / "trade.csv").write_text(text)
    with_pandas, without, _ = loaded_both_ways(data_dir)
    assert with_pandas == without
    assert any(problem.line == line and problem.message.startswith(message) for problem in without)


@pytest.mark.parametrize("case", INVALID)
def test_each_value_at_the_limits_has_the_same_problem_either_way(loaded_both_ways, tmp_path, case):
    data = copy_of_shipped_data(tmp_path)
    name, text, line, message = INVALID[case]
    (data / name).write_text(text)
    with_pandas, without, _ = loaded_both_ways(data)
    assert with_pandas == without
    assert any(problem.line == line and problem.message.startswith(message) for problem in without)


@SAME_ON_BOTH
@given(raw=st.binary(max_size=400))
def test_random_bytes_are_the_same_either_way(loaded_both_ways, tmp_path_factory, raw):
    directory = tmp_path_factory.mktemp("fuzz")
    (directory / "trade.csv").write_bytes(raw)
    with_pandas, without, _ = loaded_both_ways(directory)
    assert with_pandas == without


LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", " \n"])


@SAME_ON_BOTH
@given(
    header=HEADERS,
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=8),
    breaks=st.lists(LINE_BREAKS, min_size=9, max_size=9),
    encoding=ENCODINGS,
)
def test_random_rows_are_the_same_either_way(loaded_both_ways, tmp_path_factory, header, rows, breaks, encoding):
    directory = tmp_path_factory.mktemp("fuzz")
    shutil.copy(embedded_data_dir() / "catalog.csv", directory / "catalog.csv")
    text = (
        header + "".join(line_break + ",".join(row) for line_break, row in zip(breaks, rows, strict=False)) + breaks[-1]
    )
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    (directory / "trade.csv").write_bytes(raw)
    with_pandas, without, _ = loaded_both_ways(directory)
    assert with_pandas == without
