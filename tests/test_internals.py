"""tui/internals.py: what tradetop takes from Textual's and plotext's internals still does what it did. A failure
here after an upgrade names the internal that changed; the code to mend is in tui/internals.py alone."""

import pytest
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widgets import Static
from textual_plotext.plot import Plot

from tui.internals import KeepsCrash, figure_rows, mount_hidden, set_scroll_size, size_figure


class Failing(KeepsCrash):
    def on_mount(self) -> None:
        raise ZeroDivisionError("synthetic failure injected by the test")


def test_an_error_in_the_app_is_kept_and_no_traceback_is_printed(capfd):
    app = Failing()
    app.run(headless=True, size=(40, 10))
    assert isinstance(app.crash, ZeroDivisionError)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "synthetic failure" not in out + err


class Scrolling(App):
    def compose(self) -> ComposeResult:
        yield ScrollView()


@pytest.mark.anyio
async def test_a_new_scroll_size_updates_the_scrollbar_and_the_scroll_range():
    app = Scrolling()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ScrollView)
        assert not view.show_vertical_scrollbar
        set_scroll_size(view, Size(20, 100))  # at once, before any layout
        assert view.virtual_size == Size(20, 100) and view.show_vertical_scrollbar
        assert view.max_scroll_y == 100 - view.scrollable_content_region.height
        view.scroll_to(y=50, animate=False)
        await pilot.pause()
        assert view.scroll_offset.y == 50


class Hidden(Screen):
    mounted = 0

    def compose(self) -> ComposeResult:
        yield Static("hidden")

    def on_mount(self) -> None:
        self.mounted += 1


@pytest.mark.anyio
async def test_a_screen_mounted_hidden_is_composed_and_not_shown_until_pushed():
    app = Scrolling()
    async with app.run_test(size=(40, 10)) as pilot:
        screen = Hidden()
        app.install_screen(screen, "hidden")
        mount_hidden(app, screen)
        await pilot.pause()
        assert screen.is_mounted and screen.mounted == 1 and screen.query_one(Static)
        assert app.screen is not screen and isinstance(app.screen.query_one(ScrollView), ScrollView)
        app.push_screen("hidden")
        await pilot.pause()
        assert app.screen is screen and screen.mounted == 1  # shown as mounted, not composed again
        assert screen.query_one(Static).size.width == 40


def cells(text: Text) -> list[list[tuple[str, object, object]]]:
    """Each cell's character and its colours as RGB, line by line."""

    def rgb(color) -> object:
        return None if color is None else tuple(color.get_truecolor())

    console = Console()
    return [
        [
            (character, rgb(style.color), rgb(style.bgcolor))
            for offset, character in enumerate(line.plain)
            for style in [line.get_style_at_offset(console, offset)]
        ]
        for line in text.split("\n")
    ]


@pytest.mark.parametrize("size", [(40, 12), (61, 20)])
def test_the_figure_as_cells_is_the_figure_plotext_builds(size):
    plt = Plot()
    plt.subplots(2, 1)
    top, bottom = plt.subplot(1, 1), plt.subplot(2, 1)
    top.title("level")
    top.scatter([0, 1, 2, 3], [1, 4, 9, 16], marker="█", color=(95, 175, 215))
    bottom.plot([0, 1, 2, 3], [2, -1, 3, 0], marker="hd", color=(255, 95, 95))
    bottom.vertical_line(2, (255, 215, 95))
    plt.canvas_color((30, 30, 30))
    plt.axes_color((30, 30, 30))
    plt.ticks_color((224, 224, 224))
    size_figure(plt, *size)
    ours = Text("\n").join(Text.assemble(*row) for row in figure_rows(plt))
    built = Text.from_ansi(plt.build())  # plotext's own, public way: the figure as an ANSI string
    assert ours.plain.count("\n") == size[1] - 1 and {len(line) for line in ours.plain.split("\n")} == {size[0]}
    assert cells(ours) == cells(built)
