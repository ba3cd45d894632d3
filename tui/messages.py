"""What the app's worker threads post back to it: a snapshot loaded, a load failed, the data files changed."""

from typing import TYPE_CHECKING

from textual.message import Message

from core.base.problems import Problem
from core.engine.model import Arrival

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot


class SnapshotLoaded(Message):
    def __init__(self, snapshot: "Snapshot", arrival: Arrival | None):
        super().__init__()
        self.snapshot = snapshot
        self.arrival = arrival  # what is new since the last snapshot; None for the first


class LoadFailed(Message):
    def __init__(self, problems: tuple[Problem, ...]):
        super().__init__()
        self.problems = problems


class DataChanged(Message):
    """The watcher saw a settled burst of changes to the data files."""
