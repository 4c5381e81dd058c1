"""Public entry point: every numeric and date expression in a text, normalized.

    find_mentions(text, ref_date=None) -> list[Mention]

Pure and total: never raises, sorted by start. Finders (amounts, dates, durations, stripped-punctuation
repair) each propose candidates; the longest candidate wins an overlap, ties go to the more specific
reading (a date over a bare number, a unit over none); then ranges (`10~20%`) and dollar+cent pairs
are joined.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

import regex

from etl.mentions import dates, repair
from etl.mentions.amounts import find_amounts, slash_fraction
from etl.mentions.numbers import BIG_UNITS, parse_any
from etl.records import Mention

log = logging.getLogger(__name__)

# tie-break among candidates of equal length: higher wins
_PRIORITY = {"date": 6, "money": 5, "percent": 5, "quantity": 4, "duration": 4, "ordinal": 3, "number": 1}
RANGE_SEP = regex.compile(r"[ \u00a0]?(?:~|∼|〜|-|–|－)[ \u00a0]?")
_WHOLE_MAX = 40
_LAST_BIG = regex.compile(r"([만억조경])[^만억조경0-9]*$")
_ANY_MAG = regex.compile(r"[십백천만억조경]")
_SIGN = regex.compile(r"(?:-|마이너스|마이나스)[ \u00a0]*")


def find_mentions(text: str, ref_date: date | None = None) -> list[Mention]:
    """All numeric/date mentions in `text` (offsets are str offsets into `text`, end exclusive)."""
    try:
        if not isinstance(text, str) or not text:
            return []
        return _find(text, ref_date if isinstance(ref_date, date) else None)
    except Exception:  # pragma: no cover - the contract is "never raises"; log and degrade
        log.warning("find_mentions failed on a %d-char text", len(text) if isinstance(text, str) else -1)
        log.debug("find_mentions failed", exc_info=True)
        return []


def _run(finder: Callable[[], Iterable[Mention]]) -> list[Mention]:
    """One finder's candidates; a finder that fails loses only its own readings (and is logged)."""
    try:
        return list(finder())
    except Exception as e:  # one line, not a traceback: the other finders go on
        log.warning("a mention finder failed: %s: %s", type(e).__name__, e)
        log.debug("a mention finder failed", exc_info=True)
        return []


def _find(text: str, ref: date | None) -> list[Mention]:
    clean = _run(lambda: find_amounts(text))
    clean += _run(lambda: dates.find_dates(text, ref))
    clean += _run(lambda: dates.find_durations(text))
    cands = clean + _run(lambda: repair.repair(text, clean))
    stripped = text.strip()
    if len(stripped) <= _WHOLE_MAX:
        cands.extend(_whole_phrase(text, stripped, ref, cands))
    chosen = _select(cands)
    chosen = _share_list_units(text, _join_ranges(text, chosen))
    # a numeral past a double's range (a run of hundreds of digits) is no amount anyone reports
    return [m for m in chosen if all(v is None or math.isfinite(v) for v in (m.value, m.min, m.max))]


def _select(cands: Iterable[Mention]) -> list[Mention]:
    ordered = sorted(
        cands,
        key=lambda m: (-(m.end - m.start), -_PRIORITY.get(m.kind, 0), -(m.unit is not None), -m.confidence, m.start),
    )
    # taken[i] is 1 once a chosen mention covers offset i; a bytearray slice tests a whole span in C
    # (offsets are never negative: they come from regex spans and str.index)
    taken = bytearray(max((m.end for m in ordered), default=0))
    out: list[Mention] = []
    for m in ordered:
        if m.end <= m.start:
            continue
        if 1 in taken[m.start : m.end]:
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        out.append(m)
    out.sort(key=lambda m: (m.start, m.end))
    return out


# between the items of a list of amounts: `309만, 451만 명`, `1탄 240만, 2탄 334만, 3탄 287만건`
_LIST_ITEM_GAP = regex.compile(r"[ \u00a0]?(?:,|·|및|와|과)[ \u00a0]?(?:\d{1,2}[가-힣]{1,2}[ \u00a0])?")


