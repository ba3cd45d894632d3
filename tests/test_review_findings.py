"""Findings of the user tests and reviews of issue 16, each checked as a user meets it (Pilot), on the shipped data;
tests/dashboard_helpers.py fixes the files' times."""

import csv
import io
import os

import pytest
from dashboard_helpers import (
    copy_of_shipped_data,
    make_app,
    opened,
    run_from_palette,
    wait_for_data,
    year_to_date_cards,
)
from rich.cells import cell_len
from test_story import screen_of
from textual.geometry import Region
from textual.widget import Widget

from core.base import fmt
from core.base.periods import format_period, parse_period
from core.ingest.table import FileReport, read_table
from core.ingest.validate import validate_catalog
from core.views.drilldown_view import Subject
from core.views.main_view import main_view
from tui.screens.drilldown import DrilldownScreen
from tui.screens.story import StoryScreen
from tui.widgets.cells import BORDER_SPARE, DOWN_STYLE
from tui.widgets.release_table import ReleaseTable
from tui.widgets.split_table import SplitTable
from tui.widgets.status import StatusHeader
from tui.widgets.story_pane import StoryPane

pytestmark = pytest.mark.anyio


def border_texts(app) -> list[tuple[str, str, int]]:
    """Each border text on screen, with the room its pane's border has for it; not a title that is a name, in its
    shortest form (FittedBorder), which Textual may cut."""
    texts = []
    for widget in app.screen.query(Widget):
        for label in (widget.border_title, widget.border_subtitle):
            text = str(label) if label is not None else ""
            if label is widget.border_title and text == getattr(widget, "title_forms", ("",))[-1]:
                continue
            if text and widget.display:
                texts.append((widget.id or type(widget).__name__, text, widget.outer_size.width - BORDER_SPARE))
    return texts


def assert_borders_whole(app) -> int:
    """No border text with a figure in it is cut (Textual cuts a text longer than its room with "…")."""
    checked = 0
    for where, text, room in border_texts(app):
        if any(character.isdigit() for character in text):
            assert cell_len(text) <= room, (where, text, room)
            checked += 1
    return checked


async def test_border_texts_switch_to_shorter_forms_rather_than_cut_a_figure(data):
    """At 60x20 the Semiconductors drilldown's destination split said "all $16.40b…"; every screen's borders now
    fit their figures."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_data(pilot)
        assert assert_borders_whole(app) >= 2  # the notables' count, the tables' set (motie15)
        await pilot.press("enter")  # Semiconductors, the top item
        await pilot.pause()
        split = app.screen.query_one(SplitTable)
        assert split.splits[0].heading.startswith("Of which Integrated circuits (HS 8542)")
        assert str(split.border_subtitle) == "all $16.4bn"  # the whole in its shorter form, not "$16.40b…"
        assert assert_borders_whole(app) >= 1
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert str(split.border_subtitle).startswith("all $16.40bn ")  # the long form where there is room
        await pilot.resize_terminal(60, 20)
        await pilot.press("escape", "n")  # the story
        await pilot.pause()
        assert assert_borders_whole(app) >= 1
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert_borders_whole(app)


def test_a_contribution_that_rounds_to_zero_keeps_its_sign():
    """Ships in 2026-01: -0.088% y/y and a contribution of -0.0044pp, shown "0.0pp" beside Petrochemicals'
    -0.01pp (-0.0063)."""
    assert fmt.pp_forms(-0.0044) == ("-0.004pp", "-0pp")
    assert fmt.pp(-0.0063) == "-0.01pp" and fmt.pp(0.0004) == "0.0pp"  # under 0.0005pp: no sign to keep
    assert fmt.pct(-0.0044) == "0.0%" and fmt.pct(-0.088) == "-0.1%"  # YoY as it was


async def test_ships_contribution_on_screen_has_its_sign(data):
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        items = app.screen.query_one("#items", ReleaseTable)
        ships = dict(items.rows)["ships"]
        position = [heading.key for heading in items.headings].index("contribution")
        assert ships[position].plain == "-0.004pp" and ships[position].style == DOWN_STYLE


async def test_everyday_names_find_their_subjects_in_the_tables_the_story_and_the_palette(data):
    """From the catalog's aliases: /chips found nothing in the story, /cars nothing in the items."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)

        def codes(table: str) -> list[str]:
            return [row.code for row in app.screen.query_one(f"#{table}", ReleaseTable).rows_shown]

        await pilot.press("slash", *"cars", "enter")
        assert codes("items") == ["automobiles"]
        await pilot.press("l", "slash", *"usa", "enter")
        assert codes("partners") == ["us"]
        await pilot.press("n")  # the story
        story = await screen_of(pilot, StoryScreen)
        await pilot.press("slash", *"chips")
        pane = story.query_one(StoryPane)
        assert str(pane.border_subtitle) == "1–5 of 5 matching “chips” · 80 in all"
        assert [group.code for group in pane.view.groups] == ["semiconductors"]
        await pilot.press("escape", "escape")
        await run_from_palette(pilot, "chips", "go to item Semiconductors (chips)")
        drilldown = await screen_of(pilot, DrilldownScreen)
        assert drilldown.subject == Subject("item", "semiconductors")


def test_aliases_from_a_file_are_made_printable(tmp_path):
    path = tmp_path / "catalog.csv"
    header = "dimension,code,name_en,name_ko,sets,order,part_of,first_period,aliases\n"
    path.write_text(header + "item,chips,Chips,반도체,,1,,,chips\x1b[2J; 칩 \n", encoding="utf-8")
    problems: list = []
    report = FileReport(path, problems)
    table = read_table(path, report)
    assert table is not None
    (entry,) = validate_catalog(table, report)
    assert entry.aliases == (r"chips\x1b[2J", "칩") and problems == []


