"""Problems found in data files, reported as `file:line: what is wrong (what was expected)`."""

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from core.base.fmt import printable

PROBLEMS_PER_KIND = 50  # shown of each kind before the rest of it are counted in one line
# What differs between problems of one kind: the values they quote (Python's repr of a string, either quote, with
# backslash escapes; written unrolled, twice as fast as an alternation) and numbers.
_PARTICULARS = re.compile(r"'[^'\\]*(?:\\.[^'\\]*)*'" r'|"[^"\\]*(?:\\.[^"\\]*)*"' r"|\d+")


class Problem(NamedTuple):  # a named tuple (ordered, immutable) rather than a dataclass: cheaper to define at start-up
    path: str
    line: int | None
    message: str
    is_warning: bool = False
    stands_for: int = 1  # problems this line counts: more than 1 for "… more problems not shown"

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

    # Pickled back from the loader process with its problems, not its message.
    def __reduce__(self) -> tuple[type["DataError"], tuple[list[Problem]]]:
        return DataError, (list(self.problems),)


def _kind(problem: "Problem | str") -> tuple[bool, str]:
    """Warning or error, and the message without its particulars: `partner code 'x9' is not in the catalog`
    and `partner code 'y7' ...` are of one kind, wherever they are. A notice (a plain string) is its own kind."""
    if isinstance(problem, str):
        return False, problem
    return problem.is_warning, _PARTICULARS.sub("…", problem.message)


def summarised(problems: Iterable["Problem | str"], per_kind: int = PROBLEMS_PER_KIND) -> list[str]:
    """The problems as lines, in order, at most `per_kind` of each kind; the last one shown of a kind is followed
    by one line that counts the rest of that kind."""
    problems = list(problems)
    kinds = [_kind(problem) for problem in problems]
    totals = Counter(kinds)
    lines, shown = [], dict.fromkeys(totals, 0)
    for problem, kind in zip(problems, kinds, strict=True):
        if shown[kind] < per_kind:
            shown[kind] += 1
            lines.append(str(problem))
            if shown[kind] == per_kind < totals[kind]:
                lines.append(f"… and {totals[kind] - per_kind:,} more of the same kind")
    return lines
