"""Periods of metric facts: which year (and label) a figure belongs to.

In order: a date written right before the number (`2016년 751억원`), the year handed down a from-to
chain or by `같은 기간` from the sentence before, the nearest earlier date of the clause
(`2021년 1493억원 영업이익 45억원` → 2021; `9월 말 기준`, `지난해`, `3분기` as resolved by the date
normalizer against the publication date), else the publication year for a figure stated as current,
else none. Dates that date an event (`2020년 설립된`) do not date figures. Forecast/target wording
(`전망`, `계획`, `목표`) marks the fact `is_forecast`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

import regex as re

from etl.facts.metrics import CHANGED, facts_rules
from etl.mentions.dates import BASE_FIGURE
from etl.records import Mention

# a date this close before the number is its own period
PAIR_GAP = 4
_DIGIT = re.compile(r"\d")
_FUTURE = re.compile(r"([가-힣])\s?것(?:이|으로|이라|$|\s)")


@dataclass(frozen=True, slots=True)
class Period:
    year: int | None
    label: str | None
    rule: str
    reason: str


def label_for(d: date, grain: str | None) -> str:
    if grain == "quarter":
        return f"{d.year}Q{(d.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{d.year}H{1 if d.month <= 6 else 2}"
    if grain in ("month", "day", "week"):
        return f"{d.year}-{d.month:02d}"
    return str(d.year)


def _rules() -> dict[str, list[str]]:
    return facts_rules()["periods"]


def _any_of(prefix: str, words: list[str]) -> re.Pattern[str]:
    """`prefix` then any one of `words`: matches wherever one pattern per word would."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(prefix + "(?:" + "|".join(re.escape(w) for w in words) + ")")


@cache
def _event_date_re() -> re.Pattern[str]:
    return _any_of(r"\s*(?:에|부터)?\s*", _rules()["event_date_words"])


@cache
def _comparison_re() -> re.Pattern[str]:
    # `전년 동기 대비`, `전년(275억원)보다`, `지난해 같은 기간에 기록한 75억원에 비해`: the date of the base
    words = "|".join(re.escape(w) for w in _rules()["comparison_words"]) or "(?!)"
    return re.compile(
        r"\s*(?:동기|같은\s?기간)?\s*(?:에\s?기록한\s?)?(?:\([^()]{0,24}\)|[\d,.]+\s?[조억만천]?[\d,.]*\s?[원명%]?)?\s*"
        rf"(?:에\s?비해|에\s?비하면|와\s?비교해|과\s?비교해|{words})"
    )


def is_event_date(text: str, m: Mention, num_start: int | None = None) -> bool:
    """The date dates an event (`2020년 설립된`) or is a comparison base (`전년 동기 대비`); for a number at
    `num_start`, only a base it comes after (`전년(275억원)보다 … 818억원`: 275억원 is the base's own)."""
    after = text[m.end : m.end + 40]
    if _event_date_re().match(after):
        return True
    c = _comparison_re().match(after)
    if c is None and _PREVIOUS_PERIOD.match(m.text):
        c = _FROM_BASE.match(after)  # `전년 동기 2127명에서 6.0% 증가한 2255명`: the start of a change, no more
    return c is not None and (num_start is None or m.end + c.end() <= num_start)


_PREVIOUS_PERIOD = re.compile(r"전년|작년\s?(?:동기|같은)|지난해\s?(?:동기|같은)|전\s?분기|직전\s?분기|전월")
_FROM_BASE = re.compile(r"\s*(?:동기|같은\s?기간)?\s*(?:의\s?)?[\d,.]+\s?[조억만천]?[\d,.]*\s?[원명%]?\s*에서")


# what may stand between a forecast cue and the figure it introduces: `컨센서스(838억원)`, `전망치 1200억원`
_CUE_BEFORE_ITS_FIGURE = re.compile(r"(?:\s?\(|[은는이가를을인의]?\s)\s?\d")
_CLAUSE_BREAK = re.compile(r"([가-힣])(?:으나|지만|는데|으며|며|고)(?=\s)")
_JONG_SS = 20  # final consonant ㅆ: 했, 였, 됐, 냈
_AGAINST_ESTIMATE = re.compile(
    r"(?:치|한\s?것|했던\s?것|된\s?것)?\s?(?:를|을|보다|에\s?비해|대비)?\s?(?:[\d.]+\s?%\s?)?"
    r"(?:하회|상회|웃돈|웃도|밑돈|밑도|넘어|적은|많은|낮은|높은|못\s?미)")
