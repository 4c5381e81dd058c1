"""Segmentation and byline corpus: each dump must split into exactly its articles."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from etl.segment import read_byline, split_articles
from etl.segment.articles import _continues
from etl.text.sentences import split_sentences

CORPUS = Path(__file__).parent / "corpus"
DUMPS = json.loads((CORPUS / "dumps.json").read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.parametrize("case", DUMPS, ids=[d["name"] for d in DUMPS])
def test_dump_splits_into_its_articles(case: dict) -> None:
    segments = split_articles(case["text"])
    bodies = [_norm(s.body) for s in segments]
    assert len(bodies) == len(case["starts"]), [b[:40] for b in bodies]
    for body, alts in zip(bodies, case["starts"], strict=True):
        assert any(body.startswith(_norm(a)) for a in alts.split("|")), (body[:60], alts)


@pytest.mark.parametrize("case", DUMPS, ids=[d["name"] for d in DUMPS])
def test_segment_offsets_and_metadata(case: dict) -> None:
    text = case["text"]
    segments = split_articles(text)
    for seg, meta in zip(segments, case["meta"], strict=True):
        assert text[seg.start : seg.end] == seg.body
        assert seg.publisher == meta["publisher"]
        assert seg.reporter == meta["reporter"]
        got = seg.dateline_date.isoformat() if seg.dateline_date else None
        assert got == meta["dateline_date"]
    # segments are ordered and do not overlap
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))


BYLINES = [
    # (text, publisher, reporter, email)
    ("[서울=뉴시스]김가람 기자 = 누리테크가 15일 신제품을 내놨다.", "뉴시스", "김가람", None),
    ("…라고 말했다.\n\n전자신문인터넷 최다온 기자 daon@etnews.com", "전자신문", "최다온", "daon@etnews.com"),
    ("…라고 말했다 \n\n최다온기자 daon etnews com", "전자신문", "최다온", "daon@etnews.com"),
    ("…라고 말했다 \n 이하람 기자 \n 매일경제 mk co kr 무단전재 및 재배포 금지", "매일경제", "이하람", None),
    ("누리테크가 신제품을 내놨다. 회사는 해외 진출을 준비한다.", None, None, None),
]


@pytest.mark.parametrize(("text", "publisher", "reporter", "email"), BYLINES)
def test_read_byline(text: str, publisher: str | None, reporter: str | None, email: str | None) -> None:
    b = read_byline(text)
    assert (b.publisher, b.reporter, b.email) == (publisher, reporter, email)


def test_empty_and_single_article() -> None:
    assert split_articles("") == []
    one = split_articles("누리테크는 신제품을 출시했다고 밝혔다. 회사는 해외 진출을 준비한다.")
    assert len(one) == 1


def test_a_subject_shift_in_the_last_sentences_does_not_overrun() -> None:
    """A cut found among the last sentences leaves fewer than a body's worth after it (an IndexError once)."""
    text = ("으로 바뀌면서 업계의 판도도 달라지고 있다. 2023년 Orbis Pay의 연결 기준 매출은 310억원으로 전년 대비 "
            "18% 늘었다. Orbis Pay가 운영하는 뚝딱가계부의 월간 활성 이용자 수(MAU)는 4,210만명에 달한다. 특히 "
            "소상공인을 중심으로 간편결제 수요가 꾸준히 늘고 있어 관련 시장도 커지고 있다. 함께 사업을 추진하는 "
            "다온브릿지모빌리티는 직원 74명을 두고 있다. 회사 관계자는 \"글")
    segments = split_articles(text)
    assert segments and "".join(text[s.start:s.end] for s in segments).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("sentence", [
    "누리화학 012340 과 다솜가스가 그 뒤를 이었다",
    "가온석유 3억1000만원   별빛에너지 2억9000만원  역시 직원 1인이 많은 영업이익을 내는 기업이었다",
])
def test_next_places_of_a_ranking_continue_the_article(sentence: str) -> None:
    """A sentence naming new companies as the next places of the article's ranking opens no article."""
    piece = "국내 100대 기업 중 직원 1명이 가장 많은 영업이익을 내는 곳은 한빛물산인 것으로 나타났다  " + sentence + " "
    sents = split_sentences(piece)
    assert _continues(piece, sents, 1, 1, [], "없는이름")


# text -> its sentences: where a sentence ends in clean, stripped and glued text
SENTENCES = [
    # a name ending in 다 in punctuated text ends no sentence
    ("라이다 업체들이 적자를 냈다. 한빛라이다 매출은 512만달러다.",
     ["라이다 업체들이 적자를 냈다.", "한빛라이다 매출은 512만달러다."]),
    # nor does a word ending in 요 (`주요`)
    ("지난해 말 기준 주요 증권사 25곳의 직원 수는 3만명이다. 전년보다 줄었다.",
     ["지난해 말 기준 주요 증권사 25곳의 직원 수는 3만명이다.", "전년보다 줄었다."]),
    # a stripped dump has only its endings to tell by, and a bare noun ending in 요 is none (`국내 주요 대기업`)
    ("매출은 512만달러다 영업손실은 100만달러다", ["매출은 512만달러다", "영업손실은 100만달러다"]),
    ("국내 주요 대기업 임직원 수가 줄었다 수요 감소 탓이다",
     ["국내 주요 대기업 임직원 수가 줄었다", "수요 감소 탓이다"]),
    # a stop glued to the next sentence ends its sentence (read as a space: the sentence ends before it)
    ("이란 분석이다.업체별로는 한빛이 10명이다.", ["이란 분석이다", "업체별로는 한빛이 10명이다."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[t for t, _ in SENTENCES])
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected
