"""Bytes → text: BOMs, UTF-8, then charset-normalizer for legacy encodings (CP949/EUC-KR, …).

A text file with a few bad bytes is text: they become U+FFFD, and each run of them is reported
with its byte offset (`Damage`), so the reader can warn on the record instead of losing the file.
Only files that are mostly not text are refused (`BinaryFileError`).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1 << 20
REPLACEMENT = "\ufffd"
# UTF-8 text with stray bytes stays UTF-8 while its valid non-ASCII characters outnumber the invalid
# bytes this many times; legacy Korean encodings read as UTF-8 fail on nearly every Hangul byte
MIN_VALID_PER_INVALID = 2
# a decoded text with less than this share of printable characters is binary data
MIN_PRINTABLE = 0.9
# how many damaged places of one record are reported one by one (the rest are counted)
MAX_REPORTED = 5

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class BinaryFileError(ValueError):
    """The file does not hold text in any encoding we can recognise."""


@dataclass(frozen=True, slots=True)
class Damage:
    """Bytes that could not be decoded: where in the file, and what they were."""

    byte_offset: int
    raw: bytes

    def describe(self, encoding: str) -> str:
        shown = self.raw[:8].hex(" ") + (" …" if len(self.raw) > 8 else "")
        return f"invalid {encoding} bytes at byte offset {self.byte_offset:,} ({shown}) replaced with U+FFFD"


def decode_reporting(data: bytes, encoding: str, base_offset: int = 0) -> tuple[str, list[Damage]]:
    """`data` decoded with bad bytes replaced, and where they were (offsets from `base_offset`)."""
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        pass
    damage: list[Damage] = []
    parts: list[str] = []
    pos = 0
    while True:
        try:
            parts.append(data[pos:].decode(encoding))
            break
        except UnicodeDecodeError as e:
            parts.append(data[pos:pos + e.start].decode(encoding))
            bad_end = pos + e.end
            # adjacent bad sequences are one damaged place
            if damage and damage[-1].byte_offset + len(damage[-1].raw) == base_offset + pos + e.start:
                last = damage.pop()
                damage.append(Damage(last.byte_offset, last.raw + data[pos + e.start:bad_end]))
            else:
                damage.append(Damage(base_offset + pos + e.start, data[pos + e.start:bad_end]))
            parts.append(REPLACEMENT)
            pos = bad_end
    return "".join(parts), damage


def _utf8_with_few_errors(sample: bytes) -> bool:
    return _few_errors(sample, "utf-8")


def _few_errors(sample: bytes, encoding: str) -> bool:
    text = sample.decode(encoding, errors="replace")
    invalid = text.count(REPLACEMENT)
    valid = sum(1 for ch in text if ord(ch) > 127) - invalid
    return valid > 0 and valid >= MIN_VALID_PER_INVALID * invalid


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(ch.isprintable() or ch in "\r\n\t" for ch in text) / len(text)


def detect_encoding(path: Path) -> str:
    """Name of the encoding to read `path` with; raises BinaryFileError for files that are not text."""
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
    return detect_encoding_of(sample)


def detect_encoding_of(sample: bytes, declared: Sequence[str] = ()) -> str:
    """The encoding of `sample`: a BOM, else UTF-8 when it reads as UTF-8, else the first `declared`
    encoding (a web page's charset) under which it decodes with few errors, else charset-normalizer's."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError as e:
            if e.start >= len(sample) - 3 and e.reason == "unexpected end of data":
                return "utf-8"  # the sample cut a character in two
        if _utf8_with_few_errors(sample):
            return "utf-8"
    for encoding in declared:
        if _few_errors(sample, encoding):
            return encoding
    best = from_bytes(sample).best()
    if best is not None:
        encoding = str(best.encoding)
        # charset-normalizer may call NUL-rich data utf_16 without a BOM: only mostly printable text counts
        if _printable_share(sample.decode(encoding, errors="replace")) >= MIN_PRINTABLE:
            return encoding
    if _printable_share(sample.decode("utf-8", errors="replace")) >= MIN_PRINTABLE:
        return "utf-8"  # damaged text that no legacy encoding explains better
    raise BinaryFileError("binary file (mostly bytes that are no text in any encoding)")


# Encodings whose newline is the byte 0x0A and never part of a multi-byte character: their files can
# be decoded line by line (streaming, with byte offsets), the others only as a whole.
def line_safe(encoding: str) -> bool:
    name = codecs.lookup(encoding).name
    return not name.startswith(("utf-16", "utf-32"))


def decoded_lines(f: BinaryIO, encoding: str) -> Iterator[tuple[str, list[Damage]]]:
    """Lines of a binary file (ends kept), decoded, each with the damage found in it.

    Encodings that are not line-safe are decoded whole first.
    """
    if not line_safe(encoding):
        text, damage = decode_reporting(f.read(), encoding)
        first = True
        for line in text.splitlines(keepends=True):
            yield line, damage if first else []
            first = False
        return
    offset = 0
    if encoding == "utf-8-sig":
        head = f.read(3)
        if head != codecs.BOM_UTF8:
            f.seek(0)
        else:
            offset = 3
        encoding = "utf-8"
    for raw in f:
        yield decode_reporting(raw, encoding, offset)
        offset += len(raw)
