"""Metric classification: is this number a company's revenue, headcount, error rate …?

A numeric mention becomes a metric candidate when a cue word of that metric (`seeds/metric_cues.csv`,
role `cue`) stands in its clause, just before it (`매출규모가 2016년 751억원`) or just after it
(`1000억원의 매출`), and the mention's unit fits the metric (`etl/rules/facts.toml`). A trap word of
the metric (role `trap`: attendees, population, survey, industry average …) near the pair vetoes it,
and so does a number that is a change (`20억원 증가`) rather than a level. Everything else numeric
stays a mention.
"""

from __future__ import annotations

import re as stdre
import tomllib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex as re

from etl.mentions import qualifiers, units
from etl.mentions.dates import GENERATION_AFTER
from etl.reference import seed
from etl.text import fastre
from etl.text.fastre import literal_alternation

RULES = Path(__file__).resolve().parents[1] / "rules" / "facts.toml"

_LEVEL_FILLER = re.compile(
    r"^\s*(?:(?:이|가|을|를|이나|나|은|는)(?=\s))?\s*(?:가량|정도|넘게|이상|가까이|씩|나)?(?:씩)?\s*(?:각각\s?)?"
    # the period the change took: `200명이 상반기 중에 증가한`, `50명이 1년 새 늘었다`
    r"(?:(?:올\s?)?(?:상반기|하반기|\d분기|올해|지난해|작년|1년|한\s?해|\d{4}년)\s?(?:중에?|새|동안|사이에?|간)?\s)?"
)
_OWNS_NEXT = re.compile(r"\s*(?:은|는|이|가|도|규모는?|수는?)?\s*[\d一-龥]")
_FINITE_VERB = re.compile(r"(?:했다|였다|이다|됐다|한다|된다)\s")
_PART_AFTER = re.compile(r"\s*(?:중|가운데)\s")
# a whole divided by a fraction or a share after it (not a proportion: `10명 중 7명`)
_WHOLE_SHARED = re.compile(r"\s*(?:중|가운데)\s(?:약\s?)?(?:\d+\s?분의\s?\d|[\d.]+\s?%|절반)")
# the whole another's share is of: `전체 유료방송 가입자인 2330만명(업계 합산 추정)의 4분의 1 이상을 점유할`
# (not one's own figure a later figure is a share of: `지난해 연간 영업이익 1조2929억원의 94%에 달했다`)
_WHOLE_OF_SHARE = re.compile(r"\s?(?:\([^()]{0,30}\))?\s?의\s(?:약\s?)?(?:\d+\s?분의\s?\d|[\d.]+\s?%|절반|과반)"
                             r"\s?(?:이상|가량|정도|넘게|가까이)?\s?(?:을|를)?\s?(?:점유|차지)")
# (not a period's span: `3분기 중 202억원의 매출`, `올해 중`)
_PART_BEFORE = re.compile(r"\d[\d,.]*\s*(?!분기|반기|월|년)[가-힣]{0,2}\s*(?:중|가운데)\s*$")
# the cue's share written between it and the figure: `매출의 10.9%인 1459억원을 썼고`
_SHARE_OF_CUE = re.compile(r"(?:액)?의\s?[\d.]+\s?%\s?(?:인|에\s?해당하는|수준인|가량인)\s?")


@dataclass(frozen=True, slots=True)
class MetricCue:
    metric: str
    cue: str
    role: str  # cue | trap
    weight: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class Classification:
    metric: str
    cue: str
    cue_start: int
    cue_end: int
    weight: float
    negative: bool
    direction: str  # before | after: where the cue stands relative to the number
    reason: str


@dataclass(frozen=True)
class MetricRules:
    cues: tuple[MetricCue, ...]  # role == cue, longest first
    traps: tuple[MetricCue, ...]
    units: dict[str, frozenset[str]]
    excluded_counters: dict[str, tuple[str, ...]]
    minimums: dict[str, dict[str, float]]
    negative_cues: frozenset[str]
    max_cue_distance: int
    max_following_gap: int
    following_links: tuple[str, ...]
    change_words: tuple[str, ...]
    delta_words: tuple[str, ...]
    level_links: tuple[str, ...]
    before_number_traps: frozenset[str]
    before_cue_traps: frozenset[str]
    adjacent_traps: frozenset[str]
    rate_words: tuple[str, ...]
    hypothetical_words: tuple[str, ...]
    describes_other: re.Pattern[str]
    relative_link: re.Pattern[str]
    dated_base: re.Pattern[str]
    cue_re: stdre.Pattern[str]  # every cue and trap word (stdlib engine: see `fastre.literal_alternation`)
    segment_topic: re.Pattern[str]
    word_initial_traps: frozenset[str]
    breakdown: re.Pattern[str]
    breakdown_reach: int


@cache
def facts_rules() -> dict[str, Any]:
    return tomllib.loads(RULES.read_text(encoding="utf-8"))


# a change as the word before the level it reached (`감소한 `, `떨어진 `), for the rules' patterns
CHANGED = "(?:" + "|".join(
    sorted(map(re.escape, facts_rules()["metrics"]["changed_words"]), key=len, reverse=True)) + ")"


@cache
def metric_rules() -> MetricRules:
    data = facts_rules()
    rows = [
        MetricCue(
            r["metric"], r["cue"], r.get("role", "cue") or "cue", float(r.get("weight") or 1.0), r.get("note", "")
        )
        for r in seed("metric_cues")
        if r.get("metric") and r.get("cue")
    ]
    cues = tuple(sorted((c for c in rows if c.role == "cue"), key=lambda c: -len(c.cue)))
    traps = tuple(c for c in rows if c.role == "trap")
    m = data["metrics"]
    alts = sorted({c.cue for c in rows}, key=len, reverse=True)
    return MetricRules(
        cues=cues,
        traps=traps,
        units={k: frozenset(v) for k, v in data["metric_units"].items()},
        excluded_counters={k: tuple(v) for k, v in data.get("metric_excluded_counters", {}).items()},
        minimums={k: {u: float(x) for u, x in v.items()} for k, v in data.get("metric_minimums", {}).items()},
        negative_cues=frozenset(m["negative_cues"]),
        max_cue_distance=int(m["max_cue_distance"]),
        max_following_gap=int(m["max_following_gap"]),
        following_links=tuple(m["following_links"]),
        change_words=tuple(m["change_words"]),
        delta_words=tuple(m["delta_words"]),
        level_links=tuple(m["level_links"]),
        before_number_traps=frozenset(m.get("before_number_traps", [])),
        before_cue_traps=frozenset(m.get("before_cue_traps", [])),
        adjacent_traps=frozenset(m.get("adjacent_traps", [])),
        rate_words=tuple(m.get("rate_words", [])),
        hypothetical_words=tuple(m.get("hypothetical_words", [])),
        describes_other=re.compile(
            r"\s*(?:규모|수준)?\s*의\s*(?:[가-힣]+\s)?(?:"
            + "|".join(re.escape(w) for w in m.get("other_entity_heads", ["(?!)"]))
            + r")(?:[은는이가을를의에와과도로])?(?![가-힣])"
        ),
        relative_link=re.compile(
            r"\s?(?:" + "|".join(re.escape(w) for w in m.get("relative_links", ["(?!)"])) + r")\s+(?:\S{1,20}의?\s+)?"
            + "|" + m.get("ranking_link", "(?!)")
        ),
        dated_base=re.compile("|".join(m.get("dated_base_patterns", ["(?!)"]))),
        cue_re=literal_alternation(alts),
        segment_topic=_segment_topic(m.get("segment_words", []), m.get("segment_links", [])),
        breakdown=re.compile("|".join(re.escape(w) for w in m.get("breakdown_words", [])) or "(?!)"),
        breakdown_reach=int(m.get("breakdown_reach", 400)),
        word_initial_traps=frozenset(m.get("word_initial_traps", [])),
    )


