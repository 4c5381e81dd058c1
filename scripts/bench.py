"""`make bench`: throughput, scale, incremental re-runs and planted-fact recall, from one run.

    .venv/bin/python scripts/bench.py                     # sizes 10000,100000 (takes a long while)
    .venv/bin/python scripts/bench.py --quick             # sizes 1000,10000 (smoke run)
    .venv/bin/python scripts/bench.py --sizes 2000,20000 --out docs/benchmarks.md

What it measures (see docs/benchmarks.md for the meaning of every figure):
 1. extraction throughput (ingest → segment → mentions → facts, no dbt) on a generated corpus, in
    chars/s and articles/s, in one process and with `map_batches(workers=2)`, next to Kiwi
    `tokenize` on the same article bodies in the same process, as a ratio;
 2. end-to-end `newsfacts run --workers 0` wall time and peak memory, each run a fresh subprocess,
    for every size, and the ratios between the largest and the smallest;
 3. on the largest warehouse: a no-op re-run, then a run that adds 1% new articles, as ratios of
    the first run;
 4. recall of the planted facts (and a precision proxy) on the largest warehouse;
 5. one 8 MB text file with no line break (article bodies run together, as a crawl saved without
    newlines) against the same text cut into 2 KB lines: `newsfacts run --workers 0` on each;
 6. web archives: WARCs of generated news pages (`--warc-pages`, default 2,000 and 20,000; our page
    layouts, a third in EUC-KR, a request record before each response) streamed through the reader,
    the page extraction and the fact extraction (no DuckDB, no dbt) in a subprocess of its own:
    pages/s and the subprocess's peak RSS, and the ratio of the peaks.
 7. the Spark path (issue 14) on the 10k corpus: the Spark job in local[2] against the native run
    with 2 workers (read, segment, extract, check and write the raw rows), then `newsfacts build`
    from the job's Parquet against `newsfacts run`: row counts, identical rows, planted-fact recall.
Corpora are generated with `etl.synth` into build/bench/ and reused while the generator is unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# part 6's subprocess imports the frozen copy of the code under test (see snapshot_code)
sys.path.insert(0, os.environ.get("NEWSFACTS_BENCH_CODE") or str(ROOT))

from etl.synth import GENERATOR_VERSION, generate  # noqa: E402

BENCH = ROOT / "build" / "bench"
NEWSFACTS = ROOT / ".venv" / "bin" / "newsfacts"
CORE = ("revenue", "operating_profit", "net_income", "headcount", "downloads", "users", "error_rate")
TARGETS = {
    "kiwi_ratio": (">=", 3.0, "full extraction ≥ 3× faster than Kiwi tokenize"),
    "kiwi_ratio_real": (">=", 3.0, "full extraction ≥ 3× faster than Kiwi tokenize on real news (ko-wikinews)"),
    "peak_mem_mb": ("<", 2048.0, "peak memory of newsfacts run < 2 GB (largest size, process tree)"),
    "mem_ratio": ("<=", 1.3, "peak memory largest/smallest size ≤ 1.3"),
    "time_ratio": ("<=", 11.0, "time(largest)/time(smallest) ≤ 11 (for a 10× size step)"),
    "noop_ratio": ("<=", 0.05, "no-op re-run ≤ 5% of the first run"),
    "plus1_ratio": ("<=", 0.10, "+1% articles run ≤ 10% of the first run"),
    "recall": (">=", 0.98, "planted-fact recall ≥ 0.98"),
    "singleline_ratio": ("<=", 2.0, "8 MB single-line text file / same text in 2 KB lines ≤ 2"),
    "report_s": ("<", 60.0, "`newsfacts report` on the largest warehouse < 60 s"),
    "report_mb": ("<", 8.0, "its report < 8 MB (small enough to mail)"),
    "warc_mem_ratio": ("<=", 1.3, "peak RSS streaming the largest WARC / the smallest ≤ 1.3"),
    "spark_ratio": (">=", 0.7, "Spark local[2] throughput ≥ 0.7× native --workers 2 (raw rows written)"),
    "spark_same": (">=", 1.0, "Spark job + build gives the warehouse of newsfacts run (1 = every table equal)"),
}
SINGLE_LINE_BYTES = 8 * 1024 * 1024
LINE_BYTES = 2048


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S} load {os.getloadavg()[0]:.2f}] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# corpora


def generator_digest() -> str:
    h = hashlib.sha256(GENERATOR_VERSION.encode())
    for p in sorted((ROOT / "etl" / "synth").iterdir()):
        if p.suffix in {".py", ".toml"}:
            h.update(p.read_bytes())
    return h.hexdigest()[:8]


def corpus_for(n: int, seed: int, start: int = 0) -> Path:
    """The generated corpus of n articles (indices start..), reused while the generator is unchanged."""
    out = BENCH / f"synth-{n}-s{seed}-from{start}-{generator_digest()}"
    if (out / "manifest.json").exists():
        return out / "corpus"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.monotonic()
    corpus = generate(out, n, seed, start=start)
    log(f"generated {n:,} articles (from index {start:,}) in {time.monotonic() - t0:.1f}s → {out}")
    return corpus


# ------------------------------------------------------------------------------------------------
# 1. extraction throughput


def throughput(corpus: Path, workers_list: tuple[int, ...]) -> dict[str, Any]:
    from etl.ingest import read_inputs
    from etl.pipeline import _analyze_batch, analyze, articles_from_record, map_batches
    from etl.records import Article, Reject

    def articles() -> Any:
        for rec in read_inputs([corpus]):
            if isinstance(rec, Reject):
                continue
            for art in articles_from_record(rec):
                if isinstance(art, Article):
                    yield art

    res: dict[str, Any] = {"corpus": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else str(corpus)}
    # warm imports/caches (lexicons, compiled regexes) outside the timed region
    analyze(next(iter(articles())))
    from etl.facts.companies import is_common_word

    is_common_word("모형적재")  # the extractor's own Kiwi loads lazily: outside the timed region, as Kiwi's own

    t0 = time.perf_counter()
    n = chars = facts = mentions = 0
    bodies: list[str] = []
    for art in articles():
        r = analyze(art)
        n += 1
        chars += len(art.body)
        facts += len(r.facts)
        mentions += len(r.mentions)
        bodies.append(art.body)
    t = time.perf_counter() - t0
    res.update(articles=n, chars=chars, facts=facts, mentions=mentions, extract_s=round(t, 3),
               extract_chars_s=round(chars / t), extract_articles_s=round(n / t, 1))
    log(f"extraction, 1 process: {n:,} articles, {chars:,} chars in {t:.2f}s")

    for w in workers_list:
        t0 = time.perf_counter()
        m = sum(1 for _ in map_batches(_analyze_batch, articles(), w))
        tw = time.perf_counter() - t0
        res[f"workers{w}_s"] = round(tw, 3)
        res[f"workers{w}_chars_s"] = round(chars / tw)
        res[f"workers{w}_articles_s"] = round(m / tw, 1)
        log(f"extraction, map_batches workers={w}: {tw:.2f}s")

    from kiwipiepy import Kiwi

    t0 = time.perf_counter()
    kiwi = Kiwi()
    kiwi.tokenize("")  # Kiwi initialises lazily: load the model outside the timed region
    res["kiwi_init_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    tokens = 0
    for body in bodies:
        tokens += len(kiwi.tokenize(body))
    tk = time.perf_counter() - t0
    res.update(kiwi_s=round(tk, 3), kiwi_chars_s=round(chars / tk), kiwi_tokens=tokens,
               kiwi_ratio=round(tk / t, 2))
    log(f"kiwi tokenize: {tk:.2f}s ({tokens:,} tokens)")
    return res


def real_text_ratio(wikinews: Path, reps: int = 2) -> dict[str, Any]:
    """Extraction against Kiwi `tokenize` on real Korean news (../shared/corpora/ko-wikinews), one process.

    Both sides read the same article bodies `reps` times; Kiwi's model load and the extractor's lexicon
    and regex warm-up are outside the timed regions.
    """
    from etl.pipeline import analyze, articles_from_record
    from etl.records import Article, SourceRecord

    arts: list[Article] = []
    with wikinews.open(encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            rec = json.loads(line)
            for art in articles_from_record(SourceRecord(wikinews.name, k, rec["text"], source_id=rec.get("id"),
                                                         published_at=rec.get("date"))):
                if isinstance(art, Article):
                    arts.append(art)
    analyze(arts[0])
    from etl.facts.companies import is_common_word

    is_common_word("모형적재")  # the extractor's own Kiwi loads lazily: outside the timed region too
    t0 = time.perf_counter()
    for _ in range(reps):
        for art in arts:
            analyze(art)
    te = time.perf_counter() - t0
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    kiwi.tokenize("")
    t0 = time.perf_counter()
    for _ in range(reps):
        for art in arts:
            kiwi.tokenize(art.body)
    tk = time.perf_counter() - t0
    chars = sum(len(a.body) for a in arts)
    log(f"real text: {len(arts):,} wikinews articles x{reps}: extraction {te:.2f}s, kiwi {tk:.2f}s")
    return {"articles": len(arts), "chars": chars, "reps": reps, "extract_s": round(te, 3), "kiwi_s": round(tk, 3),
            "kiwi_ratio_real": round(tk / te, 2)}


def profile_extraction(corpus: Path, limit: int, out_file: Path) -> list[tuple[str, float, float]]:
    """cProfile of the extraction stage on `limit` articles: the top functions by own and cumulative time."""
    import cProfile
    import pstats
    from itertools import islice

    from etl.ingest import read_inputs
    from etl.pipeline import analyze, articles_from_record
    from etl.records import Article, Reject

    def run() -> None:
        def arts() -> Any:
            for rec in read_inputs([corpus]):
                if not isinstance(rec, Reject):
                    yield from (a for a in articles_from_record(rec) if isinstance(a, Article))
        for art in islice(arts(), limit):
            analyze(art)

    prof = cProfile.Profile()
    prof.runcall(run)
    prof.dump_stats(str(out_file))
    stats = pstats.Stats(prof)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    by_module: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, _line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rel = filename.replace(str(ROOT) + "/", "")
        by_module[rel] += tt
        rows.append((f"{rel}:{func}", tt, ct))
    rows.sort(key=lambda r: -r[1])
    modules = sorted(by_module.items(), key=lambda kv: -kv[1])[:12]
    print(f"\nprofile of extraction on {limit:,} articles ({total:.2f}s total; full stats in {out_file}):")
    print("  own time by module:")
    for mod, tt in modules:
        print(f"    {tt:7.2f}s {100 * tt / total:5.1f}%  {mod}")
    print("  top functions by own time:")
    for name, tt, ct in rows[:15]:
        print(f"    {tt:7.2f}s own {ct:7.2f}s cum  {name}")
    return [(m, round(t, 3), round(100 * t / total, 1)) for m, t in modules]


# ------------------------------------------------------------------------------------------------
# 2./3. end-to-end runs


def _tree_rss_kb(pid: int) -> list[int]:
    """Resident memory (kB) of `pid` and of each of its descendants, the run's own process first."""
    sizes = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]))
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return sizes


