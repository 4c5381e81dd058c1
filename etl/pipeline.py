"""`newsfacts run`: ingest → segment → extract → load raw → dbt build → publish."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from etl import __version__, budget
from etl.budget import BudgetExceeded, cut_points, time_budget
from etl.errors import NewsfactsError, StrictModeRejects
from etl.facts.extract import extract_facts
from etl.ingest import discover, read_file
from etl.ingest.published import parse_published
from etl.ingest.webpage import page_record
from etl.load.dbt import dbt_build
from etl.load.publish import exclusive_lock, prepare_build, publish
from etl.load.raw import ArticleResult, RawWriter, ensure_schema
from etl.mentions.dates import inferred_reference
from etl.mentions.find import find_mentions
from etl.paths import DBT_PROJECT, ROOT, SEEDS
from etl.records import Article, Reject, Skipped, SourceRecord, short_hash
from etl.segment.articles import Segment, split_articles
from etl.segment.byline import Byline, read_byline
from etl.text.fingerprint import minhash

# A text longer than this is no single news article: it is extracted as parts cut at sentence ends
MAX_ARTICLE_CHARS = 100_000
# Below this much input, starting worker processes (each loads its own Kiwi model) costs more than it saves.
PARALLEL_MIN_BYTES = 4_000_000
# The loader's DuckDB works in two places: small deletes while the workers extract, and the bulk insert
# of the staged rows after they have exited (RawWriter.commit). Its automatic checkpoints of the growing
# raw tables need room: 128 MB failed at 100k articles ("failed to allocate 16 MiB"), and so did 192 MB
# with one thread; one thread keeps a checkpoint's share small.
LOAD_MEMORY_LIMIT = "512MB"
# Records per segmentation task: a dump record holds ~200 articles, so small batches keep memory flat.
SEGMENT_BATCH = 8
T = TypeVar("T")
R = TypeVar("R")


def auto_workers(inputs: list[Path]) -> int:
    """One process per core for large inputs, one for small ones."""
    total = 0
    for found in discover(inputs):
        if isinstance(found, Path):
            total += found.stat().st_size
            if total >= PARALLEL_MIN_BYTES:
                return os.cpu_count() or 1
    return 1


def _digest(roots: list[Path]) -> str:
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix not in {".py", ".csv", ".toml", ".json", ".yml", ".yaml", ".sql"}:
                continue
            rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            if any(part in {"target", "logs", "__pycache__", "sample"} for part in rel.parts):
                continue
            h.update(str(rel).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:10]


def code_version() -> str:
    """`<package version>+<extractor digest>.<dbt digest>`: what shaped the rows and the marts.

    A change in the extractor part (code, rules, seeds) re-extracts stored articles; a change in the
    dbt part only rebuilds the marts.
    """
    pkg = Path(__file__).parent
    extractor = [pkg / "ingest", pkg / "segment", pkg / "text", pkg / "mentions", pkg / "facts", pkg / "rules", SEEDS]
    return f"{__version__}+{_digest(extractor)}.{_digest([DBT_PROJECT])}"


def _extractor_part(version: str | None) -> str | None:
    return version.split("+", 1)[1].split(".")[0] if version and "+" in version else None


def _dbt_part(version: str | None) -> str | None:
    return version.split("+", 1)[1].split(".", 1)[-1] if version and "+" in version else None


def articles_from_record(rec: SourceRecord) -> Iterator[Article | Reject | Skipped]:
    """One structured record is one article; a text dump is split into its articles; a web page is
    the article its main text holds, or skipped when it holds none."""
    if rec.is_page:
        page = page_record(rec)
        if isinstance(page, Skipped):
            yield page
            return
        rec = page
    published, date_warning = parse_published(rec.published_at)
    base_warnings = (*rec.warnings, date_warning) if date_warning else rec.warnings
    parts: list[tuple[str, int, Segment | Byline]]
    if rec.is_dump:
        parts = [(s.body, i, s) for i, s in enumerate(split_articles(rec.body), start=1)]
    else:
        byline = read_byline(rec.body)
        parts = [(rec.body, 0, byline)]
    for body, segment_no, meta, part_warnings in _oversize_cut(parts):
        if not body.strip():
            continue
        yield Article(
            article_id=Article.make_id(body, rec.source_id),
            source_file=rec.source_file,
            record_no=rec.record_no,
            segment_no=segment_no,
            body=body,
            source_id=rec.source_id,
            title=rec.title or getattr(meta, "title", None),
            published_date=published or meta.dateline_date,
            publisher=rec.publisher or meta.publisher,
            reporter=rec.reporter or meta.reporter,
            email=meta.email,
            url=rec.url,
            warnings=(*base_warnings, *part_warnings),
        )


def _oversize_cut(parts: list[tuple[str, int, Segment | Byline]]
                  ) -> Iterator[tuple[str, int, Segment | Byline, tuple[str, ...]]]:
    """Texts too long to be one article (a crawl saved without breaks) become several, cut at sentence
    ends; each part keeps its place in the record (segment numbers stay unique) and says what it is."""
    no = 0
    for body, segment_no, meta in parts:
        cuts = cut_points(body, MAX_ARTICLE_CHARS)
        if not cuts:
            no = max(no + 1, segment_no) if segment_no else 0
            yield body, no, meta, ()
            continue
        bounds = [0, *cuts, len(body)]
        for k, (a, b) in enumerate(itertools.pairwise(bounds), start=1):
            no += 1
            yield body[a:b], no, meta if k == 1 else Byline(), (
                f"part {k} of {len(bounds) - 1} of a text of {len(body):,} characters, too long to be one "
                f"article (limit {MAX_ARTICLE_CHARS:,}): cut at a sentence end",)


def analyze(article: Article) -> ArticleResult:
    """All extraction for one article; pure, so it can run in a worker process."""
    ref = article
    if article.published_date is None:
        # relative years (`올해`, `지난해`) resolve against the years the text states; the article keeps no date
        guess = inferred_reference(article.body)
        ref = replace(article, published_date=guess) if guess else article
    mentions = find_mentions(ref.body, ref.published_date)
    found = extract_facts(ref, mentions)
    return ArticleResult(article, mentions, found.companies, found.facts, found.events,
                         (found.failure,) if found.failure else (), minhash(article.body))


def analyze_within_budget(article: Article, seconds: float | None = None) -> ArticleResult | Reject:
    """`analyze`, or a reject when it takes longer than the article's time budget."""
    try:
        with time_budget(budget.ARTICLE_SECONDS if seconds is None else seconds):
            return analyze(article)
    except BudgetExceeded as e:
        where = f"record {article.record_no}" + (f", segment {article.segment_no}" if article.segment_no else "")
        return Reject(article.source_file, article.record_no,
                      f"extraction {e} ({where}, {len(article.body):,} characters)", article.body[:120])


def _analyze_batch(batch: list[Article]) -> list[ArticleResult | Reject]:
    return [analyze_within_budget(a) for a in batch]


def segment_within_budget(rec: SourceRecord, seconds: float | None = None) -> list[Article | Reject | Skipped]:
    """The articles of a record, or a reject when segmenting it takes longer than its time budget."""
    try:
        with time_budget(budget.segment_seconds(len(rec.body)) if seconds is None else seconds):
            return list(articles_from_record(rec))
    except BudgetExceeded as e:
        return [Reject(rec.source_file, rec.record_no, f"segmentation {e} ({len(rec.body):,} characters)",
                       rec.body[:120])]


def _segment_batch(batch: list[SourceRecord]) -> list[list[Article | Reject | Skipped]]:
    return [segment_within_budget(rec) for rec in batch]


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """One pool for every stage of a run: each worker loads its own Kiwi model, once."""
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


def map_batches(fn: Callable[[list[T]], list[R]], items: Iterable[T], workers: int,
                batch_size: int = 64, pool: ProcessPoolExecutor | None = None) -> Iterator[R]:
    """Ordered, streaming map over batches; at most 2 batches per worker in flight (flat memory).

    Runs in `pool` when given (workers is then its size), else in a pool of its own when workers > 1.
    """
    def batches() -> Iterator[list[T]]:
        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    if pool is None:
        if workers <= 1:
            for b in batches():
                yield from fn(b)
            return
        with worker_pool(workers) as own:
            yield from map_batches(fn, items, workers, batch_size, own)
        return
    pending: deque[Future[list[R]]] = deque()
    for b in batches():
        pending.append(pool.submit(fn, b))
        if len(pending) >= 2 * workers:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


