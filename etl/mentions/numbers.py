"""Korean numerals: Arabic digits, Sino-Korean words, magnitudes and native numerals.

The lexicon lives in `etl/rules/numerals.json`; this module turns it into regex fragments (used by
the amount and date finders) and into small pure evaluators from a matched string to a value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path

import regex

RULES = Path(__file__).resolve().parents[1] / "rules"


@cache
def lexicon() -> dict[str, object]:
    data: dict[str, object] = json.loads((RULES / "numerals.json").read_text(encoding="utf-8"))
    return data


def _d(key: str) -> dict[str, float]:
    value = lexicon()[key]
    assert isinstance(value, dict)
    return {str(k): float(v) for k, v in value.items()}


SINO_DIGITS = _d("sino_digits")
SMALL_UNITS = _d("small_units")
BIG_UNITS = _d("big_units")
NATIVE_ONES = _d("native_ones")
NATIVE_TENS = _d("native_tens")
NATIVE_WORDS = _d("native_words")
POINT_WORDS: list[str] = list(lexicon()["point_words"])  # type: ignore[call-overload]
MINUS_WORDS: list[str] = list(lexicon()["minus_words"])  # type: ignore[call-overload]


def alternation(words: object) -> str:
    """Regex alternation of literal words, longest first (so the longest surface wins)."""
    ws = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(regex.escape(w) for w in ws)


SMALL_CH = "".join(SMALL_UNITS)
BIG_CH = "".join(BIG_UNITS)
MAG_CH = SMALL_CH + BIG_CH
SINO_CH = "".join(k for k in SINO_DIGITS if len(k) == 1 and k != "빵")

# Arabic digits: 1,234,567.89 | 1234.5 ; never a digit glued to a letter (checked by callers).
DIGITS = (
    r"(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\u202f\d{3})+(?!\d)|\d{1,3}(?:[ ]\d{3}){2,}(?![\d.]))(?:\.\d+)?"
    r"|\d+(?:\.\d+)?|(?<![\w.])\.\d+)"
)
# Digits composed with magnitudes: 1,493억 | 3조 2천억 | 442억 7700만 | 4천3백21 | 1억6천400여만 | 8만 5600
# (`5천 만 다운로드`, `1천 억원`: a big magnitude may stand apart from the small one before it, when a
# space, a digit or a counter follows it, so `3천 만에` and `1천 조각` stay words)
_SPACED_BIG = rf"[ \u00a0][{BIG_CH}](?=[ \u00a0\d]|$|원|명|건|달러|개|대|장|회|권|곳)"
MAG_GROUP = rf"{DIGITS}(?:여|[ \u00a0](?=[{BIG_CH}]))?[{MAG_CH}]+(?:{_SPACED_BIG})?"
MIXED = rf"(?:{MAG_GROUP}(?:[ \u00a0]?{MAG_GROUP})*(?:[ \u00a0]?{DIGITS}(?![{MAG_CH}]))?|{DIGITS})"
# Pure Sino-Korean numerals: 삼천이백만, 이십오, 일점오억 (accepted in running text only before a unit)
POINT = alternation(POINT_WORDS)
SINO = rf"(?:[{SINO_CH}{MAG_CH}]+(?:(?:{POINT})[{SINO_CH}]+[{BIG_CH}]?)?)"
# Native numerals: 여덟, 스물다섯, 한, 세 (accepted in running text only before a counter)
NATIVE = rf"(?:(?:{alternation(NATIVE_TENS)})(?:{alternation(NATIVE_ONES)})?|(?:{alternation(NATIVE_ONES)}))"
MINUS = alternation(MINUS_WORDS)

_TOKEN = regex.compile(
    rf"(?P<num>{DIGITS})|(?P<sd>[{SINO_CH}])|(?P<su>[{SMALL_CH}])|(?P<bu>[{BIG_CH}])"
    rf"|(?P<pt>{POINT})|(?P<yeo>여)|(?P<sp>[ \u00a0]+)"
)


_PLAIN = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@lru_cache(maxsize=16384)
def parse_korean_number(s: str) -> tuple[float, int, bool] | None:
    """Value of a digit/Sino-Korean numeral with magnitudes, reading the longest valid prefix.

    Returns (value, consumed_chars, approx) or None. `approx` is set by an infix 여 (400여만).
    Invalid continuations (two bare numbers in a row, rising magnitudes) end the reading.
    Pure, and news repeats the same numerals (years, days, small counts): results are cached.
    """
    if _PLAIN.fullmatch(s):  # the common case: plain digits (1,493 / 4.17)
        return float(s.replace(",", "")), len(s), False
    total = 0.0
    section = 0.0
    cur: float | None = None
    last_big = float("inf")
    last_small = float("inf")
    consumed = 0
    good_end = 0
    approx = False
    pos = 0
    n = len(s)
    seen = False
    while pos < n:
        m = _TOKEN.match(s, pos)
        if m is None:
            break
        kind = m.lastgroup
        text = m.group()
        if kind == "sp":
            pos = m.end()
            continue
        if kind in ("num", "sd"):
            if cur is not None:
                break
            if kind == "num":
                cur = float(text.replace(",", "").replace("\u202f", "").replace(" ", ""))
            else:
                cur = SINO_DIGITS[text]
                # Sino decimal: 삼점사 / 일점오억
            nxt = _TOKEN.match(s, m.end())
            if kind == "sd" and nxt is not None and nxt.lastgroup == "pt":
                frac_start = nxt.end()
                digits = ""
                p = frac_start
                while p < n and s[p] in SINO_DIGITS:
                    digits += str(int(SINO_DIGITS[s[p]]))
                    p += 1
                if digits:
                    cur = cur + float("0." + digits)
                    pos = p
                    consumed = pos
                    seen = True
                    good_end = pos
                    continue
            pos = m.end()
            seen = True
            # a value is complete here (e.g. 일억이 = 100000002)
            good_end = pos
            consumed = pos
            continue
        if kind == "pt":
            # decimal after a composed integer: 천이백삼십사점오육, 이백점 칠일
            if not seen:
                break
            p = m.end()
            while p < n and s[p] == " ":
                p += 1
            digits = ""
            while p < n and s[p] in SINO_DIGITS:
                digits += str(int(SINO_DIGITS[s[p]]))
                p += 1
            if not digits:
                break
            base = section + (cur or 0.0)
            total += base + float("0." + digits)
            section = 0.0
            cur = None
            pos = good_end = consumed = p
            last_big = 0
            last_small = 0
            break
        if kind == "yeo":
            if cur is None:
                break
            nxt = _TOKEN.match(s, m.end())
            if nxt is None or nxt.lastgroup not in ("su", "bu"):
                break
            approx = True
            pos = m.end()
            continue
        if kind == "su":
            u = SMALL_UNITS[text]
            if u >= last_small:
                break
            section += (cur if cur is not None else 1.0) * u
            cur = None
            last_small = u
            pos = good_end = consumed = m.end()
            seen = True
            continue
        if kind == "bu":
            u = BIG_UNITS[text]
            if u >= last_big:
                break
            section += cur if cur is not None else 0.0
            if section == 0.0:
                section = 1.0
            total += section * u
            section = 0.0
            cur = None
            last_big = u
            last_small = float("inf")
            pos = good_end = consumed = m.end()
            seen = True
            continue
        break
    if not seen:
        return None
    # a trailing bare number must be smaller than the last magnitude used (8만 5600, not 3조 2022)
    if cur is not None:
        limit = min(last_big, last_small)
        if limit != float("inf") and cur >= limit:
            # drop the trailing number: consumed ends before it
            cur = None
            consumed = _strip_last_number(s, consumed)
    value = total + section + (cur or 0.0)
    del good_end
    return value, consumed, approx


def _strip_last_number(s: str, end: int) -> int:
    i = end
    while i > 0 and (s[i - 1].isdigit() or s[i - 1] in ",." or s[i - 1] in SINO_DIGITS):
        i -= 1
    while i > 0 and s[i - 1] in " \u00a0":
        i -= 1
    return i


_NATIVE_TOKEN = regex.compile(rf"(?P<tens>{alternation(NATIVE_TENS)})?(?P<ones>{alternation(NATIVE_ONES)})?")


def parse_native(s: str) -> float | None:
    """Value of a native Korean numeral (여덟 → 8, 스물다섯 → 25, 열한 → 11)."""
    if s in NATIVE_WORDS:
        return NATIVE_WORDS[s]
    m = _NATIVE_TOKEN.fullmatch(s)
    if m is None or not m.group():
        return None
    return NATIVE_TENS.get(m.group("tens") or "", 0.0) + NATIVE_ONES.get(m.group("ones") or "", 0.0)


def parse_any(s: str) -> float | None:
    """Value of a whole numeral string of any kind (digits, Sino-Korean, native), or None."""
    s = s.strip()
    if not s:
        return None
    nat = parse_native(s)
    if nat is not None:
        return nat
    r = parse_korean_number(s)
    if r is None:
        return None
    value, consumed, _ = r
    if s[consumed:].strip():
        return None
    return value


_NAME = re.compile(r"\(\?P<(\w+)>")
_REF = re.compile(r"\(\?P=(\w+)\)")


# group number -> the caller's group name (None for unnamed groups), per Alternatives pattern source
# (keyed by the source string, whose hash is cached: hashing a compiled pattern hashes all its code)
_GROUP_NAMES: dict[str, tuple[str | None, ...]] = {}


class Alternatives:
    """Alternative patterns scanned as one stdlib `re` pattern (its scan is 2-3x faster than `regex`).

    Group names may repeat across alternatives (each gets a private suffix); `groups()` merges them
    back, so callers read `g["y"]` whichever alternative matched. At one position the first
    alternative in list order that matches wins (list the longest shapes first).

    `anchor`: (words, offsets) when every match starts at one of `offsets` from the start of an
    occurrence of one of `words` (일분기: -1 from 분기). Then the pattern is tried only there, which
    yields what finditer yields (the leftmost match from each position on) without a regex scan of
    the whole text: str.find costs far less, and most texts hold none of the words.
    """

    def __init__(
        self, sources: list[str], prefix: str = "", anchor: tuple[Iterable[str], Iterable[int]] | None = None
    ) -> None:
        parts = []
        for i, src in enumerate(sources):
            src = _NAME.sub(lambda m, i=i: f"(?P<{m.group(1)}__{i}>", src)  # type: ignore[misc]
            src = _REF.sub(lambda m, i=i: f"(?P={m.group(1)}__{i})", src)  # type: ignore[misc]
            parts.append(f"(?:{src})")
        self.pattern = re.compile(prefix + "(?:" + "|".join(parts) + ")")
        self.anchor = None if anchor is None else (tuple(anchor[0]), tuple(anchor[1]))
        names: list[str | None] = [None] * self.pattern.groups
        for name, index in self.pattern.groupindex.items():
            names[index - 1] = name.split("__", 1)[0]
        _GROUP_NAMES[self.pattern.pattern] = tuple(names)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.anchor is None:
            return self.pattern.finditer(text)
        return self._anchored(text, *self.anchor)

    def _anchored(self, text: str, words: tuple[str, ...], offsets: tuple[int, ...]) -> Iterator[re.Match[str]]:
        starts: set[int] = set()
        for w in words:
            i = text.find(w)
            while i >= 0:
                starts.update(i + d for d in offsets if i + d >= 0)
                i = text.find(w, i + 1)
        pos = 0
        for p in sorted(starts):
            if p < pos:
                continue  # inside the previous match, as with finditer
            m = self.pattern.match(text, p)
            if m is not None:
                yield m
                pos = max(m.end(), p + 1)  # (a match holds its anchor word, so it is never empty)

    @staticmethod
    def groups(m: re.Match[str]) -> dict[str, str]:
        # same merge as reading m.groupdict() in group order, but from the group tuple and names
        # worked out once per pattern (this runs for every date candidate)
        names = _GROUP_NAMES[m.re.pattern]
        return {k: v for k, v in zip(names, m.groups(), strict=True) if v is not None and k is not None}
