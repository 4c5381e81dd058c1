"""Company-level facts of one article: mentions → classified, attributed, dated facts and events.

    extract_facts(article, mentions) -> ArticleFacts      # pure, never raises

Per sentence: numbers whose metric cue stands in their clause (`metrics.classify`) become facts; the
company comes from `attribution.attribute`, the period from `periods.period_for` with `같은 기간`
and from-to chains handing years on; forecast wording marks `is_forecast`. Every fact carries its
sentence, offsets, the rules that fired (`metric:cue=매출|attr:subject|period:year-pair`), a
confidence and an `explanation` dict (why this metric, why this company, why this period).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

import regex as re

from etl.facts.attribution import (
    Attribution,
    aggregate_topic,
    attribute,
    carried_subject,
    glosses,
    is_source,
    is_total,
    role_of,
    subject_of,
)
from etl.facts.companies import (
    NAME_GLOSS,
    PRODUCT_SUBJECT,
    CompanyIndex,
    by_company_head,
    discover_companies,
    lexicon,
    names_product,
    ranking_goes_on,
)
from etl.facts.events import find_events
from etl.facts.figures import COORDINATOR, RESPECTIVELY, coordinated_subject, round_value, sentence_figures
from etl.facts.metrics import (
    CHANGED,
    NO_CLOSE_CUE,
    Classification,
    CueHit,
    classify,
    cue_changes,
    entity_traps,
    facts_rules,
    fits_unit,
    is_change,
    level_after_change,
    metric_rules,
    open_bracket,
    plausible,
    segment_head,
    sentence_cue_hits,
)
from etl.facts.metrics import carried as carried_metric
from etl.facts.noise import mask
from etl.facts.periods import (
    Period,
    dated,
    has_same_period_cue,
    is_event_date,
    is_forecast,
    label_for,
    period_for,
    reported_period,
)
from etl.facts.tables import table_cells
from etl.records import Article, CompanyMention, Event, Fact, Mention
from etl.text.sentences import Sentence, split_sentences

log = logging.getLogger(__name__)

NUMERIC_KINDS = frozenset({"number", "money", "percent", "quantity"})
_FROM = re.compile(r"(에서\s*)")
_DIGIT = re.compile(r"\d")
# (`32억원의 이익을 냈다` under a loss; not `영업손실 1311억 원으로 흑자전환 1년 만에 다시 적자로`, a turn back)
_PROFIT_AFTER = re.compile(r"\s*(?:의|으로|로)?\s*(?:흑자|이익을)(?![^.?!\n]{0,12}?(?:만에|만의)\s?(?:다시\s?)?적자)")
# the words that mark a figure a loss when they follow it (`166억원 마이너스를 기록`, `…로 적자 전환`)
_LOSS_WORDS = "적자|손실|마이너스"
_LOSS_LATER = re.compile(rf"[^.?!\n]{{0,60}}?(?:{_LOSS_WORDS})")
_MINUS_BEFORE = re.compile(r"마이너스\s?(?:\(\s?[-−]\s?\)\s?)?$|(?:적자|손실)\s?[(\[]\s?$")  # (`적자(103억원)`)
_PAIR_JOIN = re.compile(r"\s?(?:,|과|와|및)\s?|\s{2,3}")  # (stripped of its comma: two spaces)
# (or the profit cue's deficit after it: `3,826억원의 영업이익 적자에도`)
_LOSS_AFTER = re.compile(rf"\s*(?:의|으로|로)?\s*(?:{_LOSS_WORDS})|\s?의\s?(?:영업이익|순이익|당기순이익)\s?적자")
# the profit cue's figure told as a deficit between them: `영업이익 적자가 `, `… 적자규모가 `
_DEFICIT_BETWEEN = re.compile(r"적자\s?(?:규모|액)?(?:가|는|은|도|로)?\s")


@dataclass(frozen=True)
class ArticleFacts:
    companies: list[CompanyMention]
    facts: list[Fact]  # company facts: every one is attributed to a company
    events: list[Event]
    # metric-classified numbers no company could be given ("none rather than wrong"); kept for
    # debugging and `explain`, not loaded as company facts (the number stays a mention)
    unattributed: list[Fact] = field(default_factory=list)
    failure: str | None = None  # why extraction failed, when it did (a bug: the article keeps its mentions)


def extract_facts(article: Article, mentions: Sequence[Mention]) -> ArticleFacts:
    """Companies, facts and events of one article (never raises: a failure yields nothing but the
    reason, in `failure`; the mention layer keeps the numbers)."""
    try:
        return _extract(article, list(mentions))
    except Exception as e:
        log.debug("extract_facts failed on article %s", getattr(article, "article_id", "?"), exc_info=True)
        return ArticleFacts([], [], [], failure=f"fact extraction failed: {type(e).__name__}: {e}"[:300])


def _publishers(article: Article) -> frozenset[str]:
    """The article's publisher (the record's field, else its byline's, as segmentation read it):
    never a company of the article."""
    return frozenset({article.publisher} if article.publisher else ())


def expand_from_to(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Split a from-to change read as one range (`300명에서 790명`) into its two levels."""
    out: list[Mention] = []
    for m in mentions:
        parts = _FROM.split(m.text, maxsplit=1)
        if m.kind not in NUMERIC_KINDS or len(parts) != 3:
            out.append(m)
            continue
        try:
            from etl.mentions.find import find_mentions

            first = [x for x in find_mentions(parts[0]) if x.value is not None]
            off2 = len(parts[0]) + len(parts[1])
            second = [x for x in find_mentions(parts[2]) if x.value is not None]
        except Exception:
            out.append(m)
            continue
        if len(first) != 1 or len(second) != 1:
            out.append(m)
            continue
        a, b = first[0], second[0]
        unit = a.unit or b.unit
        out.append(
            replace(
                a, start=m.start + a.start, end=m.start + a.end, unit=unit, kind=b.kind, rule=f"{m.rule}|from-to:first"
            )
        )
        out.append(
            replace(b, start=m.start + off2 + b.start, end=m.start + off2 + b.end, rule=f"{m.rule}|from-to:second")
        )
    return out


# `A에서 B로`, `A→B`, `(A→B명)`: the first figure of a change, the level before it
_FROM_TO_GAP = re.compile(
    r"(?:\s?(?:수준|가량|정도|남짓|안팎|규모))?"  # `40만 명 수준에서 최근 90만 명으로`
    r"\s?(?:에서|→|->|⟶|➝|⇒)\s?"
    r"(?:[^\s\d]{1,10}\s|\d{2,4}\s?년\s?|\d{1,2}\s?월\s?(?:말\s?)?|[1-4]\s?분기\s?(?:말\s?)?){0,3}"  # `에서 올 상반기 `
    r"(?:약\s?)?"
)


# a change between a from-to's levels: `(9.4%) 늘어난 `, `씩 증가한 `
_CHANGE_BETWEEN = re.compile(
    rf"\s?(?:[(\s]\s?\d+(?:[.\s]\d+)?\s?%?\s?\)?\s?)?(?:씩\s?)?{CHANGED}\s?(?:약\s?)?"
)


def link_from_to(text: str, numbers: list[Mention]) -> list[Mention]:
    """Mark the two levels of a change: `1022명에서 1386명으로`, `9564명→1만 1080명`, `(68억→119억원)`.

    The first takes the unit of the second when it has none (`2886→3515명`); the rules say which is
    which (`from-to:first`, `from-to:second`), so the first can be dated one period before the second.
    """
    ordered = sorted(numbers, key=lambda m: m.start)
    out = list(ordered)
    for k in range(len(ordered) - 1):
        a, b = out[k], out[k + 1]
        if "from-to" in a.rule or not _FROM_TO_GAP.fullmatch(text, a.end, b.start):
            continue
        # `4224명에서 396명(9.4%) 늘어난 4620명으로`: the change sits between the two levels
        later = [j for j in range(k + 2, min(k + 5, len(out))) if out[j].unit == (a.unit or b.unit)]
        if later and _CHANGE_BETWEEN.fullmatch(text, b.end, out[later[0]].start):
            b = out[later[0]]
            out[later[0]] = replace(b, rule=f"{b.rule}|from-to:second")
            out[k] = replace(a, unit=a.unit or b.unit, rule=f"{a.rule}|from-to:first")
            continue
        if a.unit is not None and b.unit is not None and a.unit != b.unit:
            continue
        out[k] = replace(a, unit=a.unit or b.unit, kind=b.kind if a.unit is None else a.kind,
                         rule=f"{a.rule}|from-to:first")
        out[k + 1] = replace(b, rule=f"{b.rule}|from-to:second")
    return out


@dataclass
class _Context:
    """What earlier sentences hand on: the last facts' years (for 같은 기간) and company."""

    years: list[int]
    company: CompanyMention | None = None
    sentence: int = -100  # index of the sentence the years come from
    labels: dict[int, str] = field(default_factory=dict)  # year -> its period label (2024Q1)
    history: list[tuple[int, list[int]]] = field(default_factory=list)  # (sentence, years) of dated figures
    metrics: tuple[int, dict[str, tuple[str, str]]] = (-100, {})  # (sentence, unit -> (metric, cue))
    changes: tuple[int, dict[str, tuple[str, str]]] = (-100, {})  # the same for units whose figures were all changes
    from_to: tuple[int, Period, Period] | None = None  # (sentence, periods) of the last dated from-to pair
    segment: int = -100  # index of the last sentence about a business segment (`백화점 실적은 …`)
    segment_metrics: frozenset[str] | None = None  # the metrics it speaks of (None: any)
    lead: dict[str, Period] = field(default_factory=dict)  # metric -> period of its first recent dated level
    total: int = -100  # index of the last sentence whose figures were all totals over several companies
    subject_break: int = -1  # offset of the last breakdown sentence: no subject before it carries past it
    trapped: int = -100  # index of the last sentence whose figures a trap took (or of a series going on with it)
    ranked_change: int = -100  # index of the last sentence ranking companies by a change (`가장 많이 늘어난 곳은`)
    cue_list: tuple[int, list[Classification]] = (-100, [])  # the last 각각 list of cues, in order


# attributions by a company written at the figure; by the discourse
_OWN_FIGURE = frozenset({"attr:genitive", "attr:compound", "attr:list-item"})
_DISCOURSE = frozenset({"attr:carry-over", "attr:main"})
# a figure the sentence itself gives its company
_NAMED_OWNER = _OWN_FIGURE | {"attr:subject"}
# figures over a period (not levels at a date): a continuation sentence inherits their period
FLOW_METRICS = frozenset({"revenue", "operating_profit", "net_income"})
_SIGNED_METRICS = frozenset({"operating_profit", "net_income"})
# a figure's share of the whole in brackets after it: `577만명(19.5%)`
_SHARE_AFTER = re.compile(r"\s?\(\s?\d+(?:\.\d+)?\s?%\s?\)")
# a ranking by how much something changed (`종업원 수가 가장 많이 증가한 곳은`, `증가폭이 가장 컸다`)
_RANKED_BY_CHANGE = re.compile(
    r"가장\s?(?:많이|크게|큰\s?폭으로)\s?(?:늘|증가|많아|확대|급증|줄|감소|급감)|(?:증가|감소)\s?(?:폭|인원|규모)이\s?가장\s?(?:컸|크|많)")
_AS_FIGURE = re.compile(r"\s?(?:으로|로)?\s?")
_BY_CHANGE_TOPIC = re.compile(r"(?:증감|증가|감소|순증|순감)\s?(?:수|폭|인원|규모)?\s?(?:으로|로)\s?(?:보면|는|따지면)")
_LEVEL_BASIS = re.compile(r"기준|현재|말\s")
# how many sentences after a ranking by change its places may still follow
RANK_REACH = 3
# a sentence giving figures of this many companies is a list: it hands none of them on as the subject
LIST_COMPANIES = 3
# a sentence this close after dated figures continues their period
CONTINUATION_GAP = 2
_CURRENT = ("현재", "기준", "지금")


def _parallel_levels(
    text: str, s: Sentence, in_sent: list[Mention], found: list[tuple[Mention, Classification]],
    companies: CompanyIndex,
) -> list[tuple[Mention, Classification]]:
    """The figures of the parallel clauses after a cued one, each after its own company as the subject
    (`KT가 584만명으로 가장 많고, SK브로드밴드가 281만명으로 26.0%, LG유플러스가 216만명으로 …`): too far
    from the cue to take it, they go on with its metric."""
    if not found or RESPECTIVELY.search(text, s.start, s.end):
        return found  # (`A와 B는 1278억원과 1453억원으로 각각`: a respective list pairs its own way)
    taken = {id(n) for n, _ in found}
    out = list(found)
    for n in in_sent:
        if id(n) in taken or n.start < found[0][0].end:
            continue
        before = [(f, c) for f, c in out if f.end <= n.start and (f.unit or "") == (n.unit or "")]
        # (`…증가했고, 코스맥스도 19.0% 늘어난 913억 원을 기록했다`: a rate of change may stand between)
        subject = next((m for m in reversed(companies.in_span(s.start, n.start))
                        if _SUBJECT_GAP.fullmatch(text, m.end, n.start)
                        or _RATES_THEN_LEVEL.fullmatch(text, m.end, n.start)), None)
        if not before or subject is None or subject.start < before[-1][0].end \
                or _COMPARED_AFTER.match(text, n.end, s.end):
            continue
        metric, cue = before[-1][1].metric, before[-1][1].cue
        cls = carried_metric(text, s.start, s.end, n.start, n.end, n.unit, metric, cue)
        if cls is not None and plausible(metric, n.unit, n.value):
            out.append((n, cls))
    return sorted(out, key=lambda fc: fc[0].start)


