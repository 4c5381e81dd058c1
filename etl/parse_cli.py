"""`newsfacts parse`: print the mentions of a text (or of JSON lines on stdin) as JSON."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import TextIO

from etl.mentions.find import find_mentions


def _ref(value: object) -> date | None:
    """A reference date from an ISO-8601 date or date-time (the local wall-clock date is kept)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"ref_time must be an ISO-8601 string, got {type(value).__name__}")
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(s[:10])


def _mentions(text: str, ref: date | None) -> list[dict[str, object]]:
    return [m.as_json() for m in find_mentions(text, ref)]


def parse_command(text: str | None, ref_date: str | None, jsonl: bool,
                  stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Implements `newsfacts parse "TEXT" [--ref-date YYYY-MM-DD]` and `newsfacts parse --jsonl`.

    With `jsonl`, every stdin line {"text": ..., "ref_time": ISO-8601|null} yields exactly one output
    line {"mentions": [...]} (flushed); a bad line yields {"mentions": [], "error": "..."}.
    """
    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    if jsonl:
        for line in inp:
            if not line.strip():
                result: dict[str, object] = {"mentions": [], "error": "empty line"}
            else:
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                        raise ValueError('expected an object with a string "text"')
                    result = {"mentions": _mentions(rec["text"], _ref(rec.get("ref_time")))}
                except (ValueError, TypeError) as exc:
                    result = {"mentions": [], "error": str(exc)}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
        return 0
    if text is None:
        print("parse: give a TEXT or --jsonl", file=sys.stderr)
        return 2
    try:
        ref = _ref(ref_date)
    except ValueError as exc:
        print(f"parse: bad --ref-date {ref_date!r}: {exc}", file=sys.stderr)
        return 2
    out.write(json.dumps(_mentions(text, ref), ensure_ascii=False, indent=2) + "\n")
    return 0
