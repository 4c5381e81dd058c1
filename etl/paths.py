"""Where the project's own files live.

The package runs from its checkout (`pip install -e .`): the dbt project and the seed CSVs are
project files shared with dbt, not package data, so they are found relative to the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("NEWSFACTS_HOME", Path(__file__).resolve().parents[1]))
SEEDS = ROOT / "seeds"
DBT_PROJECT = ROOT / "dbt_project"
SAMPLE = Path(__file__).resolve().parent / "sample"
DEFAULT_WAREHOUSE = ROOT / "warehouse" / "newsfacts.duckdb"
DEFAULT_REPORT_DIR = ROOT / "warehouse" / "report"
# where `newsfacts spark` writes the raw tables as Parquet, and `newsfacts build` reads them
DEFAULT_RAW = ROOT / "warehouse" / "raw"
