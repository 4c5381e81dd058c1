"""Near-duplicate fingerprints: a MinHash signature of an article's character shingles.

Two signatures that agree in a share s of their positions come from texts whose shingle sets have a
Jaccard similarity of about s. The warehouse compares them (dbt `int_articles__near_duplicates`:
LSH bands of the signature, then the share of equal positions), so the same story republished — wire
copy, mobile and desktop pages, small edits — is counted once.

Shingles are read from the letters and digits only, case-folded: spacing, punctuation, line breaks and
digit grouping (`1,200억원` / `1200억원`) do not make two copies of a story different.

Everything runs in numpy over the whole text at once (a per-shingle Python loop cost more than the
rest of an article's extraction put together): each shingle's code points are folded into one 64-bit
value and mixed down to 32 bits (murmur3's finaliser), and every value goes through NUM_PERM
affine maps `a·x + b mod 2^32` (a odd: each is a bijection), of which each position keeps the minimum.
That is datasketch's `affine32` scheme, at a fifth of the cost of the Mersenne-prime one. The parameters
come from a fixed seed, so signatures agree across calls, processes and machines.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import numpy.typing as npt

_NOT_ALNUM = re.compile(r"[\W_]+")
NUM_PERM = 128
SHINGLE_CHARS = 5
SEED = 1
_LOW32 = np.uint64((1 << 32) - 1)
_FOLD = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: folds a shingle's code points together


@cache
def _parameters() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """(a, b) of the NUM_PERM affine maps, a odd."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 32, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = gen.randint(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a.astype(np.uint32), b.astype(np.uint32)


def _shingle_hashes(norm: str) -> npt.NDArray[np.uint32]:
    """The 32-bit hashes of the text's SHINGLE_CHARS-character windows (one window if shorter); a repeated
    shingle repeats its hash, which changes no minimum."""
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(SHINGLE_CHARS, len(points))
    count = len(points) - width + 1
    h = np.zeros(count, dtype=np.uint64)
    for j in range(width):  # array arithmetic wraps modulo 2^64, as a hash wants
        h = (h ^ points[j : j + count]) * _FOLD
    # murmur3's finaliser: every input bit reaches the low 32 bits kept
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    return (h & _LOW32).astype(np.uint32)


def minhash(text: str) -> list[int] | None:
    """The signature (NUM_PERM unsigned 32-bit values) of a text; None for a text without letters or digits."""
    # (`\w` is `isalnum` plus the underscore; whitespace, never alphanumeric, goes first in one C pass,
    # leaving the pattern fewer and shorter runs to cut)
    norm = _NOT_ALNUM.sub("", "".join(text.casefold().split()))
    if not norm:
        return None
    a, b = _parameters()
    # one row per map, reduced along its contiguous row, the sum made in place (no second temporary)
    t = a[:, None] * _shingle_hashes(norm)
    t += b[:, None]
    return t.min(axis=1).tolist()  # uint32 arithmetic wraps modulo 2^32