# what stands between two items of a list of figures, and a verb ending a clause there
_LIST_ITEM_GAP = re.compile(r"\s?(?:,|와|과|및|·)[^.?!\d]{0,30}")
_VERB_IN_GAP = re.compile(r"(?:다|고|며|서|면|나|는데|었|았|였|했|됐)(?:\s|,)")
# a figure something is compared with: `B(50억원)보다`, `B 50억원에 비해`
_COMPARED_AFTER = re.compile(r"\s?(?:\)\s?)?(?:보다|에\s?비해|대비|와\s?비교)")


def _outside_names(hits: list[CueHit], companies: CompanyIndex) -> list[CueHit]:
    """The cue and trap words of a sentence that are not part of a company's name (`투자` of `NH투자증권`), nor a
    subset word naming companies as the parts (`이 중 SK텔레콤은 3069만명, KT는 …`)."""
    return [h for h in hits if not any(
        (m.start <= h.start and h.end <= m.end) or (h.cue.cue in _subset_words() and 0 <= m.start - h.end <= 1)
        for m in companies.in_span(h.start - NAME_REACH, h.end + NAME_REACH))]


@cache
def _subset_words() -> frozenset[str]:
    return frozenset(str(w) for w in facts_rules()["metrics"].get("subset_words", []))


# the longest stretch of a name around a cue word inside it
NAME_REACH = 20


def _metrics_handed_on(
    in_sent: list[Mention], found: list[tuple[Mention, Classification]], hits: list[CueHit]
) -> dict[str, tuple[str, str]]:
    """The metric (by unit) a sentence's figures hand on to a list after it.

    A sentence whose last figure of a unit is a per-head or average one (`1인당 영업이익이 7억원`) hands that
    unit on to none: `다음으로 ▲ A(3억원) ▲ B(2억원)` goes on with the per-head list, no company's own figure.
    """
    handed = {n.unit or "": (cls.metric, cls.cue) for n, cls in found}
    taken = {id(n) for n, _ in found}
    per_head = metric_rules().before_number_traps
    for unit in list(handed):
        last = next((n for n in reversed(in_sent) if (n.unit or "") == unit), None)
        if last is not None and id(last) not in taken and any(
                h.cue.role == "trap" and h.cue.cue in per_head and h.end <= last.start <= h.end + PER_HEAD_REACH
                for h in hits):
            del handed[unit]
    return handed


# a per-head or average trap this close before a figure makes it one (`1인당 영업이익이 7억원`)
PER_HEAD_REACH = 12


