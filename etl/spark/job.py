"""The Spark job: the native run's extraction over a cluster, raw tables out as partitioned Parquet.

    spark-submit [cluster flags, docs/scale.md] etl/spark/job.py --input s3a://bucket/news/ --out s3a://bucket/raw/
    newsfacts spark --input DIR --out DIR          # the same job in local mode

Stages (each a `mapInArrow` over the functions in `etl.spark.tasks`):
  1. files → records: `read_file` on each input file (local paths are listed by `etl.ingest.discover`
     on the driver and read in place; URIs are read by Spark's `binaryFile` source);
  2. records → articles: `segment_within_budget`, in the same task as reading;
  3. one row per article id: the first in input order, as `newsfacts run` keeps it, and none already
     written by an earlier job into the same output;
  4. articles → rows of every raw table: `analyze_within_budget`, then `checked_rows`; each task
     writes its rows to one part file per table itself (pyarrow), and returns only its rejects,
     which Spark keeps once per reject id and writes.
The rows are written to OUT/<table>/load_date=YYYY-MM-DD/run_id=<run>/part-*.parquet, with the
columns of raw.<table> (run_id as the partition). A task's part files are named by its partition
and replace those of an earlier attempt of it (a retry adds no rows). The job's `runs` row is
written last: it commits the run, and `newsfacts build --raw OUT` and later jobs read only
committed runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from etl.errors import NewsfactsError
from etl.ingest import discover
from etl.load.raw import reject_row
from etl.load.schema import RAW_TABLES, arrow_schema
from etl.pipeline import code_version
from etl.records import Reject, short_hash
from etl.spark import tasks
from etl.spark.schema import OUTPUT_TABLES, flow_schema, rejects_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Tasks per core for segmentation and extraction: several, so one slow task does not idle a core.
TASKS_PER_CORE = 4
TABLES = (*OUTPUT_TABLES, "runs")
# a URI names a filesystem Spark reads (s3a://, gs://, hdfs://, file:/); anything else is a local path
_URI_SCHEME = ("://", ":/")


@dataclass
class JobSummary:
    run_id: str
    out: str
    load_date: str
    code_version: str
    files: int = 0
    records_read: int = 0
    articles_seen: int = 0  # articles segmented, before those already written or repeated are dropped
    articles_flagged: int = 0  # written with warnings
    # rows per table the extraction emitted (rejects before de-duplication by id, as the native ledger
    # counts them); from accumulators, so a retried task counts twice
    counts: dict[str, int] = field(default_factory=dict)
    records_rejected: int = 0
    records_warned: int = 0
    duration_s: float = 0.0

    @property
    def articles(self) -> int:
        return self.counts.get("articles", 0)


def is_uri(path: str) -> bool:
    head = path.split("/", 1)[0]
    return head.endswith(":") and len(head) > 2 and any(s in path for s in _URI_SCHEME)


def table_path(out: str, table: str) -> str:
    return f"{out.rstrip('/')}/{table}"


def run_job(spark: SparkSession, inputs: list[str], out: str, *, load_date: date | None = None,
            partitions: int | None = None) -> JobSummary:
    """Read, segment and extract `inputs`; write the raw tables under `out`. Returns what it wrote."""
    from pyspark.errors import PySparkException
    from pyspark.errors.exceptions.captured import CapturedException

    started = datetime.now()
    t0 = time.monotonic()
    summary = JobSummary(run_id=short_hash("spark", started.isoformat(), os.getpid()),
                         out=out if is_uri(out) else str(Path(out).resolve()),
                         load_date=(load_date or started.date()).isoformat(), code_version=code_version())
    # the output's partition values are ours (run ids may look like numbers): read them as written
    spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    n = partitions or spark.sparkContext.defaultParallelism * TASKS_PER_CORE
    try:
        _run(spark, inputs, summary, started, n)
    except (PySparkException, CapturedException) as e:
        raise NewsfactsError(f"Spark job failed: {failure_reason(e)}") from e
    except Exception as e:
        if type(e).__name__ == "Py4JJavaError":
            raise NewsfactsError(f"Spark job failed: {failure_reason(e)}") from e
        raise
    summary.duration_s = round(time.monotonic() - t0, 3)
    _commit(spark, summary, inputs, started)
    return summary


def failure_reason(e: BaseException) -> str:
    """One line for a failed Spark job: the Python error raised in a task when there is one."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    for ln in reversed(lines):
        if ln.startswith(("RuntimeError:", "NewsfactsError:", "OSError:", "MemoryError:")):
            return ln
    py = [ln for ln in lines if ln.split(":", 1)[0].endswith(("Error", "Exception"))]
    return (py[-1] if py else lines[0] if lines else type(e).__name__)[:500]


