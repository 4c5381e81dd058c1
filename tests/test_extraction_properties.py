"""Property tests: any text through segmentation and extraction never raises and keeps offsets honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.pipeline import analyze, articles_from_record
from etl.records import Article, SourceRecord

# Korean-news-like alphabet mixed with arbitrary Unicode: hits the number, unit and date rules often
NEWSY_ALPHABET = "0123456789 ,.%~-년월일억만원명건조천백배약여이상미만은는이가의에서로 기자밝혔다매출영업이익"
NEWSY = st.text(alphabet=st.sampled_from(list(NEWSY_ALPHABET)), max_size=300)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(st.text(max_size=400), NEWSY), is_dump=st.booleans())
def test_any_text_extracts_without_raising(body: str, is_dump: bool) -> None:
    rec = SourceRecord(source_file="x.txt", record_no=0, body=body, is_dump=is_dump, published_at="2024-05-01")
    for art in articles_from_record(rec):
        if not isinstance(art, Article):
            continue
        result = analyze(art)
        for m in result.mentions:
            assert art.body[m.start:m.end] == m.text
        for f in result.facts:
            assert 0 <= f.start <= f.end <= len(art.body)