_NOW_BEFORE = re.compile(r"(?<![가-힣])현재(?:\s?기준)?\s?(?:약\s?)?$")
_JONG_N = 4  # final consonant ㄴ: 한, 낸, 거둔 (a past adnominal)
_DONE_SO = re.compile(r"([가-힣])\s?만큼(?=\s)")


def is_past_tense(syllable: str) -> bool:
    """The syllable carries the past-tense ㅆ (했, 였, 됐, 냈, 었)."""
    return "가" <= syllable <= "힣" and (ord(syllable) - 0xAC00) % 28 == _JONG_SS


@cache
def _forecast_re() -> re.Pattern[str]:
    """The forecast cues; a two-syllable one only where a word starts (`기대` is no cue in `동기대비`)."""
    cues = sorted(_rules()["forecast_cues"], key=len, reverse=True)
    alts = "|".join(re.escape(c) if len(c) > 2 else rf"(?<![가-힣]){re.escape(c)}" for c in cues)
    return re.compile(rf"(?P<cue>{alts})")


def is_forecast(
    text: str, sent_start: int, sent_end: int, num_start: int, num_end: int, next_start: int | None = None
) -> str | None:
    """The forecast/target cue governing the number, if any (searched up to the next figure)."""
    if _NOW_BEFORE.search(text, max(sent_start, num_start - 8), num_start):
        return None  # `현재 1247만명 수준의 가입자를 연내 1300만명까지 늘린다는 목표`: the level now, no forecast
    after = text[num_end : min(sent_end, next_start) if next_start is not None else sent_end]
    # `23억원을 기록했으나 올해 흑자 전환을 목표로`: a past-tense verb closes the figure's clause
    for brk in _CLAUSE_BREAK.finditer(after):
        if is_past_tense(brk.group(1)):
            after = after[: brk.start()]
            break
    # (`9180억원을 달성한 만큼 … 밟을 것으로 예상된다`: what was done, the ground of the forecast after it)
    for done in _DONE_SO.finditer(after):
        if (ord(done.group(1)) - 0xAC00) % 28 == _JONG_N:
            after = after[: done.start()]
            break
    before = text[max(sent_start, num_start - 25) : num_start]
    m = _forecast_re().search(after)
    if m and _CUE_BEFORE_ITS_FIGURE.match(text, num_end + m.end()):
        m = None  # `131억원으로 컨센서스(19억원)의 7배`: the cue introduces the estimate after it, not this figure
    m = m or _forecast_re().search(before)
    if m and m.string is before and _AGAINST_ESTIMATE.match(before, m.end()):
        m = None  # `예상치를 68.19% 하회하는 50억원`, `추정한 것보다 61.54% 적은`: an actual set against an estimate
    if m:
        return m.group("cue")
    # the future "-(으)ㄹ 것": 넘길 것, 늘어날 것으로
    future = _FUTURE.search(after)
    if future and (ord(future.group(1)) - 0xAC00) % 28 == 8:
        return future.group(0).strip()
    return None


def has_same_period_cue(sentence: str) -> bool:
    return any(c in sentence for c in _rules()["same_period_cues"])


def dated(mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if m.kind == "date" and m.date is not None]


_YEAR_OR_RELATIVE = re.compile(r"\d{2,4}\s?년|올|금년|내년|작년|지난|전년|다음|오는|이번|\d{2}\s?[./]|'\d{2}")


def reported_period(d: Mention, published: date | None) -> Mention:
    """A bare quarter, half or month (`4분기 실적`, `하반기`, `12월 말`) reported before it began is last
    year's: news reports the latest such period that has begun (`4분기 매출` in February is the year before's)."""
    if (published is None or d.date is None or d.grain not in ("quarter", "half", "month") or d.date <= published
            or _YEAR_OR_RELATIVE.search(d.text)):
        return d
    return replace(d, date=d.date.replace(year=d.date.year - 1))


