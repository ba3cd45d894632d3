"""The main screen's status header: month, flow and mode; what the figures are, where they were read from and
when the next figures come."""

from rich.text import Text

from core.base import fmt
from core.base.periods import describe_period, format_period
from core.base.subjects import FLOWS
from core.text.releases import ReleaseNote
from core.views.main_view import MainView, header_notes
from tui.widgets.status_line import StatusLine


class StatusHeader(StatusLine):
    """Period, flow and mode on the left; on the right, in the longest form that fits the width, the figures' release
    date or basis, the data directory, when its files last changed and the next release, or the releases out that
    the files lack, kept at any width (core.views.main_view.header_notes)."""

    def show(
        self, view: MainView | None, flow: str, ytd: bool, directory, failed: bool, next_release: ReleaseNote
    ) -> None:
        if view is None:
            folder = fmt.printable(directory.name)  # a file name: it could hold an escape sequence
            state = "no data could be loaded from" if failed else "loading"
            self.update(Text(f"tradetop · {state} {folder}/" + ("" if failed else " …")))
            return
        what = Text.assemble(" · ", (FLOWS[flow].name, "bold"), " · year to date" if ytd else " · month")
        month = Text(format_period(view.month), style="bold")
        self.update(
            Text.assemble(month, f" {describe_period(view.month)}", what),
            header_notes(view, directory, *next_release),
            short_left=Text.assemble(month, what),  # where the month's name would push out the notes
        )
