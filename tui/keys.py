"""The keys every screen answers to: the key bar shows them (short labels, paired keys grouped so that it
fits 80 columns), the help lists them with their tooltips, and the README's key table is checked against them."""

from textual.binding import Binding

MONTH_KEYS = Binding.Group("Month", compact=True)
FLOW_KEYS = Binding.Group("Exp/Imp")
PANE_KEYS = Binding.Group("Pane")

# Key bar labels are short and paired keys grouped so the footer fits 80 columns; help shows the tooltips.
APP_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("q", "quit", "Quit", tooltip="quit", id="quit"),
    # As every terminal program: not Textual's "press ctrl+q"; a priority binding, so the search line quits too.
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="quit, as q", id="interrupt"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="quit, as q (Textual's own key)", id="ctrl-q"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="this help", id="help"),
    Binding(
        "left_square_bracket",
        "step_month(-1)",
        "Prev",
        key_display="[",
        group=MONTH_KEYS,
        tooltip="previous month",
        id="previous-month",
    ),
    Binding(
        "right_square_bracket",
        "step_month(1)",
        "Next",
        key_display="]",
        group=MONTH_KEYS,
        tooltip="next month, then the preliminary flash month",
        id="next-month",
    ),
    Binding("e", "flow('export')", "Exp", group=FLOW_KEYS, tooltip="items and partners of exports", id="exports"),
    Binding("i", "flow('import')", "Imp", group=FLOW_KEYS, tooltip="items and partners of imports", id="imports"),
    Binding(
        "y", "toggle_ytd", "YTD", tooltip="cards, tables, release line: the month / the year to date", id="year-to-date"
    ),
    Binding("r", "reload", "Reload", tooltip="reload the data files", id="reload"),
    Binding(
        "c",
        "copy",
        "Copy",
        show=False,  # the key bar has no room at 80 columns: the help, the palette and the README say it
        tooltip="copy the focused table (TSV) or text (OSC 52)",
        id="copy",
    ),
    Binding(
        "p",
        "save_screenshot",
        "Shot",
        show=False,
        tooltip="SVG screenshot into $TRADETOP_SCREENSHOTS or cwd",
        id="screenshot",
    ),
    Binding(
        "L",
        "switch_language",
        "Lang",
        show=False,
        tooltip="names in English / 한국어 (Korean)",
        id="language",
    ),
    Binding("h", "focus_previous", "Prev", show=False, group=PANE_KEYS, tooltip="previous pane", id="pane-left"),
    Binding("l", "focus_next", "Next", show=False, group=PANE_KEYS, tooltip="next pane", id="pane-right"),
    # A priority binding, so that it suspends from the help, the palette and every other screen too.
    Binding(
        "ctrl+z",
        "suspend_process",
        "Suspend",
        show=False,
        priority=True,
        tooltip="suspend to the shell; `fg` comes back",
        id="suspend",
    ),
]
