"""The `newsfacts` command: verbs that mirror the pipeline stages."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from etl.errors import NewsfactsError
from etl.paths import DEFAULT_RAW, DEFAULT_REPORT_DIR, DEFAULT_WAREHOUSE, SAMPLE

app = typer.Typer(
    help=(
        "newsfacts: Korean news articles in, a DuckDB warehouse of company-level facts out.\n\n"
        "run      build or update the warehouse from article files\n\n"
        "spark    the same extraction on Apache Spark (local mode): raw tables as Parquet\n\n"
        "build    build or update the warehouse from those Parquet raw tables\n\n"
        "parse    show the numbers, amounts and dates found in a text\n\n"
        "explain  show why a fact is in the warehouse\n\n"
        "summary  print what a warehouse holds\n\n"
        "report   write a static HTML report of a warehouse\n\n"
        "synth    generate a benchmark corpus with planted facts"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()


def _fail(e: Exception, debug: bool) -> typer.Exit:
    if isinstance(e, NewsfactsError):
        err.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
        return typer.Exit(e.exit_code)
    if debug:
        traceback.print_exc()
    err.print(f"[red]error:[/red] internal error {type(e).__name__}: {e} (rerun with --debug for details)",
              highlight=False, soft_wrap=True)
    return typer.Exit(2)


# options shared by the commands that build and publish a warehouse
WaitOption = Annotated[float, typer.Option(
    help="Seconds to wait for another run on the same warehouse to finish.", min=0)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary table.")]
DebugOption = Annotated[bool, typer.Option(help="Show a traceback on internal errors.")]


@app.command()
def run(
    inputs: Annotated[list[Path] | None, typer.Option(
        "--input", "-i",
        help="Article file or directory (recursive); repeatable. Reads .txt (one or many concatenated "
             "articles, segmented automatically), .jsonl/.json (fields id, title, body|text|content, "
             "published_at, publisher, reporter, url; only the body is required), .csv (same columns, "
             "header row), .parquet, .html/.htm (news web pages: main text, title, date, publisher, author "
             "and canonical URL are extracted) and .warc/.warc.gz (web archives: every HTML response is a page; "
             "other records are skipped and counted). Default: the bundled sample corpus.")] = None,
    warehouse: Annotated[Path, typer.Option(
        "--warehouse", "-w", help="DuckDB file to publish (built privately, replaced atomically).")
    ] = DEFAULT_WAREHOUSE,
    workers: Annotated[int | None, typer.Option(
        help="Extraction processes (0 = one per CPU core). Default: one per core for inputs over 4 MB, else 1.",
        min=0, show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        help="Exit non-zero (and do not publish) if any record is rejected or any extracted row is quarantined.")] = False,
    wait: WaitOption = 0.0,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Build or update the warehouse: ingest → segment → extract → raw tables → dbt build → publish.

    Re-running on the same input adds nothing; only new or changed articles are processed.

    Exit codes: 0 ok, 1 bad input or environment, 2 internal error, 3 warehouse busy, 4 dbt build or data tests failed, 5 --strict and some records were rejected or rows quarantined.
    """
    import os

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from etl import pipeline

    paths = inputs or [SAMPLE]
    n_workers = pipeline.auto_workers(paths) if workers is None else (workers or os.cpu_count() or 1)
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet) as bar:
            task = bar.add_task("starting", total=None)

            def progress(stage: str, n: int) -> None:
                bar.update(task, description=f"{stage} {n:,}" if n else stage)

            summary = pipeline.run(paths, warehouse.resolve(), strict=strict, workers=n_workers,
                                   wait_seconds=wait, progress=progress)
    except Exception as e:
        raise _fail(e, debug) from None
    line = (f"run {summary.run_id}: {summary.records_read} records read"
            + (f" ({summary.files_unchanged} unchanged files skipped)" if summary.files_unchanged else "")
            + f", {summary.articles_new} new articles "
            f"({summary.articles_seen - summary.articles_new} already loaded, {summary.articles_replaced} replaced, "
            f"{summary.articles_flagged} flagged), {summary.records_rejected} rejected"
            + (f", {summary.records_warned} read with damage" if summary.records_warned else "")
            + (f", {summary.records_skipped} skipped (no article)" if summary.records_skipped else "")
            + (f", {summary.rows_quarantined} rows quarantined" if summary.rows_quarantined else "")
            + f", {summary.facts} facts, "
            f"{summary.events} events, {summary.mentions} mentions in {summary.duration_s:.1f}s"
            + (" (marts unchanged)" if summary.dbt_skipped else ""))
    err.print(line, highlight=False, soft_wrap=True)
    for reason, n in sorted(summary.reject_reasons.items()):
        err.print(f"  rejected {n}× {reason}", highlight=False, soft_wrap=True)
    for reason, n in sorted(summary.skip_reasons.items()):
        err.print(f"  skipped {n}× {reason}", highlight=False, soft_wrap=True)
    for reason, n in sorted(summary.quarantine_reasons.items()):
        err.print(f"  quarantined {n}× {reason}", highlight=False, soft_wrap=True)
    if summary.records_warned:
        err.print(f"  {summary.records_warned} warning(s) in raw.rejects (severity 'warning'): invalid bytes "
                  "replaced with U+FFFD", highlight=False, soft_wrap=True)
    if not quiet:
        print_summary(warehouse)


