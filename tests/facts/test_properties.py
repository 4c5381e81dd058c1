"""Properties: extraction never raises, ids are unique, offsets point into the body."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.facts.extract import extract_facts
from etl.mentions.find import find_mentions
from etl.records import Article
from etl.segment import split_articles

FRAGMENTS = [
    "누리테크는",
    "매출",
    "영업이익",
    "320억원",
    "1430명",
    "같은 기간",
    "지난해",
    "2021년",
    "에서",
    "으로",
    "늘었다",
    "밝혔다",
    " ",
    "  ",
    "\n",
    "기자",
    "kim etnews com",
    "무단전재 및 재배포 금지",
    "제공",
    "의",
    "다운로드",
    "230만건",
    "오류율",
    "4 17",
    "%",
    "회사는",
    "출시",
    "5일",
    "업무협약",
    "과",
    "별빛소프트가",
    "참석했다",
    "인구",
    "평균",
    "(",
    ")",
    '"',
    "기사내용 요약",
    "서울 뉴시스",
    "말했다",
]

texts = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_facts_is_total_and_consistent(text: str) -> None:
    a = Article(article_id="p", source_file="p", record_no=0, segment_no=0, body=text)
    out = extract_facts(a, find_mentions(text, None))
    assert len({f.fact_id for f in out.facts}) == len(out.facts)
    assert len({e.event_id for e in out.events}) == len(out.events)
    for f in out.facts:
        assert 0 <= f.start < f.end <= len(text)
        if f.company_start is not None and f.company_end is not None:
            assert text[f.company_start : f.company_end]
    for m in out.companies:
        assert text[m.start : m.end] == m.surface


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_split_articles_is_ordered_and_exact(text: str) -> None:
    segs = split_articles(text)
    for s in segs:
        assert text[s.start : s.end] == s.body
        assert s.body.strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(segs))
