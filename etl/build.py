"""`newsfacts build --raw PATH`: raw tables written as Parquet by the Spark job → raw tables → dbt build → publish.

The same private build, dbt project, data tests and atomic publish as `newsfacts run`; only the rows
come from PATH (`etl/spark/job.py` writes PATH/<table>/load_date=…/run_id=…/*.parquet) instead of
the extractor. Incremental as a native run: only articles whose id the warehouse lacks are loaded,
with their rows; an article that takes the place of a loaded one (same source id, or same file and
position, other text) replaces it. Only runs the job committed (a row in PATH/runs) are read.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import duckdb

from etl import __version__
from etl.errors import NewsfactsError, StrictModeRejects
from etl.load.publish import exclusive_lock, prepare_build, publish
from etl.load.raw import ensure_schema
from etl.load.schema import ARTICLE_CHILD_TABLES, RAW_TABLES
from etl.pipeline import (
    LOAD_MEMORY_LIMIT,
    ProgressFn,
    RunSummary,
    _dbt_part,
    _extractor_part,
    _last_code_version,
    _record_failure,
    _record_run,
    code_version,
    refresh_marts,
)
from etl.records import short_hash

PARQUET_TABLES = ("articles", *ARTICLE_CHILD_TABLES, "rejects", "quarantine")


def slot(t: str) -> str:
    """Where article `t` sits in its source, as etl.pipeline._slot: a changed text there replaces the old one."""
    return (f"case when coalesce({t}.source_id, '') <> '' then ['id', {t}.source_id, {t}.segment_no::varchar] "
            f"else ['pos', {t}.source_file, {t}.record_no::varchar, {t}.segment_no::varchar] end")


def _files(raw: Path, table: str) -> str | None:
    """The glob of a table's Parquet files under `raw`, or None when it has none."""
    pattern = f"{table}/load_date=*/run_id=*/*.parquet"
    return str(raw / pattern) if next(raw.glob(pattern), None) is not None else None


def _parquet(glob: str) -> str:
    return (f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true, "
            "hive_types = {'load_date': date, 'run_id': varchar})")


def _attach_parquet(con: duckdb.DuckDBPyConnection, raw: Path) -> list[tuple[str, str, str]]:
    """Views `spark_<table>` over the committed runs' rows; returns the committed runs
    (run_id, code_version, load_date), oldest first."""
    runs = _files(raw, "runs")
    if runs is None:
        raise NewsfactsError(f"{raw} holds no committed Spark run (no {raw / 'runs'}/…/*.parquet): "
                             f"write it with `newsfacts spark --out {raw}`")
    con.execute(f"create temp view spark_runs as select * from {_parquet(runs)} where status = 'succeeded'")
    for table in PARQUET_TABLES:
        glob = _files(raw, table)
        if glob is None:  # a job that wrote no row of this table: an empty table of its columns
            cols = ", ".join(f"null::{kind} as {name}" for name, kind in RAW_TABLES[table] if name != "run_id")
            source = f"(select {cols}, null::date as load_date, null::varchar as run_id where false)"
        else:
            source = _parquet(glob)
        con.execute(f"create temp view spark_{table} as select t.*, r.started_at as run_started_at "
                    f"from {source} t join spark_runs r using (run_id)")
    return [(r[0], r[1], r[2]) for r in con.execute(
        "select run_id, code_version, load_date::varchar from spark_runs order by started_at").fetchall()]


def build(raw: Path, warehouse: Path, *, strict: bool = False, wait_seconds: float = 0.0,
          progress: ProgressFn | None = None) -> RunSummary:
    """Load the new articles of `raw` into the warehouse, build the marts, publish."""
    if not raw.is_dir():
        raise NewsfactsError(f"raw tables not found: {raw} is not a directory")
    started = datetime.now()
    t0 = time.monotonic()
    summary = RunSummary(run_id=short_hash(started.isoformat(), os.getpid(), "build"), warehouse=warehouse)
    note = progress or (lambda stage, n: None)
    version = code_version()
    with exclusive_lock(warehouse, wait_seconds):
        try:
            version = _load_and_publish(raw, warehouse, summary, strict, note, started, t0, version)
        except BaseException as e:  # the ledger says the build did not finish
            _record_failure(warehouse, summary, [raw], started, t0, version, e)
            raise
    return summary