@app.command()
def spark(
    inputs: Annotated[list[str] | None, typer.Option(
        "--input", "-i",
        help="Article file or directory (recursive), or a URI Spark reads (s3a://, gs://, hdfs://, file:/); "
             "repeatable. The formats of `run`. Default: the bundled sample corpus.")] = None,
    out: Annotated[str, typer.Option(
        "--out", "-o", help="Directory (or URI) of the raw Parquet tables: OUT/<table>/load_date=…/run_id=…/.")
    ] = str(DEFAULT_RAW),
    cores: Annotated[int, typer.Option(help="Spark task slots, local[N] (0 = one per CPU core).", min=0)] = 0,
    partitions: Annotated[int | None, typer.Option(
        help="Tasks per stage. Default: 4 per core.", min=1, show_default=False)] = None,
    load_date: Annotated[str | None, typer.Option(
        help="Partition date YYYY-MM-DD of this run's rows. Default: today.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No stage progress bars.")] = False,
    debug: DebugOption = False,
) -> None:
    """Extract with Apache Spark in local mode: the same readers, segmentation and extraction as `run`, spread over Spark tasks; writes the raw tables as Parquet partitioned by load date (the same columns and ids as the warehouse's raw.*). Articles already written to OUT by an earlier job are skipped. Then: `newsfacts build --raw OUT`.

    Needs Java 17+ and pyspark (pip install -e '.[spark]'). On a cluster, submit etl/spark/job.py with spark-submit instead (docs/scale.md).
    """
    import os
    from datetime import date

    try:
        when = date.fromisoformat(load_date) if load_date else None
    except ValueError as e:
        raise _fail(NewsfactsError(f"bad --load-date {load_date!r}: {e}"), debug) from None
    try:
        from etl.spark.job import run_job
        from etl.spark.session import local_session, require_pyspark

        require_pyspark()
        session = local_session(cores or os.cpu_count() or 1, progress=not quiet)
        try:
            s = run_job(session, inputs or [str(SAMPLE)], out, load_date=when, partitions=partitions)
        finally:
            session.stop()
    except Exception as e:
        raise _fail(e, debug) from None
    c = s.counts
    err.print(f"spark run {s.run_id}: {s.files} files, {s.records_read} records read, {s.articles} new articles "
              f"({s.articles_seen - s.articles} already written or repeated, {s.articles_flagged} flagged), "
              f"{s.records_rejected} rejected"
              + (f", {s.records_warned} read with damage" if s.records_warned else "")
              + (f", {c['quarantine']} rows quarantined" if c.get("quarantine") else "")
              + f", {c['facts']} facts, {c['events']} events, {c['mentions']} mentions in {s.duration_s:.1f}s "
              f"→ {s.out} (load_date={s.load_date})", highlight=False, soft_wrap=True)


@app.command()
def build(
    raw: Annotated[Path, typer.Option(
        "--raw", help="Directory of raw Parquet tables written by `newsfacts spark` or etl/spark/job.py.")
    ] = DEFAULT_RAW,
    warehouse: Annotated[Path, typer.Option(
        "--warehouse", "-w", help="DuckDB file to publish (built privately, replaced atomically).")
    ] = DEFAULT_WAREHOUSE,
    strict: Annotated[bool, typer.Option(
        help="Exit non-zero (and do not publish) if any newly loaded record was rejected or row quarantined.")] = False,
    wait: WaitOption = 0.0,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Build or update the warehouse from raw Parquet tables: load the articles the warehouse lacks (with their mentions, companies, facts, events, rejects), then dbt build with every data test, then publish — as `run` does after extracting.

    Exit codes: as `run`.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from etl.build import build as build_from_parquet

    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet) as bar:
            task = bar.add_task("starting", total=None)
            s = build_from_parquet(raw.resolve(), warehouse.resolve(), strict=strict, wait_seconds=wait,
                                   progress=lambda stage, n: bar.update(task, description=stage))
    except Exception as e:
        raise _fail(e, debug) from None
    err.print(f"build {s.run_id}: {s.articles_new} new articles ({s.articles_seen - s.articles_new} in {raw} "
              f"already loaded, {s.articles_replaced} replaced, {s.articles_flagged} flagged), "
              f"{s.records_rejected} rejected"
              + (f", {s.rows_quarantined} rows quarantined" if s.rows_quarantined else "")
              + f", {s.facts} facts, {s.events} events, {s.mentions} mentions in {s.duration_s:.1f}s"
              + (" (marts unchanged)" if s.dbt_skipped else ""), highlight=False, soft_wrap=True)
    if not quiet:
        print_summary(warehouse)


