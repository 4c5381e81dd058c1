"""Bad input never raises and is never dropped silently: each case is a loaded record or a reject."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from etl.ingest import read_inputs
from etl.records import Reject, SourceRecord

BODY = "누리테크는 지난해 매출 1,200억원을 기록했다고 밝혔다."


def _read(tmp_path: Path, name: str, data: bytes) -> list[SourceRecord | Reject]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([path]))


def _reasons(items: list[SourceRecord | Reject]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Reject)]


def _records(items: list[SourceRecord | Reject]) -> list[SourceRecord]:
    return [i for i in items if isinstance(i, SourceRecord)]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("cp949", b""), ("euc-kr", b""), ("utf-16", b"")],
)
def test_text_in_any_common_encoding_decodes(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = (BODY + "\n") * 20
    items = _read(tmp_path, "a.txt", prefix + text.encode(encoding))
    [rec] = _records(items)
    assert rec.body.replace("\r\n", "\n") == text
    assert rec.is_dump and not rec.warnings


def test_invalid_utf8_bytes_are_replaced_and_flagged(tmp_path: Path) -> None:
    data = (BODY * 50).encode("utf-8")
    data = data[:100] + b"\xff\xfe\xfa" + data[100:]
    items = _read(tmp_path, "a.txt", data)
    [rec] = _records(items)
    assert "\ufffd" in rec.body
    assert rec.warnings == ("1 damaged place(s): invalid utf-8 bytes replaced with U+FFFD",)
    [warning] = [i for i in items if isinstance(i, Reject)]
    assert warning.is_warning and warning.byte_offset == 100
    assert "ff fe fa" in warning.excerpt


def test_binary_and_empty_files_are_rejected(tmp_path: Path) -> None:
    assert _reasons(_read(tmp_path, "b.txt", bytes(range(256)) * 40)) == ["binary file (mostly non-printable bytes)"] \
        or _reasons(_read(tmp_path, "b.txt", bytes(range(256)) * 40))[0].startswith("binary")
    assert _reasons(_read(tmp_path, "e.txt", b"")) == ["empty file"]
    assert _reasons(_read(tmp_path, "w.txt", b"  \n\n ")) == ["file has no text"]


def test_jsonl_bad_lines_become_rejects_and_good_lines_load(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "title": "제목", "body": BODY, "published_at": "2024-03-05"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "title": "본문 없음"}),
        json.dumps({"id": "a3", "body": 12345}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": BODY, "title": 3.5, "publisher": {"x": 1}}, ensure_ascii=False),
        "",
    ]
    items = _read(tmp_path, "a.jsonl", "\n".join(lines).encode())
    assert _reasons(items) == [
        "malformed JSON: Expecting property name enclosed in double quotes at column 2",
        "record has no body/text/content",
        "body is int, not text",
        "record is a JSON list, not an object",
    ]
    recs = _records(items)
    assert [(r.source_id, r.record_no) for r in recs] == [("a1", 1), ("7", 6)]
    assert recs[1].title == "3.5"
    assert recs[1].warnings == ("title was a float, read as text", "publisher of type dict ignored")
    assert [r.record_no for r in items if isinstance(r, Reject)] == [2, 3, 4, 5]


def test_json_array_and_single_object(tmp_path: Path) -> None:
    arr = json.dumps([{"body": BODY}, {"content": BODY + "2"}], ensure_ascii=False).encode()
    assert [r.body for r in _records(_read(tmp_path, "a.json", arr))] == [BODY, BODY + "2"]
    one = json.dumps({"text": BODY}, ensure_ascii=False).encode()
    assert len(_records(_read(tmp_path, "b.json", one))) == 1


def test_csv_embedded_newlines_quotes_and_missing_columns(tmp_path: Path) -> None:
    data = (
        'id,title,body,published_at\n'
        'c1,"따옴표 ""인용"" 제목","첫 줄\n둘째 줄, 쉼표 포함",2024-01-02\n'
        'c2,짧은 행\n'
        'c3,,\\백슬래시 \'; drop table raw.articles; --,2024-02-30\n'
    ).encode()
    items = _read(tmp_path, "a.csv", data)
    recs = _records(items)
    assert recs[0].title == '따옴표 "인용" 제목' and recs[0].body == "첫 줄\n둘째 줄, 쉼표 포함"
    assert recs[1].body == "\\백슬래시 '; drop table raw.articles; --"
    assert _reasons(items) == ["record has no body/text/content"]


def test_parquet_records(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    pl.DataFrame({"id": ["p1", "p2"], "body": [BODY, None], "published_at": ["2024-05-01", None]}).write_parquet(path)
    items = list(read_inputs([path]))
    assert [r.source_id for r in _records(items)] == ["p1"]
    assert _reasons(items) == ["record has no body/text/content"]


def test_missing_path_unsupported_type_and_corrupt_parquet(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# hi")
    (tmp_path / "x.parquet").write_bytes(b"PAR1 not really")
    items = list(read_inputs([tmp_path, tmp_path / "missing.jsonl"]))
    reasons = _reasons(items)
    assert reasons[0] == "unsupported file type '.md'"
    assert reasons[1].startswith("unreadable Parquet file")
    assert reasons[2] == "no such file or directory"


def test_one_multi_megabyte_line(tmp_path: Path) -> None:
    body = BODY * 200_000  # ~6 MB of text on one line
    items = _read(tmp_path, "big.jsonl", json.dumps({"body": body}, ensure_ascii=False).encode())
    assert [len(r.body) for r in _records(items)] == [len(body)]


def test_lone_surrogate_escapes_in_json_become_replacement_characters(tmp_path: Path) -> None:
    line = '{"id": "s1", "title": "제목 \\udc80", "body": "누리테크는 매출 100억원을 기록했다 \\ud800 끝."}\n'
    [rec] = _records(_read(tmp_path, "s.jsonl", line.encode()))
    assert rec.body.endswith("\ufffd 끝.") and rec.title == "제목 \ufffd"
    rec.body.encode("utf-8")  # storable
    assert rec.warnings == ("1 lone surrogate escape(s) in body replaced with U+FFFD",
                            "lone surrogate escape(s) in title replaced with U+FFFD")
