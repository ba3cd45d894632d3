"""Parquet files (same columns as the CSVs) are read and validated like CSV files."""

import sys

import pandas as pd

HEADER = "period,flow,item,partner,value_usd\n"


def test_parquet_rows_are_read_like_csv_rows(data_dir, brief_json):
    pd.DataFrame(
        {
            "period": ["2025-01", "2026-01"],
            "flow": "export",
            "item": "total",
            "partner": "world",
            "value_usd": [50.0, 75.0],
        }
    ).to_parquet(data_dir / "trade.parquet")
    exports = brief_json("--data", str(data_dir))["headline"]["exports"]
    assert exports == {"value_usd": 75, "yoy_pct": 50}


def test_bad_parquet_rows_name_the_row(data_dir, run_cli):
    pd.DataFrame(
        {
            "period": ["2026-01", "2026-13"],
            "flow": "export",
            "item": "total",
            "partner": "world",
            "value_usd": [1.0, 2.0],
        }
    ).to_parquet(data_dir / "trade.parquet")
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and f"{data_dir / 'trade.parquet'}:2: period '2026-13' is not a month" in err


def test_a_damaged_parquet_file_is_an_error_not_a_crash(data_dir, run_cli):
    (data_dir / "trade.parquet").write_bytes(b"PAR1 not really")
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and "trade.parquet: not a readable Parquet file" in err


def test_without_pyarrow_parquet_files_are_a_clear_error(data_dir, run_cli, monkeypatch):
    pd.DataFrame(
        {"period": ["2026-01"], "flow": "export", "item": "total", "partner": "world", "value_usd": [1.0]}
    ).to_parquet(data_dir / "trade.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed: importing it raises ImportError
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and "trade.parquet: reading Parquet needs pyarrow (pip install 'tradetop[parquet]')" in err


def test_a_pyarrow_that_could_run_code_from_a_parquet_file_is_not_used(data_dir, run_cli, monkeypatch):
    import pyarrow

    pd.DataFrame(
        {"period": ["2026-01"], "flow": "export", "item": "total", "partner": "world", "value_usd": [1.0]}
    ).to_parquet(data_dir / "trade.parquet")
    monkeypatch.setattr(pyarrow, "__version__", "14.0.0")
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and "trade.parquet: not read: pyarrow 14.0.0 can run code from a Parquet file" in err