# dates and period words that may stand between a segment word and the cue (`백화점의 지난해 4분기 매출은`)
_PERIOD_WORDS = (r"(?:지난해|올해|작년|올|전년|연간|누적|같은 기간|\d{2,4}년|(?:[1-4][·/]?\s?)?\d분기|[1-4]Q"
                 r"|상반기|하반기|반기|말"
                 r"|최근|현재)")


# an earlier item of the same list: `백화점의 지난해 매출은 2조8880억원, <영업이익 …>`
_LIST_ITEM = r"[가-힣]{2,6}(?:은|는|이|가)?\s?[\d,.]+\s?(?:조|억|만|천)?[\d,.]*\s?[가-힣%]{0,2}\s?(?:,|과|와|및)?\s?"


def _segment_topic(words: list[str], links: list[str]) -> re.Pattern[str]:
    """A segment word heading the text up to a cue: `해외 `, `백화점의 지난해 `, `e커머스는 지난해 4분기 `."""
    if not words:
        return re.compile(r"(?!)")
    w = "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))
    link = "|".join(re.escape(x) for x in sorted(links, key=len, reverse=True)) or "(?!)"
    return fastre.compile(  # the stdlib engine: 3× faster on these
        # (`연구개발(R&D) 인력만`: the word glossed by its abbreviation)
        # (`전체 무선 가입자는`: the whole of it is the company's own)
        rf"(?<![가-힣A-Za-z])(?:(?<!전체 )(?:{w})(?:\s?\(?[A-Za-z&][A-Za-z& ]{{0,7}}\)?)?(?:\s?(?:{link}))?"
        rf"(?:의|은|는|이|가|에서는|에서도|에서)?\s?"
        rf"(?:{_PERIOD_WORDS}\s?){{0,4}}(?:{_LIST_ITEM}){{0,4}}"
        rf"|(?:{_ANY_DIVISION}|{_PRODUCT_LINE})(?:의|은|는|이|가|에서는|에서도|에서)?\s?(?:{_PERIOD_WORDS}\s?){{0,4}})$"
    )


# a product line: `차량용 매출은`, `올레드 디스플레이용 매출은` (not `비용`, `이용`, `고용` …)
_PRODUCT_LINE = r"[가-힣A-Za-z0-9]{1,10}(?<![비사이활적고신내운효])용(?=\s)"
# any named division (`식품사업 부문`, `공연 부문`, `바이오사업부`); not all of them (`전 부문`, `각 부문`)
_ANY_DIVISION = (r"(?!(?:전|모든|각|전체)\s)[가-힣A-Za-z&·]{1,10}(?:\s?\([A-Za-z]{1,6}\))?"  # (`반도체(DS)부문`)
                 r"\s?(?:사업\s?)?(?:부문|사업부|사업본부)|(?!(?:전|모든|각|전체|이|동|해당|신규)\s?사업)[가-힣]{2,8}사업")


_HEAD_FILLER = (r"(?:(?:한편|다만|반면|또|또한|특히|이 중|이 가운데|이를 포함한|이를 합친|(?:사업\s?)?부문별로(?:는)?|"
                + _PERIOD_WORDS[3:-1] + r")\s?)*")


@cache
def _segment_head() -> re.Pattern[str]:
    words = facts_rules()["metrics"].get("segment_words", [])
    links = facts_rules()["metrics"].get("segment_links", [])
    if not words:
        return re.compile(r"(?!)")
    w = "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))
    link = "|".join(re.escape(x) for x in sorted(links, key=len, reverse=True)) or "(?!)"
    return fastre.compile(  # the stdlib engine: 3× faster on these
        rf"\s*{_HEAD_FILLER}(?:(?:{w})(?:\s?(?:{link}))?|{_ANY_DIVISION})\s?(?:실적|매출액|매출|부문)?"
        # `해외 사업부문(백화점+마트)은`, and stripped of its brackets: `해외 사업부문 백화점 마트 은`
        r"(?:\s?\([^()]{1,20}\)|(?:\s[^\s\d]{1,10}){1,3}\s+(?=(?:은|는|이|가)\s))?(?:은|는|이|가|의|에서는|에서도|에서)\s"
    )


_CONDITION_AFTER = re.compile(r"[^.?!\n]{0,20}?(?:못하면|않으면|못할\s?경우|않을\s?경우)")


@cache
def _other_quantity() -> re.Pattern[str]:
    """A noun of another quantity as a clause's subject or object (`인건비는`, `관련 손실을`)."""
    words = "|".join(re.escape(w) for w in facts_rules()["metrics"].get("other_quantities", [])) or "(?!)"
    return re.compile(rf"(?:{words})(?:은|는|이|가|도|을|를)\s")


@cache
def entity_traps() -> frozenset[str]:
    """Traps that tell whose figure it is, not what it counts (`알뜰폰`, `업계 전체`)."""
    return frozenset(facts_rules()["metrics"].get("entity_traps", []))


# a company's division as a clause's subject, right after the company's name: `삼성물산 건설부문도 …`
_DIVISION_AFTER_NAME = fastre.compile(
    r"\s?(?:[가-힣A-Za-z&]{1,10}\s?)?(?:사업\s?)?(?:부문|사업부|사업본부)(?:은|는|이|가|도)\s")


def segment_head(text: str, sent_start: int, sent_end: int, name_ends: Iterable[int] = ()) -> bool:
    """The sentence is about a segment (`지난해 4분기 백화점 실적은 선방했다`, `e커머스는 …`), or makes a
    company's division its subject (`같은 날 실적을 발표한 삼성물산 건설부문도 …`: `name_ends`, where the
    sentence's company names end)."""
    return _segment_head().match(text, sent_start, sent_end) is not None or any(
        _DIVISION_AFTER_NAME.match(text, e, sent_end) for e in name_ends)


def open_bracket(text: str, start: int, pos: int) -> int | None:
    """Where the bracket still open at `pos` (opened at or after `start`) opens, if any."""
    opened = text.rfind("(", start, pos)
    return None if opened < 0 or text.find(")", opened, pos) >= 0 else opened


