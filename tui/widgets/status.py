"""The main screen's status header: month, flow, mode and data directory, and when the next figures come."""

from rich.text import Text

from core.base import fmt
from core.base.periods import describe_period, format_period
from core.base.subjects import FLOWS
from core.views.main_view import MainView
from tui.widgets.cells import file_time
from tui.widgets.status_line import StatusLine


class StatusHeader(StatusLine):
    """Period, flow and mode on the left; where the data came from, how fresh it is and the next release on the
    right, in the longest form that fits the width."""

    def show(
        self, view: MainView | None, flow: str, ytd: bool, directory, failed: bool = False, next_release: str = ""
    ) -> None:
        folder = fmt.printable(directory.name)  # a file name: it could hold an escape sequence
        if view is None:
            state = "no data could be loaded from" if failed else "loading"
            self.update(Text(f"tradetop · {state} {folder}/" + ("" if failed else " …")))
            return
        mode = "year to date" if ytd else "month"
        latest = f"latest {format_period(view.latest)}"
        files = file_time(view.newest_file_ns) if view.newest_file_ns else ""
        rights: tuple[str, ...] = (f"{folder}/ · {latest} · files {files}", f"{latest} · files {files[:10]}", latest)
        if next_release:  # first where it fits, the file time left out before it: when the next figures come
            with_next = (rights[0], f"{folder}/ · {latest}", latest)
            rights = tuple(f"{right} · {next_release}" for right in with_next) + rights
        self.update(
            Text.assemble(
                (format_period(view.month), "bold"),
                f" {describe_period(view.month)}",
                " · ",
                (FLOWS[flow].name, "bold"),
                f" · {mode}",
            ),
            rights,
        )
