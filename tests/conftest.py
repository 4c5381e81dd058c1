"""Fixtures shared by test modules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl import pipeline
from etl.paths import SAMPLE

# Records the reader must reject, beside the bundled sample: the report's data-quality view and the
# fct_load_issue mart then have rows to show.
BAD_RECORDS = [
    '{"id": "q-1", "title": "본문 없는 기사", "published_at": "2024-06-03"}',
    '{"id": "q-2", "title": "잘린 줄", "body": "한빛바이오는 올해 매출',
]


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample plus two unreadable records, built once per session; read it, never write it."""
    root = tmp_path_factory.mktemp("sample-wh")
    extra = root / "in"
    extra.mkdir()
    (extra / "damaged.jsonl").write_text("\n".join(BAD_RECORDS) + "\n", encoding="utf-8")
    wh = root / "newsfacts.duckdb"
    summary = pipeline.run([SAMPLE, extra], wh)
    assert summary.records_rejected == len(BAD_RECORDS), json.dumps(summary.reject_reasons, ensure_ascii=False)
    return wh
