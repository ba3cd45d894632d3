"""`tradetop export` and `tradetop brief --format md`: a month's tables as CSV, JSON and Markdown, on the shipped data
(figures checkable against `brief --json` and data/monthly.csv by hand)."""

import csv
import io
import json
import shutil

import pandas as pd
import pytest
from dashboard_helpers import copy_of_shipped_data

from core.ingest.datadir import embedded_data_dir

ROW_FIELDS = [
    "code",
    "name",
    "value_usd",
    "yoy_pct",
    "share_pct",
    "share_change_pp",
    "contribution_pp",
    "ytd_value_usd",
    "ytd_yoy_pct",
    "ytd_share_pct",
    "ytd_share_change_pp",
    "ytd_contribution_pp",
]


def exported(run_cli, *args: str) -> str:
    code, out, err = run_cli("export", *args)
    assert code == 0, err
    return out


def test_items_as_csv_parse_with_pandas_and_match_the_brief_to_the_dollar(run_cli, brief_json):
    out = exported(run_cli, "--period", "2026-01", "--table", "items", "--format", "csv")
    table = pd.read_csv(io.StringIO(out))
    items = brief_json("--period", "2026-01")["items"]
    assert list(table.columns) == ROW_FIELDS
    assert len(table) == len(items) == 15
    assert table["code"].tolist() == [item["code"] for item in items]  # the catalog's order, as the brief's JSON
    assert table["value_usd"].dtype == "int64"  # whole dollars, no formatting
    assert table["value_usd"].tolist() == [item["value_usd"] for item in items]
    semiconductors = table.set_index("code").loc["semiconductors"]
    assert semiconductors["value_usd"] == 20_541_062_130 and semiconductors["name"] == "Semiconductors"
    for field in ROW_FIELDS[3:]:
        assert table[field].tolist() == pytest.approx([item[field] for item in items], rel=1e-12), field


def test_items_as_json_are_the_brief_s_rows(run_cli, brief_json):
    out = json.loads(exported(run_cli, "--period", "2026-01", "--table", "items", "--format", "json"))
    assert {key: out[key] for key in ("table", "period", "flow", "set")} == {
        "table": "items",
        "period": "2026-01",
        "flow": "export",
        "set": "motie15",
    }
    assert out["rows"] == brief_json("--period", "2026-01")["items"]


def test_partners_of_imports_and_the_motie20_set(run_cli, brief_json):
    out = exported(run_cli, "--period", "2025-12", "--table", "partners", "--flow", "import", "--format", "json")
    assert json.loads(out)["rows"] == brief_json("--period", "2025-12", "--flow", "import")["partners"]
    table = pd.read_csv(io.StringIO(exported(run_cli, "--period", "2026-01", "--table", "items", "--set", "motie20")))
    assert len(table) == 20


def test_items_as_markdown_a_chat_renders(run_cli):
    lines = exported(run_cli, "--period", "2026-01", "--table", "items", "--format", "md").splitlines()
    assert lines[0] == "**Items (motie15) · exports · January 2026**"
    assert lines[2] == "| Item | Value | YoY | Share | Δshare | Contrib |"
    assert lines[3] == "| :-- | --: | --: | --: | --: | --: |"
    assert lines[4] == "| Semiconductors | $20.54bn | +102.8% | 31.2% | +10.6pp | +21.2pp |"
    assert len(lines) == 4 + 15 and all(line.startswith("| ") and line.endswith(" |") for line in lines[2:])


def test_headline(run_cli, brief_json):
    # 2026-07, the latest month with item detail (the ex-semiconductors lines need it)
    table = exported(run_cli, "--table", "headline", "--period", "2026-07")
    rows = {row["line"]: row for row in csv.DictReader(io.StringIO(table))}
    headline = brief_json("--period", "2026-07")["headline"]
    assert int(rows["exports"]["value"]) == headline["exports"]["value_usd"]
    assert float(rows["exports"]["yoy_pct"]) == pytest.approx(headline["exports"]["yoy_pct"], rel=1e-12)
    assert int(rows["balance"]["value"]) == headline["balance"]["value_usd"] and rows["balance"]["yoy_pct"] == ""
    assert int(rows["balance"]["change"]) == headline["balance"]["change_usd"]
    assert rows["working_days"]["unit"] == "days"
    assert float(rows["working_days"]["value"]) == headline["working_days"]["value"]
    assert (
        int(rows["ytd_exports_ex_semiconductors"]["value"]) == headline["ytd_exports_ex"]["semiconductors"]["value_usd"]
    )
    md = exported(run_cli, "--period", "2026-01", "--table", "headline", "--format", "md")
    assert "| Exports | $65.84bn | +33.9% |  |" in md and "| Balance | +$8.70bn |  | +$10.70bn |" in md