def print_summary(warehouse: Path) -> None:
    from etl.report import warehouse_summary

    s = warehouse_summary(warehouse)
    head = Table(title=f"{warehouse}", show_header=True)
    cols = ("articles", "republished", "companies", "facts", "events", "mentions", "rejects")
    for col in cols:
        head.add_column(col, justify="right")
    head.add_row(*(f"{s[k]:,}" for k in cols))
    out.print(head)
    by_metric = Table(title="facts by metric", show_header=True)
    by_metric.add_column("metric")
    by_metric.add_column("facts", justify="right")
    by_metric.add_column("companies", justify="right")
    for metric, n, companies in s["by_metric"]:
        by_metric.add_row(metric, f"{n:,}", f"{companies:,}")
    out.print(by_metric)


@app.command()
def summary(
    warehouse: Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB file to read.")] = DEFAULT_WAREHOUSE,
) -> None:
    """Print what a published warehouse holds: articles, companies, facts by metric (read-only)."""
    try:
        print_summary(warehouse)
    except Exception as e:
        raise _fail(e, False) from None


@app.command()
def report(
    warehouse: Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB file to read (read-only).")] = DEFAULT_WAREHOUSE,
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write index.html to (created).")] = DEFAULT_REPORT_DIR,
) -> None:
    """Write a static HTML report of the warehouse: overview, a page per company (figures over periods, the value chosen, the spread when articles disagree, the supporting articles), rankings per metric and period, data quality. One self-contained file: it opens from disk with no network."""
    from etl.htmlreport import build_report

    try:
        with err.status("writing the report", spinner="dots"):
            result = build_report(warehouse, out)
    except Exception as e:
        raise _fail(e, False) from None
    err.print(f"report: {result.path} ({result.size_bytes / 1e6:.1f} MB, {result.charts} charts, "
              f"{result.company_pages} of {result.companies} companies with a page) in {result.seconds:.1f}s",
              highlight=False, soft_wrap=True)


@app.command()
def parse(
    text: Annotated[str | None, typer.Argument(help="Text to parse (omit with --jsonl).")] = None,
    ref_date: Annotated[str | None, typer.Option(
        help="Reference date YYYY-MM-DD for relative dates (어제, 지난달 23일, 올해 …).")] = None,
    jsonl: Annotated[bool, typer.Option(
        help='Read JSON lines {"text": ..., "ref_time": ISO-8601 or null} from stdin; write one '
             '{"mentions": [...]} line per input line.')] = False,
) -> None:
    """Print the numeric and date mentions found in TEXT as JSON (kind, span, value, unit, qualifier, date)."""
    from etl.parse_cli import parse_command

    raise typer.Exit(parse_command(text, ref_date, jsonl))


@app.command()
def explain(
    observation_id: Annotated[str, typer.Argument(help="fct_metric_observation.observation_id")],
    warehouse: Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB file to read.")] = DEFAULT_WAREHOUSE,
) -> None:
    """Show the sentence behind a fact, with the number and the company highlighted, and why it was classified, attributed and dated so."""
    from etl.report import explain_observation

    try:
        explain_observation(warehouse, observation_id, out)
    except Exception as e:
        raise _fail(e, False) from None


@app.command()
def synth(
    articles: Annotated[int, typer.Option(help="How many articles to generate.", min=1)] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same corpus.")] = 1,
    out: Annotated[Path, typer.Option(help="Output directory (created).")] = Path("build/synth"),
) -> None:
    """Generate a benchmark corpus of realistic Korean business articles in every input format (JSONL, CSV, Parquet, plain text, stripped concatenated dumps), with the planted facts written beside it (planted_facts.jsonl) so recall can be measured at scale."""
    from etl.synth.generator import synth_command

    try:
        code = synth_command(articles, seed, out)
    except Exception as e:
        raise _fail(e, False) from None
    raise typer.Exit(code)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
