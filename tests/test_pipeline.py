"""End to end: files in, published warehouse out — contract, idempotency, incrementality, safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import pipeline
from etl.errors import StrictModeRejects, WarehouseBusy
from etl.load.publish import build_dir, build_file, exclusive_lock

CONTRACT = {
    "dim_article": {"article_id", "source_id", "source_file", "title", "publisher", "reporter",
                    "published_date", "body", "char_count"},
    "dim_company": {"company_id", "company_name", "aliases"},
    "dim_metric": {"metric", "unit", "description"},
    "fct_metric_observation": {"observation_id", "article_id", "company_id", "company_name", "metric", "value",
                               "unit", "qualifier", "period_year", "period_label", "evidence", "start_char",
                               "end_char", "confidence"},
    "fct_company_metric": {"company_id", "metric"},
    "fct_company_event": {"company_id", "company_name", "event_type", "event_date", "date_grain", "article_id",
                          "evidence"},
    "fct_mention": {"mention_id", "article_id", "kind", "text", "start_char", "end_char", "value", "unit",
                    "qualifier", "date_value", "date_grain"},
}

ARTICLES = [
    {"id": "t-1", "title": "한결소프트, 매출 두 배로", "published_at": "2024-02-14", "publisher": "테스트일보",
     "body": "클라우드 기업 한결소프트는 지난해 매출 820억원을 기록했다고 14일 밝혔다. 영업이익은 64억원이었다. "
             "한결소프트의 임직원 수는 310명이다."},
    {"id": "t-2", "title": "바람모빌리티 앱 다운로드 100만", "published_at": "2024-05-02",
     "body": "바람모빌리티는 자사 앱의 누적 다운로드 수가 100만 건을 돌파했다고 2일 밝혔다. "
             "회사는 2021년 3월 설립됐다."},
]


def _write_corpus(folder: Path, articles: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "news.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    return folder


RUN_COLUMNS = {"run_id", "loaded_at", "rejected_at"}  # which run wrote a row: bookkeeping, not content


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every mart and raw table's rows, sorted — content equality independent of physical order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema in ('main', 'raw') and table_name <> 'runs' order by 1").fetchall()]
        out = {}
        for n in names:
            cols = [c for (c, *_) in con.execute(f"describe {n}").fetchall() if c not in RUN_COLUMNS]
            out[n] = sorted(con.execute(f"select {', '.join(cols)} from {n}").fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, pipeline.RunSummary]:
    root = tmp_path_factory.mktemp("wh")
    corpus = _write_corpus(root / "in", ARTICLES)
    wh = root / "newsfacts.duckdb"
    return corpus, wh, pipeline.run([corpus], wh)


def test_contract_tables_exist_and_are_populated(built: tuple[Path, Path, pipeline.RunSummary]) -> None:
    _, wh, summary = built
    assert summary.articles_new == 2 and summary.records_rejected == 0
    con = duckdb.connect(str(wh), read_only=True)
    try:
        for table, cols in CONTRACT.items():
            have = {r[0] for r in con.execute(f"describe {table}").fetchall()}
            assert cols <= have, (table, cols - have)
        assert con.execute("select count(*) from dim_article").fetchone() == (2,)
        assert con.execute("select count(*) from fct_mention").fetchone()[0] >= 6  # type: ignore[index]
        src = con.execute("select source_id, published_date::varchar from dim_article order by 1").fetchall()
        assert src == [("t-1", "2024-02-14"), ("t-2", "2024-05-02")]
        # offsets index the body
        bad = con.execute(
            "select count(*) from fct_mention m join dim_article a using (article_id) "
            "where substring(a.body, m.start_char + 1, m.end_char - m.start_char) <> m.text").fetchone()
        assert bad == (0,)
    finally:
        con.close()


def test_rerun_on_same_input_changes_nothing(built: tuple[Path, Path, pipeline.RunSummary]) -> None:
    corpus, wh, _ = built
    before = _tables(wh)
    again = pipeline.run([corpus], wh)
    # the unchanged file is recognised by its hash and not even re-read
    assert (again.articles_new, again.files_unchanged, again.articles_seen, again.dbt_skipped) == (0, 1, 0, True)
    assert _tables(wh) == before
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("select count(*), count(distinct code_version) from raw.runs").fetchone() == (2, 1)
    con.close()


def test_worker_pool_builds_the_same_warehouse(built: tuple[Path, Path, pipeline.RunSummary],
                                               tmp_path: Path) -> None:
    corpus, wh, _ = built
    pooled = tmp_path / "pooled.duckdb"
    summary = pipeline.run([corpus], pooled, workers=2)  # segmentation and extraction in worker processes
    assert summary.articles_new == 2
    assert _tables(pooled) == _tables(wh)


def test_added_file_and_changed_article(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in", ARTICLES[:1])
    wh = tmp_path / "w.duckdb"
    pipeline.run([corpus], wh)
    extra = tmp_path / "in" / "more.jsonl"
    extra.write_text(json.dumps(ARTICLES[1], ensure_ascii=False) + "\n", encoding="utf-8")
    second = pipeline.run([corpus], wh)
    assert (second.articles_new, second.articles_seen, second.files_unchanged) == (1, 1, 1)
    changed = dict(ARTICLES[1], body=ARTICLES[1]["body"].replace("100만", "120만"))
    extra.write_text(json.dumps(changed, ensure_ascii=False) + "\n", encoding="utf-8")
    third = pipeline.run([corpus], wh)
    assert (third.articles_new, third.articles_replaced) == (1, 1)
    con = duckdb.connect(str(wh), read_only=True)
    try:
        assert con.execute("select count(*) from dim_article").fetchone() == (2,)
        values = [r[0] for r in con.execute(
            "select value from fct_mention m join dim_article a using (article_id) "
            "where a.source_id = 't-2' and m.unit = 'count'").fetchall()]
        assert 1_200_000 in values and 1_000_000 not in values
    finally:
        con.close()


def test_rejects_are_recorded_and_strict_fails(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "in", ARTICLES[:1])
    (corpus / "bad.jsonl").write_text('{"id": "x"}\n{oops\n', encoding="utf-8")
    wh = tmp_path / "w.duckdb"
    with pytest.raises(StrictModeRejects):
        pipeline.run([corpus], wh, strict=True)
    assert not wh.exists()  # nothing published
    summary = pipeline.run([corpus], wh)
    assert summary.records_rejected == 2
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute("select record_no, reason from raw.rejects order by record_no").fetchall()
    con.close()
    assert [r[0] for r in rows] == [1, 2]
    assert rows[0][1] == "record has no body/text/content"
    again = pipeline.run([corpus], wh)
    assert (again.records_rejected, again.articles_new) == (2, 0)  # reported again, stored once
    con = duckdb.connect(str(wh), read_only=True)
    assert con.execute("select count(*) from raw.rejects").fetchall() == [(2,)]
    con.close()
    before = _tables(wh)
    with pytest.raises(StrictModeRejects):
        pipeline.run([corpus], wh, strict=True)
    assert _tables(wh) == before  # data untouched, but the ledger tells what happened
    con = duckdb.connect(str(wh), read_only=True)
    ledger = con.execute("select status, message from raw.runs order by started_at").fetchall()
    con.close()
    assert [r[0] for r in ledger] == ["succeeded", "succeeded", "failed"]
    assert ledger[-1][1].startswith("StrictModeRejects: --strict: 2 record(s) rejected")


def test_second_run_on_same_warehouse_is_refused(tmp_path: Path) -> None:
    wh = tmp_path / "w.duckdb"
    with exclusive_lock(wh), pytest.raises(WarehouseBusy):
        pipeline.run([_write_corpus(tmp_path / "in", ARTICLES)], wh)


READER = """
import os, sys, time, duckdb
from pathlib import Path
from etl.load.publish import connect_read_only
path, stop, mode = sys.argv[1:4]
held = duckdb.connect(path, read_only=True) if mode == "hold" else None   # a BI tool keeping the file open
if mode == "sqlalchemy":                                                    # a BI tool on duckdb-engine
    from sqlalchemy import create_engine, text
    engine = create_engine(f"duckdb:///{path}", connect_args={"read_only": True})
    held_sa = engine.connect()
