"""Korean names: `--lang ko` and the key L name items, partners and headline lines in Korean everywhere names
appear (tables, cards, drilldowns, palette, story, brief, export), `/` filters by either language, and tables
cut and pad names by terminal cells (a Korean character takes two). The names are the catalog's (data/catalog.csv)
and core/base/subjects.py's; the shipped data, January 2026 unless said."""

import csv
import html
import io
import json
import os

import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data
from rich.cells import cell_len

from core.base import fmt
from core.base.periods import parse_period
from core.base.subjects import HEADLINE_LINES, excluding
from core.runtime.cache import cached_start_view, load_snapshot_cached, store_start_view
from core.views.main_view import main_view
from tui.screenshot import SVG_TEXT
from tui.widgets.release_table import ReleaseTable
from tui.widgets.story_pane import StoryPane

JANUARY = "2026-01"


def test_cells_count_a_korean_character_as_two_and_names_are_cut_by_cells():
    assert [fmt.cells(text) for text in ("Steel", "반도체", "EU", "중남미 x")] == [5, 6, 2, 8]
    assert fmt.clipped("무선통신기기", 8) == "무선통…"  # 7 cells: a fourth character would make 9
    assert fmt.clipped("Semiconductors", 8) == "Semicon…"
    assert fmt.padded("반도체", 10) == "반도체    " and fmt.padded("컴퓨터주변기기", 10) == "컴퓨터주… "
    assert all(fmt.cells(fmt.padded(name, 10)) == 10 for name in ("반도체", "컴퓨터주변기기", "Steel", "Auto parts"))


def test_names_in_korean_come_from_the_catalog_and_the_vocabulary(shipped_snapshot):
    korean = shipped_snapshot.catalog.in_language("ko")
    assert [korean.name("item", "semiconductors"), korean.name("partner", "china")] == ["반도체", "중국"]
    assert shipped_snapshot.catalog.name("partner", "china") == "China"
    assert korean.name("partner", "atlantis") == "atlantis"  # a code the catalog does not know: the code
    assert HEADLINE_LINES["balance"].in_language("ko").short == "무역수지"
    assert excluding("반도체", "ko", "수출") == "반도체 제외 수출"
    assert excluding("Semiconductors", "en", "Exports") == "Exports ex semiconductors"


def brief_rows(text: str, heading: str) -> list[str]:
    block = text.split(f"\n{heading}")[1].split("\n\n")[0]
    return [line for line in block.splitlines()[1:] if line.startswith("  ")]


def test_brief_lang_ko_names_in_korean_in_straight_columns(run_cli):
    code, out, err = run_cli("brief", "--lang", "ko", "--period", JANUARY)
    assert code == 0, err
    assert "\n  수출 " in out and "\n  반도체 제외 " in out and "fell: 석유화학, 철강, 선박, 가전." in out
    assert "- Exports of 반도체 reached $20.54bn" in out and "Exports to 미국" in out  # no article: not "the 미국"
    items, partners = brief_rows(out, "Items (motie15)"), brief_rows(out, "Partners")
    assert items[0].startswith("  반도체 ") and partners[0].startswith("  중국 ")
    for row in items + partners:  # each figure ends in the same cell as its column's heading, as in English
        assert cell_len(row) == 2 + 28 + 10 + 9 + 8 + 9 + 9, row
        assert cell_len(row[: row.index("$") + len(row.split("$")[1].split()[0]) + 1]) == 40, row
    code, english, _err = run_cli("brief", "--period", JANUARY)
    assert code == 0 and "\n  Semiconductors " in english and "반도체" not in english


def test_brief_json_and_export_in_korean_carry_the_same_figures(run_cli):
    code, out, _err = run_cli("brief", "--json", "--lang", "ko", "--period", JANUARY)
    body = json.loads(out)
    assert code == 0 and [row["name"] for row in body["partners"][:2]] == ["중국", "미국"]
    code, out, _err = run_cli("export", "--table", "items", "--lang", "ko", "--period", JANUARY)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["name"] == "반도체" and rows[0]["value_usd"] == str(int(body["items"][0]["value_usd"]))
    code, out, _err = run_cli("export", "--table", "headline", "--format", "md", "--lang", "ko", "--period", JANUARY)
    assert code == 0 and "| 수출 | $65.84bn | +33.9% |" in out and "| 반도체 제외 누적 수출 |" in out
    code, out, _err = run_cli("export", "--table", "history", "--item", "semiconductors", "--format", "json")
    assert code == 0 and json.loads(out)["rows"][-1]["period"] == "2026-09"  # to the latest month
    code, out, _err = run_cli(
        "export", "--table", "history", "--partner", "china", "--format", "md", "--lang", "ko", "--period", JANUARY
    )
    assert code == 0 and out.startswith("**중국 · exports · ")


