"""Computed once, on first request: what a snapshot and its flash series derive (releases, views, nowcasts)."""

from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")
Memo = dict[tuple[object, ...], object]  # what was computed, by what it is of


class Memoised:
    """A mixin for frozen dataclasses with a `_memo` dict field. Public: the views (core.views) are memoised in the
    snapshot they are built from, so that they go with it when new data replaces it."""

    _memo: Memo

    def memoised(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """`compute()`, the first time `key` is asked for; a key names what it holds, so its value is always a T."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])