@dataclass
class RunSummary:
    run_id: str
    warehouse: Path
    records_read: int = 0
    files_unchanged: int = 0
    articles_seen: int = 0
    articles_new: int = 0
    articles_flagged: int = 0
    articles_replaced: int = 0
    articles_reextracted: int = 0
    records_rejected: int = 0
    records_warned: int = 0  # read with damage (invalid bytes replaced): loaded, with a warning row
    records_skipped: int = 0  # held no article (a web archive's non-HTML records, non-Korean pages, …)
    rows_quarantined: int = 0  # extracted rows that broke an invariant (raw.quarantine), not loaded
    mentions: int = 0
    facts: int = 0
    events: int = 0
    dbt_nodes: int = 0
    dbt_skipped: bool = False
    duration_s: float = 0.0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def skip(self, s: Skipped) -> None:
        self.records_skipped += 1
        self.skip_reasons[s.reason] = self.skip_reasons.get(s.reason, 0) + 1


ProgressFn = Callable[[str, int], None]


def _slot(a: Article) -> tuple[object, ...]:
    """Where an article sits in its source: a changed text in the same place replaces the old one."""
    # (a record cut into parts has one source id and a segment number per part)
    return ("id", a.source_id, a.segment_no) if a.source_id else ("pos", a.source_file, a.record_no, a.segment_no)


def _known_articles(con: duckdb.DuckDBPyConnection) -> tuple[set[str], dict[tuple[object, ...], str]]:
    ids: set[str] = set()
    slots: dict[tuple[object, ...], str] = {}
    for aid, sid, sfile, rec_no, seg_no in con.execute(
        "select article_id, source_id, source_file, record_no, segment_no from raw.articles"
    ).fetchall():
        ids.add(aid)
        slots[("id", sid, seg_no) if sid else ("pos", sfile, rec_no, seg_no)] = aid
    return ids, slots


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _unchanged_files(con: duckdb.DuckDBPyConnection, extractor: str | None) -> dict[str, str]:
    """Input files already read in full, without rejects, by this same extractor: path → content hash.

    Skipping them makes a re-run on unchanged input cost a hash per file instead of a full segmentation.
    """
    return dict(con.execute(
        "select source_file, content_hash from raw.input_files where extractor_version = ?", [extractor]
    ).fetchall())