def _in_dated_bracket(text: str, sent_start: int, num_start: int) -> bool:
    """The number stands in a bracket opened right after a dated base: that period's own figure
    (`전분기(매출 9조3900억원, 영업이익 1조9800억원)`)."""
    opened = open_bracket(text, sent_start, num_start)
    return opened is not None and metric_rules().dated_base.search(
        text, max(sent_start, opened - 12), opened) is not None


def segment_figure(text: str, sent_start: int, cue_start: int, num_start: int) -> str | None:
    """Why the figure is a segment's (a unit, region or staff group; a breakdown), or None."""
    r = metric_rules()
    anchor = min(cue_start, num_start)
    if r.segment_topic.search(text, max(sent_start, anchor - 30), anchor):
        return "a segment's figure (a business unit, region or staff group heads the cue)"
    if cue_start < num_start and r.segment_topic.search(text, cue_start, num_start):
        return "a segment's figure (`영업이익 중 반도체(DS)부문은 …`: a business unit stands between cue and figure)"
    para = text.rfind("\n", 0, sent_start) + 1
    for m in r.breakdown.finditer(text, max(para, anchor - r.breakdown_reach), anchor):
        if not _NEGATED.match(text, m.end(), anchor):  # `사업부문별로 분리해 발표하진 않았지만`: no breakdown
            return "a figure of a breakdown (부문별, 직무별 …), not the company's total"
    return None


@dataclass(frozen=True, slots=True)
class CueHit:
    cue: MetricCue
    start: int
    end: int


@cache
def _cues_by_word() -> dict[str, list[MetricCue]]:
    """Cues and traps by their word, in rule order (built once, not per sentence)."""
    r = metric_rules()
    by_word: dict[str, list[MetricCue]] = {}
    for c in (*r.cues, *r.traps):
        by_word.setdefault(c.cue, []).append(c)
    return by_word


def cue_hits(text: str, start: int = 0, end: int | None = None) -> list[CueHit]:
    """Cue and trap occurrences in text[start:end], longest match first, non-overlapping."""
    r = metric_rules()
    end = len(text) if end is None else end
    by_word = _cues_by_word()
    out: list[CueHit] = []
    initial = r.word_initial_traps
    for m in r.cue_re.finditer(text, start, end):
        if _not_a_cue(text, m.start(), m.group(), initial):
            continue
        for c in by_word[m.group()]:
            out.append(CueHit(c, m.start(), m.end()))
    return out


def _not_a_cue(text: str, start: int, word: str, initial: frozenset[str]) -> bool:
    """A cue word that is no cue here: a trap word that opens a word only (`initial`) inside one (`신한지주가`: no
    stock price), a metric naming a kind of company (`영업손실 기업`), or any cue inside the quoted title of a
    document (`'간편결제 가입자 수 및 매출액' 자료에 따르면`). Every cue hit is made here, so no rule downstream
    sees such a word."""
    if word in initial and start > 0 and _HANGUL.match(text, start - 1) is not None:
        return True
    if _KIND_OF_COMPANY.match(text, start + len(word)):
        return True  # `영업손실 기업이 늘었다`: a kind of company, no figure's metric
    close = _TITLE_CLOSE.match(text, start + len(word), start + len(word) + 30)
    if close is None:
        return False
    opening = max(text.rfind(q, max(0, start - 40), start) for q in "‘“'\"")
    return opening >= 0 and not _QUOTE_MARK.search(text, opening + 1, start)


# a metric word naming a kind of company: `영업손실 기업`, `흑자 상장사들`
_KIND_OF_COMPANY = re.compile(r"\s?(?:기업|업체|회사|상장사)(?:들|이|가|은|는|의|도|을|를|\s|$)")
# the closing quote of a document's title, and the document (`…매출액’ 자료에 따르면`)
_TITLE_CLOSE = re.compile(r"[^‘“’”'\".?!\n]*?[’”'\"]\s?(?:자료|보고서|통계|리포트|조사\s?결과)")
_QUOTE_MARK = re.compile(r"[‘“’”'\"]")


def sentence_cue_hits(text: str, spans: Sequence[tuple[int, int]]) -> list[list[CueHit]]:
    """`cue_hits(text, start, end)` of every span, from one scan of the whole text.

    The cue pattern is an alternation of literals, so whether it matches at a position depends only
    on the characters it covers: where no match of the whole-text scan crosses an edge of a span,
    the scan bounded to the span finds exactly the whole-text matches inside it. A span whose edge
    cuts a whole-text match (a cue with a space across a sentence gap) is scanned on its own.
    """
    by_word = _cues_by_word()
    r = metric_rules()
    found = [(m.start(), m.end(), m.group()) for m in r.cue_re.finditer(text)
             if not _not_a_cue(text, m.start(), m.group(), r.word_initial_traps)]
    starts = [f[0] for f in found]
    out: list[list[CueHit]] = []
    for start, end in spans:
        i = bisect_left(starts, start)
        crossed = i > 0 and found[i - 1][1] > start  # the match before the span runs into it
        j = i
        while not crossed and j < len(found) and found[j][0] < end:
            crossed = found[j][1] > end  # the match runs out of the span
            j += 1
        if crossed:
            out.append(cue_hits(text, start, end))
        else:
            out.append([CueHit(c, s, e) for s, e, word in found[i:j] for c in by_word[word]])
    return out


_NO_UNITS: frozenset[str] = frozenset()


def fits_unit(metric: str, unit: str | None) -> bool:
    return (unit or "") in metric_rules().units.get(metric, frozenset())


def plausible(metric: str, unit: str | None, value: float | None) -> bool:
    """A value a company could report for the metric (`[metric_minimums]`: a revenue of 24,550 won is a
    stock price, a headcount of 1 a rank, users 3 a count of something else)."""
    if value is None:
        return False
    floor = metric_rules().minimums.get(metric, {}).get(unit or "", 0.0)
    return abs(value) >= floor


# `2150억원(15%)이나 증가`: a parenthesis after the number does not end its clause
_PAREN_AFTER = re.compile(r"^\s?\([^()]{0,20}\)|^\s{1,2}\d[\d.]*\s?%?\s{1,2}(?=이나|나\s)")
# `35.6%(364명) 늘어났다`: the number in parentheses after a rate is the change it stands for
_AFTER_RATE = re.compile(r"%\s?\($")
# `직원 수가 1000명 이상 늘어난 기업으로는 LG이노텍(1936명)`: the figures of a list of changes
_CHANGE_LIST = re.compile(r"(?:늘어난|늘린|증가한|감소한|줄어든|줄인|늘었던|줄었던)\s?(?:기업|곳|회사|업체|상장사)")
_RECORDED_LEVEL = re.compile(r"\s?(?:을|를)\s(?:기록|달성|올렸|올리며|거뒀|거두며|냈|내며)")
# `한빛건설(1210억→1830억원)`: the two ends of a from-to are levels, whatever list they are in
# (`한빛강철이 130명에서 268명으로` too)
_FROM_TO_ARROW = re.compile(r"\s?(?:→|->|⇒|에서)\s?[\d,.]")
_TO_ARROW = re.compile(r"(?:→|->|⇒|\d[\d,.]*\s?(?:조|억|만|천)?[\d,.]*\s?[가-힣]{0,2}에서)\s?$")
# `삼성바이오 629명(2886→3515명)`: the number before a from-to in parentheses is the change between them
_DELTA_BEFORE_FROM_TO = re.compile(r"\s?\(\s?[\d,.]+\s?(?:조|억|만|천)?[\d,.]*\s?[가-힣]{0,2}\s?(?:→|->|에서)")
# a generation named by its two decades (`2030 젊은 세대`, `4050 남성`)
_GENERATION = re.compile(r"[1-6]0[2-7]0")
_GENERATION_AFTER = re.compile(GENERATION_AFTER)
# `3조원대`, `1000억원대`, `3000명 대를 기록`: a band, not a value (`300명 대비` is a comparison)
_BAND_AFTER = re.compile(r"대(?:[를을의에로는]|\s|$)|\s대(?:[를을의에로는]|이다|다|였|$)")