def _share_list_units(text: str, ms: list[Mention]) -> list[Mention]:
    """A list of amounts writes its unit once, after the last: `309만, 451만 명` is 309만 명 and 451만 명.
    Only amounts with a magnitude word (`만`, `억`) take it: `1탄`'s 1 labels an item."""
    out = list(ms)
    nxt: Mention | None = None
    for i in range(len(out) - 1, -1, -1):
        m = out[i]
        if m.unit is not None and m.kind in ("quantity", "money"):
            nxt = m
        elif (nxt is not None and m.kind == "number" and m.unit is None and m.value is not None
              and _ANY_MAG.search(m.text) and _LIST_ITEM_GAP.fullmatch(text, m.end, nxt.start)):
            out[i] = nxt = replace(m, unit=nxt.unit, kind=nxt.kind, rule=f"{m.rule}+list-unit")
        elif m.kind == "number" and m.value is not None and text[m.end : m.end + 1].isalpha():
            continue  # an item's label (`3탄`) between the amounts
        else:
            nxt = None
    return out


def _join_ranges(text: str, ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        if i + 1 < len(ms):
            b = ms[i + 1]
            joined = _range(text, a, b) or _cents(text, a, b)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _range(text: str, a: Mention, b: Mention) -> Mention | None:
    if a.kind not in ("number", "money", "percent", "quantity", "duration") or a.value is None or b.value is None:
        return None
    if b.kind not in ("money", "percent", "quantity", "duration", "number"):
        return None
    if a.unit is not None and a.unit != b.unit:
        return None
    if a.kind == "number" and b.kind == "number":
        return None
    sep = RANGE_SEP.fullmatch(text, a.end, b.start)
    if sep is None:
        return None
    lo, hi = a.value, b.value
    big = _LAST_BIG.search(b.text)
    if big and a.unit is None and not _ANY_MAG.search(a.text):
        # 3~5억원: the magnitude written once applies to both ends
        lo = a.value * BIG_UNITS[big.group(1)]
    if lo > hi:
        return None
    return Mention(
        kind=b.kind,
        text=text[a.start : b.end],
        start=a.start,
        end=b.end,
        value=lo,
        unit=b.unit,
        qualifier=b.qualifier,
        min=lo,
        max=hi,
        confidence=min(a.confidence, b.confidence),
        rule="range",
    )


def _cents(text: str, a: Mention, b: Mention) -> Mention | None:
    if a.kind != "money" or b.unit != "USD_CENT" or a.unit != "USD" or a.value is None or b.value is None:
        return None
    if text[a.end : b.start].strip():
        return None
    v = a.value + b.value / 100
    return replace(a, text=text[a.start : b.end], end=b.end, value=v, rule="money_dollar_cent")


def _whole_phrase(text: str, stripped: str, ref: date | None, cands: list[Mention]) -> list[Mention]:
    """A short input that is nothing but a numeral (삼천이백만, 스물다섯, 사분의삼, 3/4) is a number."""
    off = text.index(stripped)
    end = off + len(stripped)
    if any(m.start <= off and m.end >= end for m in cands):
        return []
    out: list[Mention] = []
    if any(c.isdigit() for c in stripped):
        # digits are read by the finders; only spelled-out numerals need the whole-phrase reading
        out.extend(slash_fraction(text))
        return out
    v = parse_any(stripped.replace(" ", ""))
    if v is None:
        sign = _SIGN.match(stripped)
        if sign:
            inner = parse_any(stripped[sign.end() :].replace(" ", ""))
            v = -inner if inner is not None else None
    if v is not None:
        out.append(
            Mention(
                kind="number", text=stripped, start=off, end=end, value=v, confidence=0.9, rule="whole_phrase_numeral"
            )
        )
    out.extend(slash_fraction(text))
    out.extend(m for m in find_amounts(text, whole=True) if m.rule == "amount_sino" and m.start == off and m.end == end)
    return out
