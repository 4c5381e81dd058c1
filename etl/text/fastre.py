"""Hot patterns on the stdlib `re` engine, with the `regex` module's meaning.

The extractor writes its patterns for the `regex` module. On some long scans (datelines over whole
dumps, sentence ends) the stdlib engine finds the same matches several times faster; on others
(a pattern with a required literal, which `regex` looks for first) it is the slower one, so each
use is chosen by measurement.
The two engines read a pattern the same way except in a few places; `compile` translates the one
that matters here (`\\s`: `regex` takes Unicode White_Space, the stdlib also \\x1c-\\x1f) and leaves
any pattern holding one of the others to `regex`:
`\\w \\W \\b \\B` (word characters differ), `\\p \\P \\X \\N \\G \\K` and other `regex`-only syntax (a
stdlib compile error), inline flags, `\\S` or a bare `[` inside a character class, and flags other
than MULTILINE. A pattern the stdlib rejects (variable-width lookbehind …) also stays with `regex`.
"""

from __future__ import annotations

import re as stdre
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

import regex

# the `regex` module's \s (Unicode White_Space); none of these is special inside a character class
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_UNSAFE_ESCAPES = frozenset("wWbBpPXNGKLVmMZ")
_BOUNDS = stdre.compile(r"\{\d*,?\d*\}")


def translate(pattern: str) -> str | None:
    """`pattern` for the stdlib engine with the `regex` module's meaning, None when unsure."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = False  # at the first character of a class (where `]` is a literal)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            e = pattern[i + 1]
            if e in _UNSAFE_ESCAPES:
                return None
            if e == "s":
                if in_class and (pattern.startswith("-", i + 2) or (out and out[-1] == "-")):
                    return None  # `[\s-x]`: the spelled-out class would make a range
                out.append(WHITESPACE if in_class else f"[{WHITESPACE}]")
            elif e == "S":
                if in_class:
                    return None
                out.append(f"[^{WHITESPACE}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            class_start = False
            continue
        if in_class:
            if c == "[" or pattern.startswith(("--", "&&", "||", "~~"), i):
                return None  # a nested set, a POSIX class or a set operation
            if c == "]" and not class_start:
                in_class = False
            out.append(c)
            class_start = False
            i += 1
            continue
        if c == "[":
            in_class = class_start = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            continue
        if c == "{" and not _BOUNDS.match(pattern, i):
            return None  # `regex` fuzzy constraints (`{e<=1}`) would be literal text to the stdlib
        flag = pattern[i + 2] if pattern.startswith("(?", i) and i + 2 < n else ""
        if c == "(" and flag.isalpha() and flag != "P":
            return None  # inline flags
        out.append(c)
        i += 1
    return None if in_class else "".join(out)


def compile(pattern: str, flags: int = 0) -> Any:
    """A compiled pattern with `regex` semantics: on the stdlib engine when `translate` can, else `regex`."""
    if flags & ~regex.MULTILINE:
        return regex.compile(pattern, flags)
    translated = translate(pattern)
    if translated is not None:
        try:
            return stdre.compile(translated, stdre.MULTILINE if flags & regex.MULTILINE else 0)
        except stdre.error:
            pass
    return regex.compile(pattern, flags)


def literal_alternation(words: list[str]) -> stdre.Pattern[str]:
    """`w1|w2|…` of literal words (never matching when there are none).

    Compiled with the stdlib engine: on an alternation of plain literals it finds the same matches
    (leftmost, first alternative in order, within pos/endpos) ~4× faster than `regex`. The words are
    written as a trie of their characters (`매출(?:액|총이익|)`), which matches what the flat alternation
    matches (see `_trie`) without trying every word at every position that starts one.
    """
    return stdre.compile(_trie(list(enumerate(words)), 0)) if words else stdre.compile(r"(?!)")


def _trie(words: list[tuple[int, str]], depth: int) -> str:
    """The alternation of `words` ((list index, word), sharing their first `depth` characters), from
    character `depth` on, as a trie.

    At a position the flat alternation matches the word of least index that the text continues with.
    Below a node, a longer word of greater index than the node's own word can never be that one (the
    node's word matches wherever it does), so it is dropped; the others are tried before the node's
    word ends the match. Siblings differ in their next character, so at most one of them can match
    and their order is free.
    """
    own = min((i for i, w in words if len(w) == depth), default=None)
    children: dict[str, list[tuple[int, str]]] = {}
    for i, w in words:
        if len(w) > depth and (own is None or i < own):
            children.setdefault(w[depth], []).append((i, w))
    branches = [stdre.escape(c) + _trie(group, depth + 1) for c, group in children.items()]
    if own is not None:
        return f"(?:{'|'.join(branches)}|)" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def literal_matches_by_span(
    pattern: stdre.Pattern[str], text: str, spans: Sequence[tuple[int, int]]
) -> list[list[stdre.Match[str]]]:
    """`pattern.finditer(text, start, end)` of every span, for a `literal_alternation` pattern, from one
    scan of the whole text.

    Whether such a pattern matches at a position depends only on the characters it covers: where no
    match of the whole-text scan crosses an edge of a span, the scan bounded to the span finds exactly
    the whole-text matches inside it. A span whose edge cuts a whole-text match is scanned on its own.
    """
    found = list(pattern.finditer(text))
    starts = [m.start() for m in found]
    out: list[list[stdre.Match[str]]] = []
    for start, end in spans:
        i = bisect_left(starts, start)
        crossed = i > 0 and found[i - 1].end() > start  # the match before the span runs into it
        j = i
        while not crossed and j < len(found) and starts[j] < end:
            crossed = found[j].end() > end  # the match runs out of the span
            j += 1
        out.append(list(pattern.finditer(text, start, end)) if crossed else found[i:j])
    return out
