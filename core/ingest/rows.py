"""Validated rows as numpy columns (`Rows`): what the loader gives the engine, whichever reader read the
files."""

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np

NOT_DATED = np.iinfo(np.int64).min  # NaT as a day number: undated rows sort as the oldest


class Rows:
    """Validated rows as numpy columns: month (int64, see core.base.periods), window (flash rows only), flow,
    item, partner, source and file (str objects), value_usd (float64), released (datetime64[D], NaT when
    undated) and line (int64); any other column is a measure of the files' own, such as weight_kg (float64, NaN
    where a row has none: `measures`)."""

    def __init__(self, columns: Mapping[str, np.ndarray]):
        self.columns = MappingProxyType(dict(columns))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return len(self.columns["month"])

    @property
    def empty(self) -> bool:
        return len(self) == 0

    def selected(self, which: np.ndarray) -> "Rows":
        """The rows a boolean mask or an array of positions picks, in its order."""
        return Rows({name: column[which] for name, column in self.columns.items()})

    @property
    def measures(self) -> tuple[str, ...]:
        """The extra numeric columns, such as weight_kg."""
        return tuple(name for name in self.columns if name not in _ROW_DTYPES)

    @classmethod
    def concatenated(cls, parts: Sequence["Rows"], with_window: bool) -> "Rows":
        names = _ROW_COLUMNS + (("window",) if with_window else ())
        columns = {
            name: np.concatenate([part[name] for part in parts]) if parts else np.array([], _ROW_DTYPES[name])
            for name in names
        }
        for measure in dict.fromkeys(name for part in parts for name in part.measures):
            columns[measure] = np.concatenate([part.columns.get(measure, np.full(len(part), np.nan)) for part in parts])
        return cls(columns)

    def key_codes(self, columns: Sequence[str]) -> np.ndarray:
        """A number per row for its combination of values in `columns`, ordered as the combinations sort."""
        combined, span = np.zeros(len(self), np.int64), 1
        for name in columns:
            codes, count = sorted_codes(self[name])
            if span * count >= 2**62:  # renumber the combinations so far, densely
                _, combined = np.unique(combined, return_inverse=True)
                span = int(combined.max(initial=0)) + 1
            combined, span = combined * count + codes, span * count
        return combined

    def series(self, columns: Sequence[str]) -> tuple[list[tuple[Any, ...]], np.ndarray]:
        """The distinct combinations of `columns`, in the order they first appear, and each row's number
        among them."""
        _, firsts, inverse = np.unique(self.key_codes(columns), return_index=True, return_inverse=True)
        order = np.argsort(firsts, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        chosen = firsts[order]
        return list(zip(*(self[name][chosen].tolist() for name in columns), strict=True)), rank[inverse.ravel()]


_ROW_COLUMNS = ("month", "flow", "item", "partner", "value_usd", "released", "source", "file", "line")
_ROW_DTYPES: dict[str, Any] = {
    "month": np.int64,
    "value_usd": np.float64,
    "released": "datetime64[D]",
    "line": np.int64,
}
_ROW_DTYPES |= dict.fromkeys(("window", "flow", "item", "partner", "source", "file"), object)


def sorted_codes(column: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value's position among the column's distinct values, sorted (text by code point), and their count."""
    if column.dtype != object:
        uniques, codes = np.unique(column, return_inverse=True)
        return codes.ravel().astype(np.int64), len(uniques)
    values = column.tolist()
    position = {value: number for number, value in enumerate(sorted(dict.fromkeys(values)))}
    return np.fromiter(map(position.__getitem__, values), np.int64, len(values)), len(position)
