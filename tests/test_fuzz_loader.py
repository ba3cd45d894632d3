"""Fuzzing the loader (synthetic, generated input): any file ends in data or a clear error, never an exception."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.base.problems import DataError
from core.ingest.datadir import embedded_data_dir
from core.ingest.loader import load_directory

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CELLS = st.one_of(
    st.sampled_from(
        [
            "2026-01",
            "2026-13",
            "0000-00",
            "export",
            "import",
            "exports",
            "total",
            "world",
            "china",
            "semiconductors",
            "1e9",
            "-5",
            "NaN",
            "inf",
            "1,234",
            "",
            " ",
            '"',
            "[red]x[/]",
            "반도체",
        ]
    ),
    st.text(max_size=12),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
HEADERS = st.sampled_from(
    [
        "period,flow,item,partner,value_usd",
        "period,flow,item,partner,value_usd,released",
        "period,window,flow,item,partner,value_usd",
        "dimension,code,name_en,name_ko,sets,order",
        "period,working_days",
        "period,flow,value_usd",
    ]
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16", "latin-1"])


def _load(directory):
    try:
        dataset = load_directory(directory)
    except DataError as error:
        assert error.problems and all(problem.path and problem.message for problem in error.problems)
        return None
    assert not dataset.trade.empty
    return dataset


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, raw):
    directory = tmp_path_factory.mktemp("fuzz")
    (directory / "trade.csv").write_bytes(raw)
    _load(directory)


@FUZZ
@given(header=HEADERS, rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=8), encoding=ENCODINGS)
def test_random_csv_rows(tmp_path_factory, header, rows, encoding):
    directory = tmp_path_factory.mktemp("fuzz")
    shutil.copy(embedded_data_dir() / "catalog.csv", directory / "catalog.csv")
    text = header + "\n" + "\n".join(",".join(row) for row in rows) + "\n"
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    (directory / "trade.csv").write_bytes(raw)
    _load(directory)
