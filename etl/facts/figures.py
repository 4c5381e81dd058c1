"""Which numbers of a sentence are metric figures, and of which metric.

`metrics.classify` reads one number against the cues around it. A sentence also has structure that
one number alone does not show:
- cue lists paired with figure lists, in order (`매출액과 당기순이익은 12조4435억원과 5728억원`,
  `영업손실과 순손실이 각각 35억원과 30억원`): the first figure is the first cue's, and so on;
- figure lists after one cue (`영업이익 상위 기업은 포스코켐텍(306억원), 메가스터디(291억원), …`,
  `큐리언트 59억원, 바이오니아 55억원`): each item takes the cue of the list;
- a bare profit word in a clause set against a stated profit metric (`250억원의 적자를 기록했지만 …
  1226억원의 순이익을`): the figure is of that metric;
- several numbers read off one cue, of which only a series is kept (`A에서 B로`, `2016년 A … 2021년
  B`), not thresholds (`52억원으로 처음 50억원을 넘었다`) or conversions (`3500만 달러(약 480억원)`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

import regex as re

from etl.facts.companies import NAME_GLOSS, PRODUCT_SUBJECT, CompanyIndex, CompanyMention, names_product
from etl.facts.metrics import CHANGED, Classification, CueHit, classify, cue_changes, fits_unit, is_change, plausible
from etl.records import Mention

_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*(?:약|대략|한화)?\s*")
_CHAINED_GAP = re.compile(r"\s*에서")
# a bracket opened right after a figure for its conversion: `(당시 한화 약 `
_CONVERSION_OPEN = re.compile(r"\s?[(\[]\s?(?:당시\s?)?(?:한화\s?)?(?:약\s?)?")
# a date's figure written as what was recorded then: `2023년에 기록했던 2120억원`
_RECORDED_IN = re.compile(r"\s?에\s?(?:기록|달성)(?:한|했던|됐던)\s")
RESPECTIVELY = re.compile(r"각각|각기|(?<![가-힣])각(?=\s\d)")
# a company right before its figure: `하나은행이 9042억원`, `KT는 266만명`, `씨젠(3381억원)`
# (a stock code may stand between the name and its particle: `KT(030200)가`)
_OWNER_GAP = re.compile(
    r"\s?(?:은|는|이|가|도)?\s*(?:[(\[]\s?\d{6}\s?[)\]]\s*(?:은|는|이|가|도)?\s*)?[(\[]?\s?(?:약\s?)?")
# the company's earlier figure as the base of a comparison: `전년(275억원)보다`, `전년 동기 735억원 대비`
_BASE_BEFORE = re.compile(
    r"(?:전년|작년|지난해|전\s?분기|전기|동기|컨센서스|예상치|전망치|추정치|시장\s?예상"
    r"|[1-4](?:[./·]4)?\s?분기|상반기|하반기|\d{4}\s?년)"  # (`2분기(4802억원)보다`, `2021년 1조원 대비`)
    # (`작년 말의 5만5천379명보다`)
    r"\s?(?:동기|같은\s?기간|말)?\s?(?:의\s?)?(?:에\s?기록한\s?)?[(\s]?$"
)
_BASE_AFTER = re.compile(r"\)?\s?(?:보다|대비|에\s?비해|과\s?비교|와\s?비교)")
_EARLIER = re.compile(r"전년|지난해|작년|전\s?분기|전기|동기|같은\s?기간")
# between the items of a list: `, `, `와 `, `및 `, `·`
_LIST_GAP = re.compile(r"\s*(?:,|와|과|및|·)?\s*")
# between the cues of a cue list (`매출액과 당기순이익은`, `매출, 영업이익, 순이익이`)
_CUE_JOIN = re.compile(r"\s?(?:과|와|및|,|·|/)\s?")
# after a cue list, before its figures: the particle, `각각`, a scope or period word or two
_CUE_LIST_TAIL = re.compile(r"\s?(?:은|는|이|가|도|을|를)?\s?(?:각각\s?|각기\s?)?(?:[^\s\d]{1,12}\s){0,3}")
# between two figures of a figure list: `과 `, `, `, `(12%), `
# a sentence end between a cue list and the figures (a comparison's `보다` is none)
_CLAUSE_END = re.compile(r"[.?!]\s|(?<!보)다\s")
# (a comma stripped from the text leaves two spaces: `1조7798억원  1373억원`)
_FIGURE_JOIN = re.compile(r"\s?(?:\([^()]{0,20}\))?(?:\s?(?:과|와|및|,|·|/)\s?|\s{2,3})(?:약\s?)?")
# between two items of a company list: `), 메가스터디(`, `, 바이오니아 `, `) LG디스플레이(034220)(`
_ITEM_GAP = re.compile(
    # the figure's change rate, `(660억원, 340%↑)`, or its share, `653만명(42.0%)`
    # (`(전년 대비 10.5%↑)`)
    r"(?:\s?,\s?[-+]?[\d.]+\s?%\s?[↑↓▲▼]?|\s?\(\s?(?:전년\s?(?:동기\s?)?대비\s?)?[-+]?[\d.]+\s?%\s?[↑↓▲▼]?\s?\))?"
    # (the item's rank before its name: `, 4위 한미약품(3571억원`, `, 4위는 기아 (36,884명)`)
    r"[\s)\]]*(?:이며|이고)?(?:[,·]|및|와|과)?\s*(?:\d{1,3}\s?위(?:는|은)?\s)?(?P<name>[^\s,()\[\]]{1,25}(?:\s[A-Z][A-Za-z0-9&]*){0,2})\s*"
    rf"(?:{NAME_GLOSS}\s*(?:은|는|이|가)?\s*)?[(\[]?\s?"
    # two companies sharing the figure: `진에어와 이스타항공 각각 131억원`
    r"(?:(?<=[와과·]\s?)[^\s,()\[\]]{1,25}?(?:은|는|이|가|도)?\s각각\s?)?"
    rf"(?:(?<=의\s){PRODUCT_SUBJECT}\s)?"  # its product: `국민은행의 KB스타뱅킹이 1126만명`
    r"(?:(?:전년|전년\s?동기|지난해|작년)\s?(?:대비|보다)\s?)?"  # its change: `전년 대비 53.5% 증가한 2720억원`
    # (or by an amount: `카카오뱅크는 98억 원 감소한 570억 원`)
    rf"(?:[-+]?[\d.,]+\s?(?:%|[조억만천]\s?(?:[\d,.]+\s?[억만천]?\s?)?원?)\s?{CHANGED}\s?)?"
    r"(?:약\s?)?"
)


def sentence_figures(
    text: str, start: int, end: int, numbers: Sequence[Mention], hits: list[CueHit], dates: Sequence[Mention],
    companies: CompanyIndex,
) -> list[tuple[Mention, Classification]]:
    """The metric figures among a sentence's numbers, in order."""
    read = {n.start: classify(text, start, end, n.start, n.end, n.unit, hits)[0] for n in numbers}
    _pair_cue_lists(text, numbers, hits, read)
    _paired_bases(text, start, end, numbers, read)
    _items_before_cue(text, numbers, hits, read, companies)
    _dated_items_before_cue(text, numbers, dates, read)
    _continue_lists(text, numbers, read, dates, companies)
    _dated_series(text, numbers, read, dates)
    _contrasted_profits(text, numbers, read)
    _included_parts(text, numbers, read)
    found = [(n, cls) for n in numbers if (cls := read[n.start]) is not None and plausible(cls.metric, n.unit, n.value)]
    found = _rated_changes(text, end, found)
    # (`각각 9145억원, 9949억원을 달성한 만큼 1조원 고지를 밟을`: a milestone's name is no item of the list)
    found = [(n, cls) for n, cls in found if not (_MILESTONE.match(text, n.end) and round_value(n.value))]
    return _drop_repeats(text, found, dates, companies, _SAME_PERIOD_OPENING.match(text, start, end) is not None)


