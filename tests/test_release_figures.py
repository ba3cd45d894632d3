"""Figures of the shipped (real) data, each checkable by hand from data/monthly.csv."""

import json

import pytest

from core.base.periods import parse_period


def test_january_2026_headline_matches_the_release(brief_json):
    release = brief_json("--period", "2026-01")
    headline = release["headline"]
    assert headline["exports"]["value_usd"] == 65_843_936_782
    assert headline["exports"]["yoy_pct"] == pytest.approx(33.9, abs=0.05)
    assert headline["working_days"] == {"value": 23.5, "diff": 3.5}
    assert headline["daily_avg_exports"]["value_usd"] / 1e9 == pytest.approx(2.80, abs=0.005)
    assert headline["daily_avg_exports"]["yoy_pct"] == pytest.approx(14.0, abs=0.05)
    # January: the year to date is the month itself.
    assert headline["ytd_exports"] == headline["exports"]
    assert headline["balance"]["value_usd"] == 65_843_936_782 - 57_143_468_789


def test_january_2026_semiconductors(brief_json):
    chips = next(row for row in brief_json("--period", "2026-01")["items"] if row["code"] == "semiconductors")
    assert chips["value_usd"] / 1e9 == pytest.approx(20.54, abs=0.005)
    assert chips["share_pct"] == pytest.approx(31.2, abs=0.05)
    assert chips["share_change_pp"] == pytest.approx(10.6, abs=0.05)
    assert chips["yoy_pct"] == pytest.approx(102.8, abs=0.05)


def test_january_to_november_2025(brief_json):
    release = brief_json("--period", "2025-11")
    chips = next(row for row in release["items"] if row["code"] == "semiconductors")
    assert chips["ytd_value_usd"] / 1e9 == pytest.approx(152.6, abs=0.05)
    assert chips["ytd_yoy_pct"] == pytest.approx(19.8, abs=0.05)
    assert release["headline"]["ytd_exports_ex"]["semiconductors"]["yoy_pct"] == pytest.approx(-1.5, abs=0.05)
    china = next(row for row in release["partners"] if row["code"] == "china")
    assert china["ytd_share_pct"] == pytest.approx(18.4, abs=0.05)
    assert china["ytd_share_pct"] - china["ytd_share_change_pp"] == pytest.approx(19.5, abs=0.05)


def test_breadth_counts_the_items_of_the_set_that_rose(brief_json):
    breadth = brief_json("--period", "2026-01")["breadth"]
    # Customs-basis items: petrochemicals, steel, ships and home appliances fell in Jan 2026.
    assert breadth["set"] == "motie15" and breadth["total"] == 15 and breadth["up"] == 11
    assert set(breadth["fell"]) == {"petrochemicals", "steel", "ships", "home_appliances"}
    assert brief_json("--period", "2026-01", "--set", "motie20")["breadth"]["total"] == 20


def test_contributions_add_up_to_growth_of_the_total(shipped_snapshot):
    release = shipped_snapshot.release(parse_period("2026-01"), item_set="motie20")
    partners = release.partners
    # The 9 regions do not cover the world, but their contributions cannot exceed total growth by much.
    assert sum(row.contribution_pp for row in partners) < release.headline.exports.yoy_pct
    chips = release.items[0]
    before = shipped_snapshot.series("export")[shipped_snapshot.index(parse_period("2025-01"))]
    expected = (chips.value_usd - chips.value_usd / (1 + chips.yoy_pct / 100)) / before * 100
    assert chips.contribution_pp == pytest.approx(expected)


def test_figures_that_cannot_be_computed_are_null_not_nan(run_cli):
    # Imports start in 2021-08, so 2016-01 has no imports, balance or year-earlier figures.
    code, out, _ = run_cli("brief", "--json", "--period", "2016-01")
    assert code == 0 and "NaN" not in out
    release = json.loads(out)
    assert release["headline"]["imports"] == {"value_usd": None, "yoy_pct": None}
    assert release["headline"]["exports"]["yoy_pct"] is None
    assert release["items"][0]["value_usd"] is None
    assert release["breadth"] is None  # no item to count, not "0 of 0 rose"


def test_year_to_date_needs_every_month_since_january(data_dir, brief_json):
    (data_dir / "trade.csv").write_text(
        "period,flow,item,partner,value_usd\n"
        "2025-01,export,total,world,10\n2025-03,export,total,world,30\n"
        "2026-01,export,total,world,20\n2026-02,export,total,world,20\n2026-03,export,total,world,60\n"
    )
    march = brief_json("--period", "2026-03", "--data", str(data_dir))["headline"]
    assert march["ytd_exports"] == {"value_usd": 100, "yoy_pct": None}  # 2025-02 is missing: no partial sum
    assert march["exports"]["yoy_pct"] == pytest.approx(100.0)


def test_imports_flow_gives_import_tables(brief_json):
    release = brief_json("--period", "2026-01", "--flow", "import")
    assert release["flow"] == "import"
    chips = next(row for row in release["items"] if row["code"] == "semiconductors")
    total_imports = release["headline"]["imports"]["value_usd"]
    assert chips["share_pct"] == pytest.approx(chips["value_usd"] / total_imports * 100)


def test_text_brief_reads_like_the_release(run_cli):
    code, out, _ = run_cli("brief", "--period", "2026-01")
    assert code == 0
    assert "January 2026" in out and "$65.84bn" in out and "+33.9%" in out
    assert "11 of 15 items rose" in out


def test_default_period_is_the_latest_month(brief_json):
    assert brief_json()["period"] == "2026-09"


def test_global_options_before_the_command_are_kept(run_cli, tmp_path):
    code, out, _ = run_cli("--period", "2026-01", "brief")
    assert code == 0 and "January 2026" in out
    code, _, err = run_cli("--data", str(tmp_path / "missing"), "check")
    assert code == 1 and "missing" in err


@pytest.mark.parametrize("period, message", [("2026-13", "not a period"), ("2031-01", "no release for 2031-01")])
def test_bad_period_option_is_a_clear_error(run_cli, period, message):
    code, out, err = run_cli("brief", "--period", period)
    assert code == 2 and message in err and out == ""


def test_text_brief_says_where_it_cut_a_long_name(run_cli):
    code, out, _ = run_cli("brief", "--period", "2026-01")
    assert code == 0 and "  Wireless communication dev…    $2.03bn   +66.8%" in out
