"""What the Spark job's executors run: the native run's own functions, over Arrow batches.

Each function takes an iterator of Arrow record batches and yields batches (`mapInArrow`). Reading
is `etl.ingest.read_file`, segmentation `pipeline.segment_within_budget`, extraction
`pipeline.analyze_within_budget`, and the rows are checked and shaped by `etl.load.raw.checked_rows`:
the same calls, in the same order per item, as `newsfacts run`. Kiwi is loaded by the first
segmentation in a Python worker process and kept for every later task the worker runs (Spark reuses
its Python workers), so each executor core holds one model, as each native worker does.

The extraction task writes its rows of every raw table but rejects to Parquet itself (pyarrow, on
the filesystem of the job's output: local, s3a://, gs://, hdfs://), one part file per table and
partition, and hands only the rejects back to Spark (`_PartFiles`, `extract_articles`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs as pafs

from etl.ingest import read_file
from etl.load.raw import checked_rows, reject_row
from etl.load.schema import arrow_schema
from etl.paths import SEEDS
from etl.pipeline import analyze_within_budget, segment_within_budget
from etl.records import Article, Reject, Skipped, SourceRecord
from etl.reference import read_seed
from etl.spark.schema import OUTPUT_TABLES, flow_schema, rejects_schema

Row = dict[str, Any]
# rows per output batch and per row group of a part file; a batch of records or articles also ends
# when its texts reach FLUSH_CHARS
FLUSH_ROWS = 2_000
FLUSH_CHARS = 8_000_000

_ready = False


def preflight() -> None:
    """Fail the task with the reason when this executor lacks what extraction reads: without the
    seeds or the Kiwi model the extractor would still run, and silently find less."""
    global _ready
    if _ready:
        return
    if not read_seed("metric_catalog"):
        raise RuntimeError(f"newsfacts seeds not found at {SEEDS}: ship the repository's seeds/ with the job "
                           "and point NEWSFACTS_HOME at the directory holding it (docs/scale.md)")
    if importlib.util.find_spec("kiwipiepy_model") is None:
        raise RuntimeError("the Kiwi model (package kiwipiepy_model) is not installed on this executor: "
                           "ship the environment with the job (docs/scale.md)")
    _ready = True


def _as_row(item: SourceRecord | Article) -> Row:
    row = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    row["warnings"] = list(row["warnings"])
    return row


def _from_row(cls: type[SourceRecord] | type[Article], row: Row) -> Any:
    return cls(**{**row, "warnings": tuple(row["warnings"] or ())})


class _FlowBatches:
    """Collects flow rows (see schema.flow_schema) and hands them out as bounded batches."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.chars = 0

    def add(self, row: Row, chars: int = 0) -> Iterator[pa.RecordBatch]:
        self.rows.append(row)
        self.chars += chars
        if len(self.rows) >= FLUSH_ROWS or self.chars >= FLUSH_CHARS:
            yield from self.flush()

    def flush(self) -> Iterator[pa.RecordBatch]:
        if self.rows:
            yield pa.RecordBatch.from_pylist(self.rows, schema=flow_schema()[0])
        self.rows, self.chars = [], 0


def _read(path: str, content: bytes | None) -> Iterator[SourceRecord | Reject | Skipped]:
    """The items of one input file: read in place (a local path), or from the bytes Spark read (a URI),
    through a private copy under the file's own name (readers go by the name's suffixes)."""
    if content is None:
        yield from read_file(Path(path))
        return
    with tempfile.TemporaryDirectory(prefix="newsfacts-") as tmp:
        copy = Path(tmp) / (path.rstrip("/").rsplit("/", 1)[-1] or "input")
        copy.write_bytes(content)
        for item in read_file(copy):
            if isinstance(item, Reject):
                yield dataclasses.replace(item, source_file=path, reason=item.reason.replace(str(copy), path),
                                          excerpt=item.excerpt.replace(str(copy), path))
            else:
                yield dataclasses.replace(item, source_file=path)


