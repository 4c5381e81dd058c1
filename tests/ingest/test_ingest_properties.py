"""Property tests: arbitrary bytes and text through ingest never raise."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.ingest import read_inputs
from etl.ingest.published import parse_published
from etl.pipeline import articles_from_record
from etl.records import Article, Reject, Skipped, SourceRecord

SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".parquet", ".html", ".warc", ".warc.gz"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
@example(data=b"%n\x80", suffix=".csv")  # a header the csv module cannot parse (decoded as cp037)
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([path]))
    assert items, "every file yields at least one record or reject"
    assert all(isinstance(i, SourceRecord | Reject | Skipped) for i in items)
    # a page's main text is extracted when it is segmented: that never raises either
    for page in (i for i in items if isinstance(i, SourceRecord) and i.is_page):
        assert all(isinstance(a, Article | Reject | Skipped) for a in articles_from_record(page))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_random_unicode_never_raises(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        items = list(read_inputs([path]))
    assert all(isinstance(i, SourceRecord | Reject) for i in items)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(records=st.lists(st.dictionaries(
    st.sampled_from(["id", "title", "body", "text", "content", "published_at", "publisher", "url", "x"]),
    json_values, max_size=6), max_size=5))
def test_random_json_records_never_raise(records: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        items = list(read_inputs([path]))
    assert len(items) == max(1, len(records))  # an empty file is one reject


@given(value=json_values)
def test_publication_dates_never_raise(value: object) -> None:
    parsed, warning = parse_published(value)
    assert parsed is None or warning is None