def test_notables_most_newsworthy_first(run_cli, brief_json):
    rows = list(csv.DictReader(io.StringIO(exported(run_cli, "--period", "2026-01", "--table", "notables"))))
    notables = brief_json("--period", "2026-01")["notables"]
    assert len(rows) == len(notables) == 80  # 9 of them about HS 8542 to one destination, one each
    assert [row["text"] for row in rows] == [notable["text"] for notable in notables]
    assert rows[0]["rank"] == "1" and rows[0]["kind"] == "record_for_month" and rows[0]["subject"] == "exports"
    assert rows[0]["partner"] == "" and [row["partner"] for row in rows if row["subject"] == "hs8542"][:3] == [
        "",
        "china",
        "VN",
    ]


def test_history_of_an_item_has_every_month_in_the_data(run_cli):
    monthly = pd.read_csv(embedded_data_dir() / "monthly.csv")
    months = monthly.query("flow == 'export' and item == 'semiconductors' and partner == 'world'")
    table = pd.read_csv(
        io.StringIO(exported(run_cli, "--table", "history", "--item", "semiconductors", "--period", "2026-07"))
    )
    assert list(table.columns) == ["period", "value_usd", "yoy_pct", "share_pct"]
    assert table["period"].tolist() == months["period"].tolist()  # 2022-01 to 2026-07, oldest first
    assert table["value_usd"].tolist() == months["value_usd"].tolist()
    assert len(table) == 55 and table["yoy_pct"].isna().sum() == 12  # no year earlier for 2022
    january = table.set_index("period").loc["2026-01"]
    assert january["yoy_pct"] == pytest.approx(102.775, abs=1e-3) and january["share_pct"] == pytest.approx(
        31.197, abs=1e-3
    )


def test_history_to_a_month_of_a_partner_and_of_a_headline_line(run_cli):
    partner = json.loads(
        exported(run_cli, "--period", "2026-01", "--table", "history", "--partner", "china", "--format", "json")
    )
    assert partner["rows"][0]["period"] == "2021-08" and partner["rows"][-1]["period"] == "2026-01"
    assert partner["rows"][-1]["value_usd"] == 13_527_392_577  # data/monthly.csv: 2026-01,export,total,china
    balance = pd.read_csv(
        io.StringIO(exported(run_cli, "--table", "history", "--line", "balance", "--period", "2026-07"))
    )
    assert list(balance.columns) == ["period", "value_usd", "change_usd"]  # the balance's change is in dollars
    # Imports, and so the balance, begin in 2021-08 in the shipped data: 60 months to 2026-07.
    assert balance["period"].iloc[0] == "2021-08" and balance["period"].iloc[-1] == "2026-07" and len(balance) == 60
    assert balance["value_usd"].iloc[-1] == 98_959_098_818 - 68_567_473_420  # 2026-07's exports less imports


@pytest.mark.parametrize(
    "args, message",
    [
        (["--table", "history"], "--table history: name its subject: --item CODE, --partner CODE or --line LINE"),
        (["--table", "items", "--item", "ships"], "--item: only with --table history"),
        (["--table", "history", "--item", "nope"], "--item: no exports of 'nope' in the data (codes: agrifood,"),
        (["--table", "items", "--period", "2015-01"], "--period: no release for 2015-01"),
    ],
)
def test_what_cannot_be_exported_is_refused_with_a_reason(run_cli, args, message):
    code, out, err = run_cli("export", *args)
    assert code == 2 and out == "" and err.startswith(message)


