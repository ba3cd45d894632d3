"""The main screen's pane of the month's notables."""

from tui.widgets.text_pane import TextPane


class NotablesPanel(TextPane):
    """The release's notable facts, most newsworthy first, then the breadth line."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.border_title = "Notable"
