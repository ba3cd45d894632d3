"""Every kind of bad input ends in `file:line: problem (expectation)` and a non-zero exit, never a traceback."""

import pytest

HEADER = "period,flow,item,partner,value_usd\n"
GOOD = "2026-01,export,total,world,100\n"

BAD_FILES = {
    "truncated row": (HEADER + GOOD + "2026-02,export,total,world\n", 3, "incomplete row: value_usd is missing"),
    "too many fields": (HEADER + GOOD + "2026-02,export,total,world,5,6\n", 3, "row has 6 fields (expected 5"),
    "first row too long": (HEADER + "2026-02,export,total,world,5,6\n", 2, "row has 6 fields (expected 5"),
    "unterminated quote": (HEADER + GOOD + '2026-02,export,"total,world,5\n', 3, "not readable as CSV"),
    "non-number value": (HEADER + GOOD + "2026-02,export,total,world,12x\n", 3, "value_usd '12x' is not a number"),
    "unknown flow": (HEADER + GOOD + "2026-02,exports,total,world,5\n", 3, "flow 'exports' is unknown"),
    "impossible period": (HEADER + GOOD + "2026-13,export,total,world,5\n", 3, "period '2026-13' is not a month"),
    "negative value": (HEADER + GOOD + "2026-02,export,total,world,-5\n", 3, "value_usd '-5' is negative"),
    "conflicting duplicate": (
        HEADER + GOOD + "2026-01,export,total,world,101\n",
        3,
        "2026-01 export total world is 101 here but 100 at trade.csv:2",
    ),
    "missing column": ("period,flow,item,value_usd\n2026-01,export,total,5\n", 1, "missing column partner"),
    "empty file": ("", 1, "empty file"),
    "bad released date": (
        "period,flow,item,partner,value_usd,released\n2026-01,export,total,world,5,2026-02-30\n",
        2,
        "released '2026-02-30' is not a date",
    ),
}


@pytest.mark.parametrize("command", ["check", "brief"])
@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_input_names_file_and_line(data_dir, run_cli, command, case):
    text, line, message = BAD_FILES[case]
    (data_dir / "trade.csv").write_text(text)
    code, out, err = run_cli(command, "--data", str(data_dir))
    assert code == 1
    assert f"{data_dir / 'trade.csv'}:{line}: {message}" in err
    assert "Traceback" not in err and "65" not in out


def test_every_bad_row_is_reported_not_just_the_first(data_dir, run_cli):
    (data_dir / "trade.csv").write_text(HEADER + "2026-01,export,total,world,x\n2026-02,export,total,world,-1\n")
    _, _, err = run_cli("check", "--data", str(data_dir))
    assert "trade.csv:2:" in err and "trade.csv:3:" in err


def test_problems_per_file_are_capped(data_dir, run_cli):
    (data_dir / "trade.csv").write_text(HEADER + "".join(f"2026-01,export,total,world,bad{i}\n" for i in range(100)))
    _, _, err = run_cli("check", "--data", str(data_dir))
    assert err.count("is not a number") == 20 and "80 more problems not shown" in err


def test_line_numbers_count_blank_lines(data_dir, run_cli):
    (data_dir / "trade.csv").write_text(HEADER + GOOD + "\n\n" + "2026-02,export,total,world,oops\n")
    _, _, err = run_cli("check", "--data", str(data_dir))
    assert "trade.csv:5: value_usd 'oops'" in err


def test_a_later_released_date_is_a_revision_not_a_conflict(data_dir, run_cli, brief_json):
    (data_dir / "trade.csv").write_text(HEADER + GOOD)
    (data_dir / "revision.csv").write_text(
        "period,flow,item,partner,value_usd,released\n2026-01,export,total,world,120,2026-03-01\n"
    )
    assert run_cli("check", "--data", str(data_dir))[0] == 0
    assert brief_json("--data", str(data_dir))["headline"]["exports"]["value_usd"] == 120

    from core.ingest.loader import load_directory

    dataset = load_directory(data_dir)
    assert dataset.revisions["value_usd"].tolist() == [100]


def test_equal_duplicates_are_not_a_conflict(data_dir, run_cli):
    (data_dir / "a.csv").write_text(HEADER + GOOD)
    (data_dir / "b.csv").write_text(HEADER + GOOD)
    assert run_cli("check", "--data", str(data_dir))[0] == 0


def test_unknown_codes_are_warnings_shown_by_code(data_dir, run_cli):
    (data_dir / "trade.csv").write_text(HEADER + GOOD + "2026-01,export,unobtainium,world,5\n")
    code, out, _ = run_cli("check", "--data", str(data_dir))
    assert code == 0
    assert f"{data_dir / 'trade.csv'}:3: warning: item code 'unobtainium' is not in the catalog" in out


def test_flash_files_are_not_mistaken_for_monthly_data(data_dir, brief_json):
    (data_dir / "trade.csv").write_text(HEADER + GOOD)
    (data_dir / "flash.csv").write_text(
        "period,window,flow,item,partner,value_usd\n2026-01,1-10,export,total,world,999\n"
    )
    assert brief_json("--data", str(data_dir))["headline"]["exports"]["value_usd"] == 100


def test_cp949_catalog_is_read(data_dir, brief_json):
    catalog = (data_dir / "catalog.csv").read_text(encoding="utf-8")
    catalog = catalog.replace("item,semiconductors,Semiconductors,", "item,semiconductors,Chips (반도체),")
    (data_dir / "catalog.csv").write_bytes(catalog.encode("cp949"))
    (data_dir / "trade.csv").write_bytes(
        ("\ufeff" + HEADER + GOOD + "2026-01,export,semiconductors,world,30\n").encode("utf-8")
    )
    items = brief_json("--data", str(data_dir))["items"]
    assert items[0]["name"] == "Chips (반도체)" and items[0]["share_pct"] == 30


def test_text_in_no_known_encoding_is_an_error(data_dir, run_cli):
    (data_dir / "trade.csv").write_bytes(HEADER.encode() + GOOD.encode() + b"2026-02,export,total,world,\xff\xff\n")
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and "trade.csv:3: text is neither UTF-8 nor CP949" in err


def test_missing_directory_is_an_error(tmp_path, run_cli):
    code, _, err = run_cli("check", "--data", str(tmp_path / "nowhere"))
    assert code == 1 and "no such data directory" in err


def test_shipped_data_is_clean(run_cli):
    code, out, err = run_cli("check")
    assert code == 0 and "no errors, 0 warning(s)" in out and err == ""


def test_conflicts_are_capped_like_other_problems(data_dir, run_cli):
    rows = "".join(f"2026-01,export,item{i},world,{i}\n" for i in range(30))
    (data_dir / "a.csv").write_text(HEADER + rows)
    (data_dir / "b.csv").write_text(HEADER + rows.replace(",world,", ",world,1"))
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and err.count("expected one value") == 20 and "10 more conflicting rows not shown" in err


def test_check_counts_every_problem_also_those_a_file_does_not_list(data_dir, run_cli):
    rows = "".join(f"2026-01,export,total,world,x{n}\n" for n in range(200))  # 200 values that are no number
    (data_dir / "trade.csv").write_text("period,flow,item,partner,value_usd\n" + rows)
    code, _, err = run_cli("check", "--data", str(data_dir))
    assert code == 1 and err.splitlines()[-1] == f"200 problem(s) in {data_dir}"
