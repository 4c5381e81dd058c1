"""The mention layer: every number, amount and date in a text, normalized (GDELT's amounts layer).

    find_mentions(text, ref_date=None) -> list[Mention]

Knows nothing of companies or metrics; the fact layer (`etl.facts`) builds on it, never the reverse.
"""

from etl.mentions.find import find_mentions

__all__ = ["find_mentions"]