def _year_of_list(d: Mention, before: Sequence[Mention]) -> Mention:
    """`지난해 9월 100만명, 11월 300만명`: a month written without its year takes the year of the dated
    items before it in the sentence (the normalizer gave it the publication year); so does a later quarter or
    half of a dated series (`▲2022년 3분기 -476억원 ▲4분기 -925억원`; `지난해 4분기 … 1분기` runs into the next,
    and so does `지난해 12월 … 1월`)."""
    if (d.date is None or d.grain not in ("month", "day", "quarter", "half") or _YEAR_OR_RELATIVE.search(d.text)
            or d.rule == "date_offset"):  # (`1년 후`: counted already)
        return d
    yeared = [x for x in before if x.end <= d.start and x.date is not None and _YEAR_OR_RELATIVE.search(x.text)]
    if not yeared:
        return d
    last = max(yeared, key=lambda x: x.end)
    assert last.date is not None
    if d.grain in ("quarter", "half") and (last.grain != d.grain or last.date.month >= d.date.month):
        return d
    if d.grain in ("month", "day") and last.grain in ("month", "day") and last.date.month > d.date.month:
        return d  # `지난해 12월 말에 비해 … 1월 말 기준`: the series ran into the next year
    year = last.date.year
    try:
        return replace(d, date=d.date.replace(year=year))
    except ValueError:  # 29 February
        return d


# `2021년부터 3년째 4조 원을 넘어`: where a run of periods starts, not the figure's period
# (or of an event that starts it: `지난해 4월 5G 서비스 시작 이후`, `2019년 출시 이후`)
# (not a figure's milestone: `2020년 12월 7200만명 돌파 이후` dates the 7200만명)
_SPAN_START = re.compile(r"\s?(?:(?:[가-힣A-Za-z0-9]{1,8}\s){0,2}?(?:시작|출시|개시|도입|상용화|설립|창립)\s?)?"
                         r"(?:부터|이후|이래)(?![가-힣])")
# `3분기 매출액은 지난해 동기 32.4% 늘어난 1조6840억원`: the base of the rate, not the figure's period
_RATE_BASE = re.compile(r"\s?(?:동기|같은\s?기간)?\s?(?:대비|보다|에\s?비해)?\s?[\d.]+\s?%\s?"
                        rf"{CHANGED}")


# the date of a comparison's base figure: `작년 말의 5만5천379명보다 8.65% 늘어난 6만167명` (not the later figure's)
_BASE_FIGURE_AFTER = re.compile(r"\s?(?:말|동기|같은\s?기간)?\s?(?:의\s?)?\(?(?:[\d,.]+\s?[조억만천백십]?\s?){1,5}"
                                r"(?:원|명|건|개)?\)?\s?(?:보다|대비|에\s?비해)")


# the present, set against an earlier date of the sentence
# (or the second level of a from-to: `2009년 12월 14명에서 현재 280명으로`; `1월 말 현재` is the date's own)
_NOW_WORD = re.compile(r"(?<![가-힣])(?:최근|요즘)(?:에는|은|까지)?\s|(?<=에서\s)현재\s")


# a figure set against the same figure of a year named outright: `1조7532억원으로 2022년 1조6121억원보다`
_DATED_BASE_AFTER = re.compile(
    rf"\S*\s?(?P<y>(?:19|20)\d\d)년\s?(?:같은\s?기간\s?|동기\s?)?(?:의\s?)?{BASE_FIGURE}\s?(?:보다|대비|에\s?비해)")
_RELATIVE_YEAR_WORD = re.compile(r"지난해|작년|지난\s?해")


# `12월 결산법인`: the month a fiscal year ends in names a kind of company, no period
_FISCAL_END = re.compile(r"\s?결산\s?(?:법인|기업|상장사|회사|사)")