def _load_and_publish(raw: Path, warehouse: Path, s: RunSummary, strict: bool, note: ProgressFn,
                      started: datetime, t0: float, version: str) -> str:
    build_path = prepare_build(warehouse)
    con = duckdb.connect(str(build_path), config={"memory_limit": LOAD_MEMORY_LIMIT,
                                                  "preserve_insertion_order": False, "threads": 1})
    try:
        ensure_schema(con)
        note("loading", 0)
        spark_runs = _attach_parquet(con, raw)
        # the rows are the Spark job's extractor's: the ledger says which (a later native run compares it)
        extractor = _extractor_part(spark_runs[-1][1]) if spark_runs else None
        if extractor:
            version = f"{__version__}+{extractor}.{_dbt_part(version)}"
        last_version = _last_code_version(con)
        _load(con, s, started)
    finally:
        con.close()
    if strict and (s.records_rejected or s.rows_quarantined):
        problems = [f"{s.records_rejected} record(s) rejected" if s.records_rejected else "",
                    f"{s.rows_quarantined} row(s) quarantined" if s.rows_quarantined else ""]
        raise StrictModeRejects(f"--strict: {'; '.join(p for p in problems if p)}; warehouse not published")
    stale = last_version is not None and last_version != version
    refresh_marts(build_path, s, bool(s.articles_new or s.articles_replaced) or stale, version, note)
    s.duration_s = round(time.monotonic() - t0, 3)
    runs = ", ".join(r[0] for r in spark_runs)
    _record_run(build_path, s, [raw], started, version, "succeeded",
                f"from Spark runs {runs}; " + ("dbt skipped: nothing changed" if s.dbt_skipped
                                               else f"dbt nodes: {s.dbt_nodes}"))
    note("publishing", 0)
    publish(build_path, warehouse)
    return version


def _columns(table: str, *, run: bool = True) -> str:
    return ", ".join(name for name, _ in RAW_TABLES[table] if run or name not in ("run_id", "loaded_at"))


def _load(con: duckdb.DuckDBPyConnection, s: RunSummary, started: datetime) -> None:
    """Insert the new articles and their rows, the new rejects and quarantined rows; count them into `s`."""
    def one(sql: str, params: list[object] | None = None) -> int:
        row = con.execute(sql, params or []).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    s.articles_seen = one("select count(*) from spark_articles")
    # per article id the first written; per place in a source the latest run's article (a changed text)
    con.execute(f"""
        create temp table new_articles as
        with unseen as (
            select *, {slot('a')} as slot from spark_articles a
            where not exists (select 1 from raw.articles w where w.article_id = a.article_id)
            qualify row_number() over (partition by article_id order by run_started_at, run_id) = 1
        )
        select * from unseen
        qualify row_number() over (partition by slot order by run_started_at desc, run_id desc) = 1
    """)
    con.execute(f"""
        create temp table replaced as
        select w.article_id from raw.articles w join new_articles n
        on {slot('w')} = n.slot
        and w.article_id <> n.article_id
    """)
    s.articles_replaced = one("select count(distinct article_id) from replaced")
    for table in (*ARTICLE_CHILD_TABLES, "articles"):
        con.execute(f"delete from raw.{table} where article_id in (select article_id from replaced)")
    con.execute(f"insert into raw.articles by name select {_columns('articles', run=False)}, ? as run_id, "
                f"? as loaded_at from new_articles", [s.run_id, started])
    s.articles_new = one("select count(*) from new_articles")
    s.articles_flagged = one("select count(*) from new_articles where warnings is not null")
    counts = {}
    for table in ARTICLE_CHILD_TABLES:
        counts[table] = one(f"""
            insert into raw.{table} by name select {_columns(table)} from spark_{table} t
            where exists (select 1 from new_articles n where n.article_id = t.article_id and n.run_id = t.run_id)
        """)
    s.mentions, s.facts, s.events = counts["mentions"], counts["facts"], counts["events"]
    con.execute(f"""
        create temp table new_rejects as
        select {_columns('rejects', run=False)} from spark_rejects r
        where not exists (select 1 from raw.rejects w where w.reject_id = r.reject_id)
        qualify row_number() over (partition by reject_id order by run_started_at, run_id) = 1
    """)
    con.execute("insert into raw.rejects by name select *, ? as run_id from new_rejects", [s.run_id])
    s.records_rejected = one("select count(*) from new_rejects where severity = 'error'")
    s.records_warned = one("select count(*) from new_rejects where severity = 'warning'")
    s.rows_quarantined = one(f"""
        insert into raw.quarantine by name select {_columns('quarantine', run=False)}, ? as run_id
        from spark_quarantine q
        where not exists (select 1 from raw.quarantine w where w.quarantine_id = q.quarantine_id)
        qualify row_number() over (partition by quarantine_id order by run_started_at, run_id) = 1
    """, [s.run_id])
    reasons = con.execute("select reason, count(*) from new_rejects where severity = 'error' group by 1").fetchall()
    s.reject_reasons = dict(reasons)

