"""Dates: absolute (2022년 7월 5일, 2022.7.5), partial (5일, 지난 5월) and relative (어제, 지난해, 내년
상반기, 3분기, 다음주) expressions, resolved against a reference date with a grain.

Without a reference date, relative and partial dates keep their grain and stay unresolved (date None).
Word lists live in `etl/rules/dates.json`.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import regex

from etl.mentions.numbers import (
    NATIVE,
    NATIVE_ONES,
    NATIVE_TENS,
    RULES,
    Alternatives,
    alternation,
    parse_korean_number,
    parse_native,
)
from etl.records import Mention


@cache
def words() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((RULES / "dates.json").read_text(encoding="utf-8"))
    return data


W = words()
REL_DAY: dict[str, int | None] = W["relative_day"]  # type: ignore[assignment]
REL_WEEK: dict[str, int] = W["relative_week"]  # type: ignore[assignment]
REL_MONTH: dict[str, int] = W["relative_month"]  # type: ignore[assignment]
REL_YEAR: dict[str, int] = W["relative_year"]  # type: ignore[assignment]
REL_QUARTER: dict[str, int] = W["relative_quarter"]  # type: ignore[assignment]
WEEKDAYS: dict[str, int] = W["weekdays"]  # type: ignore[assignment]
HALVES: dict[str, int] = W["halves"]  # type: ignore[assignment]
HOLIDAYS: dict[str, list[int]] = W["holidays"]  # type: ignore[assignment]
MONTH_WORDS: dict[str, int] = W["month_words"]  # type: ignore[assignment]
ORDINALS: dict[str, int] = W["ordinal_words"]  # type: ignore[assignment]
OFFSET_UNITS: dict[str, str] = W["offset_units"]  # type: ignore[assignment]
OFFSET_DIRS: dict[str, int] = W["offset_directions"]  # type: ignore[assignment]
NATIVE_DAYS: dict[str, int] = W["native_day_counts"]  # type: ignore[assignment]
PARTS: list[str] = W["period_parts"]  # type: ignore[assignment]
DOTTED_FOLLOWERS: list[str] = W["dotted_date_followers"]  # type: ignore[assignment]
NAMED: dict[str, list[object]] = {k: v for k, v in W["named_periods"].items() if not k.startswith("_")}  # type: ignore[misc]

SP = r"[ \u00a0]?"
WD = rf"(?:{SP}\(?(?P<wd>{alternation(WEEKDAYS)}|[월화수목금토일])\)?)?"
PART = rf"(?:{SP}(?P<part>{alternation(PARTS)})(?![가-힣]))?"
YEAR_PREFIX = alternation(REL_YEAR)
MONTH_PREFIX = alternation(REL_MONTH)
NB = r"(?<![\d.,])"  # a date number never continues another number
NA = r"(?![\d])"

# Ordered longest-first by construction: a finder reports every match; overlaps are resolved later.
ORD = alternation(ORDINALS)
WDAY = alternation(WEEKDAYS)
SINO_DAY = r"(?:[이삼]?십[일이삼사오육칠팔구]?|[일이삼사오육칠팔구])"


def _first_chars(*groups: object) -> str:
    chars = {str(w)[0] for g in groups for w in g}  # type: ignore[attr-defined]
    return "".join(sorted(chars))


# One small pattern per shape. Relative prefixes (지난, 올해, 이달, …) are read backwards from a match
# by `_PREFIX`, so that every shape but two starts with a digit and they can share one fast scan.
_ABS_SOURCES = [
    rf"{NB}(?:(?P<y>\d{{4}}){SP}년{SP})?(?P<m>\d{{1,2}}){SP}월{SP}(?:의{SP})?(?P<ordn>{ORD}){SP}"
    rf"(?=(?:주|날|{WDAY}))(?:(?P<ow>주)|(?P<od>날))?(?:{SP}(?P<wd>{WDAY}))?",
    rf"{NB}(?P<y>\d{{4}}){SP}년{SP}(?P<m>\d{{1,2}}){SP}월{SP}(?P<d>\d{{1,2}}){SP}일{WD}",
    rf"{NB}(?P<y>\d{{4}}){SP}(?P<sep>[.\-/]){SP}(?P<m>\d{{1,2}}){SP}(?P=sep){SP}(?P<d>\d{{1,2}})(?:\.(?!\d))?{NA}{WD}",
    rf"{NB}(?P<sl1>\d{{1,2}})(?P<sep>[/\-.])(?P<sl2>\d{{1,2}})(?P=sep)(?P<sl3>\d{{4}}|\d{{2}}){NA}(?![.\-/]\d)",
    rf"{NB}(?P<sl1>\d{{2}})/(?P<sl2>\d{{1,2}})/(?P<sl3>\d{{1,2}}){NA}",
    rf"{NB}(?P<sl1>\d{{1,2}})/(?P<sl2>\d{{1,2}}){NA}(?!/)",
    # (`3/4분기`, `3.4분기`, `3·4분기`: the third quarter, written as the fraction of the year it ends)
    rf"{NB}(?:(?P<y>\d{{4}}){SP}년{SP})?(?P<q>[1-4])(?:[./·ㆍ]4)?{SP}분기",
    rf"{NB}(?P<y>\d{{4}}){SP}년{SP}(?P<m>\d{{1,2}}){SP}월{PART}",
    rf"{NB}(?P<y>(?:19|20)\d\d)[\-~∼](?:(?:19|20)\d\d|\d\d)(?![\d\-.])(?:{SP}(?:시즌|학년도|회계연도|사업연도))?",
    rf"{NB}(?P<yy>\d0)년대",
    rf"{NB}(?P<mdm>1[0-2]|[1-9])\.(?P<mdd>[1-3]\d|[1-9])(?=[ \u00a0]?(?:{alternation(DOTTED_FOLLOWERS)}))",
    rf"{NB}(?P<mdm>1[0-2]|[1-9])[·ᆞ](?P<mdd>[1-3]\d|[1-9])(?![\d·ᆞ])"
    rf"(?![ \u00a0]?(?:대|명|개|위|호|세|차|회|번|층|기|강|선|등|종|급|단|년))",
    rf"{NB}(?P<y>\d{{4}}){SP}년(?P<dec>대)?(?!{SP}(?:간|동안|만에|만의|째))(?!\d){PART}",
    # (`78년(1만1천504명)`, `96년에는`: a year of the last century by its last two digits; not a span of
    # years, `50년 넘게`, `70년 역사`, `60년 만에`, nor `90년생`, `80년대`)
    rf"{NB}(?P<y2>[5-9]\d){SP}년(?!{SP}(?:간|동안|만|째|전|후|뒤|이상|이내|가량|넘|여|역사|차|생|대|치|짜리|가까이|새))"
    rf"(?![가-힣]*(?:째|동안))(?!\d){PART}",
    rf"{NB}(?P<m>\d{{1,2}}){SP}월{SP}(?P<d>\d{{1,2}})(?:[·,~∼\-]\d{{1,2}})*{SP}일(?!{SP}(?:간|동안|만에|만의|째)){WD}",
    rf"{NB}(?P<m>\d{{1,2}}){SP}월(?![가-힣]*급){PART}",
    rf"{NB}(?P<d>\d{{1,2}})(?:[·,~∼\-]\d{{1,2}})*{SP}일"
    rf"(?!{SP}(?:간(?:[^가-힣]|$|[의에은는을를도만이])|동안|만에|만의|째|치|당|분|씩|이내|이상|가량|정도"
    rf"|여(?=[ \u00a0]?[간동만])))"
    rf"(?![ \u00a0]?(?:내|안에|전|후|뒤)(?:[^가-힣]|$|에|부터|까지|의|만))(?![가-힣]*요일[가-힣]){WD}",
]
# the digit-initial shapes share one pattern (alternatives in list order, longest shapes first): one scan.
# The scan tries every position: the one-class test `(?=\d)` goes before the lookbehind because it
# rejects almost every position on its own.
assert all(src.startswith(NB) for src in _ABS_SOURCES)
_DIGIT_SOURCES = [src[len(NB) :] for src in _ABS_SOURCES]
_ABS = [
    Alternatives(_DIGIT_SOURCES, prefix=r"(?=\d)" + NB),
    # the two shapes that may start with a word are tried only next to their fixed word: 일분기 one
    # character before 분기, 상반기 at the word or 5-7 characters before it (2024년 상반기)
    Alternatives([r"(?<![가-힣])(?P<q>[일이삼사])분기"], anchor=(["분기"], [-1])),
    Alternatives(
        [
            rf"(?=\d{{4}}[ \u00a0]?년[ \u00a0]?[상하]|[상하]반기)"
            rf"(?:(?P<y>\d{{4}}){SP}년{SP})?(?P<h>{alternation(HALVES)})"
        ],
        anchor=(HALVES, [0, -5, -6, -7]),
    ),
]
# a relative prefix right before an absolute date: 지난 5월, 올해 3월 2일, 이달 18일, 내년 상반기
_PREFIX = regex.compile(
    rf"(?<![가-힣])(?:(?P<ry>{YEAR_PREFIX})|(?P<rm>{MONTH_PREFIX})|(?P<dir>지난|오는|이번|다음))[ \u00a0]?$"
)


# Sino-Korean spelled dates (구월 십일, 이십이일에) are rare in news and costly to scan for: short texts only
_SINO_DATE = Alternatives(
    [
        rf"(?<![가-힣])(?P<mw>{alternation(MONTH_WORDS)}){SP}(?P<ds>{SINO_DAY})일",
        rf"(?<![가-힣])(?P<ds>{SINO_DAY})일(?=에|{SP}{WDAY}){WD}",
    ]
)
SHORT_TEXT = 60

_REL_GUARD = (
    "(?<![가-힣])(?=["
    + regex.escape(
        _first_chars(
            REL_WEEK,
            REL_MONTH,
            REL_YEAR,
            REL_QUARTER,
            REL_DAY,
            HOLIDAYS,
            WEEKDAYS,
            NAMED,
            ["지난", "저번", "다음", "이번", "오는"],
        )
    )
    + "])"
)
_REL = Alternatives(
    [
        rf"(?P<rw>{alternation(REL_WEEK)}){SP}(?P<wd>{WDAY})",
        rf"(?P<rm>{MONTH_PREFIX}){SP}(?:의{SP})?(?P<ordn>{ORD}){SP}(?:주{SP})?(?P<wd>{WDAY})",
        rf"(?P<dir>지난|저번|다음|이번|오는){SP}(?P<wd>{WDAY})",
        rf"(?P<rq>{alternation(REL_QUARTER)})",
        rf"(?P<rw>{alternation(REL_WEEK)})",
        rf"(?P<rm>{MONTH_PREFIX})(?:{SP}(?P<mpart>초|중순|말|하순|상순|초순)(?![가-힣]))?",
        rf"(?P<ry>{alternation(k for k in REL_YEAR if k != '올')})(?:{SP}(?P<ypart>초|말|연말|연초)(?![가-힣]))?",
        r"(?P<ry>올)(?=시즌|[ \u00a0](?:\d|시즌|한 해|상반기|하반기|들어|초|말|연말|여름|겨울|봄|가을|[1-4]분기|1년))",
        rf"(?P<rd>{alternation(k for k, v in REL_DAY.items() if v is not None)})",
        rf"(?P<hol>{alternation(HOLIDAYS)})",
        rf"(?P<named>{alternation(NAMED)})(?=[^가-힣]|$|[에엔의은는이가을를도부까맞동])",
        r"(?P<named>동계|하계)",
        rf"(?P<wd>{WDAY})",
    ],
    prefix=_REL_GUARD,
)

_NUM_OFFSET = rf"(?:\d+|{NATIVE}|[일이삼사오육칠팔구십]+)"
_OFFSET_PART = rf"(?:{_NUM_OFFSET}{SP}(?:개월|주일|년|해|달|주|일)|{alternation(NATIVE_DAYS)})"
# Every offset ends in a date unit (or 이틀, 하루, ...) then its direction word (3년 전, 이틀 뒤): a text
# without that pair is not scanned (this search runs fast, as it starts with literal characters)
_OFFSET_HINT = re.compile(
    rf"(?:개월|주일|년|해|달|주|일|{alternation(NATIVE_DAYS)}){SP}(?:{alternation(OFFSET_DIRS)})"
)
# (class test first: it rejects most positions before the lookbehind is tried)
_OFFSET = re.compile(
    rf"(?=[0-9{_first_chars(NATIVE_DAYS, NATIVE_TENS, NATIVE_ONES)}일이삼사오육칠팔구십])(?<![\d.,가-힣])"
    rf"(?P<parts>{_OFFSET_PART}(?:{SP}{_OFFSET_PART})*){SP}(?P<dir>{alternation(OFFSET_DIRS)})"
    rf"(?=[^가-힣]|$|[에의부까로은는도만인])"
)
_OFFSET_ONE = regex.compile(
    rf"(?P<n>{_NUM_OFFSET}){SP}(?P<u>개월|주일|년|해|달|주|일)|(?P<nd>{alternation(NATIVE_DAYS)})"
)
# what follows a generation named by its decades (`2030 젊은 세대`, `2030 10명 중 4명`): no year
GENERATION_AFTER = r"[ \u00a0]?(?:세대|젊은|청년|남녀|여성|남성|직장인|고객층|층|\d+명[ \u00a0]?중)"
# a 4-digit number alone (2014 브라질 월드컵) is most often a year
_BARE_YEAR = regex.compile(
    rf"(?<![\w.,\-/])(?P<y>(?:19|20)\d\d)(?!{GENERATION_AFTER})"
    r"(?:(?![\w.,%/\-])(?![ \u00a0]?[가-힣]*(?:원|명|개|건|달러|억|만))|시즌|학년도|회계연도|사업연도)"
)
# 17세기 후반, 22세기: a century (the 17th runs 1601-1700), not an age of 17
_CENTURY = regex.compile(
    rf"(?<![\d.,])(?P<c>\d{{1,2}}){SP}세기(?:{SP}(?:초반|초엽|초|중반|중엽|후반|후엽|말엽|말))?"
)

# 1년간, 3년 동안, 5일간, 이틀, 하루, 한 달간: durations spelled with date words
_NATIVE_FIRST = _first_chars(NATIVE_DAYS, NATIVE_TENS, NATIVE_ONES)
_DURATION = Alternatives(
    [
        rf"(?<![\d.,])(?P<n>\d+(?:\.\d+)?)(?P<yeo>여)?{SP}(?P<u>년|일)"
        rf"(?:{SP}(?:간|동안|만에|만의|째|새)(?=[^가-힣]|$|[의에은는을를도만이인])"
        rf"|(?=[ \u00a0]?(?:이상|이하|미만|넘게|가량|정도|께)))",
        rf"(?<![\d.,])(?P<n>\d{{1,3}})(?P<yeo>여)?{SP}(?P<u>년)(?=[^가-힣\d]|$|[을를이가은는의에과와도만형새째])",
        rf"(?<![가-힣])(?P<nd>{alternation(NATIVE_DAYS)})(?:{SP}(?:간|동안|만에))?(?=[^가-힣]|$|[에의는은를을도만가이간째새])",
        rf"(?<![가-힣])(?P<nn>{NATIVE}){SP}(?P<u>해|달)(?:{SP}(?:간|동안|만에))?",
    ],
    # every shape starts with a digit or a native numeral; the one-class test goes first because the
    # scan tries every position and a single class rejects most of them faster than the alternatives
    prefix=rf"(?=[\d{_NATIVE_FIRST}])(?:(?<![\d.,])(?=\d)|(?<![가-힣])(?=[{_NATIVE_FIRST}]))",
)


def _month_start(d: date, months: int) -> date:
    idx = d.year * 12 + (d.month - 1) + months
    return date(idx // 12, idx % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _nth_weekday(y: int, m: int, n: int, wd: int) -> date | None:
    if n == -1:
        last = calendar.monthrange(y, m)[1]
        d = date(y, m, last)
        return d - timedelta(days=(d.weekday() - wd) % 7)
    first = date(y, m, 1)
    d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    return d if d.month == m else None


def _mk(text: str, s: int, e: int, d: date | None, grain: str, rule: str, conf: float = 1.0) -> Mention:
    return Mention(kind="date", text=text[s:e], start=s, end=e, date=d, grain=grain, rule=rule, confidence=conf)


def _year_of(ry: str | None, y: str | None, ref: date | None) -> int | None:
    if y:
        return int(y)
    if ry is not None:
        return ref.year + REL_YEAR[ry] if ref else None
    return ref.year if ref else None


def find_dates(text: str, ref: date | None) -> Iterator[Mention]:
    matches: list[re.Match[str]] = [m for rx in _ABS for m in rx.finditer(text)]
    if len(text) <= SHORT_TEXT:
        matches.extend(_SINO_DATE.finditer(text))
    for m in matches:
        s, e = m.span()
        g: dict[str, str | None] = dict(Alternatives.groups(m))
        if g.get("y") is None and (g.get("m") or g.get("d") or g.get("q") or g.get("h")):
            p = _PREFIX.search(text, max(0, s - 6), s)
            if p is not None:
                kind = p.lastgroup
                # a year word goes with months/quarters/halves, a month word with days, 지난/오는 with both
                if (
                    (kind == "ry" and (g.get("m") or g.get("q") or g.get("h")))
                    or (kind == "rm" and g.get("d") and not g.get("m"))
                    or (kind == "dir" and (g.get("m") or g.get("d") or g.get("q")))
                ):
                    g = {**g, **{k: v for k, v in p.groupdict().items() if v}}
                    s = p.start()
        try:
            yield from _absolute(text, m, s, e, g, ref)
        except (ValueError, OverflowError):
            continue
    for m in _REL.finditer(text):
        s, e = m.span()
        rg = Alternatives.groups(m)
        # inside a longer word (e.g. 사올해): only whole words are date words
        if s > 0 and _HANGUL.match(text[s - 1]) and not rg.get("wd"):
            continue
        if e < len(text) and rg.get("hol") is None and rg.get("wd") is None:
            nxt = text[e]
            if rg.get("rd") and nxt not in " \u00a0" and _HANGUL.match(nxt) and nxt not in _PARTICLE_START:
                continue
        try:
            r = _relative(text, rg, s, e, ref)
        except (ValueError, OverflowError):
            r = None
        if r is not None:
            yield r
    offsets = _OFFSET.finditer(text) if _OFFSET_HINT.search(text) else ()
    for m in offsets:
        s, e = m.span()
        sign = OFFSET_DIRS[m.group("dir")]
        d: date | None = ref
        ok = True
        for part in _OFFSET_ONE.finditer(m.group("parts")):
            if part.group("nd"):
                n, unit = float(NATIVE_DAYS[part.group("nd")]), "day"
            else:
                nn = _count(part.group("n"))
                if nn is None:
                    ok = False
                    break
                n, unit = nn, OFFSET_UNITS[part.group("u")]
            if d is not None:
                d = _shift(d, unit, int(sign * n))
        if ok:
            yield _mk(text, s, e, d, "day", "date_offset")
    for m in _CENTURY.finditer(text):
        c = int(m.group("c"))
        if c:
            yield _mk(text, m.start(), m.end(), date((c - 1) * 100 + 1, 1, 1), "century", "date_century")
    for m in _BARE_YEAR.finditer(text):
        yield _mk(text, m.start(), m.end(), date(int(m.group("y")), 1, 1), "year", "date_bare_year", 0.6)


def find_durations(text: str) -> Iterator[Mention]:
    for m in _DURATION.finditer(text):
        s, e = m.span()
        dg = Alternatives.groups(m)
        if dg.get("nd"):
            v: float | None = float(NATIVE_DAYS[dg["nd"]])
            unit = "day"
        else:
            v = float(dg["n"]) if dg.get("n") else parse_native(dg.get("nn", ""))
            unit = {"년": "year", "해": "year", "일": "day", "달": "month"}[dg["u"]]
        if v is None:
            continue
        q = "approx" if dg.get("yeo") else "exact"
        yield Mention(
            kind="duration", text=text[s:e], start=s, end=e, value=v, unit=unit, qualifier=q, rule="duration_date_word"
        )


_HANGUL = regex.compile(r"[가-힣]")
_PARTICLE_START = set("은는이가을를의에로도만과와부까께엔인")


def _count(s: str) -> float | None:
    if s.isdigit():
        return float(s)
    v = parse_native(s)
    if v is None:
        r = parse_korean_number(s)
        if r is not None and r[1] == len(s):
            v = r[0]
    return v


def _shift(ref: date, unit: str, n: int) -> date:
    if unit == "day":
        return ref + timedelta(days=n)
    if unit == "week":
        return ref + timedelta(days=7 * n)
    months = n if unit == "month" else 12 * n
    idx = ref.year * 12 + (ref.month - 1) + months
    y, mo = idx // 12, idx % 12 + 1
    return date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1]))


def _absolute(text: str, m: object, s: int, e: int, g: dict[str, str | None], ref: date | None) -> Iterator[Mention]:
    y, mo, d = g.get("y"), g.get("m"), g.get("d")
    ry, rm, dr = g.get("ry"), g.get("rm"), g.get("dir")
    if g.get("ordn"):
        yr = _year_of(None, y, ref)
        n = ORDINALS[g["ordn"] or ""]
        mi = int(mo or 1)
        if yr is None:
            yield _mk(text, s, e, None, "week" if g.get("ow") and not g.get("wd") else "day", "date_nth")
            return
        if g.get("od"):
            last = calendar.monthrange(yr, mi)[1]
            yield _mk(text, s, e, date(yr, mi, last if n == -1 else n), "day", "date_nth_day")
        elif g.get("wd") and not g.get("ow"):
            yield _mk(text, s, e, _nth_weekday(yr, mi, n, WEEKDAYS[g["wd"] or "월요일"]), "day", "date_nth_weekday")
        else:
            mon = _nth_weekday(yr, mi, n, 0)
            if n == -1 and mon is not None:
                mon = mon
            elif mon is not None and date(yr, mi, 1).weekday() != 0 and n > 0:
                pass
            if mon is not None and g.get("wd"):
                mon = mon + timedelta(days=WEEKDAYS[g["wd"] or "월요일"])
                yield _mk(text, s, e, mon, "day", "date_nth_week_weekday")
            else:
                yield _mk(text, s, e, mon, "week", "date_nth_week")
        return
    if g.get("sl1"):
        yield from _slash(text, s, e, g, ref)
        return
    if g.get("y2"):
        yield _mk(text, s, e, date(1900 + int(g["y2"] or 0), 1, 1), "year", "date_two_digit_year", 0.7)
        return
    if g.get("yy"):
        yv = int(g["yy"] or 0)
        yield _mk(text, s, e, date(1900 + yv if yv >= 30 else 2000 + yv, 1, 1), "year", "date_decade")
        return
    if g.get("mdm"):
        mdm, mdd = int(g["mdm"] or 1), int(g["mdd"] or 1)
        yield _mk(text, s, e, _safe_date(ref.year, mdm, mdd) if ref else None, "day", "date_middot", 0.8)
        return
    if g.get("ds"):
        from etl.mentions.numbers import parse_korean_number as _pk

        r = _pk(g["ds"] or "")
        if r is None or not 1 <= r[0] <= 31:
            return
        di = int(r[0])
        if g.get("mw"):
            mi = MONTH_WORDS[g["mw"] or ""]
            yr = ref.year if ref else None
            yield _mk(text, s, e, _safe_date(yr, mi, di) if yr else None, "day", "date_sino_md")
        else:
            yield _mk(text, s, e, _safe_date(ref.year, ref.month, di) if ref else None, "day", "date_sino_day")
        return
    if g.get("q"):
        yr = _year_of(ry, y, ref)
        qs = g["q"] or "1"
        q = int(qs) if qs.isdigit() else int(parse_native(qs) or {"일": 1, "이": 2, "삼": 3, "사": 4}[qs])
        dq = date(yr, 3 * q - 2, 1) if yr else None
        if dq and ref and y is None and ry is None:
            # 지난 3분기 is the most recent third quarter that has begun; 오는/다음 the next one to come
            if dr in ("지난", "저번") and dq > ref:
                dq = date(dq.year - 1, dq.month, 1)
            elif dr in ("오는", "다음") and dq <= ref:
                dq = date(dq.year + 1, dq.month, 1)
        yield _mk(text, s, e, dq, "quarter", "date_quarter")
        return
    if g.get("h"):
        yr = _year_of(ry, y, ref)
        h = HALVES[g["h"] or "상반기"]
        yield _mk(text, s, e, date(yr, 6 * h - 5, 1) if yr else None, "half", "date_half")
        return
    if y and mo and d:
        dd = _safe_date(int(y), int(mo), int(d))
        if dd is None:
            return
        yield _mk(text, s, e, dd, "day", "date_ymd")
        return
    if y and mo:
        if not 1 <= int(mo) <= 12:
            return
        yield _mk(text, s, e, date(int(y), int(mo), 1), "month", "date_ym")
        return
    if y:
        yi = int(y)
        if not 1000 <= yi <= 2200:
            return
        yield _mk(text, s, e, date(yi, 1, 1), "year", "date_year")
        return
    if mo:
        mi = int(mo)
        if not 1 <= mi <= 12:
            return
        yr = _year_of(ry, None, ref)
        if d:
            di = int(d)
            if not 1 <= di <= 31:
                return
            dd = _safe_date(yr, mi, di) if yr else None
            if dd and yr and ref and ry is None:
                if dr == "지난" and dd > ref:
                    dd = _safe_date(yr - 1, mi, di)
                elif dr in ("오는", "다음") and dd < ref:
                    dd = _safe_date(yr + 1, mi, di)
            yield _mk(text, s, e, dd, "day", "date_md")
            return
        dm = date(yr, mi, 1) if yr else None
        if dm and ref and ry is None:
            if dr == "지난" and dm >= _month_start(ref, 0):
                dm = date(yr - 1, mi, 1) if yr else None
            elif dr in ("오는", "다음") and dm <= _month_start(ref, 0):
                dm = date(yr + 1, mi, 1) if yr else None
        yield _mk(text, s, e, dm, "month", "date_month")
        return
    if d:
        di = int(d)
        if not 1 <= di <= 31:
            return
        dd2: date | None = None
        if ref:
            base = _month_start(ref, REL_MONTH[rm] if rm else 0)
            if dr == "지난" and rm is None and di >= ref.day:
                base = _month_start(ref, -1)
            elif dr == "오는" and rm is None and di < ref.day:
                base = _month_start(ref, 1)
            dd2 = _safe_date(base.year, base.month, di)
        yield _mk(text, s, e, dd2, "day", "date_day")


def _slash(text: str, s: int, e: int, g: dict[str, str | None], ref: date | None) -> Iterator[Mention]:
    a, b, c = int(g["sl1"] or 0), int(g["sl2"] or 0), g.get("sl3")
    if c is None:
        # two parts: a date only when unambiguous (4/22, 22/04); 1/3 stays a fraction
        if a <= 12 < b <= 31:
            mi, di = a, b
        elif b <= 12 < a <= 31:
            mi, di = b, a
        else:
            return
        yield _mk(text, s, e, _safe_date(ref.year, mi, di) if ref else None, "day", "date_slash_md")
        return
    yv = int(c)
    if len(c) == 2:
        yv += 1900 if yv >= 50 else 2000
    if len(g["sl1"] or "") == 2 and (g["sl1"] or "") > "31":
        yy = 1900 + a if a >= 50 else 2000 + a
        dd = _safe_date(yy, b, yv % 100)
    elif a <= 12:
        dd = _safe_date(yv, a, b) or _safe_date(yv, b, a)
    else:
        dd = _safe_date(yv, b, a)
    if dd is not None:
        yield _mk(text, s, e, dd, "day", "date_slash")


def _relative(text: str, g: dict[str, str], s: int, e: int, ref: date | None) -> Mention | None:
    wd = g.get("wd")
    if wd:
        if wd not in WEEKDAYS:
            return None
        w = WEEKDAYS[wd]
        if ref is None:
            return _mk(text, s, e, None, "day", "date_weekday")
        if g.get("rw"):
            week = _week_start(ref) + timedelta(days=7 * REL_WEEK[g["rw"] or ""])
            d = week + timedelta(days=w)
            if REL_WEEK[g["rw"] or ""] == 0 and d < ref:
                d += timedelta(days=7)
            return _mk(text, s, e, d, "day", "date_week_weekday")
        if g.get("ordn"):
            base = _month_start(ref, REL_MONTH[g["rm"] or ""])
            return _mk(
                text, s, e, _nth_weekday(base.year, base.month, ORDINALS[g["ordn"] or ""], w), "day", "date_nth_weekday"
            )
        dr = g.get("dir")
        if dr in ("지난", "저번"):
            back = (ref.weekday() - w) % 7 or 7
            return _mk(text, s, e, ref - timedelta(days=back), "day", "date_weekday")
        ahead = (w - ref.weekday()) % 7
        if dr != "이번" and ahead == 0:
            ahead = 7
        return _mk(text, s, e, ref + timedelta(days=ahead), "day", "date_weekday")
    if g.get("rq"):
        if ref is None:
            return _mk(text, s, e, None, "quarter", "date_rel_quarter")
        q0 = (ref.month - 1) // 3 + REL_QUARTER[g["rq"] or ""]
        return _mk(text, s, e, date(ref.year + q0 // 4, (q0 % 4) * 3 + 1, 1), "quarter", "date_rel_quarter")
    if g.get("rw"):
        wk = _week_start(ref) + timedelta(days=7 * REL_WEEK[g["rw"] or ""]) if ref else None
        return _mk(text, s, e, wk, "week", "date_rel_week")
    if g.get("rm"):
        return _mk(text, s, e, _month_start(ref, REL_MONTH[g["rm"] or ""]) if ref else None, "month", "date_rel_month")
    if g.get("ry"):
        return _mk(text, s, e, date(ref.year + REL_YEAR[g["ry"] or ""], 1, 1) if ref else None, "year", "date_rel_year")
    if g.get("rd"):
        off = REL_DAY[g["rd"] or ""]
        return _mk(text, s, e, ref + timedelta(days=off) if ref and off is not None else None, "day", "date_rel_day")
    if g.get("named"):
        grain, month, day = NAMED[g["named"] or ""]
        if ref is None or month is None:
            return _mk(text, s, e, None, str(grain), "date_named_period", 0.8)
        dd = date(ref.year, int(month), int(day or 1))  # type: ignore[call-overload]
        if grain == "week":
            dd = _week_start(ref)
        return _mk(text, s, e, dd, str(grain), "date_named_period", 0.8)
    if g.get("hol"):
        md = HOLIDAYS[g["hol"] or ""]
        if ref is None:
            return _mk(text, s, e, None, "day", "date_holiday")
        d = date(ref.year, md[0], md[1])
        if d < ref:
            d = date(ref.year + 1, md[0], md[1])
        return _mk(text, s, e, d, "day", "date_holiday")
    return None


# an explicit year the text reports on (`2019년 1분기`), not one it looks ahead to (`2030년까지`, `2025년 목표`)
_STATED_YEAR = regex.compile(r"(?<![\d.])((?:19|20)\d\d)\s?년(?!\s?(?:까지|목표|에는|이후|부터))")
# `2019년 1분기 대비`: the year named as the comparison base of the text's own period
# (the base's own figure may stand between, `2022년 17조3050억원보다`, and its date end at a month's or a
# quarter's end, `2022년 3분기 말에 비해`)
# a comparison base's own figure as written (`17조3050억원`, `1천106억원`)
BASE_FIGURE = r"\d[\d,.]*\s?(?:조|억|만|천)?[\d,.]*\s?(?:조|억|만|천)?[\d,.]*\s?(?:원|명|건)?"
_BASE_AFTER = regex.compile(
    r"\s?(?:[1-4]분기|상반기|하반기|연간|동기|같은 기간)?\s?(?:말\s?)?"
    rf"(?:{BASE_FIGURE}\s?)?(?:대비|보다|에 비해|과 비교|와 비교)"
)
# the level a change started from: `2019년 3분기 3만7531명에서 2430명 감소했다`
_FROM_LEVEL_AFTER = regex.compile(rf"\s?(?:[1-4]분기|상반기|하반기)?\s?(?:말\s?)?{BASE_FIGURE}\s?에서")
# a later year's same period right after (a table's columns: `2019년 3분기 2021년 3분기`)
_LATER_YEAR_AFTER = regex.compile(r"\s?(?:[1-4]분기|상반기|하반기)?\s?(?:말\s?)?((?:19|20)\d\d)\s?년")


# last year's period set against the base year that follows it in the same clause
# (or the next sentence, set against it: `지난해 매출 1,439억원 …. 이는 2007년에 비해`)
_LAST_YEAR_BEFORE = regex.compile(r"(?:작년|지난해)[^.?!\n]{0,60}(?:[.?!]\s*이는\s[^.?!\n]{0,20})?(?:19|20)\d\d\s?년")
# how far before a base year the last year it is set against may stand
LAST_YEAR_REACH = 160
# the text's present said outright: `2022년 10월 현재`, `2023년 말 현재`
_PRESENT = regex.compile(r"(?<![\d.])((?:19|20)\d\d)\s?년\s?(?:(1[0-2]|[1-9])\s?월\s?)?(?:말\s?)?현재")
# this year's period named again with its year: `올 3분기 …` and `2022년 3분기 …`
_THIS_YEARS = regex.compile(r"(?<![가-힣])올(?:해)?\s?([1-4]\s?분기|상반기|하반기)")
# a year in review, written at its end: `2023년 한 해를 돌아보는 연말 결산`
_YEAR_IN_REVIEW = regex.compile(r"(?<![\d.])((?:19|20)\d\d)\s?년\s?한\s?해를\s?(?:돌아보|결산|정리|마무리|되돌아보)")


# the present counted from a year: `2012년 6월 처음 출시되고 13년 만의 일이다`
_YEARS_SINCE = regex.compile(
    r"(?<![\d.])((?:19|20)\d\d)\s?년[^.?!\n]{0,30}?(?<![\d.])(\d{1,2})\s?년\s?만(?:에|의|이다)")
# a year the text sets in the past: `지난 2017년 상반기`, `2017년 상반기 2010억 원이던 매출이`
_PAST_BEFORE = regex.compile(r"지난\s?$")
_PAST_STATE_AFTER = regex.compile(r"[^.?!\n]{0,25}?\d[^.?!\n]{0,12}?(?:이던|였던|이었던)(?![가-힣])")


def _past_year(text: str, m: regex.Match[str]) -> bool:
    """The year at `m` is a base or past state the text compares its present with (`2019년 1분기 대비`)."""
    later = _LATER_YEAR_AFTER.match(text, m.end())
    return bool(_BASE_AFTER.match(text, m.end()) or _PAST_BEFORE.search(text[max(0, m.start() - 4):m.start()])
                or _PAST_STATE_AFTER.match(text, m.end()) or (later and int(later[1]) > int(m[1])))


def _stated_present(text: str, last: int) -> date | None:
    """The text's present when it says it: `YYYY년 M월 현재`, a year in review (`2023년 한 해를 돌아보는`),
    or this year's period (`올 3분기`) written with its year elsewhere (`2022년 3분기`). (`2년 전인 2021년`
    counts back from the present or from the period reported, which the text does not tell.)"""
    m = _PRESENT.search(text)
    if m and int(m[1]) <= last:
        month = int(m[2]) if m[2] else 12
        return date(int(m[1]), month, calendar.monthrange(int(m[1]), month)[1])
    m = _YEAR_IN_REVIEW.search(text)
    if m and int(m[1]) <= last:
        return date(int(m[1]), 12, 31)
    m = _YEARS_SINCE.search(text)
    if m and int(m[1]) + int(m[2]) <= last:
        return date(int(m[1]) + int(m[2]), 12, 31)
    for p in {x.replace(" ", "") for x in _THIS_YEARS.findall(text)}:
        said = regex.finditer(rf"(?<![\d.])((?:19|20)\d\d)\s?년\s?{p[:-2]}\s?{p[-2:]}", text)
        # (not `2019년 1분기 대비`, nor the start of a change, `2019년 3분기 3만7531명에서`)
        years = {int(m[1]) for m in said if not _past_year(text, m) and not _FROM_LEVEL_AFTER.match(text, m.end())}
        if len(years) == 1 and (y := years.pop()) <= last:
            return date(y, 12, 31)
    return None


def inferred_reference(text: str, today: date | None = None) -> date | None:
    """A stand-in reference date for a text with no publication date, when its years tell one: the present
    it states (`_stated_present`), or the year after its latest year when that year is named only as the
    comparison base of its own period (`올해 1분기 매출 … 2019년 1분기 대비`).

    A text stating its latest year as its own period (`2020년 9월 말 3870명`) may be written that year or
    the next (`지난해 9월`), so it gets none. Years after `today` (plans, targets) are not the text's present.
    """
    last = (today or date.today()).year
    present = _stated_present(text, last)
    if present is not None:
        return present
    stated = [(int(m[1]), m) for m in _STATED_YEAR.finditer(text) if int(m[1]) <= last]
    if not stated:
        return None
    latest = max(y for y, _ in stated)
    if latest >= last or not all(_past_year(text, m) for y, m in stated if y == latest):
        return None
    # `작년 1분기 매출은 2019년 동기대비 18% 감소`: the base of last year's period, two years back
    if all(_LAST_YEAR_BEFORE.search(text, max(0, m.end() - LAST_YEAR_REACH), m.end())
           for y, m in stated if y == latest):
        return date(latest + 2, 12, 31)
    return date(latest + 1, 12, 31)
