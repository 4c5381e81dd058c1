"""Stripped-punctuation repair: readings of text whose `%`, `.`, `-` were replaced by spaces.

Real feeds deliver `4.17%` as `4 17 `, `0.18%에` as `0 18 에`, `2022.7.5` as `2022 7 5` and `3.6초` as
`3 6초`. These rules run as their own step, only on shapes clean Korean text never has (a particle
after a space, a bare number before a double space), and give lower confidence than a clean reading.
A percent is read only where the passage is about percentages (a cue word or another percent nearby).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date

import regex

from etl.mentions import qualifiers, units
from etl.mentions.amounts import SUFFIX_QUAL
from etl.records import Mention

# units whose values may carry decimals (3.6초, 1.5배, 2.3km); never persons, counts or ranks
_DECIMAL_UNITS = sorted(
    (u.surface for u in units.units().values() if u.position != "prefix" and u.unit not in ("person", "count", "rank")),
    key=lambda s: (-len(s), s),
)
_UNIT_ALT = "|".join(regex.escape(s) for s in _DECIMAL_UNITS)

STRIPPED_DATE = regex.compile(r"(?<![\d.,:])(?P<y>(?:19|20)\d\d) (?P<m>\d{1,2}) (?P<d>\d{1,2})(?![\d가-힣%])")
STRIPPED_DECIMAL_UNIT = regex.compile(
    rf"(?<![\d.,] ?)(?<![\d.,A-Za-z])(?P<a>\d{{1,3}}) (?P<b>\d{{1,2}})(?P<u>{_UNIT_ALT})(?![A-Za-z])"
)
_PARTICLES = (
    "를|을|에|의|로|으로|이다|까지|에서|는|은|가|이|와|과|로서|씩|에서|에는|에도|로는|였다|이며"
    "|였고|였으며|이었다|이었고|이고|수준|대로|대|보다|만큼|인|다"
)
STRIPPED_PERCENT = regex.compile(
    rf"""(?<![\w.,])(?<!\d[ ])(?P<a>\d{{1,3}})(?:[ ](?P<b>\d{{1,2}})(?!\d))?
    (?:(?P<ds>[ \u00a0]{{2,}})(?P<q>{qualifiers.pattern("suffix")})?|[ \u00a0](?P<p>{_PARTICLES})(?=[ \u00a0\n]|$))""",
    regex.VERBOSE,
)
# `63,140명` stripped to `63 140명`: digit groups of exactly three after a 1–3 digit head, then a unit,
# optionally after a magnitude word (`2 300억원`)
_ALL_UNITS = sorted((u.surface for u in units.units().values() if u.position != "prefix"), key=lambda s: (-len(s), s))
_MAGNITUDE = {"천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12}
STRIPPED_THOUSANDS = regex.compile(
    rf"(?<![\d.,:A-Za-z])(?:(?P<hi>\d{{1,4}})(?P<himag>[조억])[ ]?)?(?<!\d[ ])(?P<n>\d{{1,3}}(?: \d{{3}})+)"
    rf"(?P<mag>[천만억조])?(?P<yeo>여)?[ ]?"
    rf"(?P<u>{'|'.join(regex.escape(u) for u in _ALL_UNITS)})(?![A-Za-z])"
)
# Every repaired reading has a digit followed by a space (the stripped mark); dates, decimals and
# thousands have a digit on both sides of it. Most texts have neither, and one search for these is far
# cheaper than running every repair pattern over the text.
_DIGIT_SPACE = regex.compile(r"\d[ \u00a0]")
_DIGIT_SPACE_DIGIT = regex.compile(r"\d \d")
PERCENT_CUE = regex.compile(r"%|％|퍼센트|비율|비중|(?<=[가-힣])[율률](?:(?![가-힣])|[은는이가을를의도])")
_WINDOW = 300


def _measure(
    text: str, start: int, end: int, number: float, info: units.UnitInfo, rule: str, approx: bool = False
) -> Mention:
    """A repaired number with its unit, and a suffix qualifier (이상, 넘게 …) when one follows."""
    v = info.scale(number)
    qual = "approx" if approx else "exact"
    sq = SUFFIX_QUAL.match(text, end)
    if sq and sq.group("sq") not in ("안", "밖"):
        qual = qualifiers.qualifier_of("suffix", sq.group("sq")) or "exact"
        end = sq.end()
    return Mention(
        kind=info.kind,
        text=text[start:end],
        start=start,
        end=end,
        value=v,
        unit=info.unit,
        qualifier=qual,
        min=v if qual in ("gt", "gte") else None,
        max=v if qual in ("lt", "lte") else None,
        confidence=0.7,
        rule=rule,
    )


def repair(text: str, clean: list[Mention]) -> Iterator[Mention]:
    if _DIGIT_SPACE.search(text) is None:
        return
    if _DIGIT_SPACE_DIGIT.search(text) is not None:
        yield from _spaced_digits(text)
    yield from _percents(text, clean)


def _spaced_digits(text: str) -> Iterator[Mention]:
    """Dates, decimals and thousands whose `.`, `-` or `,` became a space."""
    for m in STRIPPED_DATE.finditer(text):
        try:
            d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield Mention(
            kind="date",
            text=m.group(),
            start=m.start(),
            end=m.end(),
            date=d,
            grain="day",
            confidence=0.7,
            rule="repair_stripped_date",
        )
    for m in STRIPPED_DECIMAL_UNIT.finditer(text):
        info = units.lookup(m.group("u"))
        if info is None:
            continue
        yield _measure(text, m.start(), m.end(), float(f"{m.group('a')}.{m.group('b')}"), info,
                       "repair_stripped_decimal")
    for m in STRIPPED_THOUSANDS.finditer(text):
        info = units.lookup(m.group("u"))
        if info is None:
            continue
        mag = _MAGNITUDE.get(m.group("mag") or "", 1.0)
        number = float(m.group("n").replace(" ", "")) * mag
        if m.group("hi"):  # `1조 2 345억원`: a higher magnitude group before the stripped thousands
            himag = _MAGNITUDE[m.group("himag")]
            if himag <= mag:
                continue
            number += float(m.group("hi")) * himag
        yield _measure(text, m.start(), m.end(), number, info, "repair_stripped_thousands", bool(m.group("yeo")))


def _percents(text: str, clean: list[Mention]) -> Iterator[Mention]:
    """Percentages whose `%` (and decimal point) became spaces, where the passage is about percents."""
    particle_hits: list[int] = []
    found: list[tuple[regex.Match[str], bool]] = []
    for m in STRIPPED_PERCENT.finditer(text):
        found.append((m, m.group("p") is not None))
        if m.group("p") is not None:
            particle_hits.append(m.start())
    if not found:
        return  # (the cues below are only evidence for a candidate)
    cues = [m.start() for m in PERCENT_CUE.finditer(text)] + [x.start for x in clean if x.kind == "percent"]
    evidence = sorted(cues + particle_hits)
    for m, by_particle in found:
        lo = bisect_left(evidence, m.start() - _WINDOW)
        hi = bisect_right(evidence, m.start() + _WINDOW)
        near = any(evidence[i] != m.start() for i in range(lo, hi))
        a, b = m.group("a"), m.group("b")
        v = float(f"{a}.{b}") if b else float(a)
        if v > 100 or (len(a) > 1 and a.startswith("0")):
            continue
        if not by_particle and not near:
            continue
        end = m.end("b") if b else m.end("a")
        qual = "exact"
        if m.group("q"):
            qual = qualifiers.qualifier_of("suffix", m.group("q")) or "exact"
            end = m.end("q")
        conf = 0.75 if near else 0.6
        mn = v if qual in ("gt", "gte") else None
        mx = v if qual in ("lt", "lte") else None
        yield Mention(
            kind="percent",
            text=text[m.start() : end],
            start=m.start(),
            end=end,
            value=v,
            unit="percent",
            qualifier=qual,
            min=mn,
            max=mx,
            confidence=conf,
            rule="repair_stripped_percent",
        )
