"""The raw tables the extractor writes (schema `raw`); dbt's sources describe the same columns."""

from __future__ import annotations

import pyarrow as pa

V, INT, BIG, D, DT, TS, B = "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN"
U32S = "UINTEGER[]"

RAW_TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("article_id", V), ("source_id", V), ("source_file", V), ("record_no", INT), ("segment_no", INT),
        ("title", V), ("body", V), ("published_date", DT), ("publisher", V), ("reporter", V),
        ("email", V), ("url", V), ("char_count", INT), ("warnings", V), ("run_id", V), ("loaded_at", TS),
        ("minhash", U32S),
    ],
    "mentions": [
        ("mention_id", V), ("article_id", V), ("kind", V), ("text", V), ("start_char", INT), ("end_char", INT),
        ("value", D), ("unit", V), ("qualifier", V), ("min_value", D), ("max_value", D),
        ("date_value", DT), ("date_grain", V), ("confidence", D), ("rule", V),
    ],
    "company_mentions": [
        ("company_mention_id", V), ("article_id", V), ("company_name", V), ("surface", V),
        ("start_char", INT), ("end_char", INT), ("rule", V), ("confidence", D), ("stock_code", V),
    ],
    "facts": [
        ("fact_id", V), ("article_id", V), ("company_name", V), ("metric", V), ("value", D), ("unit", V),
        ("qualifier", V), ("period_year", INT), ("period_label", V), ("is_forecast", B), ("evidence", V),
        ("start_char", INT), ("end_char", INT), ("company_start", INT), ("company_end", INT), ("confidence", D),
        ("rule", V), ("explanation", V),
    ],
    "events": [
        ("event_id", V), ("article_id", V), ("company_name", V), ("event_type", V), ("event_date", DT),
        ("date_grain", V), ("evidence", V), ("start_char", INT), ("end_char", INT), ("confidence", D),
        ("rule", V),
    ],
    "input_files": [
        ("source_file", V), ("content_hash", V), ("size_bytes", D), ("records", INT), ("run_id", V),
        ("extractor_version", V),
    ],
    "rejects": [
        ("reject_id", V), ("run_id", V), ("source_file", V), ("record_no", INT), ("reason", V),
        ("excerpt", V), ("rejected_at", TS), ("severity", V), ("byte_offset", BIG),
    ],
    "quarantine": [
        ("quarantine_id", V), ("run_id", V), ("table_name", V), ("article_id", V), ("row_json", V),
        ("reason", V), ("quarantined_at", TS),
    ],
    "runs": [
        ("run_id", V), ("started_at", TS), ("finished_at", TS), ("status", V), ("inputs", V),
        ("code_version", V), ("records_read", INT), ("articles_seen", INT), ("articles_new", INT),
        ("articles_flagged", INT), ("articles_replaced", INT), ("records_rejected", INT), ("mentions", INT),
        ("facts", INT), ("events", INT), ("duration_s", D), ("message", V), ("rows_quarantined", INT),
        ("records_warned", INT), ("records_skipped", INT), ("skip_reasons", V),
    ],
}

# Tables whose rows belong to one article: replaced together when an article changes.
ARTICLE_CHILD_TABLES = ("mentions", "company_mentions", "facts", "events")

ARROW_TYPES = {V: pa.string(), INT: pa.int32(), BIG: pa.int64(), D: pa.float64(), DT: pa.date32(),
               TS: pa.timestamp("us"), B: pa.bool_(), U32S: pa.list_(pa.uint32())}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in RAW_TABLES[table]])


def create_statements() -> list[str]:
    """Create what is missing; a warehouse built by an older version gains the columns added since
    (new columns only ever go at the end of a table, and rows are inserted by name)."""
    stmts = ["create schema if not exists raw"]
    for table, cols in RAW_TABLES.items():
        body = ", ".join(f"{name} {kind}" for name, kind in cols)
        stmts.append(f"create table if not exists raw.{table} ({body})")
        stmts += [f"alter table raw.{table} add column if not exists {name} {kind}" for name, kind in cols]
    return stmts
