"""Problems found in data files, reported as `file:line: what is wrong (what was expected)`."""

from typing import NamedTuple

from .fmt import printable


class Problem(NamedTuple):  # a named tuple (ordered, immutable) rather than a dataclass: cheaper to define at start-up
    path: str
    line: int | None
    message: str
    is_warning: bool = False

    def __str__(self) -> str:
        """One printable line: file names and quoted values come from outside and may hold escape sequences."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        label = "warning: " if self.is_warning else ""
        return printable(f"{where}: {label}{self.message}")


class DataError(Exception):
    """The data cannot be used as it is; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self):  # pickled back from the loader process with its problems, not its message
        return DataError, (list(self.problems),)
