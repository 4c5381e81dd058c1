"""The package layers depend one way: text ← mentions ← facts ← segment (and nothing of these on ingest/load).

Checked on the source (every `import`/`from … import`, module level or inside functions), so a
cycle cannot come back through a late import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ETL = Path(__file__).resolve().parents[1] / "etl"

# package -> the etl packages/modules it may import
ALLOWED = {
    "text": set(),
    "mentions": {"text", "records", "reference", "paths"},
    "facts": {"text", "mentions", "records", "reference", "paths"},
    "segment": {"text", "facts", "records", "reference", "paths", "budget"},
}


def _etl_imports(package: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (ETL / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names] if node.module == "etl" else [
                    node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "etl" and len(parts) > 1:
                    found.add((path.name, parts[1]))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_the_layers_below_it(package: str) -> None:
    bad = {(f, dep) for f, dep in _etl_imports(package) if dep != package and dep not in ALLOWED[package]}
    assert not bad, f"{package} imports {sorted(bad)}"
