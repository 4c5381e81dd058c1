"""Damaged bytes of a record that was read anyway: a warning on the record, and one warning row
(`raw.rejects`, severity `warning`) per damaged place with its byte offset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from etl.ingest.decode import MAX_REPORTED, Damage
from etl.records import Reject, Skipped, SourceRecord

Item = SourceRecord | Reject | Skipped


def damage_warnings(source_file: str, record_no: int, damage: list[Damage], encoding: str) -> Iterator[Reject]:
    """One warning row per damaged place of a record (the first few; then one for the rest)."""
    for d in damage[:MAX_REPORTED]:
        yield Reject(source_file, record_no, "invalid bytes replaced with U+FFFD", d.describe(encoding),
                     severity="warning", byte_offset=d.byte_offset)
    if len(damage) > MAX_REPORTED:
        rest = damage[MAX_REPORTED:]
        yield Reject(source_file, record_no, "invalid bytes replaced with U+FFFD",
                     f"{len(rest)} more damaged places, {sum(len(d.raw) for d in rest):,} bytes in all",
                     severity="warning", byte_offset=rest[0].byte_offset)


def with_damage(item: Item, damage: list[Damage], encoding: str) -> Iterator[Item]:
    """The record, marked as damaged, and its warning rows (a rejected record needs no warning)."""
    if damage and isinstance(item, SourceRecord):
        note = f"{len(damage)} damaged place(s): invalid {encoding} bytes replaced with U+FFFD"
        item = replace(item, warnings=(*item.warnings, note))
        yield from damage_warnings(item.source_file, item.record_no, damage, encoding)
    yield item
