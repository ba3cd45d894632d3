"""Computed once, on first request: what a snapshot and its flash series derive (releases, views, nowcasts)."""

from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")


class Memoised:
    """A mixin for frozen dataclasses with a `_memo` dict field, which `dataclasses.replace` starts afresh
    (`init=False`): a copy with other figures must not answer from the original's memo."""

    _memo: dict[tuple[object, ...], object]

    def _memoised(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """`compute()`, the first time `key` is asked for; a key names what it holds, so its value is always a T."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])
