"""`tradetop brief` and `tradetop backtest` on the shipped data print what they printed before issue 14's restructuring.

tests/golden/ holds their output from the commit before it (derived from the real data in data/; the data
directory written as <DATA>). The JSON is compared key for key, in order, and value for value; the text line
for line. Regenerate only for a change of behaviour that is meant (README "The release brief"):
`tradetop brief --json --period P [--flow import] | sed "s#$PWD/data#<DATA>#"`, and the same for the text.
"""

import json
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")
PERIODS = ("2026-01", "2025-11", "2025-12")
# Keys the brief gained after the restructuring, with the features that added them: everything else is as before.
ADDED_SINCE = {
    "flash_windows": "issue 18, flash with imports",
    "next_release": "issue 18, the release calendar",
    "detail_gap": "issue 18, a month without item and region detail",
    "by_destination": "issue 18, item x destination",
    "ytd_breadth": "issue 16, the year to date's breadth",
    "partner_balances": "issue 16, partners in both flows",
}
# Fields the item and partner rows gained since, in the same way.
ROW_FIELDS_ADDED_SINCE = {"ytd_contribution_pp": "issue 16, each item's contribution to the year's growth"}
# Files shipped since (issue 18): the US from 2016 and HS 8542 by destination would change the US records.
SHIPPED_SINCE = ("exports_us_2016_2021.csv", "exports_by_destination_hs8542.csv", "release_prelim_2026.csv")


def differences(expected, found, path: str = "$") -> list[str]:
    """Where two parsed JSON values differ, as paths; objects compared as ordered lists of keys."""
    if isinstance(expected, dict) and isinstance(found, dict):
        if list(expected) != list(found):
            return [f"{path}: keys {list(expected)} != {list(found)}"]
        return [line for key in expected for line in differences(expected[key], found[key], f"{path}.{key}")]
    if isinstance(expected, list) and isinstance(found, list):
        if len(expected) != len(found):
            return [f"{path}: {len(expected)} entries != {len(found)}"]
        return [
            line
            for index, pair in enumerate(zip(expected, found, strict=True))
            for line in differences(*pair, f"{path}[{index}]")
        ]
    if type(expected) is not type(found) or expected != found:
        return [f"{path}: {expected!r} != {found!r}"]
    return []


@pytest.fixture(scope="module")
def golden_data(flash_pending, tmp_path_factory):
    """The data as it stood then: conftest.flash_pending (the shipped files have gained 2026-08 and 2026-09
    since) without the files shipped since."""
    directory = tmp_path_factory.mktemp("golden") / "data"
    shutil.copytree(flash_pending, directory, ignore=shutil.ignore_patterns(*SHIPPED_SINCE))
    return directory


@pytest.fixture
def printed(run_cli, golden_data):
    """What a command prints on the data as it stood then, its path written as <DATA>."""

    def run(*args: str) -> str:
        code, out, err = run_cli(*args, "--data", str(golden_data))
        assert code == 0, err
        return out.replace(str(golden_data), "<DATA>")

    return run


@pytest.mark.parametrize("flow", ["export", "import"])
@pytest.mark.parametrize("period", PERIODS)
def test_brief_json_is_unchanged_key_for_key(printed, period, flow):
    name = f"brief-{period}{'-import' * (flow == 'import')}.json"
    expected = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    found = json.loads(printed("brief", "--json", "--period", period, "--flow", flow))
    assert set(ADDED_SINCE) <= set(found)
    found = {key: value for key, value in found.items() if key not in ADDED_SINCE}
    for table in ("items", "partners"):
        assert all(set(ROW_FIELDS_ADDED_SINCE) <= set(row) for row in found[table])
        found[table] = [{k: v for k, v in row.items() if k not in ROW_FIELDS_ADDED_SINCE} for row in found[table]]
    assert len(expected["notables"]) > 30  # a month rich in notables of every family
    assert differences(expected, found) == []


@pytest.mark.parametrize("period", PERIODS)
def test_brief_text_is_unchanged(printed, period):
    expected = (GOLDEN / f"brief-{period}.txt").read_text(encoding="utf-8")
    assert printed("brief", "--all", "--period", period).splitlines() == expected.splitlines()


def test_backtest_table_is_unchanged(printed):
    expected = (GOLDEN / "backtest.md").read_text(encoding="utf-8")
    assert printed("backtest").splitlines() == expected.splitlines()


def test_a_changed_figure_is_a_difference():
    assert differences({"a": [1.0, {"b": None}]}, {"a": [1.0, {"b": 0.0}]}) == ["$.a[1].b: None != 0.0"]
    assert differences({"a": 1, "b": 2}, {"b": 2, "a": 1}) == ["$: keys ['a', 'b'] != ['b', 'a']"]
    assert differences([1], [1.0]) == ["$[0]: 1 != 1.0"]
