"""One generic test runs every corpus table in tests/mentions/corpus (Duckling style).

Each row: a phrase, the mention expected in it (kind, value, unit, qualifier, min, max, the exact
span text, and for dates the date and grain), resolved against `ref_date` when given. A row with an
empty `kind` asserts that the text holds no mention at all.
"""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest

from etl.mentions.find import find_mentions

CORPUS = Path(__file__).parent / "corpus"


def _rows() -> list[tuple[str, dict[str, str]]]:
    rows = []
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f), start=2):
                rows.append((f"{path.stem}:{i}", row))
    return rows


def _num(s: str | None) -> float | None:
    return float(s) if s not in (None, "") else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(("case", "row"), _rows(), ids=[c for c, _ in _rows()])
def test_corpus(case: str, row: dict[str, str]) -> None:
    ref = date.fromisoformat(row["ref_date"]) if row.get("ref_date") else None
    ms = find_mentions(row["text"], ref)
    if not row["kind"]:
        assert ms == [], f"{case}: expected no mention, got {ms}"
        return
    hits = [m for m in ms if m.text == row["span"]]
    assert hits, f"{case}: no mention spanning {row['span']!r} in {[m.text for m in ms]}"
    m = hits[0]
    assert m.kind == row["kind"]
    assert row["text"][m.start:m.end] == m.text
    if row.get("value"):
        assert _close(m.value, _num(row["value"])), (m.value, row["value"])
    assert (m.unit or "") == row["unit"]
    assert m.qualifier == (row["qualifier"] or "exact")
    assert _close(m.min, _num(row["min"])) and _close(m.max, _num(row["max"]))
    if "date" in row:
        assert (m.date.isoformat() if m.date else "") == row["date"]
        assert (m.grain or "") == row["grain"]
