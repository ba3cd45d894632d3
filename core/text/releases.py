"""The release calendar in words: the header's "next:" line, `tradetop calendar`'s list, the brief's JSON."""

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from core.base.periods import format_period
from core.base.release_calendar import ReleaseDate, missed, upcoming

WINDOWS = {"flash-1-10": "1-10", "flash-1-20": "1-20"}
UNKNOWN_PRACTICE = "what the release does then is not known"


def what(entry: ReleaseDate) -> str:
    """'2026-10 release', '2026-10 flash (days 1-10)'."""
    kind = "release" if entry.kind == "release" else f"flash (days {WINDOWS[entry.kind]})"
    return f"{format_period(entry.period)} {kind}"


def when(entry: ReleaseDate) -> str:
    """'2026-11-01 09:00 KST', and '(expected)' where the rule's day is a weekend or a holiday."""
    return f"{entry.at:%Y-%m-%d %H:%M} KST" + (" (expected)" if entry.expected else "")


def next_release_text(entry: ReleaseDate | None) -> str:
    """The header's 'next: 2026-10 release, 2026-11-01 09:00 KST'; empty when nothing is known."""
    return "" if entry is None else f"next: {what(entry)}, {when(entry)}"


class ReleaseNote(NamedTuple):
    """The header's note on releases (next_release_line). Where the files lack releases that are out, `short` is
    its shortest form: the note stays in view at any width, in place of what the figures are if need be; empty
    where it is the next release, which gives way first."""

    text: str = ""
    short: str = ""


def missed_note(entries: tuple[ReleaseDate, ...]) -> ReleaseNote:
    """'2026-11 out 2026-12-01, not in these files'; with more than one, each month and no date ('2026-10, 2026-11
    out, ...', as short), and as short as 'files lack 2026-10, 2026-11': how far behind the files are."""
    months = ", ".join(dict.fromkeys(format_period(entry.period) for entry in entries))
    when = "" if "," in months else f" {entries[-1].at:%Y-%m-%d}"
    return ReleaseNote(f"{months} out{when}, not in these files", f"files lack {months}")


def next_release_line(moment: datetime, dates: Iterable[ReleaseDate], latest: int) -> ReleaseNote:
    """The header's note for `moment`, from a snapshot's schedule (core.base.release_calendar.upcoming): releases
    out that the files (whose newest month is `latest`) lack come before the next one."""
    dates = tuple(dates)
    out = missed(moment, dates, latest)
    if out:
        return missed_note(out)
    return ReleaseNote(next_release_text(next(iter(upcoming(moment, dates, count=1)), None)))


def why(entry: ReleaseDate) -> str:
    """What a listed date's note says, or why a date is only expected; empty for the rule on a working day."""
    if entry.listed:
        return f"calendar.csv{': ' + entry.note if entry.note else ''}"
    if entry.expected:
        return f"expected ({entry.at:%A})" if entry.at.weekday() >= 5 else "expected (a public holiday)"
    return ""


def calendar_text(
    dates: tuple[ReleaseDate, ...], moment: datetime, directory: str, out: tuple[ReleaseDate, ...] = ()
) -> str:
    """`tradetop calendar`: the releases `out` by `moment` that the files lack, the next releases after it, one a
    line, then the rule."""
    lines = [f"Out and not in the data: {what(entry)}, {when(entry)}" for entry in out] + [
        f"Next releases after {moment:%Y-%m-%d %H:%M} KST (data: {directory})"
    ]
    lines += [f"  {entry.at:%Y-%m-%d %a %H:%M} KST  {what(entry):<26} {why(entry)}".rstrip() for entry in dates]
    return "\n".join(
        [
            *lines,
            "",
            "By the rule, a month's release comes out on the 1st of the next month and its flashes on the 11th",
            "and the 21st, at 09:00 KST. Where that day is a weekend or a public holiday the date is expected:",
            f"{UNKNOWN_PRACTICE}.",
            "A calendar.csv in the data directory (date,kind,period) lists dates that replace the rule's.",
        ]
    )


def release_json(entry: ReleaseDate | None) -> dict[str, object] | None:
    """The brief's `next_release`."""
    if entry is None:
        return None
    return {
        "period": format_period(entry.period),
        "kind": entry.kind,
        "at": entry.at.isoformat(),
        "expected": entry.expected,
        "from": "calendar.csv" if entry.listed else "rule",
        "note": entry.note,
        "text": next_release_text(entry),
    }
