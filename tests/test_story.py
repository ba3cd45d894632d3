"""The story view: every notable of a month by subject (core.views.story_view), and its screen driven by keys
through Pilot, on the shipped data (January 2026: 80 notables of 40 subjects, checkable with `brief --all`; of
HS 8542 to one destination, the last 9 subjects, one each)."""

import re

import pytest
from dashboard_helpers import make_app, wait_for_data

from core.base.periods import parse_period
from core.engine.snapshot import load_snapshot
from core.views.story_view import story_view
from tui.screens.drilldown import DrilldownScreen
from tui.screens.main import MainScreen
from tui.screens.state import Subject
from tui.screens.story import StoryScreen
from tui.widgets.story_pane import StoryPane

JANUARY = parse_period("2026-01")
DATA_BEGINS = "when the data begins"


# The view -------------------------------------------------------------------------------------------


def test_every_notable_once_by_subject_most_newsworthy_subject_first(shipped_snapshot):
    notables = shipped_snapshot.release(JANUARY).notables
    view = story_view(shipped_snapshot, JANUARY)
    assert view.total == view.listed == len(notables) == 80 and len(view.groups) == 40
    assert [entry.number for group in view.groups for entry in group.entries] == list(range(1, 81))
    # Subjects in the order of their most newsworthy notable; each subject's notables in their rank.
    firsts = list(
        dict.fromkeys((notable.dimension, notable.subject, notable.partner or "world") for notable in notables)
    )
    assert [(group.dimension, group.code, group.partner) for group in view.groups] == firsts
    assert [group.name for group in view.groups[:5]] == [
        "Exports",
        "The trade balance",
        "Daily-average exports",
        "Semiconductors",
        "United States",
    ]
    chips = view.groups[3]
    assert (chips.dimension, chips.code, chips.flow) == ("item", "semiconductors", "export")
    assert [entry.kind for entry in chips.entries] == [
        notable.kind for notable in notables if notable.subject == "semiconductors"
    ]


def test_where_the_data_begins_is_said_once_per_subject(shipped_snapshot):
    view = story_view(shipped_snapshot, JANUARY)
    said = {group.name: group.data_begins for group in view.groups}
    assert said["Exports"] == "since 2016, when the data begins"
    assert said["Semiconductors"] == "since 2022, when the data begins"  # items begin in 2022 in the shipped data
    assert said["United States"] == "since 2016, when the data begins"  # exports_us_2016_2021.csv
    assert said["Steel"] is None  # its one notable, a run of declines, never said it
    assert not any(DATA_BEGINS in entry.text for group in view.groups for entry in group.entries)
    chips = {entry.kind: entry.text for entry in view.groups[3].entries}
    # brief: "... above 30% for the first time since 2022, when the data begins."
    assert chips["share_threshold_first"] == (
        "Exports of semiconductors made up 31.2% of all exports, above 30% for the first time."
    )
    assert chips["rank_all_time"] == (
        "Exports of semiconductors reached $20.54bn, the 2nd-highest in any month, after December 2025 "
        "(+102.8% on a year earlier)."
    )
    # The brief and JSON keep each claim whole.
    # 30: the regions' January claims name their first January instead ("since 2022, the first January in the
    # data"); HS 8542's destinations' claims look back to 2020.
    assert sum(DATA_BEGINS in notable.text for notable in shipped_snapshot.release(JANUARY).notables) == 30


