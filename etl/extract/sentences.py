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

from dataclasses import dataclass

import regex as re

# `보다`/`마다` end eojeols as comparison/distributive particles, not as sentence endings
_NOT_FINAL_ENDS = ("보다", "마다", "부터다")
# stand-alone particles that continue a sentence after a stripped closing quote
_CONTINUATION = frozenset(
    "고 며 라며 라고 면서 하며 는 란 라는 이라는 이라고 이라며 고요 며서 지만 라면서 이라면서".split()  # noqa: SIM905
)
_TOKEN = re.compile(r"\S+")
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
    if not core or core.endswith(_NOT_FINAL_ENDS):
        return False
    if not core.endswith(_FINAL_ENDS):
        return False
    # a one-syllable 다 (다 같이) or 요 is not an ending
    return len(core) >= 2


# Tokens that may end a sentence: the last token, one followed by a newline, or one whose last
# character is sentence punctuation, a closing quote/bracket or a final-ending syllable. Every other
# token fails `_is_final` outright, so only these are looked at (one regex scan instead of a Python
# step per token). A match always starts at a token's start: the token's end decides it.
_MAYBE_FINAL = re.compile(r"(?<!\S)\S++(?:(?<=[.?!。다죠요까”\"'’)\]])|(?=\s*\n|\s*$))")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with str offsets (end exclusive), whitespace trimmed, none empty."""
    out: list[Sentence] = []
    first = _TOKEN.search(text)
    if first is None:
        return out
    start = first.start()
    for m in _MAYBE_FINAL.finditer(text):
        end = m.end()
        nxt_m = _TOKEN.search(text, end)
        if nxt_m is None:
            out.append(Sentence(start, end, text[start:end]))
            break
        if _is_final(m.group(), nxt_m.group(), text[end : nxt_m.start()]):
            out.append(Sentence(start, end, text[start:end]))
            start = nxt_m.start()
    return out


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
