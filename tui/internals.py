"""Every use of a library's internals in tradetop, each where no public API does the job, so that an upgrade
that changes one breaks here, and tests/test_internals.py says which. Nothing else in tui/ or core/ reaches into
Textual, Rich or plotext beyond their public API.

The plotext figure is typed loosely (no plotext import here): this module is on the way to the first frame,
which must not import plotext."""

from functools import lru_cache
from typing import Any

from rich.color import Color
from rich.style import Style
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView


class KeepsCrash(App):
    """An app that keeps its first unexpected error in `crash` (for the `tradetop` command to log) and drops the
    traceback (with locals) that Textual would print on the terminal at exit.

    Textual's one way in for an error that escaped a handler, widget, timer or worker is App._handle_exception;
    it has no public hook. Checked end to end by tests/test_process.py (a crash is one line on the terminal)."""

    crash: BaseException | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """A line-API view's new virtual size without a layout pass: a full one (`view.virtual_size = size`) makes
    Textual repaint every scroll view's scrollbar a frame later. The scrollbars update here, and ask for a layout
    themselves only if one shows or hides. Textual does this in ScrollView._scroll_update, which has no public
    counterpart."""
    view.set_reactive(ScrollView.virtual_size, size)
    view._scroll_update(size)


def mount_hidden(app: App, screen: Screen) -> None:
    """An installed screen composed and mounted without being shown, so that pushing it later only lays it out and
    paints it. Textual mounts a screen when it is first pushed, in App._get_screen, which has no public
    counterpart."""
    app._get_screen(screen)


def size_figure(plt: Any, width: int, height: int) -> None:
    """The plotext figure `width` x `height` cells. As textual_plotext's PlotextPlot.render does: plotsize alone
    may keep the size of the terminal (textual-plotext issue 5)."""
    plt.plotsize(width, height)
    plt._set_size(width, height)


def figure_rows(plt: Any) -> list[list[tuple[str, Style]]]:
    """The plotext figure's rows, top first, each as runs of cells in the same colours: built as plotext's build()
    builds it but without its last step, the ANSI string (making it and decoding it again took half of a
    drilldown's paint). plotext has no public way to the figure's cells."""
    plt._set_sizes()
    plt._build_matrix()
    matrix = plt.monitor.matrix
    rows = []
    for row in reversed(range(matrix.rows)):  # the matrix is bottom row first
        glyphs = matrix.marker[row]
        colours = list(zip(matrix.fullground[row], matrix.background[row], strict=True))
        runs, start = [], 0
        for column in range(1, matrix.cols + 1):
            if column == matrix.cols or colours[column] != colours[start]:
                runs.append(("".join(glyphs[start:column]), cell_style(*colours[start])))
                start = column
        rows.append(runs)
    return rows


@lru_cache(maxsize=256)
def cell_style(foreground: Any, background: Any) -> Style:
    """A plotext colour pair as a style: RGB tuples or 256-colour numbers; anything else (`default`) is no
    colour. The plots use no text styles."""

    def colour(value: Any) -> Color | None:
        if isinstance(value, tuple):
            return Color.from_rgb(*value)
        return Color.from_ansi(value) if isinstance(value, int) else None

    return Style(color=colour(foreground), bgcolor=colour(background))