def test_a_search_keeps_a_named_subject_whole_and_elsewhere_the_notables_that_say_it(shipped_snapshot):
    def found(query: str) -> list[tuple[str, int]]:
        view = story_view(shipped_snapshot, JANUARY, query=query)
        assert view.total == 80 and view.query == query.strip()
        assert [entry.number for group in view.groups for entry in group.entries] == list(range(1, view.listed + 1))
        return [(group.code, len(group.entries)) for group in view.groups]

    assert found("semicond") == found("반도체") == found(" SEMICONDUCTORS ") == [("semiconductors", 5)]
    # China's notables, and those of HS 8542 to China (named by its destination too)
    assert found("china") == found("중국") == [("china", 3), ("hs8542", 1)]
    assert found("수출") == [("exports", 6), ("daily_avg_exports", 4)]  # 수출 is exports, 일평균 수출 daily average
    assert found("balance") == [("balance", 3)]
    # Not a name: the notables whose text says it.
    assert found("calendar month for the 3rd") == [
        ("nonferrous_metals", 1),
        ("electrical_equipment", 1),
        ("agrifood", 1),
        ("cosmetics", 1),
    ]  # not HS 8542 to France or to Hong Kong: each says its record for a January, not this streak
    # The names people type, from the catalog's aliases (issue 16: "/chips narrows it").
    assert found("chips") == found("semis") == [("semiconductors", 5)]
    assert found("no such thing") == [] and story_view(shipped_snapshot, JANUARY, query="no such thing").listed == 0


def test_a_claim_over_the_run_after_a_gap_keeps_saying_so(data_dir):
    """Synthetic exports with three months missing in 2018: the record looks back to April 2018 only."""
    values = [100.0] * 5 + [200.0] + [100.0] * 18 + [None] * 3 + [50.0 + k for k in range(14)] + [150.0]
    rows = ["period,flow,item,partner,value_usd"] + [
        f"{2016 + month // 12}-{month % 12 + 1:02d},export,total,world,{value}"
        for month, value in enumerate(values)
        if value is not None
    ]
    (data_dir / "synthetic.csv").write_text("\n".join(rows) + "\n")
    view = story_view(load_snapshot(data_dir), parse_period("2019-06"))
    exports = view.groups[0]
    assert exports.name == "Exports" and exports.data_begins is None
    assert any("since April 2018, after a gap in the data" in entry.text for entry in exports.entries)


# The screen ------------------------------------------------------------------------------------------

pytestmark = pytest.mark.anyio


async def screen_of(pilot, kind: type):
    """The screen once it is up: a screen is pushed after the key's handler has returned."""
    for _ in range(250):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError(f"no {kind.__name__}, but {pilot.app.screen!r}")


def painted(pane: StoryPane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.scrollable_content_region.height)]


def words(text: str) -> str:
    return " ".join(text.split())


