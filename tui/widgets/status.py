"""The status header (month, flow, mode, data directory) and the error bar under it."""

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from core.base import fmt
from core.base.periods import describe_period, format_period
from core.base.problems import Problem, summarised
from core.engine.model import MainView
from tui.widgets.cells import FLOW_NAMES, file_time


class StatusHeader(Widget):
    """Period, flow and mode on the left; where the data came from and how fresh it is on the right,
    in the longest form that fits the width."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.left, self.rights = Text(""), ()

    def show(
        self, view: MainView | None, flow: str, ytd: bool, directory, failed: bool = False, next_release: str = ""
    ) -> None:
        folder = fmt.printable(directory.name)  # a file name: it could hold an escape sequence
        if view is None:
            state = "no data could be loaded from" if failed else "loading"
            self.left, self.rights = Text(f"tradetop · {state} {folder}/" + ("" if failed else " …")), ()
        else:
            mode = "year to date" if ytd else "month"
            self.left = Text.assemble(
                (format_period(view.month), "bold"),
                f" {describe_period(view.month)}",
                " · ",
                (FLOW_NAMES[flow], "bold"),
                f" · {mode}",
            )
            latest = f"latest {format_period(view.latest)}"
            files = file_time(view.newest_file_ns) if view.newest_file_ns else ""
            self.rights = (f"{folder}/ · {latest} · files {files}", f"{latest} · files {files[:10]}", latest)
            if next_release:  # first where it fits, the file time left out before it: when the next figures come
                with_next = (self.rights[0], f"{folder}/ · {latest}", latest)
                self.rights = tuple(f"{right} · {next_release}" for right in with_next) + self.rights
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        for right in self.rights:
            gap = width - self.left.cell_len - len(right)
            if gap >= 2:
                return self.left + Text(" " * gap) + Text(right, style="dim")
        return self.left


class ErrorBar(Static):
    """Problems from the last load, as file:line lines; stays until a load succeeds."""

    shown: tuple = ()

    def show(self, problems: tuple[Problem, ...] | tuple[str, ...]) -> None:
        if problems == self.shown:
            return  # unchanged: no update, which would cost a layout pass
        self.shown = problems
        self.display = bool(problems)
        self.update(Text("\n".join(summarised(problems))))
