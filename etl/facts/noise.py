"""Page clutter inside an article's text: stock-quote widgets, price boxes, related-article links.

Web pages put a live quote beside a listed company's name (`씨젠 (24,550원 ▲50 +0.20%)(3381억원)`), a
price box in the middle of a sentence (`현대모비스 012330 | 코스피 증권정보 현재가 252,000 …`), and lists
of related headlines. Their numbers are no company's figures, and they break the structure the fact
rules read (`company(figure)`). `mask` blanks them out with spaces: the text keeps its length, so every
offset still indexes the article body, and the rules read the sentence as the reporter wrote it.
The patterns are rules data (`etl/rules/facts.toml`, `[noise]`).
"""

from __future__ import annotations

from functools import cache

import regex as re

from etl.facts.metrics import facts_rules


@cache
def _noise_re() -> re.Pattern[str] | None:
    patterns = [str(p) for p in facts_rules().get("noise", {}).get("patterns", [])]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def noise_spans(text: str) -> list[tuple[int, int]]:
    pattern = _noise_re()
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text)]


_READ_OUT = re.compile(r"(?<![가-힣])([가-힣]{2,12})\(([A-Z]{2,5})\)(?=[가-힣A-Za-z0-9])")


@cache
def _letter_names() -> dict[str, tuple[str, ...]]:
    rows = [str(r).split() for r in facts_rules().get("noise", {}).get("letter_names", [])]
    return {row[0]: tuple(row[1:]) for row in rows if row}


def _reads_out(hangul: str, latin: str) -> bool:
    """`hangul` is `latin` spelled out letter by letter (`엘지` for `LG`, `에스케이` for `SK`)."""
    names = _letter_names()
    pos = 0
    for letter in latin:
        spelled = next((n for n in names.get(letter, ()) if hangul.startswith(n, pos)), None)
        if spelled is None:
            return False
        pos += len(spelled)
    return pos == len(hangul)


def read_outs(text: str) -> list[tuple[int, int, str]]:
    """Acronyms read out before a name (`엘지(LG)전자`): each span up to the name and what it becomes, the
    acronym written against the name (`    LG`, the same length, so the rules read `LG전자`)."""
    if "(" not in text:
        return []
    return [(m.start(), m.end(), m.group(2).rjust(m.end() - m.start()))
            for m in _READ_OUT.finditer(text) if _reads_out(m.group(1), m.group(2))]


def mask(text: str) -> str:
    """`text` with its clutter replaced by spaces and read-out acronyms set against their names (same length,
    so every offset still falls in the body)."""
    edits = sorted([(s, e, " " * (e - s)) for s, e in noise_spans(text)] + read_outs(text))
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue  # (a read-out inside blanked clutter)
        parts += [text[pos:start], replacement]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
