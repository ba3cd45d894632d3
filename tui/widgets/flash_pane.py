"""The flash pane: the preliminary month's 10-day windows and the nowcast of its whole month."""

from rich.text import Text
from textual.message import Message

from core.base import fmt
from core.base.periods import format_period
from core.engine.model import INTERVAL_NOMINAL_PCT, FlashView, Nowcast
from core.views.main_view import MainView
from tui.widgets.cells import change
from tui.widgets.painted_text import PaintedText


def window_pieces(view: FlashView) -> list[Text]:
    """The flash window against the same days a year earlier, as phrases a narrow pane can break between;
    imports and the balance where the window has them."""
    pieces = [
        Text.assemble(
            f"days {view.window}: ", (fmt.usd(view.value_usd), "bold"), " ", change(fmt.pct(view.yoy_pct), view.yoy_pct)
        ),
        Text(f"working days {fmt.days(view.working_days)} vs {fmt.days(view.working_days_prev)}"),
        Text.assemble("daily avg ", change(fmt.pct(view.daily_avg_yoy_pct), view.daily_avg_yoy_pct)),
    ]
    if view.imports_usd is not None:
        imports = fmt.usd(view.imports_usd)
        balance, balance_change = fmt.usd(view.balance_usd, signed=True), view.balance_change_usd
        pieces[1:1] = [
            Text.assemble(
                "imports ", (imports, "bold"), " ", change(fmt.pct(view.imports_yoy_pct), view.imports_yoy_pct)
            ),
            Text.assemble(
                "balance ", (balance, "bold"), " ", change(fmt.usd(balance_change, signed=True), balance_change)
            ),
        ]
    return pieces


NO_NOWCAST = "no nowcast (too little history)"


def interval_text(nowcast: Nowcast) -> str:
    return f"{INTERVAL_NOMINAL_PCT:.0f}%: {fmt.usd_range(nowcast.low_usd, nowcast.high_usd)}"


def nowcast_piece(nowcast: Nowcast | None) -> Text:
    if nowcast is None:
        return Text(NO_NOWCAST)
    return Text.assemble("nowcast ", (fmt.usd(nowcast.value_usd), "bold"), f" ({interval_text(nowcast)})")


def flowed(pieces: list[Text], width: int, separator: str = " · ") -> list[Text]:
    """Pieces joined into lines at most `width` wide, breaking only between pieces."""
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + len(separator) + piece.cell_len <= width:
            lines[-1] = Text.assemble(lines[-1], (separator, "dim"), piece)
        else:
            lines.append(piece.copy())
    return lines


FLASH_ITEM_WIDTH = 26  # a name and its YoY, one cell of the flash pane's item grid


class FlashPane(PaintedText):
    """The pending flash month between releases. Over the latest release (MainView.flash_in_full): its latest window,
    the nowcast, then as many of the flash items' YoY (largest first) as the pane has room for; over an earlier
    month, one line that names it. Shown only while the snapshot has a pending month."""

    # A tinted strip between the cards and the tables; none until there is a flash month to show (show()).
    DEFAULT_CSS = """
    FlashPane {
        height: 3;
        background: $warning 12%;
        padding: 0 1;
        display: none;
    }
    """

    class Open(Message):
        """Clicked: show the flash month."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.view: FlashView | None = None
        self.opened_from = ""  # the release month whose `]` opens the flash month

    def show(self, view: MainView) -> None:
        self.view, self.opened_from = view.flash, format_period(view.latest)
        self.display = view.flash is not None
        self.set_class(not view.flash_in_full, "-line")  # one row: tradetop.tcss
        self.refresh()

    def on_click(self) -> None:
        self.post_message(self.Open())

    def render(self) -> Text:
        if self.view is None:
            return Text("")
        width, height = self.content_size.width, self.content_size.height
        label = Text.assemble((self.view.period, "bold"), " ", (" PRELIMINARY ", "bold reverse"))
        if self.has_class("-line"):
            where = Text(f"] from {self.opened_from} or a click opens it")
            return flowed([label, Text(f"days {self.view.window} out"), where], width)[0]
        lines = flowed([label, *window_pieces(self.view), nowcast_piece(self.view.nowcast)], width)
        columns = max(1, width // FLASH_ITEM_WIDTH)
        items = self.view.largest_items
        for start in range(0, max(0, height - len(lines)) * columns, columns):
            row = items[start : start + columns]
            if row:
                lines.append(Text.assemble(*(_flash_item_cell(item.name, item.yoy_pct) for item in row)))
        return Text("\n").join(lines[:height])


def _flash_item_cell(name: str, yoy_pct: float | None) -> Text:
    shown = Text(name, no_wrap=True)
    shown.truncate(FLASH_ITEM_WIDTH - 10, overflow="ellipsis", pad=True)  # by cells, so wide characters line up too
    return Text.assemble(shown, change(f"{fmt.pct(yoy_pct):>8}", yoy_pct), "  ")
