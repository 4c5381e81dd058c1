"""Running `dbt build` on the private build file."""

from __future__ import annotations

import os
from pathlib import Path

from etl.errors import DbtBuildFailed
from etl.paths import DBT_PROJECT


def dbt_build(database: Path, work_dir: Path, select: list[str] | None = None) -> int:
    """Build seeds, models and data tests against `database`; returns the number of nodes run.

    dbt runs in-process (no second interpreter start-up); its logs go to `work_dir/logs`, its
    artifacts to `work_dir/target` so partial parsing is reused from run to run.
    """
    from dbt.cli.main import dbtRunner

    os.environ["NEWSFACTS_DB"] = str(database)
    args = [
        "--quiet", "build",
        "--project-dir", str(DBT_PROJECT),
        "--profiles-dir", str(DBT_PROJECT),
        "--target-path", str(work_dir / "target"),
        "--log-path", str(work_dir / "logs"),
    ]
    if select:
        args += ["--select", *select]
    result = dbtRunner().invoke(args)
    failures: list[str] = []
    nodes = 0
    for r in getattr(result.result, "results", None) or []:
        nodes += 1
        status = str(getattr(r, "status", "")).lower()
        if status in {"error", "fail", "runtime error"}:
            failures.append(f"{r.node.name}: {(r.message or status).splitlines()[0]}")
    if not result.success or failures:
        detail = "; ".join(failures[:5]) or str(result.exception or "see logs")
        raise DbtBuildFailed(f"dbt build failed ({detail}); logs in {work_dir / 'logs'}")
    return nodes
