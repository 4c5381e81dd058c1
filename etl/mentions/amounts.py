"""Amounts: a number (digits, Sino-Korean or native numerals) with its unit, qualifiers and ranges.

One precompiled pattern finds the candidates; small functions validate them and build mentions:
`1,493억원`, `3조 2천억원`, `370여개`, `약 30%`, `6억 대 이상`, `여덟 명`, `₩3,400억`, `10~20%`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from etl.mentions import qualifiers, units
from etl.mentions.numbers import (
    MAG_CH,
    MINUS,
    MINUS_WORDS,
    MIXED,
    NATIVE,
    NATIVE_ONES,
    NATIVE_TENS,
    SINO,
    SINO_CH,
    SINO_DIGITS,
    parse_korean_number,
    parse_native,
)
from etl.records import Mention

SP = r"[ \u00a0]?"
_PREFIX_Q = qualifiers.pattern("prefix")
_SUFFIX_Q = qualifiers.pattern("suffix")

# a mention starts with a digit, or at the start of a word (Sino-Korean numerals, 약, 마이너스, ₩),
# or right after a currency word (2달러 이십삼센트): mid-word positions fail at once
_STARTS = regex.escape(
    "".join(
        sorted(
            set(SINO_CH + MAG_CH)
            | {w[0] for w in qualifiers.words("prefix") + MINUS_WORDS}
            | {u.surface[0] for u in units.units().values() if u.position in ("prefix", "both")}
        )
    )
)
_GUARD = rf"(?:(?=[0-9.\-−–])|(?<![가-힣])(?=[{_STARTS}])|(?<=달러)|(?<=불))"
# Every match starts with a digit, `.`, a sign or one of _STARTS (the first characters of prefix
# qualifiers, sign words, prefix currencies and Sino-Korean numerals), and one starting with `.` is
# a decimal `.5`. The scan tries every position, and these two cheap tests reject most of them (and
# every sentence-final period) before the guard's alternatives are tried.
_FIRST = rf"(?=[\d.\-−–{_STARTS}])(?!\.(?!\d))"
# A suffix unit, behind a test of its first character: the alternation has ~190 surfaces, and the
# lookahead after a Sino-Korean syllable (이, 경, 조 at the start of most words) would try them all.
_UNIT = (
    "(?=["
    + regex.escape("".join(sorted({u.surface[0] for u in units.units().values() if u.position in ("suffix", "both")})))
    + rf"])(?:{units.suffix_pattern()})"
)
AMOUNT = re.compile(
    rf"""
    {_FIRST}{_GUARD}
    (?:(?<![가-힣])(?P<pq>{_PREFIX_Q}){SP})?
    (?P<neg>(?<![\w.])[-−–](?=\d)|(?:{MINUS}){SP})?
    (?:(?P<pcur>{units.prefix_pattern()}){SP})?
    (?:(?P<num>{MIXED})|(?:(?<![가-힣0-9])|(?<=달러)|(?<=불))(?P<sino>{SINO})(?(neg)|(?={SP}(?:여{SP})?{_UNIT})))
    (?P<yeo>{SP}여(?=[ \u00a0]?[가-힣A-Za-z%]))?
    (?:{SP}(?P<unit>{_UNIT}))?
    """,
    re.VERBOSE,
)

_NATIVE_STARTS = "".join(sorted({w[0] for w in list(NATIVE_ONES) + list(NATIVE_TENS)}))
# a match starts with a prefix qualifier or a native numeral: stdlib `re` behind this one-class test
# scans faster than `regex` (see _FIRST)
_PREFIX_Q_STARTS = regex.escape("".join(sorted({w[0] for w in qualifiers.words("prefix")})))
NATIVE_AMOUNT = re.compile(
    rf"(?=[{_PREFIX_Q_STARTS}{_NATIVE_STARTS}])"
    rf"(?<![가-힣])(?:(?P<pq>{_PREFIX_Q}){SP})?(?P<nat>{NATIVE}){SP}(?P<yeo>여{SP})?(?P<unit>{units.suffix_pattern(native=True)})"
)

# a suffix qualifier may follow after up to two spaces (stripped text doubles spaces)
SUFFIX_QUAL = regex.compile(rf"[ \u00a0]{{0,2}}(?P<sq>{_SUFFIX_Q})")
DURATION_SPAN = regex.compile(r"[ \u00a0]?(?:간|동안)(?![가-힣])|간(?=[의에은는을를도])")
# `100GWh 기가와트시`: a Korean gloss of the same unit after an ASCII unit
GLOSS = regex.compile(r"[ \u00a0]{1,2}\(?(?P<g>[가-힣]+)\)?")
# (the leading one-class test holds every possible first character, see _FIRST)
ORDINAL = re.compile(
    rf"(?=[0-9제첫{_NATIVE_STARTS}])(?:"
    rf"(?:(?=[0-9제])|(?<![가-힣])(?=[첫{_NATIVE_STARTS}]))"
    rf"(?P<je>제{SP})?(?P<num>\d+){SP}(?P<c>번째|째|차전|차|회|호|기|대|위|등|조|항|장|절|관)"
    rf"|(?<![가-힣])(?P<nat>첫|{NATIVE}){SP}(?P<c2>번째|째))"
)
FRACTION = regex.compile(
    rf"(?:(?=\d)|(?<![가-힣]))(?:(?P<whole>\d+|{SINO}){SP}[과와]{SP})?(?P<den>\d+|{SINO}){SP}분의{SP}"
    rf"(?P<neg>(?:{MINUS}){SP})?"
    rf"(?P<nom>\d+(?:\.\d+)?|{SINO})"
)
# 1e10, -12.32e+14, 2.5^-1: scientific notation and powers
SCI = regex.compile(
    r"(?<![\w.])(?P<neg>-)?(?P<m>\d+(?:\.\d+)?)(?:[eE](?P<e>[+-]?\d+)|\^(?P<ps>[+-]*)(?P<p>\d+))(?![\d.A-Za-z])"
)
# every scientific or power figure has a digit right before its `e`/`E`/`^`: a text without one is not scanned
_SCI_HINT = re.compile(r"\d[eE^]")
SLASH_FRACTION = regex.compile(r"(?<![\d/.])(?P<neg>-)?(?:(?P<whole>\d+)\s+)?(?P<nom>\d+)/(?P<den>\d+)(?![\d/])")
# things that look like numbers but are not amounts: phone numbers, stock codes, versions, IPs
NOT_A_NUMBER = regex.compile(
    r"(?<!\d)(?:0\d{1,2}[-.)\s]\d{3,4}[-.\s]\d{4}|\d{4}-\d{4}|1[5-8]\d\d-\d{4}|\(\d{6}\)|\d{6}(?=\.K[SQ]))(?!\d)"
    r"|(?<![\w.])\d+(?:\.\d+){2,}(?![\w.])"
    r"|(?<![\d.,])0\d{3,}(?![\d.])"  # stock codes and other zero-padded identifiers (005930)
)
HANGUL = regex.compile(r"[가-힣]")


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


ASCII_LETTER = regex.compile(r"[A-Za-z]")


def _is_ascii_letter(ch: str) -> bool:
    """ASCII_LETTER.match for one character, without a regex call."""
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


# particles and endings that may directly follow a native-numeral counter (한 명이, 세 시간 동안)
COUNTER_END = regex.compile(
    r"(?:[^가-힣]|$|[이가을를은는의에로으도만과와씩째당간쯤여께꼴인입]|동안|까지|부터|뿐|보다|밖에|이상|이하|미만|정도|가량|남짓|안팎)"
)


# 두 회사, 세 모녀: a native numeral used as a determiner before a noun is a count
NATIVE_DETERMINER = regex.compile(
    r"(?<![가-힣])(?P<nat>두|세|네|다섯|여섯|일곱|여덟|아홉|스무|서너|두세)[ \u00a0](?=[가-힣])"
)
# 하나, 둘: a native cardinal standing as a word (중 하나로, 둘 다)
NATIVE_WORD = regex.compile(
    r"(?<![가-힣·])(?P<nat>하나|둘|셋|넷)(?=(?:[가는를의도로만와과다]|이다|입니다|였|라고|이라|씩)?(?![가-힣·])|뿐|밖에)"
)


def _qual(pq: str | None) -> str | None:
    return qualifiers.qualifier_of("prefix", pq)


def find_amounts(text: str, whole: bool = False) -> Iterator[Mention]:
    blocked = [m.span() for m in NOT_A_NUMBER.finditer(text)]
    for m in AMOUNT.finditer(text):
        mm = _amount(text, m, blocked, whole)
        if mm is not None:
            yield mm
    for m in NATIVE_AMOUNT.finditer(text):
        mm = _native(text, m)
        if mm is not None:
            yield mm
    yield from _fractions(text)
    yield from _ordinals(text)
    if _SCI_HINT.search(text):
        yield from _scientific(text)
    for m in NATIVE_DETERMINER.finditer(text):
        v = parse_native(m.group("nat"))
        if v is not None:
            yield Mention(
                kind="quantity",
                text=m.group("nat"),
                start=m.start(),
                end=m.end("nat"),
                value=v,
                unit="count",
                confidence=0.6,
                rule="native_determiner",
            )
    for m in NATIVE_WORD.finditer(text):
        v = parse_native(m.group("nat"))
        if v is not None:
            yield Mention(
                kind="number",
                text=m.group(),
                start=m.start(),
                end=m.end(),
                value=v,
                confidence=0.7,
                rule="native_cardinal_word",
            )


# one Sino-Korean syllable before a counter is usually a word (만회, 조회, 사원, 구원): accept only
# magnitudes before money/percent (백 퍼센트, 십원) and digits before foreign currency/percent words
_SINO_ONE_WORD_UNITS = {"퍼센트", "달러", "파운드", "센트", "위안"}


def _sino_ok(raw: str, unit_s: str) -> bool:
    if raw[0] in "만억조경" and len(raw) > 1:
        return False  # 조사, 경영, 만일: a numeral never starts with a big magnitude followed by more
    if any(c in "영공빵" for c in raw):
        return False  # 이천공장: zeros are not spelled inside running text
    info = units.lookup(unit_s)
    if info is None:
        return False
    if len(raw) == 2 and raw[1] in "만억조경" and raw[0] in SINO_DIGITS:
        return info.kind in ("money", "percent")  # 구조대, 오만: digit + big magnitude is a word unless money
    if len(raw) > 1:
        return True
    if raw in "십백천" and info.kind in ("money", "percent") and unit_s not in ("불", "프로"):
        return True
    return unit_s.strip() in _SINO_ONE_WORD_UNITS


def _blocked(s: int, e: int, blocked: list[tuple[int, int]]) -> bool:
    return any(s < b1 and b0 < e for b0, b1 in blocked)


def _amount(text: str, m: re.Match[str], blocked: list[tuple[int, int]], whole: bool) -> Mention | None:
    # every group read once (this runs for every amount candidate)
    num, sino, unit_s, pcur, yeo, neg, pq = m.group("num", "sino", "unit", "pcur", "yeo", "neg", "pq")
    ns = m.start("num") if num else m.start("sino")
    raw = num or sino or ""
    parsed = parse_korean_number(raw)
    if parsed is None:
        return None
    value, consumed, approx = parsed
    end = m.end()
    if consumed < len(raw):
        # the numeral reading stopped early (e.g. 3조 2022): the unit no longer attaches
        end = ns + consumed
        unit_s = None
        if yeo:
            return None
    if yeo:
        approx = True
    if sino is not None:
        # Sino-Korean words in running text only count before a unit (삼천만 원, 이십 퍼센트)
        if not whole and unit_s is None and pcur is None and not neg:
            return None
        if not whole and ns > 0 and _is_hangul(text[ns - 1]) and neg is None and pq is None:
            return None
        if not whole and not neg and not _sino_ok(raw, unit_s or ""):
            return None
    else:
        korean_counter = bool(unit_s) and _is_hangul((unit_s or " ")[0])
        dims = ns > 1 and text[ns - 1] in "x×" and text[ns - 2].isdigit()  # 1920x1080
        if (
            pcur is None
            and ns > 0
            and (_is_ascii_letter(text[ns - 1]) or text[ns - 1] in "_")
            and not korean_counter
            and not dims
        ):
            return None  # model names and codes: S24, RE100, A-1 (but MH17편 is a flight count)
        if ns > 1 and text[ns - 1] in "-" and _is_ascii_letter(text[ns - 2]):
            return None
        if ns > 0 and text[ns - 1] == "제" and unit_s is None:
            return None  # 제2사옥: an ordinal inside a name
        if (
            unit_s is None
            and end < len(text)
            and _is_ascii_letter(text[end])
            and not (text[end] in "x×" and text[end + 1 : end + 2].isdigit())
        ):
            return None  # 3D, 5G: part of a name
        if (
            unit_s is None
            and end < len(text)
            and text[end] in "-"
            and end + 1 < len(text)
            and _is_ascii_letter(text[end + 1])
        ):
            return None
    start = m.start()
    if _blocked(ns, end, blocked):
        return None
    sign = neg
    if sign:
        if sign.strip() in ("-", "−", "–"):  # (an en dash typed for a minus: `영업이익 –41억원`)
            # a hyphen right after another number is a range dash, not a minus sign
            j = m.start("neg") - 1
            while j >= 0 and text[j] in " \u00a0":
                j -= 1
            # (`1분기 -4000억원`: spaced before and not after, after a word, it is the number's sign)
            spaced_sign = j < m.start("neg") - 1 and _is_hangul(text[j])
            if j >= 0 and (text[j].isdigit() or _is_hangul(text[j])) and not spaced_sign:
                start = max(start, m.end("neg"))
                sign = None
        if sign:
            value = -value
    if (
        unit_s
        and len(unit_s) == 1
        and m.start("unit") > (m.end("yeo") if yeo else ns + consumed)
        and _is_hangul(unit_s)
        and not COUNTER_END.match(text, m.end("unit"))
    ):
        # `2018 평창`, `2013 대구`: a spaced one-syllable counter must end its word
        unit_s = None
        end = ns + consumed
        if yeo:
            return None
    info = units.lookup(unit_s) if unit_s else None
    if info is None and pcur:
        info = units.lookup(pcur)
    if unit_s and info is None:
        return None
    if unit_s is None:
        unit_s = ""
    q = _qual(pq)
    # a trailing qualifier (이상, 미만, 가량, 돌파) and a unit gloss
    if info is not None and info.surface.isascii():
        g = GLOSS.match(text, end)
        if g:
            gi = units.lookup(g.group("g"))
            if gi is not None and gi.unit == info.unit:
                end = g.end()
    if info is not None and info.kind == "duration":
        # 4주간, 3개월 동안: the span suffix belongs to the duration
        span_sfx = DURATION_SPAN.match(text, end)
        if span_sfx:
            end = span_sfx.end()
    sq = SUFFIX_QUAL.match(text, end)
    sq_q = None
    if sq and (info is not None or sino is None):
        nxt = sq.end()
        word = sq.group("sq")
        ok = nxt >= len(text) or not _is_hangul(text[nxt]) or word not in ("안", "밖", "정도", "쯤", "께")
        if word in ("안", "밖") and (info is None or info.unit != "rank"):
            ok = False
        if ok:
            sq_q = qualifiers.qualifier_of("suffix", word)
            end = sq.end()
    qual = qualifiers.combine(q or ("approx" if approx else None), sq_q)
    if approx and qual == "exact":
        qual = "approx"
    kind = "number"
    unit = None
    if info is not None:
        value = info.scale(value)
        kind, unit = info.kind, info.unit
    mn, mx = _bounds(qual, value)
    return Mention(
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=unit,
        qualifier=qual,
        min=mn,
        max=mx,
        rule="amount_sino" if sino is not None else ("amount_unit" if unit else "number"),
    )


def _bounds(qual: str, value: float) -> tuple[float | None, float | None]:
    if qual in ("gt", "gte"):
        return value, None
    if qual in ("lt", "lte"):
        return None, value
    return None, None


def _native(text: str, m: re.Match[str]) -> Mention | None:
    v = parse_native(m.group("nat"))
    if v is None:
        return None
    end = m.end()
    if not COUNTER_END.match(text, end):
        return None
    info = units.lookup(m.group("unit"))
    if info is None:
        return None
    if m.end("nat") == m.start("unit") and info.native < 2:
        return None  # 한편, 이번: a native numeral glued to this counter is an ordinary word
    q = _qual(m.group("pq"))
    if m.group("yeo"):
        q = q or "approx"
    sq = SUFFIX_QUAL.match(text, end)
    sq_q = None
    if sq and sq.group("sq") not in ("안", "밖"):
        sq_q = qualifiers.qualifier_of("suffix", sq.group("sq"))
        end = sq.end()
    qual = qualifiers.combine(q, sq_q)
    mn, mx = _bounds(qual, v)
    return Mention(
        kind=info.kind,
        text=text[m.start() : end],
        start=m.start(),
        end=end,
        value=info.scale(v),
        unit=info.unit,
        qualifier=qual,
        min=mn,
        max=mx,
        rule="amount_native",
        confidence=0.95,
    )


def _fractions(text: str) -> Iterator[Mention]:
    if "분의" not in text:
        return  # every fraction holds 분의; most texts have none, and a substring test is cheap
    for m in FRACTION.finditer(text):
        den = parse_korean_number(m.group("den"))
        nom = parse_korean_number(m.group("nom"))
        if not den or not nom or den[1] < len(m.group("den")) or den[0] == 0:
            continue
        if m.start() > 0 and HANGUL.match(text[m.start() - 1]) and not m.group("den").isdigit():
            continue
        v = nom[0] / den[0]
        if m.group("neg"):
            v = -v
        start = m.start()
        if m.group("whole"):
            w = parse_korean_number(m.group("whole"))
            if w is None or w[1] < len(m.group("whole")):
                start = m.start("den")
            else:
                v += w[0]
        end = m.start("nom") + nom[1]
        yield Mention(kind="number", text=text[start:end], start=start, end=end, value=v, rule="fraction")


def _scientific(text: str) -> Iterator[Mention]:
    for m in SCI.finditer(text):
        base = float(m.group("m"))
        try:
            if m.group("e") is not None:
                v = base * 10.0 ** int(m.group("e"))
            else:
                sign = -1 if m.group("ps").count("-") % 2 else 1
                v = base ** (sign * int(m.group("p")))
        except (OverflowError, ZeroDivisionError):
            continue
        if m.group("neg"):
            v = -v
        yield Mention(kind="number", text=m.group(), start=m.start(), end=m.end(), value=v, rule="scientific")


# 제3, 제 3: the prefix that makes a digit + counter an ordinal
_JE_DIGIT = re.compile(r"제[ \u00a0]?\d")


def _ordinals(text: str) -> Iterator[Mention]:
    # Only ordinals with 번째/째 or a 제 prefix are kept below, so a text with neither cannot yield
    # one: skip its (costly) scan.
    if "째" not in text and _JE_DIGIT.search(text) is None:
        return
    for m in ORDINAL.finditer(text):
        if m.group("num"):
            if not m.group("je") and m.group("c") not in ("번째", "째"):
                continue
            if m.start() > 0 and HANGUL.match(text[m.start() - 1]):
                continue
            v: float | None = float(m.group("num"))
        else:
            v = 1.0 if m.group("nat") == "첫" else parse_native(m.group("nat"))
        if v is None:
            continue
        yield Mention(kind="ordinal", text=m.group(), start=m.start(), end=m.end(), value=v, rule="ordinal")


def slash_fraction(text: str) -> Iterator[Mention]:
    """3/4, -4/5, 2 1/4 as numbers (used for whole phrases, where a slash is not a date)."""
    for m in SLASH_FRACTION.finditer(text):
        den = float(m.group("den"))
        if den == 0:
            continue
        v = float(m.group("nom")) / den + float(m.group("whole") or 0)
        if m.group("neg"):
            v = -v
        yield Mention(kind="number", text=m.group(), start=m.start(), end=m.end(), value=v, rule="slash_fraction")
