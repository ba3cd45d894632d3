"""How figures and outside text are written, the same in the text brief and on the dashboard; None reads as 'n/a'."""

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import accumulate

MISSING = "n/a"
# What a terminal could act on: controls (C0, DEL, C1: escape sequences), format characters (bidi overrides,
# zero-width), lone surrogates (undecodable bytes of a file name) and line or paragraph separators.
UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """Text from outside (data files, file names, servers) made safe for a terminal: those characters shown
    escaped as Python writes them (ESC as \\x1b, a newline as \\n, U+202E as \\u202e); Korean and the rest as is."""
    if text.isprintable():  # nearly always: no per-character work
        return text
    import unicodedata  # only for text that needs it, not on the way to the first frame

    return "".join(
        repr(character)[1:-1] if unicodedata.category(character) in UNPRINTABLE_CATEGORIES else character
        for character in text
    )


def usd(value: float | None, signed: bool = False) -> str:
    """$65.84bn, $512.3mn, $0.17mn; a sign in front when signed or negative."""
    return usd_forms(value, signed)[0]


def usd_forms(value: float | None, signed: bool = False) -> tuple[str, ...]:
    """An amount from its longest form to its shortest, each with all its whole digits, for a pane without room
    for the first: $65.84bn, $65.8bn, then 65.8 (in $bn: the pane says the unit). One signed format in every
    form: the sign first, then the $ (-$4.74bn, -$4.7bn, -4.7); under $1mn in millions too ($0.17mn, not
    $168,408 beside $65.84bn), down to $5,000 ($0.01mn): below, in dollars ($22, $0), not as a zero in millions."""
    if value is None:
        return (MISSING,)
    sign = "-" if value < 0 else "+" if signed else ""
    size = abs(value)
    if size >= 1e9:
        forms = [f"${size / 1e9:,.2f}bn", f"${size / 1e9:,.1f}bn"]
    elif size >= 1e6:
        forms = [f"${size / 1e6:,.1f}mn", f"${size / 1e6:,.0f}mn"]
    else:
        millions = f"{size / 1e6:.2f}"
        forms = [f"${millions}mn" if millions != "0.00" else f"${size:,.0f}"]  # never a zero in millions
    return tuple(sign + form for form in (*forms, f"{size / 1e9:,.1f}"))


def _money(value: float | None, signed: bool = False) -> tuple[str, ...]:
    """The forms that keep their unit, two at most: a table's rows mix $bn and $mn (under $1mn there is one)."""
    forms = usd_forms(value, signed)
    return forms[: max(1, min(2, len(forms) - 1))]


def _signed_money(value: float | None) -> tuple[str, ...]:
    return _money(value, signed=True)


def unit_value(value: float | None) -> str:
    """Dollars per unit of weight (per kg): $13,733, $8.42."""
    if value is None:
        return MISSING
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"


def usd_range(low: float, high: float) -> str:
    """$88.59–97.18bn: the unit written once when both ends share it."""
    low_text, high_text = usd(low), usd(high)
    for unit in ("bn", "mn"):
        if low_text.endswith(unit) and high_text.endswith(unit) and high_text.startswith("$"):
            return f"{low_text[: -len(unit)]}–{high_text[1:]}"
    return f"{low_text}–{high_text}"


def round_usd(value: float) -> str:
    """A round amount as said aloud: $60bn, $1.2bn, $500mn."""
    if value >= 1e9:
        return f"${value / 1e9:,g}bn"
    return f"${value / 1e6:,g}mn" if value >= 1e6 else f"${value:,g}"


# Decimals a change may take before it reads as zero: a YoY under 0.005% is no change worth a sign, but a
# contribution to growth is small by nature (Ships' -0.004pp in 2026-01).
PCT_DECIMALS, PP_DECIMALS = 2, 3