def _offset_of_before(d: Mention, before: Sequence[Mention], published: date | None) -> Mention:
    """`2009년 12월 100만명을 돌파했고 1년 후 200만명을`: an offset after a date of the sentence counts from that
    date, not from the publication (the normalizer counted it from there)."""
    if d.rule != "date_offset" or d.date is None or published is None:
        return d
    anchors = [x for x in before if x.end <= d.start and x.date is not None and x.rule != "date_offset"]
    if not anchors:
        return d
    anchor = _year_of_list(anchors[-1], before)
    assert anchor.date is not None
    months = (d.date.year - published.year) * 12 + d.date.month - published.month
    total = anchor.date.year * 12 + anchor.date.month - 1 + months
    return replace(d, date=date(total // 12, total % 12 + 1, 1), grain=anchor.grain)


def _bracketed_before(text: str, sent_start: int, d: Mention, num_start: int) -> bool:
    """`▲A -27억원(전년동기 22억원) ▲B -26억원`: a date inside a bracket closed before the number is the
    bracket's figure's, not the number's."""
    opened = text.rfind("(", sent_start, d.start)
    return opened > text.rfind(")", sent_start, d.start) and text.find(")", d.end, num_start) >= 0


def period_for(
    text: str,
    sent_start: int,
    num_start: int,
    dates: Sequence[Mention],
    published: date | None,
    inherited: int | None = None,
    inherited_reason: str = "",
    reference: Mention | None = None,
    unresolved: Sequence[Mention] = (),
) -> Period:
    """The period of the number at `num_start` in the sentence starting at `sent_start` (`unresolved`: the
    sentence's relative dates that no publication date resolves)."""
    before = [d for d in dates
              if sent_start <= d.start and d.end <= num_start and not is_event_date(text, d, num_start)
              and not _SPAN_START.match(text, d.end) and not _RATE_BASE.match(text, d.end)
              and not (d.end < num_start - 12 and _BASE_FIGURE_AFTER.match(text, d.end))
              and not _bracketed_before(text, sent_start, d, num_start) and not _FISCAL_END.match(text, d.end)]
    nearest = max(before, key=lambda d: d.end) if before else None
    if nearest is not None and _NOW_WORD.search(text, nearest.end, num_start):
        # `2018년 1월 50만 명이었던 MAU는 최근 1500만 명을 넘었다`: the figure is the present's
        before, nearest = [], None
    blind = [d for d in unresolved if sent_start <= d.start and d.end <= num_start
             and (nearest is None or d.start > nearest.end) and not is_event_date(text, d, num_start)]
    if blind:  # `2021년 9564명에서 지난해 1만2166명으로` in an undated text: not 2021
        base = _DATED_BASE_AFTER.match(text, num_start)
        if base is not None and _RELATIVE_YEAR_WORD.fullmatch(blind[-1].text):
            # `SKT의 지난해 영업이익은 1조7532억원으로 2022년 1조6121억원보다`: the year after its base's
            year = int(base.group("y")) + 1
            return Period(year, str(year), "period:after-base",
                          f"'{blind[-1].text}' is the year after the base '{base.group('y')}년' it is set against")
        return Period(None, None, "period:none", f"'{blind[-1].text}' is relative and the article has no date")
    if nearest is not None:
        nearest = reported_period(_year_of_list(_offset_of_before(nearest, before, published), before), published)
    if nearest is not None:
        d = nearest
        gap = text[d.end : num_start]
        assert d.date is not None
        if len(gap) <= PAIR_GAP and not _DIGIT.search(gap):
            return Period(
                d.date.year,
                label_for(d.date, d.grain),
                "period:year-pair",
                f"'{d.text}' stands right before the number",
            )
    if inherited is not None:
        return Period(inherited, str(inherited), "period:carried", inherited_reason)
    if nearest is not None:
        d = nearest
        assert d.date is not None
        return Period(
            d.date.year,
            label_for(d.date, d.grain),
            "period:clause-date",
            f"nearest earlier date of the sentence is '{d.text}'",
        )
    if reference is not None and reference.date is not None:
        return Period(
            reference.date.year,
            label_for(reference.date, reference.grain),
            "period:reference",
            f"no period of its own; '{reference.text}' of the sentences just before dates it",
        )
    if published is not None:
        return Period(
            published.year,
            f"as of {published.isoformat()}",
            "period:publication",
            "no period of its own: a current figure, dated by the article",
        )
    return Period(None, None, "period:none", "no period in the sentence and no publication date")