def _extract(article: Article, mentions: list[Mention]) -> ArticleFacts:
    # the rules read the text without its page clutter (same length: offsets index the body)
    text = mask(article.body or "")
    if not text.strip():
        return ArticleFacts([], [], [])
    mentions = [m for m in mentions if not text[m.start:m.end].isspace()]
    sentences = split_sentences(text)
    spans = [(s.start, s.end) for s in sentences]
    companies = discover_companies(text, _publishers(article), spans)
    numbers = link_from_to(text, expand_from_to(text, [m for m in mentions
                                                       if m.kind in NUMERIC_KINDS and m.value is not None]))
    all_dates = [m for m in mentions if m.kind == "date"]  # relative ones unresolved without a publication date
    facts: list[Fact] = []
    ctx = _Context(years=[])
    cue_hits = [_outside_names(hs, companies) for hs in sentence_cue_hits(text, spans)]
    numbers = _implied_won(text, numbers, sentences, cue_hits)
    numbers_in, dates_in, all_dates_in = (_by_sentence(ms) for ms in (numbers, dated(mentions), all_dates))
    # the periods the article speaks of (`4분기 실적`, `지난해`), in order: what an undated flow figure reports
    all_periods = sorted((d for d in dated(mentions) if d.grain in ("year", "half", "quarter")),
                         key=lambda d: d.start)
    # an article that makes several companies the subject of its figures is a roundup: a sentence that
    # names none of them is not given to the article's main company
    single_owner = len(_figure_subjects(text, sentences, cue_hits, companies, numbers_in)) <= 1
    article_metrics = _article_metrics(cue_hits)
    bases: dict[int, Mention | None] = {}  # sentence index -> its basis date (`_reference_date`)

    for i, (s, hits) in enumerate(zip(sentences, cue_hits, strict=True)):
        found: list[tuple[Mention, Classification]] = []
        in_sent = numbers_in(s)
        total_of_named = False  # `… 가장 많은 곳은 삼성전자다. 전체 101,970명으로`: the named company's total
        # (read here for a sentence without figures; for one with figures, below, once it has facts)
        name_ends = [m.end for m in companies.in_span(s.start, s.end)]
        about_segment = None if in_sent else segment_head(text, s.start, s.end, name_ends)
        after_segment = ctx.segment == i - 1
        segment_metrics = ctx.segment_metrics
        if about_segment and not in_sent:
            ctx.segment, ctx.segment_metrics = i, None  # `지난해 4분기 백화점 실적은 선방했다.`: its figures follow
        elif after_segment and not in_sent and subject_of(text, s.start, s.end, companies) is None:
            ctx.segment = i  # `… 고른 성장세를 나타냈다는 설명이다.`: a remark between topic and figures
        # (so is a breakdown by company whose only cue word is a trap item: `기업별로는 SK텔레콤 730만명, …,
        # 알뜰폰 3만명 순이다`; the trap vetoes the figures after it only)
        by_company = by_company_head().search(text, s.start, min(s.end, s.start + 25)) is not None
        # (`기업별로는 A가 2018년 말 636명, … 859명으로 꾸준히 직원을 늘렸다`: a cue only after the figures, in the
        # clause saying how they changed, leaves them to the metric the article counts; so does one whose cue is a
        # total's, `업체별로는 A(011)이 1천46만명으로 …, 이들 양사의 가입자수가 모두 1천373만명으로`)
        cueless = not any(h.cue.role == "cue" for h in hits) or (by_company and not any(
            h.cue.role == "cue" and (not in_sent or h.start < in_sent[-1].start)
            and not is_total(text, s.start, h.start) for h in hits))
        unmetered = ctx.metrics[0] < i - 2 or not any((n.unit or "") in ctx.metrics[1] for n in in_sent)
        if cueless and ((ctx.metrics[0] < i - 2 and by_company)
                        or (unmetered and _company_series(text, s, in_sent, all_dates_in(s), companies))):
            if ctx.trapped == i - 1 and not by_company:
                # `A의 보험영업이익은 -2180억원이었으나 … B도 -2409억원에서 -966억원으로 개선됐다`: a series after
                # figures a trap took goes on with the trap's quantity, not the article's metric
                ctx.trapped = i
                continue
            # `사업자별로는 KT가 787만명, …`: a breakdown by company of what the article counts; `B카드는 2018년
            # 2632명, 2019년 2628명, 2020년 2624명으로 집계됐다`: a company's yearly series of it
            ctx.metrics = (i - 1, article_metrics)
        # (a series the trap took, of two figures or more of a unit: an aside's one figure, `총 700여명 규모의
        # 채용`, hands nothing on)
        if len(in_sent) >= 2 and not any(h.cue.role == "cue" for h in hits) and any(
                h.cue.role == "trap" and h.cue.cue not in entity_traps() for h in hits) and max(
                Counter(n.unit for n in in_sent).values()) >= 2:
            ctx.trapped = i
        if cueless and not i - 2 <= ctx.metrics[0] < i:
            continue  # no cue, no metric to carry: no fact, and nothing to hand on
        # every rule below reads only the dates of the figure's own sentence: handing it just those
        # keeps an article's cost linear in its length (looked up only for a sentence that may hold figures)
        if not cueless and any(h.cue.role == "cue" for h in hits):
            sent_all_dates = all_dates_in(s)
            found = sentence_figures(text, s.start, s.end, in_sent, hits, sent_all_dates, companies)
            found = _parallel_levels(text, s, in_sent, found, companies)
            total_of_named = (i - 1 == ctx.metrics[0] and bool(in_sent)
                              and _TOTAL_OPENING.fullmatch(text, s.start, in_sent[0].start) is not None
                              and bool(companies.in_span(*spans[i - 1])))
            if total_of_named and (not found or found[0][0] is not in_sent[0]):
                # `… 가장 많은 곳은 삼성전자다. 전체 101,970명으로 … 10만명을 넘겼다`: the total opening the
                # sentence goes on with the metric of the one before, whatever this one's cue takes later
                found = _carried_metrics(text, i, s, in_sent[:1], sent_all_dates, ctx, companies) + found
        elif cueless and i - 2 <= ctx.metrics[0] < i:
            sent_all_dates = all_dates_in(s)
            # `특히 크래프톤의 증가폭이 가장 컸다.`: a sentence naming whose figures follow bridges the gap
            bridged = i >= 1 and not numbers_in(sentences[i - 1]) and subject_of(
                text, spans[i - 1][0], spans[i - 1][1], companies) is not None
            found = _carried_metrics(text, i, s, in_sent, sent_all_dates, ctx, companies, bridged=bridged)
        if not found and cueless and i - 2 <= ctx.cue_list[0] < i:
            # `매출액과 영업이익은 각각 5조2167억원, 394억원을 기록했다. 지난 1분기에도 각각 6조1525억원, 1033억원을`:
            # a 각각 list with no cue of its own goes on with the cues of the 각각 list before
            found = _respective_again(text, s, in_sent, ctx.cue_list[1])
        if not found and hits and i - 2 <= ctx.metrics[0] < i and all(h.cue.role == "cue" for h in hits):
            # `이어 A는 797명 늘었고(1만835명→1만1632명) … 직원이 많이 증가했다`: the levels of a change whose
            # cue is too far to take them continue the metric the sentences before carry
            levels = [n for n in in_sent if "from-to" in n.rule
                      and classify(text, s.start, s.end, n.start, n.end, n.unit, hits)[1] == NO_CLOSE_CUE]
            found = _carried_metrics(text, i, s, levels, sent_all_dates, ctx, companies)
        if in_sent and ctx.metrics[0] == i - 1 and not cueless:
            # `LG텔레콤이 … 늘어난 255만8천명이었고, KT는 696만7천명으로 같은 기간 1만4천명의 순증가입자를 확보했다`,
            # `셀트리온이 2017년 연결기준 9491억원으로 …, 삼성바이오로직스 역시 … 매출액은 4598억원으로`: levels too far
            # from the sentence's own cue (which a change or another figure took) go on with the metric before
            taken = {n.start for n, _ in found}
            # (a company's: `지난 2015년 총 46만9960명이었던 이들 대기업의 직원 수는` is nobody's)
            far = [n for n in in_sent if n.start not in taken and _LEVEL_END.match(text, n.end)
                   and not is_change(text, n.end, s.end)
                   and subject_of(text, s.start, n.start, companies) is not None
                   and classify(text, s.start, s.end, n.start, n.end, n.unit, hits)[1] == NO_CLOSE_CUE]
            if far:
                found = sorted(found + _carried_metrics(text, i, s, far, sent_all_dates, ctx, companies),
                               key=lambda f: f[0].start)
        if _BY_CHANGE_TOPIC.search(text, s.start, s.end):
            # `증감수로 보면 X가 174명으로 …`: the sentence, and the places after it, rank by the change
            ctx.ranked_change = i
            found = [f for f in found if "from-to" in f[0].rule]
        elif _RANKED_BY_CHANGE.search(text, s.start, s.end):
            ctx.ranked_change = i
            # `누리전자(6790명)는 … 종업원 수가 가장 많이 증가했다`: the figure glossing a company is its change
            # (stripped of its brackets, `누리전자 6790명 는 …`: a figure before a cue that is the change's subject)
            # (`직원 수가 6000명으로 가장 많이 늘었다`: the figure the ranking is by, unless a basis date makes it the
            # level: `6월말 기준 직원 수가 9만5,420명으로 가장 많이 줄었다`)
            found = [f for f in found if "from-to" in f[0].rule or not (
                (text[f[0].start - 1 : f[0].start] == "(" and text[f[0].end : f[0].end + 1] == ")")
                or (f[1].direction == "after" and cue_changes(text, f[1].cue_end, s.end))
                or (_RANKED_BY_CHANGE.match(text, f[0].end + len(_AS_FIGURE.match(text, f[0].end)[0]), s.end)
                    and not _LEVEL_BASIS.search(text, s.start, f[0].start)))]
        elif i - ctx.ranked_change <= RANK_REACH and ranking_goes_on(text, s.start, s.end) and not any(
                h.cue.role == "cue" for h in hits):
            # `이어 가람화학(5916명), 다온자동차(5226명) 순이었다`: the next places of a ranking by change are
            # changes too (not the levels of a place's from-to: `다음은 X로 5400여명에서 1만4000여명으로`)
            found = [f for f in found if "from-to" in f[0].rule]
        if not found:
            # (a rate's cue, `1인당 매출을 기록한 업체는`, hands the metric on to no list after it)
            cued = _metrics_of_cues([h for h in hits if not _PER_HEAD_BEFORE.search(text, max(s.start, h.start - 8),
                                                                                        h.start)])
            if in_sent and metric_rules().breakdown.search(text, s.start, s.end):
                # `가입자 유형별로는 개별 가입자가 …`: a breakdown ends the subject's run
                ctx.subject_break = s.start
            if in_sent and segment_head(text, s.start, s.end, name_ends):
                # `DS 부문의 2분기 영업이익은 6조4500억원`: the next sentence may go on about the segment, for
                # its metric or, after a financial line, another one (`영업이익도 …`, `다만 영업이익은 …`); not
                # for its staff (`미국 법인 매출은 …다. 근무하는 직원은 530명`)
                # (a trap that took the cue, `부문 매출`, leaves the money figures to tell the metric)
                spoken = frozenset(metric for metric, _ in cued.values()) or frozenset(
                    FLOW_METRICS if any(fits_unit("revenue", n.unit) for n in in_sent) else ())
                ctx.segment, ctx.segment_metrics = i, spoken | FLOW_METRICS if spoken & FLOW_METRICS else spoken
            # a sentence whose figures a trap took (`1만3744명의 신규 일자리`) hands no metric on
            # (`… 한화솔루션(3025명)`)
            traps = {h.cue.cue for h in hits if h.cue.role == "trap" and not _EXCLUDED_IN_BRACKETS.match(text, h.end)}
            trapped = bool(traps) and any(fits_unit(metric, n.unit) for n in in_sent for metric, _ in cued.values())
            if trapped and traps <= entity_traps():
                ctx.metrics = (i, cued)  # `알뜰폰 가입자 수는 …`: another's figure of the same metric
            elif trapped:
                ctx.metrics = (-100, {})
                # `지난해 하반기 유료방송 가입자 수는 6개월 평균 …`: a total the trap took still dates the levels
                # after it
                _trapped_leads(text, s, in_sent, cued, dates_in(s), ctx, article.published_date)
            elif cued:
                # `가입자는 KT가 많다. KT는 266만명, SK텔레콤은 44만명이다.`: the figures may follow; but a sentence
                # whose own figures of a unit were none of them levels (`직원 6584명이 늘었다`) hands that unit on to
                # none: `그 다음으로 A 1865명, B 1217명이 늘었다` goes on with the changes
                changed = {unit for unit in cued if (figures := [n for n in in_sent if (n.unit or "") == unit])
                           and all(is_change(text, n.end, s.end) for n in figures)}
                ctx.metrics = (i, {unit: cue for unit, cue in cued.items() if unit not in changed})
                ctx.changes = (i, {unit: cued[unit] for unit in changed})
            elif traps and not traps <= entity_traps() and any(
                    fits_unit(h.cue.metric, n.unit) for h in hits if h.cue.role == "trap" for n in in_sent):
                # `4대 은행의 이자이익은 총 5조6228억원이다. 국민은행이 1조5524억원으로 …`: figures of a trap's
                # metric end the metric the sentences before carry
                ctx.metrics = (-100, {})
            elif not hits and (carried_units := [n for n in in_sent if (n.unit or "") in ctx.metrics[1]]) and all(
                    is_change(text, n.end, s.end) for n in carried_units):
                # `직원이 가장 많이 늘어난 곳은 A였다. 전년 대비 2412명 증가했다. B가 2272명으로 2위`: the
                # figures after a change go on with changes
                ctx.metrics = (-100, {})
            continue
        if about_segment is None:
            about_segment = segment_head(text, s.start, s.end, name_ends)
        dates = dates_in(s)
        carried = carried_subject(text, spans, i, companies) or ctx.company
        if carried is not None and carried.start < ctx.subject_break:
            carried = None
        # `코스피 상장사의 3분기 실적은 견조했다. 영업이익은 …`, `코스피 상장사들의 매출액은 …, 영업이익은 …`
        after_aggregate = (aggregate_topic(text, s.start, s.end, companies) and not total_of_named) or (
            i >= 1 and not numbers_in(sentences[i - 1])
            and aggregate_topic(text, sentences[i - 1].start, sentences[i - 1].end, companies))
        # `… 합산 순이익은 1조8420억원. 이는 전년 동기(3조1150억원) 대비 …`: still the total, nobody's own
        after_total = ctx.total == i - 1 and not companies.in_span(s.start, s.end)
        if after_total:
            carried = None
        inherited = years_listed = _respective_years(text, s, found, dates) or _respective_years_before(
            text, i, s, found, dates, ctx)
        inherit_reason = "각각: the years listed before the figures, in the same order"
        if inherited is None:
            inherited, inherit_reason = _inherited_years(text, i, s, found, dates, ctx)
        sent_years: list[int] = []
        sent_labels: dict[int, str] = {}
        respective = _respective_companies(text, s, found, companies)
        # (`2020년과 2021년에는 각각 …`: a 각각 pairing the figures with years leaves them to their company)
        resp_at = _RESPECTIVELY.search(text, s.start, found[0][0].start) if found else None
        # (`각각 KB금융 5조782억원, 신한금융 4조5175억원, …`: a list of companies with their figures after 각각 pairs
        # itself)
        # (nor does a 각각 of other figures before them: `조강생산량과 제품판매는 각각 2953만톤과 2840만톤 …, 매출액은`)
        unmatched = (respective is None and years_listed is None and len(found) > 1
                     and len({c.metric for _, c in found}) == 1 and resp_at is not None
                     and not companies.in_span(resp_at.end(), found[0][0].start)
                     and not any(resp_at.end() <= m.start < found[0][0].start and m.unit != found[0][0].unit
                                 for m in in_sent))
        unresolved = ([d for d in all_dates_in(s) if d.date is None and _RELATIVE_YEAR.search(d.text)]
                      if article.published_date is None else [])
        reference = _reference_date(text, sentences, i, dates_in, bases)
        periods: list[Period] = []
        own_periods: list[Period] = []
        for k, (n, _cls) in enumerate(found):
            inh = inherited[k] if inherited else None
            own_dates = [d for d in dates if not _dates_relative_clause(text, d, n.start, companies)]
            period = period_for(text, s.start, n.start, own_dates, article.published_date, inh, inherit_reason,
                                reference, unresolved)
            if period.rule == "period:carried" and period.year in ctx.labels:
                period = replace(period, label=ctx.labels[period.year])
            own_periods.append(_glossed_date(text, n, dates, article.published_date) or period)
        if years_listed is not None and (labels := _respective_periods(text, s, found, dates)):
            own_periods = [replace(p, label=label) if p.year == int(label[:4]) else p
                           for p, label in zip(own_periods, labels, strict=True)]
        for k, ((n, cls), period) in enumerate(zip(found, own_periods, strict=True)):
            sent_years_so_far = [p.year for p in periods if p.year and p.rule != "period:publication"]
            # (or, first in the sentence, the year of the next figure, of its metric and no 전년 figure itself,
            # that it is set against: `전년 동기 823억원 대비 392억원 늘어난 1215억원`)
            next_period = own_periods[k + 1] if k + 1 < len(found) and found[k + 1][1].metric == cls.metric else None
            later_years = [next_period.year] if (
                next_period is not None and next_period.year and next_period.rule != "period:publication"
                and not _previous_year_paired(text, s, found[k + 1][0], sent_all_dates)) else []
            periods.append(_previous_year_of_context(text, s, n, sent_all_dates, period,
                                                     sent_years_so_far or later_years or _recent_years(i, ctx)))
        periods = _from_to_periods(text, s, found, periods, ctx.from_to if ctx.from_to and ctx.from_to[0] >= i - 2
                                   else None, ctx.from_to)
        periods = [_flow_period(text, s, cls.metric, p, all_periods, article.published_date)
                   for (_, cls), p in zip(found, periods, strict=True)]
        periods = _previous_year_in_sentence(text, s, found, periods, sent_all_dates)
        periods = _lead_periods(s, found, periods, ctx, article.published_date)
        periods = [_previous_quarter_bracket(text, s, n, p) for (n, _), p in zip(found, periods, strict=True)]
        ctx.from_to = _dated_from_to(text, i, found, periods) or ctx.from_to
        first_of_pair: Attribution | None = None
        for k, (n, cls) in enumerate(found):
            attr = attribute(text, s.start, s.end, n.start, cls.cue_start, companies, carried,
                             main_allowed=single_owner and not after_total)
            if total_of_named and n is in_sent[0] and attr.company is None and carried is not None:
                attr = Attribution(carried.name, carried, "attr:carry-over",
                                   f"the total opening the sentence is {carried.surface}'s, named just before", 0.7)
            # `컴투스(1048명→1231명)`: the second level of a change is the company of the first
            if ("from-to:second" in n.rule and first_of_pair is not None and first_of_pair.company
                  and (attr.company is None or attr.rule in _DISCOURSE)):
                attr = replace(first_of_pair, rule="attr:from-to",
                               reason=f"the second level of a change whose first is {first_of_pair.company}'s")
            if respective and (m := respective[k]) is not None:
                attr = Attribution(m.name, m, "attr:respectively",
                                   f"각각: the {k + 1}. company named before the figures", 0.8)
            elif unmatched and k < len(found) - 1 and attr.rule in _OWN_FIGURE | {"attr:subject"}:
                # `대우와 우리투자, 신한금융투자의 순이익은 각각 728억원과 639억원, 510억원` with only the last name
                # known: the last figure is its; the ones before belong to names not found
                attr = Attribution(None, None, "attr:respectively-unmatched",
                                   "각각: a figure of a listed company the text names in a form not recognized", 0.0)
            elif unmatched and attr.rule in _DISCOURSE:
                # `한빛그룹과 누리그룹은 각각 1조원, 260억원 순손실`: several owners, none of them the company carried
                attr = Attribution(None, None, "attr:respectively-unmatched",
                                   "각각: figures of several owners the text names in forms not recognized", 0.0)
            if (attr.rule == "attr:subject" and attr.mention is not None and len(found) == 1
                    and not RESPECTIVELY.search(text, s.start, s.end)
                    and (chain := coordinated_subject(text, companies, s.start, attr.mention.end + 1))
                    and chain[-1] is attr.mention):
                # `형제회사인 A와 B가 … 누적 다운로드 13억건을 돌파했다`: one figure of two subjects is both together
                attr = Attribution(None, None, "attr:total",
                                   f"one figure of a subject of several companies ending in {attr.mention.surface}",
                                   0.0)
            # (a group's staff is its affiliates' together; a group's results are news about its listed holding company
            # as often, `아모레퍼시픽그룹 매출액은`)
            if attr.mention is not None and cls.metric == "headcount" and (_business_group(attr.mention) or (
                    attr.rule == "attr:list-item" and _peer_of_group(attr.mention, companies.in_span(s.start, s.end)))):
                attr = Attribution(None, None, "attr:group",
                                   f"'{attr.mention.surface}' is a business group: its figure sums its affiliates", 0.0)
            elif attr.mention is not None and _division_of(text, attr.mention, companies):
                attr = Attribution(None, None, "attr:segment",
                                   f"'{attr.mention.surface}' is a store format of a company the article names", 0.0)
            elif attr.mention is not None and attr.mention.rule.endswith("product") and cls.metric in FLOW_METRICS \
                    and attr.rule not in _DISCOURSE and _product_apart(text, s, attr.mention, companies):
                # `엔씨소프트는 온라인 게임 리니지가 매출 3129억원을`, `이중 카카오톡 기반 톡비즈 매출은`: a product
                # told apart from its owner has a segment's revenue or profit (its users and downloads are the
                # owner's own; an app the news names its company by, `배민`, reports the company's results)
                attr = Attribution(None, None, "attr:segment",
                                   f"'{attr.mention.surface}' is a product: its {cls.metric} is a segment's", 0.0)
            continues_segment = after_segment and (segment_metrics is None or cls.metric in segment_metrics)
            if (about_segment and attr.rule not in _OWN_FIGURE) or (continues_segment and attr.rule in _DISCOURSE):
                attr = Attribution(None, None, "attr:segment",
                                   "the sentence (or the one before) is about a business segment, not the company", 0.0)
                if continues_segment and not name_ends:
                    ctx.segment = i  # `… 건설부문도 … 감소했다. 매출은 …. 영업이익은 …`: naming no one, it goes on
            elif after_aggregate and attr.rule in _DISCOURSE and not companies.in_span(s.start, s.end):
                attr = Attribution(None, None, "attr:aggregate", "the sentence before is about a market or an "
                                   "industry, and this one names no company", 0.0)
            period = periods[k]
            nxt = found[k + 1][0].start if k + 1 < len(found) else None
            if nxt is not None and _LIST_ITEM_GAP.fullmatch(text, n.end, nxt) and not _VERB_IN_GAP.search(
                    text, n.end, nxt):
                # (`각각 18조원, 6조원으로 전망된다`, `매출 460억, 영업이익과 순이익은 각각 49억원과 32억원을 기록할
                # 것으로`: with no verb between, the verb after the list governs every item)
                nxt = None
            if "from-to:first" in n.rule:
                first_of_pair = attr  # (as the rules below left it: a segment's start hands on no company)
            forecast_cue = is_forecast(text, s.start, s.end, n.start, n.end, nxt)
            pub = article.published_date
            if forecast_cue is None and pub is not None and period.year is not None and period.year > pub.year:
                forecast_cue = "future-period"
            facts.append(
                _fact(
                    article,
                    s,
                    n,
                    cls,
                    attr.company,
                    attr.mention,
                    attr.rule,
                    attr.reason,
                    attr.confidence,
                    period,
                    forecast_cue,
                )
            )
            partner = _sharing_partner(text, n, attr, companies, nxt)
            if partner is not None:
                facts.append(_fact(article, s, n, cls, partner.name, partner, "attr:shared",
                                   f"'{partner.surface}' and '{attr.mention.surface if attr.mention else ''}' "
                                   "각각: one figure for both", attr.confidence, period, forecast_cue))
            # a target or forecast (`올해 순이익 목표를 9100억원으로`) sets no period for the figures after it
            # (nor does a comparison base in brackets, `전년 동기(2억1624만 달러) 대비`: `같은 기간` after it is the
            # period of the sentence's own figures)
            if period.year is not None and period.rule != "period:publication" and forecast_cue is None \
                    and not _BRACKETED_BASE.search(text, max(s.start, n.start - 16), n.start):
                sent_years.append(period.year)
                sent_labels[period.year] = period.label or str(period.year)
            if attr.mention is not None:
                ctx.company = attr.mention
        _signed_pairs(text, facts, found)
        if found and len({f.company_name for f in facts[-len(found):]}) >= LIST_COMPANIES:
            ctx.company = None  # `SK텔레콤 730만명, KT 480만명, LG유플러스 360만명 순이다`: no one company goes on
        # (a figure no company owns, `상위 5개 증권사(A·B·…)은 5조원의 순이익`, is a total the text did not mark)
        # (not when the sentence's subject comes after them, its figures no figures of it: `매출 1조 달성에
        # 성공한 보령도 …`)
        if found and all(_attribution_rule(f) in ("attr:total", "attr:none", "attr:aggregate")
                         for f in facts[-len(found):]) and not _subject_after(text, s, found[-1][0], companies):
            ctx.total = i
        if sent_years:
            ctx.years = sent_years
            ctx.sentence = i
            ctx.labels = {**ctx.labels, **sent_labels}
            ctx.history.append((i, sent_years))
        ctx.metrics = (i, _metrics_handed_on(in_sent, found, hits))
        if len(found) > 1 and all(c.direction == "respective" for _, c in found) \
                and len({c.metric for _, c in found}) == len(found):
            ctx.cue_list = (i, [c for _, c in found])
    facts = _with_tables(article, text, all_dates, companies, facts)
    events = find_events(article.article_id, text, sentences, mentions, companies, article.body)
    facts = _drop_contradicted(text, _drop_roundings(_drop_thresholds(text, _dedupe(facts))))
    # a count or a revenue written with a minus (`신한은행(-308명)`) is a change: only profits go below zero
    facts = [f for f in facts if f.value >= 0 or f.metric in _SIGNED_METRICS]
    return ArticleFacts(
        list(companies.mentions),
        [f for f in facts if f.company_name],
        [e for e in events if e.company_name],
        [f for f in facts if not f.company_name],
    )


