"""The Spark path gives the native run's answers: the same raw rows, row for row, and the same warehouse.

`newsfacts spark` (etl/spark/job.py in local[2]) and `newsfacts build --raw` against `newsfacts run`,
on the bundled sample, on a generated corpus (every input format, dumps included) and on an update
(a new file and a changed article). Needs Java 17+ (README); one SparkSession serves the module.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from etl import pipeline
from etl.build import build
from etl.errors import NewsfactsError
from etl.load.schema import RAW_TABLES
from etl.paths import SAMPLE
from etl.spark import tasks
from etl.spark.job import run_job
from etl.spark.schema import OUTPUT_TABLES
from etl.spark.session import java_version, local_session
from etl.synth import generate

# Bookkeeping of which run wrote a row and when: the only columns that differ between two runs.
# (A quarantined *article* row's quarantine_id and row_json hash its run id too; none of these
# inputs has one.)
RUN_COLUMNS = {"run_id", "loaded_at", "rejected_at", "quarantined_at"}

Dump = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    session = local_session(2, progress=False)  # fails with the reason when Java 17+ is missing
    yield session
    session.stop()


def _columns(table: str) -> list[str]:
    return [name for name, _ in RAW_TABLES[table] if name not in RUN_COLUMNS]


def _sorted(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return sorted(rows, key=repr)


def native_raw(warehouse: Path) -> Dump:
    """The canonical dump of a warehouse's raw tables: every row, run columns left out, sorted."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: _sorted(con.execute(f"select {', '.join(_columns(t))} from raw.{t}").fetchall())
                for t in OUTPUT_TABLES}
    finally:
        con.close()


def spark_raw(out: Path, source_file: str = "source_file") -> Dump:
    """The same dump of the Parquet tables a Spark job wrote (`source_file`: how to read that column)."""
    con = duckdb.connect()
    try:
        dump: Dump = {}
        for t in OUTPUT_TABLES:
            files = list(out.glob(f"{t}/load_date=*/run_id=*/*.parquet"))
            assert files, f"no Parquet files for {t}"
            cols = ", ".join(source_file if c == "source_file" else c for c in _columns(t))
            dump[t] = _sorted(con.execute(f"select {cols} from read_parquet(?, hive_partitioning = true, "
                                          "union_by_name = true)", [[str(f) for f in files]]).fetchall())
        return dump
    finally:
        con.close()