def _run(spark: SparkSession, inputs: list[str], s: JobSummary, started: datetime, n: int) -> None:
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    flow_arrow, flow_ddl = flow_schema()
    files, driver_rejects = _input_files(spark, inputs, n)
    sc = spark.sparkContext
    tally = {name: sc.accumulator(0) for name in (*OUTPUT_TABLES, "files", "records", "articles_seen", "rejected",
                                                  "warned", "flagged")}
    kw: dict[str, Any] = {"run_id": s.run_id, "started": started}
    read = partial(tasks.counted, partial(tasks.counted, partial(tasks.read_files, **kw), tally["files"], "path",
                                          "in"), tally["records"], "record", "out")
    segment = partial(tasks.counted, partial(tasks.segment_records, **kw), tally["articles_seen"], "article", "out")
    # read and segment in one task per file: a shuffle of the records between them cost more JVM
    # time than it saved (the slow records to segment, dumps, are one per file anyway)
    articles = files.mapInArrow(partial(_then, read, segment), flow_ddl)
    if driver_rejects:
        rows = [{"file_key": "", "record_seq": 0, "part_seq": 0, "rejects": reject_row(r, s.run_id, started)}
                for r in driver_rejects]
        articles = articles.unionByName(spark.createDataFrame(pa.Table.from_pylist(rows, schema=flow_arrow)))
    known = _written_article_ids(spark, s.out)
    if known is not None:
        articles = articles.join(known, articles["article.article_id"] == known["known_id"], "left_anti")
    # one row per article id (rejects: per reject id), the first in input order; hash-partitioned
    # by that key, which is also the window's partitioning (no second shuffle) and spreads the
    # extraction evenly over the tasks
    key = F.coalesce(F.col("article.article_id"), F.col("rejects.reject_id"))
    first = Window.partitionBy("_key").orderBy("file_key", "record_seq", "part_seq")
    unique = (articles.withColumn("_key", key).repartition(n, "_key")
              .withColumn("_rank", F.row_number().over(first)).where(F.col("_rank") == 1)
              .drop("_key", "_rank"))
    # The workers write the rows of every table but rejects into the run's directories themselves
    # (etl.spark.tasks._PartFiles): the wide rows never come back into the JVM, which converting,
    # caching and scanning them once per table cost as much CPU as the extraction on 2 cores. The
    # rejects do come back, to be kept once per reject id across the run as the native loader does
    # (articles of one record can share a warning's id), and Spark writes them; that write is the
    # action that runs the extraction, once.
    run_dirs = {t: _run_path(s, t) for t in tasks.WORKER_TABLES}
    extract = partial(tasks.extract_articles, **kw, tally=tally, run_dirs=run_dirs)
    rejects = unique.mapInArrow(extract, rejects_schema()[1]).select("rejects.*").dropDuplicates(["reject_id"])
    rejects.select(*(name for name, _ in RAW_TABLES["rejects"] if name != "run_id")).write.parquet(
        _run_path(s, "rejects"))
    s.counts = {t: tally[t].value for t in OUTPUT_TABLES}
    s.records_rejected, s.records_warned, s.articles_flagged = (tally[k].value for k in ("rejected", "warned",
                                                                                          "flagged"))
    s.files, s.records_read, s.articles_seen = (tally[k].value for k in ("files", "records", "articles_seen"))


def _then(first: Any, second: Any, batches: Any) -> Any:
    return second(first(batches))