def snapshot_code() -> Path:
    """A frozen copy of the code, seeds and dbt project that every timed run uses.

    Others edit the extractor while the benchmark runs; the run's code version digest would then
    change between the first run and the re-runs, and a "no-op" re-run would re-extract everything.
    """
    dest = BENCH / f"code-{datetime.now():%Y%m%d-%H%M%S}"
    ignore = shutil.ignore_patterns("__pycache__", "target", "logs", "*.pyc", ".build", "sample")
    for part in ("etl", "seeds", "dbt_project"):
        shutil.copytree(ROOT / part, dest / part, ignore=ignore)
    (dest / "etl" / "sample").mkdir(exist_ok=True)
    log(f"froze the code under test in {dest}")
    return dest


def timed_run(inputs: list[Path], warehouse: Path, label: str, code: Path | None = None) -> dict[str, Any]:
    """One `newsfacts run --workers 0` as a fresh subprocess: wall time, peak memory, exit code.

    With `code`, the frozen copy made by snapshot_code runs (python -m etl.cli with it on PYTHONPATH).
    """
    env = dict(os.environ)
    if code is not None:
        cmd = [sys.executable, "-m", "etl.cli"]
        env.update(PYTHONPATH=str(code), NEWSFACTS_HOME=str(code))
    else:
        cmd = [str(NEWSFACTS)]
    cmd += ["run", "--workers", "0", "--quiet", "--warehouse", str(warehouse)]
    for p in inputs:
        cmd += ["--input", str(p)]
    log(f"{label}: {' '.join(cmd[1:])}")
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=code or ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak_tree = [0]
    # where the peak falls (extraction with its workers, or dbt alone) decides what to tune:
    # one point a second of [seconds, tree MB, run's own process MB, processes]
    timeline: list[list[float]] = []
    done = threading.Event()

    def sample() -> None:
        n = 0
        while not done.is_set():
            sizes = _tree_rss_kb(proc.pid)
            peak_tree[0] = max(peak_tree[0], sum(sizes))
            if n % 5 == 0 and sizes:
                timeline.append([round(time.perf_counter() - t0, 1), round(sum(sizes) / 1024),
                                 round(sizes[0] / 1024), len(sizes)])
            n += 1
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    # ru_maxrss of RUSAGE_CHILDREN is the largest single reaped descendant so far; each run is
    # measured as the increase over what earlier runs left, so report the sampled tree sum too.
    max_single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res = {
        "label": label, "exit": proc.returncode, "wall_s": round(wall, 2),
        "peak_tree_mb": round(peak_tree[0] / 1024, 1), "max_single_mb_so_far": round(max_single / 1024, 1),
        "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2),
        "summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
        "rss_timeline": timeline,
    }
    if proc.returncode != 0:
        res["error"] = stderr.strip()[-2000:]
        log(f"{label}: FAILED exit {proc.returncode}: {stderr.strip()[-400:]}")
    else:
        log(f"{label}: {wall:.1f}s, peak tree RSS {res['peak_tree_mb']:.0f} MB — {res['summary']}")
    return res


