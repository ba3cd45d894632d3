"""The catalog: codes of items and partners, their names, the sets they belong to, display order."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from core.base.fmt import printable
from core.base.subjects import ENGLISH, KOREAN

TOTAL_ITEM = "total"
WORLD = "world"
REST_OF_WORLD = "OTHER"  # the countries not named in an item-by-destination series, summed
ITEM_SET = "item_set"  # the dimension of the rows that say from which month the release used an item set


@dataclass(frozen=True)
class Entry:
    dimension: str
    code: str
    name_en: str
    name_ko: str
    sets: tuple[str, ...]
    order: float
    part_of: str = ""  # the code this one is a part of (hs8542 of semiconductors), or nothing
    first_month: int | None = None  # an item set's: the first month the release used it; None from the start
    aliases: tuple[str, ...] = ()  # names people type for it, in either language: "chips", "USA", "2차전지"


@dataclass(frozen=True)
class Catalog:
    entries: Mapping[tuple[str, str], Entry]
    language: str = ENGLISH  # of the names `name` gives (core.base.subjects.LANGUAGES)

    @classmethod
    def of(cls, entries: list[Entry]) -> "Catalog":
        return cls(MappingProxyType({(entry.dimension, entry.code): entry for entry in entries}))

    def in_language(self, lang: str) -> "Catalog":
        """The catalog naming in `lang`: every name chosen anywhere (tables, notables, brief, export) is its `name`."""
        return self if lang == self.language else replace(self, language=lang)

    def name(self, dimension: str, code: str) -> str:
        """The name in the catalog's language, else the English one, else the code itself (made printable) for a
        code the catalog does not know."""
        entry = self.entries.get((dimension, code))
        if entry is None:
            return printable(code)
        return (self.language == KOREAN and entry.name_ko) or entry.name_en or printable(code)

    def matches(self, dimension: str, code: str, query: str) -> bool:
        """Whether `query` is in the code, the English or Korean name or an alias, ignoring case: what `/` finds."""
        entry = self.entries.get((dimension, code))
        needle = query.casefold()
        names = (code, entry.name_en, entry.name_ko, *entry.aliases) if entry else (code,)
        return any(needle in name.casefold() for name in names)

    def aliases(self, dimension: str, code: str) -> tuple[str, ...]:
        entry = self.entries.get((dimension, code))
        return entry.aliases if entry else ()

    def codes(self, dimension: str) -> frozenset[str]:
        return frozenset(code for entry_dimension, code in self.entries if entry_dimension == dimension)

    def members(self, set_name: str, dimension: str) -> tuple[str, ...]:
        """Codes of a set in display order."""
        chosen = [e for e in self.entries.values() if e.dimension == dimension and set_name in e.sets]
        return tuple(e.code for e in sorted(chosen, key=lambda e: (e.order, e.code)))

    def parts(self, dimension: str, code: str) -> tuple[str, ...]:
        """Codes the catalog says are parts of `code` (hs8542 of semiconductors), in display order."""
        chosen = [e for e in self.entries.values() if e.dimension == dimension and e.part_of == code]
        return tuple(e.code for e in sorted(chosen, key=lambda e: (e.order, e.code)))

    def set_names(self, dimension: str) -> tuple[str, ...]:
        return tuple(sorted({s for e in self.entries.values() if e.dimension == dimension for s in e.sets}))

    def item_set_in_force(self, month: int) -> str | None:
        """The item set the release used in `month`: of the item_set rows, the one that came in last by then (a
        row without a first month from the start); None for a catalog without them, or a month before them all."""
        started = [
            (-1 if e.first_month is None else e.first_month, e.order, e.code)
            for e in self.entries.values()
            if e.dimension == ITEM_SET and (e.first_month is None or e.first_month <= month)
        ]
        return max(started)[2] if started else None
