"""Web archives (`.warc`, `.warc.gz`; Common Crawl's CC-NEWS) → page records, streamed (fastwarc).

Every HTML response becomes a page record (its main text is extracted when it is segmented, as for an
HTML file); every other record is skipped and counted by reason — request, metadata and warcinfo
records, responses that are not HTML, error and redirect statuses, empty or oversized bodies — never
rejected one by one. One record is held at a time, so memory does not grow with the archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from etl.ingest.damage import Item, with_damage
from etl.ingest.webpage import decode_page
from etl.records import Reject, Skipped, SourceRecord

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# a news page is well under this; a larger body is a file download or a crawl artefact
MAX_PAGE_BYTES = 5_000_000
SKIP_NOT_HTML = "not an HTML response"
SKIP_EMPTY = "empty response"
SKIP_TOO_LARGE = f"response over {MAX_PAGE_BYTES // 1_000_000} MB"


def _status(record: Any) -> int | None:
    headers = record.http_headers
    return int(headers.status_code) if headers is not None and headers.status_code else None


def _content_type(record: Any) -> str:
    if record.is_http:
        return (record.http_content_type or "").lower()
    return (record.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _truncated(record: Any, read: int) -> str | None:
    """Why a response's payload is cut short (an archive cut off in the middle of a record), if it is."""
    headers = record.http_headers
    if headers is None or headers.get("Content-Encoding"):
        return None  # a decoded payload has a length of its own
    declared = headers.get("Content-Length")
    if declared and declared.strip().isdigit() and read < int(declared):
        return f"truncated WARC record: {read:,} of {int(declared):,} payload bytes"
    return None


def read_warc(path: Path, encoding: str) -> Iterator[Item]:
    """The page records of a web archive; every other record is a `Skipped` with its reason."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    pages = WarcRecordType.response | WarcRecordType.resource
    source = str(path)
    no = 0
    with path.open("rb") as f:
        try:
            # auto_decode: the payload as the page was served (chunked transfer and gzip/br content undone)
            for no, record in enumerate(ArchiveIterator(f, parse_http=True, auto_decode="all"), start=1):
                if not record.record_type & pages:
                    yield Skipped(source, no, f"WARC {record.record_type} record")
                    continue
                status = _status(record)
                if status is not None and not 200 <= status < 300:
                    yield Skipped(source, no, f"HTTP status {status // 100}xx")
                    continue
                mime = _content_type(record)
                if mime and not mime.startswith(HTML_TYPES):
                    yield Skipped(source, no, SKIP_NOT_HTML)
                    continue
                data = record.reader.read(MAX_PAGE_BYTES + 1)
                if len(data) > MAX_PAGE_BYTES:
                    yield Skipped(source, no, SKIP_TOO_LARGE)
                    continue
                short = _truncated(record, len(data))
                if short:
                    yield Reject(source, no, short, (record.headers.get("WARC-Target-URI") or "")[:120])
                    continue
                if not data.strip():
                    yield Skipped(source, no, SKIP_EMPTY)
                    continue
                if not mime and b"<html" not in data[:4096].lower():
                    yield Skipped(source, no, SKIP_NOT_HTML)
                    continue
                text, used, damage = decode_page(data, record.http_charset if record.is_http else None)
                url = record.headers.get("WARC-Target-URI") or None
                # the page's address is the record's own id: a later crawl of the same URL replaces it.
                # (Damaged places are reported with their offsets in the record's payload.)
                yield from with_damage(SourceRecord(source_file=source, record_no=no, body=text, is_page=True,
                                                    source_id=url, url=url), damage, used)
        except (OSError, ValueError) as e:
            yield Reject(source, no + 1, f"unreadable WARC record: {e} (the rest of the file is not read)")
