"""Breadth: how many of the item set's items rose on a year earlier, a claim about the flow's total."""

from core.base.catalog import Catalog
from core.base.subjects import CUSTOMS, HEADLINE, HEADLINE_LINES
from core.engine.model import Breadth, BreadthFacts, Notable
from core.engine.notables import wording
from core.engine.notables.claims import Candidate, Values, notable


def breadth(catalog: Catalog, breadth: Breadth, total: str, values: Values) -> list[Notable]:
    """`total` is the release's flow total (exports or imports), `values` its series."""
    if not breadth.total:
        return []
    line = HEADLINE_LINES[total]
    candidate = Candidate(total, HEADLINE, line.label, values, line.points or 0.0, 0, 0)
    lopsided = abs(breadth.up / breadth.total - 0.5) * 20
    facts = BreadthFacts(breadth.up, breadth.total, breadth.set, CUSTOMS, breadth.rose, breadth.fell)
    return [notable(candidate, "breadth", wording.breadth(catalog, candidate.label, breadth), facts, lopsided)]
