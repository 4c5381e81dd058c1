"""Running `dbt build` on the private build file."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from etl.errors import DbtBuildFailed
from etl.paths import DBT_PROJECT

# Partial parsing saves most of dbt's start-up; the cache is shared by every warehouse built from
# this checkout (it depends on the project files and connection settings, which are the same).
PARSE_CACHE = DBT_PROJECT / "target" / "partial_parse.msgpack"


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def dbt_build(database: Path, select: list[str] | None = None, full_refresh: bool = False) -> int:
    """Build seeds, models and data tests against `database`; returns the number of nodes run.

    dbt runs in-process (no second interpreter start-up) from the build directory, with the database
    named relative to it, so its connection settings are identical for every run. Logs and artifacts
    go to the build directory.
    """
    from dbt.cli.main import dbtRunner

    work = database.parent
    target = work / "target"
    target.mkdir(parents=True, exist_ok=True)
    if PARSE_CACHE.exists() and not (target / PARSE_CACHE.name).exists():
        shutil.copyfile(PARSE_CACHE, target / PARSE_CACHE.name)
    os.environ["NEWSFACTS_DB"] = database.name
    args = [
        "--quiet", "build",
        "--project-dir", str(DBT_PROJECT),
        "--profiles-dir", str(DBT_PROJECT),
        "--target-path", str(target),
        "--log-path", str(work / "logs"),
        # unit tests check the SQL on fixed fixtures, not the data: `make test` runs them
        # (tests/test_dbt_project.py); every run would pay their fixtures for the same answer
        "--exclude-resource-type", "unit_test",
    ]
    if select:
        args += ["--select", *select]
    if full_refresh:
        args.append("--full-refresh")
    with _cwd(work):
        try:
            result = dbtRunner().invoke(args)
        finally:
            _close_dbt_connections()
    failures: list[str] = []
    nodes = 0
    for r in getattr(result.result, "results", None) or []:
        nodes += 1
        status = str(getattr(r, "status", "")).lower()
        if status in {"error", "fail", "runtime error"}:
            failures.append(f"{r.node.name}: {(r.message or status).splitlines()[0]}")
    if not result.success or failures:
        detail = "; ".join(failures[:5]) or str(result.exception or "see logs")
        raise DbtBuildFailed(f"dbt build failed ({detail}); logs in {work / 'logs'}")
    _save_parse_cache(target / PARSE_CACHE.name)
    return nodes


def _close_dbt_connections() -> None:
    """dbt-duckdb keeps its DuckDB instance open after invoke(); the file must be closed (and its WAL
    checkpointed) before it is published."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    DuckDBConnectionManager.close_all_connections()


def _save_parse_cache(fresh: Path) -> None:
    if not fresh.exists():
        return
    with contextlib.suppress(OSError):  # a read-only checkout only loses the speed-up
        PARSE_CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = PARSE_CACHE.with_name(f".{PARSE_CACHE.name}.{os.getpid()}")
        shutil.copyfile(fresh, tmp)
        os.replace(tmp, PARSE_CACHE)
