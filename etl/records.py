"""Typed records passed between pipeline stages.

Every stage is a pure function from one of these to the next; I/O happens only in
`etl.ingest` (reading) and `etl.load` (writing). Field names match the raw tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

MENTION_KINDS = ("number", "money", "percent", "quantity", "date", "duration", "ordinal")
QUALIFIERS = ("exact", "approx", "gt", "gte", "lt", "lte")
DATE_GRAINS = ("day", "week", "month", "quarter", "half", "year", "century")


def short_hash(*parts: object) -> str:
    """Stable 16-hex-digit id from the parts (None hashes like the empty string)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(b"" if p is None else str(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One record as read from an input file, before segmentation.

    `is_dump` marks raw text that may hold several concatenated articles and must be segmented;
    structured records (JSONL/CSV/Parquet rows) are one article each and are never re-split.
    `is_page` marks a web page (HTML, decoded): its main text and metadata are extracted when it is
    segmented, in a worker process, since that costs more than reading it.
    """

    source_file: str
    record_no: int  # 1-based line/row number in the file (0 for a whole-file text)
    body: str
    is_dump: bool = False
    source_id: str | None = None
    title: str | None = None
    published_at: str | None = None  # as given; parsed in ingest
    publisher: str | None = None
    reporter: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()
    is_page: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record passed over on purpose because it holds no news article (a web archive's non-HTML or
    error responses, pages with little Hangul, pages without main text). Runs count these per reason
    (`raw.runs.skip_reasons`); they are not rejects, and no row is written for each."""

    source_file: str
    record_no: int
    reason: str


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be read (severity "error"), or a note on one that was read with damage
    (severity "warning": invalid bytes replaced, at `byte_offset` of the file)."""

    source_file: str
    record_no: int
    reason: str
    excerpt: str = ""
    severity: str = "error"
    byte_offset: int | None = None

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    source_file: str
    record_no: int
    segment_no: int  # 0 for structured records; 1.. for articles split from a dump
    body: str
    source_id: str | None = None
    title: str | None = None
    published_date: date | None = None
    publisher: str | None = None
    reporter: str | None = None
    email: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()

    @staticmethod
    def make_id(body: str, source_id: str | None) -> str:
        """Identity is the content plus the source's own id: same text + same id = same article."""
        return short_hash(source_id or "", body)


@dataclass(frozen=True, slots=True)
class Mention:
    """A numeric or date expression found in text (the GDELT "amounts" layer).

    `start`/`end` are Python str offsets into the text given to the finder, end exclusive.
    `value` is in base units (won, persons, counts, percent points); `min`/`max` carry ranges.
    `date`/`grain` are set for kind == "date" (date None when a relative date cannot be resolved).
    """

    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    min: float | None = None
    max: float | None = None
    date: date | None = None
    grain: str | None = None
    confidence: float = 1.0
    rule: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "min": self.min,
            "max": self.max,
            "date": self.date.isoformat() if self.date else None,
            "grain": self.grain,
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class CompanyMention:
    """A company name found in an article, with the name the article knows the company by."""

    # the company as this article names it: its seed/exchange name when the article writes that, else
    # the fullest spelling the article uses (dbt resolves every spelling to one company_id)
    name: str
    surface: str
    start: int
    end: int
    rule: str
    confidence: float = 1.0
    stock_code: str | None = None  # written next to the name: `삼성전자(005930)`


@dataclass(frozen=True, slots=True)
class Fact:
    """A mention classified as a company metric, attributed to a company and a period."""

    article_id: str
    metric: str
    value: float
    unit: str
    qualifier: str
    start: int  # offsets of the number in the article body
    end: int
    evidence: str  # the sentence the fact was read from
    company_name: str | None = None
    period_year: int | None = None
    period_label: str | None = None
    is_forecast: bool = False
    confidence: float = 1.0
    rule: str = ""  # which rules fired: metric cue / attribution / period
    company_start: int | None = None
    company_end: int | None = None
    explanation: dict[str, str] = field(default_factory=dict)

    @property
    def fact_id(self) -> str:
        # (one figure may be stated for two companies: `A와 B 각각 131억원`)
        return short_hash(self.article_id, self.metric, self.start, self.end, self.company_name or "")


@dataclass(frozen=True, slots=True)
class Event:
    article_id: str
    event_type: str
    event_date: date
    date_grain: str
    evidence: str
    start: int
    end: int
    company_name: str | None = None
    confidence: float = 1.0
    rule: str = ""

    @property
    def event_id(self) -> str:
        # parties of one partnership share its span: the company tells their events apart
        return short_hash(self.article_id, self.event_type, self.start, self.end, self.company_name)
