"""Text from data files, file names and servers reaches the terminal printable: control characters escaped.

The data is a copy of the shipped data with SYNTHETIC hostile names written into its catalog, and a SYNTHETIC
trade file whose name holds an escape sequence and a newline; the servers' answers are SYNTHETIC too.
"""

import csv
import html
import json
import shutil
import unicodedata

import official_responses as official
import pytest
from dashboard_helpers import copy_of_shipped_data, make_app, run_from_palette, wait_for_data
from test_fetch import run_fetch, service  # noqa: F401  (fixtures: the local stand-in for the customs service)

from core.base.fmt import printable
from tui.screens.story import StoryScreen

# OSC 0 sets the terminal's title, CSI 2J clears the screen, 0x9b is the one-byte (C1) CSI, U+202E reverses the
# text after it; the newline would forge a line of its own.
CHIPS = "Chips\x1b]0;pwned\x07\x1b[2J"
CHINA = "China\x9b31m\u202eX\nfake.csv:1: all good"
CHIPS_SHOWN = r"Chips\x1b]0;pwned\x07\x1b[2J"
CHINA_SHOWN = r"China\x9b31m\u202eX\nfake.csv:1: all good"
CHINA_CODE = "china\x9b"  # in the catalog and the trade file alike
DIRECTORY = "data\x1b]0;dir\x07"
DIRECTORY_SHOWN = r"data\x1b]0;dir\x07"
BAD_FILE = "bad\x1b]0;x\x07\nfake.csv:1: all good.csv"
BAD_FILE_SHOWN = r"bad\x1b]0;x\x07\nfake.csv:1: all good.csv"
FORGED = "fake.csv:1: all good"
UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, format characters (bidi), lone surrogates, line separators


def raw_controls(text: str) -> set[str]:
    """Characters a terminal could act on, other than the newlines between lines."""
    return {character for character in text if character != "\n" and unicodedata.category(character) in UNSAFE}


def forged(text: str) -> bool:
    return any(line.startswith(FORGED) for line in text.splitlines())