def fresh_run(inputs: list[Path], warehouse: Path, label: str, code: Path | None) -> dict[str, Any]:
    for p in (warehouse, warehouse.with_name(warehouse.name + ".lock")):
        p.unlink(missing_ok=True)
    shutil.rmtree(warehouse.parent / f".{warehouse.name}.build", ignore_errors=True)
    return timed_run_isolated(inputs, warehouse, label, code)


def timed_run_isolated(inputs: list[Path], warehouse: Path, label: str, code: Path | None) -> dict[str, Any]:
    """Run timed_run in a fresh bench child so ru_maxrss belongs to this run alone."""
    prog = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); "
        "from scripts.bench import timed_run; from pathlib import Path; "
        "a = json.loads(sys.argv[2]); "
        "print(json.dumps(timed_run([Path(p) for p in a['inputs']], Path(a['warehouse']), a['label'], "
        "Path(a['code']) if a['code'] else None)))"
    )
    arg = json.dumps({"inputs": [str(p) for p in inputs], "warehouse": str(warehouse), "label": label,
                      "code": str(code) if code else None})
    out = subprocess.run([sys.executable, "-c", prog, str(ROOT), arg], cwd=ROOT, stdout=subprocess.PIPE,
                         text=True, check=False)
    try:
        res = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"label": label, "exit": -1, "error": f"bench child failed: {out.stdout[-500:]}"}
    res["max_single_mb"] = res.pop("max_single_mb_so_far")
    return res


# ------------------------------------------------------------------------------------------------
# 5. one huge line against the same text in lines


def timed_report(warehouse: Path, code: Path | None) -> dict[str, Any]:
    """`newsfacts report` on a built warehouse as a fresh subprocess: wall time and the file's size."""
    out = warehouse.parent / f"report-{warehouse.stem}"
    env = dict(os.environ)
    cmd = [str(NEWSFACTS)]
    if code is not None:
        cmd = [sys.executable, "-m", "etl.cli"]
        env.update(PYTHONPATH=str(code), NEWSFACTS_HOME=str(code))
    cmd += ["report", "--warehouse", str(warehouse), "--out", str(out)]
    log(f"report: {' '.join(cmd[1:])}")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=code or ROOT, env=env, capture_output=True, text=True)
    res: dict[str, Any] = {"exit": proc.returncode, "wall_s": round(time.perf_counter() - t0, 2),
                           "summary": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""}
    if proc.returncode == 0:
        res["mb"] = round((out / "index.html").stat().st_size / 1e6, 2)
    log(f"report: {res}")
    return res