def _input_files(spark: SparkSession, inputs: list[str], n: int) -> tuple[DataFrame, list[Reject]]:
    """The input files as (file_key, path, content): local paths listed here as `newsfacts run` lists
    them (content read by the executor), URIs listed and read by Spark's binaryFile source."""
    from pyspark.sql import functions as F
    from pyspark.sql.utils import AnalysisException

    local = [p for p in inputs if not is_uri(p)]
    uris = [p for p in inputs if is_uri(p)]
    missing = [p for p in local if not Path(p).exists()]
    if missing:
        raise NewsfactsError(f"input not found: {', '.join(missing)}")
    listed: list[tuple[str, str, None]] = []
    rejects: list[Reject] = []
    for i, found in enumerate(discover([Path(p) for p in local])):
        if isinstance(found, Reject):
            rejects.append(found)
        else:
            # zero-padded: input order sorts before any URI, and in the order discover gives
            listed.append((f"{i:012d}", str(found), None))
    schema = "file_key string, path string, content binary"
    frames = []
    if listed:
        frames.append(spark.createDataFrame(listed, schema).repartition(min(n, len(listed))))
    if uris:
        try:
            remote = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(uris)
                      .select(F.col("path").alias("file_key"), "path", "content"))
        except AnalysisException as e:
            raise NewsfactsError(f"cannot read input: {failure_reason(e)}") from e
        frames.append(remote)
    if not frames:
        raise NewsfactsError("no input files")
    files = frames[0]
    for f in frames[1:]:
        files = files.unionByName(f)
    return files, rejects


def _written_article_ids(spark: SparkSession, out: str) -> DataFrame | None:
    """Ids of the articles earlier jobs committed to `out` (None when there are none)."""
    from pyspark.sql import functions as F
    from pyspark.sql.utils import AnalysisException

    try:
        runs = spark.read.parquet(table_path(out, "runs")).select("run_id").distinct()
        articles = spark.read.parquet(table_path(out, "articles")).select("article_id", "run_id")
    except AnalysisException:
        return None
    return (articles.join(runs, "run_id", "left_semi").select(F.col("article_id").alias("known_id"))
            .distinct())


def _run_path(s: JobSummary, table: str) -> str:
    return f"{table_path(s.out, table)}/load_date={s.load_date}/run_id={s.run_id}"


def _commit(spark: SparkSession, s: JobSummary, inputs: list[str], started: datetime) -> None:
    """Write the run's ledger row: from now on its rows count (an interrupted job has none)."""
    row = {
        "run_id": s.run_id, "started_at": started, "finished_at": datetime.now(), "status": "succeeded",
        "inputs": json.dumps(inputs, ensure_ascii=False), "code_version": s.code_version,
        "records_read": s.records_read, "articles_seen": s.articles_seen, "articles_new": s.articles,
        "articles_flagged": s.articles_flagged, "articles_replaced": 0, "records_rejected": s.records_rejected,
        "mentions": s.counts.get("mentions", 0), "facts": s.counts.get("facts", 0),
        "events": s.counts.get("events", 0), "duration_s": s.duration_s,
        "message": f"spark job: {s.files} files, load_date {s.load_date}",
        "rows_quarantined": s.counts.get("quarantine", 0), "records_warned": s.records_warned,
    }
    table = pa.Table.from_pylist([row], schema=arrow_schema("runs")).drop_columns(["run_id"])
    spark.createDataFrame(table).coalesce(1).write.mode("overwrite").parquet(_run_path(s, "runs"))


# ------------------------------------------------------------------------------------------------
# spark-submit entry point


def main(argv: list[str] | None = None) -> int:
    from pyspark.sql import SparkSession

    ap = argparse.ArgumentParser(prog="etl/spark/job.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", action="append", required=True,
                    help="input file or directory: a local path or a URI Spark reads (s3a://, gs://, hdfs://); "
                         "repeatable")
    ap.add_argument("--out", required=True, help="output directory or URI of the raw Parquet tables")
    ap.add_argument("--load-date", type=date.fromisoformat, help="partition date (default: today)")
    ap.add_argument("--partitions", type=int, help=f"tasks per stage (default: {TASKS_PER_CORE} per core)")
    a = ap.parse_args(argv)
    spark = SparkSession.builder.appName("newsfacts").getOrCreate()
    try:
        s = run_job(spark, a.input, a.out, load_date=a.load_date, partitions=a.partitions)
    except NewsfactsError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    finally:
        spark.stop()
    print(json.dumps(asdict(s), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
