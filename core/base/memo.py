"""Computed once, on first request: what a snapshot and its flash series derive (releases, views, nowcasts)."""


class Memoised:
    """A mixin for frozen dataclasses with a `_memo` dict field."""

    _memo: dict

    def _memoised(self, key: tuple, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