def single_line_files(corpus: Path) -> tuple[Path, Path]:
    """An 8 MB one-line text of the corpus's article bodies, and the same text cut into 2 KB lines."""
    out = BENCH / f"singleline-{corpus.parent.name}"
    one, lines = out / "one-line" / "text.txt", out / "lines" / "text.txt"
    if one.exists() and lines.exists():
        return one.parent, lines.parent
    from etl.ingest import read_inputs
    from etl.records import SourceRecord

    parts: list[str] = []
    size = 0
    while size < SINGLE_LINE_BYTES:
        for rec in read_inputs([corpus]):
            if isinstance(rec, SourceRecord) and not rec.is_dump:
                body = " ".join(rec.body.split())
                parts.append(body)
                size += len(body.encode()) + 2
                if size >= SINGLE_LINE_BYTES:
                    break
    text = "  ".join(parts).encode()[:SINGLE_LINE_BYTES].decode("utf-8", errors="ignore")
    cut: list[str] = []
    start = 0
    while start < len(text):  # each line ends at the last space within 2 KB
        end = start
        budget = LINE_BYTES
        while end < len(text) and budget > 0:
            budget -= len(text[end].encode())
            end += 1
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space + 1 if space > start else end
        cut.append(text[start:end].rstrip(" "))
        start = end
    for path, content in ((one, text), (lines, "\n".join(cut))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    log(f"single-line files: {len(text.encode()):,} bytes, {len(cut):,} lines of ≤ {LINE_BYTES} bytes")
    return one.parent, lines.parent


def single_line(corpus: Path, code: Path | None) -> dict[str, Any]:
    one, lines = single_line_files(corpus)
    res: dict[str, Any] = {"bytes": sum(p.stat().st_size for p in one.iterdir())}
    res["one_line"] = fresh_run([one], BENCH / "wh-one-line.duckdb", "8 MB single-line text", code)
    res["lines"] = fresh_run([lines], BENCH / "wh-lines.duckdb", "same text in 2 KB lines", code)
    if res["one_line"]["exit"] == 0 and res["lines"]["exit"] == 0:
        res["ratio"] = round(res["one_line"]["wall_s"] / res["lines"]["wall_s"], 2)
    return res


# ------------------------------------------------------------------------------------------------
# 6. the Spark path against the native run


def spark_child(corpus: Path, out: Path, native_wh: Path) -> dict[str, Any]:
    """In a fresh process (no Kiwi loaded, so the native workers load theirs as in a real run):
    the native run with 2 workers, then the Spark job in local[2] on the same corpus."""
    from etl import pipeline
    from etl.spark.job import run_job
    from etl.spark.session import local_session

    res: dict[str, Any] = {}
    marks: dict[str, float] = {}
    t0 = time.perf_counter()
    summary = pipeline.run([corpus], native_wh, workers=2,
                           progress=lambda stage, n: marks.setdefault(stage, time.perf_counter()))
    res["native"] = {"articles": summary.articles_new, "extract_load_s": round(marks["dbt build"] - t0, 2),
                     "total_s": round(time.perf_counter() - t0, 2), "facts": summary.facts}
    log(f"native run, 2 workers: {res['native']['extract_load_s']}s to the raw tables, "
        f"{res['native']['total_s']}s with dbt")
    t0 = time.perf_counter()
    spark = local_session(2, progress=False)
    res["session_s"] = round(time.perf_counter() - t0, 2)
    try:
        t0 = time.perf_counter()
        job = run_job(spark, [str(corpus)], str(out))
        res["spark"] = {"articles": job.articles, "job_s": round(time.perf_counter() - t0, 2),
                        "facts": job.counts["facts"], "run_id": job.run_id}
    finally:
        spark.stop()
    log(f"spark job, local[2]: {res['spark']['job_s']}s (session start {res['session_s']}s)")
    return res


WAREHOUSE_BOOKKEEPING = {"run_id", "loaded_at", "rejected_at", "quarantined_at"}


def compare_warehouses(a: Path, b: Path) -> dict[str, Any]:
    """Row counts of every mart and raw table in both, and whether their rows are the same (run
    bookkeeping columns left out; the ledgers raw.runs and raw.input_files not compared)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"attach '{a}' as a (read_only)")
        con.execute(f"attach '{b}' as b (read_only)")
        tables = [tuple(r) for r in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'a' and schema_name in "
            "('main', 'raw') and table_name not in ('runs', 'input_files') order by 1, 2").fetchall()]
        out: dict[str, Any] = {}
        for schema, table in tables:
            cols = [c for (c,) in con.execute(
                "select column_name from duckdb_columns() where database_name = 'a' and schema_name = ? "
                "and table_name = ? order by column_index", [schema, table]).fetchall()
                    if c not in WAREHOUSE_BOOKKEEPING]
            sel = ", ".join(f'"{c}"' for c in cols)
            na = con.execute(f"select count(*) from a.{schema}.{table}").fetchone()[0]  # type: ignore[index]
            nb = con.execute(f"select count(*) from b.{schema}.{table}").fetchone()[0]  # type: ignore[index]
            diff = con.execute(
                f"select count(*) from ((select {sel} from a.{schema}.{table} except all "
                f"select {sel} from b.{schema}.{table}) union all (select {sel} from b.{schema}.{table} "
                f"except all select {sel} from a.{schema}.{table}))").fetchone()[0]  # type: ignore[index]
            out[f"{schema}.{table}"] = {"native": na, "spark": nb, "rows_differing": diff}
        return out
    finally:
        con.close()


def spark_part(n: int, seed: int, code: Path | None) -> dict[str, Any]:
    corpus = corpus_for(n, seed)
    native_wh, spark_wh, out = (BENCH / f"wh-spark-native-{n}.duckdb", BENCH / f"wh-spark-{n}.duckdb",
                                BENCH / f"spark-raw-{n}")
    for wh in (native_wh, spark_wh):
        for p in (wh, wh.with_name(wh.name + ".lock")):
            p.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    prog = ("import json, sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "from scripts.bench import spark_child; "
            "print(json.dumps(spark_child(*(Path(p) for p in sys.argv[2:]))))")
    child = subprocess.run([sys.executable, "-c", prog, str(ROOT), str(corpus), str(out), str(native_wh)],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    try:
        res: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"error": f"bench child failed (exit {child.returncode}): {child.stdout[-500:]}"}
    res.update(articles_generated=n, corpus=str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT)
               else str(corpus))
    nat, sp = res["native"], res["spark"]
    nat["articles_s"] = round(nat["articles"] / nat["extract_load_s"], 1)
    sp["articles_s"] = round(sp["articles"] / sp["job_s"], 1)
    res["ratio"] = round(sp["articles_s"] / nat["articles_s"], 2)
    log(f"spark / native throughput = {res['ratio']}")
    build_run = timed_build(out, spark_wh, code)
    res["build"] = build_run
    if build_run["exit"] != 0:
        return res
    res["tables"] = compare_warehouses(native_wh, spark_wh)
    res["recall_native"] = {k: v for k, v in recall(corpus, native_wh).items() if k != "misses"}
    res["recall_spark"] = {k: v for k, v in recall(corpus, spark_wh).items() if k != "misses"}
    same_rows = all(t["rows_differing"] == 0 for t in res["tables"].values())
    same_recall = res["recall_native"]["recall"] == res["recall_spark"]["recall"]
    res["same"] = 1.0 if same_rows and same_recall else 0.0
    return res


def timed_build(raw: Path, warehouse: Path, code: Path | None) -> dict[str, Any]:
    """`newsfacts build --raw` as a fresh subprocess (the frozen code when given)."""
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "etl.cli"] if code is not None else [str(NEWSFACTS)]
    if code is not None:
        env.update(PYTHONPATH=str(code), NEWSFACTS_HOME=str(code))
    cmd += ["build", "--raw", str(raw), "--warehouse", str(warehouse), "--quiet"]
    log(f"build from the Spark job's Parquet: {' '.join(cmd[1:])}")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=code or ROOT, env=env, capture_output=True, text=True, check=False)
    res = {"exit": proc.returncode, "wall_s": round(time.perf_counter() - t0, 2),
           "summary": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""}
    log(f"build: exit {proc.returncode} in {res['wall_s']}s — {res['summary']}")
    return res


# ------------------------------------------------------------------------------------------------
# 4. recall of planted facts


def norm_company(name: str | None) -> str:
    return re.sub(r"\(주\)|㈜|주식회사|\s+", "", name or "").casefold()


def close(a: float, b: float, rel: float = 0.005) -> bool:
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


def recall(corpus: Path, warehouse: Path) -> dict[str, Any]:
    import duckdb

    planted_rows = [json.loads(line) for line in (corpus.parent / "planted_facts.jsonl").open(encoding="utf-8")]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "select table_schema || '.' || table_name from information_schema.tables").fetchall()}
        if "main.fct_metric_observation" not in tables:
            return {"error": "no table fct_metric_observation in the warehouse"}
        arts = con.execute("select article_id, source_id, source_file, segment_no from raw.articles").fetchall()
        obs = con.execute(
            "select article_id, company_name, metric, value, period_year from main.fct_metric_observation "
            "where value is not null").fetchall()
        events = (con.execute("select article_id, company_name, event_date, date_grain from main.fct_company_event")
                  .fetchall() if "main.fct_company_event" in tables else None)
    finally:
        con.close()

    def rel(source_file: str) -> str:
        s = source_file.replace("\\", "/")
        return s.split("/corpus/", 1)[1] if "/corpus/" in s else s

    key_of: dict[str, tuple[Any, ...]] = {}
    by_file: dict[str, list[tuple[int, str]]] = defaultdict(list)  # text file → [(segment_no, article_id)]
    for aid, sid, sfile, seg in arts:
        key_of[aid] = ("id", sid) if sid else ("seg", rel(sfile), seg)
        if not sid:
            by_file[rel(sfile)].append((seg, aid))
    obs_by_article: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for aid, comp, metric, value, year in obs:
        obs_by_article[aid].append((norm_company(comp), metric, float(value), year))
    article_of_key = {k: aid for aid, k in key_of.items()}
    bodies: dict[str, str] = {}  # article_id → body with whitespace collapsed (text files and dumps only)
    if by_file:
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            for aid, body in con.execute("select article_id, body from raw.articles where source_id is null "
                                         "or source_id = ''").fetchall():
                bodies[aid] = " ".join(body.split())
        finally:
            con.close()
    from etl.synth.generator import strip_punctuation

    def article_for(p: dict[str, Any]) -> str | None:
        """The warehouse article holding planted row p: by source id, or (text files, dumps) the
        segment of its file whose text contains the planted sentence, nearest the planted position."""
        if p["segment"] is None:
            return article_of_key.get(("id", p["article"]))
        ev = p["evidence"] if p["format"] != "dump" else strip_punctuation(p["evidence"])
        ev = " ".join(ev.split())
        for _seg, aid in sorted(by_file.get(p["file"], ()), key=lambda sa: abs(sa[0] - p["segment"])):
            if ev in bodies.get(aid, ""):
                return aid
        return article_of_key.get(("seg", p["file"], p["segment"]))

    # segmentation: segments found per text file vs articles generated into it
    generated_per_file = Counter()
    for p in planted_rows:
        if p["segment"] is not None:
            generated_per_file[p["file"]] = max(generated_per_file[p["file"]], p["segment"])
    seg_found = sum(len(by_file.get(f, ())) for f in generated_per_file)
    seg_exact = sum(1 for f, n in generated_per_file.items() if len(by_file.get(f, ())) == n)

    facts = [p for p in planted_rows if p["role"] == "fact"]
    hit = hit_loose = year_ok = year_n = 0
    by_fmt: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_metric: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_tpl: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    matched_obs: set[tuple[str, int]] = set()
    known: dict[str, list[tuple[str, str, float]]] = defaultdict(list)  # article → planted (incl. neutral)
    for p in planted_rows:
        if p["role"] in ("fact", "neutral"):
            aid = article_for(p)
            if aid:
                known[aid].append((norm_company(p["company"]), p["metric"], float(p["value"])))
    for p in facts:
        want = (norm_company(p["company"]), p["metric"], float(p["value"]))
        aid = article_for(p)
        found = None
        if aid:
            for i, o in enumerate(obs_by_article.get(aid, ())):
                if o[0] == want[0] and o[1] == want[1] and close(o[2], want[2]):
                    found = o
                    matched_obs.add((aid, i))
                    break
        ok = found is not None
        if not ok and p["segment"] is not None:  # segmentation moved it: look in the whole file
            ok_loose = any(o[0] == want[0] and o[1] == want[1] and close(o[2], want[2])
                           for _s, a in by_file.get(p["file"], ()) for o in obs_by_article.get(a, ()))
        else:
            ok_loose = ok
        hit += ok
        hit_loose += ok_loose
        for table, k in ((by_fmt, p["format"]), (by_metric, p["metric"]), (by_tpl, p["template"])):
            table[k][0] += ok
            table[k][1] += 1
        if found is not None and p["year"] is not None:
            year_n += 1
            year_ok += found[3] is not None and int(found[3]) == int(p["year"])
        if not ok and len(misses) < 25:
            misses.append(f"{p['format']:7} {p['template']:22} {p['company']}/{p['metric']}/{p['value']:g} "
                          f"«{p['evidence'][:90]}»")
    # precision proxy: distinct observations in generated articles that match no planted fact/neutral
    spurious = 0
    seen: set[tuple[Any, ...]] = set()
    for aid, rows in obs_by_article.items():
        for comp, metric, value, _y in rows:
            if metric not in CORE or (aid, comp, metric, value) in seen:
                continue
            seen.add((aid, comp, metric, value))
            if not any(k[0] == comp and k[1] == metric and close(k[2], value) for k in known.get(aid, ())):
                spurious += 1
    res: dict[str, Any] = {
        "planted_facts": len(facts), "found": hit, "recall": round(hit / len(facts), 4) if facts else None,
        "recall_file_level": round(hit_loose / len(facts), 4) if facts else None,
        "period_accuracy": round(year_ok / year_n, 4) if year_n else None,
        "observations": len(seen), "unplanted_observations": spurious,
        "precision_proxy": round(1 - spurious / len(seen), 4) if seen else None,
        "articles_in_warehouse": len(arts),
        "segmentation": {"text_files": len(generated_per_file), "files_with_exact_count": seg_exact,
                         "articles_generated": sum(generated_per_file.values()), "segments_found": seg_found},
        "articles_planted": len({p["article"] for p in planted_rows}),
        "by_format": {k: round(v[0] / v[1], 4) for k, v in sorted(by_fmt.items())},
        "by_metric": {k: round(v[0] / v[1], 4) for k, v in sorted(by_metric.items())},
        "worst_templates": sorted(((k, round(v[0] / v[1], 3), v[1]) for k, v in by_tpl.items()),
                                  key=lambda x: x[1])[:8],
        "misses": misses,
    }
    if events is not None:
        planted_events = [p for p in planted_rows if p["role"] == "event"]
        ev_by_article: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for aid, comp, d, grain in events:
            if d is None:
                continue
            iso = d.isoformat() if hasattr(d, "isoformat") else str(d)
            iso = iso[:4] if grain == "year" else iso[:7] if grain == "month" else iso[:10]
            ev_by_article[aid].add((norm_company(comp), iso))
        ev_hit = sum(1 for p in planted_events if (aid := article_for(p)) is not None
                     and (norm_company(p["company"]), p["date"]) in ev_by_article.get(aid, set()))
        res["event_recall"] = round(ev_hit / len(planted_events), 4) if planted_events else None
        res["planted_events"] = len(planted_events)
    return res


# ------------------------------------------------------------------------------------------------
# report


# ------------------------------------------------------------------------------------------------
# 6. web archives


def warc_for(n: int, seed: int) -> Path:
    """A WARC of n generated articles as news pages (cycling layouts, every third in EUC-KR), reused."""
    import random

    from etl.synth.web import LAYOUTS, Response, wrap, write_warc

    path = BENCH / f"web-{n}-s{seed}-{generator_digest()}.warc.gz"
    if path.exists():
        return path
    t0 = time.monotonic()
    corpus = BENCH / f"web-{n}-s{seed}-{generator_digest()}"
    shutil.rmtree(corpus, ignore_errors=True)
    generate(corpus, n, seed, formats={"jsonl"})
    rng = random.Random(seed)

    def pages() -> Any:
        i = 0
        for f in sorted((corpus / "corpus").rglob("*.jsonl")):
            for line in f.open(encoding="utf-8"):
                rec = json.loads(line)
                page = wrap(rec["body"], layout=LAYOUTS[i % len(LAYOUTS)], rng=rng, title=rec.get("title"),
                            charset="euc-kr" if i % 3 == 2 else "utf-8")
                i += 1
                yield Response(page.url, page.html)

    tmp = path.with_suffix(".part")
    with tmp.open("wb") as out:
        write_warc(out, pages())
    tmp.replace(path)
    shutil.rmtree(corpus, ignore_errors=True)
    log(f"wrote a WARC of {n:,} pages in {time.monotonic() - t0:.1f}s → {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def stream_warc(path: Path) -> dict[str, Any]:
    """In this process: every record of the WARC through reading, page and fact extraction; no DuckDB."""
    from etl.ingest import read_file
    from etl.pipeline import analyze, articles_from_record
    from etl.records import Article, Skipped, SourceRecord

    t0 = time.monotonic()
    pages = articles = skipped = facts = 0
    for item in read_file(path):
        if isinstance(item, Skipped):
            skipped += 1
        if not isinstance(item, SourceRecord):
            continue
        pages += 1
        for art in articles_from_record(item):
            if isinstance(art, Article):
                articles += 1
                facts += len(analyze(art).facts)
            elif isinstance(art, Skipped):
                skipped += 1
    seconds = time.monotonic() - t0
    return {"pages": pages, "articles": articles, "skipped": skipped, "facts": facts, "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1) if seconds else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def web_archives(sizes: list[int], seed: int, code: Path | None) -> dict[str, Any]:
    out: dict[str, Any] = {"sizes": sizes, "runs": {}}
    env = {**os.environ, "NEWSFACTS_BENCH_CODE": str(code)} if code else None
    for n in sizes:
        path = warc_for(n, seed)
        log(f"streaming the {n:,}-page WARC in a subprocess")
        proc = subprocess.run([sys.executable, __file__, "--stream-warc", str(path)], capture_output=True, text=True,
                              env=env)
        if proc.returncode:
            out["runs"][str(n)] = {"error": proc.stderr.strip()[-400:]}
            continue
        out["runs"][str(n)] = json.loads(proc.stdout.strip().splitlines()[-1])
        log(f"  {out['runs'][str(n)]}")
    small, big = out["runs"].get(str(sizes[0]), {}), out["runs"].get(str(sizes[-1]), {})
    if "peak_rss_mb" in small and "peak_rss_mb" in big:
        out["mem_ratio"] = round(big["peak_rss_mb"] / small["peak_rss_mb"], 3)
    return out


def verdict(key: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    op, target, _ = TARGETS[key]
    ok = {">=": value >= target, "<": value < target, "<=": value <= target}[op]
    return "PASS" if ok else "FAIL"


def report(r: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    add(f"Measured {r['date']} on {r['machine']} (load average at start {r['load_start']}, at end "
        f"{r.get('load_end')}); command: `{r['command']}`; generator v{GENERATOR_VERSION}, seed {r['seed']}.")
    add("")
    tp = r.get("throughput") or {}
    add("### 1. Extraction throughput (ingest → segment → mentions → facts, no dbt)")
    add("")
    if "error" in tp:
        add(f"not measured: {tp['error']}")
    elif tp:
        add(f"Corpus: {tp['articles']:,} generated articles, {tp['chars']:,} characters ({tp['corpus']}).")
        add("")
        add("| what | seconds | chars/s | articles/s |")
        add("|---|---:|---:|---:|")
        add(f"| extraction, 1 process | {tp['extract_s']} | {tp['extract_chars_s']:,} | {tp['extract_articles_s']:,} |")
        for w in r["workers"]:
            if f"workers{w}_s" in tp:
                add(f"| extraction, `map_batches` workers={w} | {tp[f'workers{w}_s']} | "
                    f"{tp[f'workers{w}_chars_s']:,} | {tp[f'workers{w}_articles_s']:,} |")
        add(f"| Kiwi `tokenize`, same bodies, 1 thread | {tp['kiwi_s']} | {tp['kiwi_chars_s']:,} | "
            f"{round(tp['articles'] / tp['kiwi_s'], 1):,} |")
        add("")
        add(f"Kiwi time / extraction time = **{tp['kiwi_ratio']}×** (target ≥ 3×): "
            f"**{verdict('kiwi_ratio', tp['kiwi_ratio'])}**. Kiwi model load ({tp['kiwi_init_s']}s) not counted.")
    real = r.get("real_text") or {}
    if "kiwi_ratio_real" in real:
        add("")
        add(f"Real text ({real['articles']:,} ko-wikinews articles, {real['chars']:,} characters, read "
            f"{real['reps']}×, one process): extraction {real['extract_s']}s, Kiwi `tokenize` {real['kiwi_s']}s, "
            f"ratio **{real['kiwi_ratio_real']}×** (target ≥ 3×): "
            f"**{verdict('kiwi_ratio_real', real['kiwi_ratio_real'])}**.")
    elif real:
        add("")
        add(f"Real text: not measured ({real.get('error')}).")
    add("")
    add("### 2. End-to-end `newsfacts run --workers 0`")
    add("")
    add("| articles | exit | wall s | peak RSS, process tree (MB) | peak RSS, largest process (MB) "
        "| load before→after |")
    add("|---:|---:|---:|---:|---:|---|")
    for n, run in r.get("e2e", {}).items():
        add(f"| {int(n):,} | {run['exit']} | {run.get('wall_s', '—')} | {run.get('peak_tree_mb', '—')} | "
            f"{run.get('max_single_mb', '—')} | {run.get('load_before', '—')}→{run.get('load_after', '—')} |")
    s = r.get("scale", {})
    if s:
        add("")
        add(f"time({s['big']:,}) / time({s['small']:,}) = **{s.get('time_ratio')}** (target ≤ 11): "
            f"**{verdict('time_ratio', s.get('time_ratio'))}**; peak memory ratio = **{s.get('mem_ratio')}** "
            f"(target ≤ 1.3): **{verdict('mem_ratio', s.get('mem_ratio'))}**; peak memory at {s['big']:,} = "
            f"**{s.get('peak_mem_mb')} MB** (target < 2048): **{verdict('peak_mem_mb', s.get('peak_mem_mb'))}**.")
    inc = r.get("incremental", {})
    if inc:
        add("")
        add(f"### 3. Re-runs on the {inc['base']:,}-article warehouse")
        add("")
        add("| run | exit | wall s | ratio to first run | target | verdict |")
        add("|---|---:|---:|---:|---|---|")
        for key, label, tgt in (("noop", "no-op re-run (same inputs)", "≤ 0.05"),
                                ("plus1", f"+1% ({inc.get('plus1_articles', 0):,} new articles, same inputs + new)",
                                 "≤ 0.10")):
            run = inc.get(key)
            if run:
                ratio = inc.get(f"{key}_ratio")
                add(f"| {label} | {run['exit']} | {run.get('wall_s')} | {ratio} | {tgt} | "
                    f"**{verdict(f'{key}_ratio', ratio)}** |")
    rc = r.get("recall")
    add("")
    add(f"### 4. Planted-fact recall ({r.get('recall_size', 0):,}-article warehouse)")
    add("")
    if not rc:
        add("not measured")
    elif "error" in rc:
        add(f"not measured: {rc['error']}")
    else:
        add(f"recall **{rc['recall']}** ({rc['found']:,} of {rc['planted_facts']:,} planted facts; target ≥ 0.98): "
            f"**{verdict('recall', rc['recall'])}**; file-level recall (dump facts found anywhere in their dump) "
            f"{rc['recall_file_level']}; period accuracy of found facts {rc['period_accuracy']}; "
            f"precision proxy {rc['precision_proxy']} ({rc['unplanted_observations']:,} of {rc['observations']:,} "
            f"observations match no planted fact); event recall {rc.get('event_recall')}; articles in warehouse "
            f"{rc['articles_in_warehouse']:,} (generated articles carrying planted rows: {rc['articles_planted']:,}).")
        sg = rc.get("segmentation")
        if sg:
            add("")
            add(f"Segmentation of the {sg['text_files']:,} text files and dumps: {sg['segments_found']:,} articles "
                f"found for {sg['articles_generated']:,} written; {sg['files_with_exact_count']:,} files split "
                f"into exactly the right number of articles. A dump fact is looked up in the segment whose text "
                f"holds its sentence.")
        add("")
        add("By format: " + ", ".join(f"{k} {v}" for k, v in rc["by_format"].items()) + ".  ")
        add("By metric: " + ", ".join(f"{k} {v}" for k, v in rc["by_metric"].items()) + ".  ")
        add("Weakest templates: " + ", ".join(f"`{k}` {v} (n={n})" for k, v, n in rc["worst_templates"]) + ".")
    rp = r.get("report")
    if rp:
        add("")
        add(f"### `newsfacts report` ({r.get('recall_size', r['sizes'][-1]):,}-article warehouse)")
        add("")
        add(f"exit {rp['exit']}, {rp['wall_s']} s (fresh process, start-up included; target < 60 s: "
            f"**{verdict('report_s', rp['wall_s'] if rp['exit'] == 0 else None)}**), {rp.get('mb')} MB "
            f"(target < 8 MB: **{verdict('report_mb', rp.get('mb'))}**) — {rp['summary']}")
    sl = r.get("singleline")
    if sl:
        add("")
        add(f"### 5. One line of {sl['bytes']:,} bytes against the same text in {LINE_BYTES}-byte lines")
        add("")
        add("| input | exit | wall s | peak RSS, process tree (MB) | summary |")
        add("|---|---:|---:|---:|---|")
        for key, label in (("one_line", "single line"), ("lines", "2 KB lines")):
            run = sl[key]
            add(f"| {label} | {run['exit']} | {run.get('wall_s', '—')} | {run.get('peak_tree_mb', '—')} | "
                f"{run.get('summary', '')[:160]} |")
        add("")
        ratio = sl.get("ratio")
        add(f"single line / lines = **{ratio}** (target ≤ 2): **{verdict('singleline_ratio', ratio)}**.")
    web = r.get("warc")
    if web:
        add("")
        add("### 6. Web archives (WARC → pages → articles → facts, no DuckDB, no dbt; one process)")
        add("")
        add("| pages | articles | skipped records | facts | seconds | pages/s | peak RSS (MB) |")
        add("|---:|---:|---:|---:|---:|---:|---:|")
        for n in web["sizes"]:
            w = web["runs"].get(str(n), {})
            if "error" in w:
                add(f"| {n:,} | failed: {w['error'][-120:]} | | | | | |")
            else:
                add(f"| {w['pages']:,} | {w['articles']:,} | {w['skipped']:,} | {w['facts']:,} | {w['seconds']} | "
                    f"{w['pages_per_s']} | {w['peak_rss_mb']} |")
        ratio = web.get("mem_ratio")
        add("")
        add(f"peak RSS {web['sizes'][-1]:,} / {web['sizes'][0]:,} pages = **{ratio}** (target ≤ 1.3): "
            f"**{verdict('warc_mem_ratio', ratio)}**.")
    sk = r.get("spark")
    if sk:
        add("")
        add(f"### 7. The Spark path: `local[2]` against the native run, {sk.get('articles_generated', 0):,} articles")
        add("")
        if "error" in sk:
            add(f"not measured: {sk['error']}")
        else:
            nat, sp = sk["native"], sk["spark"]
            add(f"Corpus: {sk['corpus']}. Both read, segment, extract, check and write the raw rows of "
                f"{sp['articles']:,} articles: the native run into DuckDB (`pipeline.run(workers=2)`, timed until "
                f"dbt starts), the Spark job into Parquet (`run_job` in a fresh `local[2]` session; starting the "
                f"session took {sk['session_s']} s and is not counted).")
            add("")
            add("| path | seconds | articles/s |")
            add("|---|---:|---:|")
            add(f"| native, 2 worker processes | {nat['extract_load_s']} | {nat['articles_s']:,} |")
            add(f"| Spark `local[2]` | {sp['job_s']} | {sp['articles_s']:,} |")
            add("")
            add(f"Spark / native = **{sk['ratio']}** (target ≥ 0.7): **{verdict('spark_ratio', sk['ratio'])}**.")
            tables = sk.get("tables")
            if tables:
                add("")
                b = sk["build"]
                add(f"Then `newsfacts build --raw` ({b['wall_s']} s, exit {b['exit']}) against `newsfacts run` "
                    f"({nat['total_s']} s with dbt) on the same corpus:")
                add("")
                add("| table | rows, native | rows, Spark + build | rows differing |")
                add("|---|---:|---:|---:|")
                for name, t in tables.items():
                    add(f"| `{name}` | {t['native']:,} | {t['spark']:,} | {t['rows_differing']:,} |")
                rn, rs = sk["recall_native"], sk["recall_spark"]
                add("")
                add(f"Planted-fact recall: native **{rn['recall']}** ({rn['found']:,} of {rn['planted_facts']:,}), "
                    f"Spark + build **{rs['recall']}** ({rs['found']:,}); event recall {rn.get('event_recall')} / "
                    f"{rs.get('event_recall')}. Same warehouse: **{verdict('spark_same', sk.get('same'))}**.")
    prof = r.get("profile")
    if prof:
        add("")
        add(f"### Where extraction time goes (cProfile, {r['profile_articles']:,} articles, own time by module)")
        add("")
        add("| module | own s | % |")
        add("|---|---:|---:|")
        for mod, t, pct in prof:
            add(f"| `{mod}` | {t} | {pct} |")
    add("")
    add("### Targets")
    add("")
    add("| target | measured | verdict |")
    add("|---|---:|---|")
    for key, (_op, _t, text) in TARGETS.items():
        add(f"| {text} | {r['figures'].get(key)} | **{verdict(key, r['figures'].get(key))}** |")
    return "\n".join(lines)


def write_doc(path: Path, text: str) -> None:
    start, end = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
    block = f"{start}\n{text}\n{end}"
    doc = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n## Latest figures\n\n"
    if start in doc and end in doc:
        doc = doc[:doc.index(start)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")


# ------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="corpus sizes for the end-to-end runs")
    ap.add_argument("--quick", action="store_true", help="sizes 1000,10000 (a smoke run)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--throughput-articles", type=int, default=5000,
                    help="size of the generated corpus used for the throughput figures")
    ap.add_argument("--profile-articles", type=int, default=2000, help="articles to profile (0: no profile)")
    ap.add_argument("--skip", default="",
                    help="comma list of parts to skip: throughput,e2e,incremental,recall,report,singleline,warc,spark")
    ap.add_argument("--warc-pages", default="2000,20000", help="page counts of the generated WARCs (part 6)")
    ap.add_argument("--stream-warc", type=Path, help=argparse.SUPPRESS)  # part 6's subprocess
    ap.add_argument("--spark-articles", type=int, default=10000,
                    help="size of the generated corpus for the Spark part (issue 14: 10,000)")
    ap.add_argument("--out", type=Path, help="markdown file whose results block to refresh (docs/benchmarks.md)")
    ap.add_argument("--json", type=Path, help="also write every figure as JSON here")
    ap.add_argument("--live-code", action="store_true",
                    help="time the working tree as it changes instead of a frozen copy taken at the start")
    ap.add_argument("--rescore", type=Path, metavar="RESULTS_JSON",
                    help="recompute only the recall of an earlier run (its results JSON) and re-print its report")
    a = ap.parse_args(argv)
    if a.stream_warc:
        print(json.dumps(stream_warc(a.stream_warc)))
        return 0
    if a.rescore:
        r = json.loads(a.rescore.read_text(encoding="utf-8"))
        big_n = r["sizes"][-1]
        r["recall"] = recall(corpus_for(big_n, r["seed"]), BENCH / f"wh-{big_n}.duckdb")
        r["recall_size"] = big_n
        r["figures"]["recall"] = r["recall"].get("recall")
        text = report(r)
        print(text)
        a.rescore.write_text(json.dumps(r, ensure_ascii=False, indent=1, default=str))
        if a.out:
            write_doc(a.out, text)
        return 0
    sizes = [1000, 10000] if a.quick else sorted(int(s) for s in a.sizes.split(","))
    skip = set(filter(None, a.skip.split(",")))
    if a.quick:
        a.throughput_articles = min(a.throughput_articles, 1000)
        a.profile_articles = min(a.profile_articles, 1000)
        a.spark_articles = min(a.spark_articles, 1000)
    BENCH.mkdir(parents=True, exist_ok=True)
    cpu = os.cpu_count() or 1
    r: dict[str, Any] = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"), "seed": a.seed, "sizes": sizes,
        "command": " ".join(["scripts/bench.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": f"{cpu} cores, {platform.python_implementation()} {platform.python_version()}",
        "load_start": round(os.getloadavg()[0], 2), "workers": (2,), "figures": {},
    }
    figures = r["figures"]
    code = None if a.live_code else snapshot_code()
    r["code_snapshot"] = str(code) if code else "live working tree"

    if "throughput" not in skip:
        try:
            tp_corpus = corpus_for(a.throughput_articles, a.seed)
            r["throughput"] = throughput(tp_corpus, r["workers"])
            figures["kiwi_ratio"] = r["throughput"]["kiwi_ratio"]
            shared = Path(os.environ.get("NEWSFACTS_SHARED", ROOT.parent / "shared"))
            wikinews = shared / "corpora/ko-wikinews/ko-wikinews.jsonl"
            if wikinews.exists():
                r["real_text"] = real_text_ratio(wikinews)
                figures["kiwi_ratio_real"] = r["real_text"]["kiwi_ratio_real"]
            else:
                r["real_text"] = {"error": f"{wikinews} not found (the shared corpora sit beside the clone)"}
            if a.profile_articles:
                r["profile_articles"] = a.profile_articles
                r["profile"] = profile_extraction(tp_corpus, a.profile_articles, BENCH / "extract.prof")
        except Exception as e:  # the extractor may be incomplete: report and go on
            traceback.print_exc()
            r["throughput"] = {"error": f"{type(e).__name__}: {e}"}

    corpora = {n: corpus_for(n, a.seed) for n in sizes} if not {"e2e", "recall"} <= skip else {}
    if "e2e" not in skip:
        r["e2e"] = {}
        for n in sizes:
            r["e2e"][str(n)] = fresh_run([corpora[n]], BENCH / f"wh-{n}.duckdb", f"first run, {n:,} articles", code)
        small, big = r["e2e"][str(sizes[0])], r["e2e"][str(sizes[-1])]
        if small["exit"] == 0 and big["exit"] == 0:
            r["scale"] = {
                "small": sizes[0], "big": sizes[-1],
                "time_ratio": round(big["wall_s"] / small["wall_s"], 2),
                "mem_ratio": round(big["peak_tree_mb"] / small["peak_tree_mb"], 2),
                "mem_ratio_single": round(big["max_single_mb"] / small["max_single_mb"], 2),
                "peak_mem_mb": big["peak_tree_mb"],
            }
            figures.update({k: r["scale"][k] for k in ("time_ratio", "mem_ratio", "peak_mem_mb")})

    big_n = sizes[-1]
    wh = BENCH / f"wh-{big_n}.duckdb"
    first = (r.get("e2e") or {}).get(str(big_n))
    if "incremental" not in skip and first and first["exit"] == 0:
        extra_n = max(1, big_n // 100)
        extra = corpus_for(extra_n, a.seed, start=big_n)
        inc: dict[str, Any] = {"base": big_n, "plus1_articles": extra_n}
        inc["noop"] = timed_run_isolated([corpora[big_n]], wh, f"no-op re-run, {big_n:,} articles", code)
        inc["plus1"] = timed_run_isolated([corpora[big_n], extra], wh, f"+1% run, {extra_n:,} new articles", code)
        for key in ("noop", "plus1"):
            if inc[key]["exit"] == 0:
                inc[f"{key}_ratio"] = round(inc[key]["wall_s"] / first["wall_s"], 3)
                figures[f"{key}_ratio"] = inc[f"{key}_ratio"]
        r["incremental"] = inc

    if "recall" not in skip and wh.exists():
        try:
            r["recall"] = recall(corpora[big_n], wh)
            r["recall_size"] = big_n
            figures["recall"] = r["recall"].get("recall")
        except Exception as e:
            traceback.print_exc()
            r["recall"] = {"error": f"{type(e).__name__}: {e}"}

    if "report" not in skip and wh.exists():
        r["report"] = timed_report(wh, code)
        figures["report_s"] = r["report"]["wall_s"] if r["report"]["exit"] == 0 else None
        figures["report_mb"] = r["report"].get("mb")

    if "singleline" not in skip:
        r["singleline"] = single_line(corpus_for(a.throughput_articles, a.seed), code)
        figures["singleline_ratio"] = r["singleline"].get("ratio")

    if "warc" not in skip:
        r["warc"] = web_archives(sorted(int(s) for s in a.warc_pages.split(",")), a.seed, code)
        figures["warc_mem_ratio"] = r["warc"].get("mem_ratio")
    if "spark" not in skip:
        try:
            r["spark"] = spark_part(a.spark_articles, a.seed, code)
            figures["spark_ratio"] = r["spark"].get("ratio")
            figures["spark_same"] = r["spark"].get("same")
        except Exception as e:
            traceback.print_exc()
            r["spark"] = {"error": f"{type(e).__name__}: {e}"}

    r["load_end"] = round(os.getloadavg()[0], 2)
    text = report(r)
    print(text)
    if r.get("recall") and r["recall"].get("misses"):
        print("\nfirst missed planted facts:")
        for m in r["recall"]["misses"]:
            print("  " + m)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (BENCH / f"results-{stamp}.json").write_text(json.dumps(r, ensure_ascii=False, indent=1, default=str))
    if a.json:
        a.json.write_text(json.dumps(r, ensure_ascii=False, indent=1, default=str))
    if a.out:
        write_doc(a.out, text)
        print(f"\nrefreshed {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
