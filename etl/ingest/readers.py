"""Input files → SourceRecord / Reject / Skipped, one record at a time (memory stays flat).

Formats: `.txt` (one or many concatenated articles: a dump to segment), `.jsonl`/`.ndjson` (one JSON
object per line), `.json` (an object or a list of objects), `.csv` (header row), `.parquet`,
`.html`/`.htm` (a news web page, `etl/ingest/webpage.py`) and `.warc`/`.warc.gz` (a web archive of
such pages, `etl/ingest/warc.py`). Structured records name their text `body`, `text` or `content`;
`id`, `title`, `published_at` (or `date`), `publisher`, `reporter`, `url` are optional.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from etl.ingest import warc, webpage
from etl.ingest.damage import Item, damage_warnings, with_damage
from etl.ingest.decode import BinaryFileError, Damage, decode_reporting, decoded_lines, detect_encoding
from etl.records import Reject, SourceRecord

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
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
csv.field_size_limit(sys.maxsize)


def _excerpt(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text[:EXCERPT_CHARS]


def record_from_mapping(obj: object, source_file: str, record_no: int) -> SourceRecord | Reject:
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
    # JSON may escape lone UTF-16 surrogates (`\ud800`): no text can hold them, so they become U+FFFD
    body, n_surrogates = _LONE_SURROGATE.subn("\ufffd", body)
    if n_surrogates:
        warnings.append(f"{n_surrogates} lone surrogate escape(s) in {body_key} replaced with U+FFFD")
    for target, names in OPTIONAL_FIELDS.items():
        key = next((n for n in names if lowered.get(n) not in (None, "")), None)
        value = lowered.get(key) if key else None
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            value = _LONE_SURROGATE.sub("\ufffd", value)
            warnings.append(f"lone surrogate escape(s) in {key} replaced with U+FFFD")
        if value is None or isinstance(value, str):
            fields[target] = value
        elif isinstance(value, bool | int | float):
            fields[target] = str(value)
            if target != "source_id":
                warnings.append(f"{key} was a {type(value).__name__}, read as text")
        else:
            fields[target] = None
            warnings.append(f"{key} of type {type(value).__name__} ignored")
    return SourceRecord(source_file=source_file, record_no=record_no, body=body, warnings=tuple(warnings),
                        source_id=fields["source_id"], title=fields["title"], published_at=fields["published_at"],
                        publisher=fields["publisher"], reporter=fields["reporter"], url=fields["url"])


def _read_whole(path: Path, encoding: str) -> tuple[str, list[Damage]]:
    data = path.read_bytes()
    if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
        text, damage = decode_reporting(data[3:], "utf-8", 3)
        return text, damage
    return decode_reporting(data, encoding)


def read_text_dump(path: Path, encoding: str) -> Iterator[Item]:
    text, damage = _read_whole(path, encoding)
    if not text.strip():
        yield Reject(str(path), 0, "file has no text")
        return
    yield from with_damage(SourceRecord(source_file=str(path), record_no=0, body=text, is_dump=True), damage,
                            encoding)


def read_jsonl(path: Path, encoding: str) -> Iterator[Item]:
    with path.open("rb") as f:
        for line_no, (line, damage) in enumerate(decoded_lines(f, encoding), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield Reject(str(path), line_no, f"malformed JSON: {e.msg} at column {e.colno}", _excerpt(line))
                continue
            yield from with_damage(record_from_mapping(obj, str(path), line_no), damage, encoding)


def read_json(path: Path, encoding: str) -> Iterator[Item]:
    text, damage = _read_whole(path, encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # Many ".json" exports are really JSON lines.
        yield from read_jsonl(path, encoding)
        return
    items = data if isinstance(data, list) else [data]
    for no, obj in enumerate(items, start=1):
        # a whole JSON document's damage cannot be placed in one record: the first carries it
        yield from with_damage(record_from_mapping(obj, str(path), no), damage if no == 1 else [], encoding)


def read_csv(path: Path, encoding: str) -> Iterator[Item]:
    damage_by_line: dict[int, list[Damage]] = {}

    def lines(f: BinaryIO) -> Iterator[str]:
        for no, (line, damage) in enumerate(decoded_lines(f, encoding), start=1):
            if damage:
                damage_by_line[no] = damage
            # a lone \r ends a line too (old Mac files), as in the csv module's own reading
            yield from _LONE_CR.split(line) if "\r" in line else (line,)

    with path.open("rb") as f:
        reader = csv.DictReader(lines(f), restkey="__extra__")
        try:
            header = reader.fieldnames
        except csv.Error as e:
            yield Reject(str(path), 1, f"malformed CSV header: {e}")
            return
        if not header:
            yield Reject(str(path), 0, "CSV file has no header row")
            return
        header_damage = [d for no in sorted(damage_by_line) for d in damage_by_line.pop(no)]
        if header_damage:
            yield from damage_warnings(str(path), 1, header_damage, encoding)
        for row in _rows(reader, path):
            if isinstance(row, Reject):
                yield row
                return
            record_no = reader.line_num  # physical line where the row ends (rows may span lines)
            missing = [k for k, v in row.items() if v is None]
            extra = row.pop("__extra__", None)
            item = record_from_mapping({k: v for k, v in row.items() if v is not None}, str(path), record_no)
            if isinstance(item, SourceRecord) and (missing or extra):
                note = f"CSV row has {len(missing)} missing column(s)" if missing else "CSV row has extra columns"
                item = replace(item, warnings=(*item.warnings, note))
            # the damage of the physical lines this row spans (those read since the row before)
            damage = [d for no in sorted(damage_by_line) if no <= record_no for d in damage_by_line.pop(no)]
            yield from with_damage(item, damage, encoding)


def _rows(reader: csv.DictReader[str], path: Path) -> Iterator[dict[str, str] | Reject]:
    """The rows of a CSV file; a row the csv module cannot parse ends the file with a reject."""
    try:
        yield from reader
    except csv.Error as e:
        yield Reject(str(path), reader.line_num, f"malformed CSV: {e} (the rest of the file is not read)")


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


def read_html(path: Path, encoding: str) -> Iterator[Item]:
    """One web page: decoded here (its declared charset, else detection); its main text is extracted
    when it is segmented."""
    text, used, damage = webpage.decode_page(path.read_bytes())
    yield from with_damage(SourceRecord(source_file=str(path), record_no=0, body=text, is_page=True), damage, used)


READERS: dict[str, Callable[[Path, str], Iterator[Item]]] = {
    ".txt": read_text_dump,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
    **dict.fromkeys(webpage.SUFFIXES, read_html),
    **dict.fromkeys(warc.SUFFIXES, warc.read_warc),
}
# readers that find the encoding themselves (binary formats, pages that declare their charset)
SELF_DECODING = {read_parquet, read_html, warc.read_warc}


def reader_for(path: Path) -> Callable[[Path, str], Iterator[Item]] | None:
    name = path.name.lower()
    return next((READERS[s] for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), None)


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
    reader = reader_for(path)
    if reader is None:
        yield Reject(str(path), 0, f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        if path.stat().st_size == 0:
            yield Reject(str(path), 0, "empty file")
            return
        encoding = "binary" if reader in SELF_DECODING else detect_encoding(path)
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
