"""The cache holds data only, and only the user's: entries planted in it run nothing and are rebuilt, and a
cache directory others can write to is not read. On a copy of the shipped data."""

import hashlib
import io
import json
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
from cache_helpers import data_entries
from dashboard_helpers import copy_of_shipped_data, make_app, wait_for_data

from core.base import fmt
from core.engine.model import Figure, Headline, Release
from core.runtime.cache import cached_snapshot, cached_start_view, load_snapshot_cached, store_start_view
from core.runtime.cache_files import cache_dir
from core.views.main_view import MainView, main_view
from tui.widgets.headline_cards import HeadlineCards

pytestmark = pytest.mark.anyio


class Planted:
    """Unpickled, it creates `marker`: what an entry planted by another user could do as this one."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


def planted_pickle(marker) -> bytes:
    return pickle.dumps(Planted(marker))


def planted_npz(marker) -> bytes:
    """The snapshot's format with the code inside: NumPy pickles an array of objects."""
    buffer = io.BytesIO()
    np.savez(buffer, record=np.array([Planted(marker)], dtype=object), trade=np.zeros((1, 1)))
    return buffer.getvalue()


def digests(directory) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(directory.iterdir())}


def latest_exports(snapshot) -> str:
    return fmt.usd(snapshot.release(snapshot.latest).headline.exports.value_usd)


async def monitor_exports(directory) -> str:
    """The monitor's exports card once the data has loaded and the start view is stored."""
    app = make_app(directory, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_data(pilot)
        return app.screen.query_one(HeadlineCards).figures["exports"].values[0]


def brief_exports_line(directory) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "brief", "--data", str(directory)], capture_output=True, text=True, timeout=60
    )  # the test's XDG_CACHE_HOME
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.strip().startswith("Exports"))


def test_the_planted_payloads_do_run_when_unpickled(tmp_path):
    """So that the test below, where they must not run, could fail."""
    pickle.loads(planted_pickle(tmp_path / "from-pickle"))
    np.load(io.BytesIO(planted_npz(tmp_path / "from-npz")), allow_pickle=True)["record"]
    assert (tmp_path / "from-pickle").exists() and (tmp_path / "from-npz").exists()


def crafted_entries(entries, marker) -> dict:
    """Entries of the cache's own formats: the snapshot's with code inside, the start view's under its own
    key but with a figure of the wrong type, the holidays' under their own key with each year's days under another."""
    (view_entry,) = data_entries("*.json")
    (holidays_entry,) = set(entries) - set(data_entries())
    key, view = json.loads(view_entry.read_bytes())
    release = view[MainView._fields.index("release")]
    exports = release[Release._fields.index("headline")][Headline._fields.index("exports")]
    exports[Figure._fields.index("value_usd")] = "$1"
    holidays_key, (files, years, days) = json.loads(holidays_entry.read_bytes())
    crafted = {
        view_entry: json.dumps([key, view]).encode(),
        holidays_entry: json.dumps([holidays_key, [files, years, [days[-1], *days[:-1]]]]).encode(),
    }
    return {entry: crafted.get(entry) or planted_npz(marker) for entry in entries}


async def test_entries_planted_in_the_cache_run_nothing_and_are_rebuilt(tmp_path, shipped_snapshot):
    directory = copy_of_shipped_data(tmp_path)
    data_before = digests(directory)
    expected, shipped_view = (
        latest_exports(shipped_snapshot),
        main_view(shipped_snapshot, shipped_snapshot.latest, "export", "motie20"),
    )  # the latest month, in the item set of its release
    assert await monitor_exports(directory) == expected  # fills the cache: the snapshot and the start view
    entries = sorted(cache_dir().iterdir())  # the holidays' too
    assert len(data_entries()) == 2 and len(entries) == 3
    marker = tmp_path / "code-ran"
    for plant in (
        lambda: {entry: planted_pickle(marker) for entry in entries},
        lambda: crafted_entries(entries, marker),
    ):
        for entry, content in plant().items():
            entry.write_bytes(content)
        assert expected in brief_exports_line(directory)
        assert await monitor_exports(directory) == expected
        assert not marker.exists()
        assert sorted(cache_dir().iterdir()) == entries  # rebuilt in place
        assert latest_exports(cached_snapshot(directory)) == expected
        rebuilt = cached_start_view(directory, None, None)  # the monitor's, without --set
        assert rebuilt._replace(newest_file_ns=None) == shipped_view._replace(
            newest_file_ns=None
        )  # the copy's file times
    assert digests(directory) == data_before


def test_an_entry_of_the_right_key_but_the_wrong_shape_is_a_miss(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    store_start_view(snapshot, None, "motie15", main_view(snapshot, snapshot.latest))
    (view_entry,) = data_entries("*.json")
    (snapshot_entry,) = data_entries("*.npz")
    key, view = json.loads(view_entry.read_bytes())
    view_entry.write_text(json.dumps([key, view[:-1]]))  # a field short
    assert cached_start_view(directory, None, "motie15") is None
    with np.load(snapshot_entry) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["trade"] = arrays["trade"][:, :-1]  # a month short
    with snapshot_entry.open("wb") as file:
        np.savez(file, **arrays)
    assert cached_snapshot(directory) is None
    arrays["trade"] = np.zeros(arrays["headline"].shape[1])  # one row for every series
    with snapshot_entry.open("wb") as file:
        np.savez(file, **arrays)
    assert cached_snapshot(directory) is None


def test_an_entry_copied_from_another_key_is_a_miss(tmp_path):
    """The file name is a short hash of the key; the entry holds the whole key."""
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    store_start_view(snapshot, 2026 * 12, "motie15", main_view(snapshot, 2026 * 12))
    store_start_view(snapshot, None, "motie15", main_view(snapshot, snapshot.latest))
    january, latest = sorted(data_entries("*.json"), key=lambda entry: entry.stat().st_mtime_ns)
    latest.write_bytes(january.read_bytes())
    assert cached_start_view(directory, None, "motie15") is None
    assert cached_start_view(directory, 2026 * 12, "motie15") == main_view(snapshot, 2026 * 12)


def test_a_cache_directory_others_can_write_to_is_neither_read_nor_written(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    store_start_view(snapshot, None, "motie15", main_view(snapshot, snapshot.latest))
    assert oct(cache_dir().stat().st_mode & 0o777) == "0o700"
    for mode in (0o770, 0o777, 0o720):
        cache_dir().chmod(mode)
        assert cached_snapshot(directory) is None
        assert cached_start_view(directory, None, "motie15") is None
    for entry in cache_dir().iterdir():
        entry.unlink()
    load_snapshot_cached(directory)
    assert list(cache_dir().iterdir()) == []
    cache_dir().chmod(0o755)  # others may read it, as an older tradetop left it: the user's alone to write
    load_snapshot_cached(directory)
    assert latest_exports(cached_snapshot(directory)) == latest_exports(snapshot)


def test_an_entry_others_can_write_to_is_not_read(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    load_snapshot_cached(directory)
    (entry,) = data_entries()
    entry.chmod(0o620)
    assert cached_snapshot(directory) is None
    entry.chmod(0o600)
    assert cached_snapshot(directory) is not None


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_of_another_user_is_not_read_even_by_root(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    load_snapshot_cached(directory)
    (entry,) = data_entries()
    os.chown(entry, 12345, -1)
    assert cached_snapshot(directory) is None
    os.chown(entry, 0, -1)
    assert cached_snapshot(directory) is not None


TOLD = """
import json
import sys
from pathlib import Path

from tui.app import TradetopApp


class Told(TradetopApp):
    said = []
    loads = 0

    def notify(self, message, **options):
        self.said.append([options.get("title"), message])
        super().notify(message, **options)

    def on_snapshot_loaded(self, message):  # before TradetopApp's: reload once, then end a moment after
        self.loads += 1
        if self.loads == 1:
            self.call_later(self.action_reload)
        else:
            self.set_timer(0.5, self.exit)


app = Told(Path(sys.argv[1]))
app.run(headless=True, size=(80, 24))
print(json.dumps(app.said))
"""


def test_the_monitor_says_once_why_the_cache_is_not_read(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    snapshot = load_snapshot_cached(directory)
    store_start_view(snapshot, None, "motie15", main_view(snapshot, snapshot.latest))
    cache_dir().chmod(0o770)
    result = subprocess.run([sys.executable, "-c", TOLD, str(directory)], capture_output=True, text=True, timeout=60)
    said = json.loads(result.stdout.strip().splitlines()[-1])
    cache_notices = [message for title, message in said if title == "Cache not used"]
    assert cache_notices == [f"the cache {cache_dir()} is writable by others; not used (chmod 700 it)"], result.stderr


def test_an_entry_that_is_a_link_or_a_fifo_is_a_miss_without_waiting(tmp_path):
    directory = copy_of_shipped_data(tmp_path)
    load_snapshot_cached(directory)
    (entry,) = data_entries()
    kept = entry.rename(tmp_path / "kept.npz")
    entry.symlink_to(kept)
    assert cached_snapshot(directory) is None
    entry.unlink()
    os.mkfifo(entry)
    assert cached_snapshot(directory) is None  # at once: opening a FIFO to read would wait for a writer
    entry.unlink()
    kept.rename(entry)
    assert cached_snapshot(directory) is not None
