"""RawWriter stages rows as Parquet and loads them into DuckDB only on commit (issue 6: flat memory)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from etl.load.raw import ArticleResult, RawWriter, ensure_schema
from etl.mentions.find import find_mentions
from etl.records import Article, Reject

BODY = "누리테크는 지난해 매출 1,493억원을 기록했다. 임직원은 320명이다."


def _result(n: int) -> ArticleResult:
    body = f"{BODY} ({n})"
    art = Article(article_id=Article.make_id(body, None), source_file="a.jsonl", record_no=n, segment_no=0, body=body)
    return ArticleResult(art, find_mentions(body, None), [], [], [])


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"select count(*) from raw.{table}").fetchone()[0]  # type: ignore[index]


def _writer(tmp_path: Path) -> tuple[duckdb.DuckDBPyConnection, RawWriter]:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(con)
    return con, RawWriter(con, "run1", datetime(2026, 12, 2), staging=tmp_path / "staging")


def test_rows_reach_duckdb_on_commit_and_staging_is_emptied(tmp_path: Path) -> None:
    con, writer = _writer(tmp_path)
    for n in range(3):
        writer.add(_result(n))
    writer.flush()
    assert _count(con, "articles") == 0  # staged, not yet loaded
    assert list((tmp_path / "staging").glob("*.parquet"))
    writer.commit()
    assert _count(con, "articles") == 3
    assert _count(con, "mentions") == writer.counts["mentions"] > 0
    assert not list((tmp_path / "staging").glob("*.parquet"))


def test_deleting_a_staged_article_loads_the_staged_rows_first(tmp_path: Path) -> None:
    con, writer = _writer(tmp_path)
    first, second = _result(1), _result(2)
    writer.add(first)
    writer.add(second)
    writer.delete_articles([first.article.article_id])
    assert con.execute("select article_id from raw.articles").fetchall() == [(second.article.article_id,)]
    assert _count(con, "mentions") == len(second.mentions)
    writer.commit()  # nothing left staged: committing again changes nothing
    assert _count(con, "articles") == 1


def test_a_reject_seen_twice_is_stored_once(tmp_path: Path) -> None:
    con, writer = _writer(tmp_path)
    bad = Reject("b.csv", 7, "row has no body")
    writer.reject(bad)
    writer.reject(bad)
    writer.commit()
    writer.reject(bad)
    writer.commit()
    assert _count(con, "rejects") == 1


def test_a_new_writer_clears_what_a_killed_run_left_in_staging(tmp_path: Path) -> None:
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging" / "articles.parquet").write_bytes(b"half-written")
    con, writer = _writer(tmp_path)
    writer.add(_result(1))
    writer.commit()
    assert _count(con, "articles") == 1