# a relative clause ending right before its subject: `지난해 … 사업을 정리한 한빛전기는`
_ADNOMINAL_BEFORE = re.compile(r"[가-힣](?:한|된|던|했던|운|진)\s$")


def _dates_relative_clause(text: str, d: Mention, num_start: int, companies: CompanyIndex) -> bool:
    """`지난해 13개 사업을 정리한 한빛전기는 인원수도 9170명으로 감축했다`: the date is the relative clause's
    (the company it modifies is the subject between the date and the figure), not the figure's."""
    if d.end > num_start:
        return False
    for m in companies.in_span(d.end, num_start):
        # (`지난해 4분기 실적을 발표한 X는 …`: a clause about the results dates them)
        if m.start - d.end <= 40 and _ADNOMINAL_BEFORE.search(text, max(d.end, m.start - 4), m.start) \
                and role_of(text, m) == "subject" and not _RESULTS_WORD.search(text, d.end, m.start):
            return True
    return False


_RESULTS_WORD = re.compile(r"실적|매출|영업|이익|손실|결산|성적|기록")


def _with_tables(article: Article, text: str, dates: list[Mention], companies: CompanyIndex,
                 facts: list[Fact]) -> list[Fact]:
    """The facts of the flattened tables in the text (`tables.py`) in place of what the sentence rules read
    off their rows."""
    cells = table_cells(text, dates, companies)
    if not cells:
        return facts
    rows = {c.row for c in cells}
    kept = [f for f in facts if not any(s <= f.start < e for s, e in rows)]
    for c in cells:
        cls = Classification(c.metric, c.cue, c.cue_at[0], c.cue_at[1], 0.9, c.negative, "table",
                             f"column '{c.cue}' of a table whose rows are companies")
        row = Sentence(c.row[0], c.row[1], text[c.row[0]:c.row[1]])
        # (`셀트리온(E) | 2조4971억원`: a row marked as an estimate)
        estimated = _ESTIMATE_MARK.match(text, c.company.end) is not None
        kept.append(_fact(article, row, c.figure, cls, c.company.name, c.company, "attr:table-row",
                          f"the row of the table is '{c.company.surface}'", 0.9, c.period,
                          "table-forecast" if c.forecast or estimated else None))
    return kept


_ESTIMATE_MARK = re.compile(r"\s?\(\s?(?:E|F|e|f|예상|추정|전망|컨센서스)\s?\)")


_PREVIOUS_QUARTER = re.compile(r"전\s?분기|직전\s?분기")


# `지난해 상반기 영업이익률(69.95%) 대비`: a comparison's base is not the period the article reports on
# `지난해부터 토지를 처분하는 등`: where a course of events starts, not a period reported on
_SPAN_START_AFTER = re.compile(r"\s?(?:부터|이후|이래|전부터)")
_COMPARISON_BASE_AFTER = re.compile(r"\s?[가-힣]{0,8}\s?(?:\([^()]{0,20}\))?\s?(?:대비|보다|에 비해)")


# `영업이익이 1조7905억으로`, `순이익은 8840억이다`: an amount in 억 or 조 without a unit
_OF_CUE = re.compile(r"\s?의\s?")
_BARE_LARGE = re.compile(r"[억조]\s?$")


def _implied_won(text: str, numbers: list[Mention], sentences: list[Sentence],
                 cue_hits: list[list[CueHit]]) -> list[Mention]:
    """Amounts written in 억/조 without `원` after a cue of a money metric are in won, as Korean business
    news writes them; a count in 억 (`다운로드 1억`) keeps no unit."""
    if not any(n.unit is None and _BARE_LARGE.search(n.text) for n in numbers):
        return numbers
    starts = [s.start for s in sentences]
    out = []
    for n in numbers:
        if n.unit is None and _BARE_LARGE.search(n.text):
            k = bisect_left(starts, n.start + 1) - 1
            cues = [h for h in cue_hits[k] if h.cue.role == "cue" and h.end <= n.start] if k >= 0 else []
            # (or the cue it modifies right after it: `3분기에만 3307억의 순이익을 거뒀다`)
            cues += [h for h in cue_hits[k] if h.cue.role == "cue" and _OF_CUE.fullmatch(text, n.end, h.start)] \
                if k >= 0 else []
            if cues and cues[-1].cue.metric in FLOW_METRICS:
                n = replace(n, unit="KRW")
        out.append(n)
    return out


# an undated revenue or profit published up to this month reports the year before (annual results season)
RESULTS_SEASON_END = 3
_GRAIN_MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}