def read_files(batches: Iterator[pa.RecordBatch], *, run_id: str, started: datetime) -> Iterator[pa.RecordBatch]:
    """Input files (file_key, path, content) → their records, or rejects."""
    preflight()
    out = _FlowBatches()
    for batch in batches:
        keys, paths, contents = (batch.column(name) for name in ("file_key", "path", "content"))
        for i in range(batch.num_rows):
            key, path = keys[i].as_py(), paths[i].as_py()
            for seq, item in enumerate(_read(path, contents[i].as_py()), start=1):
                row: Row = {"file_key": key, "record_seq": seq, "part_seq": 0}
                yield from _add_item(out, row, "record", item, run_id, started)
    yield from out.flush()


def segment_records(batches: Iterator[pa.RecordBatch], *, run_id: str, started: datetime
                    ) -> Iterator[pa.RecordBatch]:
    """Records → their articles (a dump is split, a structured record is one), or rejects; rejects
    from reading pass through."""
    preflight()
    out = _FlowBatches()
    for batch in batches:
        for row in batch.to_pylist():
            if row["record"] is None:
                yield from out.add(row)
                continue
            rec: SourceRecord = _from_row(SourceRecord, row["record"])
            for part, item in enumerate(segment_within_budget(rec), start=1):
                new: Row = {"file_key": row["file_key"], "record_seq": row["record_seq"], "part_seq": part}
                yield from _add_item(out, new, "article", item, run_id, started)
    yield from out.flush()


def _add_item(out: _FlowBatches, row: Row, field: str, item: SourceRecord | Article | Reject | Skipped,
              run_id: str, started: datetime) -> Iterator[pa.RecordBatch]:
    """One item read or segmented, as a flow row: the record or article under `field`, or a reject. A
    skipped item (no news article: a web archive's request record, a section page) writes nothing."""
    if isinstance(item, Skipped):
        return
    if isinstance(item, Reject):
        row["rejects"] = reject_row(item, run_id, started)
        yield from out.add(row)
    else:
        row[field] = _as_row(item)
        yield from out.add(row, len(item.body))


WORKER_TABLES = tuple(t for t in OUTPUT_TABLES if t != "rejects")


def filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    """The pyarrow filesystem and path of a local path or a URI (Hadoop's `s3a://` is pyarrow's `s3://`;
    pyarrow finds its credentials as the AWS/GCP SDKs do, see docs/scale.md)."""
    scheme, sep, rest = uri.partition("://")
    return pafs.FileSystem.from_uri(f"s3://{rest}" if sep and scheme == "s3a" else uri)


class _PartFiles:
    """This task's part file of each table in `WORKER_TABLES`: DIR/part-<partition>.parquet under
    each table's run directory, with the columns of raw.<table> but run_id (the partition column).

    Written under a hidden name of this attempt (.part-….<attempt>.tmp: Spark's and DuckDB's readers
    pass over it) and moved to the partition's name when the task's rows are all written. Every
    table gets its file, empty or not, so a retried or speculative attempt of a partition replaces
    each file an earlier attempt left, never adds to it: a run holds one file per table and partition.
    """

    def __init__(self, run_dirs: dict[str, str]) -> None:
        from pyspark import TaskContext

        ctx = TaskContext.get()
        partition, attempt = (ctx.partitionId(), ctx.taskAttemptId()) if ctx else (0, 0)
        name = f"part-{partition:05d}.parquet"
        self.files: dict[str, tuple[pafs.FileSystem, str, str, pq.ParquetWriter]] = {}
        for table in WORKER_TABLES:
            fs, folder = filesystem(run_dirs[table])
            fs.create_dir(folder, recursive=True)
            tmp = f"{folder}/.{name}.{attempt}.tmp"
            schema = pa.schema([f for f in arrow_schema(table) if f.name != "run_id"])
            self.files[table] = (fs, tmp, f"{folder}/{name}", pq.ParquetWriter(tmp, schema, filesystem=fs))

    def write(self, table: str, rows: list[Row]) -> None:
        writer = self.files[table][3]
        writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=writer.schema))

    def commit(self) -> None:
        for fs, tmp, final, writer in self.files.values():
            writer.close()
            fs.move(tmp, final)

    def abort(self) -> None:
        for fs, tmp, _final, writer in self.files.values():
            with contextlib.suppress(OSError):  # the task's own error is the one to report
                writer.close()
                fs.delete_file(tmp)


