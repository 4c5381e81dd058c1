"""Reference data from `seeds/`: the one source of truth read by both the extractor and dbt."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from etl.paths import SEEDS


def read_seed(name: str, seeds_dir: Path = SEEDS) -> list[dict[str, str]]:
    """Rows of `seeds/<name>.csv` as dicts of stripped strings (empty list if the seed is absent)."""
    path = seeds_dir / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


@cache
def seed(name: str) -> tuple[dict[str, str], ...]:
    """Cached, immutable view of a seed for the hot path."""
    return tuple(read_seed(name))
