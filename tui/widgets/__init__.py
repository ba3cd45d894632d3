"""The dashboard's widgets, one per module. Imported lazily (as Textual's own widgets are), so that the first
frame imports only the widgets it draws and plotext waits until a plot is shown."""

from importlib import import_module
from typing import Any

WIDGETS = {
    "ErrorBar": "error_bar",
    "FigureTable": "figure_table",
    "FlashItemsTable": "flash_items",
    "FlashPane": "flash_pane",
    "FlashPlot": "flash_plot",
    "HeadlineCards": "headline_cards",
    "KeyBar": "key_bar",
    "MonthsPlot": "months_plot",
    "NotablesPanel": "notables_panel",
    "OverviewPlot": "overview_plot",
    "ReleaseFactsLine": "release_facts",
    "ReleaseTable": "release_table",
    "SearchBar": "search_bar",
    "SplitTable": "split_table",
    "StatusHeader": "status",
    "StatusLine": "status_line",
    "StoryPane": "story_pane",
    "TextPane": "text_pane",
    "TooSmall": "too_small",
}
__all__ = sorted(WIDGETS)


def __getattr__(name: str) -> Any:
    if name not in WIDGETS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{WIDGETS[name]}"), name)
