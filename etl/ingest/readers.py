"""Input files → SourceRecord / Reject, one record at a time (memory stays flat).

Formats: `.txt` (one or many concatenated articles: a dump to segment), `.jsonl`/`.ndjson` (one JSON
object per line), `.json` (an object or a list of objects), `.csv` (header row), `.parquet`.
Structured records name their text `body`, `text` or `content`; `id`, `title`, `published_at`
(or `date`), `publisher`, `reporter`, `url` are optional.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from etl.ingest.decode import BinaryFileError, detect_encoding, has_replacements
from etl.records import Reject, SourceRecord

Item = SourceRecord | Reject

BODY_FIELDS = ("body", "text", "content")
OPTIONAL_FIELDS = {
    "source_id": ("id", "article_id", "doc_id"),
    "title": ("title", "headline"),
    "published_at": ("published_at", "date", "published", "datetime"),
    "publisher": ("publisher", "source", "press"),
    "reporter": ("reporter", "author", "byline"),
    "url": ("url", "link"),
}
EXCERPT_CHARS = 120
csv.field_size_limit(sys.maxsize)


def _excerpt(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text[:EXCERPT_CHARS]


def record_from_mapping(obj: object, source_file: str, record_no: int) -> Item:
    """Validate one structured record. Wrong optional fields become warnings, a missing body a reject."""
    if not isinstance(obj, Mapping):
        return Reject(source_file, record_no, f"record is a JSON {type(obj).__name__}, not an object",
                      _excerpt(obj))
    lowered = {str(k).strip().lower(): v for k, v in obj.items()}
    body_key = next((k for k in BODY_FIELDS if lowered.get(k) not in (None, "")), None)
    if body_key is None:
        return Reject(source_file, record_no, "record has no body/text/content", _excerpt(dict(obj)))
    body = lowered[body_key]
    if not isinstance(body, str):
        return Reject(source_file, record_no, f"{body_key} is {type(body).__name__}, not text", _excerpt(body))
    if not body.strip():
        return Reject(source_file, record_no, f"{body_key} is blank", "")
    warnings: list[str] = []
    fields: dict[str, str | None] = {}
    for target, names in OPTIONAL_FIELDS.items():
        key = next((n for n in names if lowered.get(n) not in (None, "")), None)
        value = lowered.get(key) if key else None
        if value is None or isinstance(value, str):
            fields[target] = value
        elif isinstance(value, bool | int | float):
            fields[target] = str(value)
            if target != "source_id":
                warnings.append(f"{key} was a {type(value).__name__}, read as text")
        else:
            fields[target] = None
            warnings.append(f"{key} of type {type(value).__name__} ignored")
    if has_replacements(body):
        warnings.append("invalid bytes replaced with U+FFFD")
    return SourceRecord(source_file=source_file, record_no=record_no, body=body, warnings=tuple(warnings),
                        source_id=fields["source_id"], title=fields["title"], published_at=fields["published_at"],
                        publisher=fields["publisher"], reporter=fields["reporter"], url=fields["url"])


def read_text_dump(path: Path, encoding: str) -> Iterator[Item]:
    text = path.read_text(encoding=encoding, errors="replace")
    if not text.strip():
        yield Reject(str(path), 0, "file has no text")
        return
    warnings = ("invalid bytes replaced with U+FFFD",) if has_replacements(text) else ()
    yield SourceRecord(source_file=str(path), record_no=0, body=text, is_dump=True, warnings=warnings)


def read_jsonl(path: Path, encoding: str) -> Iterator[Item]:
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield Reject(str(path), line_no, f"malformed JSON: {e.msg} at column {e.colno}", _excerpt(line))
                continue
            yield record_from_mapping(obj, str(path), line_no)


def read_json(path: Path, encoding: str) -> Iterator[Item]:
    text = path.read_text(encoding=encoding, errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # Many ".json" exports are really JSON lines.
        yield from read_jsonl(path, encoding)
        return
    items = data if isinstance(data, list) else [data]
    for no, obj in enumerate(items, start=1):
        yield record_from_mapping(obj, str(path), no)


def read_csv(path: Path, encoding: str) -> Iterator[Item]:
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        reader = csv.DictReader(f, restkey="__extra__")
        if not reader.fieldnames:
            yield Reject(str(path), 0, "CSV file has no header row")
            return
        for row in reader:
            record_no = reader.line_num  # physical line where the row ends (rows may span lines)
            missing = [k for k, v in row.items() if v is None]
            extra = row.pop("__extra__", None)
            item = record_from_mapping({k: v for k, v in row.items() if v is not None}, str(path), record_no)
            if isinstance(item, SourceRecord) and (missing or extra):
                note = f"CSV row has {len(missing)} missing column(s)" if missing else "CSV row has extra columns"
                item = replace(item, warnings=(*item.warnings, note))
            yield item


def read_parquet(path: Path, encoding: str) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several types for corrupt files
        yield Reject(str(path), 0, f"unreadable Parquet file: {e}")
        return
    record_no = 0
    for batch in pf.iter_batches(batch_size=2048):
        for row in batch.to_pylist():
            record_no += 1
            yield record_from_mapping(row, str(path), record_no)


READERS: dict[str, Callable[[Path, str], Iterator[Item]]] = {
    ".txt": read_text_dump,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
}


def discover(paths: Iterable[Path]) -> Iterator[Path | Reject]:
    """Input files under the given paths (directories recursively, sorted). Missing paths are rejects."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                yield child
        elif path.is_file():
            yield path
        else:
            yield Reject(str(path), 0, "no such file or directory")


def read_file(path: Path) -> Iterator[Item]:
    """Every record of one file; a file that cannot be read at all is one reject."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Reject(str(path), 0, f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        if path.stat().st_size == 0:
            yield Reject(str(path), 0, "empty file")
            return
        encoding = "binary" if reader is read_parquet else detect_encoding(path)
        n = 0
        for n, item in enumerate(reader(path, encoding), start=1):  # noqa: B007
            yield item
        if n == 0:
            yield Reject(str(path), 0, "file holds no records")
    except BinaryFileError as e:
        yield Reject(str(path), 0, str(e))
    except (OSError, UnicodeError) as e:
        yield Reject(str(path), 0, f"cannot read file: {e}")


def read_inputs(paths: Iterable[Path]) -> Iterator[Item]:
    for found in discover(paths):
        if isinstance(found, Reject):
            yield found
        else:
            yield from read_file(found)
