"""Writing extraction results into the raw tables (Arrow batches, never string-built SQL)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from etl.load.schema import ARTICLE_CHILD_TABLES, RAW_TABLES, arrow_schema, create_statements
from etl.load.validate import split_rows
from etl.records import Article, CompanyMention, Event, Fact, Mention, Reject, short_hash

_DIGITS = re.compile(r"\d+")
BATCH_ROWS = 5_000
# An article row carries its body (~5 KB): 20,000 of them made a ~300 MB spike (Python rows and their
# Arrow copy) each time the buffer was written out, so a large run peaked higher than a small one.
ARTICLE_BATCH_ROWS = 1_000


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in create_statements():
        con.execute(stmt)


@dataclass
class ArticleResult:
    """Everything extracted from one article: the unit of work that can run in another process."""

    article: Article
    mentions: list[Mention]
    companies: list[CompanyMention]
    facts: list[Fact]
    events: list[Event]
    problems: tuple[str, ...] = ()  # what went wrong extracting it (written as warning rows of raw.rejects)
    minhash: list[int] | None = None  # near-duplicate fingerprint of the body (etl.text.fingerprint)


def article_row(a: Article, run_id: str, loaded_at: datetime, minhash: list[int] | None = None) -> dict[str, object]:
    return {
        "article_id": a.article_id, "source_id": a.source_id, "source_file": a.source_file,
        "record_no": a.record_no, "segment_no": a.segment_no, "title": a.title, "body": a.body,
        "published_date": a.published_date, "publisher": a.publisher, "reporter": a.reporter,
        "email": a.email, "url": a.url, "char_count": len(a.body),
        "warnings": "; ".join(a.warnings) or None, "run_id": run_id, "loaded_at": loaded_at, "minhash": minhash,
    }


def mention_row(article_id: str, m: Mention) -> dict[str, object]:
    return {
        "mention_id": short_hash(article_id, m.start, m.end, m.kind), "article_id": article_id,
        "kind": m.kind, "text": m.text, "start_char": m.start, "end_char": m.end, "value": m.value,
        "unit": m.unit, "qualifier": m.qualifier, "min_value": m.min, "max_value": m.max,
        "date_value": m.date, "date_grain": m.grain, "confidence": m.confidence, "rule": m.rule,
    }


def company_row(article_id: str, c: CompanyMention) -> dict[str, object]:
    return {
        "company_mention_id": short_hash(article_id, c.start, c.end, c.name), "article_id": article_id,
        "company_name": c.name, "surface": c.surface, "start_char": c.start, "end_char": c.end,
        "rule": c.rule, "confidence": c.confidence, "stock_code": c.stock_code,
    }


def fact_row(f: Fact) -> dict[str, object]:
    return {
        "fact_id": f.fact_id, "article_id": f.article_id, "company_name": f.company_name,
        "metric": f.metric, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
        "period_year": f.period_year, "period_label": f.period_label, "is_forecast": f.is_forecast,
        "evidence": f.evidence, "start_char": f.start, "end_char": f.end,
        "company_start": f.company_start, "company_end": f.company_end, "confidence": f.confidence,
        "rule": f.rule, "explanation": json.dumps(f.explanation, ensure_ascii=False, sort_keys=True),
    }


def event_row(e: Event) -> dict[str, object]:
    return {
        "event_id": e.event_id, "article_id": e.article_id, "company_name": e.company_name,
        "event_type": e.event_type, "event_date": e.event_date, "date_grain": e.date_grain,
        "evidence": e.evidence, "start_char": e.start, "end_char": e.end, "confidence": e.confidence,
        "rule": e.rule,
    }


def reject_row(r: Reject, run_id: str, at: datetime) -> dict[str, object]:
    return {
        # the same bad record seen again by a later run is the same reject, not a new one
        "reject_id": short_hash(r.source_file, r.record_no, r.reason, r.byte_offset), "run_id": run_id,
        "source_file": r.source_file, "record_no": r.record_no, "reason": r.reason, "excerpt": r.excerpt,
        "rejected_at": at, "severity": r.severity, "byte_offset": r.byte_offset,
    }


def quarantine_row(table: str, row: dict[str, object], reason: str, run_id: str, at: datetime) -> dict[str, object]:
    as_json = json.dumps(row, ensure_ascii=False, default=str, sort_keys=True)
    return {
        "quarantine_id": short_hash(table, as_json, reason), "run_id": run_id, "table_name": table,
        "article_id": row.get("article_id"), "row_json": as_json, "reason": reason, "quarantined_at": at,
    }


def checked_rows(result: ArticleResult, run_id: str, at: datetime, *, with_article: bool = True
                 ) -> tuple[dict[str, list[dict[str, object]]], list[str]]:
    """The raw rows of one extracted article, each checked against its table's invariants
    (etl.load.validate): rows per table — a violating row as a `quarantine` row, each extraction
    problem as a warning row of `rejects` — and the quarantine reasons, numbers as N.

    Pure, so the native run's loader and the Spark job's executors write the same rows.
    """
    a = result.article
    aid, body = a.article_id, a.body
    tables: dict[str, list[dict[str, object]]] = {
        "articles": [article_row(a, run_id, at, result.minhash)] if with_article else [],
        "mentions": [mention_row(aid, m) for m in result.mentions],
        "company_mentions": [company_row(aid, c) for c in result.companies],
        "facts": [fact_row(f) for f in result.facts],
        "events": [event_row(e) for e in result.events],
    }
    out: dict[str, list[dict[str, object]]] = {"quarantine": [], "rejects": [
        reject_row(Reject(a.source_file, a.record_no, problem, body[:120], severity="warning"), run_id, at)
        for problem in result.problems]}
    reasons: list[str] = []
    for table, rows in tables.items():
        good, bad = split_rows(table, rows, body)
        out[table] = good
        for row, reason in bad:
            reasons.append(f"{table}: {_DIGITS.sub('N', reason)}")
            out["quarantine"].append(quarantine_row(table, row, reason, run_id, at))
    return out, reasons


@dataclass
class RawWriter:
    """Buffers rows per raw table, stages them as Parquet, and loads them into DuckDB in `commit`.

    Appending each batch to DuckDB while the workers extract made the loader's buffer pool, which
    DuckDB fills with cached blocks of the growing tables and needs for its automatic checkpoints,
    the part of a run's memory that grew with the corpus (the main process reached 730 MB at 100k
    articles against 290 MB at 10k). Staged in Parquet, the extraction phase stays flat; the bulk
    insert of each table runs once, after the workers have exited, and writes row groups directly.
    """

    con: duckdb.DuckDBPyConnection
    run_id: str
    started_at: datetime
    staging: Path
    buffers: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {t: [] for t in RAW_TABLES})
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RAW_TABLES, 0))
    _files: dict[str, pq.ParquetWriter] = field(default_factory=dict)
    # articles with rows staged but not yet in DuckDB: a delete must see their rows (see delete_articles)
    _staged: set[str] = field(default_factory=set)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)  # table: reason -> rows

    def __post_init__(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a killed run
        self.staging.mkdir(parents=True)

    def add(self, result: ArticleResult) -> None:
        self._append_result(result, with_article=True)


    def replace_children(self, result: ArticleResult) -> None:
        """Re-extraction of an article already loaded: swap its mentions/facts/events."""
        aid = result.article.article_id
        self.delete_articles([aid], keep_article=True)
        # incremental marts rebuild articles by loaded_at: mark this one as reloaded
        self.con.execute("update raw.articles set loaded_at = ?, run_id = ?, minhash = ? where article_id = ?",
                         [self.started_at, self.run_id, result.minhash, aid]).fetchall()
        self._append_result(result, with_article=False)

    def _append_result(self, result: ArticleResult, with_article: bool) -> None:
        """Stage the rows that keep the invariants (etl.load.validate); quarantine the others."""
        self._staged.add(result.article.article_id)
        rows, reasons = checked_rows(result, self.run_id, self.started_at, with_article=with_article)
        for table, table_rows in rows.items():
            self._append(table, table_rows)
        for key in reasons:
            self.quarantine_reasons[key] = self.quarantine_reasons.get(key, 0) + 1

    def record_file(self, path: str, digest: str, size: int, records: int, extractor: str | None,
                    clean: bool) -> None:
        """Remember a file read in full; only a file without rejects may be skipped next time."""
        self.con.execute("delete from raw.input_files where source_file = ?", [path]).fetchall()
        if clean:
            self.con.execute("insert into raw.input_files values (?, ?, ?, ?, ?, ?)",
                             [path, digest, size, records, self.run_id, extractor]).fetchall()

    def reject(self, r: Reject) -> None:
        self._append("rejects", [reject_row(r, self.run_id, self.started_at)])

    def delete_articles(self, article_ids: Iterable[str], keep_article: bool = False) -> None:
        ids = list(article_ids)
        if not self._staged.isdisjoint(ids):
            self.commit()
        table_of_ids = pa.table({"article_id": pa.array(ids, pa.string())})
        self.con.register("doomed_ids", table_of_ids)
        try:
            tables = ARTICLE_CHILD_TABLES if keep_article else (*ARTICLE_CHILD_TABLES, "articles")
            for table in tables:
                self.con.execute(
                    f"delete from raw.{table} where article_id in (select article_id from doomed_ids)").fetchall()
        finally:
            self.con.unregister("doomed_ids")

    def _append(self, table: str, rows: list[dict[str, object]]) -> None:
        if not rows:
            return
        buf = self.buffers[table]
        buf.extend(rows)
        self.counts[table] += len(rows)
        if len(buf) >= (ARTICLE_BATCH_ROWS if table == "articles" else BATCH_ROWS):
            self._stage(table)

    def _stage(self, table: str) -> None:
        rows = self.buffers[table]
        if not rows:
            return
        batch = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        if table not in self._files:
            self._files[table] = pq.ParquetWriter(self._staged_file(table), batch.schema)
        self._files[table].write_table(batch)
        rows.clear()

    def _staged_file(self, table: str) -> Path:
        return self.staging / f"{table}.parquet"

    def flush(self) -> None:
        """Stage every buffered row (cheap; nothing reaches DuckDB before `commit`)."""
        for table in RAW_TABLES:
            self._stage(table)

    def commit(self) -> None:
        """Load everything staged into the raw tables."""
        self.flush()
        for table, file in self._files.items():
            file.close()
            path = self._staged_file(table)
            # rejects are idempotent: a re-run meeting the same bad record keeps the first row
            only_new = (" where reject_id not in (select reject_id from raw.rejects)"
                        " qualify row_number() over (partition by reject_id) = 1") if table == "rejects" else ""
            # by name: a warehouse built by an older version has its newer columns at the end
            self.con.execute(f"insert into raw.{table} by name select * from read_parquet(?){only_new}",
                             [str(path)]).fetchall()
            path.unlink()
        self._files.clear()
        self._staged.clear()
