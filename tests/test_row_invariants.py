"""Rows keep their invariants before they are staged; a row that does not is quarantined, not loaded.

The extractor's own output is fuzzed here (hypothesis): on any text, every row it emits keeps the
invariants that `etl.load.validate` checks, so quarantine stays the exception for what no test
foresaw. A run with a defective row still publishes the rest (tests/test_robust_run.py).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.facts.companies import discover_companies
from etl.facts.events import find_events
from etl.facts.extract import extract_facts
from etl.load.raw import ArticleResult, company_row, event_row, fact_row, mention_row
from etl.load.validate import split_rows, violation
from etl.mentions.find import find_mentions
from etl.pipeline import analyze, articles_from_record
from etl.records import Article, Event, Fact, SourceRecord
from etl.text.sentences import split_sentences

BODY = "한빛전자는 지난해 매출 1200억원을 기록했다. 직원 수는 350명이다."


def _fact(**kw: object) -> dict[str, object]:
    f = Fact(article_id="a", metric="revenue", value=1.2e11, unit="KRW", qualifier="exact", start=13, end=19,
             evidence="한빛전자는 지난해 매출 1200억원을 기록했다.", company_name="한빛전자", company_start=0,
             company_end=4, period_year=2023, confidence=0.9)
    row = fact_row(f)
    row.update(kw)
    return row


def test_a_good_fact_row_passes() -> None:
    assert BODY[13:19] == "1200억원"
    assert violation("facts", _fact(), BODY) is None


# (columns to change, words the reason must contain): Duckling-style table of what is refused
BAD_FACTS = [
    ({"start_char": 19, "end_char": 13}, "outside the body"),
    ({"end_char": 999}, "outside the body"),
    ({"start_char": -1}, "outside the body"),
    ({"value": math.nan}, "not a finite number"),
    ({"value": math.inf}, "not a finite number"),
    ({"metric": "market_cap"}, "metric="),
    ({"qualifier": "about"}, "qualifier="),
    ({"period_year": 20230}, "period_year="),
    ({"confidence": 1.5}, "confidence="),
    ({"company_name": None}, "company_name missing"),
    ({"company_start": 30, "company_end": 20}, "company_start="),
    ({"evidence": "다른 문장이다."}, "not in the evidence"),
    ({"evidence": "1200억원 이라는 본문에 없는 문장"}, "not a passage of the body"),
    ({"unit": ""}, "unit missing"),
]


def test_each_broken_invariant_of_a_fact_is_named() -> None:
    for change, words in BAD_FACTS:
        reason = violation("facts", _fact(**change), BODY)
        assert reason is not None and words in reason, (change, reason)


def test_mentions_must_be_the_body_between_their_offsets() -> None:
    [m] = [m for m in find_mentions(BODY) if m.unit == "KRW"]
    row = mention_row("a", m)
    assert violation("mentions", row, BODY) is None
    assert "text is not the body" in (violation("mentions", {**row, "text": "1300억원"}, BODY) or "")
    assert "kind=" in (violation("mentions", {**row, "kind": "amount"}, BODY) or "")
    assert "date_grain=" in (violation("mentions", {**row, "date_grain": "decade"}, BODY) or "")


def test_events_need_a_known_type_a_date_and_a_span_in_order() -> None:
    e = Event(article_id="a", event_type="launch", event_date=date(2024, 5, 3), date_grain="day",
              evidence=BODY, start=0, end=10, company_name="한빛전자", confidence=0.8)
    row = event_row(e)
    assert violation("events", row, BODY) is None
    assert "outside the body" in (violation("events", {**row, "start_char": 10, "end_char": 4}, BODY) or "")
    assert "event_type=" in (violation("events", {**row, "event_type": "party"}, BODY) or "")
    assert "event_date missing" in (violation("events", {**row, "event_date": None}, BODY) or "")


def test_split_rows_keeps_the_good_and_names_the_bad() -> None:
    good, bad = split_rows("facts", [_fact(), _fact(), _fact(fact_id="x2", start_char=40, end_char=30),
                                     _fact(value=7.0)], BODY)
    assert good == [_fact()]  # the exact repeat is the same finding, kept once
    assert [reason for _, reason in bad] == [
        "start_char=40, end_char=30 outside the body (0..40) or empty",
        f"fact_id {_fact()['fact_id']} repeats with other content",
    ]


def test_a_partnership_dated_after_its_cue_spans_party_cue_and_date() -> None:
    """`A와 B가 업무협약을 맺었다고 3일 밝혔다`: the date follows the cue (it made end < start before)."""
    body = ("한빛전자 새롬바이오 업무협약\n한빛전자와 새롬바이오가 인공지능 신약 개발을 위한 업무협약을 맺었다고 3일 "
            "밝혔다. 한빛전자의 지난해 매출은 1200억원이다.")
    art = Article("a", "x.jsonl", 1, 0, body, published_date=date(2024, 5, 3))
    found = extract_facts(art, find_mentions(body, art.published_date))
    events = [e for e in found.events if e.event_type == "partnership"]
    assert {e.company_name for e in events} == {"한빛전자", "새롬바이오"}
    for e in events:
        assert 0 <= e.start < e.end <= len(body)
        assert "업무협약" in body[e.start:e.end] and "3일" in body[e.start:e.end]
        assert violation("events", event_row(e), body) is None
    assert len({e.event_id for e in events}) == len(events)


def test_each_event_takes_the_date_of_its_own_sentence() -> None:
    body = "한빛전자는 2020년 3월 신제품을 출시했다. 새롬바이오는 2021년 설립됐다."
    mentions = find_mentions(body, date(2024, 1, 1))
    events = find_events("a", body, split_sentences(body), mentions, discover_companies(body))
    assert {(e.company_name, e.event_type, e.event_date.year) for e in events} == {
        ("한빛전자", "launch", 2020), ("새롬바이오", "founding", 2021)}


# ------------------------------------------------------------------------------------------------
# fuzz: whatever the text, the extractor's rows keep the invariants

NEWSY_ALPHABET = ("0123456789 ,.%~-()[]·년월일억만원명건조천백배약여이상미만은는이가의에서로와과 "
                  "기자밝혔다매출영업이익직원")
NAMES = ["한빛전자", "새롬바이오", "누리테크", "LG CNS", "SK C&C", "삼성전자(005930)", "(주)다올", "㈜미래"]
SENTENCES = [
    "{a}는 지난해 매출 {n}억원을 기록했다",
    "{a}와 {b}가 업무협약을 맺었다고 {d}일 밝혔다",
    "{a}의 직원 수는 {n}명이다",
    "{a} {b} 업무협약",
    "영업이익과 순이익은 각각 {n}억원과 {m}억원",
    "({a}({b}[{n}]))",
    "{a}의 오류율은 {n} {m}%로 낮아졌다",
    "{d}일 {a} 신제품 출시",
]


@st.composite
def newsy_articles(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        tpl = draw(st.sampled_from(SENTENCES))
        parts.append(tpl.format(
            a=draw(st.sampled_from(NAMES)), b=draw(st.sampled_from(NAMES)),
            n=draw(st.one_of(st.integers(0, 10**6), st.integers(10**15, 10**40),
                             st.integers(300, 500).map(lambda k: "9" * k))),  # past a double's range
            m=draw(st.integers(0, 99)), d=draw(st.integers(0, 40))))
    sep = draw(st.sampled_from([". ", "  ", "\n", " "]))  # punctuation kept or stripped to spaces
    text = sep.join(parts) * draw(st.integers(1, 3))  # repeated sentences
    return text


@contextmanager
def _no_logged_failures() -> Iterator[None]:
    """The extractors never raise: they log a failure and degrade. A test must see the failure."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    root = logging.getLogger("etl")
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    assert not records, [r.getMessage() for r in records]