def warehouse_tables(path: Path) -> Dump:
    """Every mart and raw table of a warehouse (but the run ledgers), run columns left out, sorted."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_schema || '.' || table_name from information_schema.tables where table_schema in "
            "('main', 'raw') and table_name not in ('runs', 'input_files') order by 1").fetchall()]
        out = {}
        for n in names:
            cols = [c for (c, *_) in con.execute(f"describe {n}").fetchall() if c not in RUN_COLUMNS]
            out[n] = _sorted(con.execute(f"select {', '.join(cols)} from {n}").fetchall())
        return out
    finally:
        con.close()


def assert_same(native: Dump, spark: Dump) -> None:
    assert native.keys() == spark.keys()
    for table in native:
        assert len(spark[table]) == len(native[table]), table
        assert spark[table] == native[table], table


@pytest.fixture(scope="module")
def sample_runs(spark: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sample")
    native = root / "native.duckdb"
    pipeline.run([SAMPLE], native)
    out = root / "raw"
    summary = run_job(spark, [str(SAMPLE)], str(out))  # type: ignore[arg-type]
    assert summary.articles == summary.articles_seen > 0
    return native, out


def test_sample_raw_rows_equal_the_native_run(sample_runs: tuple[Path, Path]) -> None:
    native, out = sample_runs
    dump = native_raw(native)
    assert dump["articles"] and dump["facts"] and dump["events"]
    assert_same(dump, spark_raw(out))


def _add_uncommitted_run(raw: Path) -> str:
    """Rows of a job that died before committing (no ledger row): one more article, with its mentions."""
    con = duckdb.connect()
    try:
        aid = "0123456789abcdef"
        for table in ("articles", "mentions"):
            files = [str(f) for f in raw.glob(f"{table}/load_date=*/run_id=*/*.parquet")]
            dest = raw / table / "load_date=2030-01-01" / "run_id=uncommitted"
            dest.mkdir(parents=True)
            con.execute(f"copy (select * replace (? as article_id) from read_parquet(?) limit 1) "
                        f"to '{dest / 'part-0.parquet'}'", [aid, files])
        return aid
    finally:
        con.close()


def test_build_from_parquet_gives_the_native_warehouse(sample_runs: tuple[Path, Path], tmp_path: Path) -> None:
    native, out = sample_runs
    raw = tmp_path / "raw"
    shutil.copytree(out, raw)
    _add_uncommitted_run(raw)  # only committed runs are read
    wh = tmp_path / "from-spark.duckdb"
    first = build(raw, wh)
    assert (first.articles_new, first.dbt_skipped) == (len(native_raw(native)["articles"]), False)
    assert_same(warehouse_tables(native), warehouse_tables(wh))
    again = build(raw, wh)  # nothing new: nothing loaded, dbt skipped
    assert (again.articles_new, again.articles_seen, again.dbt_skipped) == (0, first.articles_new, True)


def test_generated_corpus_raw_rows_equal_the_native_run(spark: object, tmp_path: Path) -> None:
    corpus = generate(tmp_path / "synth", 240, seed=3)
    native = tmp_path / "native.duckdb"
    pipeline.run([corpus], native)
    out = tmp_path / "raw"
    # two jobs: local paths for part of the corpus, then all of it as a URI (Spark's binaryFile
    # reader); the second writes only the articles the first did not
    first = run_job(spark, [str(corpus / "jsonl"), str(corpus / "dumps")], str(out))  # type: ignore[arg-type]
    second = run_job(spark, [corpus.as_uri()], str(out))  # type: ignore[arg-type]
    assert first.articles > 0 and second.articles > 0
    assert second.articles_seen == first.articles + second.articles
    assert second.files == sum(1 for p in corpus.rglob("*") if p.is_file())
    # a URI-read file is named by its URI (file:/…); the native run names it by its path
    assert_same(native_raw(native), spark_raw(out, "regexp_replace(source_file, '^file:', '')"))


UPDATE = [
    {"id": "u-1", "title": "누리소프트 상반기 실적", "published_at": "2025-08-12", "publisher": "가상경제신문",
     "body": "보안 소프트웨어 기업 누리소프트는 올해 상반기 매출 412억원, 영업이익 37억원을 기록했다고 12일 "
             "밝혔다. 누리소프트의 임직원은 268명이다."},
    {"id": "u-2", "title": "파란물류 앱 이용자 늘어", "published_at": "2025-09-03",
     "body": "물류 플랫폼 파란물류는 배송 조회 앱의 월간 이용자가 85만명을 넘었다고 3일 밝혔다. "
             "파란물류는 2019년 6월 설립됐다."},
]


def _jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_update_adds_new_articles_and_replaces_changed_ones_as_the_native_run(spark: object,
                                                                               tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    _jsonl(inputs / "a.jsonl", UPDATE[:1])
    native, wh, out = tmp_path / "native.duckdb", tmp_path / "spark.duckdb", tmp_path / "raw"
    pipeline.run([inputs], native)
    run_job(spark, [str(inputs)], str(out))  # type: ignore[arg-type]
    build(out, wh)
    # a new file, and the first article's text changed in place (same source id)
    _jsonl(inputs / "b.jsonl", UPDATE[1:])
    _jsonl(inputs / "a.jsonl", [dict(UPDATE[0], body=UPDATE[0]["body"].replace("412억원", "415억원"))])
    pipeline.run([inputs], native)
    job = run_job(spark, [str(inputs)], str(out))  # type: ignore[arg-type]
    assert (job.articles, job.articles_seen) == (2, 2)
    second = build(out, wh)
    assert (second.articles_new, second.articles_replaced) == (2, 1)
    assert_same(warehouse_tables(native), warehouse_tables(wh))


def test_build_refuses_a_directory_without_committed_runs(tmp_path: Path) -> None:
    (tmp_path / "raw" / "articles").mkdir(parents=True)
    with pytest.raises(NewsfactsError, match="no committed Spark run"):
        build(tmp_path / "raw", tmp_path / "w.duckdb")


def test_missing_java_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(NewsfactsError, match=r"needs Java 17 or newer"):
        java_version()


def test_a_job_over_missing_input_fails_before_starting(spark: object, tmp_path: Path) -> None:
    with pytest.raises(NewsfactsError, match="input not found"):
        run_job(spark, [str(tmp_path / "absent")], str(tmp_path / "raw"))  # type: ignore[arg-type]
    assert not (tmp_path / "raw").exists()


def test_a_retried_task_replaces_the_part_files_of_its_partition(tmp_path: Path) -> None:
    """The workers write their part files themselves (etl.spark.tasks._PartFiles): a second attempt of
    a partition, after one that committed and one that failed, leaves that partition's rows once."""
    dirs = {t: str(tmp_path / t / "load_date=2026-01-01" / "run_id=r") for t in tasks.WORKER_TABLES}
    event = {name: None for name, _ in RAW_TABLES["events"]} | {"article_id": "a1", "company_name": "누리소프트"}
    first = tasks._PartFiles(dirs)
    first.write("events", [event | {"event_id": "e1"}, event | {"event_id": "e2"}])
    first.commit()
    failed = tasks._PartFiles(dirs)
    failed.write("events", [event | {"event_id": "e3"}])
    failed.abort()
    retry = tasks._PartFiles(dirs)
    retry.write("events", [event | {"event_id": "e1"}, event | {"event_id": "e2"}])
    retry.commit()
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        f"{t}/load_date=2026-01-01/run_id=r/part-00000.parquet" for t in tasks.WORKER_TABLES)
    events = pq.read_table(tmp_path / "events" / "load_date=2026-01-01" / "run_id=r" / "part-00000.parquet")
    assert sorted(events.column("event_id").to_pylist()) == ["e1", "e2"]
    assert pq.read_table(tmp_path / "facts" / "load_date=2026-01-01" / "run_id=r" / "part-00000.parquet").num_rows == 0
