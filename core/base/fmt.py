"""How figures and outside text are written, the same in the text brief and on the dashboard; None reads as 'n/a'."""

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
    """$65.84bn, $512.3mn, $1,234; a sign in front when signed or negative."""
    if value is None:
        return MISSING
    sign = "-" if value < 0 else "+" if signed else ""
    size = abs(value)
    if size >= 1e9:
        body = f"{size / 1e9:,.2f}bn"
    elif size >= 1e6:
        body = f"{size / 1e6:,.1f}mn"
    else:
        body = f"{size:,.0f}"
    return f"{sign}${body}"


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


def _signed(value: float) -> str:
    """One decimal with its sign, so a change reads without colour; a change that rounds to zero has none."""
    text = f"{value:+.1f}"
    return text[1:] if text in ("+0.0", "-0.0") else text


def pct(value: float | None) -> str:
    return MISSING if value is None else f"{_signed(value)}%"


def share(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f}%"


def pp(value: float | None) -> str:
    return MISSING if value is None else f"{_signed(value)}pp"


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
