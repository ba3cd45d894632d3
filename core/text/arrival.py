"""What a reload brought, in words: the notification of new months and revisions, and a revision's line."""

from core.base import fmt
from core.base.periods import format_period
from core.engine.model import Arrival, Revision


def revision_text(revision: Revision) -> str:
    """'2026-01 revised from $120 to $125 (released 2026-03-01)'."""
    when = f" (released {revision.released})" if revision.released else ""
    return f"{revision.period} revised from {fmt.usd(revision.old_usd)} to {fmt.usd(revision.new_usd)}{when}"


def arrival_text(arrival: Arrival) -> str:
    """One line for a notification, e.g. '2026-08: exports $58.20bn, +1.2%'."""
    parts = [
        f"{format_period(month)}: exports {fmt.usd(exports.value_usd)}, {fmt.pct(exports.yoy_pct)}"
        for month, exports in zip(arrival.new_months, arrival.new_exports, strict=True)
    ]
    if arrival.revisions:
        months = sorted({revision.period for revision in arrival.revisions})
        parts.append(f"{len(arrival.revisions)} revised figure(s) for {', '.join(months)}")
    return "; ".join(parts) or "no new figures"
