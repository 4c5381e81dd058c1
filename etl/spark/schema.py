"""The shapes of the rows the Spark job passes between its stages, as Arrow and Spark schemas.

Raw-table columns come from `etl.load.schema.RAW_TABLES` and the record/article columns from the
dataclasses in `etl.records`, so a column added there reaches the Spark job without an edit here.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pyarrow as pa

from etl.load.schema import ARROW_TYPES, BIG, DT, INT, RAW_TABLES, TS, U32S, B, D, V
from etl.records import Article, SourceRecord

STRS = "VARCHAR[]"  # a tuple of strings (warnings)
# Spark has no unsigned integers: a fingerprint's uint32 values travel as bigint (and load back into
# raw.articles.minhash as UINTEGER[])
_ARROW_TYPES = {**ARROW_TYPES, STRS: pa.list_(pa.string()), U32S: pa.list_(pa.int64())}
_SPARK_TYPES = {V: "string", INT: "int", BIG: "bigint", D: "double", DT: "date", TS: "timestamp_ntz",
                B: "boolean", STRS: "array<string>", U32S: "array<bigint>"}
# dataclass field annotations (strings: the modules use `from __future__ import annotations`)
_FIELD_KINDS = {"str": V, "int": INT, "bool": B, "date": DT, "tuple[str, ...]": STRS}

Columns = list[tuple[str, str]]
# Where a row came from: (input file, item of the file, part of the item). The first article in this
# order is kept when several carry one article id, as the native run keeps the first it meets.
ORDER: Columns = [("file_key", V), ("record_seq", INT), ("part_seq", INT)]
# The raw tables the extraction writes (the job adds the `runs` row).
OUTPUT_TABLES = ("articles", "mentions", "company_mentions", "facts", "events", "rejects", "quarantine")


def dataclass_columns(cls: type) -> Columns:
    """The fields of a record dataclass as (name, kind) columns; an unmapped type fails loudly."""
    cols = []
    for f in dataclasses.fields(cls):
        kind = _FIELD_KINDS.get(str(f.type).removesuffix(" | None"))
        if kind is None:
            raise TypeError(f"{cls.__name__}.{f.name}: no column type for {f.type!r}")
        cols.append((f.name, kind))
    return cols


RECORD = dataclass_columns(SourceRecord)
ARTICLE = dataclass_columns(Article)


def arrow_struct(cols: Columns) -> pa.StructType:
    return pa.struct([(name, _ARROW_TYPES[kind]) for name, kind in cols])


def spark_struct(cols: Columns) -> str:
    return "struct<" + ",".join(f"`{name}`:{_SPARK_TYPES[kind]}" for name, kind in cols) + ">"


def _schemas(parts: list[tuple[str, Columns | None]]) -> tuple[pa.Schema, str]:
    """Arrow schema and Spark DDL of a row of top-level columns (kind) or struct columns (columns)."""
    fields, ddl = [], []
    for name, cols in parts:
        if cols is None:  # an ORDER column
            kind = dict(ORDER)[name]
            fields.append(pa.field(name, _ARROW_TYPES[kind]))
            ddl.append(f"`{name}` {_SPARK_TYPES[kind]}")
        else:
            fields.append(pa.field(name, arrow_struct(cols)))
            ddl.append(f"`{name}` {spark_struct(cols)}")
    return pa.schema(fields), ", ".join(ddl)


@cache
def flow_schema() -> tuple[pa.Schema, str]:
    """Rows between reading, segmentation and extraction: where from, and a record, an article or a
    reject (a `raw.rejects` row, passed on to the end)."""
    return _schemas([*((n, None) for n, _ in ORDER), ("record", RECORD), ("article", ARTICLE),
                     ("rejects", RAW_TABLES["rejects"])])


@cache
def rejects_schema() -> tuple[pa.Schema, str]:
    """Rows the extraction stage hands back to the JVM: its `raw.rejects` rows (the workers write
    the other tables themselves, etl.spark.tasks)."""
    return _schemas([("rejects", RAW_TABLES["rejects"])])


def spark_type(kind: str) -> str:
    return _SPARK_TYPES[kind]
