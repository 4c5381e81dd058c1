"""Read-only views of a published warehouse for the CLI: the summary table and `explain`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.text import Text

from etl.errors import NewsfactsError
from etl.load.publish import connect_read_only


def _open(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.exists():
        raise NewsfactsError(f"no warehouse at {warehouse}; build one with `newsfacts run`")
    try:
        return connect_read_only(warehouse)
    except duckdb.Error as e:
        raise NewsfactsError(f"cannot open {warehouse} read-only: {e}") from e


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows else 0


def warehouse_summary(warehouse: Path) -> dict[str, Any]:
    con = _open(warehouse)
    try:
        return {
            "articles": _scalar(con, "select count(*) from dim_article"),
            # near-duplicates: articles republishing a story already in the warehouse
            "republished": _scalar(con, "select count(*) from dim_article where duplicate_of is not null"),
            "companies": _scalar(con, "select count(*) from dim_company where n_articles > 0"),
            "facts": _scalar(con, "select count(*) from fct_metric_observation"),
            "events": _scalar(con, "select count(*) from fct_company_event"),
            "mentions": _scalar(con, "select count(*) from fct_mention"),
            "rejects": _scalar(con, "select count(*) from raw.rejects"),
            "by_metric": con.execute(
                "select m.metric, count(o.observation_id), count(distinct o.company_id) "
                "from dim_metric m left join fct_metric_observation o using (metric) "
                "group by m.metric order by m.metric"
            ).fetchall(),
        }
    except duckdb.Error as e:
        raise NewsfactsError(f"{warehouse} is not a newsfacts warehouse: {e}") from e
    finally:
        con.close()


def explain_observation(warehouse: Path, observation_id: str, console: Console) -> None:
    con = _open(warehouse)
    try:
        row = con.execute(
            "select f.fact_id, f.company_name, f.metric, f.value, f.unit, f.qualifier, f.period_year,"
            " f.period_label, f.is_forecast, f.start_char, f.end_char, f.company_start, f.company_end,"
            " f.confidence, f.rule, f.explanation, a.body, a.title, a.source_file, a.published_date"
            " from raw.facts f join raw.articles a using (article_id) where f.fact_id = ?",
            [observation_id],
        ).fetchone()
    finally:
        con.close()
    if row is None:
        raise NewsfactsError(f"no observation {observation_id!r} in {warehouse}")
    (_, company, metric, value, unit, qualifier, year, label, forecast, start, end, c_start, c_end,
     confidence, rule, explanation, body, title, source_file, published) = row
    lo = max(0, min(start, c_start if c_start is not None else start) - 120)
    hi = min(len(body), max(end, c_end if c_end is not None else end) + 120)
    snippet = Text(("…" if lo else "") + body[lo:hi] + ("…" if hi < len(body) else ""))
    shift = 1 if lo else 0
    snippet.stylize("bold black on yellow", start - lo + shift, end - lo + shift)
    if c_start is not None and c_end is not None and c_end <= hi and c_start >= lo:
        snippet.stylize("bold white on blue", c_start - lo + shift, c_end - lo + shift)
    console.print(f"[bold]{metric}[/bold] = {value:,.6g} {unit} ({qualifier})  company: [bold]{company}[/bold]  "
                  f"period: {year if year is not None else 'unknown'} {label or ''}"
                  + ("  [forecast/target]" if forecast else ""), highlight=False)
    console.print(f"article: {title or '(untitled)'} · {source_file} · published {published or 'unknown'}",
                  highlight=False)
    console.print(snippet)
    console.print(f"confidence {confidence:.2f} · rules: {rule}", highlight=False)
    for key, why in json.loads(explanation or "{}").items():
        console.print(f"  {key}: {why}", highlight=False)
