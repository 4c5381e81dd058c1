"""Corpus tables for company discovery, metric classification, attribution/periods and events.

Rows are our own sentences about fictional companies; traps are rows whose expected metric is empty
or whose figures are listed under "not".
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from etl.facts.companies import discover_companies
from etl.facts.extract import extract_facts
from etl.facts.gazetteer import gazetteer
from etl.facts.metrics import classify
from etl.mentions.find import find_mentions
from etl.pipeline import analyze
from etl.records import Article
from etl.segment import read_byline
from etl.text.sentences import split_sentences

CORPUS = Path(__file__).parent / "corpus"


def _csv(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _json(name: str) -> list[dict]:
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def _strip(text: str) -> str:
    """Punctuation replaced by spaces, as in raw feeds."""
    return re.sub(r"[^\w\s가-힣]", " ", text)


COMPANIES = _csv("companies.csv")


@pytest.mark.parametrize("row", COMPANIES, ids=[r["text"][:30] for r in COMPANIES])
def test_company_discovery(row: dict[str, str]) -> None:
    # the company each mention resolves to (a seed alias `SKT` is SK텔레콤), as dbt resolves it
    names = {gazetteer().company_of(m.name) for m in discover_companies(row["text"]).mentions}
    for want in filter(None, row["expected"].split("|")):
        assert want in names, (row["note"], names)
    for bad in filter(None, row["absent"].split("|")):
        assert bad not in names, (row["note"], names)


METRICS = _csv("metrics.csv")


@pytest.mark.parametrize("row", METRICS, ids=[f"{r['sentence'][:24]}/{r['number']}" for r in METRICS])
def test_metric_classification(row: dict[str, str]) -> None:
    text = row["sentence"]
    start = text.index(row["number"])
    cls, why = classify(text, 0, len(text), start, start + len(row["number"]), row["unit"] or None)
    got = cls.metric if cls else ""
    assert got == row["expected"], (row["note"], why)


def _article(text: str, published: str | None) -> Article:
    """An article as the pipeline makes it: its publisher read off its byline by segmentation."""
    return Article(
        article_id="t",
        source_file="t",
        record_no=0,
        segment_no=0,
        body=text,
        published_date=date.fromisoformat(published) if published else None,
        publisher=read_byline(text).publisher,
    )


def _facts(text: str, published: str | None) -> list:
    return analyze(_article(text, published)).facts


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


ATTRIBUTION = _json("attribution.json")


@pytest.mark.parametrize("case", ATTRIBUTION, ids=[c["note"][:40] for c in ATTRIBUTION])
def test_attribution_and_periods(case: dict) -> None:
    facts = _facts(case["text"], case["published"])
    for want in case["facts"]:
        hits = [f for f in facts if f.metric == want["metric"] and _close(f.value, want["value"])]
        assert hits, (want, [(f.company_name, f.metric, f.value) for f in facts])
        # (one figure may be stated for two companies: `A와 B 각각 150억원`)
        f = next((h for h in hits if h.company_name == want["company"]), hits[0])
        assert f.company_name == want["company"], (want, f.rule, f.explanation)
        if "year" in want:
            assert f.period_year == want["year"], (want, f.rule)
        assert f.is_forecast == want.get("forecast", False), (want, f.rule)
        assert f.evidence and f.rule and f.explanation["metric"] and f.explanation["company"]
        assert case["text"][f.start : f.end] and f.start < f.end
    for bad in case["not"]:
        assert not [f for f in facts if f.metric == bad["metric"] and _close(f.value, bad["value"])], bad


@pytest.mark.parametrize("case", ATTRIBUTION, ids=[c["note"][:40] for c in ATTRIBUTION])
def test_traps_stay_out_when_stripped(case: dict) -> None:
    """Punctuation-stripped text never turns a trap into a fact."""
    facts = _facts(_strip(case["text"]), case["published"])
    for bad in case["not"]:
        assert not [f for f in facts if f.metric == bad["metric"] and _close(f.value, bad["value"])], bad


def test_base_of_an_unmarked_total_is_nobodys() -> None:
    """`이는 전년 동기(…)` after a total no company owns (`상위 3개 증권사(A·B·C)은 …`) is still the total.
    (Clean text only: stripped, the bracketed list reads as the subject `C 은`.)"""
    text = ("국내 상위 3개 증권사(한빛증권·누리투자증권·다온증권)은 지난해 3조1120억원의 당기순이익을 기록했다. "
            "이는 전년 동기(2조1040억원) 대비 47.9% 증가한 수치다. 한빛증권의 지난해 당기순이익은 1조2210억원이다.")
    facts = {(f.company_name, f.value) for f in _facts(text, "2022-02-11") if f.company_name}
    assert facts == {("한빛증권", 1221000000000.0)}, facts


def test_quoted_name_heading_the_cue_owns_its_figure() -> None:
    """`'누리스타뱅킹' MAU 1120만명`: a quoted name no list knows heads the cue, so the company the discourse
    carries does not get the figure. (Clean text only: stripped of its quotes the name reads as a plain word.)"""
    text = "한빛뱅크, 올 2분기 기준 평균 MAU 1천610만명. 시중은행에선 '누리스타뱅킹' MAU 1천120만명으로 뒤를 이었다."
    facts = {(f.company_name, f.value) for f in _facts(text, "2024-09-30") if f.company_name}
    assert facts == {("한빛뱅크", 16100000.0)}, facts


def test_quoted_title_is_no_recurring_subject() -> None:
    """`‘별빛런’은 …` opening sentence after sentence is a title the company runs, not a company of its own.
    (Clean text only: stripped of its quotes the title reads as a plain recurring topic.)"""
    text = ("가람게임즈는 ‘별빛런’ 게임 전체 글로벌 다운로드수가 1억5000만건을 돌파했다고 8일 밝혔다. "
            "‘별빛런’은 2009년작을 바탕으로 탄생됐다. ‘별빛런’은 국내 대표 러닝게임으로 자리잡았다. "
            "특히 ‘별빛런’의 출발을 알린 ‘별빛런 포 톡’은 국내에서만 3000만 다운로드를 넘어섰다.")
    owners = {f.company_name for f in _facts(text, "2021-05-08") if f.company_name}
    assert owners == {"가람게임즈"}, owners


EVENTS = _json("events.json")


@pytest.mark.parametrize("case", EVENTS, ids=[c["text"][:30] for c in EVENTS])
def test_events(case: dict) -> None:
    a = _article(case["text"], case["published"])
    events = extract_facts(a, find_mentions(a.body, a.published_date)).events
    got = {(e.company_name, e.event_type, e.event_date.isoformat(), e.date_grain) for e in events}
    for want in case["events"]:
        assert tuple(want) in got, got
    for company, event_type in case.get("not", []):
        assert not any(g[0] == company and g[1] == event_type for g in got), got


SENTENCES = [
    ("누리테크는 신제품을 출시했다  회사는 해외 진출을 준비한다 ", 2),
    ("누리테크는 신제품을 출시했다. 회사는 해외 진출을 준비한다.", 2),
    ("그는  품질이 가장 중요하다 고 말했다  다음 달 출시된다 ", 2),
    ("제목 줄\n본문은 여기서 시작한다 ", 2),
    ("기존보다 빠르다는 평가다", 1),
]


@pytest.mark.parametrize(("text", "n"), SENTENCES)
def test_sentence_split(text: str, n: int) -> None:
    sents = split_sentences(text)
    assert len(sents) == n, [s.text for s in sents]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_extract_facts_never_raises() -> None:
    a = _article("", None)
    assert extract_facts(a, []).facts == []
    b = _article("매출 ", None)
    assert extract_facts(b, []).facts == []


def test_names_joined_before_a_genitive_own_a_total() -> None:
    """`A·B·C은행의 당기순이익은 총 …` is the named banks' total, no one's own.
    (Clean text only: stripped of `·`, the names read as one phrase `A B C은행의`.)"""
    text = "한빛·누리·다솜은행의 1분기 당기순이익은 총 1조2400억원이다. 한빛은행의 당기순이익은 5120억원이다."
    facts = {(f.company_name, f.value) for f in _facts(text, "2019-04-28") if f.company_name}
    assert facts == {("한빛은행", 512000000000.0)}, facts


def test_one_figure_of_two_joined_names_is_neither_s() -> None:
    """`A·B(N명)` in a list is the two names' figure together. (Clean text only: stripped of `·`, `A B N명`
    reads as B's figure after a word no list knows.)"""
    text = ("알뜰폰 사업자 중 한빛모바일이 66만명의 가입자를 모아 1위였다. 우편창구에서 가입을 받는 "
            "다솜모바일(41만2000명), 누리넷·한솔텔레콤(30만5000명), 별빛텔레콤(21만명)이 그 뒤를 이었다.")
    facts = {(f.company_name, f.value) for f in _facts(text, "2012-03-07") if f.company_name}
    assert facts == {("한빛모바일", 660000.0), ("다솜모바일", 412000.0), ("별빛텔레콤", 210000.0)}, facts
