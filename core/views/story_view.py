"""The story of a month: every notable of its release, grouped by subject, the subject of the most newsworthy
notable first and each subject's notables in their rank, numbered in the order listed; searchable by name
(English or Korean, from the catalog) and by text.

A subject's group says once where its data begins ("since 2022, when the data begins"), and its notables leave
that clause out. Numpy and the notables are imported when a view is built, not with this module: the help
screen, on the way to the first frame, imports it with the story screen.
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.catalog import WORLD
from core.base.subjects import ENGLISH, HEADLINE, HEADLINE_LINES
from core.engine.model import DEFAULT_ITEM_SET, Notable

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot


class StoryEntry(NamedTuple):
    number: int  # 1, 2, ... in the order the story lists its notables (of those that match a search)
    text: str  # without the group's "since 2022, when the data begins"
    kind: str


class StoryGroup(NamedTuple):
    """One subject's notables: a headline line, an item or a partner; an item's exports to one `partner`."""

    dimension: str
    code: str
    flow: str | None  # of an item's or a partner's notables (exports); None for a headline line's
    name: str  # "Exports", "Semiconductors", "United States"; "수출", "반도체", "미국" in Korean
    data_begins: str | None  # "since 2022, when the data begins", where the group's notables would each say it
    entries: tuple[StoryEntry, ...]
    partner: str = WORLD  # the destination of an item's exports to one partner ("HS 8542 to China")


class StoryView(NamedTuple):
    month: int
    flow: str  # of the release: its breadth is of this flow's items
    query: str  # what the notables were searched for; "" for all of them
    total: int  # the month's notables, whether they match or not
    groups: tuple[StoryGroup, ...]

    @property
    def listed(self) -> int:
        """The notables listed: all of them, or those that match the search."""
        return sum(len(group.entries) for group in self.groups)


def story_view(
    snapshot: "Snapshot",
    month: int,
    flow: str = "export",
    item_set: str = DEFAULT_ITEM_SET,
    query: str = "",
    lang: str = ENGLISH,
) -> StoryView:
    """The month's notables by subject, their names in `lang`. With a `query`, a subject whose name (in either
    language) or code holds it keeps all its notables, and the others keep those whose text holds it (case
    ignored)."""
    import numpy as np

    from core.engine.notables.wording import since

    notables = snapshot.release(month, flow, item_set, lang).notables
    catalog = snapshot.catalog.in_language(lang)
    by_subject: dict[tuple[str, str, str], list[Notable]] = {}
    for notable in notables:  # most newsworthy first: each subject comes where its first notable does
        by_subject.setdefault((notable.dimension, notable.subject, notable.partner or WORLD), []).append(notable)
    needle = query.strip().casefold()
    groups, number = [], 0
    for (dimension, code, partner), found in by_subject.items():
        subject_flow = found[0].flow
        known = np.flatnonzero(~np.isnan(snapshot.subject_series(dimension, code, subject_flow or flow, partner)))
        # As the subject's claims say it when they look back to its first month (core.engine.notables).
        begins = since(snapshot.first_month + int(known[0]), True) if len(known) else None
        if dimension == HEADLINE:
            line = HEADLINE_LINES[code]
            name = line.in_language(lang).label
            named = any(needle in text.casefold() for text in (code, line.label, line.title, line.name_ko))
        else:
            name = catalog.name(dimension, code)
            named = catalog.matches(dimension, code, needle)
            if partner != WORLD:  # "Integrated circuits (HS 8542) to China", found by either name
                name = f"{name} to {catalog.name('partner', partner)}"
                named = named or catalog.matches("partner", partner, needle)
        texts = [
            (notable.text.replace(f" {begins}", "") if begins else notable.text, notable.kind) for notable in found
        ]
        shown = texts if named else [(text, kind) for text, kind in texts if needle in text.casefold()]
        if not shown:
            continue
        said = begins if any(begins in notable.text for notable in found if begins) else None
        entries = tuple(StoryEntry(number + offset, text, kind) for offset, (text, kind) in enumerate(shown, 1))
        number += len(entries)
        groups.append(StoryGroup(dimension, code, subject_flow, name, said, entries, partner))
    return StoryView(month, flow, query.strip(), len(notables), tuple(groups))
