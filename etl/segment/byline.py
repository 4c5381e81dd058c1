"""Reading an article's byline: publisher, reporter, e-mail and dateline date.

Works on clean text (`[서울=뉴시스] 홍길동 기자 = …`, `kim@etnews.com`) and on text whose punctuation
was replaced by spaces (`서울 뉴시스 홍길동 기자`, `kim etnews com`). Publisher names and e-mail
domains are data (`etl/rules/segmentation.toml`); a byline needs neither to be read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex as re

from etl.text import fastre
from etl.text.fastre import literal_alternation

RULES = Path(__file__).resolve().parents[1] / "rules" / "segmentation.toml"

# the head and the tail of an article hold its byline, dateline and footer
HEAD_CHARS = 600
TAIL_CHARS = 400


@dataclass(frozen=True, slots=True)
class Byline:
    publisher: str | None = None
    reporter: str | None = None
    email: str | None = None
    dateline_date: date | None = None


class FirstOf:
    """The alternation `(?:P1)|(?:P2)|…` of patterns that never match the empty string, run as
    separate patterns: at each position the first pattern matching there wins, as in the
    alternation, so the matches are the same; the engine is much faster on each pattern alone
    than on the alternation (it tries every branch at every position).
    """

    def __init__(self, *patterns: tuple[re.Pattern[str], tuple[tuple[str, ...], ...]]) -> None:
        # each pattern with groups of strings: every match holds one string of each group, so where
        # a group has none of its strings from `pos` on, the pattern cannot match and is not run
        self.patterns = tuple(p for p, _ in patterns)
        # a group's strings as one literal alternation: one scan finds whether any occurs from `pos` on
        self.needs = tuple(tuple(literal_alternation(list(g)) for g in n) for _, n in patterns)

    def _search(self, k: int, text: str, pos: int) -> re.Match[str] | None:
        for group in self.needs[k]:
            if group.search(text, pos) is None:
                return None
        return self.patterns[k].search(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        best: re.Match[str] | None = None
        for k in range(len(self.patterns)):
            m = self._search(k, text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        # each pattern's next match, searched again only once the scan has passed its start
        pending = [self._search(k, text, 0) for k in range(len(self.patterns))]
        while True:
            best: re.Match[str] | None = None
            for m in pending:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            if best.end() <= best.start():
                raise ValueError("FirstOf patterns must not match the empty string")
            yield best
            pos = best.end()
            pending = [
                m if m is None or m.start() >= pos else self._search(k, text, pos) for k, m in enumerate(pending)
            ]


def _final_alternatives(pattern: str) -> tuple[str, ...]:
    """The literal words of the group a pattern ends with: `…(?:뉴스|일보)` → (뉴스, 일보)."""
    m = re.search(r"\(\?:([^()\\\[\]]*)\)$", pattern)
    if m is None:
        raise ValueError(f"pattern does not end in a group of literal words: {pattern}")
    return tuple(m.group(1).split("|"))


@dataclass(frozen=True)
class SegmentationRules:
    publishers: dict[str, str]  # surface -> canonical
    email_domains: dict[str, str]
    footer: re.Pattern[str]
    caption_footer: re.Pattern[str]
    summary_header: re.Pattern[str]
    email: re.Pattern[str]
    email_scan: FirstOf  # `email` as separate patterns: faster for scans of text that holds few e-mails
    byline: re.Pattern[str]
    glued_byline: re.Pattern[str]
    glued_widget: re.Pattern[str]
    page_start: re.Pattern[str]
    page_tail: re.Pattern[str]
    dateline: FirstOf
    caption_credit: re.Pattern[str]
    photo_marker: re.Pattern[str]
    publisher_re: re.Pattern[str]
    generic_publisher: re.Pattern[str]
    publisher_before_footer: re.Pattern[str]
    publisher_lead: re.Pattern[str]
    publisher_copyright: re.Pattern[str]


# the domain endings a stripped e-mail pattern requires after a space: `… (?:co kr|or kr|com)`
_STRIPPED_DOMAINS = re.compile(r" \(\?:((?:[a-z]+(?: [a-z]+)?\|)*[a-z]+(?: [a-z]+)?)\)")


def _email_needs(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Strings one of which every match of an e-mail pattern holds: its `@`, or a stripped one's spaced
    domain ending. Most text holds none, and a search for them costs far less than the pattern's."""
    if "@" in pattern:
        return (("@",),)
    m = _STRIPPED_DOMAINS.search(pattern)
    return (tuple(f" {w}" for w in m.group(1).split("|")),) if m else ()


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def rules() -> SegmentationRules:
    data: dict[str, Any] = tomllib.loads(RULES.read_text(encoding="utf-8"))
    publishers = {s: canon for canon, surfaces in data["publishers"].items() for s in surfaces}
    pub_alt = "|".join(re.escape(s) for s in sorted(publishers, key=len, reverse=True))
    pat = data["patterns"]
    # `fastre` (the stdlib engine) for the patterns it runs faster: those that try a Hangul word at
    # every position (datelines, publisher names before a byline); `regex` for those it narrows to a
    # required literal first (`기자`, `제공`), where it is the faster one
    return SegmentationRules(
        publishers=publishers,
        email_domains=dict(data["email_domains"]),
        footer=re.compile(_alt(pat["footer"])),
        caption_footer=re.compile(_alt(pat["caption_footer"])),
        summary_header=re.compile(_alt(pat["summary_header"])),
        email=re.compile(_alt(pat["email"])),
        email_scan=FirstOf(*((re.compile(p), _email_needs(p)) for p in pat["email"])),
        byline=fastre.compile(pat["byline"]),
        glued_byline=re.compile(pat["glued_byline"]),
        glued_widget=re.compile(pat["glued_widget"]),
        page_start=re.compile(_alt(pat["page_start"])),
        page_tail=re.compile(_alt(pat["page_tail"])),
        dateline=FirstOf(
            (fastre.compile(f"(?:{pat['dateline'].replace('PUBLISHERS', pub_alt)})"), (tuple(publishers),)),
            # a generic dateline holds a publisher word (…뉴스, …일보) and ends at `<name> 기자` or `=`
            (
                fastre.compile(f"(?:{pat['dateline_generic'].replace('GENERIC', pat['generic_publisher'])})"),
                (_final_alternatives(pat["generic_publisher"]), ("기자", "=")),
            ),
        ),
        publisher_lead=fastre.compile(pat["publisher_lead"]),
        publisher_copyright=fastre.compile(pat["publisher_copyright"]),
        publisher_before_footer=re.compile(
            f"(?<![가-힣A-Za-z0-9])(?:{pat['generic_publisher']})(?=\\s*(?:ⓒ|©)?\\s*(?:{_alt(pat['footer'])}))"
        ),
        generic_publisher=fastre.compile(
            f"(?<![가-힣A-Za-z0-9])(?:{pat['generic_publisher']})(?:인터넷)?(?=\\s+[가-힣]{{2,4}}\\s?기자)"
        ),
        caption_credit=re.compile(pat["caption_credit"], re.M),
        photo_marker=re.compile(pat["photo_marker"]),
        publisher_re=re.compile(f"(?<![가-힣A-Za-z])(?:{pub_alt})(?![가-힣A-Za-z])"),
    )


