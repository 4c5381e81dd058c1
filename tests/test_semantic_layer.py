"""The dbt semantic layer and docs: metrics MetricFlow can query, equal to SQL on the marts; every
model and column described; the exposure names what the report reads.

dbt and `mf` run on a copy of the project (so they never touch dbt_project/target, the runs' parse
cache) against the session's sample warehouse, opened read-only (dbt_project/readonly/profiles.yml).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl.htmlreport.queries import MARTS
from etl.paths import DBT_PROJECT, SEEDS

BIN = Path(sys.executable).parent
# the units each metric of the semantic layer counts (its `filter`)
METRIC_UNITS = {"revenue": ("KRW",), "operating_profit": ("KRW",), "net_income": ("KRW",), "headcount": ("person",),
                "users": ("person", "count"), "downloads": ("count",), "error_rate": ("percent",)}
COMPANY_METRICS = tuple(METRIC_UNITS)
UNITS_SQL = "(values " + ", ".join(f"('{m}', '{u}')" for m, units in METRIC_UNITS.items() for u in units) + \
    ") as metric_units(metric, unit)"
# flows over a period: annual figures, added up; levels at a point in time: summed over companies at
# each company's latest period (its last day, at any grain), never over periods
FLOWS = ("revenue", "operating_profit", "net_income")
STOCKS = ("headcount", "users", "downloads")
# fct_company_metric's reported actuals in each metric's units, with the company's name and the last day
# of the period (the semantic model's `period`)
ACTUALS = f"""
    select f.*, c.company_name as company, case f.period_grain
        when 'year' then make_date(f.period_year, 12, 31)
        when 'half' then last_day(make_date(cast(left(f.period_label, 4) as integer),
                                            6 * cast(right(f.period_label, 1) as integer), 1))
        when 'quarter' then last_day(make_date(cast(left(f.period_label, 4) as integer),
                                               3 * cast(right(f.period_label, 1) as integer), 1))
        when 'month' then last_day(cast(f.period_label || '-01' as date))
        when 'as_of' then cast(f.period_label as date)
    end as period_end
    from fct_company_metric f
    join dim_company c using (company_id)
    join {UNITS_SQL} using (metric, unit)
    where not f.is_forecast and (f.period_grain = 'year' or f.metric not in {FLOWS})"""


@pytest.fixture(scope="module")
def project(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the dbt project whose target/ holds the docs site, the manifest, the catalog and the
    semantic manifest (`dbt docs generate --static`, which also parses)."""
    root = tmp_path_factory.mktemp("semantic")
    copy = root / "dbt_project"
    shutil.copytree(DBT_PROJECT, copy, ignore=shutil.ignore_patterns("target", "logs"))
    (root / SEEDS.name).symlink_to(SEEDS)
    _run(copy, sample_warehouse, [str(BIN / "dbt"), "docs", "generate", "--static", "--quiet"])
    return copy


