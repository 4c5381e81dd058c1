"""A run publishes what is good: bad bytes, a defective row, an oversize text or a slow article cost
only themselves (issue: a run always publishes what is good)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from etl import budget, pipeline
from etl.errors import StrictModeRejects
from etl.load.raw import ArticleResult
from etl.records import Article, Reject, SourceRecord

GOOD = "미래테크는 지난해 매출 350억원을 기록했다고 5일 밝혔다. 영업이익은 42억원이다. 직원 수는 120명이다."
REPEATED = "대한물산은 지난해 매출 1조 2천억원을 기록했다  직원은 3200명이다  "


def _jsonl(*records: dict[str, object]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def crafted_inputs(folder: Path) -> Path:
    """One file of each kind of trouble, each holding good text that must load."""
    folder.mkdir(parents=True, exist_ok=True)
    good = GOOD.encode()
    (folder / "bad-bytes.txt").write_bytes(good[:40] + b"\xff\xfe" + good[40:])
    lines = _jsonl({"id": "d1", "body": "한결소프트는 지난해 매출 820억원을 기록했다.", "published_at": "2024-02-14"},
                   {"id": "d2", "body": "바람모빌리티의 직원 수는 310명이다.", "published_at": "2024-02-14"},
                   {"id": "d3", "body": "누리테크의 지난해 영업이익은 64억원이다."}).split(b"\n")
    lines[1] = lines[1][:25] + b"\x80\x81" + lines[1][25:]
    (folder / "damaged.jsonl").write_bytes(b"\n".join(lines))
    (folder / "damaged.csv").write_bytes(b"id,body\n" + b'c1,"\xea\xb8\xb0\xec\x82\xac \xff text"\n'
                                         + f"c2,{GOOD}\n".encode())
    (folder / "one-line.txt").write_text(REPEATED * (250_000 // len(REPEATED)), encoding="utf-8")
    (folder / "mou.jsonl").write_bytes(_jsonl({
        "id": "m1", "published_at": "2024-05-03",
        "body": "한빛전자 새롬바이오 업무협약\n한빛전자와 새롬바이오가 인공지능 신약 개발을 위한 업무협약을 "
                "맺었다고 3일 밝혔다. 한빛전자의 지난해 매출은 1200억원이다."}))
    (folder / "brackets.txt").write_text("((((한빛전자((005930)))[[매출 1200억원]]))) " * 50 + "9" * 400,
                                         encoding="utf-8")
    (folder / "noise.bin.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "surrogate.jsonl").write_text('{"id": "s1", "body": "누리테크의 직원 수는 20명이다 \\ud800 끝."}\n',
                                           encoding="utf-8")
    return folder


def _rows(wh: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _content(wh: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = ["dim_article", "fct_metric_observation", "fct_mention", "fct_company_event", "raw.rejects",
              "raw.quarantine"]
    out = {}
    for t in tables:
        cols = [c for (c, *_) in _rows(wh, f"describe {t}") if c not in {"run_id", "loaded_at", "rejected_at",
                                                                         "quarantined_at"}]
        out[t] = sorted(_rows(wh, f"select {', '.join(cols)} from {t}"), key=repr)
    return out


def test_crafted_bad_inputs_publish_every_good_record_twice_without_change(tmp_path: Path) -> None:
    inputs = crafted_inputs(tmp_path / "in")
    wh = tmp_path / "w.duckdb"
    cmd = [str(Path(sys.executable).parent / "newsfacts"), "run", "--input", str(inputs), "--warehouse", str(wh),
           "--quiet"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    bodies = [b for (b,) in _rows(wh, "select body from dim_article")]
    # the good text of the damaged files is there, bad bytes replaced
    assert any(b.startswith("미래테크는 지난해 매출 350억") and "\ufffd" in b for b in bodies)
    assert sum("\ufffd" in b for b in bodies) == 4  # bad-bytes.txt, d2, c1, s1
    assert any(b.startswith("한결소프트는") for b in bodies) and any(b.startswith("누리테크의 지난해") for b in bodies)
    assert any(b.startswith("누리테크의 직원 수는 20명이다 \ufffd") for b in bodies)  # a lone surrogate escape
    # the oversize single line is extracted in parts, each saying so
    parts = _rows(wh, "select count(*) from raw.articles where warnings like '%too long to be one article%'")
    assert parts[0][0] >= 2
    warnings = _rows(wh, "select source_file, byte_offset, excerpt from raw.rejects where severity = 'warning'")
    assert {(Path(f).name, off) for f, off, _ in warnings} >= {
        ("bad-bytes.txt", 39), ("damaged.csv", 19), ("damaged.jsonl", 142)}
    assert all("replaced with U+FFFD" in e for _, _, e in warnings)
    errors = _rows(wh, "select source_file, reason from raw.rejects where severity = 'error'")
    assert [Path(f).name for f, _ in errors] == ["noise.bin.txt"]
    assert _rows(wh, "select count(*) from raw.quarantine") == [(0,)]
    facts = _rows(wh, "select company_name, metric, value from fct_metric_observation")
    assert ("한결소프트", "revenue", 82_000_000_000.0) in facts
    events = _rows(wh, "select company_name, start_char, end_char from fct_company_event")
    assert {c for c, _, _ in events} >= {"한빛전자", "새롬바이오"} and all(s < e for _, s, e in events)

    before = _content(wh)
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr
    assert _content(wh) == before


def _with_defect(real: object) -> object:
    def analyze(article: Article) -> ArticleResult:
        result: ArticleResult = real(article)  # type: ignore[operator]
        if result.facts:  # one fact whose offsets run backwards, as the event-span bug once made
            f = result.facts[0]
            result.facts.append(replace(f, metric="headcount", start=f.end, end=f.start))
        return result
    return analyze


def test_a_defective_row_is_quarantined_and_the_rest_publishes(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_bytes(_jsonl({"id": "q1", "body": GOOD, "published_at": "2024-02-14"}))
    monkeypatch.setattr(pipeline, "analyze", _with_defect(pipeline.analyze))
    with pytest.raises(StrictModeRejects, match="1 row\\(s\\) quarantined"):
        pipeline.run([inputs], tmp_path / "strict.duckdb", strict=True)
    assert not (tmp_path / "strict.duckdb").exists()

    wh = tmp_path / "w.duckdb"
    summary = pipeline.run([inputs], wh)
    assert summary.rows_quarantined == 1
    [(table, reason, row_json)] = _rows(wh, "select table_name, reason, row_json from raw.quarantine")
    assert table == "facts" and "outside the body" in reason and json.loads(row_json)["metric"] == "headcount"
    assert _rows(wh, "select rows_quarantined from raw.runs where status = 'succeeded'") == [(1,)]
    metrics = {m for (m,) in _rows(wh, "select metric from fct_metric_observation")}
    assert "revenue" in metrics and "headcount" in metrics  # the good headcount fact (120명) still loads
    assert _rows(wh, "select count(*) from fct_metric_observation where end_char <= start_char") == [(0,)]


def test_an_article_over_its_time_budget_is_rejected_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(article: Article) -> ArticleResult:
        time.sleep(5)
        raise AssertionError("the budget should have stopped this")

    monkeypatch.setattr(pipeline, "analyze", slow)
    art = Article("a1", "x.jsonl", 3, 0, GOOD)
    t0 = time.monotonic()
    out = pipeline.analyze_within_budget(art, seconds=0.2)
    assert time.monotonic() - t0 < 2
    assert isinstance(out, Reject) and "time budget of 0.2 s" in out.reason and out.record_no == 3


def test_segmentation_over_its_budget_rejects_the_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(rec: SourceRecord) -> list[Article]:
        time.sleep(5)
        return []

    monkeypatch.setattr(pipeline, "articles_from_record", slow)
    [out] = pipeline.segment_within_budget(SourceRecord("d.txt", 0, GOOD, is_dump=True), seconds=0.2)
    assert isinstance(out, Reject) and out.reason.startswith("segmentation exceeded its time budget")


def test_an_oversize_text_becomes_parts_cut_at_sentence_ends() -> None:
    body = REPEATED * (350_000 // len(REPEATED))
    arts = list(pipeline.articles_from_record(SourceRecord("big.jsonl", 4, body, source_id="big")))
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 4
    assert "".join(a.body for a in arts) == body  # type: ignore[union-attr]
    assert [a.segment_no for a in arts] == [1, 2, 3, 4]  # type: ignore[union-attr]
    for a in arts:
        assert len(a.body) <= pipeline.MAX_ARTICLE_CHARS  # type: ignore[union-attr]
        assert a.body.rstrip().endswith("이다")  # type: ignore[union-attr]
        assert any("too long to be one article" in w for w in a.warnings)  # type: ignore[union-attr]


def test_budget_does_nothing_outside_the_main_thread() -> None:
    import threading

    done: list[bool] = []

    def work() -> None:
        with budget.time_budget(0.01):
            time.sleep(0.05)
        done.append(True)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert done == [True]


def _random_texts(seed: int, n: int) -> list[str]:
    """Random Unicode, stripped punctuation, repeats, huge numbers, brackets, two-company headlines."""
    from tests.test_row_invariants import NAMES, SENTENCES

    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.2:
                chars = (rng.randint(32, 0x2FFFF) for _ in range(rng.randint(1, 40)))
                parts.append("".join(chr(c) for c in chars if not 0xD800 <= c < 0xE000))  # no surrogates
                continue
            big = "9" * rng.randint(20, 400) if rng.random() < 0.1 else str(rng.randint(0, 10**7))
            parts.append(rng.choice(SENTENCES).format(a=rng.choice(NAMES), b=rng.choice(NAMES), n=big,
                                                      m=rng.randint(0, 99), d=rng.randint(0, 40)))
        text = rng.choice([". ", "  ", "\n", " "]).join(parts) * rng.randint(1, 3)
        texts.append(text)
    return texts


def test_random_texts_run_and_every_published_row_keeps_the_invariants(tmp_path: Path) -> None:
    from etl.load.validate import violation

    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = _random_texts(20261206, 40)
    (inputs / "random.jsonl").write_bytes(_jsonl(*({"id": f"r{i}", "body": t, "published_at": "2024-05-03"}
                                                   for i, t in enumerate(texts))))
    for i, t in enumerate(texts[:10]):
        (inputs / f"dump-{i}.txt").write_text(t, encoding="utf-8")
    wh = tmp_path / "w.duckdb"
    pipeline.run([inputs], wh)
    con = duckdb.connect(str(wh), read_only=True)
    try:
        bodies = dict(con.execute("select article_id, body from raw.articles").fetchall())
        checked = 0
        for table in ("mentions", "company_mentions", "facts", "events"):
            cur = con.execute(f"select * from raw.{table}")
            cols = [d[0] for d in cur.description]
            for values in cur.fetchall():
                row = dict(zip(cols, values, strict=True))
                assert violation(table, row, bodies[row["article_id"]]) is None, (table, row)
                checked += 1
        assert checked > 100
        assert con.execute("select count(*) from raw.quarantine").fetchone() == (0,)
    finally:
        con.close()


def test_a_failing_fact_extraction_is_a_warning_row_and_the_mentions_load(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.facts import extract

    def broken(article: Article, mentions: list) -> None:
        raise ValueError("a rule broke")

    monkeypatch.setattr(extract, "_extract", broken)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.jsonl").write_bytes(_jsonl({"id": "b1", "body": GOOD, "published_at": "2024-02-14"}))
    wh = tmp_path / "w.duckdb"
    pipeline.run([inputs], wh)
    assert _rows(wh, "select severity, reason from raw.rejects") == [
        ("warning", "fact extraction failed: ValueError: a rule broke")]
    assert _rows(wh, "select count(*) from fct_mention")[0][0] > 0
    assert _rows(wh, "select count(*) from fct_metric_observation") == [(0,)]