async def test_the_story_from_the_main_screen_counts_and_scrolls_through_every_notable(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("n")
        pane = (await screen_of(pilot, StoryScreen)).query_one(StoryPane)
        assert app.focused is pane and str(pane.border_subtitle) == "1–9 of 80"
        assert painted(pane)[:2] == [
            "Exports · since 2016, when the data begins",
            " 1. Exports reached $65.84bn, the highest for any January, and the first",
        ]
        view = story_view(app.snapshot, JANUARY)
        seen, ranges = [], []
        while not ranges or ranges[-1][1] < 80:
            seen += painted(pane)
            first, last = map(int, re.fullmatch(r"(\d+)–(\d+) of 80", str(pane.border_subtitle)).groups())
            assert not ranges or ranges[-1][0] < first <= ranges[-1][1] + 1  # a page on, nothing skipped
            ranges.append((first, last))
            await pilot.press("pagedown")
        assert len(ranges) >= 7 and ranges[0][0] == 1
        shown = words(" ".join(line[4:] if re.match(r"[ \d]\d\. ", line) else line for line in seen))
        for group in view.groups:
            for entry in group.entries:
                assert words(entry.text) in shown, entry.text
        assert painted(pane)[-2:] == [
            "80. Exports of integrated circuits (HS 8542) to Poland fell to $24.6mn, the",
            "    lowest in 13 months, since December 2024 (-3.2% on a year earlier).",
        ]
        assert pane.cursor == 79  # the cursor went a page at a time too, to the last notable
        await pilot.press("g")
        assert str(pane.border_subtitle) == "1–9 of 80" and pane.cursor == 0
        await pilot.press("G")
        assert str(pane.border_subtitle).endswith("–80 of 80") and pane.cursor == 79
        await pilot.press("escape")
        assert isinstance(await screen_of(pilot, MainScreen), MainScreen)


async def test_a_search_narrows_the_story_and_enter_opens_the_subject_at_the_month(data):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("tab", "tab")
        assert app.focused.id == "notables"
        await pilot.press("enter")  # the Notable pane opens the story
        pane = (await screen_of(pilot, StoryScreen)).query_one(StoryPane)
        await pilot.press("slash", *"semicond")
        assert str(pane.border_subtitle) == "1–5 of 5 matching “semicond” · 80 in all"
        lines = painted(pane)
        assert lines[0] == "Semiconductors · since 2022, when the data begins"
        assert [line[:28] for line in lines if re.match(r"\d\. ", line)] == [
            f"{number}. Exports of semiconductors" for number in range(1, 6)
        ]
        await pilot.press("enter", "c")  # the search kept; copied as listed
        assert app.clipboard.startswith(
            "Semiconductors · since 2022, when the data begins\n1. Exports of semiconductors reached $20.54bn"
        )
        assert [note.message for note in app._notifications][-1] == (
            "Copied 5 notables matching “semicond” of January 2026 by subject, as text"
        )
        await pilot.press("j", "enter")  # the 2nd notable: its share of exports
        drilldown = await screen_of(pilot, DrilldownScreen)
        assert drilldown.subject == Subject("item", "semiconductors") and app.month == JANUARY
        assert "made up 31.2% of all exports" in drilldown.query_one("#drill-facts").plain
        await pilot.press("escape")  # back to the story as it was left
        assert await screen_of(pilot, StoryScreen) and pane.cursor == 1
        assert str(pane.border_subtitle).startswith("1–5 of 5 matching")
        await pilot.press("escape")  # the search cleared
        assert str(pane.border_subtitle) == "1–9 of 80"
        await pilot.press("slash", *"반도체", "escape")  # cleared again as the search line closes
        assert str(pane.border_subtitle) == "1–9 of 80" and app.focused is pane
        await pilot.press("slash", *"no such thing", "enter")
        assert str(pane.border_subtitle) == "0 of 0 matching “no such thing” · 80 in all"
        assert painted(pane)[0].startswith("No notable of January 2026 matches “no such thing”")
        await pilot.press("enter")  # nothing to open
        assert isinstance(app.screen, StoryScreen)


async def test_the_story_follows_the_month_and_a_notable_of_exports_opens_exports(data):
    app = make_app(data)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("i", "n")  # the imports tables: the story's breadth is of the imports
        pane = (await screen_of(pilot, StoryScreen)).query_one(StoryPane)
        # Imports begin in August 2021: a January claim looks back to their first January.
        assert (
            "Imports reached $57.14bn, the 3rd-highest for any January since 2022, the first January in the data, "
            in (pane.plain)
        )
        assert "Imports of " in pane.plain and "Exports of 11 of 15 items rose" not in pane.plain
        await pilot.press("left_square_bracket")
        december = story_view(app.snapshot, parse_period("2025-12"), "import")
        assert app.month == parse_period("2025-12") and december.listed == len(app.release().notables)
        assert str(pane.border_subtitle).endswith(f" of {december.listed}")
        assert pane.plain.startswith(
            "Exports · since 2016, when the data begins\n"  # 84 notables: numbers of two digits
            " 1. Exports reached $69.51bn, the highest in any month (+13.3% on a year earlier).\n"
        )
        assert "Annual exports in 2025 reached $709.33bn, the highest of any year, and the first" in pane.plain
        await pilot.press("slash", *"semicond", "enter", "enter")  # an item's notables are of its exports
        drilldown = await screen_of(pilot, DrilldownScreen)
        assert drilldown.subject == Subject("item", "semiconductors") and app.flow == "export"


async def test_a_month_without_notables_says_so_in_the_story(data):
    app = make_app(data, "2016-02")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("n")
        pane = (await screen_of(pilot, StoryScreen)).query_one(StoryPane)
        assert pane.plain == "No notables in February 2016." and str(pane.border_subtitle) == "0 of 0"
