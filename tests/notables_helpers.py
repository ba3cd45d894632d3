"""Shared by the notables tests: a month's notables, filtered, and the one notable that must be there."""

from core.base.periods import parse_period


def notables_of(snapshot, period: str, kind: str | None = None, subject: str | None = None) -> list:
    return [
        notable
        for notable in snapshot.release(parse_period(period)).notables
        if kind in (None, notable.kind) and subject in (None, notable.subject)
    ]


def fact(notable, name: str):
    """A field of the notable's facts (core.engine.model: what its kind rests on), None if its kind has none."""
    return getattr(notable.facts, name, None)


def the_notable(snapshot, period: str, kind: str, subject: str, **facts):
    found = [n for n in notables_of(snapshot, period, kind, subject) if all(fact(n, k) == v for k, v in facts.items())]
    assert len(found) == 1, notables_of(snapshot, period, subject=subject)
    return found[0]