def _unfinished(d: Mention, published: date | None) -> bool:
    """The period had not ended when the article was published (`올 상반기` in January, `내년`): its flows
    are not reported yet, so an undated figure is not of it."""
    months = _GRAIN_MONTHS.get(d.grain or "")
    if published is None or d.date is None or months is None:
        return False
    after = d.date.year * 12 + d.date.month - 1 + months  # the month after the period, counted from year 0
    last_day = date(after // 12, after % 12 + 1, 1) - timedelta(days=1)
    return last_day > published


# a relative clause reporting a figure, up to the company it modifies: `2조971억원을 기록한 오뚜기`
_RECORDED_BY = re.compile(r"\s?(?:을|를)\s(?:기록한|올린|낸|거둔|달성한)\s['‘\"“]?")
# a date the text looks ahead to: `오는 2020년에는`
_AHEAD_BEFORE = re.compile(r"(?:오는|내년|향후)\s?$")


def _flow_period(text: str, s: Sentence, metric: str, period: Period, article_periods: list[Mention],
                 published: date | None) -> Period:
    """A revenue or profit is a period's, never `as of` a day: undated, it reports the latest period the
    article named before it (`4분기 실적 발표` … `매출은 1조7085억원`). So does a count in an article with no
    publication date, whose only years are the ones it names (`지난 한 해(2009년)` … `직원 36명이`)."""
    if (metric not in FLOW_METRICS and published is not None) or period.rule not in ("period:publication",
                                                                                   "period:none"):
        return period
    named = [d for d in article_periods if d.start < s.start and not is_event_date(text, d)
             and not _COMPARISON_BASE_AFTER.match(text, d.end) and not _SPAN_START_AFTER.match(text, d.end)
             and not _unfinished(reported_period(d, published), published)
             # (nor a year ahead: `오는 2020년에는 흑자 전환`)
             and not _AHEAD_BEFORE.search(text, max(0, d.start - 4), d.start)]
    if not named:
        if period.rule == "period:publication" and published is not None and published.month <= RESULTS_SEASON_END:
            # `같은 기간 영업손실은 89억원` in February: the year just closed, whose results the season reports
            return Period(published.year - 1, str(published.year - 1), "period:results-season",
                          f"no period named; published in the results season of {published.year - 1}")
        return period
    # the latest of them: an earnings story names earlier periods only to compare (`지난해 상반기 940억원의 흑자`)
    d = max((reported_period(x, published) for x in named), key=lambda x: (x.date, x.start))
    assert d.date is not None
    return Period(d.date.year, label_for(d.date, d.grain), "period:article",
                  f"no period of its own; the article reports on '{d.text}'")


def _quarter_before(p: Period) -> tuple[int, str] | None:
    """The year and label of the quarter before `p`'s, when `p` is a quarter (`2024Q1` → 2023, `2023Q4`)."""
    q = re.fullmatch(r"(\d{4})Q([1-4])", p.label or "")
    if q is None:
        return None
    year, quarter = (int(q[1]) - 1, 4) if q[2] == "1" else (int(q[1]), int(q[2]) - 1)
    return year, f"{year}Q{quarter}"


# a bracket of the quarter before's figures: `전분기(매출 9조3900억원, 영업이익 1조9800억원)보다`
_PREVIOUS_QUARTER_BRACKET = re.compile(rf"(?:{_PREVIOUS_QUARTER.pattern})\s?\($")


def _previous_quarter_bracket(text: str, s: Sentence, n: Mention, period: Period) -> Period:
    """A figure in a bracket after `전분기` is the quarter's before the sentence's quarter."""
    before_q = _quarter_before(period)
    opened = open_bracket(text, s.start, n.start)
    if before_q is None or opened is None \
            or not _PREVIOUS_QUARTER_BRACKET.search(text, max(s.start, opened - 8), opened + 1):
        return period
    return Period(before_q[0], before_q[1], "period:previous-quarter",
                  f"in the bracket of the quarter before ({period.label}): its own figure")


# a pair told as a past level and the one reached: `2013년 2872명이었던 종업원 수는 2018년 1만2498명으로`
_PAST_LEVEL_AFTER = re.compile(r"\s?(?:이었던|였던|이던)")
_REACHED_AFTER = re.compile(r"\s?(?:으로|로)\s")


def _dated_from_to(text: str, i: int, found: list[tuple[Mention, Classification]],
                   periods: list[Period]) -> tuple[int, Period, Period] | None:
    """The periods of a from-to pair dated by its own dates (`지난해 연말 10만9490명에서 올 상반기 11만1683명으로`)."""
    for k in range(len(found) - 1):
        if ("from-to:first" in found[k][0].rule and "from-to:second" in found[k + 1][0].rule
                and periods[k].rule == periods[k + 1].rule
                and periods[k].rule in ("period:year-pair", "period:from-to")):
            return i, periods[k], periods[k + 1]  # (an inherited pair hands its dates on down a list)
        a, b = periods[k], periods[k + 1]
        if (a.rule == b.rule == "period:year-pair" and found[k][1].metric == found[k + 1][1].metric
                and a.year is not None and b.year is not None and a.year < b.year
                and _PAST_LEVEL_AFTER.match(text, found[k][0].end) and _REACHED_AFTER.match(text, found[k + 1][0].end)):
            return i, a, b
    return None


def _from_to_periods(text: str, s: Sentence, found: list[tuple[Mention, Classification]],
                     periods: list[Period], before: tuple[int, Period, Period] | None = None,
                     lead: tuple[int, Period, Period] | None = None) -> list[Period]:
    """`1022명에서 1386명으로`, `(68억→119억원)`: the first level of a change is one period before the
    second (a quarter before after `전 분기`, else a year before) unless a date of its own says otherwise;
    right after a pair dated by its own dates, an undated pair takes those dates (`삼성바이오 (2886→3515명)`
    after `지난해 연말 10만9490명에서 올 상반기 11만1683명으로`), and so does any later pair that no date
    (not even the publication's) places."""
    out = list(periods)
    own: tuple[Period, Period] | None = None  # the last pair of the sentence dated by its own dates
    for k in range(len(found) - 1):
        (a, _), (b, _) = found[k], found[k + 1]
        if "from-to:first" not in a.rule or "from-to:second" not in b.rule:
            continue
        pa, pb = out[k], out[k + 1]
        if (pa.label == pb.label and pa.year is not None and pb.rule in _OWN_DATE_RULES
                and _DATED_START.search(text, max(s.start, a.start - 14), a.start)
                and _BARE_FROM_GAP.fullmatch(text, a.end, b.start)):
            # `영업이익은 지난해 66억원에서 -126억원으로`: the date is the start's; the level reached is a year on
            out[k + 1] = _year_after(pb, b.text)
            continue
        if pa.rule in _OWN_DATE_RULES and pb.rule in _OWN_DATE_RULES and pa.label != pb.label:
            own = pa, pb
        elif own is not None and pa.rule in _UNPLACED_RULES and pb.rule in _UNPLACED_RULES:
            # `A(2018년 상반기 29억 원 → 2019년 상반기 -111억 원), B(13억 원 → -8억 원)`: the list's later pairs
            # go between the dates of its first
            why = "the periods of the list's first from-to pair"
            out[k], out[k + 1] = (replace(p, rule="period:from-to", reason=why) for p in own)
            continue
        if before is not None and "year-pair" not in (pa.rule + pb.rule):
            why = "the periods of the from-to pair just before"
            out[k] = replace(before[1], rule="period:from-to", reason=why)
            out[k + 1] = replace(before[2], rule="period:from-to", reason=why)
            continue
        # an undated pair in an article with no date of its own: the periods of the article's dated pair
        if lead is not None and pa.year is None and pb.year is None:
            why = "no date of its own nor of the article; the periods of the article's dated from-to pair"
            out[k] = replace(lead[1], rule="period:from-to", reason=why)
            out[k + 1] = replace(lead[2], rule="period:from-to", reason=why)
            continue
        # only a pair dated as one (by the article or the sentences before): `2018년 A에서 2023년 B로`
        # and `같은 기간 A에서 B로` have each level's own period already
        if pa.rule == "period:year-pair" or pb.year is None or pa.year != pb.year:
            continue
        before_q = _quarter_before(pb)
        if before_q and _PREVIOUS_QUARTER.search(text, s.start, a.start):
            out[k] = Period(before_q[0], before_q[1], "period:from-to",
                            f"the level before the change to '{b.text}', a quarter before ({pb.label})")
            continue
        out[k] = _year_before(pb, b.text)
    return out


# periods a figure's own date gives, and those no date of its sentence gives
_OWN_DATE_RULES = frozenset({"period:year-pair", "period:clause-date"})
_UNPLACED_RULES = frozenset({"period:none", "period:publication", "period:article"})


def _year_after(earlier: Period, text: str) -> Period:
    """The period a year after `earlier`: the level a change reached from a dated start."""
    assert earlier.year is not None
    return Period(earlier.year + 1, _shifted_label(earlier, 1), "period:from-to",
                  f"the level a change reached from a start dated {earlier.label}: '{text}' a year on")


def _shifted_label(p: Period, years: int) -> str | None:
    """`p`'s label moved by `years` (`2024Q1` → `2023Q1`); a day's (`as of …`) does not move."""
    assert p.year is not None
    if p.label and re.fullmatch(r"\d{4}(?:Q[1-4]|H[12])?", p.label):
        return f"{p.year + years}{p.label[4:]}"
    return None if p.label and p.label.startswith("as of ") else p.label


# a date right before a change's start (`지난해 66억원에서`), and nothing but `에서` before the level it reached
_DATED_START = re.compile(r"(?:지난해|작년|전년|\d{4}\s?년)\s?(?:동기\s?|[1-4]\s?분기\s?|[상하]반기\s?)?$")
_BARE_FROM_GAP = re.compile(r"\s?에서\s?")


def _year_before(later: Period, later_text: str) -> Period:
    """The period of the level a change started from, a year before the level it reached (`later`)."""
    assert later.year is not None
    return Period(later.year - 1, _shifted_label(later, -1), "period:from-to",
                  f"the level before the change to '{later_text}', a year before ({later.year})")


# a basis date of the article before a figure dates it (`지난해 말 기준`, `지난해 사업보고서를 분석한 결과`)
REFERENCE_WINDOW = 40


_BASIS_AFTER = re.compile(r"\s?(?:말|기준|현재|연말|사업보고서|감사보고서|분기보고서|반기보고서)")


# `1년 전인 2020년 말 9418명에서`: the date of a change's base is no basis for the levels after it
_FROM_BASE_AFTER = re.compile(r"\s?(?:기준\s?)?[\d,.]+(?:\s?[조억만천][\d,.]*)*\s?[가-힣]{0,2}\s?에서")


# a previous period's figure given in brackets as a comparison base: `전년 동기(`, `전년(영업적자 `
_BRACKETED_BASE = re.compile(r"(?:전년|작년|지난해|전분기|전기)\s?(?:동기|같은\s?기간)?\s?\(\s?(?:[가-힣]{1,6}\s?)?$")


def _company_series(text: str, s: Sentence, numbers: list[Mention], dates: list[Mention],
                    companies: CompanyIndex) -> bool:
    """A company's subject sentence listing a figure for each of several years and reporting them as levels
    (`B카드는 2018년 2632명, 2019년 2628명, 2020년 2624명으로 집계됐다`), or the levels a change of its went
    from and to (`특히 크래프톤은 705명에서 1563명으로 121.7% 증가했다`)."""
    levels = [n for n in numbers if "from-to" in n.rule]
    if len(levels) >= 2 and subject_of(text, s.start, levels[0].start, companies) is not None:
        return True
    if len(numbers) < 2 or not _SERIES_REPORTED.search(text, numbers[-1].end, s.end):
        return False
    years = [d for d in dates if d.grain == "year"]
    dated = [n for n in numbers if any(d.end <= n.start <= d.end + 3 for d in years)]
    return len(dated) == len(numbers) and subject_of(text, s.start, numbers[0].start, companies) is not None


# levels reported, not changes: `…명으로 집계됐다`, `…명으로 줄었다` (the level the series came to)
_SERIES_REPORTED = re.compile(r"\s?(?:으로|로)\s(?:집계|조사|나타|파악|기록|줄었|줄어들었|늘었|늘어났|감소했|증가했)")


def _reference_date(text: str, sentences: list[Sentence], i: int,
                    dates_in: Callable[[Sentence], list[Mention]], bases: dict[int, Mention | None]) -> Mention | None:
    """A basis date of the sentences just before (`지난해 말 기준`, `2022년 말`): the date of the levels
    that follow it with no date of their own.

    `bases` keeps each sentence's own basis date (or None) across the calls of one article: each
    figure's sentence looks back over the same sentences."""
    for k in range(i - 1, max(-1, i - 1 - REFERENCE_WINDOW), -1):
        if k not in bases:
            bases[k] = _basis_date(text, sentences[k], dates_in)
        if bases[k] is not None:
            return bases[k]
    return None


def _basis_date(text: str, s: Sentence, dates_in: Callable[[Sentence], list[Mention]]) -> Mention | None:
    """The last basis date written in sentence `s`, if any (not in a sentence setting the figure before
    against an earlier one: `이는 코로나19 이전인 2019년 말 직원수 3만7230명의 94.6%에 달하는 수준이다`)."""
    if _SET_AGAINST_OPENING.match(text, s.start, s.end):
        return None
    dates = dates_in(s)
    cands = [d for d in dates if d.grain in ("year", "half", "quarter", "month")
             and (d.text.endswith("말") or _BASIS_AFTER.match(text, d.end)) and not is_event_date(text, d)
             and not _FROM_BASE_AFTER.match(text, d.end, s.end)
             # (`… 2022년 3분기 말에 비해 0.9% 줄었다`: a comparison's base, not the basis of the levels after it)
             and not _COMPARISON_BASE_AFTER.match(text, d.end)
             # (`지난해 말 7조원이었던 잔액은 올 6월 말 8조원으로`: the start of a span the sentence moves on from)
             and not any(e.start >= d.end and e.date is not None and d.date is not None and e.date > d.date
                         for e in dates)]
    return cands[-1] if cands else None


# a sentence about the figure before: `이는 …`, `이는 전년 대비 …`
_SET_AGAINST_OPENING = re.compile(r"\s*(?:이는|이것은|이 수치는)\s")


def _figure_subjects(text: str, sentences: list[Sentence], cue_hits: list[list[CueHit]],
                     companies: CompanyIndex, numbers_in: Callable[[Sentence], list[Mention]]) -> set[str]:
    """Companies in subject or genitive position in sentences that carry a metric cue and a figure (not
    `함께 근무하던 카카오의 사내 게시판`)."""
    out: set[str] = set()
    for s, hits in zip(sentences, cue_hits, strict=True):
        if any(h.cue.role == "cue" for h in hits) and numbers_in(s):
            # (a data firm or a broker reporting others' figures, `FN가이드가 집계한 …`, is no subject of its own)
            # (or one whose figure a bracket glosses: `삼성증권(016360)(1474억원), 현대증권(1469억원)이 뒤를 이었다`)
            out.update(m.name for m in companies.in_span(s.start, s.end)
                       if (role_of(text, m) in ("subject", "genitive") or _GLOSSED_FIGURE.match(text, m.end))
                       and not is_source(text, m, s.end))
    return out


_GLOSSED_FIGURE = re.compile(r"\s?(?:\(\s?\d{6}\s?\)\s?)?\(\s?[-−+]?\d")


def _by_sentence(mentions: list[Mention]) -> Callable[[Sentence], list[Mention]]:
    """The mentions starting in a sentence, found by bisection."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    return lambda s: ordered[bisect_left(starts, s.start):bisect_left(starts, s.end)]


# a date glossing the figure before it: `누적 다운로드 1천만 건(2014년 3월), 2천만 건(2015년 9월)`
_OPEN_BRACKET = re.compile(r"\s?\(\s?")
_CLOSE_BRACKET = re.compile(r"\s?\)")


def _glossed_date(text: str, n: Mention, dates: list[Mention], published: date | None) -> Period | None:
    """The period of a date bracketed right after the figure, the date the figure was reached."""
    for d in dates:
        if (d.start > n.end and _OPEN_BRACKET.fullmatch(text, n.end, d.start) and _CLOSE_BRACKET.match(text, d.end)
                and d.date is not None):
            r = reported_period(d, published)
            assert r.date is not None
            return Period(r.date.year, label_for(r.date, r.grain), "period:glossed-date",
                          f"'{d.text}' in the bracket after the figure dates it")
    return None


def _paired_date(text: str, s: Sentence, n: Mention, dates: list[Mention]) -> Mention | None:
    """The date written right before the number (`2021년 320억원`), or heading the bracketed list it is in
    (`전년(7조4410억 원, 1조1020억 원)`) or the bracket of its metric (`전년(영업적자 12억원)`), if any."""
    for d in dates:
        if s.start <= d.start and d.end <= n.start and (
            (n.start - d.end <= 4 and not _DIGIT.search(text, d.end, n.start))
            or _BRACKET_LIST_TO.fullmatch(text, d.end, n.start) or _BRACKET_CUE_TO.fullmatch(text, d.end, n.start)
            or _SAME_PERIOD_TO.fullmatch(text, d.end, n.start)
        ):
            return d
    return None


# from a date opening a bracket to a later figure of the list in it
_BRACKET_LIST_TO = re.compile(r"\s?\(\s?(?:[^(),]{1,16},\s?){1,3}")
# from a year to its figure through the period it repeats (`전년 같은 기간 2만4512명보다`, `전년 동기의 4만명`)
_SAME_PERIOD_TO = re.compile(r"\s?(?:같은\s?기간|동\s?기간|동기)\s?(?:의\s?)?")
# from a date opening a bracket to the figure its metric word heads in it (`전년(영업적자 12억원)`)
_BRACKET_CUE_TO = re.compile(r"\s?\(\s?[가-힣]{1,6}\s?")


# `2023년과 2024년 매출은 각각 1120억원, 1480억원`: figures listed in the order of their years
_RESPECTIVELY = RESPECTIVELY


def _respective_years(text: str, s: Sentence, found: list[tuple[Mention, Classification]],
                      dates: list[Mention]) -> list[int | None] | None:
    first = found[0][0].start
    if len(found) < 2 or not _RESPECTIVELY.search(text, s.start, first):
        return None
    years: list[int | None] = [
        d.date.year for d in dates
        if s.start <= d.start and d.end <= first and d.grain == "year" and d.date and not is_event_date(text, d)
    ]
    if len(years) != len(found):
        # (`1분기와 2분기에 각각 2100억원, 1900억원`: the quarters or halves listed, each figure its own)
        years = [int(label[:4]) for label in _respective_periods(text, s, found, dates) or []]
    return years if len(years) == len(found) else None


def _respective_years_before(text: str, i: int, s: Sentence, found: list[tuple[Mention, Classification]],
                             dates: list[Mention], ctx: _Context) -> list[int | None] | None:
    """`매출은 2019년 10조974억원, 2020년 11조2948억원 …. 영업이익 역시 각각 4622억원, 6713억원을`: a 각각 list with
    no date of its own pairs with the years of the dated series just before, in order."""
    if len(found) < 2 or not _RESPECTIVELY.search(text, s.start, found[0][0].start) or not ctx.history:
        return None
    if any(s.start <= d.start < s.end and d.grain == "year" for d in dates):
        return None
    idx, years = ctx.history[-1]
    if idx != i - 1 or len(years) != len(found) or len(set(years)) != len(years):
        return None
    return list(years)


def _respective_periods(text: str, s: Sentence, found: list[tuple[Mention, Classification]],
                        dates: list[Mention]) -> list[str] | None:
    """The labels of the quarters or halves a 각각 list pairs its figures with, in order (`2023Q1`, `2023Q2`)."""
    first = found[0][0].start
    if len(found) < 2 or not _RESPECTIVELY.search(text, s.start, first):
        return None
    periods = [d for d in dates if s.start <= d.start and d.end <= first and d.date
               and d.grain in ("quarter", "half") and not is_event_date(text, d)]
    # (the periods listed together, `1분기와 2분기에`; not a clause's each, `2019년 4분기에 … 2021년 3분기에 각각`)
    joined = all(_LIST_JOIN.fullmatch(text, a.end, b.start) for a, b in pairwise(periods))
    labels = [label_for(d.date, d.grain) for d in periods if d.date] if joined else []
    pair = _QUARTER_PAIR.search(text, s.start, first)
    if pair and len(found) == 2 and int(pair[1]) < int(pair[2]):
        # `지난 1·2분기 각각 3447억원, 1315억원`: two quarters written as one (`3·4분기` is the third alone)
        year = next((d.date.year for d in dates if s.start <= d.start < pair.start() and d.grain == "year" and d.date),
                    next((d.date.year for d in dates if pair.start() <= d.start < pair.end() and d.date), None))
        labels = [f"{year}Q{pair[1]}", f"{year}Q{pair[2]}"] if year else []
    return labels if len(labels) == len(found) and len(set(labels)) == len(labels) else None


# between two items of a list: `1분기와 2분기`, `4622억원, 6713억원`
_LIST_JOIN = re.compile(r"\s?(?:,|와|과|및|·)\s?")
_QUARTER_PAIR = re.compile(r"(?<![\d.])([1-3])\s?[·ㆍ]\s?([2-3])\s?분기")


_PARENT_OF_NEXT = re.compile(r"의\s?")


def _peer_of_group(m: CompanyMention, named: list[CompanyMention]) -> bool:
    """`4위는 롯데그룹으로 …, 이어 SK(7만7909명), CJ(4만6471명)`: an item listed beside a business group, and
    none of its affiliates (`LG그룹의 … LG전자 3만8825명` lists the group's own companies), is a group too."""
    groups = [g.name.removesuffix("그룹") for g in named if _business_group(g)]
    return bool(groups) and not any(m.name.startswith(g) for g in groups)


def _business_group(m: CompanyMention) -> bool:
    """`LG그룹`, `현대자동차그룹`: a business group no listing or seed names as one company (`아모레퍼시픽그룹` is
    listed; a financial group, `KB금융그룹`, reports as its holding company)."""
    return (m.name.endswith("그룹") and not m.name.endswith("금융그룹")
            and not m.rule.startswith(("company:listed", "company:seed", "company:stock-code"))
            and m.name not in lexicon().aliases)  # (a listed name: never a group)


def _respective_companies(text: str, s: Sentence, found: list[tuple[Mention, Classification]],
                          companies: CompanyIndex) -> list[CompanyMention | None] | None:
    """`A와 B는 각각 매출 300억원과 5200억원`: companies listed before 각각 pair with the figures in order."""
    if len(found) < 2:
        return None
    resp = _RESPECTIVELY.search(text, s.start, found[0][0].start)
    first = 0  # the figures before the 각각 list keep their own attribution
    if resp is None:
        # `삼성증권도 영업이익이 1246억원으로 …, A와 B의 영업이익도 각각 X, Y로`: a later 각각 pairs the companies
        # named since the figure before it
        # (the figures after it a list of their own: `A와 B 각각 150억원, C 62억원` names C between them)
        later = next(((k, m) for k in range(1, len(found) - 1)
                      if (m := _RESPECTIVELY.search(text, found[k - 1][0].end, found[k][0].start))
                      and not companies.in_span(found[k][0].end, found[-1][0].start)), None)
        # (and with none named since, the coordinated subject before them pairs with each group: `A, B, C 등도
        # 343억원, 32억원, 15억원씩 손실을 기록했지만 … 각각 317억원, 206억원, 192억원씩 순이익을`)
        if later is None or not companies.in_span(found[later[0] - 1][0].end, later[1].start()):
            return _coordinated_subjects(text, s, found, companies)
        first, resp = later
    named: list[CompanyMention | None] = []
    prev: CompanyMention | None = None
    lo = found[first - 1][0].end if first else s.start
    for m in companies.in_span(lo, resp.start()):
        glossing = glosses(text, prev, m)  # `가비아(한빛증권)는`: the underwriter glosses it
        prev = m
        if is_source(text, m, s.end) or glossing:
            continue  # `에프앤가이드에 따르면 A의 매출과 영업이익은 각각 …`: the source pairs with nothing
        if (parent := _PARENT_OF_NEXT.match(text, m.end)) and any(
                x.start == parent.end() for x in companies.in_span(m.end, m.end + 30)):
            continue  # `BNK금융의 부산은행과 경남은행은 각각 …`: the parent of the companies listed pairs with nothing
        if all(x is None or x.name != m.name for x in named):
            named.append(m)
    before: list[CompanyMention | None] = [None] * first
    return before + named if len(named) == len(found) - first else None


def _coordinated_subjects(text: str, s: Sentence, found: list[tuple[Mention, Classification]],
                          companies: CompanyIndex) -> list[CompanyMention | None] | None:
    """`위메이드와 카카오게임즈는 2020년에는 120명, 372명 2021년 175명, 427명으로`: a coordinated subject
    pairs with each group of figures in order, as 각각 would."""
    # (the last coordinated run before the figures it governs: `A는 622억원으로 …했고, B와 C는 1278억원과 …`)
    before = companies.in_span(s.start, found[-1][0].start)
    chain = coordinated_subject(text, companies, s.start, found[-1][0].start)
    if not chain:
        return None
    # (the figures of an earlier clause are not the pair's: `A는 622억원으로 …했고, B와 C는 1278억원과 1453억원의`)
    after = [(n, c) for n, c in found if n.start >= chain[-1].end]
    if not after or chain[-1] is not before[-1] or len(after) % len(chain):
        return None
    if len({(n.unit, c.metric) for n, c in after}) != 1:
        return None
    return [None] * (len(found) - len(after)) + [chain[k % len(chain)] for k in range(len(after))]


# a year told relative to the present (`지난해`, `올 상반기`), which only a publication date resolves
_RELATIVE_YEAR = re.compile(r"지난해|작년|올해|금년|내년|전년|(?<![가-힣])올(?![가-힣])")
# `진에어와 이스타항공 각각 131억원`: two companies, one figure each of them reached
_EACH_GAP = re.compile(r"\s?(?:은|는|이|가|도)?\s?각각\s?")


def _sharing_partner(text: str, n: Mention, attr: Attribution, companies: CompanyIndex,
                     nxt: int | None) -> CompanyMention | None:
    """The company coordinated before the figure's own that the same figure is also stated for (`A와 B 각각 N`,
    one figure: a list of two figures after 각각 pairs them in order instead)."""
    m = attr.mention
    if m is None or attr.rule not in ("attr:list-item", "attr:subject"):
        return None
    if not _EACH_GAP.fullmatch(text, m.end, n.start):
        return None
    if nxt is not None and not companies.in_span(n.end, nxt):
        return None  # `A와 B는 각각 300억원, 5200억원`
    before = [p for p in companies.in_span(max(0, m.start - 30), m.start) if p.end <= m.start]
    if not before or before[-1].name == m.name or not COORDINATOR.fullmatch(text, before[-1].end, m.start):
        return None
    return before[-1]


_PART_OPENING = re.compile(r"\s*(?:이\s?중|그\s?중|이\s?가운데)\s")


def _product_apart(text: str, s: Sentence, product: CompanyMention, companies: CompanyIndex) -> bool:
    """The sentence tells the product apart from its owner: it names the owner too, or opens on a part of
    the figures before (`이중`)."""
    return _PART_OPENING.match(text, s.start) is not None or any(
        m.name == product.name and not m.rule.endswith("product") for m in companies.in_span(s.start, s.end))


@cache
def _division_heads() -> tuple[str, ...]:
    return tuple(str(w) for w in facts_rules()["metrics"].get("division_heads", []))


def _division_of(text: str, m: CompanyMention, companies: CompanyIndex) -> bool:
    """`롯데마트` in an article naming 롯데쇼핑: a group's store format (its prefix heads a listed company the
    article names, and no listing of its own), a division whose figures are the company's segments. (Not
    when the company is named only as the short form of the store in a list of stores: `롯데·신세계·현대백화점
    3사`.)"""
    head = next((h for h in _division_heads() if m.name.endswith(h) and len(m.name) - len(h) >= 2), None)
    if head is None or m.rule.startswith("company:listed") or m.stock_code:
        return False
    prefix = m.name[: -len(head)]
    # (the bare prefix, `GS` beside `GS홈쇼핑`, is the news's short form of the store's own company)
    return any(c.name not in (m.name, prefix) and c.name.startswith(prefix) and c.rule.startswith("company:listed")
               and not _store_list_after().match(text, c.end) for c in companies.mentions)


@cache
def _store_list_after() -> re.Pattern[str]:
    """The next items of a list of stores sharing their kind: `·신세계·현대백화점`, `, 현대백화점`."""
    heads = "|".join(map(re.escape, _division_heads()))
    return re.compile(rf"\s?[·,]\s?[가-힣A-Za-z]{{1,10}}(?:·[가-힣A-Za-z]{{1,10}})*(?:{heads})")


def _recent_years(i: int, ctx: _Context) -> list[int]:
    return [y for idx, ys in ctx.history[-2:] if i - idx <= CONTINUATION_GAP for y in ys]


# a date naming the year before the figures it is set against: `전년 980억원`, `한해 전 5023명`, `1년 전 …`
_YEAR_BEFORE = re.compile(r"전년|한\s?해\s?전|1년\s?전")


def _previous_year_paired(text: str, s: Sentence, n: Mention, dates: list[Mention]) -> bool:
    d = _paired_date(text, s, n, dates)
    return d is not None and _YEAR_BEFORE.match(d.text.strip()) is not None


def _previous_year_of_context(
    text: str, s: Sentence, n: Mention, dates: list[Mention], period: Period, context_years: list[int]
) -> Period:
    """`전년 980억원` next to a 2024 figure is 2023: 전년 is the year before the figures' year."""
    d = _paired_date(text, s, n, dates)
    if d is None or not _YEAR_BEFORE.match(d.text.strip()) or not context_years:
        return period
    year = max(context_years) - 1
    if year == period.year:
        return period
    return replace(
        period,
        year=year,
        label=str(year),
        rule="period:previous-year",
        reason=f"'{d.text}' is the year before {year + 1}, the year of the figures it is compared with",
    )


# a figure written with its minus sign (`▲4분기 -925억원`)
_SIGNED_FIGURE = re.compile(r"(?<![\d\w])[-−]\s?\d")


def _signed_pairs(text: str, facts: list[Fact], found: list[tuple[Mention, Classification]]) -> None:
    """`마이너스 92억원에서 182억원으로 적자가 늘어났다`: a change that starts at a loss ends at one unless a
    profit is named (`흑자로`). The sentence's facts (the last len(found), in order) change in place."""
    base = len(facts) - len(found)
    for k in range(len(found) - 1):
        a, b = facts[base + k], facts[base + k + 1]
        # (a loss must be what is spoken of: a loss cue or 적자 after the pair; `당기순이익이 -4000억원에서
        # 1조4000억원으로` ends at a profit)
        loss = found[k + 1][1].negative or _LOSS_LATER.match(text, b.end) is not None
        if ("from-to:first" in found[k][0].rule and "from-to:second" in found[k + 1][0].rule
                and a.value < 0 < b.value and loss and not _PROFIT_AFTER.match(text, b.end)):
            facts[base + k + 1] = replace(b, value=-b.value)
    # `영업이익과 당기순이익은 각각 451억원, 166억원 마이너스를 기록해`: the sign after a 각각 list is every item's
    for k in range(len(found) - 2, -1, -1):
        a, b = facts[base + k], facts[base + k + 1]
        if (b.value < 0 < a.value and _LOSS_AFTER.match(text, b.end) and _PAIR_JOIN.fullmatch(text, a.end, b.start)
                and "각각" in text[max(0, a.start - 12):a.start]):
            facts[base + k] = replace(a, value=-a.value)


# levels at a date (not flows over a period): an undated one reports the date the article's first such figure had
LEVEL_METRICS = frozenset({"headcount", "users", "downloads"})


def _trapped_leads(text: str, s: Sentence, numbers: list[Mention], cued: dict[str, tuple[str, str]],
                   dates: list[Mention], ctx: _Context, published: date | None) -> None:
    """The date of a level metric's figure that a trap took (a market total, an average) dates the article's
    undated levels of that metric, as the first dated level would (`_lead_periods`)."""
    if not numbers or published is None:
        return
    for metric, _ in cued.values():
        if metric not in LEVEL_METRICS or metric in ctx.lead:
            continue
        p = period_for(text, s.start, numbers[0].start, dates, published)
        if _recent_dated(p, published):
            ctx.lead[metric] = p


def _recent_dated(p: Period, published: date | None) -> bool:
    """A period a level's own date gives, in the publication's year or the one before: it dates the levels after it."""
    return (p.year is not None and published is not None and p.rule not in ("period:publication", "period:none")
            and published.year - 1 <= p.year <= published.year)


def _lead_periods(s: Sentence, found: list[tuple[Mention, Classification]], periods: list[Period], ctx: _Context,
                  published: date | None) -> list[Period]:
    """`지난해 말 IPTV 가입자는 총 1083만명 … 업체별로는 KT가 584만명`: an undated level later in the article
    is as of the date of the article's first dated level of that metric (a recent one), not the publication."""
    out = list(periods)
    current = any(w in s.text for w in ("현재", "지금", "최근"))
    leads: dict[str, Period] = {}
    for k, (_, cls) in enumerate(found):
        if cls.metric not in LEVEL_METRICS:
            continue
        p = out[k]
        lead = ctx.lead.get(cls.metric)
        if p.rule == "period:publication" and lead is not None and not current:
            out[k] = replace(lead, rule="period:lead",
                             reason=f"no date of its own; the article's {cls.metric} figures are as of {lead.label}")
            # the level before a change to this one moves with it (`(3만135명→3만1944명)`: a year before)
            if (k >= 1 and "from-to:second" in found[k][0].rule and "from-to:first" in found[k - 1][0].rule
                    and out[k - 1].rule == "period:from-to" and lead.year is not None and p.year is not None
                    and out[k - 1].year == p.year - 1):
                out[k - 1] = _year_before(out[k], found[k][0].text)
        elif (cls.metric not in ctx.lead and _recent_dated(p, published) and "from-to:first" not in found[k][0].rule
              # (nor does a forecast: `연말까지 가입자 1000만명을 돌파할 것으로 예측됐다`)
              and is_forecast(s.text, 0, len(s.text), found[k][0].start - s.start, found[k][0].end - s.start) is None):
            leads.setdefault(cls.metric, p)  # (the level a change started from dates nothing after it)
    ctx.lead = {**leads, **ctx.lead}  # from the next sentence on
    return out


def _previous_year_in_sentence(
    text: str, s: Sentence, found: list[tuple[Mention, Classification]], periods: list[Period], dates: list[Mention]
) -> list[Period]:
    """`전년(1조1209억원) 대비 17% 오른 1조3120억원`: the 전년 figure is the year before the other's, not
    the year before the article (which the other figure reports)."""
    out = list(periods)
    for k, (n, cls) in enumerate(found):
        d = _paired_date(text, s, n, dates)
        if d is None or not _YEAR_BEFORE.match(d.text.strip()) or out[k].year is None:
            continue
        # (not another 전년 figure: `A는 전년 동기 823억원 대비 … , B는 전년 동기 760억원 대비 …`)
        same = [p for j, p in enumerate(periods) if j != k and found[j][1].metric == cls.metric
                and not _previous_year_paired(text, s, found[j][0], dates)]
        own = out[k].year
        if own is not None and any(p.year == own for p in same):
            year = own - 1
            out[k] = replace(out[k], year=year, label=str(year), rule="period:previous-year",
                             reason=f"'{d.text}' is the year before {own}, the year of the figure it is compared with")
    return out


def _article_metrics(cue_hits: list[list[CueHit]]) -> dict[str, tuple[str, str]]:
    """unit -> (metric, cue) of the metric the article's cues name most often, per unit."""
    counts = Counter(h.cue.metric for hits in cue_hits for h in hits if h.cue.role == "cue")
    first_cue = {h.cue.metric: h.cue.cue for hits in reversed(cue_hits) for h in reversed(hits) if h.cue.role == "cue"}
    out: dict[str, tuple[str, str]] = {}
    for metric, _ in counts.most_common():
        for unit in metric_rules().units.get(metric, ()):
            out.setdefault(unit, (metric, first_cue[metric]))
    return out


_PER_HEAD_BEFORE = re.compile(r"(?:인당|명당|한\s?명당)\s?(?:평균\s?)?(?:분기\s?)?$")


def _respective_again(text: str, s: Sentence, numbers: list[Mention],
                      cues: list[Classification]) -> list[tuple[Mention, Classification]]:
    """The figures a 각각 pairs with the cues of the 각각 list before, in order, each of its cue's unit."""
    resp = RESPECTIVELY.search(text, s.start, s.end)
    if resp is None:
        return []
    after = [n for n in numbers if n.start >= resp.end() and n.unit is not None]
    if len(after) < len(cues):
        return []
    run = after[: len(cues)]
    if not all(fits_unit(c.metric, n.unit) for n, c in zip(run, cues, strict=True)) or any(
            _LIST_JOIN.fullmatch(text, a.end, b.start) is None for a, b in pairwise(run)):
        return []
    return [(n, replace(c, direction="respective", reason=f"{c.reason}; 각각 again, with the cues of the list before"))
            for n, c in zip(run, cues, strict=True)]



def _metrics_of_cues(hits: list[CueHit]) -> dict[str, tuple[str, str]]:
    """unit -> (metric, cue) of a sentence's cues (the first cue of a unit wins)."""
    out: dict[str, tuple[str, str]] = {}
    for h in hits:
        if h.cue.role == "cue":
            for unit in metric_rules().units.get(h.cue.metric, ()):
                out.setdefault(unit, (h.cue.metric, h.cue.cue))
    return out


# a subject, then the change that brought it to its level (`KT가 12만명이 감소한 1962만명`), within CHANGE_REACH
_SUBJECT_GAP = re.compile(r"\s?(?:은|는|이|가|도)\s")
_RATES_THEN_LEVEL = re.compile(rf"\s?(?:은|는|이|가|도)\s(?:각각\s?)?(?:\d[\d.]*\s?%\s?(?:,|와|과)?\s?)+{CHANGED}\s")
CHANGE_REACH = 25
# the focus of a ranking and what may follow it before its change: `… 곳은 (…하는) X로, 1년 새`
_FOCUS_GAP = re.compile(r"(?:으로|로),?\s")
_FOCUS_HEAD_BEFORE = re.compile(r"(?:곳|기업|회사|업체)(?:은|는)\s")
FOCUS_HEAD_REACH = 30
# a company then its figure: `KT는 266만명`, `포스코켐텍(306억원)`, `큐리언트 59억원`
_COMPANY_FIGURE_GAP = re.compile(
    # (`국민은행의 KB스타뱅킹이`, `C가 각각`; `\s*`: a quote widget masked out after the name)
    rf"['’\"”]?\s*(?:은|는|이|가|도|의\s{PRODUCT_SUBJECT})?\s?(?:각각\s?)?"
    # (a stock code or an abbreviation after the name: `KT(030200)`, `SK브로드밴드(SO)가`)
    rf"(?:{NAME_GLOSS}['’\"”]?\s?(?:은|는|이|가|도)?\s?)?"
    # (a share before the bracketed count it stands for: `SK텔레콤 45.4%(334만8684명)`)
    r"(?:\d{1,3}(?:\.\d+)?\s?%\s?(?=[(\[]))?[(\[]?\s?(?:약\s?)?"
    r"(?:마이너스\s?(?:\(\s?-\s?\)\s?)?)?"
)


def _owned_gap(text: str, name_end: int, num_start: int) -> bool:
    """Only a particle, a stock code or the company's product (not a metric) stands between a name and its figure."""
    gap = _COMPANY_FIGURE_GAP.fullmatch(text, name_end, num_start)
    return gap is not None and (not gap["product"] or names_product(gap["product"]))


_LIST_SEP = re.compile(r"\s?(?:,|과|와|및)\s?")
# a trap word in brackets saying what a total leaves out (`상장사(금융업·신규등록사 제외) 직원수는`): the
# figure is not the trap's
_EXCLUDED_IN_BRACKETS = re.compile(r"[^()]{0,20}(?:제외|포함)\s?\)")
# a total opening its sentence (`전체 101,970명으로 …`): the figure of what the sentence before spoke of
_TOTAL_OPENING = re.compile(r"\s*(?:전체|총)\s?")
# a level reported by its verb: `…억원을 기록했다`, `…억원을 거뒀다`
_REPORTED_LEVEL = re.compile(r"\s?(?:을|를)\s(?:기록|거뒀|거두|올렸|올리|냈|달성)")


# a result named by its sign, no metric of its own: `575억 원의 손실을 냈다`, `흑자를 기록`
_RESULT_WORD_AFTER = re.compile(r"(?:의|에\s?달하는)?\s?(손실|적자|흑자|이익)(?:을|를|이|가|은|는|로|으로)?\s")


def _subject_after(text: str, s: Sentence, n: Mention, companies: CompanyIndex) -> bool:
    subject = subject_of(text, s.start, s.end, companies)
    return subject is not None and subject.start > n.end


# a date's figure with its scope between them
_SCOPE_GAP = re.compile(r"\s?(?:연결|별도)\s?(?:재무제표\s?)?(?:기준)?\s?")


# a figure told as a level: `255만8천명이었고`, `696만7천명으로` (not a bracketed change: `NHN(68명), … 증가했다`)
_LEVEL_END = re.compile(r"\s?(?:이었|였|이다|이며|이고|으로|로)")


def _carried_metrics(
    text: str, i: int, s: Sentence, numbers: list[Mention], dates: list[Mention], ctx: _Context,
    companies: CompanyIndex, *, bridged: bool = False,
) -> list[tuple[Mention, Classification]]:
    """Cue-less figures that continue the metric of the sentence before: dated ones (`2021년 320억원에서`),
    a company's (`KT는 266만명, SK텔레콤은 44만명이다`, `포스코켐텍(306억원)과 메가스터디(291억원)`), and the
    levels of a change (`(2886→3515명)`)."""
    out: list[tuple[Mention, Classification]] = []
    by_unit = ctx.metrics[1]
    if ctx.changes[0] == ctx.metrics[0] and ctx.changes[1]:
        # `가입자수를 … 비교하면 A는 9만명, B는 7만명 늘었다. 사업자별로는 KT 577만명(19.5%), … 순이다`: after a
        # sentence of changes, a list of figures with their shares of the whole, its last no change, goes back
        # to the levels (`다음으로는 ▲A 8027명 ▲B 6865명 … 순이었다` goes on with the changes)
        last = {n.unit or "": n for n in numbers}
        by_unit = by_unit | {unit: cue for unit, cue in ctx.changes[1].items()
                             if unit in last and not is_change(text, last[unit].end, s.end)
                             and _SHARE_AFTER.match(text, last[unit].end)}
    ends = {m.end: m for m in companies.in_span(s.start, s.end)}
    for n in numbers:
        if (n.unit or "") not in by_unit:
            continue
        paired = any(d.end <= n.start and d.start >= s.start and (
            # (`2017년 연결기준 9491억원`)
            n.start - d.end <= 4 or _SCOPE_GAP.fullmatch(text, d.end, n.start) is not None
            # `2020년과 2021년에는 각각 7조4050억 원, 8조7534억 원`: years paired with the figures listed after 각각
            or (d.grain == "year" and n.start - d.end <= 40 and "각각" in text[d.end:n.start])) for d in dates)
        # `같은 기간 5339만명, 5345만3000명 …`: the period of the figures before, handed on by name
        paired = paired or has_same_period_cue(text[max(s.start, n.start - 8) : n.start])
        owned = any(_owned_gap(text, e, n.start) for e in ends if e <= n.start <= e + 40)
        owned = owned or _TOTAL_OPENING.fullmatch(text, s.start, n.start) is not None
        # `KT가 12만명이 감소한 1962만명`: the level the subject's change reached
        # (or the focus a ranking names: `가장 많이 늘어난 곳은 X로, 1년 새 1만5179명 늘어난 9만9881명으로`)
        owned = owned or (level_after_change(text, s.start, n.start) and any(
            _SUBJECT_GAP.match(text, e, n.start) or (_FOCUS_GAP.match(text, e, n.start) and _FOCUS_HEAD_BEFORE.search(
                text, max(s.start, m.start - FOCUS_HEAD_REACH), m.start))
            for e, m in ends.items() if e <= n.start <= e + CHANGE_REACH))
        # `A와 B도 각각 25.1%, 13.6% 늘어난 1712명과 460명으로`: the levels the subjects' rates of change reached
        owned = owned or any(_RATES_THEN_LEVEL.fullmatch(text, e, n.start) for e in ends if e <= n.start <= e + 60)
        # `신한금융은 지난해 … 늘어난 3조1천567억원을 기록했다`: the subject's level, reported with a verb
        owned = owned or (_REPORTED_LEVEL.match(text, n.end, s.end) is not None
                          and subject_of(text, s.start, n.start, companies) is not None)
        # `4위는 2조971억원을 기록한 오뚜기였다`: the figure of the company its relative clause modifies
        owned = owned or any(_RECORDED_BY.fullmatch(text, n.end, m.start) for m in ends.values() if n.end < m.start)
        # `… 영업손실은 330억 원으로 …. 연간 기준으로도 575억 원의 손실을 냈다`: the same result, named plainly
        metric, cue = by_unit[n.unit or ""]
        word = _RESULT_WORD_AFTER.match(text, n.end, s.end)
        paired = paired or (word is not None and metric in FLOW_METRICS
                            and (word[1] in ("손실", "적자")) == (cue in metric_rules().negative_cues))
        # `2020년에는 120명, 372명`: the next item of a list whose first the rules took
        listed = bool(out) and _LIST_SEP.fullmatch(text, out[-1][0].end, n.start) is not None
        # `전년 동기(2036억원) 대비 0.9% 증가한 2054억원`: the level a change reached from the base before it
        listed = listed or (bool(out) and level_after_change(text, s.start, n.start))
        # `현대카드가 760억원에서 1194억원으로`: the level a change reached from the company's figure before it
        listed = listed or (bool(out) and "from-to:second" in n.rule and "from-to:first" in out[-1][0].rule)
        if not (paired or owned or listed or "from-to" in n.rule):
            continue
        if ctx.metrics[0] < i - 1 and not owned and not bridged and not listed:
            continue  # two sentences on, only a company's own figure (and its list) continues the metric
        cls = carried_metric(text, s.start, s.end, n.start, n.end, n.unit, metric, cue)
        if cls is not None and plausible(metric, n.unit, n.value):
            out.append((n, cls))
    return out


def _inherited_years(
    text: str, i: int, s: Sentence, found: list[tuple[Mention, Classification]], dates: list[Mention], ctx: _Context
) -> tuple[list[int | None] | None, str]:
    """Years handed on from the figures of an earlier sentence, in order, to this one's figures.

    `같은 기간` hands them on explicitly; a sentence right after dated figures, with no date of its
    own, continues their period for flow figures (`지난해 매출 … 영업이익은 …`).
    """
    if not ctx.years:
        return None, ""
    # a comparison base (`전년 동기 대비`) or an event's date is not the figure's own period
    own_dates = [d for d in dates if s.start <= d.start < s.end and not is_event_date(text, d)]
    # (a base holding the figure in brackets is its date: `지난해 같은 기간(10만8998명)보다`)
    own = [any(d.end <= n.start for d in own_dates) or _BRACKETED_BASE.search(text, max(s.start, n.start - 16), n.start)
           is not None for n, _ in found]
    if all(own):
        return None, ""
    if has_same_period_cue(s.text[: found[0][0].start - s.start]):
        # the period spanned by the dated figures of the last sentences
        # (of consecutive sentences: `…31억원의 적자가 났다. 한편 B도 실적을 공시했다. 2019년 매출액은 …. 같은 기간
        # 영업이익은 …` is B's one year)
        last = ctx.history[-2:]
        if len(last) == 2 and last[0][0] != last[1][0] - 1:
            last = last[1:]
        recent = [y for idx, ys in last if i - idx <= CONTINUATION_GAP + 1 for y in ys]
        years: list[int | None] = [*sorted(set(recent or ctx.years))]
        reason = "같은 기간: the years of the figures in the sentence before"
        # the figures without a date of their own: one gets the latest year; a chain the first year, then the last
        k = own.count(False)
        chain = [years[0]] + [years[-1]] * (k - 1) if k > 1 else [years[-1]]
        spread = years if k == len(years) else chain
        it = iter(spread)
        return [None if o else next(it) for o in own], reason
    # the main period of the figures just before: the latest year among them
    recent = [y for idx, ys in ctx.history[-2:] if i - idx <= CONTINUATION_GAP for y in ys]
    latest = max(recent or ctx.years)
    if i - ctx.sentence <= CONTINUATION_GAP and not any(w in s.text for w in _CURRENT):
        reason = f"continues the period {latest} of the figures just before"
        return [
            latest if cls.metric in FLOW_METRICS and not o else None for (_, cls), o in zip(found, own, strict=True)
        ], reason
    return None, ""


# the level a change reached, its sign written: `→-579억 원`
_SIGNED_NEXT = re.compile(r"\s?(?:→|->|⇒)\s?[-−]\s?\d")


def _fact(
    article: Article,
    s: Sentence,
    n: Mention,
    cls: Classification,
    company: str | None,
    cmention: CompanyMention | None,
    attr_rule: str,
    attr_reason: str,
    attr_conf: float,
    period: Period,
    forecast_cue: str | None,
) -> Fact:
    value = float(n.value or 0.0)
    after = article.body[n.end : n.end + 30]
    if _MINUS_BEFORE.search(article.body, max(0, n.start - 12), n.start):
        value = -abs(value)  # `마이너스(-) 92억1000만원`
    elif _PROFIT_AFTER.match(after):
        value = abs(value)  # "순손실 61억원에서 9억원 흑자로": a profit under a loss cue
    elif cls.negative and value > 0 and _SIGNED_FIGURE.search(article.body, cls.cue_end, n.start):
        pass  # `순이익 및 순손실은 ▲1분기 -280억원 ▲2분기 86억원`: a series writing its signs, this one a profit
    elif _SIGNED_NEXT.match(after):
        pass  # `제이브이엠(106억 원→-579억 원) 등도 적자전환했다`: the change writes its signs, the first a profit
    elif cls.negative or _LOSS_AFTER.match(after) or (
            cls.cue_end <= n.start and _DEFICIT_BETWEEN.search(article.body, cls.cue_end, n.start)):
        value = -abs(value)  # (`영업이익 적자가 1분기 70억 원에서 …`, `영업이익은 … 지난해 적자규모가 340억 원`)
    unit = n.unit or ("count" if cls.metric in ("downloads", "users") else "")
    rule = f"metric:cue={cls.cue}|{attr_rule}|{period.rule}" + (f"|forecast:{forecast_cue}" if forecast_cue else "")
    confidence = cls.weight * (attr_conf if company else 0.5) * (0.9 if period.rule == "period:none" else 1.0)
    explanation = {
        "metric": cls.reason + ("; a loss, stored negative" if cls.negative else ""),
        "company": attr_reason,
        "period": period.reason,
        "number": f"'{n.text}' read as {value:g} {unit} ({n.qualifier})",
    }
    if forecast_cue:
        explanation["forecast"] = (
            "the period lies after the publication date: a forecast, not a reported actual"
            if forecast_cue == "future-period"
            else f"'{forecast_cue}' marks a forecast or target, not a reported actual"
        )
    return Fact(
        article_id=article.article_id,
        metric=cls.metric,
        value=value,
        unit=unit,
        qualifier=n.qualifier,
        start=n.start,
        end=n.end,
        evidence=article.body[s.start:s.end],
        company_name=company,
        period_year=period.year,
        period_label=period.label,
        is_forecast=forecast_cue is not None,
        confidence=round(confidence, 3),
        rule=rule,
        company_start=cmention.start if cmention else None,
        company_end=cmention.end if cmention else None,
        explanation=explanation,
    )


# what a round threshold is followed by: `10조원 기록을 깼다`, `30조원을 달성`, `1000억원을 넘어섰다`
_THRESHOLD_AFTER = re.compile(r"\s?['‘’]?\s?(?:대|을|를|이|가)?\s?(?:넘|돌파|달성|웃돌|기록을\s?깼|시대|고지|벽|클럽)")


_MILESTONE_AFTER = re.compile(r"\s?['‘’]?\s?(?:대의|대|의)?\s?(?:시대|고지|클럽|그룹에)")


def _round(value: float) -> bool:
    """One or two significant digits: 30조, 1000억, 1500만."""
    return round_value(value)


def _attribution_rule(f: Fact) -> str:
    """The attribution rule among the rules a fact records (`metric:…|attr:…|period:…`)."""
    return f.rule.split("|")[1]


def _significant(value: float) -> int:
    """Significant digits of a figure as written in whole units (21조 → 2, 21조3140억 → 5)."""
    digits = str(round(abs(value))).rstrip("0")
    return max(1, len(digits))


def _drop_roundings(facts: list[Fact]) -> list[Fact]:
    """`작년 매출 21조·적자 1.7조` in a headline restates the exact figures the article gives (21조3140억원):
    the rounded restatement goes, the exact figure stays."""
    out = []
    for f in facts:
        sig = _significant(f.value)
        exact = [g for g in facts if g is not f and g.company_name == f.company_name and g.metric == f.metric
                 and g.period_year in (f.period_year, None) and f.period_year in (g.period_year, None)
                 and _significant(g.value) > sig + 1 and (f.value > 0) == (g.value > 0)
                 and float(f"{g.value:.{sig}g}") == f.value]
        if f.company_name and exact:
            continue
        out.append(f)
    return out


def _drop_contradicted(text: str, facts: list[Fact]) -> list[Fact]:
    """A company has one revenue or profit per period and basis: a smaller figure the discourse hands it
    (`… 매출 1조9270억원 … 1분기 매출은 3900억원`, a summary that dropped a segment's name) contradicts
    the one the text gives it by name, so it is a part's, not the company's."""
    named: dict[tuple[str | None, str, str | None, str], Fact] = {
        (f.company_name, f.metric, f.period_label, f.qualifier): f for f in facts
        if f.metric in FLOW_METRICS and f.period_label and _attribution_rule(f) in _NAMED_OWNER and not f.is_forecast}
    out = []
    for f in facts:
        own = named.get((f.company_name, f.metric, f.period_label, f.qualifier))
        if (own is not None and _attribution_rule(f) in _DISCOURSE and f.value != own.value and not f.is_forecast
                and not _PRIOR_PERIOD.search(_SENTENCE_TAIL.split(text[max(0, f.start - 50):f.start])[-1])
                and abs(f.value) < abs(own.value) and (f.value > 0) == (own.value > 0)
                and not _SPAN_SCOPE.search(own.evidence) and not _SPAN_SCOPE.search(f.evidence)
                # (`연결 기준 매출 5조9077억원 … 별도 기준으로도 총매출 4조2069억원`: the other basis's own figure)
                and _basis_word(f.evidence) in (None, _basis_word(own.evidence))):
            continue
        out.append(f)
    return out


def _basis_word(evidence: str) -> str | None:
    """The accounting basis a sentence names (`연결`, `별도`), if any."""
    m = _BASIS_WORD.search(evidence)
    return m.group(1) if m else None


_BASIS_WORD = re.compile(r"(연결|별도)\s?(?:재무제표\s?)?기준")
# the period before, named as the figure's own (`전 분기(9317억 원)`, `전 분기 당기순익이 4539억원`), not as a
# comparison base (`전년 동기 대비 31% 늘어난 3900억 원`)
_PRIOR_PERIOD = re.compile(rf"(?:{_PREVIOUS_QUARTER.pattern}|전년\s?동기|전년|지난해|작년)"
                           r"(?!\s?(?:동기\s?)?(?:대비|보다|에\s?비해))")
_SENTENCE_TAIL = re.compile(r"[.?!]\s|\n")
# a period's figure set beside its running total (`1~3분기 누적 순이익 … 3분기에만 1조2386억 원`): both stand
_SPAN_SCOPE = re.compile(r"누적|누계|연간|에만|단기|분기\s?순|반기|\d\s?[~∼-]\s?\d\s?분기")


def _one_digit(value: float) -> bool:
    """One significant digit: 1조, 3000억, 1만."""
    return value != 0 and float(value).is_integer() and _significant(value) == 1


def _drop_thresholds(text: str, facts: list[Fact]) -> list[Fact]:
    """A round figure passed (`연간 영업이익은 사상 최초로 30조원을 달성`) is a threshold when the article
    gives the company's exact figure of the same metric just above it (36조7700억원); the period of a
    threshold is often left to the context (`매출액이 1조원을 넘었다고 발표했다`), so it is not compared."""
    out = []
    for f in facts:
        if _round(f.value) and _MILESTONE_AFTER.match(text, f.end):
            continue  # `'매출 300조원 시대'`, `1조 클럽`: a milestone's name, never the company's figure
        if _round(f.value) and (f.qualifier in ("gt", "gte") or _THRESHOLD_AFTER.match(text, f.end)):
            exact = [g for g in facts if g is not f and g.company_name == f.company_name and g.metric == f.metric
                     and not _round(g.value)
                     and abs(f.value) <= abs(g.value) <= 1.5 * abs(f.value)]
            # a money threshold the sentence does not tie to a company itself (`3년 연속 영업이익이 1조원을
            # 넘긴`); a user or download milestone (`누적 다운로드 180만건을 돌파`) is the figure news gives
            if exact or (f.metric in FLOW_METRICS and _attribution_rule(f) in _DISCOURSE and _one_digit(f.value)
                         and not f.is_forecast):  # (a target `매출 1000억원 달성을 목표로` stays, as a forecast)
                continue
            # `매출 1조원을 넘긴 기업은 …`: a money figure said to be passed is a club, not the company's figure
            if f.metric in FLOW_METRICS and _one_digit(f.value) and f.qualifier in ("gt", "gte") and not f.is_forecast:
                continue
        out.append(f)
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple[str, int, int, str | None]] = set()
    out: list[Fact] = []
    for f in facts:
        # (a figure read twice keeps its first reading; one stated for two companies keeps both)
        key = (f.metric, f.start, f.end, f.company_name if "|attr:shared|" in f.rule else None)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def companies_of(text: str) -> CompanyIndex:
    """Company index of a text (exposed for `newsfacts explain` and tests)."""
    return discover_companies(text)