@cache
def _joined_figures() -> re.Pattern[str]:
    """Figures listed after the first, each with its own cue or none (`과 342억원`, `, 영업이익 약 2046억원`):
    they share the word after the last of them. The cues are the catalog's cues of money metrics."""
    r = metric_rules()
    money = {m for m, units in r.units.items() if "KRW" in units}
    cues = "|".join(re.escape(c.cue) for c in r.cues if c.metric in money and " " not in c.cue)
    cue = rf"(?:연간\s?)?(?:{cues})"
    return re.compile(
        # (or each with its own bulleted topic, its bullet a double space once stripped:
        # `△현대모비스는 408명 △SK바이오사이언스는 200명이 … 증가한`)
        # (or with its basis: `166만명, DAU 기준으로 63만명 차이가`)
        rf"^(?:(?:\s?(?:과|와|,|및)\s?(?:{cue}\s|[A-Za-z가-힣]{{1,8}}\s?기준으로\s)?|\s{{1,2}}{cue}\s"
        r"|(?:\s?[,·]?\s?[△▲■▷]|\s{2})\s?[가-힣A-Za-z][가-힣A-Za-z&]{0,19}(?:은|는)\s)"
        rf"{_FIGURE_TEXT})+"
    )


# a figure as written in a list: `약 2046억원`, `1만 6572명`, `4.0%`
# (`30조5천134억원`: as many groups as the number has)
_NUMBER_TEXT = r"(?:약\s?)?[-+]?\d[\d,.]*\s?(?:조|억|만|천)?(?:\s?\d[\d,.]*\s?(?:조|억|만|천)?){0,3}"
_FIGURE_TEXT = rf"{_NUMBER_TEXT}\s?(?:원|명|건|%|달러)?"
# a genitive linking a figure to its cue through one modifier: `1246만명의 이동전화 가입자`, `94억원의 연결 영업이익`
# (not a new or added part: `1000명의 신규 직원`)
# (or through its scope: `3억 원의 연결 기준 당기순손실`)
# (or through its period: `37조8900억원의 지난 2분기 매출액`)
# (`1247만명 수준의 5G 가입자`: the figure's measure word before the genitive)
_OF_MODIFIED = re.compile(r"(?:\s(?:수준|규모))?\s?의\s(?:(?:연결|별도|개별)\s?기준\s"
                          r"|(?:지난\s?)?(?:[1-4]\s?분기|[상하]반기|\d{4}년)\s"
                          r"|(?!신규|추가|순증|증가|감소)[가-힣A-Za-z0-9]{1,6}\s)")
# the end of a ranked list before its cue: `A 1254명, B 1031명 등의 순으로 임직원을 보유`
_RANK_ORDER = re.compile(r"\s?(?:등\s?)?(?:의\s?)?순으로\s")
# the next items of a list of companies' figures: `·B 1217억원`, `, B는 1217억 원`
_NAMED_ITEMS = re.compile(rf"(?:\s?[,·]\s?[가-힣A-Za-z][가-힣A-Za-z&]{{0,19}}(?:은|는|이|가)?\s{_FIGURE_TEXT})+")


def is_change(text: str, num_end: int, sent_end: int) -> bool:
    """The figure ending at `num_end` is a change (`310억원 늘면서`), not a level."""
    r = metric_rules()
    if text[num_end : num_end + 1] in ("↓", "↑"):
        return True  # `불량률 50%↓`: an arrow glued to the figure marks its change
    if _respective_change().match(text, num_end, min(sent_end, num_end + 120)):
        return True
    after = text[num_end : min(sent_end, num_end + 50)]
    # `각각 1870억원과 310억원 늘면서`: figures listed together share the word after the last of them
    after = _joined_figures().sub("", after)
    after = _PAREN_AFTER.sub("", after)[:20]
    after = _LEVEL_FILLER.sub("", after)
    if after.startswith(r.level_links):
        return False
    # `1400명 이상 직원이 늘었고`: the counted noun may stand between the figure and its change
    after = _counted_noun().sub("", after)
    # (`41만명의 회원을 새롭게 유입했다`: an adverb of addition before the change; `304명을 줄여`: its object)
    after = _ADDED_ADVERB.sub("", after)
    return after.startswith(r.change_words) or (after[:2] in ("을 ", "를 ") and after[2:].startswith(_CUT_OR_ADDED))


# verbs whose object is the change itself (`304명을 줄여`, `500명을 늘렸다`)
_CUT_OR_ADDED = ("줄", "늘", "감축", "감원", "증원", "축소", "확대")


_ADDED_ADVERB = re.compile(r"^(?:새롭게|새로|추가로|신규로)\s")


def cue_changes(text: str, cue_end: int, sent_end: int) -> bool:
    """The cue noun is the subject of a change (`직원 수가 2016년에 비해 오히려 줄었다`): figures listed
    before it are the changes, not levels."""
    return _cue_change_re().match(text, cue_end, min(sent_end, cue_end + 30)) is not None


@cache
def _respective_change() -> re.Pattern[str]:
    """A list of companies' figures closed by `각각` and a change (`11번가는 208만명, 위메프가 116만명, G마켓은
    102만명이 각각 감소한`): every figure of it is a change."""
    item = rf"(?:\s?,\s?|\s{{1,2}})[가-힣A-Za-z][가-힣A-Za-z&]{{0,19}}(?:은|는|이|가)?\s{_FIGURE_TEXT}"
    return re.compile(rf"(?:{item})+(?:이|가|씩)?\s각각\s?(?:{_change_words()})")


@cache
def _change_words() -> str:
    """The catalog's change words as one alternation, longest first."""
    return "|".join(map(re.escape, sorted(metric_rules().change_words, key=len, reverse=True)))


@cache
def _cue_change_re() -> re.Pattern[str]:
    return re.compile(rf"\s?(?:이|가|은|는|도)?\s(?:[^\s\d]*\d*[^\s\d]+\s){{0,4}}?(?:{_change_words()})")


def _is_delta(text: str, num_start: int, sent_start: int) -> bool:
    before = text[max(sent_start, num_start - 10) : num_start]
    # `대비 17% 오른 1조3120억원`: the level after the change; `전년 대비(9129억원)`: the base, in parentheses
    if _LEVEL_AFTER_CHANGE.search(before) or _PAREN_OPEN.search(before):
        return False
    return any(w in before for w in metric_rules().delta_words)