_INTERNET_END = re.compile(r"인터넷$")
_SPACES = re.compile(r"\s+")
_EMAIL_SEPARATORS = re.compile(r"[\s@.]+")
_NOT_REPORTER = frozenset({"사진", "취재", "영상", "객원", "전문", "인턴", "선임", "수석", "담당"})
_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d\d)\s?[.\-/ ]\s?(\d{1,2})\s?[.\-/ ]\s?(\d{1,2})(?![\d])(?!\s*(?:년|월|일|억|만|명|개|위|%))"
)
_DATE_KO = fastre.compile(r"(?:입력|등록|송고|기사입력|승인)\s*:?\s*((?:19|20)\d\d)년?\s*(\d{1,2})월?\s*(\d{1,2})일?")


def _safe_date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def canonical_publisher(surface: str) -> str:
    """Known publishers by their canonical name; an unknown one as written (`…인터넷` dropped)."""
    surface = surface.strip()
    known = rules().publishers
    if surface in known:
        return known[surface]
    return _INTERNET_END.sub("", surface)


def email_publisher(addr: str) -> str | None:
    """Publisher of an e-mail (clean or stripped) from its domain label."""
    domains = rules().email_domains
    parts = _EMAIL_SEPARATORS.split(addr.strip().lower())
    for label in parts[1:] if len(parts) > 2 else parts:
        if label in domains:
            return domains[label]
    return None


