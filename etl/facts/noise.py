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


def mask(text: str) -> str:
    """`text` with its clutter replaced by spaces (same length, same offsets)."""
    spans = noise_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
