"""Sentence splitting for Korean news, robust to punctuation replaced by spaces.

Clean text ends sentences with `.`/`?`/`!`; stripped dumps leave only a verb ending (`…했다`,
`…이다`, `…죠`) followed by spaces. A sentence break is placed after:
- a newline,
- sentence punctuation followed by whitespace,
- an eojeol ending in a sentence-final ending (`다`, `죠`, `요`, `니다`) followed by whitespace, unless
  the next eojeol is a quotative/connective particle standing alone (`…했다 고 말했다`, `…이다 며`),
  which is how a stripped closing quote looks.
"""

from __future__ import annotations

import re as stdre
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from etl.text.fastre import WHITESPACE

# `보다`/`마다` end eojeols as comparison/distributive particles, not as sentence endings
_NOT_FINAL_ENDS = ("보다", "마다", "부터다")
# nouns ending in a final-ending syllable that no sentence ends on bare (`국내 주요 대기업`, `수요 증가`)
_NOT_FINAL_WORDS = frozenset({"주요", "수요", "중요", "필요", "개요", "소요"})
# stand-alone particles that continue a sentence after a stripped closing quote
_CONTINUATION = frozenset(
    "고 며 라며 라고 면서 하며 는 란 라는 이라는 이라고 이라며 고요 며서 지만 라면서 이라면서".split()  # noqa: SIM905
)
_PUNCT_CHARS = (".", "?", "!", "。")
_DECIMAL_END = re.compile(r"\d[.]$")
_FINAL_ENDS = ("다", "죠", "요", "까")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_final(token: str, nxt: str | None, gap: str) -> bool:
    if "\n" in gap:
        return True
    if nxt is not None and nxt in _CONTINUATION:
        return False
    # str tests stand for the anchored patterns they replace (a token holds no newline)
    if token.endswith(_PUNCT_CHARS):
        return not _DECIMAL_END.search(token) or len(gap) > 1
    core = token.rstrip("”\"'’)]")
    if not core or core.endswith(_NOT_FINAL_ENDS) or core in _NOT_FINAL_WORDS:
        return False
    if not core.endswith(_FINAL_ENDS):
        return False
    # a one-syllable 다 (다 같이) or 요 is not an ending
    return len(core) >= 2


# The scan below runs on the stdlib `re` engine, ~3× faster on this pattern, with the `regex`
# module's whitespace spelled out (WHITESPACE, see etl/fastre.py): every boundary stays where `regex`
# put it.
# Tokens that may end a sentence: the last token, one followed by a newline, or one whose last
# character is sentence punctuation, a closing quote/bracket or a final-ending syllable. Every other
# token fails `_is_final` outright, so only these are looked at (one regex scan instead of a Python
# step per token). A match always starts at a token's start: the token's end decides it. The
# lookahead hands over the gap after the token (group 1) and the next token (group 2, empty after
# the last one).
_MAYBE_FINAL = stdre.compile(
    f"(?<![^{WHITESPACE}])[^{WHITESPACE}]++(?:(?<=[.?!。다죠요까”\"'’)\\]])|(?=[{WHITESPACE}]*\\n|[{WHITESPACE}]*$))"
    f"(?=([{WHITESPACE}]*)([^{WHITESPACE}]*))"
)
# Segmentation splits a dump piece, then fact extraction the article cut from it (the same text up
# to surrounding whitespace), and discovery of companies asks again: the sentences of a text are
# kept per whitespace-trimmed text, whose sentences are those of the text shifted by the leading
# whitespace (whitespace only separates tokens, and the text's edges are token edges either way).
SENTENCE_CACHE_SIZE = 512
CACHED_TEXT_CHARS = 10_000


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with str offsets (end exclusive), whitespace trimmed, none empty."""
    core = text.strip(WHITESPACE)
    if not core:
        return []
    lead = text.find(core[0])  # all before the core is whitespace
    if len(core) > CACHED_TEXT_CHARS:
        return list(_split(core, lead))
    sents = _split_cached(core)
    if not lead:
        return list(sents)
    return [Sentence(s.start + lead, s.end + lead, s.text) for s in sents]


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _split_cached(core: str) -> tuple[Sentence, ...]:
    return _split(core, 0)


# a sentence end with no space after it (`…증가한 수치다.한빛투자증권의`, from pages that lost the space
# between paragraphs): read as if a space followed, the stop staying in the text
# (the stop first, then the syllable behind it: a scan for a rare character skips most positions at once,
# where one starting with a lookbehind tries it at every position)
GLUED_STOP = stdre.compile(r"[.?!](?<=[가-힣][.?!])(?=[가-힣A-Za-z])")


def unglue_stops(text: str) -> str:
    """`text` with each glued sentence stop turned into a space (same length, same offsets)."""
    return GLUED_STOP.sub(" ", text) if ("." in text or "?" in text or "!" in text) else text


# a stop that ends a sentence of punctuated text: `…했다. `, `…했다.\n`
_PUNCTUATED_END = stdre.compile(r"[가-힣][.?!](?:[\s”\"'’)]|$)")


def _split(core: str, lead: int) -> tuple[Sentence, ...]:
    """Sentences of a whitespace-trimmed text, offsets shifted by `lead`.

    In a paragraph that ends its sentences with stops, a bare `다` ends none (`한빛라이다 매출은`: a name
    ending in 다); a dump that lost its punctuation has no stops to tell by.
    """
    out: list[Sentence] = []
    start = 0
    text = unglue_stops(core)
    punctuated = _punctuated_paragraphs(text) if "." in text else []
    for m in _MAYBE_FINAL.finditer(text):
        end = m.end()
        nxt = m.group(2)
        if not nxt:
            out.append(Sentence(start + lead, end + lead, core[start:end]))
            break
        if _is_final(m.group(), nxt, m.group(1)) and not (
                punctuated and "\n" not in m.group(1) and text[end - 1] in "다죠요까"
                and core[end] not in _PUNCT_CHARS and _in_spans(punctuated, end)):  # (a glued stop ends it)
            out.append(Sentence(start + lead, end + lead, core[start:end]))
            start = end + len(m.group(1))
    return tuple(out)


def _punctuated_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs (newline to newline) that end a sentence with a stop."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        if _PUNCTUATED_END.search(text, start, end + 1 if end < len(text) else end):
            out.append((start, end))
        start = end + 1
    return out


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(spans, (pos, sys.maxsize)) - 1  # the last span starting at or before pos
    return k >= 0 and pos < spans[k][1]


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence holding `offset` (the nearest earlier one if it falls in a gap)."""
    lo, hi = 0, len(sentences) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best
