"""Bounds on the work one input may cost: a time budget, and cutting oversize texts into parts.

Extraction is linear in a text's length, but a run must not stall on whatever input nobody has
seen yet: each article (and each record's segmentation) runs under a time budget, and a text too
long to be one article is cut into parts at sentence ends.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Seconds one article's extraction may take (a 100,000-character article takes well under one)
ARTICLE_SECONDS = 60.0
# Seconds a record's segmentation may take: a base plus an allowance per million characters
SEGMENT_SECONDS = 60.0
SEGMENT_SECONDS_PER_MCHAR = 60.0

# where a part of an oversize text may end, best first: a paragraph break, a line end, a sentence
# end (stripped or punctuated), any whitespace
_PART_ENDS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?:다|요|죠)[.?!\"'”’]*\s+|[.?!]\s+"),
              re.compile(r"\s+"))


class BudgetExceeded(BaseException):
    """Raised inside the work when its time budget is spent (a BaseException: the `except Exception`
    of a never-raising extractor must not swallow it)."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the block with BudgetExceeded after `seconds` (wall clock).

    Works in a process's main thread (the workers' and a single-process run's); elsewhere it does not
    interrupt. A long call into C (a regex match, Kiwi) is interrupted when it returns.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BudgetExceeded(f"exceeded its time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def segment_seconds(chars: int) -> float:
    return SEGMENT_SECONDS + SEGMENT_SECONDS_PER_MCHAR * chars / 1_000_000


def cut_points(text: str, limit: int, preferred: Callable[[str], list[int]] | None = None) -> list[int]:
    """Offsets that cut `text` into parts of at most `limit` characters; [] if it fits.

    Each part ends as late as possible in the second half of its window: at the last of the
    `preferred` offsets found in that half (when given), else at the best kind of place in _PART_ENDS.
    """
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = hi
        better = [p for p in preferred(text[lo:hi]) if 0 < p < hi - lo] if preferred else []
        if better:
            cut = lo + max(better)
        else:
            for pattern in _PART_ENDS:
                last = None
                for m in pattern.finditer(text, lo, hi):
                    last = m
                if last is not None:
                    cut = last.end()
                    break
        cuts.append(cut)
        start = cut
    return cuts
