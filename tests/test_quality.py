"""Fact quality on our own annotated articles: the bundled sample and the held-out set.

The held-out articles were written apart from the rules and are never tuned against; their floor
only guards against regressions. The scores are printed so a run shows where quality stands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import pipeline
from etl.paths import ROOT, SAMPLE
from etl.scoring import Score, score_file

HELDOUT = ROOT / "tests" / "heldout"

# floors, set below the measured figures (see docs/quality.md for the latest measurements)
FLOORS = {
    "sample": {"f1": 0.95, "period": 0.95, "events": 0.95, "mentions": 0.90, "segmentation": 1.0},
    "heldout": {"f1": 0.90, "period": 0.95, "events": 0.85, "mentions": 0.93, "segmentation": 1.0},
}


def _build(inputs: list[Path], tmp: Path) -> Path:
    wh = tmp / "q.duckdb"
    summary = pipeline.run(inputs, wh)
    assert summary.records_rejected == 0
    return wh


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Score]:
    sample = _build([SAMPLE], tmp_path_factory.mktemp("sample"))
    heldout = _build([HELDOUT / "heldout-clean.jsonl", HELDOUT / "heldout-stripped.txt"],
                     tmp_path_factory.mktemp("heldout"))
    return {
        "sample": score_file(ROOT / "tests" / "sample" / "expected_facts.json", sample),
        "heldout": score_file(HELDOUT / "expected_facts.json", heldout),
    }


@pytest.mark.parametrize("name", ["sample", "heldout"])
def test_quality_floor(scores: dict[str, Score], name: str) -> None:
    s, floor = scores[name], FLOORS[name]
    print(f"\n{name}: {s.line()}")
    assert s.f1 >= floor["f1"], (s.line(), s.missed, s.spurious)
    assert s.period_ok >= floor["period"] * s.period_n
    assert s.event_hits >= floor["events"] * s.event_n
    assert s.mention_hits >= floor["mentions"] * s.mention_n
    assert s.segmentation_ok >= floor["segmentation"] * s.segmentation_n
