"""Qualifier words (약, 여, 이상, 미만, …) read from `etl/rules/qualifiers.csv`."""

from __future__ import annotations

import csv
from functools import cache

from etl.mentions.numbers import RULES, alternation


@cache
def qualifier_table() -> dict[tuple[str, str], str]:
    """(position, surface) -> qualifier (approx, gt, gte, lt, lte)."""
    with (RULES / "qualifiers.csv").open(encoding="utf-8", newline="") as f:
        return {(r["position"], r["surface"]): r["qualifier"] for r in csv.DictReader(f)}


def words(position: str) -> list[str]:
    return [s for (p, s) in qualifier_table() if p == position]


def pattern(position: str) -> str:
    return alternation(words(position))


def qualifier_of(position: str, surface: str | None) -> str | None:
    if not surface:
        return None
    return qualifier_table().get((position, surface.strip()))


def combine(first: str | None, second: str | None) -> str:
    """A suffix bound (이상/미만) outranks an approximation word (약); default exact."""
    for q in (second, first):
        if q in ("gt", "gte", "lt", "lte"):
            return q
    return first or second or "exact"