# a figure's rate of change in brackets right after it: `72명(2.4%)`
_RATE_BRACKET = re.compile(r"\s?\(\s?[-+]?\d[\d.]*\s?%\s?\)")


def _rated_changes(text: str, end: int, found: list[tuple[Mention, Classification]]
                   ) -> list[tuple[Mention, Classification]]:
    """`KB증권 임직원 수는 72명(2.4%), 한양증권과 신한투자증권은 각각 50명(9.7%), 48명(1.8%) 감소한`: figures each
    with its rate in brackets, the last of them a change, are all changes (with no change after the last,
    `A 577만명(19.5%), B 390만명(13.2%) 순`, the brackets are shares)."""
    rated = {n.start: (n, m) for n, _ in found if (m := _RATE_BRACKET.match(text, n.end))}
    if len(rated) < 2:
        return found
    _, bracket = rated[max(rated)]
    if not is_change(text, bracket.end(), end):
        return found
    units = {n.unit for n, _ in rated.values()}
    return [(n, c) for n, c in found if not (n.unit in units and n.start in rated)]


def _dated_items_before_cue(text: str, numbers: Sequence[Mention], dates: Sequence[Mention],
                            read: dict[int, Classification | None]) -> None:
    """`지난해 240억 원 및 올해 1~3분기 254억 원의 영업손실`: dated figures joined before the cue all take it."""
    ends = {d.end for d in dates}
    starts = {d.start for d in dates}
    valued = [n for n in numbers if n.unit is not None]  # (`1~3분기` holds numbers too)
    for k in range(len(valued) - 2, -1, -1):
        n, m = valued[k], valued[k + 1]
        after = read.get(m.start)
        if read.get(n.start) is not None or after is None or after.direction != "after" or n.unit != m.unit:
            continue
        join = _DATED_JOIN.fullmatch(text, n.end, m.start)
        dated_before = any(_DATE_GAP.fullmatch(text, e, n.start) for e in ends if n.start - 3 <= e <= n.start)
        if join and dated_before and any(join.start(1) <= d < m.start for d in starts):
            read[n.start] = replace(after, reason=f"a dated item joined to the figure taking the cue '{after.cue}'")


# `… 240억 원 및 올해 1~3분기 `: a join, then the next item's date
_DATED_JOIN = re.compile(r"\s?(?:및|과|와|,|·)\s?(\S.{0,18}?)\s?")
_DATE_GAP = re.compile(r"\s?")