def _rows(result: ArticleResult) -> dict[str, list[dict[str, object]]]:
    aid = result.article.article_id
    return {
        "mentions": [mention_row(aid, m) for m in result.mentions],
        "company_mentions": [company_row(aid, c) for c in result.companies],
        "facts": [fact_row(f) for f in result.facts],
        "events": [event_row(e) for e in result.events],
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(newsy_articles(), st.text(max_size=300),
                      st.text(alphabet=st.sampled_from(list(NEWSY_ALPHABET)), max_size=300)),
       is_dump=st.booleans(), published=st.sampled_from([None, "2024-05-03", "1899-12-31", "2999-01-01"]))
def test_every_row_the_extractor_emits_keeps_the_invariants(body: str, is_dump: bool, published: str | None) -> None:
    rec = SourceRecord(source_file="x.txt", record_no=0, body=body, is_dump=is_dump, published_at=published)
    for art in articles_from_record(rec):
        if not isinstance(art, Article):
            continue
        with _no_logged_failures():
            result = analyze(art)
        assert not result.problems, result.problems
        for table, rows in _rows(result).items():
            _good, bad = split_rows(table, rows, art.body)
            assert not bad, (table, bad[:2])


def test_quarantine_row_keeps_the_row_and_the_reason() -> None:
    from etl.load.raw import quarantine_row

    q = quarantine_row("facts", _fact(value=math.nan), "value=nan is not a finite number", "run1", datetime(2024, 1, 1))
    assert q["table_name"] == "facts" and q["article_id"] == "a" and "NaN" in str(q["row_json"])
