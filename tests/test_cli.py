"""The command line: help, one-line failures, parse output."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from etl.cli import app

runner = CliRunner()


def test_help_lists_every_verb() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for verb in ("run", "parse", "explain", "summary", "synth"):
        assert verb in result.output


def test_missing_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--input", str(tmp_path / "nope.jsonl"), "--warehouse",
                                 str(tmp_path / "w.duckdb"), "--quiet"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: input not found:")
    assert not (tmp_path / "w.duckdb").exists()


def test_explain_and_summary_without_a_warehouse(tmp_path: Path) -> None:
    for args in (["explain", "abc"], ["summary"]):
        result = runner.invoke(app, [*args, "--warehouse", str(tmp_path / "none.duckdb")])
        assert result.exit_code == 1
        assert "no warehouse at" in result.output


def test_parse_prints_mentions_as_json() -> None:
    result = runner.invoke(app, ["parse", "매출은 1,493억원, 오류율은 4.17%였다", "--ref-date", "2024-01-01"])
    assert result.exit_code == 0
    mentions = json.loads(result.output)
    assert {(m["kind"], m["value"], m["unit"]) for m in mentions} >= {
        ("money", 149_300_000_000.0, "KRW"), ("percent", 4.17, "percent")}
