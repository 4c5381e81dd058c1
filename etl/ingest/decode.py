"""Bytes → text: BOMs, UTF-8, then charset-normalizer for legacy encodings (CP949/EUC-KR, …)."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1 << 20
REPLACEMENT = "\ufffd"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class BinaryFileError(ValueError):
    """The file does not hold text in any encoding we can recognise."""


def _valid_utf8_prefix(sample: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """Name of the encoding to read `path` with; raises BinaryFileError for non-text files.

    Decoding then uses errors="replace", so a few invalid bytes in a text file cost a U+FFFD
    (and a warning on the record) rather than the whole file.
    """
    with path.open("rb") as f:
        sample = f.read(SAMPLE_BYTES)
        complete = len(sample) < SAMPLE_BYTES
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" not in sample:
        if _valid_utf8_prefix(sample, complete):
            return "utf-8"
        # UTF-8 with a few stray bytes stays UTF-8 (legacy Korean encodings fail on most Hangul bytes).
        as_utf8 = sample.decode("utf-8", errors="replace")
        if as_utf8.count(REPLACEMENT) <= max(1, len(as_utf8) // 200):
            return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        raise BinaryFileError("binary or undecodable file")
    encoding = str(best.encoding)
    # charset-normalizer may call NUL-rich data utf_16 without a BOM; accept it only if it decodes
    # to mostly printable text, otherwise it is a binary file.
    text = sample.decode(encoding, errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if not text or printable / len(text) < 0.9:
        raise BinaryFileError("binary file (mostly non-printable bytes)")
    return encoding


def has_replacements(text: str) -> bool:
    return REPLACEMENT in text
