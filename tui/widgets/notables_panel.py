"""The main screen's pane of the month's notables."""

from tui.widgets.text_pane import TextPane


class NotablesPanel(TextPane):
    """The release's notable facts, most newsworthy first, then the breadth line."""

    DEFAULT_CSS = """
    NotablesPanel {
        height: 1fr;
        min-height: 3;
        border: round $panel-lighten-2;
        border-title-color: $text;
        padding: 0 1;
        color: $text-muted;
        overflow-x: hidden;
    }
    NotablesPanel:focus {
        border: heavy $accent;
        color: $text;
    }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.border_title = "Notable"