def _last_code_version(con: duckdb.DuckDBPyConnection) -> str | None:
    rows = con.execute(
        "select code_version from raw.runs where status = 'succeeded' order by finished_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None


def _stored_articles(con: duckdb.DuckDBPyConnection) -> Iterator[Article]:
    ids = [r[0] for r in con.execute("select article_id from raw.articles order by article_id").fetchall()]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = con.execute(
            "select article_id, source_file, record_no, segment_no, body, source_id, title, published_date,"
            " publisher, reporter, email, url from raw.articles where article_id in (select unnest(?))",
            [chunk],
        ).fetchall()
        for r in rows:
            yield Article(*r)


def run(inputs: list[Path], warehouse: Path, *, strict: bool = False, workers: int = 1,
        wait_seconds: float = 0.0, progress: ProgressFn | None = None) -> RunSummary:
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise NewsfactsError(f"input not found: {', '.join(missing)}")
    started = datetime.now()
    t0 = time.monotonic()
    run_id = short_hash(started.isoformat(), os.getpid())
    summary = RunSummary(run_id=run_id, warehouse=warehouse)
    note = progress or (lambda stage, n: None)
    version = code_version()
    with exclusive_lock(warehouse, wait_seconds):
        try:
            _build_and_publish(inputs, warehouse, summary, strict, workers, note, started, t0, version)
        except BaseException as e:  # KeyboardInterrupt too: the ledger says the run did not finish
            _record_failure(warehouse, summary, inputs, started, t0, version, e)
            raise
    return summary


def _build_and_publish(inputs: list[Path], warehouse: Path, summary: RunSummary, strict: bool, workers: int,
                       note: ProgressFn, started: datetime, t0: float, version: str) -> None:
    run_id = summary.run_id
    build = prepare_build(warehouse)
    # bounded buffer pool: memory stays flat however large the warehouse grows (DuckDB spills to disk)
    con = duckdb.connect(str(build), config={"memory_limit": LOAD_MEMORY_LIMIT, "preserve_insertion_order": False,
                                             "threads": 1})
    try:
        ensure_schema(con)
        writer = RawWriter(con, run_id, started, staging=build.parent / "staging")
        known_ids, slots = _known_articles(con)
        last_version = _last_code_version(con)
        stale = last_version is not None and last_version != version
        with worker_pool(workers) as pool:
            def reject(r: Reject) -> None:
                if r.is_warning:
                    summary.records_warned += 1
                else:
                    summary.records_rejected += 1
                    summary.reject_reasons[r.reason] = summary.reject_reasons.get(r.reason, 0) + 1
                writer.reject(r)

            if _extractor_part(last_version) not in (None, _extractor_part(version)) and known_ids:
                # The extractor changed since these articles were loaded: re-read them from raw.articles.
                note("re-extracting", 0)
                for result in map_batches(_analyze_batch, _stored_articles(con), workers, pool=pool):
                    if isinstance(result, Reject):
                        reject(result)  # the stored article keeps its old rows
                        continue
                    writer.replace_children(result)
                    summary.articles_reextracted += 1
                    note("re-extracting", summary.articles_reextracted)

            unchanged = _unchanged_files(con, _extractor_part(version))

            def records() -> Iterator[SourceRecord]:
                """Every input record, but none of a file this extractor already read in full without rejects."""
                for found in discover(inputs):
                    if isinstance(found, Reject):
                        reject(found)
                        continue
                    digest = file_digest(found)
                    if unchanged.get(str(found)) == digest:
                        summary.files_unchanged += 1
                        continue
                    n = rejected = 0
                    for item in read_file(found):
                        if isinstance(item, Reject):
                            rejected += not item.is_warning
                            reject(item)
                            continue
                        if isinstance(item, Skipped):
                            summary.skip(item)
                            continue
                        n += 1
                        summary.records_read += 1
                        yield item
                    writer.record_file(str(found), digest, found.stat().st_size, n, _extractor_part(version),
                                       clean=not rejected)

            def new_articles() -> Iterator[Article]:
                seen_now: set[str] = set()
                # segmentation runs in the workers too: it asks Kiwi (is_common_word), and a model
                # loaded here as well would be one more ~400 MB process in the tree
                for arts in map_batches(_segment_batch, records(), workers, SEGMENT_BATCH, pool):
                    for art in arts:
                        if isinstance(art, Reject):
                            reject(art)
                            continue
                        if isinstance(art, Skipped):
                            summary.skip(art)
                            continue
                        summary.articles_seen += 1
                        note("reading", summary.articles_seen)
                        if art.article_id in known_ids or art.article_id in seen_now:
                            continue
                        seen_now.add(art.article_id)
                        old = slots.get(_slot(art))
                        if old is not None and old != art.article_id and old in known_ids:
                            writer.delete_articles([old])
                            known_ids.discard(old)
                            summary.articles_replaced += 1
                        yield art

            for result in map_batches(_analyze_batch, new_articles(), workers, pool=pool):
                if isinstance(result, Reject):
                    reject(result)
                    continue
                writer.add(result)
                summary.articles_new += 1
                summary.articles_flagged += bool(result.article.warnings)
        writer.commit()
        summary.mentions = writer.counts["mentions"]
        summary.facts = writer.counts["facts"]
        summary.events = writer.counts["events"]
        summary.rows_quarantined = writer.counts["quarantine"]
        summary.quarantine_reasons = writer.quarantine_reasons
    finally:
        con.close()

    if strict and (summary.records_rejected or summary.rows_quarantined):
        problems = [f"{summary.records_rejected} record(s) rejected ({', '.join(sorted(summary.reject_reasons))})"
                    if summary.records_rejected else "",
                    f"{summary.rows_quarantined} row(s) quarantined ({', '.join(sorted(summary.quarantine_reasons))})"
                    if summary.rows_quarantined else ""]
        raise StrictModeRejects(f"--strict: {'; '.join(p for p in problems if p)}; warehouse not published")
    changed = summary.articles_new or summary.articles_replaced or summary.articles_reextracted
    refresh_marts(build, summary, bool(changed) or stale, version, note)
    summary.duration_s = round(time.monotonic() - t0, 3)
    _record_run(build, summary, inputs, started, version, "succeeded")
    note("publishing", 0)
    publish(build, warehouse)


def _record_failure(warehouse: Path, s: RunSummary, inputs: list[Path], started: datetime, t0: float,
                    version: str, error: BaseException) -> None:
    """Add a 'failed' row to the published ledger; the warehouse's data stays as it was."""
    if not warehouse.exists():
        return
    s.duration_s = round(time.monotonic() - t0, 3)
    message = f"{type(error).__name__}: {error}"[:2000]
    try:
        build = prepare_build(warehouse)
        con = duckdb.connect(str(build))
        try:
            ensure_schema(con)
        finally:
            con.close()
        _record_run(build, s, inputs, started, version, "failed", message)
        publish(build, warehouse)
    except Exception:  # the ledger must never hide the error that failed the run
        return


def _last_code_version_of(build: Path) -> str | None:
    con = duckdb.connect(str(build), read_only=True)
    try:
        return _last_code_version(con)
    finally:
        con.close()


def refresh_marts(build: Path, summary: RunSummary, changed: bool, version: str, note: ProgressFn) -> None:
    """`dbt build` when the raw tables or the code changed or the marts are missing; else say it was skipped."""
    if changed or not _has_marts(build):
        note("dbt build", 0)
        # a changed dbt project may change the incremental marts' columns: rebuild them whole once
        last = _last_code_version_of(build)
        summary.dbt_nodes = dbt_build(build, full_refresh=last is not None and _dbt_part(last) != _dbt_part(version))
    else:
        summary.dbt_skipped = True


def _has_marts(build: Path) -> bool:
    con = duckdb.connect(str(build), read_only=True)
    try:
        return bool(con.execute(
            "select count(*) from information_schema.tables where table_schema = 'main' "
            "and table_name = 'fct_metric_observation'"
        ).fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def _record_run(build: Path, s: RunSummary, inputs: list[Path], started: datetime, version: str, status: str,
                message: str | None = None) -> None:
    con = duckdb.connect(str(build))
    try:
        row = {
            "run_id": s.run_id, "started_at": started, "finished_at": datetime.now(), "status": status,
            "inputs": json.dumps([str(p) for p in inputs], ensure_ascii=False), "code_version": version,
            "records_read": s.records_read, "articles_seen": s.articles_seen, "articles_new": s.articles_new,
            "articles_flagged": s.articles_flagged, "articles_replaced": s.articles_replaced,
            "records_rejected": s.records_rejected, "mentions": s.mentions, "facts": s.facts, "events": s.events,
            "duration_s": s.duration_s,
            "message": message or ("dbt skipped: nothing changed" if s.dbt_skipped else f"dbt nodes: {s.dbt_nodes}"),
            "rows_quarantined": s.rows_quarantined, "records_warned": s.records_warned,
            "records_skipped": s.records_skipped,
            "skip_reasons": json.dumps(s.skip_reasons, ensure_ascii=False, sort_keys=True) if s.skip_reasons else None,
        }
        con.execute(f"insert into raw.runs ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                    list(row.values()))
    finally:
        con.close()
