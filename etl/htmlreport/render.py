"""Writing the report: one HTML file with its charts' JavaScript, specs and data inlined.

The page opens from disk with no network. Its sections (overview, companies, one page per company,
rankings, data quality) are shown one at a time by the URL's fragment, and a chart is drawn when its
section is first shown, so a page with a hundred company sections opens as fast as one without.
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from etl.htmlreport import charts
from etl.htmlreport.queries import EXAMPLES_PER_COMPANY, NUMERIC_KINDS, ReportData, Row

UNKNOWN_PERIOD = "기간 미상"


@dataclass(frozen=True)
class Unit:
    divisor: float
    suffix: str


@cache
def _labels() -> dict[str, Any]:
    return tomllib.loads(resources.files("etl.htmlreport").joinpath("labels.toml").read_text(encoding="utf-8"))


def metric_label(metric: str) -> str:
    label: str = _labels()["metrics"].get(metric, metric)
    return label


def unit_of(unit: str | None) -> Unit:
    spec = _labels()["units"].get(unit or "")
    return Unit(float(spec["divisor"]), spec["suffix"]) if spec else Unit(1.0, f" {unit}" if unit else "")


def shown(value: float | None, unit: str | None) -> str:
    """A value in the unit people read it in: 1,250억원, 87명, 0.7%, 35,000,000 USD."""
    if value is None:
        return ""
    u = unit_of(unit)
    v = value / u.divisor
    text = f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{u.suffix}"


def series_label(metric: str, unit: str | None) -> str:
    suffix = unit_of(unit).suffix.strip()
    return f"{metric_label(metric)} ({suffix})" if suffix else metric_label(metric)


def grain_label(grain: str | None) -> str:
    label: str = _labels()["grains"].get(grain, UNKNOWN_PERIOD) if grain else UNKNOWN_PERIOD
    return label


def period_shown(period: str | None, grain: str | None) -> str:
    """2024, 2024H1, 2024Q3, 2024-11; a level dated by its article: `2024-12-05 기준` (as of)."""
    if not period:
        return UNKNOWN_PERIOD
    return f"{period} 기준" if grain == "as_of" else period


def _json(obj: object) -> str:
    """JSON safe inside <script>: no `</` can close the element."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).replace("</", "<\\/")


def _company_rows(series: Iterable[Row]) -> list[Row]:
    rows = []
    for r in series:
        u = unit_of(r["unit"])
        disputed = bool(r["has_disagreement"])
        rows.append({
            # one small chart per metric, unit and grain: a quarter is never drawn between two years
            "series": f"{series_label(r['metric'], r['unit'])} · {grain_label(r['period_grain'])}",
            "unit": r["unit"],
            "period": r["period"] or UNKNOWN_PERIOD,
            "value": r["value"] / u.divisor,
            # the spread is drawn only where articles disagree
            "min": r["min_value"] / u.divisor if disputed else None,
            "max": r["max_value"] / u.divisor if disputed else None,
            "shown": shown(r["value"], r["unit"]),
            "range": f"{shown(r['min_value'], r['unit'])} ~ {shown(r['max_value'], r['unit'])}" if disputed else "",
            "n_articles": r["n_articles"],
            "kind": "전망" if r["is_forecast"] else "실적",
            "agreement": "불일치" if disputed else "일치",
        })
    return rows


def _columns(tables: dict[str, list[Row]]) -> dict[str, Any]:
    """Rows as arrays under one list of field names: the page carries each field name once, not per row."""
    fields = list(next((rows[0] for rows in tables.values() if rows), {}))
    return {"fields": fields, "rows": {k: [[r[f] for f in fields] for r in rows] for k, rows in tables.items()}}


def _periods_newest_first(periods: Iterable[str]) -> list[str]:
    return sorted(set(periods), reverse=True)


def _ranking_period(r: Row) -> str:
    """An as-of level is ranked in its year (each company's latest level of the year): `2024년 최근 시점`."""
    return f"{r['period']}년 최근 {grain_label('as_of')}" if r["period_grain"] == "as_of" else str(r["period"])