def test_the_start_view_is_cached_for_its_language(data):
    snapshot = load_snapshot_cached(data)
    korean = main_view(snapshot, snapshot.latest, lang="ko")
    store_start_view(snapshot, None, "motie15", korean)
    assert cached_start_view(data, None, "motie15", "ko") == korean
    assert cached_start_view(data, None, "motie15", "en") is None
    assert korean.release.items[0].name == "반도체" and korean.card_titles["exports"] == "수출"


def names(app, table: str) -> list[str]:
    return [row.name for row in app.screen.query_one(f"#{table}", ReleaseTable).rows_shown]


@pytest.mark.anyio
async def test_lang_ko_shows_korean_names_and_L_switches_every_screen(data):
    app = make_app(data, lang="ko")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        assert names(app, "items")[:2] == ["반도체", "자동차"] and names(app, "partners")[0] == "중국"
        assert app.screen.query_one("#cards").titles["balance"] == ("무역수지",)
        await pilot.press("slash", *"semi", "enter")  # `/` finds either language's name
        assert names(app, "items") == ["반도체"]
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert app.screen.query_one("#breadcrumb").render().plain.endswith(" › 반도체")
        await pilot.press("L")  # English, on the drilldown as on every screen
        await pilot.pause()
        assert app.lang == "en" and app.screen.query_one("#breadcrumb").render().plain.endswith(" › Semiconductors")
        await pilot.press("escape", "L", "n")  # Korean again; the story
        await pilot.pause()
        story = app.screen.query_one(StoryPane).view
        assert [group.name for group in story.groups[:3]] == ["수출", "무역수지", "일평균 수출"]


@pytest.mark.anyio
async def test_korean_names_are_cut_by_cells_and_the_columns_stay_straight(data):
    app = make_app(data, lang="ko")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        for table in ("items", "partners"):
            widget = app.screen.query_one(f"#{table}", ReleaseTable)
            lines = [widget.render_line(y).text for y in range(1, widget.scrollable_content_region.height)]
            lines = [line for line in lines if "$" in line]
            assert len(lines) >= 7  # of 9 partners: the release's facts take three rows at 80x24
            ends = {cell_len(line[: line.index("n ", line.index("$")) + 1]) for line in lines}  # "...bn", "...mn"
            widths = {cell_len(line) for line in lines}
            assert len(ends) == 1 and len(widths) == 1, (table, lines)


@pytest.mark.anyio
async def test_a_screenshot_in_korean_gives_each_run_of_text_the_width_of_its_cells(data, tmp_path, monkeypatch):
    # Rich's SVG gives a run a character's width per character (Rich issue #2742): a Korean name, two cells a
    # character, would be squeezed and what follows it in its run shifted left, out of its column.
    monkeypatch.setenv("TRADETOP_SCREENSHOTS", str(tmp_path))
    app = make_app(data, lang="ko")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        await pilot.press("p")
        await pilot.pause()
    runs = [(float(length), html.unescape(text)) for _, length, _, text, _ in SVG_TEXT.findall(svg_of(tmp_path))]
    assert any("자동차" in text for _length, text in runs)
    assert len({round(length / fmt.cells(text), 6) for length, text in runs}) == 1  # one cell's width, everywhere


def svg_of(folder) -> str:
    (path,) = folder.glob("*.svg")
    return path.read_text(encoding="utf-8")


@pytest.mark.anyio
async def test_the_flash_month_names_its_items_in_korean(flash_pending):
    app = make_app(flash_pending, "2026-08", lang="ko")  # 2026-08 had only its 10-day flash: its screen opens
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        await pilot.pause()
        items = app.screen.query_one("#flash-items")
        assert [cells[0].plain for _code, cells in items.rows[:2]] == ["반도체", "석유제품"]
        pane = app.screen_stack[-2].query_one("#flash").view  # the main screen's flash pane, under it
        assert pane.largest_items[0].name == "반도체"


@pytest.mark.anyio
async def test_a_cold_start_in_korean_opens_on_the_korean_view_the_loader_process_computed(
    tmp_path, monkeypatch, shipped_snapshot
):
    """As `tradetop --lang ko` on an empty cache: the first frame shows the view the started load computed in
    Korean (before, only an English start had one, and Korean waited for the snapshot). The loader process's side,
    computing and sending that view, is tests/test_isolated.py's; here it is stood in for, since a loader spawned
    from the test process (which runs threads) is not the monitor's, forked before any thread."""
    data = copy_of_shipped_data(tmp_path)
    for path in data.iterdir():
        os.utime(path)  # just written: nothing cached, so the view can only come from the started load
    asked = []
    korean = main_view(shipped_snapshot, parse_period(JANUARY), lang="ko")

    def started(directory, lang):
        asked.append(lang)
        return korean if lang == "ko" else None

    monkeypatch.setattr("core.runtime.isolated.started_view", started)
    app = make_app(data, lang="ko")
    async with app.run_test(size=(80, 24)):
        assert asked == ["ko"] and app.start_view is korean  # the first frame's (None: loading)
        cards = app.screen.query_one("#cards")
        assert cards.titles["exports"] == ("수출",) and cards.figures["exports"].values[0] == "$65.84bn"
