"""A news web page → its article: charset, main text (trafilatura), title, publication date
(htmldate: JSON-LD `datePublished`, `article:published_time`, `og:` tags, the visible dateline, the
URL), publisher, author and canonical URL.

Decoding happens where the page is read (`decode_page`: bytes → text, damage reported as for text
files); the main text is extracted when the record is segmented (`page_record`), in a worker process,
because trafilatura costs several times more per page than all of the fact extraction.
Besides trafilatura's own boilerplate rules, the blocks that Korean news sites name in their own words
(photo captions, related-article and ranking boxes) are cut first (`etl/rules/web.toml`).
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from etl.ingest.decode import SAMPLE_BYTES, Damage, decode_reporting, detect_encoding_of
from etl.records import Skipped, SourceRecord

RULES = Path(__file__).resolve().parents[1] / "rules" / "web.toml"
EXSLT_REGEX = "http://exslt.org/regular-expressions"
SUFFIXES = (".html", ".htm", ".xhtml")
# a page whose main text has a smaller share of Hangul among its letters is not a Korean article
MIN_HANGUL_SHARE = 0.3
# the charset declaration is looked for in the page's first bytes (browsers look in 1,024; Korean
# pages often carry long <head>s of scripts before it)
DECLARATION_BYTES = 16_384
# WHATWG: every label of EUC-KR means windows-949, its superset (똠, 햏, … exist only there)
_KOREAN_LEGACY = {"euc_kr", "cp949", "ks_c_5601_1987", "uhc", "iso2022_kr"}
# servers send these by default without looking at the page: never trusted over the bytes themselves
_DEFAULT_CHARSETS = {"latin_1", "iso8859_1", "cp1252", "ascii"}
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
SKIP_NOT_KOREAN = "not a Korean page (little Hangul in its main text)"
SKIP_NO_TEXT = "no main text found in the page"
SKIP_LISTING = "a list of headlines, not an article"
# a page whose main text is mostly list items is a section or index page
MAX_LIST_SHARE = 0.5
# a line of the main text that is the whole text of a link (a menu item, a headline pointing to another
# story) or of a list item that is no sentence (a headline box without links) is not the article's
MIN_HEADLINE_CHARS = 2
# prose ends its sentences with a full stop; headlines do not ("…3000만명 넘었다")
_SENTENCE_END = re.compile(r"[.!?。][\s\"'”’)\]]*$")
# a table cell holding more text than this is a page's layout, not a table of data
LAYOUT_CELL_CHARS = 200
# a heading longer than this is no list title ("관련기사", "한빛경제 주요뉴스")
MAX_LIST_TITLE_CHARS = 30
_LIST_ITEM = "- "  # how trafilatura writes a list item in its text output
MAX_BULLET_HEADLINE_CHARS = 60
_BULLETS = "▶▷►☞·•-ㆍ "


@dataclass(frozen=True, slots=True)
class Page:
    """What a news page says about its article."""

    text: str
    list_share: float = 0.0  # share of the text in list items
    title: str | None = None
    published: str | None = None  # ISO date
    publisher: str | None = None
    author: str | None = None
    url: str | None = None  # canonical


@cache
def _rules() -> dict[str, Any]:
    with RULES.open("rb") as f:
        return tomllib.load(f)


@cache
def _prune_paths() -> list[Any]:
    from lxml.etree import XPath

    return [XPath(p, namespaces={"re": EXSLT_REGEX}) for p in _rules()["prune"]]


@cache
def _list_title() -> re.Pattern[str]:
    return re.compile(_rules()["list_titles"])


@cache
def _reporter_title() -> re.Pattern[str]:
    return re.compile(_rules()["reporter_title"])


def codec_name(label: str | bytes | None) -> str | None:
    """Python's codec for a charset label, EUC-KR read as windows-949; None for unknown labels."""
    if not label:
        return None
    text = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    try:
        name = codecs.lookup(text.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return "cp949" if name in _KOREAN_LEGACY else name


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag (`charset=` or `http-equiv` Content-Type)."""
    m = _META_CHARSET.search(data[:DECLARATION_BYTES])
    return codec_name(m.group(1)) if m else None


def decode_page(data: bytes, http_charset: str | None = None) -> tuple[str, str, list[Damage]]:
    """(text, encoding, damage) of a page's bytes.

    A BOM or valid UTF-8 wins (a page in a legacy Korean encoding is never valid UTF-8); then the
    page's own declaration, then the server's; then charset-normalizer. A declaration that leaves
    more bad bytes than good characters is a wrong one and is passed over.
    """
    declared = [c for c in (declared_charset(data), codec_name(http_charset)) if c and c not in _DEFAULT_CHARSETS]
    encoding = detect_encoding_of(data[:SAMPLE_BYTES], declared=declared)
    text, damage = decode_reporting(data, encoding)
    return text, encoding, damage


def hangul_share(text: str) -> float:
    letters = sum(ch.isalpha() for ch in text)
    return len(_HANGUL.findall(text)) / letters if letters else 0.0


def _unwrap_layout_tables(tree: Any) -> None:
    """Old sites lay pages out with tables; trafilatura would render such a table as one row of text
    per row, the article's paragraphs run together in a cell. A table holding prose or other blocks is
    layout, not data: its rows and cells become plain blocks."""
    for table in list(tree.iter("table")):
        cells = list(table.iter("td", "th"))
        prose = any(len(" ".join("".join(c.itertext()).split())) > LAYOUT_CELL_CHARS for c in cells)
        if prose or table.find(".//table") is not None or table.find(".//p") is not None:
            for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                el.tag = "div"


def _prune(tree: Any) -> None:
    """Cut the blocks of web.toml, and the headline boxes that open with a list title (관련기사, …)."""
    _unwrap_layout_tables(tree)
    for path in _prune_paths():
        for el in path(tree):
            _drop(el)
    title = _list_title()
    for el in _short_blocks()(tree):
        text = " ".join("".join(el.itertext()).split())
        if el.getparent() is None or not title.match(text):
            continue
        # the headline list after the title, up to the first block that holds prose
        for sib in list(el.itersiblings()):
            if not _is_headline_list(sib):
                break
            _drop(sib)
        _drop(el)


@cache
def _short_blocks() -> Any:
    """Headings and small blocks of at most MAX_LIST_TITLE_CHARS characters (measured in lxml, not here)."""
    from lxml.etree import XPath

    tags = " or ".join(f"self::{t}" for t in ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt", "p", "span",
                                               "div", "em"))
    return XPath(f"//*[{tags}][count(*) <= 3][string-length(normalize-space(.)) <= {MAX_LIST_TITLE_CHARS}]"
                 "[string-length(normalize-space(.)) > 0]")


def _is_headline_list(el: Any) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.tag in ("ul", "ol", "dl"):
        return True
    text = " ".join("".join(el.itertext()).split())
    linked = sum(len(" ".join("".join(a.itertext()).split())) for a in el.iter("a", "li"))
    return bool(text) and linked >= 0.5 * len(text)


def _drop(el: Any) -> None:
    """Remove an element but keep the text that follows it (lxml keeps that text on the element)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail and tail.strip():
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(_BULLETS)


def _headline_texts(tree: Any) -> set[str]:
    """Texts on the page that point elsewhere: every link's, and every list item's that is no sentence."""
    links = (_squash("".join(a.itertext())) for a in tree.iter("a"))
    items = (_squash("".join(li.itertext())) for li in tree.iter("li"))
    return ({t for t in links if len(t) >= MIN_HEADLINE_CHARS}
            | {t for t in items if len(t) >= MIN_HEADLINE_CHARS and not _SENTENCE_END.search(t)})


def _lines(text: str) -> list[str]:
    squashed = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in squashed if line]


