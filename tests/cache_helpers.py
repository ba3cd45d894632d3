"""The cache's entries as tests look at them."""

from pathlib import Path

from core.runtime import holiday_cache
from core.runtime.cache_files import cache_dir


def data_entries(pattern: str = "*") -> list[Path]:
    """Entries of data directories (snapshots, start views), not the holidays entry a load keeps beside them."""
    return sorted(path for path in cache_dir().glob(pattern) if not path.name.startswith(f"{holiday_cache.GROUP}-"))
