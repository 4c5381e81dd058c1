"""Near-duplicate fingerprints: a MinHash signature (datasketch) of an article's character shingles.

Two signatures that agree in a share s of their positions come from texts whose shingle sets have a
Jaccard similarity of about s. The warehouse compares them (dbt `int_articles__near_duplicates`:
LSH bands of the signature, then the share of equal positions), so the same story republished — wire
copy, mobile and desktop pages, small edits — is counted once.

Shingles are read from the letters and digits only, case-folded: spacing, punctuation, line breaks and
digit grouping (`1,200억원` / `1200억원`) do not make two copies of a story different.
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Any

_NOT_ALNUM = re.compile(r"[\W_]+")
NUM_PERM = 128
SHINGLE_CHARS = 5
SEED = 1


@cache
def _template() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def minhash(text: str) -> list[int] | None:
    """The signature (NUM_PERM unsigned 32-bit values) of a text; None for a text without letters or digits."""
    from datasketch import MinHash

    norm = _NOT_ALNUM.sub("", text.casefold())  # (`\w` is `isalnum` plus the underscore)
    if not norm:
        return None
    shingles = {norm[i:i + SHINGLE_CHARS] for i in range(max(1, len(norm) - SHINGLE_CHARS + 1))}
    template = _template()
    # crc32: a C hash, several times cheaper per shingle than datasketch's default sha1
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme=template.scheme,
                permutations=template.permutations)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in m.hashvalues]
