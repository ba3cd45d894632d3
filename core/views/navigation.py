"""Which month to show: the one rule for the monitor (`tradetop`, its keys and reloads) and the command line
(`tradetop brief`).

The month asked for with --period, else the latest release. A month with flash figures and no release yet (the
preliminary month) opens as its flash, over the latest release. A month the data does not have: the monitor
falls back to the latest release and says so until the month shown changes; the brief refuses. New data moves
the monitor to a new latest month if it showed the latest, and keeps any other month while the data has it.
"""

from typing import TYPE_CHECKING, NamedTuple

from core.base.fmt import printable
from core.base.periods import format_period, parse_period
from core.engine.model import DEFAULT_ITEM_SET

if TYPE_CHECKING:
    from core.engine.snapshot import Snapshot

PERIOD_OPTION = "--period: "


class Landing(NamedTuple):
    """Where the monitor goes: a release month, and over it the flash of a month with only flash figures."""

    month: int  # the release month shown
    flash: int | None = None  # the month whose flash opens over `month`
    # Why `month` is not the month wanted, shown until the month shown changes; from a step past either end of the
    # data (stepped_month), why the month did not change, said once.
    notice: str | None = None

    @property
    def as_asked(self) -> bool:
        """The release month shown is the month that was wanted."""
        return self.flash is None and self.notice is None


def asked_month(period: str | None) -> int | None:
    """The month of --period (None without it, or empty); ValueError saying what is wrong with it, option first."""
    try:
        return parse_period(period) if period else None
    except ValueError as error:
        raise ValueError(f"{PERIOD_OPTION}{error}") from None


def start_month(snapshot: "Snapshot", asked: int | None) -> Landing:
    """The month the monitor opens on and the brief is of: `asked` (--period), else the latest release."""
    return _landing(snapshot, asked, on_command_line=True)


def reloaded_month(snapshot: "Snapshot", old_latest: int, shown: int, notice: str | None) -> Landing:
    """The month to show of new data, `shown` (with its `notice`) being shown of data whose latest was
    `old_latest`: a new latest month if the latest was shown, else the month shown while the data has it."""
    wanted = snapshot.latest if shown == old_latest < snapshot.latest else shown
    landing = _landing(snapshot, wanted, on_command_line=False)
    if landing.as_asked and landing.month == shown:
        return landing._replace(notice=notice)  # the month it is about is still shown
    return landing


def stepped_month(snapshot: "Snapshot", month: int, step: int) -> Landing:
    """`[` (-1) and `]` (+1) from a release month: the release before or after; after the latest, the preliminary
    month's flash while only its flash is out; past either end, the same month with a notice that says so."""
    months = snapshot.months
    position = months.index(month) + step
    if 0 <= position < len(months):
        return Landing(months[position])
    pending = snapshot.flash.pending
    if position == len(months) and pending is not None:
        return Landing(month, flash=pending)
    end = "first" if step < 0 else "latest"
    return Landing(month, notice=f"{format_period(month)} is the {end} month in the data")


def brief_month(snapshot: "Snapshot", asked: int | None) -> tuple[int, bool]:
    """The month the brief is of, and whether only its flash is out (start_month's rule); ValueError, saying why,
    for a month the data has neither a release nor a flash for: the brief refuses rather than show another."""
    landing = start_month(snapshot, asked)
    if landing.flash is not None:
        return landing.flash, True
    if asked is not None and landing.month != asked:
        covered = _covered(snapshot)
        raise ValueError(
            f"{PERIOD_OPTION}no release for {format_period(asked)} in {snapshot.directory} (the data covers {covered})"
        )
    return landing.month, False


def release_months_around(snapshot: "Snapshot", month: int) -> tuple[int, ...]:
    """The release months one key (`[`, `]`) from `month`, and it."""
    position = snapshot.months.index(month)
    return snapshot.months[max(0, position - 1) : position + 2]


def _landing(snapshot: "Snapshot", wanted: int | None, on_command_line: bool) -> Landing:
    latest = snapshot.latest
    if wanted is None or wanted in snapshot.months:
        return Landing(latest if wanted is None else wanted)
    if on_command_line and wanted in snapshot.flash.months:
        return Landing(latest, flash=wanted)
    # The header names the data directory: a long path here would take three lines of an 80-column screen.
    notice = (
        f"{PERIOD_OPTION * on_command_line}no release for {format_period(wanted)} "
        f"(data {_covered(snapshot)}); showing {format_period(latest)}"
    )
    return Landing(latest, notice=notice)


def _covered(snapshot: "Snapshot") -> str:
    return f"{format_period(snapshot.months[0])} to {format_period(snapshot.latest)}"


def item_set_shown(snapshot: "Snapshot", month: int, chosen: str | None = None) -> str:
    """The item set of a month's tables: the one chosen (`--set`, the `m` key), else the one the release used in
    that month (the catalog's item_set rows say from when), else motie15."""
    known = chosen in snapshot.catalog.set_names("item")
    return (chosen if known else None) or snapshot.catalog.item_set_in_force(month) or DEFAULT_ITEM_SET


def unknown_set_notice(snapshot: "Snapshot", chosen: str | None) -> str | None:
    """What the monitor says of a --set the catalog does not have (it shows the release's own set instead)."""
    known = snapshot.catalog.set_names("item")
    if chosen is None or chosen in known:
        return None
    unknown = f"--set: no item set {printable(chosen)!r} in the catalog (known: {', '.join(known)})"
    return f"{unknown}; showing the list the release used"


def next_item_set(snapshot: "Snapshot", month: int, shown: str) -> str | None:
    """What `m` chooses after `shown`: the catalog's next item set; None when that is the one the release used in
    the month, which the months then follow again."""
    sets = snapshot.catalog.set_names("item")
    after = sets[(sets.index(shown) + 1) % len(sets)] if shown in sets else sets[0] if sets else shown
    return None if after == item_set_shown(snapshot, month) else after