def _signed(value: float, decimals: int = PCT_DECIMALS) -> str:
    """With its sign, so a change reads without colour. One decimal; more, up to `decimals`, where fewer would read
    0.0, so that a fall of 0.04% keeps its sign (-0.04); a change that rounds to zero even so has no sign (0.0)."""
    for places in range(1, decimals + 1):
        text = f"{value:+.{places}f}"
        if text.strip("+-0."):
            return text
    return "0.0"


def reads_zero(value: float, decimals: int = PCT_DECIMALS) -> bool:
    """Whether a change is written without a sign (0.0): it rounds to zero even at `decimals`."""
    return _signed(value, decimals) == "0.0"


def _whole(value: float, decimals: int = PCT_DECIMALS) -> str:
    """A change without decimals, for a narrow pane: its sign wherever _signed gives it one, even where it rounds
    to 0 (-0.04 is -0)."""
    return "0" if reads_zero(value, decimals) else f"{value:+.0f}"


def pct(value: float | None) -> str:
    return pct_forms(value)[0]


def pct_forms(value: float | None) -> tuple[str, ...]:
    """A change in %, then without its decimals for a narrow pane: +33.9%, +34%."""
    return (MISSING,) if value is None else (f"{_signed(value)}%", f"{_whole(value)}%")


def share(value: float | None) -> str:
    return share_forms(value)[0]


def share_forms(value: float | None) -> tuple[str, ...]:
    return (MISSING,) if value is None else (f"{value:.1f}%", f"{value:.0f}%")


def pp(value: float | None) -> str:
    return pp_forms(value)[0]


def pp_forms(value: float | None) -> tuple[str, ...]:
    """A change in percentage points, then without its decimals: +10.6pp, +11pp; -0.004pp, -0pp."""
    return (MISSING,) if value is None else (f"{_signed(value, PP_DECIMALS)}pp", f"{_whole(value, PP_DECIMALS)}pp")


def days(value: float | None, signed: bool = False) -> str:
    return MISSING if value is None else (_signed(value) if signed else f"{value:.1f}")


# East Asian Wide and Fullwidth characters (Hangul, CJK) take two cells of a terminal, as Rich and tmux count them.
WIDE = frozenset({"W", "F"})


def cells(text: str) -> int:
    """The terminal cells `text` takes: two for a wide (Korean) character, none for a combining mark."""
    return len(text) if text.isascii() else sum(map(_cell_width, text))  # ASCII, nearly always: no per-character work


def _cell_width(character: str) -> int:
    import unicodedata  # only for text that needs it, not on the way to the first frame

    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in WIDE else 1


def clipped(name: str, width: int) -> str:
    """A name cut to `width` cells, never by its count of characters, with an ellipsis that says it was cut."""
    if cells(name) <= width:
        return name
    used = accumulate(map(_cell_width, name))  # cells up to and with each character
    end = next(index for index, cells_used in enumerate(used) if cells_used > width - 1)  # a cell for the ellipsis
    return name[:end] + "…"


def padded(name: str, width: int) -> str:
    """A name cut (clipped) and padded with spaces to exactly `width` cells: a column of a plain-text table, which
    str.ljust would misalign by a cell for each wide character."""
    shown = clipped(name, width)
    return shown + " " * (width - cells(shown))


def utc_time(ns: int) -> str:
    """An absolute UTC time: the same wherever the screen is looked at, unlike '5 minutes ago'."""
    return datetime.fromtimestamp(ns / 1e9, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


# A release table's figure by its field (core.engine.model's ReleaseRow, PartnerBalance; a ytd_ field as the field
# without it): its forms, longest first, as the monitor's tables write them (core.views.table_widths sizes them).
TABLE_FORMS: dict[str, Callable[[float | None], tuple[str, ...]]] = {
    "value_usd": _money,
    "yoy_pct": pct_forms,
    "share_pct": share_forms,
    "share_change_pp": pp_forms,
    "contribution_pp": pp_forms,
    "exports_usd": _money,
    "imports_usd": _money,
    "balance_usd": _signed_money,
    "balance_change_usd": _signed_money,
}