def level_after_change(text: str, sent_start: int, num_start: int) -> bool:
    """The number is the level a change reached (`대비 17% 오른 1조3120억원`)."""
    return _LEVEL_AFTER_CHANGE.search(text[max(sent_start, num_start - 10) : num_start]) is not None


_LEVEL_AFTER_CHANGE = re.compile(rf"{CHANGED}\s?$")
_PAREN_OPEN = re.compile(r"(?:대비|보다)\s?\(\s?$")


_HANGUL = re.compile(r"[가-힣]")


# within the gloss: a parenthesis, or, stripped of it, a few words none of which carries a clause particle
_DIGIT_IN = re.compile(r"\d")
_INSIDE_GLOSS = re.compile(r"\s?\([^()]{0,40}|(?:\s[^\s()]+(?<![은는을를]))+\s?")


def _glossed_trap(text: str, hit: CueHit, hits: list[CueHit], num_start: int) -> CueHit | None:
    """`EBITDA(세전·이자지급 감가상각 전 영업이익)`: a cue inside the gloss of a trap word is the trap's."""
    if hit.start > num_start:
        return None
    for h in hits:
        if (h.cue.role == "trap" and h.cue.metric in (hit.cue.metric, "*") and h.end <= hit.start <= h.end + 40
                and not _DIGIT_IN.search(text, h.end, hit.start)
                and _INSIDE_GLOSS.fullmatch(text, h.end, hit.start)):
            return h
    return None


def _trap_near(
    text: str, metric: str, lo: int, hi: int, hits: list[CueHit], num_start: int, cue_start: int,
    num_end: int | None = None,
) -> CueHit | None:
    r = metric_rules()
    for h in hits:
        if h.cue.role == "trap" and h.cue.metric in (metric, "*") and h.start < hi and h.end > lo:
            if (num_end is not None and num_end <= h.start and h.cue.cue in r.adjacent_traps
                    and text[num_start - 1 : num_start] == "(" and text[num_end : num_end + 1] == ")"
                    and _DIGIT.search(text, num_end, h.start)):
                continue  # `B(2445억원)을 129억원 차이로 제쳤다`: the difference is the figure nearer the trap
            if h.cue.cue in r.before_number_traps and h.start >= num_start:
                continue
            if h.cue.cue in r.before_cue_traps and h.start >= min(cue_start, num_start):
                continue
            if h.end <= cue_start < num_start and _CAUSE_GAP.match(text, h.end, cue_start):
                continue  # `신규 수주 확대로 2분기 매출은`: the trap names a cause, not the cue's kind
            if _SET_ASIDE.match(text, h.end):
                continue  # `알뜰폰을 제외한 가입자 수는`: what the figure leaves out
            if num_start < h.start and h.end <= cue_start and _ITEM_FIGURE.match(text, h.end):
                continue  # `A는 3069만명, …, 알뜰폰 1246만명의 가입자`: a later item of the list, with its own figure
            if num_start < h.start and _TRAP_OWN_BRACKET.match(text, h.end):
                continue  # `고객 수는 2356만명으로, 대한민국 인구(올해 기준 5175만명)의`: the trap has its own figure
            if cue_start < num_start < h.start and _SUBJECT_FIGURE.match(text, _trap_run_end(h, hits)):
                continue  # `순익이 1조원, 신계약CSM이 3조원으로`: the next item, a trap with its own figure
            # (unless this figure follows it: `순익 1조3829억원 CSM 12조2020억원` is the trap's own)
            if h.end <= num_start and _FIGURE_BEFORE_TRAP.search(text, max(0, h.start - 16), h.start) \
                    and not (num_start - h.end <= 3 and _ITEM_FIGURE.match(text, h.end)):
                continue  # `가입자가 41만3천명 순증, … 10% 증가한 470만5천명`: the trap is the earlier figure's
            if (max(num_start, cue_start) < h.start and _CLAUSE_LINK.search(text, max(num_start, cue_start), h.start)
                    and _OWN_RATE_AFTER.match(text, h.end)):
                continue  # `239억원 영업이익을 기록해 영업이익률 34.21%를`: the next clause's trap, with its rate
            if num_start < h.start and (base := _COMPARED_BASE.search(text, num_start, h.start)) and (
                    base.start() < h.start):
                continue  # `… 1만6402명보다 68% 늘어 증가폭이 가장 컸다`: the trap is the change from the base figure
            return h
    return None


_DIGIT = re.compile(r"\d")
# a change noun right after the cue a figure modifies: `약 4834억원의 매출 증가를 이뤘다`
_CHANGE_OF_CUE = re.compile(r"\s?(?:증가|감소|성장|증대|신장|감축|축소)(?:를|을|가|이|에|로|세|폭|분|액)?(?![가-힣])")
# a verb linking the figure's clause to the next one
_CLAUSE_LINK = re.compile(r"[가-힣](?:해|하며|하고|하면서|으며|며|면서)\s")
# a rate right after a trap, its own figure: `영업이익률 34.21%`, `영업이익률이 55.08%`
_OWN_RATE_AFTER = re.compile(r"\s?(?:은|는|이|가|도)?\s?[\d.]+\s?%")
# a trap's own figure in brackets right after it: `인구(올해 기준 5175만1065명)`
_TRAP_OWN_BRACKET = re.compile(r"\s?\([^()\d]{0,10}\d")


def _trap_run_end(h: CueHit, hits: list[CueHit]) -> int:
    """The end of the run of trap words `h` opens (`신계약CSM`: 계약, then CSM)."""
    end = h.end
    while (nxt := next((x for x in hits if x.start == end and x.cue.role == "trap"), None)) is not None:
        end = nxt.end
    return end


# a trap word set aside by the phrase it heads (`알뜰폰을 제외한`)
_SET_ASIDE = re.compile(r"\s?(?:을|를)?\s?제외(?:한|하면|하고)")
# a figure with its counter right before a trap word (`41만3천명 순증`): the trap names that figure
_FIGURE_BEFORE_TRAP = re.compile(r"\d\s?(?:조|억|만|천)?\s?[\d,]*\s?(?:명|원|건|개|회|곳)\s?$")
# a bare number glued to a syllable that starts no particle, copula or count word: its own counter (`1만보`)
_NUMERAL_END = frozenset("0123456789만억조천백십")  # (a number ending in a qualifier, `2천만을 넘어`, is read whole)
_OTHER_COUNTER = re.compile(r"(?![이가은는을를의에도로으과와만까부나다며여였인씩쯤정대명건회개곳천백억조])[가-힣]")
# a figure set as the base of a comparison: `1만6402명보다`, `1조원에 비해`
_COMPARED_BASE = re.compile(r"[\d명원건개]\s?(?:보다|에\s?비해|대비)(?![가-힣])")
# a list item's figure right after its name (a trap word followed by its own figure is an item of a list)
_ITEM_FIGURE = re.compile(r"\s?(?:은|는|이|가)?\s?\(?\d")
# the same after a subject's particle (`신계약CSM이 3조원`)
_SUBJECT_FIGURE = re.compile(r"(?:은|는|이|가)\s?\d")
# from a trap to the cue after it: the trap's phrase ends as a cause (`수주 확대로`, `수요 증가에 힘입어`)
_CAUSE_GAP = re.compile(r"\s?[가-힣]{0,6}?(?:으로|로|에\s?따라|덕분에|영향으로|에\s?힘입어|탓에)\s")