def _pair_cue_lists(text: str, numbers: Sequence[Mention], hits: list[CueHit],
                    read: dict[int, Classification | None]) -> None:
    """`매출액과 당기순이익은 12조4435억원과 5728억원으로`: the k-th figure is the k-th cue's."""
    cues = sorted((h for h in hits if h.cue.role == "cue"), key=lambda h: h.start)
    i = 0
    while i < len(cues):
        run = [cues[i]]
        while i + len(run) < len(cues):
            nxt = cues[i + len(run)]
            if nxt.start < run[-1].end or not _CUE_JOIN.fullmatch(text, run[-1].end, nxt.start):
                break
            run.append(nxt)
        i += len(run)
        if len(run) == 1:
            _pair_with_other_noun(text, numbers, run[0], read)
            continue
        if len({h.cue.metric for h in run}) < len(run):
            continue
        tail = _CUE_LIST_TAIL.match(text, run[-1].end)
        pos = tail.end() if tail else run[-1].end
        metrics = [h.cue.metric for h in run]
        figures = _figure_run(text, numbers, pos, len(run), metrics)
        # (and the earlier levels listed before it: `각각 -9396억원, -1조3618억원이던 영업이익과 당기순이익이`)
        for n, h in zip(_figures_before(text, numbers, run[0].start, len(run), metrics), run, strict=False):
            read[n.start] = _respective(h, f"the {run.index(h) + 1}. figure of a list before the cue list")
        if figures and is_change(text, figures[-1].end, len(text)):
            continue  # `매출과 영업이익이 각각 1870억원과 310억원 늘면서`: changes, not levels
        for n in numbers:  # (conversions bracketed between the paired figures are none of them)
            if figures and figures[0].start < n.start < figures[-1].start and n not in figures:
                read[n.start] = None
        for n, h in zip(figures, run, strict=False):
            cue_list = text[run[0].start:run[-1].end]
            read[n.start] = _respective(h, f"the {run.index(h) + 1}. figure of a list paired with the cue list "
                                           f"'{cue_list}'")


# `각각 전년(`: the earlier levels of the figures before it, listed in their order
_RESPECTIVE_BASES = re.compile(r"각각\s?(?:전년|전년\s?동기|지난해|작년|전\s?분기|직전\s?분기)\s?\(?\s?")


_EARLIER_LIST = re.compile(r"(?:지난해|작년|전년)\s?(?:같은\s?기간|동기)(?:의|인)?\s?")


def _paired_bases(text: str, start: int, end: int, numbers: Sequence[Mention],
                  read: dict[int, Classification | None]) -> None:
    """`매출 10조원, 영업이익 1조원을 기록해 각각 전년(9조원, 8천억원) 대비 …`: the k-th base in the
    brackets is the earlier level of the k-th figure before 각각, of its metric."""
    # (or a list of the earlier period's figures after the list: `각각 1조751억원, 11억원으로 지난해 같은기간의
    # 1조1천226억원, 1천106억원에 비해`)
    heads = [*(_RESPECTIVE_BASES.finditer(text, start, end) if "각" in text[start:end] else ()),
             *_EARLIER_LIST.finditer(text, start, end)]
    for m in heads:
        before = [n for n in numbers if n.end <= m.start() and read.get(n.start) is not None]
        after = [n for n in numbers if n.start >= m.end()]
        if len(before) < 2 or not after:
            continue
        first = after[0]
        if text[m.end():first.start].strip() not in ("", "약"):
            continue
        metrics = [read[n.start].metric for n in before]  # type: ignore[union-attr]
        for k in range(min(len(metrics), 4), 1, -1):
            wanted = metrics[-k:]
            if len(set(wanted)) < k:
                continue
            bases = _figure_run(text, numbers, first.start, k, wanted)
            if bases:
                for j, (n, fig) in enumerate(zip(bases, before[-k:], strict=True), start=1):
                    cls = read[fig.start]
                    assert cls is not None
                    read[n.start] = replace(cls, direction="respective", reason=(
                        f"the {j}. earlier level after '각각', of the {cls.metric} figure before it"))
                break


# a noun joined before a cue (`경상이익과 영업이익은 각각`): it takes the first figure of the pair
_NOUN_JOINED_BEFORE = re.compile(r"(?<![가-힣A-Za-z])[가-힣A-Za-z]{2,10}(?:과|와)\s$")


def _pair_with_other_noun(text: str, numbers: Sequence[Mention], hit: CueHit,
                          read: dict[int, Classification | None]) -> None:
    """`경상이익과 영업이익은 각각 3727억원, 3127억원`: of two figures listed after 각각, the cue takes the
    second; the first is the other noun's, not this metric's."""
    if not _NOUN_JOINED_BEFORE.search(text, max(0, hit.start - 14), hit.start):
        return
    tail = _CUE_LIST_TAIL.match(text, hit.end)
    if tail is None or not RESPECTIVELY.search(tail.group()):
        return
    figures = _figure_run(text, numbers, tail.end(), 2, [hit.cue.metric, hit.cue.metric])
    if not figures:
        return
    read[figures[0].start] = None
    read[figures[1].start] = _respective(
        hit, f"the 2. figure of a list paired with '{text[max(0, hit.start - 14):hit.end]}' (the cue is the 2. noun)")


def _respective(hit: CueHit, reason: str) -> Classification:
    """The classification of a figure paired in order with a cue of a list (`각각`)."""
    return Classification(hit.cue.metric, hit.cue.cue, hit.start, hit.end, hit.cue.weight,
                          hit.cue.cue in _negative_cues(), "respective", reason)


