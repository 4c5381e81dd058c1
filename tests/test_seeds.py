"""The seed CSVs are read by both the extractor and dbt: dbt refuses a row with more fields than the header
(a comma left unquoted in a note), so every row must have exactly the header's fields."""

import csv
from pathlib import Path

import pytest

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.csv"))


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_every_row_has_the_header_fields(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    bad = [(k + 2, row) for k, row in enumerate(body) if len(row) != len(header)]
    assert not bad, bad[:5]
