"""Units, currencies and counters, read from `seeds/units.csv` (shared with dbt as a seed)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from etl.mentions.numbers import alternation
from etl.reference import read_seed


@dataclass(frozen=True, slots=True)
class UnitInfo:
    surface: str
    unit: str  # canonical name (KRW, percent, person, count, hour, GWh, ...)
    kind: str  # money | percent | quantity | duration
    factor: float
    position: str  # prefix | suffix | both
    native: int  # 0: digits/Sino-Korean only; 1: native numerals too, spaced (한 편); 2: also unspaced (한명)

    def scale(self, value: float) -> float:
        """The value in the canonical unit (`800PPM` → 0.08 percent), free of binary fractions' noise."""
        return value if self.factor == 1 else round(value * self.factor, 12)


@cache
def units() -> dict[str, UnitInfo]:
    table: dict[str, UnitInfo] = {}
    for row in read_seed("units"):
        surface = row.get("surface", "")
        if not surface:
            continue
        table[surface] = UnitInfo(
            surface=surface,
            unit=row["unit"],
            kind=row["kind"],
            factor=float(row.get("factor") or 1),
            position=row.get("position") or "suffix",
            native=int(row.get("native") or 0),
        )
    return table


def lookup(surface: str) -> UnitInfo | None:
    return units().get(surface)


def _is_ascii_word(s: str) -> bool:
    return s[-1:].isascii() and s[-1:].isalpha()


def suffix_pattern(native: bool = False) -> str:
    """Alternation of suffix unit surfaces; ASCII ones must not run into more letters (5mm, not 5m+m)."""
    parts = []
    for u in sorted(units().values(), key=lambda u: (-len(u.surface), u.surface)):
        if u.position not in ("suffix", "both"):
            continue
        if native and u.native == 0:
            continue
        esc = regex.escape(u.surface)
        parts.append(esc + r"(?![A-Za-z])" if _is_ascii_word(u.surface) else esc)
    return "|".join(parts)


def prefix_pattern() -> str:
    return alternation(u.surface for u in units().values() if u.position in ("prefix", "both"))