def _without_bullet_runs(lines: list[str]) -> list[str]:
    """Lines without runs of bulleted headlines (`• 삼성전자 영업이익 10조원 회복` twice or more in a
    row, none a sentence): a box of other stories written without links."""
    def headline(line: str) -> bool:
        return (line[0] in bullets and len(line) <= MAX_BULLET_HEADLINE_CHARS
                and not _SENTENCE_END.search(line))

    bullets = _rules()["headline_bullets"]
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and headline(lines[j]):
            j += 1
        if j - i >= 2:
            keep[i:j] = [False] * (j - i)
        i = max(j, i + 1)
    return [line for line, k in zip(lines, keep, strict=True) if k]


def _listing_share(lines: list[str]) -> float:
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if line.startswith(_LIST_ITEM)) / total if total else 0.0


def _person(author: str | None, site: str | None) -> tuple[str | None, str | None]:
    """(reporter, publisher) from an author credit. A credit naming the site credits no person: the
    outlet a portal serves ("한빛경제 | 포털 뉴스"), or the site's own desk ("로봇앤테크 편집부")."""
    if not author:
        return None, None
    parts = [p.strip() for p in re.split(r";|\|", author) if p.strip()]
    if site and any(site in p for p in parts):
        others = [p for p in parts if site not in p]
        return None, others[0] if others else None
    name = _reporter_title().sub("", parts[0]).strip() if parts else ""
    return name or None, None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The article a page holds (its text may be empty when the page is a list of headlines), or None
    when trafilatura finds no main text."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    headlines = _headline_texts(tree)
    _prune(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        date_extraction_params={"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%d"},
    )
    if doc is None or isinstance(doc, dict):
        return None
    lines = _lines(doc.text or "")
    list_share = _listing_share(lines)
    # without headlines (menus, ▶ links to other stories, related lists that trafilatura kept) and
    # without what they leave behind (a lone ▶)
    lines = _without_bullet_runs([line for line in lines if _squash(line) and _squash(line) not in headlines])
    if not lines and list_share <= MAX_LIST_SHARE:
        return None
    site = (doc.sitename or "").strip() or None
    reporter, outlet = _person(doc.author, site)
    return Page(text="\n".join(lines), list_share=list_share, title=(doc.title or "").strip() or None,
                published=doc.date or None, publisher=outlet or site, author=reporter, url=doc.url or url)


def page_record(rec: SourceRecord) -> SourceRecord | Skipped:
    """A page record as the article record it holds (what the record says itself takes precedence),
    or why it holds none."""
    page = extract_page(rec.body, rec.url)
    if page is None:
        return Skipped(rec.source_file, rec.record_no, SKIP_NO_TEXT)
    if page.list_share > MAX_LIST_SHARE:
        return Skipped(rec.source_file, rec.record_no, SKIP_LISTING)
    if hangul_share(page.text) < MIN_HANGUL_SHARE:
        return Skipped(rec.source_file, rec.record_no, SKIP_NOT_KOREAN)
    return replace(rec, body=page.text, is_page=False, title=rec.title or page.title,
                   published_at=rec.published_at or page.published, publisher=rec.publisher or page.publisher,
                   reporter=rec.reporter or page.author, url=page.url or rec.url)