def test_check_accepts_the_shipped_catalog_with_its_aliases(data, run_cli):
    code, out, err = run_cli("check", "--data", str(data))
    assert code == 0 and "no errors" in out + err


async def test_the_overview_plot_closes_its_frame_around_its_lines_and_labels_two_values(data):
    """At 120x36 the frame's right edge read "┬───"/"┴───", open, and the only y label was $60bn (a plot of 9
    rows; from 50 rows now, of 8 rows or more: 14 here)."""
    app = make_app(data, "2026-01")
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for_data(pilot)
        plot = app.screen.query_one("#overview-plot")
        for _ in range(100):
            if plot.plotted:
                break
            await pilot.pause(0.05)
        lines = [
            "".join(segment.text for segment in strip)
            for strip in plot.render_lines(Region(0, 0, plot.size.width, plot.size.height))
        ]
        frame = [index for index, line in enumerate(lines) if "┌" in line or "└" in line]
        top, bottom = frame
        assert lines[top].rstrip().endswith("┐") and lines[bottom].rstrip().endswith("┘")
        inside = lines[top + 1 : bottom]
        edge = lines[top].rstrip().index("┐")
        assert all(line[edge] == "│" and not line[edge + 1 :].strip() for line in inside)  # nothing past the edge
        labels = [line.partition("┤")[0].strip() for line in inside if "┤" in line]
        assert labels == ["$70bn", "$60bn", "$50bn"]


async def test_copy_on_the_year_to_date_cards_copies_the_year_to_date(data):
    """`c` on the cards with `y` copied the month's headline: it copies the cards on screen."""
    async with opened(data, "2026-07", (120, 36)) as (app, pilot):
        await year_to_date_cards(pilot)
        await pilot.press("c")
        rows = {row["line"]: row for row in csv.DictReader(io.StringIO(app.clipboard), delimiter="\t")}
        cards = {card.code: card for card in app.view.cards(True)}
        assert list(rows) == list(cards) == ["ytd_exports", "imports", "balance", "daily_avg_exports", "exports"]
        month_imports = app.view.release.headline.imports.value_usd
        assert float(rows["imports"]["value"]) == pytest.approx(cards["imports"].value_usd)
        assert float(rows["imports"]["value"]) > 6 * month_imports  # January to July, not July alone
        assert rows["ytd_exports"]["name"] == "Exports Jan–Jul" and rows["balance"]["yoy_pct"] == ""
        assert float(rows["balance"]["change"]) == pytest.approx(cards["balance"].change)


async def test_the_header_measures_a_korean_folder_name_in_cells(tmp_path):
    """The right-hand notes were measured with len: a Korean data folder's name pushed them past the edge."""
    directory = copy_of_shipped_data(tmp_path).rename(tmp_path / "한국무역통계자료")
    app = make_app(directory, "2026-01")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_data(pilot)
        status = app.screen.query_one(StatusHeader)
        shown_with_folder = 0
        for width in range(60, 121, 2):
            await pilot.resize_terminal(width, 36)
            await pilot.pause()
            line = status.render()
            assert line.cell_len <= status.content_size.width, (width, line.plain)
            shown_with_folder += "한국무역통계자료" in line.plain
        assert shown_with_folder  # where it fits, the folder is named, whole


async def test_a_months_missing_detail_is_said_in_one_line_at_80_columns(data):
    """2026-09 has totals but no item or region detail: the notice took a blank row and 3 (items) or 4 (partners)
    wrapped lines at 80x24; now one line each, in a shorter form, and Enter still goes to the latest detail."""
    app = make_app(data, "2026-09")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_data(pilot)
        for table in app.screen.query(ReleaseTable):
            assert table.header_rows == 0 and len(table.rows) == 1, table.id
            assert table.render_line(0).text.strip() == "no detail yet; latest 2026-07", table.id
            assert table.render_line(1).text.strip() == ""
        await pilot.resize_terminal(160, 40)  # room for a longer form and where Enter goes
        await pilot.pause()
        items = app.screen.query_one("#items", ReleaseTable)
        assert (
            items.render_line(0).text.strip()
            == "no item and region detail for 2026-09; latest 2026-07; Enter goes there"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert format_period(app.month) == "2026-07"


async def test_a_cold_start_names_the_next_release_in_its_first_frame(tmp_path, monkeypatch, shipped_snapshot):
    """As on an empty cache: the first frame, drawn from the view the loader process computed (stood in for, as
    in tests/test_korean.py), lacked the header's "next: ..." until the snapshot came."""
    data = copy_of_shipped_data(tmp_path)
    for path in data.iterdir():
        os.utime(path)  # just written: nothing cached, so the view can only come from the started load
    view = main_view(shipped_snapshot, parse_period("2026-01"))
    monkeypatch.setattr("core.runtime.isolated.started_view", lambda directory, lang: view)
    app = make_app(data)  # its clock: 2026-08-21 10:00 KST, after the 1-20 flash of 2026-08
    async with app.run_test(size=(160, 36)) as pilot:
        first = app.screen.query_one(StatusHeader).render().plain
        assert app.snapshot is None and app.start_view is view
        assert first.endswith("· next: 2026-08 release, 2026-09-01 09:00 KST"), first
        await wait_for_data(pilot)
        assert app.screen.query_one(StatusHeader).render().plain.endswith(first[first.index("· next") :])