# a company's figures in parentheses: `액션스퀘어(109명→57명)`, `신흥(909억원)`, at most OWNER_REACH
# characters after the name (a stock code may stand between); names are at most MAX_NAME long
OWNER_REACH = 24  # (`종근당이 전년 대비 1.6% 감소한 2396명`: a change may stand between; the gap patterns bound it)
MAX_NAME = 60
_PAREN_OWNER_GAP = re.compile(r"\s*(?:[(\[]\s?\d{6}\s?[)\]]\s?)?['’\"”]?\s?\(\s?(?:약\s?)?")
# `SK텔레콤이 2218만명, KT가 1248만명, LG유플러스가 1165만명의 4G 가입자를`: each company is its figure's subject
# (`종근당이 전년 대비 1.6% 감소한 2396명`: the change it reached the level by may stand between)
# (or its share of a total named before: `SK텔레콤은 이 중 46.99%인 2781만5738명을`)
_SUBJECT_OWNER_GAP = re.compile(
    r"(?:이|가|은|는)\s(?:(?:전년|지난해|작년)?\s?(?:동기\s?)?(?:대비|보다)?\s?[\d.]+\s?%\s?"
    rf"(?:{CHANGED}|늘어|줄어|증가해|감소해)\s"
    r"|(?:이\s?중\s|그\s?중\s|이\s?가운데\s)?[\d.]+\s?%\s?인\s)?")
# from the last item of a list to the cue after it: the particle and a few words, no figure, no clause end
# (a counted word may stand among them: `… 등 13곳의 직원 수가`)
_LIST_TO_CUE = re.compile(
    r"(?:[^\d()]{0,6}\([^()]{0,30}\))*\s?\)?\s?(?:도|가|이|은|는|와|과|의|까지|으로|로|을|를)?\s"
    # (past the round bound the list's figures pass: `3549억 원으로 3000억 원 이상의 매출을`)
    r"(?:(?:\d{0,3}[^\s\d]+|\d{1,4}년|\d{1,4}\s?[조억만천](?=\s?(?:원\s)?(?:이상|대)))\s){0,4}"
)


# between a pair's second level and the change it makes: `8193억원으로 7680억원(48.4%)`
_PAIR_DELTA = re.compile(r"\s?(?:으로|로)\s?")
# a bulleted item, the company and its figure: `△한미약품 2161억원`
_BARE_OWNER_GAP = re.compile(r"\s{1,2}(?:약\s?)?")
_BULLETS = "△▲▷▶•■□◆◇"
_LIST_COMMA_BEFORE = re.compile(r",\s?$")
_LIST_COMMA_AFTER = re.compile(r"\s?,")


def _listed_with_delta(text: str, name_start: int, num_end: int) -> bool:
    """The name and its figure are an item of a comma list, the figure's change bracketed after it."""
    # (or its rate of change: `유한양행 1825명(6.3%), 동아에스티 1530명(2.1%)`)
    gloss = _DELTA_GLOSS.match(text, num_end) or _RATE_BRACKET.match(text, num_end)
    return gloss is not None and (_LIST_COMMA_BEFORE.search(text, max(0, name_start - 3), name_start) is not None
                                  or _LIST_COMMA_AFTER.match(text, gloss.end()) is not None)
_BULLET_BEFORE = re.compile(rf"[{_BULLETS}]\s?$")
_BULLETED_ITEM = re.compile(rf"[{_BULLETS}]\s?[^\s{_BULLETS}]{{1,20}}\s{{1,2}}(?:약\s?)?$")


# a bracket holding the signed change of the figure before it: `352명(+40명)`
_DELTA_GLOSS = re.compile(r"\s?\(\s?[-+−▲▼△▽]\s?[\d,.]+\s?[가-힣]{0,2}\s?\)")
# a milestone's name (`매출 10조 클럽`, `1조 시대`): no figure of a company's own
_MILESTONE = re.compile(r"\s?['‘’]?\s?(?:원\s?)?(?:대의|대|의)?\s?(?:클럽|시대|고지)")


def round_value(value: float | None) -> bool:
    """One or two significant digits (`1조`, `1500만`), as a milestone's figure is."""
    return bool(value) and float(value).is_integer() and len(str(int(abs(value))).rstrip("0")) <= 2  # type: ignore[arg-type]


# a round figure the cue's items passed (`… 13곳의 직원 수가 1만명이 넘었다`): no figure of the cue's own
_PASSED = re.compile(r"\s?(?:이|을|를)?\s?(?:넘|돌파|웃돌)")


def _passed(text: str, n: Mention) -> bool:
    """A round figure passed (`2000명을 넘었다`; the number's own text may hold the verb)."""
    return _PASSED.match(text, n.end) is not None or n.qualifier in ("gt", "gte")


