"""`newsfacts report`: a static HTML report of a warehouse, read from its marts only."""

from __future__ import annotations

import os
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import NewsfactsError
from etl.load.publish import connect_read_only
from etl.paths import DEFAULT_WAREHOUSE

REPORT_FILE = "index.html"


@dataclass(frozen=True)
class ReportResult:
    path: Path
    size_bytes: int
    seconds: float
    companies: int
    company_pages: int
    charts: int


def _javascript() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert: no network), matching Altair's Vega-Lite."""
    import altair as alt
    import vl_convert as vlc

    version = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    bundle: str = vlc.javascript_bundle("window.vegaEmbed = vegaEmbed;", vl_version=f"v{version}")
    return bundle


def explain_command(warehouse: Path) -> str:
    if warehouse.resolve() == DEFAULT_WAREHOUSE.resolve():
        return "newsfacts explain"
    return f"newsfacts explain --warehouse {shlex.quote(str(warehouse))}"


def build_report(warehouse: Path, out: Path) -> ReportResult:
    """Write `out`/index.html from the marts of `warehouse` (opened read-only)."""
    from etl.htmlreport.queries import MARTS, collect
    from etl.htmlreport.render import render

    started = time.perf_counter()
    if not warehouse.exists():
        raise NewsfactsError(f"no warehouse at {warehouse}; build one with `newsfacts run`")
    try:
        con = connect_read_only(warehouse)
    except duckdb.Error as e:
        raise NewsfactsError(f"cannot open {warehouse} read-only: {e}") from e
    try:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
        missing = sorted(set(MARTS) - present)
        if missing:
            raise NewsfactsError(f"{warehouse} lacks the marts {', '.join(missing)}; rebuild it with `newsfacts run`")
        data = collect(con)
    finally:
        con.close()
    html = render(data, warehouse=warehouse, explain=explain_command(warehouse), javascript=_javascript())
    try:
        out.mkdir(parents=True, exist_ok=True)
        target = out / REPORT_FILE
        tmp = out / f".{REPORT_FILE}.{os.getpid()}"
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as e:
        raise NewsfactsError(f"cannot write the report to {out}: {e.strerror or e}") from e
    return ReportResult(path=target, size_bytes=target.stat().st_size, seconds=time.perf_counter() - started,
                        companies=len(data.companies), company_pages=len(data.company_pages),
                        charts=html.count('class="chart"'))