# a breakdown denied in its own clause (`부문별로 분리해 실적을 발표하진 않았지만`)
_NEGATED = re.compile(r"[^.\n]{0,25}?(?:않|안\s|없)")


# the noun a change counts, between the figure and the change word (`1400명 이상 직원이 늘었고`)
@cache
def _counted_noun() -> re.Pattern[str]:
    """The catalog's cues of counted metrics (직원, 가입자, 고용 규모 …) with their particle."""
    r = metric_rules()
    counted = {m for m, units in r.units.items() if "person" in units or "count" in units}
    cues = sorted({c.cue for c in r.cues if c.metric in counted}, key=len, reverse=True)
    nouns = "|".join(map(re.escape, cues))
    # (`222만명의 4G 가입자가 감소했다`: joined by 의, with a word telling which)
    return re.compile(rf"^(?:의\s(?:[0-9A-Za-z가-힣]{{1,4}}\s)?)?(?:{nouns})(?:\s?수)?(?:이|가|은|는|도|을|를)\s")


# a bound written after a figure's counter (`40대 이상`, `300곳 가량`)
_TRAILING_QUALIFIER = re.compile(rf"\s?(?:{qualifiers.pattern('suffix')})$")


# complete items of a list of companies with their figures in parentheses
_LIST_ITEMS = re.compile(
    r"[△▲▷▶•ㆍ·]\s?[가-힣A-Za-z0-9&]{2,20}\s?\([^()]{1,40}\)\s?,?\s?"
    # (or the earlier items of a dated series: `2013년 1조 8708억 원(△4.5%), 2014년 1조 8013억 원(…)`,
    # `▲2022년 3분기 -476억원 ▲4분기 -925억원 ▲…`)
    rf"|[△▲▷▶•]?\s?(?:(?:\d{{4}}년\s?)?(?:[1-4]분기|상반기|하반기)|\d{{2,4}}년)\s?{_FIGURE_TEXT}"
    r"(?:\s?\([^()]{1,20}\))?\s?(?:,\s?|(?=[△▲▷▶•]))")
# `오차율 2.5%보다 낮다`: a comparison base; `전년 140억원보다` is the company's own earlier figure


@cache
def _conversion_after() -> re.Pattern[str]:
    """A figure's conversion into another currency written right after it, `(1억900만달러)` (stripped of its
    brackets: `1481억원  1억900만달러  의 영업이익`); the currency words are the units seed's."""
    words = sorted((u.surface for u in units.units().values() if u.kind == "money" and u.surface.isalpha()),
                   key=len, reverse=True)
    return re.compile(rf"^\s?[(\s]{_NUMBER_TEXT}\s?(?:{'|'.join(map(re.escape, words))})[)\s]")
# why `classify` reads no metric off a sentence cue that is too far from the number (the sentences
# before may still carry their metric to it)
NO_CLOSE_CUE = "no cue close enough to the number"
_THRESHOLD_BEFORE_CUE = re.compile(r"(?:넘는|넘은|웃도는|웃돈|이상의)$")
# a figure as the bound of a kind (`100만 다운로드를 넘는 게임은 여럿`) or as a supposition (`100만 다운로드만 나와도`)
_THRESHOLD_AFTER = re.compile(
    r"\s?[가-힣]{0,6}?(?:을|를)?\s?(?:훌쩍\s|크게\s|훨씬\s|족히\s)?(?:넘는|웃도는)\s(?!것)[가-힣]")
# a figure that a kind of thing reached, as the mark of a class (`1000만 다운로드를 돌파한 모바일 게임이 늘고 있다`)
# or a criterion (`흥행 기준은 1000만 다운로드`, `100만 다운로드가 흥행을 판단하는 기준이 됐다`,
# `'1000만 다운로드' 시대`)
_KIND_REACHED = re.compile(
    r"\s?[가-힣]{0,6}?(?:을|를)?\s?(?:(?:돌파한|넘은|넘긴|넘어선|달성한)\s(?:['‘\"“][^'’\"”]{1,20}['’\"”]\s)?"
    r"(?:[가-힣]+\s){0,2}?[가-힣]*(?:게임|앱|기업|업체|회사|서비스|제품|브랜드|곳)들?"
    # (or, a clause on, the plural of a kind: `1000만 다운로드를 기록하며 '국민게임'이라 불리는 게임들이 다수 등장했다`)
    r"|(?:돌파|기록|달성)하며\s(?:[^\s.]+\s){0,4}?[가-힣]*(?:게임|앱|기업|업체|회사|서비스|제품|브랜드)들)"
    # (or counted: `매출이 1조원을 넘은 곳은 23개사였으며`)
    r"(?:이|가|은|는)\s(?:[가-힣]+\s){0,2}?(?:늘|증가|많|등장|잇따|속출|나오|나왔|\d)")
_CRITERION_AFTER = re.compile(
    r"\s?[가-힣]{0,6}?['’\"”]?\s?(?:시대(?:의|를|가|에|로)?(?![가-힣])|(?:이|가)\s(?:[가-힣]+\s){0,2}?(?:기준|잣대|척도)(?:이|으로|였|이었))")
_CRITERION_BEFORE = re.compile(r"(?:기준|잣대|척도)(?:은|는|이|가)\s?['‘\"“]?$")
# a clause supposing what did not happen before the figure: `효과가 없었다면 순이익은 1조1551억원에 그쳤다`
_COUNTERFACTUAL = re.compile(r"[었았였]다면\s")
_IF_REACHED = re.compile(r"\s?[가-힣]{0,6}?만\s?(?:나와도|넘어도|돼도|되어도|넘으면|나오면|팔려도)")
# the sentence speaks of losses: `손실 규모도 늘었다`, `적자 폭이 커졌다`
_LOSS_SCALE = re.compile(r"(?:손실|적자)\s?(?:규모|폭)")
# a profit or loss word a word or two after a figure: `39억원의 첫 분기 흑자`
_RESULT_AFTER = re.compile(r"\s?(?:의\s?)?(?:[가-힣]{1,4}\s){0,2}(?:흑자|적자|손실|이익|순익)")
# a figure the company means to reach or keep: `올해 매출 1조 유지를 위해서는`, `1000만명 달성을 위해`
_GOAL_AFTER = re.compile(r"\s?(?:을|를)?\s?(?:유지|달성|돌파|회복|사수|수성)(?:을|를)?\s?위(?:해|한)")
_COUNT_GLOSS = re.compile(r"^\s?\([^()\d]{2,16}\)")
# a figure named in a clause the sentence compares with: `1년 간 가입자수가 708만명에 달했던 것보다`
_COMPARED_CLAUSE = re.compile(
    r"\s?(?:에|으로|로|을|를)?\s?(?:달했던|기록했던|이었던|였던|기록한|넘었던)\s?것(?:보다|에\s?비해|과\s?비교)")