def _items_before_cue(text: str, numbers: Sequence[Mention], hits: list[CueHit],
                      read: dict[int, Classification | None], companies: CompanyIndex) -> None:
    """`액션스퀘어(109명→57명), 드래곤플라이(58명→25명)도 … 직원이 … 감소했다`: the figures of a list of
    companies take the cue that follows the list."""
    cues = [h for h in hits if h.cue.role == "cue"]
    if not cues:
        return
    def owned(n: Mention) -> bool:
        near = companies.in_span(max(0, n.start - OWNER_REACH - MAX_NAME), n.start)
        return any(
            _PAREN_OWNER_GAP.fullmatch(text, m.end, n.start) or _SUBJECT_OWNER_GAP.fullmatch(text, m.end, n.start)
            or (_BARE_OWNER_GAP.fullmatch(text, m.end, n.start) and (
                _BULLET_BEFORE.search(text, max(0, m.start - 3), m.start)
                # (an item of a comma list whose figure glosses its change: `A 352명(+40명), B 587명(+24명)`)
                or _listed_with_delta(text, m.start, n.end)))
            # (the blanked page clutter between them does not count: `△대한항공 (22,450원 ▼200 -0.88%)(13조원)`)
            for m in near if n.start - m.end - text.count(" ", m.end, n.start) <= OWNER_REACH)

    items: list[Mention] = []
    glossed: set[int] = set()  # items whose change a bracket after them gives
    tail = 0  # where the last item ends, with its pair's change (`1조5873억원에서 8193억원으로 7680억원(48.4%)`)
    for n in numbers:
        if items and "from-to:second" in items[-1].rule and _PAIR_DELTA.fullmatch(text, items[-1].end, n.start) \
                and (rate := _RATE_BRACKET.match(text, n.end)):
            tail = rate.end()
            continue
        cls = read.get(n.start)
        if cls is not None:
            if items and cls.direction == "after" and (owned(n) or _BULLETED_ITEM.search(text, max(0, n.start - 24),
                                                                                       n.start)):
                items.append(n)  # `△A 2161억원 △B 1480억원 … △F 322억원의 영업이익`: the last item takes the cue
                break
            # (a round figure passed after the cue ends no list, nor does a milestone's name, `매출 10조 클럽`)
            if not _passed(text, n) and not _MILESTONE.match(text, n.end):
                items = []
            continue
        if (owned(n) and not is_change(text, n.end, len(text))) or ("from-to:second" in n.rule and items):
            items.append(n)  # (not a change: `X는 304명을 줄여 직원 수가 …`)
            continue
        if items and _DELTA_GLOSS.fullmatch(text, items[-1].end, n.end + 1):
            tail = n.end + 1
            glossed.add(items[-1].start)  # `KTB투자증권 352명(+40명), …`: the item's change in brackets after it
            continue
        if items and n.unit != items[-1].unit:
            continue  # `… 등 13곳의 직원 수가`: a count of another unit after the list does not end it
        if items and any(max(items[-1].end, tail) < h.start < n.start for h in cues):
            break  # `… 1522명(6.0%) 등으로 직원 수가 1000명을 넘는`: the list ended at its cue
        items = []
    if not items:
        return
    last = items[-1]
    last_end = max(last.end, tail)
    cue = next((h for h in cues if h.start > last_end), None)
    if cue is None or not _LIST_TO_CUE.fullmatch(text, last_end, cue.start):
        return
    if any(cue.end <= n.start <= cue.end + 8 and not _passed(text, n) and not _MILESTONE.match(text, n.end)
           for n in numbers):
        return  # `…도 1년 새 직원이 50명 이상 증가했다`: the cue has its own figure; the list's are changes
        # (not a milestone named after it: `… 등이 지난해 매출 10조 클럽에 합류했다`)
    # `A(109명→57명)도 직원이 감소했다`, `A 352명(+40명), B 1443명(+27명) 등 … 증가했다`: the levels of a change
    levels = all("from-to" in n.rule or n.start in glossed for n in items)
    hired = any(h.cue.role == "trap" and h.cue.metric == cue.cue.metric and cue.end <= h.start <= cue.end + 8
                for h in hits)
    if (not levels and cue_changes(text, cue.end, len(text))) or hired:
        return  # `A(1885명), B(1819명) 등 순으로 직원 수가 많아졌다`, `… 인력을 채용했다`: changes, hires
    for n in items:
        if fits_unit(cue.cue.metric, n.unit) and plausible(cue.cue.metric, n.unit, n.value):
            read[n.start] = Classification(
                cue.cue.metric, cue.cue.cue, cue.start, cue.end, cue.cue.weight, cue.cue.cue in _negative_cues(),
                "list", f"an item of a list of companies' figures followed by the cue '{cue.cue.cue}'",
            )


# how far after a cue list its figures may start
# (`영업이익과 순이익도 각각 전년 동기 대비 600%가량 급증한 398억원, 337억원`)
FIGURE_RUN_REACH = 60


def _figure_run(text: str, numbers: Sequence[Mention], pos: int, k: int, metrics: list[str]) -> list[Mention]:
    """k figures after `pos` (past words and numbers of other units: `600%가량 급증한`) joined as a list,
    each fitting its metric."""
    first = next((n for n in numbers if n.start >= pos and fits_unit(metrics[0], n.unit)), None)
    if first is None or first.start - pos > FIGURE_RUN_REACH or _CLAUSE_END.search(text, pos, first.start):
        return []
    run = [first]
    for n in numbers:
        if len(run) == k:
            break
        if n.start <= run[-1].start:
            continue
        if _CONVERSION_OPEN.fullmatch(text, run[-1].end, n.start):
            continue  # `759억엔(당시 한화 약 7980억원), 298억엔`: the conversion of the figure before
        if not _FIGURE_JOIN.fullmatch(text, run[-1].end, n.start):
            break
        run.append(n)
    if len(run) != k or not all(fits_unit(m, n.unit) for n, m in zip(run, metrics, strict=True)):
        return []
    return run


# a figure list modifying the cue list after it: `각각 -9396억원, -1조3618억원이던 영업이익과 당기순이익이`
_BEFORE_CUES = re.compile(r"\s?(?:이던|였던|이었던|인)\s")


