"""The `newsfacts parse` contract used by score_peers.py: one JSON line out per line in."""

from __future__ import annotations

import io
import json

from etl.parse_cli import parse_command


def _run(lines: list[str]) -> list[dict[str, object]]:
    out = io.StringIO()
    rc = parse_command(None, None, True, stdin=io.StringIO("".join(lines)), stdout=out)
    assert rc == 0
    return [json.loads(x) for x in out.getvalue().splitlines()]


def test_jsonl_one_line_per_input_even_for_bad_lines() -> None:
    res = _run([
        json.dumps({"text": "매출 1조 2천억원", "ref_time": None}) + "\n",
        "not json\n",
        json.dumps({"text": "지난달 5일", "ref_time": "2024-03-10T09:00:00+09:00"}) + "\n",
        json.dumps({"ref_time": None}) + "\n",
        "\n",
    ])
    assert len(res) == 5
    assert res[0]["mentions"][0]["value"] == 1.2e12  # type: ignore[index]
    assert res[0]["mentions"][0]["unit"] == "KRW"  # type: ignore[index]
    assert res[1]["mentions"] == [] and "error" in res[1]
    assert res[2]["mentions"][0]["date"] == "2024-02-05"  # type: ignore[index]
    assert res[3]["mentions"] == [] and "error" in res[3]
    assert res[4]["mentions"] == [] and "error" in res[4]


def test_single_text_prints_a_json_list() -> None:
    out = io.StringIO()
    assert parse_command("어제 30% 올랐다", "2024-05-02", False, stdout=out) == 0
    ms = json.loads(out.getvalue())
    assert [m["kind"] for m in ms] == ["date", "percent"]
    assert ms[0]["date"] == "2024-05-01"


def test_bad_ref_date_is_a_usage_error() -> None:
    assert parse_command("1억원", "yesterday", False, stdout=io.StringIO()) == 2
