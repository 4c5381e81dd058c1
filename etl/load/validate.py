"""The invariants of raw rows, checked before a row is staged.

A row that breaks one goes to `raw.quarantine` with the reason, and the rest of its article loads:
one defective finding must not cost the run (the dbt data tests would fail and nothing would be
published). The checks mirror the data tests of the marts, so on a normal run those never fire.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from etl.records import DATE_GRAINS, MENTION_KINDS, QUALIFIERS
from etl.reference import seed

Row = dict[str, object]
# the years a fact's period may name (the marts' value_in_range bounds)
MIN_YEAR, MAX_YEAR = 1900, 2100


@cache
def _metrics() -> frozenset[str]:
    return frozenset(r["metric"] for r in seed("metric_catalog") if r.get("metric"))


@cache
def _event_types() -> frozenset[str]:
    return frozenset(r["event_type"] for r in seed("event_cues") if r.get("event_type"))


def _span(row: Row, body: str, start: str, end: str, *, required: bool = True) -> str | None:
    s, e = row.get(start), row.get(end)
    if s is None and e is None and not required:
        return None
    if not isinstance(s, int) or not isinstance(e, int):
        return f"{start}/{end} missing"
    if not 0 <= s < e <= len(body):
        return f"{start}={s}, {end}={e} outside the body (0..{len(body)}) or empty"
    return None


def _finite(row: Row, *columns: str) -> str | None:
    for c in columns:
        v = row.get(c)
        if v is not None and (not isinstance(v, int | float) or not math.isfinite(v)):
            return f"{c}={v!r} is not a finite number"
    return None


def _member(row: Row, column: str, allowed: frozenset[str] | tuple[str, ...], *, nullable: bool) -> str | None:
    v = row.get(column)
    if v is None and nullable:
        return None
    if v not in allowed:
        return f"{column}={v!r} is not one of {', '.join(sorted(allowed))}"
    return None


def _confidence(row: Row) -> str | None:
    c = row.get("confidence")
    if c is not None and not (isinstance(c, int | float) and 0.0 <= c <= 1.0):
        return f"confidence={c!r} outside 0..1"
    return None


def _year(v: object, column: str) -> str | None:
    if v is not None and not (isinstance(v, int) and MIN_YEAR <= v <= MAX_YEAR):
        return f"{column}={v!r} outside {MIN_YEAR}..{MAX_YEAR}"
    return None


def _first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def _article(row: Row, body: str) -> str | None:
    return _first(
        None if body.strip() else "empty body",
        None if row.get("char_count") == len(body) else "char_count is not the body's length",
    )


def _mention(row: Row, body: str) -> str | None:
    span = _span(row, body, "start_char", "end_char")
    return _first(
        _member(row, "kind", MENTION_KINDS, nullable=False),
        span,
        None if span or row.get("text") == body[row["start_char"]:row["end_char"]]  # type: ignore[misc]
        else "text is not the body between the offsets",
        _finite(row, "value", "min_value", "max_value"),
        _member(row, "qualifier", QUALIFIERS, nullable=True),
        _member(row, "date_grain", DATE_GRAINS, nullable=True),
        _confidence(row),
    )


def _company_mention(row: Row, body: str) -> str | None:
    span = _span(row, body, "start_char", "end_char")
    return _first(
        None if row.get("company_name") else "company_name missing",
        span,
        None if span or row.get("surface") == body[row["start_char"]:row["end_char"]]  # type: ignore[misc]
        else "surface is not the body between the offsets",
        _confidence(row),
    )


def _evidence(row: Row, body: str) -> str | None:
    """The evidence is a sentence of the body holding the fact's span."""
    ev = row.get("evidence")
    if not isinstance(ev, str) or not ev:
        return "evidence missing"
    s, e = row["start_char"], row["end_char"]
    assert isinstance(s, int) and isinstance(e, int)  # checked by _span before
    if body[s:e] not in ev:
        return "the body between the offsets is not in the evidence"
    if ev not in body:
        return "evidence is not a passage of the body"
    return None


def _fact(row: Row, body: str) -> str | None:
    span = _span(row, body, "start_char", "end_char")
    return _first(
        None if row.get("company_name") else "company_name missing",
        _member(row, "metric", _metrics(), nullable=False),
        None if row.get("value") is not None else "value missing",
        _finite(row, "value"),
        None if row.get("unit") else "unit missing",
        _member(row, "qualifier", QUALIFIERS, nullable=True),
        _year(row.get("period_year"), "period_year"),
        None if isinstance(row.get("is_forecast"), bool) else "is_forecast missing",
        span,
        _span(row, body, "company_start", "company_end", required=False),
        None if span else _evidence(row, body),
        _confidence(row),
    )


def _event(row: Row, body: str) -> str | None:
    span = _span(row, body, "start_char", "end_char")
    return _first(
        _member(row, "event_type", _event_types(), nullable=False),
        None if row.get("event_date") is not None else "event_date missing",
        _member(row, "date_grain", DATE_GRAINS, nullable=False),
        span,
        None if span else _evidence(row, body),
        _confidence(row),
    )


CHECKS: dict[str, Callable[[Row, str], str | None]] = {
    "articles": _article,
    "mentions": _mention,
    "company_mentions": _company_mention,
    "facts": _fact,
    "events": _event,
}
ID_COLUMNS = {"articles": "article_id", "mentions": "mention_id", "company_mentions": "company_mention_id",
              "facts": "fact_id", "events": "event_id"}


def violation(table: str, row: Row, body: str) -> str | None:
    """Why `row` of raw.`table` may not be loaded, or None when it keeps every invariant (never raises)."""
    check = CHECKS.get(table)
    if check is None:
        return None
    try:
        return check(row, body)
    except Exception as e:  # a row odd enough to break a check breaks the invariants too
        return f"row could not be checked: {type(e).__name__}: {e}"


def split_rows(table: str, rows: list[Row], body: str) -> tuple[list[Row], list[tuple[Row, str]]]:
    """The rows that keep the invariants, and the others with their reasons.

    Ids hash content and position: two rows with one id are one finding (the first is kept); a row
    whose id repeats with other content is a violation.
    """
    key = ID_COLUMNS.get(table)
    good: list[Row] = []
    bad: list[tuple[Row, str]] = []
    seen: dict[object, Row] = {}
    for row in rows:
        reason = violation(table, row, body)
        if reason is None and key is not None:
            rid = row.get(key)
            if not rid:
                reason = f"{key} missing"
            elif rid in seen:
                if seen[rid] != row:
                    bad.append((row, f"{key} {rid} repeats with other content"))
                continue
            else:
                seen[rid] = row
        if reason is None:
            good.append(row)
        else:
            bad.append((row, reason))
    return good, bad