def _figures_before(text: str, numbers: Sequence[Mention], pos: int, k: int, metrics: list[str]) -> list[Mention]:
    """k figures joined as a list right before `pos`, after 각각, ending in a relative copula (`…억원이던`)."""
    before = [n for n in numbers if n.end <= pos][-k:]
    if (len(before) != k or not _BEFORE_CUES.fullmatch(text, before[-1].end, pos)
            or not RESPECTIVELY.search(text, max(0, before[0].start - 8), before[0].start)
            or not all(_FIGURE_JOIN.fullmatch(text, a.end, b.start) for a, b in pairwise(before))
            or not all(fits_unit(m, n.unit) for n, m in zip(before, metrics, strict=True))):
        return []
    return before


def _negative_cues() -> frozenset[str]:
    from etl.facts.metrics import metric_rules

    return metric_rules().negative_cues


def _continue_lists(text: str, numbers: Sequence[Mention], read: dict[int, Classification | None],
                    dates: Sequence[Mention], companies: CompanyIndex) -> None:
    """`포스코켐텍(306억원), 메가스터디(291억원)`: a figure after the name of the next item of a list takes
    the cue of the figure before it (the name must be a company or a date of the list)."""
    spans = [(m.start, m.end) for m in companies.mentions] + [(d.start, d.end) for d in dates]
    prev: Mention | None = None
    carried: Classification | None = None  # the list's reading, past an item whose name is not known
    for n in numbers:
        cls = read.get(n.start)
        pcls = (read[prev.start] or carried) if prev is not None else None
        if cls is None and pcls is not None and not fits_unit(pcls.metric, n.unit):
            continue  # a rate inside the next item (`하나캐피탈이 53.5% 증가한 2720억원`) does not end the list
        if prev is not None and pcls is not None and is_change(text, n.end, len(text)):
            read[n.start] = None
            continue  # and so does the change by an amount (`카카오뱅크는 98억 원 감소한 570억 원`)
        # an item not read, or read off the same cue as the item before (kept as a list, not a repeat)
        if (prev is not None and pcls is not None and cls is None and "from-to:second" in n.rule
                and "from-to:first" in prev.rule and fits_unit(pcls.metric, n.unit)
                and (_ARROW_GAP.fullmatch(text, prev.end, n.start)
                     # (`2019년 2548만명에서 2022년 4월 3066만명까지`; not inside a 각각 list, whose pairs differ)
                     or (_FROM_GAP.fullmatch(text, prev.end, n.start)
                         and not RESPECTIVELY.search(text, max(0, prev.start - 60), prev.start)))):
            # `인프라웨어(12억 원 → -16억 원)`: the level an item's change reached is read as its first
            read[n.start] = replace(pcls, direction="list", reason=f"{pcls.reason}; the level after '{prev.text}'")
            carried, prev = None, n
            continue
        if prev is not None and pcls is not None and (cls is None or cls.cue_start == pcls.cue_start):
            gap = _ITEM_GAP.fullmatch(text, prev.end, n.start) or _date_item(text, prev.end, n.start, dates)
            if gap is not None and gap.groupdict().get("product") and not names_product(gap["product"]):
                gap = None  # `B의 매출은 200억원`: a figure of its own cue, no item of the list
            if gap is not None and fits_unit(pcls.metric, n.unit):
                a, b = gap.start("name"), gap.end("name")
                # the item's name is a company, or a date (`2021년 1조원, 2022년 1.2조원`)
                if any(s < b and a < e for s, e in spans if prev.end <= s < n.start):
                    read[n.start] = replace(pcls, direction="list",
                                            reason=f"{pcls.reason}; the next item of a list after '{prev.text}'")
                elif cls is None and ("(" in text[b : n.start] or _PLAIN_ITEM.fullmatch(text, a, n.start)):
                    # `…, 조이맥스(146억원), 데코네티션(140억원)`, `…, 일동 1442명, JW중외제약 1185명`: an item no
                    # company was found for goes without a figure, and the list goes on after it
                    carried, prev = pcls, n
                    continue
        carried = None
        prev = n


# an item of a list written plainly, a name and its figure: `, 일동 1442명`
_PLAIN_ITEM = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,11}\s(?:약\s?)?")
# the arrow of a change written inside a list's item: `(12억 원 → -16억 원)`
_ARROW_GAP = re.compile(r"\s?(?:→|->|⇒)\s?")
# the start of a change, then the date of the level it reached: `에서 2022년 4월 `
_FROM_GAP = re.compile(r"\s?에서\s?(?:\d{2,4}\s?년\s?)?(?:\d{1,2}\s?월\s?(?:말\s?)?|[1-4]\s?분기\s?(?:말\s?)?)?")
# between the items of a dated series: `87년 2만2천612명, 88년 3만9천354명`
_SERIES_GAP = re.compile(r"\s?(?:,|·|및|와|과)?\s?")
SERIES_DATE_GAP = 2


def _dated_series(text: str, numbers: Sequence[Mention], read: dict[int, Classification | None],
                  dates: Sequence[Mention]) -> None:
    """`임직원 수는 78년(1만1천504명) … 87년 2만2천612명, 88년 3만9천354명, 89년 4만3천88명으로`: a run of
    dated figures too far from the cue continues the metric an earlier figure of the sentence took."""
    years = [d for d in dates if d.grain == "year"]
    dated = [(n, d) for n in numbers if read.get(n.start) is None
             and (d := next((y for y in years if y.end <= n.start <= y.end + SERIES_DATE_GAP), None)) is not None]
    runs: list[list[Mention]] = []
    for n, d in dated:
        if runs and n.unit == runs[-1][-1].unit and _SERIES_GAP.fullmatch(text, runs[-1][-1].end, d.start):
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        base = next((c for m in reversed(numbers) if m.end <= run[0].start and (c := read.get(m.start)) is not None
                     and fits_unit(c.metric, run[0].unit)), None)
        if len(run) >= 2 and base is not None:
            for m in run:
                read[m.start] = replace(base, direction="list", reason=f"{base.reason}; an item of a dated series")