def _rankings(rows: list[Row]) -> list[dict[str, Any]]:
    """One chart per metric and unit, the most reported unit first."""
    by_metric: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_metric[(r["metric"], r["unit"])].append(r)
    out = []
    for (metric, unit), metric_rows in sorted(by_metric.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        companies = {_ranking_period(r): r["companies"] for r in metric_rows}
        periods = _periods_newest_first(companies)
        # the period that ranks the most companies (the latest of equals): stray years stated by a few
        # articles would make a poor first view
        default = max(periods, key=lambda p: (companies[p], p))
        data = [{
            "period": _ranking_period(r), "rank": r["rank"], "company_name": r["company_name"],
            "value": r["value"] / unit_of(r["unit"]).divisor, "shown": shown(r["value"], r["unit"]),
            "range": (f"{shown(r['min_value'], r['unit'])} ~ {shown(r['max_value'], r['unit'])}"
                      if r["has_disagreement"] else ""),
            "n_articles": r["n_articles"], "companies": r["companies"],
            "agreement": "불일치" if r["has_disagreement"] else "일치",
        } for r in metric_rows]
        label = series_label(metric, unit)
        out.append({"id": f"ranking-{metric}-{unit}", "label": label,
                    "spec": charts.ranking(data, label, periods, default)})
    return out


def _company_pages(data: ReportData, explain: str) -> list[dict[str, Any]]:
    companies = {c["company_id"]: c for c in data.companies}
    series: dict[str, list[Row]] = defaultdict(list)
    for r in data.series:
        series[r["company_id"]].append(r)
    examples: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for e in data.examples:
        key = (e["company_id"], e["metric"], e["unit"], e["is_forecast"], e["period_grain"], e["period"])
        examples[key].append({**e, "shown": shown(e["value"], e["unit"]),
                              "explain": f"{explain} {e['observation_id']}"})
    pages = []
    for company_id in data.company_pages:
        table = [{
            **r,
            "label": series_label(r["metric"], r["unit"]),
            "period_shown": period_shown(r["period"], r["period_grain"]),
            "shown": shown(r["value"], r["unit"]),
            "range": f"{shown(r['min_value'], r['unit'])} ~ {shown(r['max_value'], r['unit'])}",
            "examples": examples.get(
                (company_id, r["metric"], r["unit"], r["is_forecast"], r["period_grain"], r["period"]), []),
        } for r in series[company_id]]
        pages.append({"company": companies[company_id], "rows": table,
                      "chart_rows": _company_rows(series[company_id]),
                      "n_examples": sum(len(r["examples"]) for r in table)})
    return pages


def _quality(data: ReportData) -> dict[str, Any]:
    specs: dict[str, Any] = {}
    if data.issues:
        specs["quality-issues"] = charts.issues(data.issues)
    without = [{"label": metric_label(r["metric"]), "dated": "기간 없음", "n": r["without_period"]}
               for r in data.facts_by_metric] + [
              {"label": metric_label(r["metric"]), "dated": "기간 있음", "n": r["facts"] - r["without_period"]}
              for r in data.facts_by_metric]
    specs["quality-periods"] = charts.facts_without_period(without)
    numbers = [{**r, "share": r["facts"] / r["mentions"] if r["mentions"] else 0.0} for r in data.numbers_to_facts]
    specs["quality-numbers"] = charts.numbers_to_facts(numbers)
    specs["quality-confidence"] = charts.confidence(
        [{**r, "label": metric_label(r["metric"]), "bin_end": r["bin"] + 0.05} for r in data.confidence])
    specs["quality-disagreement"] = charts.disagreement(
        [{**r, "label": metric_label(r["metric"]),
          "share": r["disputed"] / r["consolidated"] if r["consolidated"] else 0.0} for r in data.disagreement])
    n_mentions = sum(r["mentions"] for r in data.numbers_to_facts)
    n_facts = sum(r["facts"] for r in data.numbers_to_facts)
    return {"specs": specs, "numbers_share": n_facts / n_mentions if n_mentions else None,
            "n_numbers": n_mentions, "n_number_facts": n_facts}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("etl.htmlreport", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n"] = lambda v: "" if v is None else f"{v:,}"
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.1%}"
    env.filters["metric"] = metric_label
    return env


def render(data: ReportData, *, warehouse: Path, explain: str, javascript: str) -> str:
    pages = _company_pages(data, explain)
    rankings = _rankings(data.rankings)
    quality = _quality(data)
    specs: dict[str, Any] = {
        "overview-metrics": charts.facts_by_metric(
            [{**r, "label": f"{metric_label(r['metric'])} {r['metric']}"} for r in data.facts_by_metric]),
        "overview-coverage": charts.coverage(data.coverage),
        "company": charts.company_metrics(),
        **{r["id"]: r["spec"] for r in rankings},
        **quality["specs"],
    }
    template = _environment().get_template("report.html.j2")
    return template.render(
        warehouse=warehouse.name, totals=data.totals,
        facts_by_metric=data.facts_by_metric, companies=data.companies,
        paged={p["company"]["company_id"] for p in pages}, pages=pages, rankings=rankings,
        quality=quality, issues=data.issues, numeric_kinds=", ".join(NUMERIC_KINDS),
        examples_per_company=EXAMPLES_PER_COMPANY, font_stack=charts.FONT_STACK,
        specs_json=_json(specs),
        company_json=_json(_columns({p["company"]["company_id"]: p["chart_rows"] for p in pages})),
        javascript=javascript.replace("</script", "<\\/script"),
        page_script=_template_file("report.js"),
        stylesheet=_template_file("report.css"),
    )


def _template_file(name: str) -> str:
    return resources.files("etl.htmlreport").joinpath("templates", name).read_text(encoding="utf-8")