# a noun with its subject particle right before a figure: what the figure counts (`동호회가 450여개`)
_OTHER_SUBJECT_BEFORE = re.compile(r"([가-힣]{2,8})(?:이|가|은|는)\s(?:총\s|약\s)?$")
_BOUND_OF_KIND = re.compile(r"\s?(?:이상|이하|미만|초과)의\s")
# people's data, not the people: `이용자 4000만 명의 개인정보를 유출한`
_DATA_OF_AFTER = re.compile(r"\s?의\s?(?:개인\s?)?(?:정보|데이터|신상)")
_COMPARED = re.compile(r"\s?\)?\s?보다(?![가-힣]{2})")


def classify(
    text: str,
    sent_start: int,
    sent_end: int,
    num_start: int,
    num_end: int,
    unit: str | None,
    hits: list[CueHit] | None = None,
) -> tuple[Classification | None, str]:
    """The metric of the number at text[num_start:num_end] in its sentence, or None and why not."""
    r = metric_rules()
    if hits is None:
        hits = cue_hits(text, sent_start, sent_end)
    written = _TRAILING_QUALIFIER.sub("", text[num_start:num_end].rstrip())  # `40대 이상`: the counter is 대
    unit_key, metric_units = unit or "", r.units  # (`fits_unit` inlined: this runs for every hit of every number)
    cues = [
        h for h in hits
        if h.cue.role == "cue" and unit_key in metric_units.get(h.cue.metric, _NO_UNITS)
        and not written.endswith(r.excluded_counters.get(h.cue.metric, ()))
    ]
    if not cues:
        return None, "no cue of a metric that takes this unit in the sentence"
    if unit is None and text[num_end - 1] in _NUMERAL_END and _OTHER_COUNTER.match(text, num_end):
        return None, "a count of something else (`1만보를 걸으면`: the counter glued to the number is no particle)"
    best: tuple[int, CueHit, str] | None = None
    for h in cues:
        if h.end <= num_start:
            dist = num_start - h.end
            if dist > r.max_cue_distance:
                # `영업이익이 증가한 회사들은 △A(1210억→1830억원) △B(270억→940억원)`: the items before this
                # one in a list under the cue stand between them
                dist = len(_LIST_ITEMS.sub("", text[h.end : num_start]))
            if dist <= r.max_cue_distance and (best is None or dist < best[0]):
                best = (dist, h, "before")
        elif h.start >= num_end:
            gap = text[num_end : h.start]
            # (`1481억원(1억900만달러)의 영업이익`: a conversion in parentheses stands between them)
            gap = _conversion_after().sub("", gap, count=1)
            # (`3만7584명(국민연금 가입자 수)을 고용하고`: a gloss saying how the figure was counted)
            gap = _COUNT_GLOSS.sub("", gap, count=1)
            if len(gap) > r.max_following_gap + 1:
                # `각각 100억원, 200억원, 300억원의 순이익`, `A 1192억원·B 1217억원의 영업손실`: the items of a
                # respective list, or of a list of companies' figures, share the cue after the last
                if "각각" in text[max(sent_start, num_start - 60):num_start]:
                    gap = _joined_figures().sub("", gap, count=1)
                elif (named := _NAMED_ITEMS.match(gap)) is not None:
                    gap = gap[named.end():]
            core = gap.strip()
            owns_next = _OWNS_NEXT.match(text[h.end : h.end + 8])
            # `40억원이었던 X의 매출은`: the figure is predicated of the cue noun after a relative clause
            relative = r.relative_link.fullmatch(gap) or _RANK_ORDER.fullmatch(gap) or _OF_MODIFIED.fullmatch(gap)
            if relative or (len(gap) <= r.max_following_gap + 1 and core in r.following_links and not owns_next):
                dist = len(gap)
                # `271억원의 영업이익과 897억원의 순이익`: a figure joined to the cue after it by 의 is that
                # cue's, unless a cue stands right before it
                if core == "의" and best is not None and best[2] == "before" and best[0] > 1:
                    dist = -1
                if best is None or dist < best[0]:
                    best = (dist, h, "after")
    if best is None:
        return None, NO_CLOSE_CUE
    dist, hit, direction = best
    if direction == "after" and _THRESHOLD_BEFORE_CUE.search(text, num_start, num_end):
        return None, "a threshold modifying the cue (`1조원 넘는 영업이익`), not the figure"
    if direction == "after" and _CHANGE_OF_CUE.match(text, hit.end):
        return None, "the change of the metric the figure modifies (`4834억원의 매출 증가`), no level"
    # a trap of the metric around the pair vetoes it
    lo = max(sent_start, min(hit.start, num_start) - 10)
    hi = min(sent_end, max(hit.end, num_end) + 12)
    trap = (_trap_near(text, hit.cue.metric, lo, hi, hits, num_start, hit.start, num_end)
            or _glossed_trap(text, hit, hits, num_start))
    if trap:
        return None, f"trap '{trap.cue.cue}' ({trap.cue.note})"
    if _COUNTERFACTUAL.search(text, sent_start, min(num_start, hit.start)):
        return None, "a counterfactual (`…이 없었다면 순이익은 N에 그쳤다`), no reported figure"
    if _THRESHOLD_AFTER.match(text, num_end, sent_end) or _IF_REACHED.match(text, num_end, sent_end):
        return None, "a threshold or a supposed figure (`100만 다운로드를 넘는 게임`, `100만 다운로드만 나와도`)"
    if (_KIND_REACHED.match(text, num_end, sent_end) or _CRITERION_AFTER.match(text, num_end, sent_end)
            or _CRITERION_BEFORE.search(text, max(sent_start, num_start - 8), num_start)):
        return None, "the mark of a class or a criterion (`1000만 다운로드를 돌파한 게임이 늘고`, `흥행 기준은 …`)"
    if (hit.cue.metric == "users" and text.startswith("개", num_end - 1)
            and (other := _OTHER_SUBJECT_BEFORE.search(text, max(sent_start, num_start - 12), num_start))
            and not r.cue_re.match(other.group(1))):
        return None, f"'{other.group(1)}' is what the figure counts (`동호회가 450여개에 달한다`), no users"
    if _BOUND_OF_KIND.match(text, num_end, sent_end):
        return None, "a bound of a kind (`10개 이상의 동호회`, `50명 이상의 일촌을 가진 회원`), not a level"
    if _COMPARED_CLAUSE.match(text, num_end, sent_end):
        return None, "the figure is what the sentence compares with (`…에 달했던 것보다`), not a reported level"
    if _DATA_OF_AFTER.match(text, num_end, sent_end):
        return None, "the figure counts the people whose data is meant (`4000만 명의 개인정보`), no users"
    if _GOAL_AFTER.match(text, num_end, sent_end):
        return None, "a goal (`매출 1조 유지를 위해서는`), not a reported figure"
    # a clause boundary between cue and number (a finite verb) breaks the link
    between = text[hit.end : num_start] if direction == "before" else ""
    if _FINITE_VERB.search(between):
        return None, "cue and number are in different clauses"
    if _SHARE_OF_CUE.fullmatch(between):
        return None, "a share of the metric (`매출의 10.9%인 1459억원`: R&D spending), not its level"
    if "평균" in between:
        return None, "an average (평균) stands between cue and number: a comparison base, not the company's figure"
    # (`임직원 550여 명 중 3분의 1을`: a share of the whole leaves the whole the company's figure)
    if (_PART_AFTER.match(text[num_end : num_end + 6]) and not _WHOLE_SHARED.match(text, num_end, sent_end)) or \
            _PART_BEFORE.search(text[max(sent_start, num_start - 14) : num_start]):
        return None, "the number is a part of a whole (N명 중 M명)"
    if _WHOLE_OF_SHARE.match(text, num_end, sent_end):
        return None, "the number is the whole a share is of (`2330만명의 4분의 1`), not the company's own"
    # (every match is bounded by the sentence end: the `regex` module scans a pattern's required
    # literal up to its end bound, which would make an article's cost grow with its length squared)
    if _COMPARED.match(text, num_end, sent_end) and not r.dated_base.search(
        text, max(sent_start, num_start - 15), num_start
    ) and not _in_dated_bracket(text, sent_start, num_start):
        return None, "the number is what the figure is compared with (…보다 낮다), not the company's own figure"
    if r.describes_other.match(text, num_end, sent_end):
        return None, "the figure describes another entity (`1조원 규모의 경쟁사`), not the company"
    if text.startswith(r.rate_words, num_end):
        return None, "the number is the base of a rate (1인당, 건당), not a level"
    if text.startswith(r.hypothetical_words, num_end):
        return None, "the figure is a supposition (…이라도, …일 수 있다), not a reported value"
    if (is_change(text, num_end, sent_end) or _AFTER_RATE.search(text, max(sent_start, num_start - 3), num_start)
            or _DELTA_BEFORE_FROM_TO.match(text, num_end, sent_end)):
        return None, "the number is a change (증가/감소), not a level"
    if (direction == "before" and _CHANGE_LIST.search(text, hit.end, num_start)
            and not _FROM_TO_ARROW.match(text, num_end)
            and not _TO_ARROW.search(text, max(0, num_start - 20), num_start)
            # (`가장 많이 증가한 곳은 X로 274% 증가한 11억원`: the level the change reached)
            and not level_after_change(text, sent_start, num_start)
            # (`… 곳은 X로 792억원을 기록해 489% 급증했다`: the level it recorded)
            and not _RECORDED_LEVEL.match(text, num_end, sent_end)):
        return None, "the number is in a list of changes (…늘어난 기업으로는 X(N명))"
    if _GENERATION.fullmatch(text, num_start, num_end) and _GENERATION_AFTER.match(text, num_end, sent_end):
        return None, "a generation (`2030 세대`, `2030 10명 중 4명`), no figure"
    if _BAND_AFTER.match(text, num_end, sent_end):
        return None, "the number names a band (3조원대), not a value"
    segment = segment_figure(text, sent_start, hit.start, num_start)
    if segment:
        return None, segment
    if direction == "before" and _is_delta(text, num_start, sent_start):
        return None, "the number is a difference against a base (대비/보다)"
    negative = hit.cue.cue in r.negative_cues
    reason = (
        f"cue '{hit.cue.cue}' ({hit.cue.metric}) {dist} chars {direction} the number; "
        f"unit {unit or 'none'} fits {hit.cue.metric}"
    )
    return Classification(
        hit.cue.metric, hit.cue.cue, hit.start, hit.end, hit.cue.weight, negative, direction, reason
    ), reason