# `3분기 1조1219억원을 포함한 누적 순이익 2조8494억원`, `3분기(8702억원)를 포함해 2조2438억원`: the part named first
_INCLUDED = re.compile(r"\s?\)?\s?(?:을|를)\s?포함(?:한|해|하여|하면)\s")
INCLUDED_REACH = 30


def _included_parts(text: str, numbers: Sequence[Mention], read: dict[int, Classification | None]) -> None:
    """A figure said to be included in the next one (a quarter in the year to date) is of the same metric, and
    so is the whole it is included in (`누적 당기순이익은 3분기(8702억원)를 포함해 2조2438억원`)."""
    for n, nxt in pairwise(numbers):
        cls = read.get(nxt.start)
        part = read.get(n.start)
        if n.unit != nxt.unit or (m := _INCLUDED.match(text, n.end)) is None or nxt.start - m.end() > INCLUDED_REACH:
            continue
        if part is None and cls is not None:
            read[n.start] = replace(cls, direction="included",
                                    reason=f"{cls.reason}; '{n.text}' is said to be part of '{nxt.text}'")
        elif part is not None and (cls is None or cls.cue_start == part.cue_start):
            read[nxt.start] = replace(part, direction="included",
                                      reason=f"{part.reason}; '{nxt.text}' is said to include '{n.text}'")


# a bare word for a profit or a loss right after a figure: `250억원의 적자를`, `6억원 적자를`, `80억원의 흑자를`
_BARE_PROFIT = re.compile(r"\s?(?:의\s?|씩\s?)?(?P<word>적자|흑자|이익|손실)(?=을|를|이|가|로|으로|에서|\s|$)")
# between the items of a list of figures sharing the word after the last (`343억원, 32억원, 15억원씩 손실을`)
_FIGURE_LIST_GAP = re.compile(r"\s?(?:,|·|및|와|과)\s?")
# two clauses set against each other: `…적자를 기록했지만 올해 …`, `…적자를 냈다가 …`
_CONTRAST = re.compile(r"(?:지만|다가|으나|였으나|었으나),?\s")
_PROFIT_METRICS = ("operating_profit", "net_income")


def _contrasted_profits(text: str, numbers: Sequence[Mention], read: dict[int, Classification | None]) -> None:
    """`지난해 1분기 250억원의 적자를 기록했지만 올해 1분기에는 1226억원의 순이익을 달성했다`: a figure with a
    bare profit word (적자, 흑자, 이익, 손실) in a clause set against one stating a profit metric is a figure of
    that metric (the word after it signs the value, as for any figure). Only where the sentence states one
    profit metric."""
    stated = {c.metric: (n, c) for n in numbers if (c := read.get(n.start)) is not None and c.metric in _PROFIT_METRICS}
    if len(stated) != 1:
        return
    other, cls = next(iter(stated.values()))
    for n in numbers:
        if read.get(n.start) is not None or not fits_unit(cls.metric, n.unit):
            continue
        bare = _BARE_PROFIT.match(text, n.end)
        lo, hi = (n.end, other.start) if n.end <= other.start else (other.end, n.start)
        if bare is None or _CONTRAST.search(text, lo, hi) is None:
            continue
        word = bare.group("word")
        read[n.start] = own = Classification(
            cls.metric, word, bare.start("word"), bare.end("word"), cls.weight, False, "after",
            f"'{word}' after the number, in a clause set against the {cls.metric} figure '{other.text}'",
        )
        # the items of a list before it share the word, and its sign: `A·B·C 등도 343억원, 32억원, 15억원씩
        # 손실을 기록했지만`
        k = last = numbers.index(n)
        while k > 0 and read.get(numbers[k - 1].start) is None and fits_unit(cls.metric, numbers[k - 1].unit) \
                and _FIGURE_LIST_GAP.fullmatch(text, numbers[k - 1].end, numbers[k].start):
            k -= 1
        if k < last:
            item = replace(own, direction="list", negative=word in ("적자", "손실"),
                           reason=f"{own.reason}; the items of a list sharing it")
            for x in numbers[k : last + 1]:
                read[x.start] = item


_DATE_ITEM_GAP = re.compile(r"[\s)\]]*(?:[,·]|및|와|과)?\s*(?P<name>\S.*?)\s*(?:께|경|기준)?\s*")


def _date_item(text: str, start: int, end: int, dates: Sequence[Mention]) -> re.Match[str] | None:
    """The gap before the next item of a dated list: `, 12월 말 ` in `3684명, 12월 말 3755명`."""
    m = _DATE_ITEM_GAP.fullmatch(text, start, end)
    if m is None:
        return None
    return m if any(d.start == m.start("name") and d.end >= m.end("name") - 2 for d in dates) else None


# `같은 기간 당기순손실은 69억원, 148억원, 88억원으로`: a list of figures over the years of the sentence before
_SAME_PERIOD_OPENING = re.compile(r"\s*(?:\S+\s)?(?:같은 기간|동기간|같은 시기)")
_COMMA_GAP = re.compile(r"\s?,\s*")
_OTHER_SCOPE = re.compile(r"(?:연결|별도|개별)\s?기준(?:으로는|으론|으로도)")