def _run(project: Path, warehouse: Path, args: list[str]) -> str:
    env = {**os.environ, "NEWSFACTS_DB": str(warehouse), "DBT_PROFILES_DIR": str(project / "readonly")}
    done = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def _artifact(project: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((project / "target" / name).read_text(encoding="utf-8"))
    return data


def _sql(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _mf_query(project: Path, warehouse: Path, metrics: tuple[str, ...], group_by: list[str]) -> list[dict[str, str]]:
    out = project.parent / f"mf-{len(group_by)}.csv"
    args = [str(BIN / "mf"), "query", "--metrics", ",".join(metrics), "--csv", str(out)]
    if group_by:
        args += ["--group-by", ",".join(group_by)]
    _run(project, warehouse, args)
    with out.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_model_and_column_is_described(project: Path) -> None:
    manifest, catalog = _artifact(project, "manifest.json"), _artifact(project, "catalog.json")
    assert (project / "target" / "static_index.html").stat().st_size > 100_000
    undescribed = []
    for uid, table in {**catalog["nodes"], **catalog["sources"]}.items():
        node = manifest["nodes"].get(uid) or manifest["sources"][uid]
        if not node["description"].strip():
            undescribed.append(uid)
        documented = {name.lower(): col for name, col in node["columns"].items()}
        undescribed += [f"{uid}.{c}" for c in table["columns"]
                        if not documented.get(c.lower(), {}).get("description", "").strip()]
    models = [uid for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"]
    assert len(models) > 20 and set(models) <= set(catalog["nodes"])  # every model was catalogued
    assert undescribed == []


def test_semantic_manifest_defines_the_company_metrics(project: Path) -> None:
    semantic = _artifact(project, "semantic_manifest.json")
    metrics = {m["name"] for m in semantic["metrics"]}
    assert set(COMPANY_METRICS) <= metrics
    dimensions = {(sm["name"], d["name"]) for sm in semantic["semantic_models"] for d in sm["dimensions"]}
    assert {("company", "company_name"), ("company_metric", "period"), ("metric_observation", "published"),
            ("company_metric", "first_published")} <= dimensions
    assert semantic["project_configuration"]["time_spine_table_configurations"] or \
        semantic["project_configuration"]["time_spines"]


def test_exposure_names_the_marts_the_report_reads(project: Path) -> None:
    exposure = _artifact(project, "manifest.json")["exposures"]["exposure.newsfacts.newsfacts_report"]
    assert {n.split(".")[-1] for n in exposure["depends_on"]["nodes"]} == set(MARTS)


def test_mf_query_equals_sql_per_company_and_period(project: Path, sample_warehouse: Path) -> None:
    rows = _mf_query(project, sample_warehouse, COMPANY_METRICS, ["company__company_name", "metric_time__year"])
    queried = {(r["company__company_name"], (r["metric_time__year"] or "")[:4], m): float(r[m])
               for r in rows for m in COMPANY_METRICS if r[m] != ""}
    expected = {(name, str(year) if year is not None else "", metric): value
                for name, year, metric, value in _sql(sample_warehouse, f"""
        with actuals as ({ACTUALS}),
        -- a level counts at each company's latest period end of the year
        latest as (
            select * from actuals
            qualify period_end = max(period_end) over (partition by company_id, metric, year(period_end))
        )
        select company, period_year, metric, sum(value) from actuals where metric in {FLOWS} group by all
        union all
        select company, year(period_end), metric, sum(value) from latest where metric in {STOCKS} group by all
        union all
        select company, year(period_end), metric, avg(value) from latest where metric = 'error_rate'
        group by all""")}
    assert len(expected) > 40 and {m for *_, m in expected} == set(COMPANY_METRICS)
    assert queried.keys() == expected.keys()
    assert all(queried[k] == pytest.approx(v) for k, v in expected.items())


def test_mf_query_totals_add_flows_and_take_each_companys_latest_level(project: Path, sample_warehouse: Path) -> None:
    (row,) = _mf_query(project, sample_warehouse, COMPANY_METRICS, [])
    expected = dict(_sql(sample_warehouse, f"""
        with actuals as ({ACTUALS}),
        latest as (
            select * from actuals
            qualify period_end = max(period_end) over (partition by company_id, metric)
        )
        select metric, sum(value) from actuals where metric in {FLOWS} group by 1
        union all select metric, sum(value) from latest where metric in {STOCKS} group by 1
        union all select metric, avg(value) from latest where metric = 'error_rate' group by 1"""))
    assert {m: float(row[m]) for m in COMPANY_METRICS} == pytest.approx(expected)


def test_a_quarter_is_never_added_to_its_year(sample_warehouse: Path, project: Path) -> None:
    """The sample states a quarter's and a half's revenue or profit beside years: the flows leave them out."""
    finer = _sql(sample_warehouse, """
        select count(*) from fct_company_metric
        where metric in ('revenue', 'operating_profit', 'net_income') and period_grain in ('half', 'quarter')
            and not is_forecast and unit = 'KRW'""")[0][0]
    assert finer > 0
    semantic = _artifact(project, "semantic_manifest.json")
    filters = {m["name"]: " ".join(f["where_sql_template"] for f in (m["filter"] or {}).get("where_filters", []))
               for m in semantic["metrics"]}
    assert all("period_grain') }} = 'year'" in filters[m] for m in FLOWS)