seen = set()
while not os.path.exists(stop):
    if mode == "sqlalchemy":
        articles = held_sa.execute(text("select count(*) from dim_article")).scalar()
        with_mentions = held_sa.execute(text("select count(distinct article_id) from fct_mention")).scalar()
    else:
        con = held or connect_read_only(Path(path))                       # or a client that reconnects
        articles = con.execute("select count(*) from dim_article").fetchall()[0][0]
        with_mentions = con.execute("select count(distinct article_id) from fct_mention").fetchall()[0][0]
        if held is None:
            con.close()
    seen.add((articles, with_mentions))
    time.sleep(0.01)
print(sorted(seen))
"""


def test_readers_connected_throughout_a_run(built: tuple[Path, Path, pipeline.RunSummary], tmp_path: Path) -> None:
    corpus, wh, _ = built
    stop = tmp_path / "stop"
    readers = {mode: subprocess.Popen([sys.executable, "-c", READER, str(wh), str(stop), mode],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for mode in ("hold", "reconnect", "sqlalchemy")}
    try:
        time.sleep(1.0)
        more = _write_corpus(tmp_path / "more", [dict(ARTICLES[0], id="t-3", body=ARTICLES[0]["body"] + " 추가.")])
        pipeline.run([corpus, more], wh)  # publishing must not fail because the file is open
        time.sleep(1.0)
    finally:
        stop.touch()
        outs = {mode: p.communicate(timeout=60) for mode, p in readers.items()}
    assert all(p.returncode == 0 for p in readers.values()), outs
    seen = {mode: eval(out) for mode, (out, _) in outs.items()}
    # the held connection keeps its old snapshot; reconnecting readers see old or new, never a mix
    assert seen["hold"] == seen["sqlalchemy"] == [(2, 2)]
    assert set(seen["reconnect"]) == {(2, 2), (3, 3)}


def _run_cli(args: list[str]) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("newsfacts")
    return subprocess.Popen([str(exe), "run", "--quiet", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(cond: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)


@pytest.fixture(scope="module")
def two_steps(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """in1, in2, a warehouse built from in1, and one built from in1 then in1 + in2 without interruption."""
    root = tmp_path_factory.mktemp("two")
    in1 = _write_corpus(root / "in1", ARTICLES[:1])
    in2 = _write_corpus(root / "in2", ARTICLES[1:])
    base = root / "base.duckdb"
    pipeline.run([in1], base)
    clean = root / "clean.duckdb"
    shutil.copyfile(base, clean)
    pipeline.run([in1, in2], clean)
    return in1, in2, base, clean


@pytest.mark.parametrize("moment", ["starting", "extracting", "dbt"])
def test_sigkill_leaves_the_old_warehouse_and_rerun_equals_clean_run(
    tmp_path: Path, two_steps: tuple[Path, Path, Path, Path], moment: str
) -> None:
    in1, in2, base, clean = two_steps
    wh = tmp_path / "w.duckdb"
    shutil.copyfile(base, wh)
    old = _tables(wh)
    dbt_log = build_dir(wh) / "logs" / "dbt.log"
    proc = _run_cli(["--input", str(in1), "--input", str(in2), "--warehouse", str(wh)])
    if moment == "extracting":
        _wait_for(lambda: build_file(wh).exists())
    elif moment == "dbt":
        _wait_for(lambda: dbt_log.exists() and dbt_log.stat().st_size > 0)
    finished = proc.poll() is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after_kill = _tables(wh)  # readable in every case
    if not finished:
        assert after_kill == old
    pipeline.run([in1, in2], wh)
    assert _tables(wh) == _tables(clean)