# `각각 전년동기 대비 11.6%와 22.2% 늘어난 195억 원, 87억 원`: the rates of a 각각 list before its levels
_RESPECTIVE_RATES_BEFORE = re.compile(
    rf"각각\s?(?:전년\s?(?:동기\s?)?(?:대비|보다)\s?)?(?:[-+]?\d[\d.]*\s?%\s?(?:,|와|과)?\s?)+{CHANGED}\s?$")


# (a stock code may follow each name: `심텍홀딩스(036710), 바이오니아(064550) 등도`)
COORDINATOR = re.compile(r"(?:\s?\(\d{6}\))?\s?(?:와|과|,|·|및)\s?")
_SUBJECT_AFTER = re.compile(r"(?:\s?\(\d{6}\))?\s?(?:등)?(?:(?:은|는|이|가|도)\s|\s(?:또한|역시)\s)")


def coordinated_subject(text: str, companies: CompanyIndex, start: int, end: int) -> list[CompanyMention]:
    """The companies coordinated as the subject of the clause before `end` (`A와 B는`, `A, B 또한`), the last
    such run after `start`; empty when the last company before `end` heads no coordinated subject."""
    before = companies.in_span(start, end)
    chain: list[CompanyMention] = []
    for m in before:
        if chain and not COORDINATOR.fullmatch(text, chain[-1].end, m.start):
            chain = []
        chain.append(m)
    if len(chain) < 2 or len({m.name for m in chain}) != len(chain) or not _SUBJECT_AFTER.match(text, chain[-1].end):
        return []
    return chain


def _drop_repeats(
    text: str, found: list[tuple[Mention, Classification]], dates: Sequence[Mention], companies: CompanyIndex,
    same_period: bool = False,
) -> list[tuple[Mention, Classification]]:
    """Of several numbers read off one cue, keep the series (`A에서 B로`, `2016년 A … 2021년 B`), the figures
    of other companies (`…8595억원으로 늘었고, 하나은행이 9042억원`) and a figure after the company's earlier one
    (`전년(275억원)보다 3배 증가한 818억원`), and drop thresholds (`52억원으로 처음으로 50억원을 넘었다`) and
    conversions (`3500만 달러(약 480억원)`)."""
    out: list[tuple[Mention, Classification]] = []
    listing = False  # the last figure kept is an item of a 각각 list (`각각 317억4300만원, 206억2500만원, …`)
    for n, cls in found:
        if out and out[-1][1].cue_start == cls.cue_start and "included" not in (cls.direction, out[-1][1].direction) \
                and cls.direction not in ("carried", "list", "respective"):
            prev = out[-1][0]
            gap = text[prev.end : n.start]
            # (a 각각 list pairs its foreign figures with its cues: there the conversions stay out)
            into_won = (prev.unit not in (None, "KRW") and n.unit == "KRW"
                        and not RESPECTIVELY.search(text, max(0, prev.start - 60), prev.start))
            if _CONVERSION_GAP.fullmatch(gap) or (into_won and gap.isspace()):
                # a conversion into another currency (stripped of its bracket, `4234억엔  3조9323억원`); of a
                # foreign figure and its conversion into won both are kept: the reported figure, and the won
                # one the warehouse's other values are in
                if into_won:
                    out.append((n, cls))
                continue
            chained = bool(_CHAINED_GAP.match(gap)) or "from-to" in prev.rule
            paired = any(d.end <= n.start and d.start >= prev.end and (
                n.start - d.end <= 4 or _RECORDED_IN.fullmatch(text, d.end, n.start)) for d in dates)
            listed = (((listing or bool(RESPECTIVELY.search(text, prev.start - 12, prev.start))
                        # (the rates of a 각각 list of companies: `A와 B도 각각 11.6%와 22.2% 늘어난 195억 원, 87억 원`)
                        or (bool(_RESPECTIVE_RATES_BEFORE.search(text, max(0, prev.start - 60), prev.start))
                            and len({m.name for m in companies.in_span(max(0, prev.start - 90), prev.start)}) > 1))
                       and bool(_LIST_GAP.fullmatch(gap)))
                      or (same_period and bool(_COMMA_GAP.fullmatch(gap)))
                      # `A와 B 또한 영업이익 7355억원, 7339억원을`: a coordinated subject lists its figures
                      or (bool(_COMMA_GAP.fullmatch(gap))
                          and len(coordinated_subject(text, companies, max(0, prev.start - 60), prev.start)) > 1))
            # `1121억원으로 전년동기에 기록한 854억원보다`: the company's own earlier figure; and the one after it
            earlier = bool(_EARLIER.search(text, max(prev.end, n.start - 14), n.start)) or (
                bool(_BASE_BEFORE.search(text, max(0, prev.start - 10), prev.start))
                and bool(_BASE_AFTER.match(text, prev.end)))
            owned = any(_OWNER_GAP.fullmatch(text, m.end, n.start) for m in companies.in_span(prev.end, n.start))
            # `별도 기준 매출 211조원으로 …, 연결기준으로는 302조원으로`: the same figure in another scope
            scoped = _OTHER_SCOPE.search(text, prev.end, n.start) is not None
            if not (chained or paired or listed or earlier or owned or scoped):
                continue  # a threshold or comparison figure of the same cue
            listing = listed
        else:
            listing = False
        out.append((n, cls))
    return out
