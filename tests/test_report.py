"""`newsfacts report`: the figures are the marts', the page is one file that fetches nothing, and a
real browser (headless Chromium, no network) draws every chart with a Korean font."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.htmlreport import build_report
from etl.htmlreport.queries import COMPANY_PAGES
from etl.htmlreport.render import _ranking_period, grain_label, shown, unit_of
from etl.paths import ROOT

runner = CliRunner()
CHECK_REPORT = ROOT / "scripts" / "check_report.py"
# where the browser test leaves its screenshots (docs/report.md shows copies of them)
SCREENSHOTS = ROOT / "build" / "report-screenshots"


@pytest.fixture(scope="module")
def report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = runner.invoke(app, ["report", "--warehouse", str(sample_warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"report: {out / 'index.html'}" in result.output
    return out / "index.html"


def _embedded(html: str, element_id: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert found, element_id
    return json.loads(found.group(1))


def _sql(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (125_000_000_000, "KRW", "1,250억원"),
    (-4_200_000_000, "KRW", "-42억원"),
    (1_493_000_000, "KRW", "14.93억원"),
    (87, "person", "87명"),
    (8_000_000, "count", "8,000,000건"),
    (0.7, "percent", "0.7%"),
    (0.03, "percent", "0.03%"),
    (35_000_000, "USD", "35,000,000 USD"),
    (None, "KRW", ""),
])
def test_values_are_shown_in_the_units_people_read(value: float | None, unit: str, expected: str) -> None:
    assert shown(value, unit) == expected


def test_report_is_one_file_that_fetches_nothing(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert [p.name for p in report.parent.iterdir()] == ["index.html"]
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", html, flags=re.S)  # the tags, not the code
    assert markup.count("<script") == 4 and not re.search(r"\bsrc=|<link\b|@import|url\(", markup, re.I)
    assert "window.vegaEmbed" in html  # the chart library itself is inline
    assert re.search(r"font-family: var\(--font\)", html) and "NanumGothic" in html and "Noto Sans CJK KR" in html


def test_company_pages_show_the_consolidated_values(report: Path, sample_warehouse: Path) -> None:
    table = _embedded(report.read_text(encoding="utf-8"), "report-companies")
    companies = {c: [dict(zip(table["fields"], r, strict=True)) for r in rows] for c, rows in table["rows"].items()}
    expected_pages = _sql(sample_warehouse, f"""
        select company_id from dim_company where n_observations > 0
        order by n_observations desc, company_name limit {COMPANY_PAGES}""")
    assert list(companies) == [c for (c,) in expected_pages]
    for company_id, rows in companies.items():
        stated = sorted((r["series"].rsplit(" · ", 1)[1], r["period"], r["unit"], r["kind"] == "전망",
                         r["agreement"] == "불일치", round(r["value"] * unit_of(r["unit"]).divisor, 2)) for r in rows)
        truth = sorted((grain_label(g), p or "기간 미상", u, f, d, round(v, 2))
                       for g, p, u, f, d, v in _sql(sample_warehouse, f"""
            select period_grain, period_label, unit, is_forecast, has_disagreement, value from fct_company_metric
            where company_id = '{company_id}'"""))
        assert stated == truth, company_id
    grains = {r[table["fields"].index("series")].rsplit(" · ", 1)[1] for rows in table["rows"].values() for r in rows}
    assert {"연간", "분기", "시점"} <= grains  # a quarter or an as-of level is its own chart, not a year's point


def test_supporting_articles_carry_the_explain_command(report: Path, sample_warehouse: Path) -> None:
    html = report.read_text(encoding="utf-8")
    ids = re.findall(r"newsfacts explain --warehouse \S+ ([0-9a-f]{16})</code>", html)
    assert ids
    known = {i for (i,) in _sql(sample_warehouse, "select observation_id from fct_metric_observation")}
    assert set(ids) <= known
    disputed = _sql(sample_warehouse, "select count(*) from fct_company_metric where has_disagreement")[0][0]
    assert disputed and html.count('<tr class="disputed">') == disputed


def test_rankings_put_the_largest_value_first(report: Path, sample_warehouse: Path) -> None:
    specs = _embedded(report.read_text(encoding="utf-8"), "report-specs")
    # a period of a year, half, quarter or month; levels dated by their article count in their year, each
    # company's latest of the year
    leaders = {(f"ranking-{m}-{u}", _ranking_period({"period_grain": g, "period": p})): name
               for m, u, g, p, name in _sql(sample_warehouse, """
        with periods as (
            select *, case when period_grain = 'as_of' then cast(period_year as varchar) else period_label end as period
            from fct_company_metric
            where not is_forecast and period_grain is not null
            qualify period_grain <> 'as_of'
                or period_label = max(period_label) over (
                    partition by company_id, metric, unit, period_grain, period_year)
        )
        select metric, unit, period_grain, period, arg_min(company_name, (-value, company_name))
        from periods group by all""")}
    assert any(period.endswith("최근 시점") for _, period in leaders)
    ranked = {(name, r["period"]): r["company_name"] for name, spec in specs.items() if name.startswith("ranking-")
              for r in spec["data"]["values"] if r["rank"] == 1}
    assert ranked == leaders


def test_quality_view_counts_rejects_by_reason(report: Path) -> None:
    specs = _embedded(report.read_text(encoding="utf-8"), "report-specs")
    issues = specs["quality-issues"]["data"]["values"]
    assert {(r["issue_kind"], r["n"]) for r in issues} == {("rejected", 1)}
    assert any("no body" in r["reason"] for r in issues) and any("malformed JSON" in r["reason"] for r in issues)
    numbers = specs["quality-numbers"]["data"]["values"]
    assert all(0 <= r["facts"] <= r["mentions"] for r in numbers) and sum(r["facts"] for r in numbers) > 0


def test_every_chart_draws_offline_in_chromium(report: Path) -> None:
    """scripts/check_report.py shows every section in headless Chromium with all requests blocked."""
    done = subprocess.run([sys.executable, str(CHECK_REPORT), str(report), "--screenshots", str(SCREENSHOTS)],
                          capture_output=True, text=True, timeout=300)
    # (no JSON when the machine has no Chromium: the README's `apt-get install chromium fonts-nanum`)
    assert done.stdout.strip(), done.stderr
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["ok"], done.stdout + done.stderr
    html = report.read_text(encoding="utf-8")
    assert result["charts"] == html.count('class="chart"') > 10
    assert result["sections"] == 4 + html.count('class="page company"')
    assert not result["failed_charts"] and not result["script_errors"] and not result["blocked_requests"]
    assert result["fonts"]["heading"] and result["fonts"]["chart_text"] and not result["no_hangul_font"]
    for name in ("overview", "companies", "company", "rankings", "quality"):
        assert (SCREENSHOTS / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_reads_without_writing(sample_warehouse: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sample_warehouse.read_bytes()).hexdigest()
    reader = duckdb.connect(str(sample_warehouse), read_only=True)  # another reader keeps the file open
    try:
        result = build_report(sample_warehouse, tmp_path / "r")
    finally:
        reader.close()
    assert result.path.exists() and result.company_pages > 0
    assert hashlib.sha256(sample_warehouse.read_bytes()).hexdigest() == before


def test_bad_warehouse_is_one_line_and_exit_1(tmp_path: Path) -> None:
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    for name, message in (("none.duckdb", "no warehouse at"), ("empty.duckdb", "lacks the marts")):
        result = runner.invoke(app, ["report", "--warehouse", str(tmp_path / name), "--out", str(tmp_path / "r")])
        assert result.exit_code == 1
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0], result.output
    assert not (tmp_path / "r").exists()
