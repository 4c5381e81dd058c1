"""News web pages → articles: main text without the page around it, metadata, charsets.

The pages in `web/` are ours, in the layouts of several kinds of sites: a portal's news view, a
newspaper CMS `articleView` (EUC-KR, declared), a mobile page (EUC-KR, undeclared, JSON-LD), an old
table-laid site (EUC-KR as ks_c_5601-1987, an unlinked headline box inside the article; it is the
sample's `etl/sample/web/onnuri-oldsite-euckr.html`, which the demo loads too), a wire copy
on a blog-engine site, a section page and an English page. Each carries related-headline boxes,
captions, menus, comments and footers whose numbers must never reach the article or its facts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.ingest import read_file
from etl.ingest.webpage import SKIP_LISTING, SKIP_NOT_KOREAN, codec_name, declared_charset, decode_page
from etl.pipeline import analyze, articles_from_record
from etl.records import Article, Reject, Skipped, SourceRecord

WEB = Path(__file__).parent / "web"
SAMPLE_WEB = Path(__file__).parents[2] / "etl" / "sample" / "web"  # pages the demo loads too


def _page_file(name: str) -> Path:
    return WEB / name if (WEB / name).exists() else SAMPLE_WEB / name

# page → title, date, publisher, reporter, canonical URL, first and last words of the body
PAGES = {
    "portal-view.html": (
        "새빛로지스, 1분기 영업이익 48억원…1년 새 두 배", date(2024, 5, 14), "한빛경제", "이도현",
        "https://news.portal.example/article/031/0000812345",
        "물류 자동화 로봇 기업 새빛로지스가", "이도현 기자 dohyun@hanbit-econ.example"),
    "articleview-euckr.html": (
        "다솜정밀, 지난해 매출 1530억원…감속기 수출 호조", date(2024, 2, 20), "산업경제신문", "박준서",
        "http://www.sanupnews.example/news/articleView.html?idxno=204518",
        "[산업경제신문 박준서 기자] 산업용 로봇 감속기", "박준서 기자 jspark@sanupnews.example"),
    "mobile-euckr-undeclared.html": (
        "새빛로지스, 1분기 영업이익 48억원…1년 새 두 배", date(2024, 5, 14), "한빛경제", "이도현",
        "https://www.hanbit-econ.example/news/view.php?no=2024051409310",
        "물류 자동화 로봇 기업 새빛로지스가", "이도현 기자 dohyun@hanbit-econ.example"),
    "onnuri-oldsite-euckr.html": (
        "[경제] 온누리제약, 작년 순이익 212억원…3년 만에 최대", date(2011, 3, 8), "대한경제일보", "한상우", None,
        "[대한경제일보 한상우 기자] 전문의약품 제조사", "한상우 기자 swhan@dhkyungje.example"),
    "wire-copy.html": (
        "다솜정밀, 지난해 매출 1530억원…감속기 수출 늘어", date(2024, 2, 20), "로봇앤테크", "김민지",
        "https://robotntech.example/2024/02/20/dasom-precision-2023/",
        "(서울=한빛통신) 김민지 기자 = 산업용", "mjkim@hanbit-wire.example"),
}

# what the pages hold around the article: none of it may reach a body (related and most-read
# headlines, in-body "▶" links, photo captions, menus, comments, footers, buttons)
NOT_ARTICLE = (
    "삼성전자 영업이익 10조원", "LG에너지솔루션 1분기 매출", "현대차 영업이익 3조5000억원", "카카오 직원 4000명",
    "SK하이닉스 1분기 매출", "네이버 영업이익 4393억원", "쿠팡 이용자 3000만명", "두산로보틱스 매출 530억원",
    "현대차 지난해 매출 162조원", "HD현대 직원 3만명", "로봇 감속기 시장 5조원", "영업이익 3배로…올해 150억원",
    "국내 로봇 시장 7조원", "레인보우로보틱스 영업이익", "협동로봇 판매 1만대", "직원 150명으로 늘려",
    "300여명", "직원 600명 앞에서", "주가도 5만원", "직원 268명이면", "매출 2000억원이면", "엔지니어가 몇 명",
    "정치", "로그인", "개인정보처리방침", "이용약관", "대표전화", "등록번호", "좋아요", "공유하기", "PC버전",
    "글씨키우기", "이 글 공유하기", "이전 글", "최근 글", "이 기사를 추천합니다",
    "대웅제약 영업이익 510억원", "셀트리온 매출 1800억원", "한미약품 직원 2000명", "영업이익 400억원 목표",
    "제약업계 매출 20조원", "LG전자 매출 55조원", "900여명", "사이트맵", "기사입력",
)

# facts each page's article must keep (company, metric, value)
FACTS = {
    "portal-view.html": [("새빛로지스", "revenue", 41_200_000_000), ("새빛로지스", "operating_profit", 4_800_000_000),
                         ("새빛로지스", "net_income", 3_600_000_000), ("새빛로지스", "headcount", 268)],
    "articleview-euckr.html": [("다솜정밀", "revenue", 153_000_000_000),
                               ("다솜정밀", "operating_profit", -3_500_000_000),
                               ("다솜정밀", "net_income", 7_100_000_000), ("다솜정밀", "headcount", 420)],
    "mobile-euckr-undeclared.html": [("새빛로지스", "revenue", 41_200_000_000), ("새빛로지스", "headcount", 268)],
    "onnuri-oldsite-euckr.html": [("온누리제약", "net_income", 21_200_000_000),
                                 ("온누리제약", "revenue", 289_000_000_000),
                                 ("온누리제약", "operating_profit", 30_500_000_000), ("온누리제약", "headcount", 1140)],
    "wire-copy.html": [("다솜정밀", "revenue", 153_000_000_000), ("다솜정밀", "headcount", 420)],
}


def page_articles(path: Path) -> list[Article | Reject | Skipped]:
    out: list[Article | Reject | Skipped] = []
    for item in read_file(path):
        out.extend(articles_from_record(item) if isinstance(item, SourceRecord) else [item])
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_becomes_its_article(name: str) -> None:
    title, published, publisher, reporter, url, first, last = PAGES[name]
    [art] = page_articles(_page_file(name))
    assert isinstance(art, Article), art
    assert (art.title, art.published_date, art.publisher, art.reporter, art.url) == (
        title, published, publisher, reporter, url)
    assert art.body.startswith(first)
    assert last in art.body.splitlines()[-3:]
    assert not art.warnings
    leaked = [t for t in NOT_ARTICLE if t in art.body]
    assert not leaked, leaked


@pytest.mark.parametrize("name", sorted(FACTS))
def test_page_facts_come_from_the_article_only(name: str) -> None:
    [art] = page_articles(_page_file(name))
    assert isinstance(art, Article)
    facts = analyze(art).facts
    found = {(f.company_name, f.metric, f.value) for f in facts}
    assert set(FACTS[name]) <= found
    from_boxes = [f.evidence for f in facts if any(t in f.evidence for t in NOT_ARTICLE)]
    assert not from_boxes


@pytest.mark.parametrize(("name", "reason"), [("section-list.html", SKIP_LISTING),
                                              ("english-page.html", SKIP_NOT_KOREAN)])
def test_pages_without_a_korean_article_are_skipped(name: str, reason: str) -> None:
    assert page_articles(_page_file(name)) == [Skipped(str(_page_file(name)), 0, reason)]


# --- charsets: what the bytes are, what the page or the server says, what must be read ------------

TEXT = "다솜정밀은 지난해 매출 1530억원을 기록했다. 똠방각하 햏 커뮤니티 이용자 2만명."  # 똠, 햏: CP949 only


def _page(charset_meta: str, body: str = TEXT) -> str:
    return f"<html><head>{charset_meta}<title>제목</title></head><body><p>{body}</p></body></html>"


CHARSETS = [
    # (page text, bytes encoding, HTTP charset) → the codec the page must be read with
    (_page('<meta charset="utf-8">'), "utf-8", None, "utf_8"),
    (_page('<meta charset="euc-kr">'), "cp949", None, "cp949"),
    (_page('<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">'), "cp949", None, "cp949"),
    (_page('<meta charset="ks_c_5601-1987">'), "cp949", None, "cp949"),
    (_page(""), "cp949", None, "cp949"),                              # undeclared
    (_page('<meta charset="utf-8">'), "cp949", None, "cp949"),        # declared wrong: the bytes win
    (_page('<meta charset="euc-kr">'), "utf-8", None, "utf_8"),       # declared wrong the other way
    (_page(""), "cp949", "ISO-8859-1", "cp949"),                      # a server's default is no declaration
    (_page(""), "cp949", "euc-kr", "cp949"),                          # the server's header
]


@pytest.mark.parametrize(("html", "encoding", "http_charset", "expected"), CHARSETS)
def test_page_charset(html: str, encoding: str, http_charset: str | None, expected: str) -> None:
    text, used, damage = decode_page(html.encode(encoding), http_charset)
    assert codec_name(used) == expected
    assert TEXT in text and not damage


def test_charset_labels() -> None:
    assert declared_charset(b'<meta http-equiv="content-type" content="text/html;charset=euc-kr">') == "cp949"
    assert declared_charset(b"<meta charset='UTF-8'>") == "utf_8"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None
    assert codec_name("x-unknown-charset") is None


# --- the measurement pages (etl/synth/web.py) read back to their article, and nothing planted --------

@pytest.mark.parametrize("layout", ["portal", "cms", "mobile"])
@pytest.mark.parametrize(("charset", "declared"), [("utf-8", True), ("euc-kr", True), ("euc-kr", False)])
def test_wrapped_page_reads_back(layout: str, charset: str, declared: bool) -> None:
    import random

    from etl.ingest.webpage import page_record
    from etl.synth.web import wrap

    paragraphs = ["다솜정밀은 지난해 매출 1530억원을 기록했다고 20일 밝혔다.", "영업이익은 96억원으로 흑자로 돌아섰다.",
                  "다솜정밀의 임직원은 지난해 말 기준 420명이다.", "회사는 올해 구미에 두 번째 공장을 짓는다."]
    page = wrap("\n".join(paragraphs), layout=layout, rng=random.Random(3), published=date(2024, 2, 20),
                title="다솜정밀, 지난해 매출 1530억원", charset=charset, declare_charset=declared)
    text, _, damage = decode_page(page.html)
    rec = page_record(SourceRecord("p.html", 0, text, is_page=True))
    assert isinstance(rec, SourceRecord) and not damage
    assert [line for line in rec.body.splitlines() if line in paragraphs] == paragraphs
    assert (rec.title, rec.published_at) == ("다솜정밀, 지난해 매출 1530억원", "2024-02-20")
    assert not [p for p in page.planted if p in rec.body]
    assert not [line for line in rec.body.splitlines() if not line.strip("▶·- ")]
