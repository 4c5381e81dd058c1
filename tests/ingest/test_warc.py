"""Web archives: every HTML response is a page through the same path as a page file; every other
record is skipped and counted, never rejected one by one. The archives are built here from our pages."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl import pipeline
from etl.ingest import read_file
from etl.ingest.warc import SKIP_NOT_HTML
from etl.ingest.webpage import SKIP_LISTING, SKIP_NOT_KOREAN
from etl.records import Article, Reject, Skipped, SourceRecord
from etl.synth.web import Response, write_warc

WEB = Path(__file__).parent / "web"
DESKTOP = "http://www.sanupnews.example/news/articleView.html?idxno=204518"
WIRE = "https://robotntech.example/2024/02/20/dasom-precision-2023/"
MOBILE = "https://m.hanbit-econ.example/news/view.php?no=2024051409310"


def _page(name: str, url: str, charset: str | None = None) -> Response:
    return Response(url, (WEB / name).read_bytes(), charset=charset)


RESPONSES = [
    _page("articleview-euckr.html", DESKTOP),
    _page("wire-copy.html", WIRE, charset="utf-8"),
    _page("mobile-euckr-undeclared.html", MOBILE),
    _page("english-page.html", "https://www.industryherald.example/dasom"),
    _page("section-list.html", "http://www.sanupnews.example/news/articleList.html"),
    Response("http://www.sanupnews.example/robots.txt", b"User-agent: *\n", "text/plain"),
    Response("http://www.sanupnews.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(32), "image/png"),
    Response("http://www.sanupnews.example/gone", b"<html><body>not found</body></html>", status=404),
    Response("http://www.sanupnews.example/old", b"<html><body>moved</body></html>", status=301),
]
# warcinfo + a request before each response
EXPECTED_SKIPS = {"WARC warcinfo record": 1, "WARC request record": len(RESPONSES), SKIP_NOT_HTML: 2,
                  "HTTP status 4xx": 1, "HTTP status 3xx": 1}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    with path.open("wb") as f:
        write_warc(f, RESPONSES)
    return path


def test_archive_records_are_pages_or_counted_skips(archive: Path) -> None:
    items = list(read_file(archive))
    pages = [i for i in items if isinstance(i, SourceRecord)]
    assert [p.source_id for p in pages] == [DESKTOP, WIRE, MOBILE, "https://www.industryherald.example/dasom",
                                            "http://www.sanupnews.example/news/articleList.html"]
    assert all(p.is_page for p in pages)
    assert not [i for i in items if isinstance(i, Reject)]
    assert Counter(i.reason for i in items if isinstance(i, Skipped)) == EXPECTED_SKIPS
    # the records are numbered in archive order, whatever became of them
    assert sorted(i.record_no for i in items) == list(range(1, len(items) + 1))


def test_archived_pages_read_like_page_files(archive: Path) -> None:
    out = [a for rec in read_file(archive) if isinstance(rec, SourceRecord) for a in pipeline.articles_from_record(rec)]
    articles = [a for a in out if isinstance(a, Article)]
    assert [(a.source_id, a.title, a.publisher) for a in articles] == [
        (DESKTOP, "다솜정밀, 지난해 매출 1530억원…감속기 수출 호조", "산업경제신문"),
        (WIRE, "다솜정밀, 지난해 매출 1530억원…감속기 수출 늘어", "로봇앤테크"),
        (MOBILE, "새빛로지스, 1분기 영업이익 48억원…1년 새 두 배", "한빛경제"),
    ]
    # the canonical URL the page names, not the address it was fetched from
    assert articles[2].url == "https://www.hanbit-econ.example/news/view.php?no=2024051409310"
    assert sorted(s.reason for s in out if isinstance(s, Skipped)) == sorted([SKIP_LISTING, SKIP_NOT_KOREAN])


def test_uncompressed_archive_and_truncated_archive(tmp_path: Path, archive: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(archive.read_bytes()))
    assert sum(isinstance(i, SourceRecord) for i in read_file(plain)) == 5
    cut = tmp_path / "cut.warc"
    data = plain.read_bytes()
    # cut in the middle of the wire copy's page: the page is rejected with the reason, not read half
    cut.write_bytes(data[: data.index("협동로봇용".encode(), data.index(b"WARC-Target-URI: " + WIRE.encode()))])
    items = list(read_file(cut))
    assert sum(isinstance(i, SourceRecord) for i in items) == 1
    [reject] = [i for i in items if isinstance(i, Reject)]
    assert reject.reason.startswith("truncated WARC record") and reject.excerpt == WIRE


def test_run_counts_skips_and_links_republished_stories(tmp_path: Path, archive: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    archive_copy = inputs / archive.name
    archive_copy.write_bytes(archive.read_bytes())
    (inputs / "portal-view.html").write_bytes((WEB / "portal-view.html").read_bytes())
    wh = tmp_path / "w.duckdb"
    summary = pipeline.run([inputs], wh)
    assert summary.records_rejected == 0
    assert summary.articles_new == 4
    assert summary.skip_reasons == {**EXPECTED_SKIPS, SKIP_LISTING: 1, SKIP_NOT_KOREAN: 1}
    assert summary.records_skipped == sum(summary.skip_reasons.values())
    con = duckdb.connect(str(wh), read_only=True)
    try:
        assert con.execute("select records_skipped from raw.runs").fetchall() == [(summary.records_skipped,)]
        # the wire copy and the CMS article are one story, and so are the portal view (a file: no
        # source id) and the mobile page; published the same day, either may be the original
        links = con.execute("select d.source_id, o.source_id from dim_article d "
                            "join dim_article o on d.duplicate_of = o.article_id").fetchall()
        assert len(links) == 2
        assert set(map(frozenset, links)) == {frozenset({WIRE, DESKTOP}), frozenset({MOBILE, None})}
        # their facts stay visible, and support a figure once
        assert con.execute("select count(distinct article_id) from fct_metric_observation where company_name "
                           "= '다솜정밀' and metric = 'revenue' and value = 153000000000").fetchall() == [(2,)]
        assert con.execute("select n_articles from fct_company_metric where company_name = '다솜정밀' "
                           "and metric = 'revenue' and period_year = 2023").fetchall() == [(1,)]
    finally:
        con.close()