def normalize_email(addr: str) -> str | None:
    """`kyo etnews com` → `kyo@etnews.com`; a bare domain remnant (`mk co kr`) gives None."""
    addr = addr.strip()
    if "@" in addr:
        return _SPACES.sub("", addr)
    parts = addr.split()
    if len(parts) < 3 or (parts[-2:] == ["co", "kr"] and len(parts) < 4):
        return None
    if parts[-2] in ("co", "or") and parts[-1] == "kr":
        return f"{parts[0]}@{'.'.join(parts[1:])}"
    return f"{parts[0]}@{'.'.join(parts[1:])}"


def find_dateline_date(text: str) -> date | None:
    """The article's own date: a full Y.M.D (or `입력 2022-07-05`) in its head or tail."""
    regions = [text[:HEAD_CHARS], text[-TAIL_CHARS:]] if len(text) > HEAD_CHARS else [text]
    for region in regions:
        for m in _DATE_KO.finditer(region):
            d = _safe_date(*m.groups())
            if d:
                return d
        for m in _DATE.finditer(region):
            d = _safe_date(*m.groups())
            if d:
                return d
    return None


# Segmentation (or ingest) reads the byline of every article of a record, then fact extraction
# reads it again per article: the recent ones are kept (a dump holds up to a few hundred articles).
# Only bodies up to CACHED_BODY_CHARS are kept, so the cache stays small however long articles get.
BYLINE_CACHE_SIZE = 512
CACHED_BODY_CHARS = 10_000


def read_byline(body: str) -> Byline:
    """Publisher, reporter, e-mail and dateline date of one article's text (any may be None)."""
    return _cached_byline(body) if len(body) <= CACHED_BODY_CHARS else _safe_byline(body)


@lru_cache(maxsize=BYLINE_CACHE_SIZE)
def _cached_byline(body: str) -> Byline:
    return _safe_byline(body)


def _safe_byline(body: str) -> Byline:
    try:
        return _read_byline(body)
    except Exception:  # metadata is best effort; never sink the article
        return Byline()


@cache
def _publisher_surfaces() -> tuple[str, ...]:
    """The publisher spellings as one tuple for `str.endswith` (built once, not per byline)."""
    return tuple(rules().publishers)


def _read_byline(body: str) -> Byline:
    r = rules()
    head = body[:HEAD_CHARS]
    tail = body[-TAIL_CHARS:]
    publisher = reporter = email = None
    m = r.dateline.search(head) or r.publisher_lead.search(head) or r.publisher_copyright.search(tail)
    if m:
        publisher = canonical_publisher(m.group("pub"))
    for region in (head, tail):
        for bm in r.byline.finditer(region):
            name = bm.group(1)
            if name in _NOT_REPORTER or name.endswith(_publisher_surfaces()):
                continue
            reporter = reporter or name
            # the publisher written just before the reporter: "전자신문인터넷 구교현 기자"
            before = region[max(0, bm.start() - 20) : bm.start()]
            pm = list(r.publisher_re.finditer(before)) or list(
                r.generic_publisher.finditer(before + " " + name + " 기자")
            )
            if pm and not publisher:
                publisher = canonical_publisher(pm[-1].group())
    # the reporter's e-mail closes the article; one in the head is often a photo credit's
    for region in (tail, head):
        for em in r.email_scan.finditer(region):
            found = normalize_email(em.group())
            email = email or found
            if not publisher:
                publisher = email_publisher(em.group())
            if not publisher:
                around = region[max(0, em.start() - 25) : em.start()]
                pm = list(r.publisher_re.finditer(around))
                if pm:
                    publisher = canonical_publisher(pm[-1].group())
    if not publisher:
        for fm in r.footer.finditer(tail):
            around = tail[max(0, fm.start() - 40) : fm.end()]
            pm = list(r.publisher_re.finditer(around)) or list(r.publisher_before_footer.finditer(around))
            if pm:
                publisher = canonical_publisher(pm[-1].group())
    return Byline(publisher, reporter, email, find_dateline_date(body))