# a figure as the object of an act (`300억원을 투자해`), not of reporting (`…을 기록했다`, `…을 넘어섰다`)
_OBJECT_OF_ACT = re.compile(r"\s?(?:을|를)\s(?!기록|달|올리|올렸|냈|내며|내면서|넘|돌파|웃돌|유지|나타)")
# how far after a carried figure a trap naming the figure before it still takes it (`1000억원 안팎 차이다`)
TRAP_AFTER_REACH = 8


def carried(
    text: str, sent_start: int, sent_end: int, num_start: int, num_end: int, unit: str | None, metric: str, cue: str
) -> Classification | None:
    """A cue-less figure continuing the metric of the sentence before (`2021년 320억원에서 … 늘어난 규모다`).

    Only for a unit the metric takes, a level (not a change or a difference), in a sentence with no
    cue or trap of its own; the caller requires a year written right before the number.
    """
    # (a cue of the same metric too far from the number to take it does not stop it)
    # (a trap that is an item of its own, `SK텔레콤 730만명, …, 알뜰폰 3만명 순이다`, vetoes its figure only)
    adjacent = metric_rules().adjacent_traps
    if not fits_unit(metric, unit) or any(
            (h.cue.metric != metric) if h.cue.role == "cue"
            # (another metric's trap, `투자` of `NH투자증권`, vetoes none of this one's figures)
            # (a trap naming the figure before it, `… 2조687억원을 앞서고 … 1000억원 안팎 차이다`, is that figure's)
            else (h.cue.metric in (metric, "*") and (h.start < num_start or (
                not _ITEM_FIGURE.match(text, h.end)
                and (h.cue.cue not in adjacent or h.start - num_end <= TRAP_AFTER_REACH))))
            for h in cue_hits(text, sent_start, sent_end)):
        return None
    # `반면 인건비는 5168억원에서 7347억원으로`, `… 3억 원의 티메프 관련 손실을 봤다`: another quantity's figures;
    # `4분기에 85억원 이상의 이익을 내지 못하면`: a condition, no result
    if _other_quantity().search(text, sent_start, sent_end) or _CONDITION_AFTER.match(text, num_end, sent_end):
        return None
    if _OBJECT_OF_ACT.match(text, num_end, sent_end):
        return None  # `2021년 300억원을 투자해 인수한`: what a company spent, not a level it reports
    if metric == "revenue" and (_LOSS_SCALE.search(text, sent_start, sent_end)
                                or _RESULT_AFTER.match(text, num_end, sent_end)):
        # `A가 105억 원에서 135억 원 …으로 손실 규모도 늘었다`, `3분기 39억원의 첫 분기 흑자를 냈다`: a profit or
        # a loss, not the revenue carried
        return None
    if (is_change(text, num_end, sent_end) or _is_delta(text, num_start, sent_start)
            or _DELTA_BEFORE_FROM_TO.match(text, num_end, sent_end) or _BAND_AFTER.match(text, num_end, sent_end)):
        return None
    reason = f"no cue of its own; a dated figure continuing the '{cue}' ({metric}) figures of the sentence before"
    return Classification(
        metric, cue, num_start, num_start, 0.7, metric_rules().negative_cues.__contains__(cue), "carried", reason
    )