class _OutputRows:
    """Collects raw-table rows by table, FLUSH_ROWS at a time (a row group of a part file): those of
    `WORKER_TABLES` go to this task's part files, rejects out as batches (the job keeps one per
    reject id across all tasks). Counts them into `tally` (accumulators by table, and rejects by
    severity, articles flagged)."""

    def __init__(self, tally: dict[str, Any], files: _PartFiles) -> None:
        self.rows: dict[str, list[Row]] = {t: [] for t in OUTPUT_TABLES}
        self.tally = tally
        self.files = files

    def add(self, table: str, rows: list[Row]) -> Iterator[pa.RecordBatch]:
        self.rows[table].extend(rows)
        if len(self.rows[table]) >= FLUSH_ROWS:
            yield from self.flush(table)

    def flush_all(self) -> Iterator[pa.RecordBatch]:
        for table in OUTPUT_TABLES:
            yield from self.flush(table)

    def flush(self, table: str) -> Iterator[pa.RecordBatch]:
        rows = self.rows[table]
        if not rows:
            return
        self.tally[table].add(len(rows))
        if table == "rejects":
            errors = sum(r["severity"] == "error" for r in rows)
            self.tally["rejected"].add(errors)
            self.tally["warned"].add(len(rows) - errors)
            yield pa.RecordBatch.from_pylist(rows, schema=rejects_schema()[0])
        else:
            if table == "articles":
                self.tally["flagged"].add(sum(r["warnings"] is not None for r in rows))
            self.files.write(table, rows)
        self.rows[table] = []


def extract_articles(batches: Iterator[pa.RecordBatch], *, run_id: str, started: datetime, tally: dict[str, Any],
                     run_dirs: dict[str, str]) -> Iterator[pa.RecordBatch]:
    """Articles → the rows of every raw table, checked (a violating row goes to quarantine): written
    to this task's part files (`_PartFiles`, under `run_dirs` by table), but the rejects, yielded
    (those from reading and segmentation pass through). Counts what it emits into `tally`
    (accumulators: a retried task counts twice, so the counts are the ledger's, not the data's)."""
    preflight()
    files = _PartFiles(run_dirs)
    out = _OutputRows(tally, files)
    try:
        for batch in batches:
            for row in batch.to_pylist():
                if row["article"] is None:
                    yield from out.add("rejects", [row["rejects"]])
                    continue
                article: Article = _from_row(Article, row["article"])
                result = analyze_within_budget(article)
                if isinstance(result, Reject):
                    yield from out.add("rejects", [reject_row(result, run_id, started)])
                    continue
                rows, _reasons = checked_rows(result, run_id, started)
                for table, table_rows in rows.items():
                    yield from out.add(table, table_rows)
        yield from out.flush_all()
    except BaseException:
        files.abort()
        raise
    files.commit()


def counted(fn: Any, counter: Any, column: str, side: str, batches: Iterator[pa.RecordBatch]
            ) -> Iterator[pa.RecordBatch]:
    """`fn` over the batches, adding to the accumulator `counter` the rows that carry `column` in its
    input (`side` "in") or its output ("out"): files, records and articles seen, for the run's ledger."""
    def tally(stream: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in stream:
            counter.add(b.num_rows - b.column(column).null_count)
            yield b
    return fn(tally(batches)) if side == "in" else tally(fn(batches))
