"""Rebuild the bundled sample's web archive, etl/sample/web/pages.warc.gz, from our test pages.

    .venv/bin/python scripts/make_sample_warc.py

It holds what a crawl of news sites holds besides articles: the 다솜정밀 article of a newspaper CMS
(EUC-KR), its wire copy on another site (a near-duplicate), an English page and a section page (both
skipped: not Korean, a list of headlines), a robots.txt and an image (not HTML), a 404 and the request
records before each response (all skipped and counted).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.synth.web import Response, write_warc  # noqa: E402

PAGES = ROOT / "tests" / "ingest" / "web"
OUT = ROOT / "etl" / "sample" / "web" / "pages.warc.gz"


def responses() -> list[Response]:
    def page(name: str, url: str, charset: str | None = None) -> Response:
        return Response(url, (PAGES / name).read_bytes(), charset=charset)

    return [
        page("articleview-euckr.html", "http://www.sanupnews.example/news/articleView.html?idxno=204518"),
        Response("http://www.sanupnews.example/image/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(48), "image/png"),
        page("wire-copy.html", "https://robotntech.example/2024/02/20/dasom-precision-2023/", "utf-8"),
        page("english-page.html", "https://www.industryherald.example/dasom-precision-record-sales"),
        page("section-list.html", "http://www.sanupnews.example/news/articleList.html?sc_section_code=S1N1"),
        Response("http://www.sanupnews.example/robots.txt", b"User-agent: *\nDisallow: /member/\n", "text/plain"),
        Response("http://www.sanupnews.example/news/articleView.html?idxno=1", b"<html><body>404</body></html>",
                 status=404),
    ]


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as f:
        n = write_warc(f, responses())
    print(f"wrote {n} records to {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