def test_out_writes_a_file_and_never_into_the_data_directory(run_cli, tmp_path, data):
    target = tmp_path / "items.csv"
    target.write_text("old\n")
    code, out, err = run_cli("export", "--data", str(data), "--table", "items", "--out", str(target))
    assert code == 0 and out == "" and err == ""
    assert len(pd.read_csv(target)) == 20  # replaced whole (the latest month: the 20 items of its release)
    before = sorted(path.name for path in data.iterdir())
    for refused in (data / "items.csv", data / "sub" / ".." / "x.md", embedded_data_dir() / "x.csv"):
        code, out, err = run_cli("export", "--data", str(data), "--table", "items", "--out", str(refused))
        assert code == 2 and "is in the data directory, which tradetop never writes" in err
    link = tmp_path / "link"
    link.symlink_to(data)
    code, _out, err = run_cli("export", "--data", str(data), "--table", "items", "--out", str(link / "x.csv"))
    assert code == 2 and "never writes" in err
    assert sorted(path.name for path in data.iterdir()) == before
    code, _out, err = run_cli("export", "--table", "items", "--out", str(tmp_path / "missing" / "x.csv"))
    assert code == 1 and err.strip().endswith("x.csv: No such file or directory")


def test_names_from_a_data_file_reach_no_terminal_spreadsheet_or_markdown_as_code(run_cli, tmp_path):
    """SYNTHETIC hostile names in a copy of the shipped catalog: an escape sequence, a spreadsheet formula, and
    Markdown that would break the table or add a link."""
    directory = copy_of_shipped_data(tmp_path)
    catalog = (directory / "catalog.csv").read_text(encoding="utf-8")
    catalog = catalog.replace(",Semiconductors,", ',"=HYPERLINK(""http://x"")\x1b[2J",', 1)
    catalog = catalog.replace(",Automobiles,", ",Cars | [click](http://x) *now*,", 1)
    (directory / "catalog.csv").write_text(catalog, encoding="utf-8")
    out = exported(run_cli, "--data", str(directory), "--period", "2026-01", "--table", "items")
    names = pd.read_csv(io.StringIO(out)).set_index("code")["name"]
    assert names["semiconductors"] == '\'=HYPERLINK("http://x")\\x1b[2J'  # text, not a formula; ESC escaped
    assert "\x1b" not in out
    md = exported(run_cli, "--data", str(directory), "--period", "2026-01", "--table", "items", "--format", "md")
    assert "| Cars \\| \\[click\\](http://x) \\*now\\* | $6.07bn |" in md
    shutil.rmtree(directory)


def test_brief_as_markdown(run_cli):
    code, out, err = run_cli("brief", "--period", "2026-01", "--format", "md")
    assert code == 0, err
    assert out.startswith("**Korea trade · January 2026 · customs basis**\n\n|  | Value | YoY | Change |\n")
    assert "| Exports | $65.84bn | +33.9% |  |" in out
    items = out.split("**Items (motie15) · exports · January 2026**\n\n")[1].split("\n\n")[0].splitlines()
    assert len(items) == 2 + 15 and items[2].startswith("| Semiconductors | $20.54bn |")
    assert items[-1].startswith("| Secondary batteries | $549.5mn |")  # largest first, as the text brief
    assert "\n**Notable**\n\n- Exports reached $65.84bn, the highest for any January since 2016" in out
    assert out.count("\n- ") == 10 and "(70 more: --all)" in out
    assert out.rstrip().endswith("_Customs basis; data 2016-01 to 2026-09 (tradetop)_")


def test_brief_of_the_flash_month_as_markdown(run_cli, flash_pending):
    code, out, err = run_cli("brief", "--period", "2026-08", "--format", "md", "--data", str(flash_pending))
    assert code == 0, err
    assert "- Exports, days 1-20: $55.21bn, +56.0% on days 1-20 a year earlier" in out
    assert "| Semiconductors | $26.03bn | +198.8% |" in out


def test_brief_json_flag_and_format_json_are_the_same(run_cli):
    assert run_cli("brief", "--period", "2026-01", "--json") == run_cli(
        "brief", "--period", "2026-01", "--format", "json"
    )
