"""Notables are typed records (core.engine.model.Notable): each kind's facts in a record of their own, written into
the brief's JSON beside the common fields, and read back from the start view's cache as the same records."""

import json

from cache_helpers import data_entries
from dashboard_helpers import copy_of_shipped_data

from core.base.periods import parse_period
from core.engine.model import DeficitFacts, Notable, RecordFacts, Release, StreakFacts
from core.engine.snapshot import to_json
from core.runtime.cache import cached_start_view, load_snapshot_cached, store_start_view
from core.views.main_view import MainView, main_view

# Between them every kind of notable: 2023-01 the balance's record deficit, 2025-11 semiconductors' year above the
# whole of 2024, 2025-12 the annual daily average.
MONTHS = ("2023-01", "2025-11", "2025-12", "2026-01")


def test_a_notable_is_a_record_with_its_facts_typed(shipped_snapshot):
    notables = shipped_snapshot.release(parse_period("2026-01")).notables
    first = notables[0]
    assert isinstance(first, Notable) and isinstance(first.facts, RecordFacts)
    assert (first.kind, first.subject, first.facts.threshold_usd) == ("record_for_month", "exports", 60e9)
    deficit = next(n for n in shipped_snapshot.release(parse_period("2023-01")).notables if n.kind == "record_deficit")
    assert deficit.facts == DeficitFacts(-12_698_113_468.0, "2021-08", 10e9)
    assert {type(n.facts) for n in notables if n.kind == "streak"} >= {StreakFacts}


def test_the_json_of_a_notable_has_its_facts_beside_its_common_fields(shipped_snapshot):
    streak = next(n for n in shipped_snapshot.release(parse_period("2026-01")).notables if n.kind == "streak")
    common = [name for name in Notable._fields if name not in ("facts", "partner")]
    assert list(to_json(streak)) == [*common, "of", "months", "since"]
    # Only a notable about an item to one destination has a partner (the others' JSON is as before it was added).
    china = next(n for n in shipped_snapshot.release(parse_period("2026-01")).notables if n.partner == "china")
    assert list(to_json(china))[: len(common) + 1] == [*common, "partner"] and to_json(china)["subject"] == "hs8542"


def test_the_start_view_reads_back_with_every_kind_of_notable(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    kinds = set()
    for period in MONTHS:
        view = main_view(snapshot, parse_period(period))
        store_start_view(snapshot, parse_period(period), "motie15", view)
        assert cached_start_view(directory, parse_period(period), "motie15") == view
        kinds |= {(notable.kind, type(notable.facts)) for notable in view.release.notables}
    assert len(kinds) == 15  # 14 kinds; streaks of two shapes


def test_a_notable_whose_facts_fit_no_record_is_a_miss(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    july = parse_period("2026-07")  # a month with notables (the latest, 2026-09, has no item detail yet)
    store_start_view(snapshot, july, "motie15", main_view(snapshot, july))
    (entry,) = data_entries("*.json")
    key, view = json.loads(entry.read_bytes())
    release = view[MainView._fields.index("release")]
    notables = release[Release._fields.index("notables")]
    notables[0][-1] = ["growth", "three", "2025-01"]  # a streak's facts with its months a word
    entry.write_text(json.dumps([key, view]))
    assert cached_start_view(directory, july, "motie15") is None