@pytest.fixture
def hostile(tmp_path):
    """The shipped data in a folder with a hostile name, with hostile catalog names and codes, and a trade file
    with a hostile name and an unknown code (a warning, so that `check` names the file)."""
    directory = copy_of_shipped_data(tmp_path).rename(tmp_path / DIRECTORY)
    with (directory / "catalog.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        if row["code"] == "semiconductors":  # the item and the flash item
            row["name_en"] = CHIPS
        if (row["dimension"], row["code"]) == ("partner", "china"):
            row["code"], row["name_en"] = CHINA_CODE, CHINA
    with (directory / "catalog.csv").open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monthly = directory / "monthly.csv"
    monthly.write_text(monthly.read_text().replace(",china,", f",{CHINA_CODE},"))
    (directory / BAD_FILE).write_text("period,flow,item,partner,value_usd\n2026-01,export,unobtainium,world,5\n")
    return directory


def shown(directory, *names: str) -> str:
    """The hostile directory's path (or a file's in it) as it should be printed."""
    return "/".join((str(directory.parent), DIRECTORY_SHOWN, *names))


def test_printable_escapes_controls_and_keeps_ordinary_text():
    assert printable("반도체 Semiconductors · 10%") == "반도체 Semiconductors · 10%"
    assert printable("\u3000no-break\u00a0space") == "\u3000no-break\u00a0space"
    assert printable(CHIPS) == CHIPS_SHOWN
    assert printable(CHINA) == CHINA_SHOWN
    assert printable("tab\there\r\x7f\u2028\udcff\U000e0041") == r"tab\there\r\x7f\u2028\udcff\U000e0041"


def test_check_names_a_hostile_file_on_one_escaped_line(hostile, run_cli):
    code, out, err = run_cli("check", "--data", str(hostile))
    assert code == 0, err
    assert f"{shown(hostile, BAD_FILE_SHOWN)}:2: warning: item code 'unobtainium' is not in the catalog" in out
    assert f"{shown(hostile)}: 8 files," in out
    assert not raw_controls(out + err) and not forged(out + err)


def test_check_errors_name_a_hostile_file_escaped(hostile, run_cli):
    (hostile / BAD_FILE).write_text("period,flow,item,partner,value_usd\n2026-01,export,total,world,x\n")
    (hostile / b"undecodable\xff.csv".decode("utf-8", "surrogateescape")).write_text("period,flow\n")
    code, out, err = run_cli("check", "--data", str(hostile))
    assert code == 1
    assert f"{shown(hostile, BAD_FILE_SHOWN)}:2: value_usd 'x' is not a number" in err
    assert f"{shown(hostile, 'undecodable')}\\udcff.csv:1: missing column" in err
    assert not raw_controls(out + err) and not forged(out + err)
    code, out, err = run_cli("brief", "--data", str(hostile))
    assert code == 1 and f"{BAD_FILE_SHOWN}:2:" in err
    assert not raw_controls(out + err) and not forged(out + err)


def test_brief_shows_hostile_names_escaped(hostile, run_cli):
    code, out, err = run_cli("brief", "--data", str(hostile), "--period", "2026-01", "--all")
    assert code == 0, err
    assert CHINA_SHOWN[:25] in out and CHIPS_SHOWN[:25] in out and f"data: {shown(hostile)} (" in out
    assert not raw_controls(out + err) and not forged(out)


def test_brief_json_holds_the_escaped_names(hostile, run_cli):
    code, out, err = run_cli("brief", "--json", "--data", str(hostile), "--period", "2026-01")
    assert code == 0, err
    assert not raw_controls(out)
    release = json.loads(out)
    assert {row["code"]: row["name"] for row in release["items"]}["semiconductors"] == CHIPS_SHOWN
    assert {row["code"]: row["name"] for row in release["partners"]}[r"china\x9b"] == CHINA_SHOWN
    assert release["data"]["directory"] == shown(hostile)


def test_brief_of_the_flash_month_shows_hostile_names_escaped(hostile, run_cli, tmp_path):
    # As before the release of 2026-08 (its release-day totals left out): 2026-08 is a flash month.
    pending = tmp_path / "pending" / hostile.name
    shutil.copytree(hostile, pending, ignore=shutil.ignore_patterns("release_prelim_2026.csv"))
    code, out, err = run_cli("brief", "--data", str(pending), "--period", "2026-08")
    assert code == 0, err
    assert f"\n  {CHIPS_SHOWN[:26]}… " in out  # a row of the flash items' table, the name clipped to 27 characters
    assert not raw_controls(out + err)


def screen_text(app) -> str:
    """The screen as rendered (Textual's SVG screenshot, its markup unescaped)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


@pytest.mark.anyio
async def test_the_monitor_shows_hostile_names_escaped(hostile):
    app = make_app(hostile)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for_data(pilot)
        screen = screen_text(app)
        assert f"{DIRECTORY_SHOWN}/ · latest" in screen  # the header
        assert BAD_FILE_SHOWN in screen and not raw_controls(screen)  # the red bar's warning
        await run_from_palette(pilot, "chips", r"go to item Chips\x1b")
        await wait_for_data(pilot)
        screen = screen_text(app)
        assert f">{CHIPS_SHOWN}<" in screen  # the breadcrumb's last piece
        assert f">{CHIPS_SHOWN}: $bn a month" in screen  # the plot's title
        assert not raw_controls(screen) and "\x1b" not in app.export_screenshot()
        await pilot.press("escape")
        await run_from_palette(pilot, "china", r"go to partner China\x9b")
        screen = screen_text(app)
        assert CHINA_SHOWN in screen and not raw_controls(screen)
        await pilot.press("question_mark")
        screen = screen_text(app)
        assert f"data: {shown(hostile)}" in screen and not raw_controls(screen)
        await pilot.press("escape", "escape", "n")  # the story: its headings are catalog names
        while not isinstance(app.screen, StoryScreen):
            await pilot.pause(0.02)
        await pilot.press("slash", *"chips")
        assert str(app.screen.query_one("#story").border_subtitle) == "1–5 of 5 matching “chips” · 80 in all"
        screen = screen_text(app)
        assert f">{CHIPS_SHOWN}" in screen and "since 2022, when the data begins" in screen
        assert not raw_controls(screen) and "\x1b" not in app.export_screenshot()


def test_a_hostile_service_message_is_printed_escaped(service, run_fetch):  # noqa: F811
    service.queue("totals", (200, official.service_error("busy\x9b31m\u202e\nfake.csv:1: all good")))
    code, out, err = run_fetch("--from", "2026-01")
    assert code == 1
    assert (
        err.splitlines()[-1]
        == r"fetch: totals 2026-01..2026-01: service error 99: busy\x9b31m\u202e\nfake.csv:1: all good"
    )
    assert not raw_controls(out + err) and not forged(err)


def test_a_hostile_ecos_error_and_file_name_are_printed_escaped(tmp_path, data_dir, run_cli):
    response = tmp_path / "answer\x1b[2J.json"
    response.write_text(
        json.dumps({"RESULT": {"CODE": "ERROR-100", "MESSAGE": "\x1b]0;pwned\x07\nfake.csv:1: all good"}})
    )
    code, out, err = run_cli("import", "ecos", str(response), "--to", str(data_dir))
    assert code == 1
    assert err.splitlines() == [
        rf"{tmp_path}/answer\x1b[2J.json: ECOS error ERROR-100: \x1b]0;pwned\x07\nfake.csv:1: all good"
    ]
    assert not raw_controls(out + err)
