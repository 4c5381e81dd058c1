"""Articles as a crawler finds them: news-site pages (`pages.toml`: portal view, newspaper CMS
`articleView`, mobile page) and web archives of them. For the web-page benchmark and measurements
(`scripts/bench.py`, `scripts/wrap_news_pages.py`) and the tests' archives.

Every page carries menus, a photo caption, related-headline boxes and a footer whose numbers
(`삼성전자 영업이익 10조3721억원`) must never become facts; `Wrapped.planted` lists those headlines and
captions so a measurement can check that none of them reached the warehouse.
"""

from __future__ import annotations

import html
import json
import random
import tomllib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, BinaryIO

PAGES = Path(__file__).parent / "pages.toml"
LAYOUTS = ("portal", "cms", "mobile")
SITES = ("한빛경제", "산업경제신문", "테크데일리", "머니투데이뷰", "이음뉴스")
REPORTERS = ("이도현", "박준서", "김민지", "최유진", "정하나", "오세훈")


@cache
def _pages() -> dict[str, Any]:
    with PAGES.open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A page: its bytes, the charset they are in, and the trap texts it holds beside the article."""

    html: bytes
    charset: str
    url: str
    planted: tuple[str, ...] = field(default=())


def _fill(pattern: str, rng: random.Random, company: str) -> str:
    return pattern.format(c=company, t=rng.randint(1, 80), e=rng.randint(100, 9999), q=rng.randint(1, 4),
                          p=rng.randint(3, 60), n=rng.randint(120, 48000), m=rng.randint(50, 3000))


def headlines(rng: random.Random, k: int) -> list[str]:
    """k number-bearing headlines of other stories (big companies' results)."""
    h = _pages()["headlines"]
    return [_fill(rng.choice(h["patterns"]), rng, rng.choice(h["companies"])) for _ in range(k)]


def caption(rng: random.Random) -> str:
    h = _pages()["headlines"]
    return _fill(rng.choice(h["captions"]), rng, rng.choice(h["companies"]))


def wrap(body: str, *, layout: str, rng: random.Random, title: str | None = None, published: date | None = None,
         url: str | None = None, charset: str = "utf-8", declare_charset: bool = True) -> Wrapped:
    """An article (body paragraphs split on line breaks) as a page of `layout` in `charset`.

    Characters the charset cannot hold are written as HTML character references, as legacy sites do.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r} (one of {', '.join(LAYOUTS)})")
    pages = _pages()
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    title = title or (paragraphs[0][:80] if paragraphs else "")
    site, reporter = rng.choice(SITES), rng.choice(REPORTERS)
    url = url or f"https://news.example/{layout}/{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}"
    related, popular, cap = headlines(rng, 3), headlines(rng, 3), caption(rng)
    esc = html.escape

    def items(kind: str, texts: list[str]) -> str:
        return "".join(Template(pages["related_item"][kind]).substitute(n=rng.randint(1000, 99999), headline=esc(t))
                       for t in texts)

    blocks = [Template(pages["paragraph"][layout]).substitute(text=esc(p)) for p in paragraphs]
    inline: list[str] = []
    if layout == "cms":
        inline = related[:2]
        box = Template(pages["inline_related"]["cms"]).substitute(items=items("cms", inline))
        blocks.insert(len(blocks) // 2, box)
    elif layout == "mobile":
        inline = related[:1]
        blocks.insert(len(blocks) // 2, Template(pages["inline_related"]["mobile"]).substitute(
            n=rng.randint(1000, 99999), headline=esc(inline[0])))
    # an article without a date gets none on its page either
    date_iso = f"{published.isoformat()}T09:00:00+09:00" if published else ""
    date_text = f"{published:%Y.%m.%d} 09:00" if published else ""
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         **({"datePublished": date_iso} if published else {}),
                         "author": {"@type": "Person", "name": reporter},
                         "publisher": {"@type": "Organization", "name": site}}, ensure_ascii=False)
    declared = {"portal": f'<meta charset="{charset}">',
                "cms": f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
                "mobile": f'<meta charset="{charset}">'}[layout]
    page = Template(pages["layouts"][layout]).substitute(
        charset_meta=declared if declare_charset else "", title=esc(title), site=esc(site), url=esc(url),
        date_iso=date_iso, date_text=date_text,
        reporter=reporter, paragraphs="\n".join(blocks), related=items("portal", related),
        popular=items("portal" if layout != "cms" else "mobile", popular), caption=esc(cap),
        jsonld=jsonld.replace("</", "<\\/"))
    return Wrapped(page.encode(charset, errors="xmlcharrefreplace"), charset, url,
                   (*related, *popular, cap))


# ------------------------------------------------------------------------------------------------
# web archives


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response to archive."""

    url: str
    body: bytes
    content_type: str = "text/html"
    charset: str | None = None  # sent in the Content-Type header when given
    status: int = 200


def _http(r: Response) -> bytes:
    ctype = r.content_type + (f"; charset={r.charset}" if r.charset else "")
    reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found", 500: "Internal Server Error"}.get(r.status, "")
    head = f"HTTP/1.1 {r.status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(r.body)}\r\n\r\n"
    return head.encode("ascii") + r.body


def write_warc(out: BinaryIO, responses: Iterable[Response], *, with_requests: bool = True) -> int:
    """Write a WARC (gzip-compressed, one member per record, as crawlers write them) of `responses`,
    each after the request that fetched it (as Common Crawl archives do). Returns records written."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    def record(kind: Any, url: str | None, payload: bytes, content_type: str) -> None:
        rec = WarcRecord()
        rec.init_headers(record_type=kind)
        if url:
            rec.headers["WARC-Target-URI"] = url
        rec.headers["Content-Type"] = content_type
        rec.set_bytes_content(payload)
        # one gzip member per record: readers can seek to any record
        member = GzipWriter(out)
        rec.write(member)
        member.close()

    n = 1
    record(WarcRecordType.warcinfo, None, b"software: newsfacts synth\r\nformat: WARC File Format 1.1\r\n",
           "application/warc-fields")
    for r in responses:
        if with_requests:
            host = r.url.split("/")[2] if "://" in r.url else ""
            request = f"GET /{r.url.split('/', 3)[-1] if host else r.url} HTTP/1.1\r\nHost: {host}\r\n\r\n"
            record(WarcRecordType.request, r.url, request.encode("utf-8"), "application/http; msgtype=request")
            n += 1
        record(WarcRecordType.response, r.url, _http(r), "application/http; msgtype=response")
        n += 1
    return n
