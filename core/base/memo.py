"""Computed once, on first request: what a snapshot and its flash series derive (releases, views, nowcasts)."""

from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")
Memo = dict[tuple[object, ...], object]  # what was computed, by what it is of


class Memoised:
    """A mixin for frozen dataclasses with a `_memo` dict field."""

    _memo: Memo

    def _memoised(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])
