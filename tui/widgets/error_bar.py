"""The error bar under a screen's status line."""

from rich.text import Text
from textual.widgets import Static

from core.base.problems import Problem, summarised


class ErrorBar(Static):
    """Problems from the last load, as file:line lines; stays until a load succeeds."""

    DEFAULT_CSS = """
    ErrorBar {
        height: auto;
        max-height: 4;
        background: $error 30%;
        color: $text;
        padding: 0 1;
        display: none;
    }
    """

    shown: tuple[Problem | str, ...] = ()

    def show(self, problems: tuple[Problem | str, ...]) -> None:
        if problems == self.shown:
            return  # unchanged: no update, which would cost a layout pass
        self.shown = problems
        self.display = bool(problems)
        self.update(Text("\n".join(summarised(problems))))
