"""Splitting raw news dumps into articles.

Boundaries, strongest first:
1. copyright footers (`무단전재 및 재배포 금지`) and closing bylines (`홍길동 기자 kim etnews com`,
   a reporter line ending its line): the article ends after them and after the tail material that
   sticks to them (publisher, e-mail, more footers);
2. headers that open an article (`기사내용 요약`, a `[서울=뉴시스]` dateline) once the text before
   has a body of its own;
3. a photo caption ending in `… 제공` at a line end, when the text after it is about other companies;
4. with no cue at all, a shift of subject: the companies of the text before never recur after, and
   those after never occurred before.
Weak cues (photo-credit footers `재판매 및 DB 금지`, datelines) inside an article's header block
(summary, caption) do not split, since no body precedes them.
"""

from __future__ import annotations

import itertools
import re as stdre
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import accumulate

import regex as re

from etl.budget import cut_points
from etl.facts.metrics import facts_rules
from etl.records import CompanyMention
from etl.segment.byline import read_byline, rules
from etl.text.fastre import literal_alternation
from etl.text.sentences import Sentence, split_sentences

# a text piece needs this many sentence-final sentences to count as an article body
MIN_BODY_SENTENCES = 3
# the subject-shift test looks at this many sentences on each side
SHIFT_WINDOW = 8
# a sentence whose first new company name starts within this many characters opens an article
LEAD_REACH = 60
# the left's top company must not recur within this many sentences after a cut
FAR_WINDOW = 12

_FINAL_SENT = re.compile(r"(?:다|죠|요|니다)[\s\"'”’.!?]*$")
_TAIL_JUNK = re.compile(r"[\s<>\[\]()ⓒ©=|\-]*")
# (patterns used per cue are compiled once here: `re.match(str, …)` pays a cache lookup per call)
_CLOSING = re.compile(r"[\s>\])]*")
_OPENING_EQUALS = re.compile(r"\s*=")
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
_GLUED_WORD = re.compile(r"[가-힣A-Z0-9][가-힣A-Za-z]")
_PARTICLE = re.compile(r"(?:으로|로|에|을|를|이|가|은|는|의|와|과|도)(?![가-힣])")
_CREDIT = re.compile(r"([^\s=()]+)\s*제공")
_CLAUSE_PARTICLE_END = re.compile(r"(?:로|을|를|에|게|와|과|도)$")
_TIMESTAMP = re.compile(r"\s*(?:(?:19|20)\d\d[./\- ]\d{1,2}[./\- ]\d{1,2}\.?\s*(?:\d{1,2}:\d\d)?\s*(?:송고)?)")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    body: str
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    email: str | None = None
    dateline_date: date | None = None


def _is_body(s: Sentence) -> bool:
    """A sentence of an article's body: it ends like a sentence and is longer than a caption's fragment."""
    return bool(_FINAL_SENT.search(s.text)) and len(s.text) > 15


def _body_sentences(text: str) -> int:
    return sum(map(_is_body, split_sentences(text)))


# a footer this close after an article's tail, with no sentence between, is still the tail
TAIL_FOOTER_REACH = 60
# a newsroom desk named before a reporter's signature: `증권부`, `산업1부`
_DESK = re.compile(r"[가-힣]{1,5}\d?부[^\S\n]+")


# one short line of words, no sentence
_SHORT_LINE = re.compile(r"[^\S\n]*[#가-힣A-Za-z0-9][^\n.!?]{0,38}\n")


def _consume_tail(text: str, pos: int) -> int:
    """Extend an article end over the material that sticks to a footer or byline."""
    r = rules()
    while True:
        m = _TAIL_JUNK.match(text, pos)
        p = m.end() if m else pos
        for pat in (r.email, r.footer, r.publisher_re, _TIMESTAMP, r.page_tail):
            mm = pat.match(text, p)
            if mm and mm.end() > p:
                if pat is r.publisher_re and _opens_next(text, mm.end()):
                    return p  # `… 재배포 금지 아시아경제 안하늘 기자 매월 …`: the next article's dateline
                p = mm.end()
                break
        else:
            # a reporter signing with an e-mail after the footer (`… 금지 오상혁기자 osh wowtv co kr`)
            # (or with the reporter's desk before the name: `… 금지 증권부 박선미 기자 psm82 asiae co kr`)
            desk = _DESK.match(text, p)
            bm = r.byline.match(text, p) or (r.byline.match(text, desk.end()) if desk else None)
            em = r.email.match(text, _SPACE.match(text, bm.end()).end()) if bm else None
            if em:
                pos = em.end()
                continue
            # a slogan between the signature and one more footer (`… psm82 asiae co kr 경제를 보는 눈 세계를
            # 보는 창 아시아경제 무단전재 복사 배포 등을 금지합니다`): no sentence, still the tail
            ahead = r.footer.search(text, pos, pos + TAIL_FOOTER_REACH)
            if ahead and ahead.end() > pos and not _SENTENCE_END.search(text, pos, ahead.start()):
                pos = ahead.end()
                continue
            # the article's tags on one short line above its reaction buttons (`#한빛#고용`, stripped `한빛 고용`)
            tags = _SHORT_LINE.match(text, p)
            widget = r.page_tail.match(text, _SPACE.match(text, tags.end()).end()) if tags else None
            if widget and widget.end() > tags.end():
                pos = widget.end()
                continue
            closing = _CLOSING.match(text, pos)
            return closing.end() if closing else pos
        pos = p


# a stripped bracket's two spaces, then a word: `…  keun newspim com  비즈니스포스트  CJ바이오사이언스가`
_BRACKET_THEN_WORD = re.compile(r"[^\S\n]{2,}[가-힣A-Za-z]")


def _opens_next(text: str, pub_end: int) -> bool:
    """A publisher's name after an article's tail that opens the next article: a byline follows it, or its
    stripped lead bracket (`[비즈니스포스트] CJ…`) and a word that is no footer or e-mail."""
    r = rules()
    after = _SPACE.match(text, pub_end).end()
    if r.byline.match(text, after):
        return True
    return (_BRACKET_THEN_WORD.match(text, pub_end) is not None and not r.footer.match(text, after)
            and not r.email.match(text, after))


def _end_bylines(text: str) -> list[int]:
    """Ends of closing bylines: `홍길동 기자` followed by an e-mail, a footer, or its line's end."""
    r = rules()
    out: list[int] = []
    for m in r.byline.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 40]
        if r.dateline.search(before) or _OPENING_EQUALS.match(after):
            continue  # an opening byline: "[서울=뉴시스] 홍길동 기자 = …"
        em = r.email.match(text, m.end() + len(after) - len(after.lstrip()))
        if em:
            out.append(em.end())
        elif _LINE_END.match(after) or r.footer.match(after.lstrip()):
            out.append(m.end())
        elif _after_sentence(text, m.start()) and _RUNS_ON.match(after):
            # `…감소했다 비즈니스포스트 장은파 기자 효성첨단소재가`: signed after the last sentence, the next
            # article's first word one space on (an opening byline's bracket leaves two: `윤상호기자  애플의`)
            out.append(m.end())
    return sorted(out)


def _glued_ends(text: str) -> set[int]:
    """Article ends certain by themselves: a byline, e-mail or page widget run into the next article's first word."""
    r = rules()
    out = {m.end() for m in r.glued_byline.finditer(text) if _after_sentence(text, m.start())}
    out.update(m.end() for m in r.glued_widget.finditer(text))
    for m in r.email_scan.finditer(text):
        glued = _GLUED_WORD.match(text[m.end() : m.end() + 2]) or _GLUED_NUMBER.match(text, m.end())
        if glued and not _PARTICLE.match(text[m.end() : m.end() + 3]):
            out.add(m.end())
    return out


_GLUED_NUMBER = re.compile(r"\d+[가-힣]")


_SPACE = re.compile(r"\s*")
# one space or none, then a word
_RUNS_ON = re.compile(r"[^\S\n]?[가-힣A-Za-z0-9]")
# a sentence end, maybe a publisher name, then the byline's name
_SENTENCE_THEN_SIGNATURE = re.compile(r"(?:다|요|기자)[\s\"'”’.!?]+(?:[가-힣A-Za-z0-9]{2,12}[^\S\n]+)?$")


def _after_sentence(text: str, pos: int) -> bool:
    return _SENTENCE_THEN_SIGNATURE.search(text[max(0, pos - 30) : pos]) is not None


# an opening byline after the article before: `… 전망된다  디지털데일리 윤상호기자  애플의` (its brackets
# stripped to spaces) or `[디지털데일리 윤상호기자] 애플의`
_OPENING_AFTER = re.compile(r"\s*[\]=]|[^\S\n]{2,}\S")


_REPORTER_BEFORE = re.compile(r"(?:기자|특파원)\s*$")


def _strong_boundaries(text: str) -> list[int]:
    r = rules()
    footers = {_consume_tail(text, m.end()) for m in r.footer.finditer(text)}
    signed = _end_bylines(text)
    # an e-mail is a footer when it follows a publisher name ("매일경제 mk co kr") or stands alone at
    # a line start; one glued to the next article's first word ("bsh example com모아키친", "com2일") ends
    # its article whatever precedes it
    for m in r.email_scan.finditer(text):
        line_head = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        before = text[max(0, m.start() - 25) : m.start()]
        # (or a reporter: `이원용 글로벌이코노믹 기자 wony92kr naver com`, the publisher unknown)
        if r.publisher_re.search(before) or _REPORTER_BEFORE.search(before) or not line_head.strip():
            signed.append(m.end())
    glued = _glued_ends(text)
    signed += glued
    # a byline or e-mail ends an article only after a body: at the top of one (`봉성창 기자` under the
    # headline of a web page) it opens it
    # (a page widget glued to the next article's first word ends the one before wherever it stands: `… 이슈 토픽 /
    # 비즈 링크2016년 상반기 …`)
    widgets = {m.end() for m in r.glued_widget.finditer(text)}
    signed = [e for e in signed if e in widgets or not (_under_header(text, e) or _timestamp_next(text, e))
              or _byline_follows(text, e)]
    ends = sorted(footers | {_consume_tail(text, e) for e in signed})
    kept: list[int] = []
    for e in ends:
        if e in footers or e in glued or _body_sentences(text[(kept[-1] if kept else 0):e]) >= 2:
            kept.append(e)
    return kept


def _timestamp_next(text: str, pos: int) -> bool:
    """`장대한 기자 / 승인 2022 10 25 15 25`: a byline on the line above a posting time opens its article."""
    gap = _BLANK_LINES.match(text, pos)
    line_start = text.rfind("\n", pos, gap.end()) + 1 if gap else 0
    return line_start > pos and _TIMESTAMP_LINE.match(text, line_start) is not None


_BLANK_LINES = re.compile(r"\s*")


# a second byline this close after a signed end opens the next article
NEXT_BYLINE_REACH = 60


def _byline_follows(text: str, pos: int) -> bool:
    """`…자료 각사 종합 / 박정우기자 jwpark example com  경제투데이 최민아 기자 …`: two signatures in a row,
    the first closes its article (a caption line above it looks like a headline), the second opens one."""
    r = rules()
    m = r.byline.search(text, pos, pos + NEXT_BYLINE_REACH)
    if m is None or _SENTENCE_END.search(text, pos, m.start()):
        return False
    # a web page names its reporter twice at the top (`김하늘 기자 / 사진 … / [한빛일보 김하늘 기자]`)
    own = [b.group(1) for b in r.byline.finditer(text, max(0, pos - NEXT_BYLINE_REACH), pos)]
    return m.group(1) not in own


def _under_header(text: str, pos: int) -> bool:
    """`…적자전환 / 일반입력 2010 08 16 / 봉성창 기자`: a byline right under a timestamp line opens its article."""
    ls = _line_start(text, pos)
    window = text[max(0, ls - 160):ls]
    lines = [ln for ln in window.split("\n") if ln.strip()][-2:]
    own = text[ls : text.find("\n", pos) if "\n" in text[pos : pos + 80] else pos]  # `2021 12 16  이호정 기자`
    if any(_TIMESTAMP_LINE.fullmatch(ln) for ln in [*lines, own]):
        return True
    # `…넷플릭스 2분기 가입자 8 증가 / 전 세계 가입자 2억3839만명 / 홍창기 특파원`: a byline alone on its
    # line right under a headline line (short, no sentence ending) opens the article too
    # (a byline at the end of a long line of text is the end of its body, not alone: `… 순이익을 냈다  강현철 기자
    # hckang hankyung com방송통신위원회와`)
    alone = text[ls:pos].strip() == text[ls : text.find("\n", pos) if "\n" in text[pos : pos + 80] else pos].strip() \
        and pos - ls <= MAX_HEADLINE
    # (not a signature: `…순이었다 / 왕진화 / wjh9080 ddaily co kr`, the reporter's name over the e-mail after the
    # last sentence)
    signature = (len(lines) >= 2 and _NAME_ONLY.fullmatch(lines[-1]) is not None
                 and _SENTENCE_TAIL.search(lines[-2]) is not None)
    return (alone and bool(lines) and len(lines[-1].strip()) <= MAX_HEADLINE and not signature
            and not _SENTENCE_TAIL.search(lines[-1]) and not rules().email.search(lines[-1]))


# a line holding only a person's name, maybe with 기자
_NAME_ONLY = re.compile(r"\s*[가-힣]{2,4}(?:\s?기자)?\s*")


# a headline line is at most this long; a line ending like this is a sentence, not a headline
MAX_HEADLINE = 90
_SENTENCE_TAIL = re.compile(r"(?:다|요|죠|음|함)[\s\"'”’.!?]*$")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# the line of a web page giving when an article was posted: `입력 2023.03.28 09:51`, `일반입력 :2010/08/16 15:59
# 수정: …`, stripped `2009 02 15 12 50 00`
_TIMESTAMP_LINE = re.compile(
    r"^[^\S\n]*(?:[^\n]{0,30}?(?:입력|수정|승인|등록|기사입력|일반입력|인터넷입력|업데이트|발행|작성일|송고)[^\S\n]*[:：]?[^\S\n]*)?"
    r"(?:19|20)\d\d[^\S\n]?[./\-년 ][^\S\n]?\d{1,2}[^\S\n]?[./\-월 ][^\S\n]?\d{1,2}[^\n]{0,60}$",
    re.MULTILINE,
)
# a headline above its timestamp: short, no sentence ending
_HEADLINE_LINE = re.compile(r"^[^\n]{4,90}$")
# a reporter's name alone on its line between a headline and its timestamp
# (or a graphic's credit, `News1 김초희 디자이너`)
_NAME_LINE = re.compile(
    r"[^\S\n]*(?:[가-힣]{2,4}|(?:\S{2,15}[^\S\n])?[가-힣]{2,4}[^\S\n]?(?:기자|디자이너|특파원))[^\S\n]*")


def _header_starts(text: str) -> list[int]:
    """Where a web page's article header begins: the headline lines above a timestamp line."""
    return [_headline_block(text, m.start()) for m in _TIMESTAMP_LINE.finditer(text)]


# a header holds at most this many headline lines (a title and its subtitles)
MAX_HEADLINE_LINES = 3


def _headline_block(text: str, line_start: int) -> int:
    """Start of the headline lines (short, no sentence ending) right above the line at `line_start`,
    skipping the reporter's and the graphic's credit lines; `line_start` when there are none."""
    start = line_start
    headlines, named = 0, False
    while headlines < MAX_HEADLINE_LINES:
        prev_end = text.rfind("\n", 0, start)
        if prev_end <= 0:
            break
        j = prev_end
        while j > 0 and text[j - 1].isspace():  # skip blank lines, spaces-only ones too
            j -= 1
        ls = _line_start(text, j)
        line = text[ls:j]
        if _NAME_LINE.fullmatch(line):
            start, named = ls, True  # `손선우` alone on its line above `입력 2019 05 16`: the reporter
            continue
        headlines += 1
        # the line right above the reporter's is the headline, even one ending like a sentence (`…때문에
        # 웃었다`); a line holding a sentence's end runs the article before into one (`…설명이다 국민 1인당 …`)
        above_reporter = named and headlines == 1
        sentence = _SENTENCE_END.search(line) or (_FINAL_SENT.search(line.rstrip()) and not above_reporter)
        if not _HEADLINE_LINE.fullmatch(line) or sentence:
            # a headline glued after the last sentence of the article before (`…기록했다 게임하이 상반기 …`)
            glued = _title_before(text, j, above_reporter=above_reporter)
            if ls < glued < j:
                start = glued
            break
        start = ls
    return start


def _opening_boundaries(text: str) -> list[int]:
    """Starts of headers that open an article: summary blocks, web-page headers and datelines."""
    r = rules()
    starts = [
        _line_start(text, m.start()) if not text[_line_start(text, m.start()) : m.start()].strip() else m.start()
        for m in r.summary_header.finditer(text)
    ]
    starts += _header_starts(text)
    starts += [m.start() for m in r.page_start.finditer(text)]
    starts += _opening_bylines(text)
    starts += [_title_before(text, m.start()) for m in _DATED_BYLINE.finditer(text)]
    starts += [_title_before(text, m.start()) for m in _POSTED_AFTER_TITLE.finditer(text)]
    for m in r.dateline.finditer(text):
        if m.group("place").endswith(("다", "요")):
            continue  # `… 세웠다 한국IT일보 윤하람 기자`: a sentence end and a closing byline, no dateline
        at = m.start() + len(m.group()) - len(m.group().lstrip())  # the match may open with blank lines
        ls = _line_start(text, at)
        start = _headline_block(text, ls) if not text[ls:at].strip() else _title_before(text, at)
        cap = _caption_before(text, start)
        starts.append(cap if cap is not None else start)
    return sorted(set(starts))


def _opening_bylines(text: str) -> list[int]:
    """Starts of bylines that open an article right after the sentence that ended the one before."""
    r = rules()
    out: list[int] = []
    for m in r.byline.finditer(text):
        sig = _SENTENCE_THEN_SIGNATURE.search(text[max(0, m.start() - 30) : m.start()])
        if sig and _OPENING_AFTER.match(text, m.end()):
            lead = _SENTENCE_END.match(sig.group())
            out.append(m.start() - len(sig.group()) + (lead.end() if lead else 0))
        elif (pub := _publisher_before(text, m.start())) is not None and _OPENING_LINE_AFTER.match(text, m.end()):
            # (a byline opening its line has the headline lines above it: `쿠팡 고용인력 3만명 … / 헤럴드경제 X 기자`)
            ls = _line_start(text, pub)
            out.append(_headline_block(text, ls) if not text[ls:pub].strip() else pub)
    return out


# a byline's brackets stripped, or its line ended, before the lead's first word
_OPENING_LINE_AFTER = re.compile(r"[^\S\n]{2,}\S|[^\S\n]*\n[^\S\n]*[가-힣A-Za-z0-9]")


def _publisher_before(text: str, pos: int) -> int | None:
    """Start of a known publisher's name right before the byline at `pos` when no sentence ends before it:
    `… 글로벌 경제신문  아주경 뉴스핌 김근희 기자  바이넥스는` and `… google 뉴스토마토 홍은성기자 / 기산텔레콤`
    open their articles after page clutter (a closing signature follows the article's last sentence)."""
    r = rules()
    lo = max(0, pos - 20)
    found = list(r.publisher_re.finditer(text, lo, pos))
    pm = found[-1] if found else None
    if pm is None or text[pm.end() : pos].strip():
        return None
    return None if _FINAL_SENT.search(text, max(0, pm.start() - 8), pm.start()) else pm.start()


# a headline's posting date and byline run into the text (`… 앱은 질병관리청 쿠브 2021 12 16 이호정 기자`)
_DATED_BYLINE = re.compile(
    r"(?<!\d)(?:19|20)\d\d[ .\-/]\d{1,2}[ .\-/]\d{1,2}[^\S\n]+(?:\d{1,2}[ :]\d\d[^\S\n]+)?"
    r"(?=[가-힣]{2,4}\s?(?:기자|특파원)(?![가-힣]))"
)
# a headline's byline and posting time, or its posting time alone, run into the text after the headline
# (`… 말했다 한빛중공업 9년 만에 흑자 전환 강지용 기자 2024 02 07 17 00 00`, `… 흑자 전환 입력 2010 01 22 18 23`)
_POSTED_AFTER_TITLE = re.compile(
    r"(?:[가-힣]{2,4}\s?(?:기자|특파원)|(?:기사)?입력\s?:?)[^\S\n]+(?:19|20)\d\d[ .\-/]\d{1,2}[ .\-/]\d{1,2}[^\S\n]+"
    r"\d{1,2}[ :]\d\d(?!\d)"
)
_SENTENCE_END = re.compile(r"(?:다|요)[\s\"'”’.!?]+")
# a headline run into the text before its dateline is at most this long
MAX_TITLE = 60


def _title_before(text: str, pos: int, *, above_reporter: bool = False) -> int:
    """Start of a headline glued before a mid-line dateline (`… 말했다 반도체 장비 실적 서울 연합뉴스`).

    A fragment ending like a sentence is the last sentence before, unless the reporter's line is
    right under it (`… 말했다 X 직원 수 90% 수준으로 감축한다 / 게임메카 김형종 기자`)."""
    lo = max(0, pos - MAX_TITLE - 20)
    ends = list(_SENTENCE_END.finditer(text, lo, pos))
    if not ends:
        return pos
    frag = text[ends[-1].end() : pos]
    r = rules()
    sentence = _FINAL_SENT.search(frag.rstrip()) and not above_reporter
    if "\n" in frag or not 4 <= len(frag.strip()) <= MAX_TITLE or sentence or any(
        p.search(frag) for p in (r.email, r.byline, r.footer, r.caption_footer, r.photo_marker)
    ):
        return pos
    return ends[-1].end()


# a line this short that ends in a photo credit is a caption as a whole
SHORT_CAPTION_LINE = 120


def _caption_start(text: str, line_start: int, credit_end: int) -> int | None:
    """Where the photo caption ending at `credit_end` begins, or None if the line is no caption.

    A short line is a caption as a whole; otherwise the caption is the sentence before a `사진 X 제공`
    marker, or the trailing fragment after the line's last sentence (`…말했다 X 사옥 X 제공`).
    """
    r = rules()
    line = text[line_start:credit_end]
    credit_m = _CREDIT.search(line)
    # the credit must be an organisation, not a clause ("API 형태로 제공")
    if not credit_m or _CLAUSE_PARTICLE_END.search(credit_m.group(1)):
        return None
    if len(line.strip()) <= SHORT_CAPTION_LINE and not _SENTENCE_END.search(line):
        return line_start + (len(line) - len(line.lstrip()))
    sents = split_sentences(line)
    if not sents:
        return None
    marker = r.photo_marker.search(line)
    if marker:
        k = next((i for i, s in enumerate(sents) if s.end > marker.start()), len(sents) - 1)
        k = max(0, k - 1) if sents[k].start >= marker.start() - 1 else k
        return line_start + sents[k].start
    cap = sents[-1]
    if len(cap.text) > 80 or _FINAL_SENT.search(cap.text):
        return None
    return line_start + cap.start


def _caption_boundaries(text: str) -> list[int]:
    """Starts of photo captions (`… LG이노텍 제공` at a line end) that follow a sentence."""
    out: list[int] = []
    for m in rules().caption_credit.finditer(text):
        start = _caption_start(text, _line_start(text, m.start()), m.end())
        if start is not None:
            out.append(start)
    return out


def _caption_before(text: str, pos: int) -> int | None:
    """Start of a photo caption on the non-empty line right before `pos`, if there is one."""
    prev_end = len(text[:pos].rstrip())
    if prev_end == 0 or ("\n" not in text[prev_end:pos] and prev_end != pos):
        return None
    ls = _line_start(text, prev_end)
    m = rules().caption_credit.search(text, ls, prev_end)
    return _caption_start(text, ls, m.end()) if m else None


def _companies_of(text: str) -> dict[str, int]:
    from etl.facts.companies import discover_companies

    return discover_companies(text).counts


def _shift(left: str, right: str) -> bool:
    """True when `right` is about other companies than `left` (each side's top company absent from the other)."""
    lc, rc = _companies_of(left), _companies_of(right)
    if not lc or not rc:
        return False
    ltop = max(lc, key=lambda k: lc[k])
    rtop = max(rc, key=lambda k: rc[k])
    return ltop not in rc and rtop not in lc


def _subject_shift_splits(text: str, start: int, end: int) -> list[int]:
    """Boundaries inside [start, end) where the subject changes with no cue (greedy, left to right).

    At sentence i the text since the last cut is the left; the next SHIFT_WINDOW sentences the
    right. A cut needs a body on the left, the left's top company absent from the next
    FAR_WINDOW sentences, and the right's top company absent from the left.
    """
    piece = text[start:end]
    sents = split_sentences(piece)
    if len(sents) < 2 * MIN_BODY_SENTENCES:
        return []
    from etl.facts.attribution import role_of
    from etl.facts.companies import discover_companies

    # a publisher's name is a dateline's or footer's (`아시아경제 안하늘 기자`), not a subject of its own
    idx = discover_companies(piece, frozenset(rules().publishers), sentences=[(s.start, s.end) for s in sents])
    per_sent: list[list[str]] = [[] for _ in sents]
    k = 0
    for m in idx.mentions:  # mentions are sorted by start
        while k < len(sents) and sents[k].end <= m.start:
            k += 1
        if k < len(sents) and m.start >= sents[k].start and m.name not in per_sent[k]:
            per_sent[k].append(m.name)
    _carry_subjects(sents, per_sent)
    subjects = {m.name for m in idx.mentions if role_of(piece, m) == "subject"}
    finals = list(accumulate(map(_is_body, sents),
                             initial=0))  # finals[b] - finals[a]: body sentences among a..b-1
    mention_starts = [m.start for m in idx.mentions]
    cuts: list[int] = []
    n = len(sents)
    lo = 0  # first sentence of the current article
    left = _Left()
    left.extend(per_sent, 0, lo + MIN_BODY_SENTENCES)
    i = lo + MIN_BODY_SENTENCES
    while i <= n - MIN_BODY_SENTENCES:
        right = [x for ss in per_sent[i : i + SHIFT_WINDOW] for x in ss]
        cut = None
        if left.counts and right and finals[i] - finals[lo] >= MIN_BODY_SENTENCES:
            ltop, rtop = left.top, _top(right)
            far = {x for ss in per_sent[i : i + FAR_WINDOW] for x in ss}
            # a new article names its company twice or makes it a subject; `경쟁사 X의 매출은` does neither
            if ltop not in far and rtop not in left.counts and (right.count(rtop) >= 2 or rtop in subjects):
                first_right = min(j for j in range(i, n) if any(x not in left.counts for x in per_sent[j]))
                new_name = sorted(x for x in per_sent[first_right] if x not in left.counts)[0]
                lead = min(j for j in range(first_right, n) if rtop in per_sent[j])
                lead_at = _named_at(idx.mentions, mention_starts, sents[lead], rtop)
                if first_right < lead and _DATED_LEAD.search(sents[first_right].text):
                    # `… 계열사인 한국타이어앤테크놀로지가 … 기록했다고 4일 밝혔다`: a report's lead on a company
                    # the article goes on to call by a shorter name opens it
                    lead, lead_at = first_right, _named_at(idx.mentions, mention_starts, sents[first_right], new_name)
                # the old article lasts as long as it still names its own companies (`서해조선 역시 …`)
                named_old = (j for j in range(i, lead) if any(x in left.counts for x in per_sent[j]))
                last_left = min(max([left.last[ltop], *named_old]), lead - 1)
                c = _choose_cut(piece, sents, last_left + 1, lead, lead_at)
                if c > lo and not _continues(piece, sents, c, first_right, idx.mentions, new_name):
                    cut = c
        if cut is None:
            left.extend(per_sent, i, i + 1)
            i += 1
            continue
        cuts.append(start + sents[cut].start)
        lo = cut
        i = max(i + 1, lo + MIN_BODY_SENTENCES)
        left = _Left()
        left.extend(per_sent, lo, i)
    return cuts


# of the words of a story's summary sentence and the lead after it, at most this many may be shared with the
# sentences before it for them to open a new story
SHARED_TOPIC_WORDS = 1


def _summary_lead_splits(text: str, start: int, end: int) -> list[int]:
    """Boundaries inside [start, end) where a story opens with no company to shift to: a summary sentence
    (`3분기 국내은행 당기순이익 … 증가한 것으로 나타났다`), then a lead dated by its day (`15일 금융감독원에서
    발표한 …`), after a body that speaks of other things."""
    piece = text[start:end]
    sents = split_sentences(piece)
    cuts: list[int] = []
    lo = 0
    for i in range(MIN_BODY_SENTENCES, len(sents) - 1):
        if not (_SUMMARY_LEAD.search(sents[i].text) and _DAY_LEAD.match(sents[i + 1].text)):
            continue
        if sum(map(_is_body, sents[lo:i])) < MIN_BODY_SENTENCES:
            continue
        left = _content_words(" ".join(x.text for x in sents[max(lo, i - COHESION_SENTENCES) : i]))
        right = _content_words(" ".join(x.text for x in sents[i : i + COHESION_SENTENCES]))
        if len(left & right) <= SHARED_TOPIC_WORDS:
            cuts.append(start + sents[i].start)
            lo = i
    return cuts


def _named_at(mentions: list[CompanyMention], starts: list[int], s: Sentence, name: str) -> int | None:
    """Offset of the first naming of `name` in sentence `s`, if any."""
    k = bisect_left(starts, s.start)
    inside = itertools.takewhile(lambda m: m.start < s.end, mentions[k:])
    return next((m.start for m in inside if m.name == name), None)


@dataclass
class _Left:
    """The names of the sentences since the last cut, kept as they grow (each step costs its new names)."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # order of first naming
    last: dict[str, int] = field(default_factory=dict)  # last sentence naming it
    top: str = ""  # most frequent; ties go to the one named first (as `_top`)

    def extend(self, per_sent: list[list[str]], a: int, b: int) -> None:
        for j in range(a, min(b, len(per_sent))):
            for x in per_sent[j]:
                self.counts[x] = self.counts.get(x, 0) + 1
                self.first.setdefault(x, len(self.first))
                self.last[x] = j
                if not self.top or (self.counts[x], -self.first[x]) > (self.counts[self.top], -self.first[self.top]):
                    self.top = x


def _carry_subjects(sents: list[Sentence], per_sent: list[list[str]]) -> None:
    """A sentence that speaks of `회사는`, `이 회사`, `같은 기간` is about the subject before it.

    Without this, an article whose later sentences name only a partner (`회사는 … 카고넷과 협약`)
    looks like a new article about the partner.
    """
    cue_re = _carry_cue_re()
    subject: str | None = None
    for s, names in zip(sents, per_sent, strict=True):
        # (`새봄게임즈 대표는 자사의 …`: a cue after the sentence's own company refers to that one)
        m = cue_re.search(s.text)  # the leftmost match: the first cue
        at = m.start() if m else -1
        carried = subject is not None and at >= 0 and all(s.text.find(x) < 0 or s.text.find(x) > at for x in names)
        if carried and subject not in names:
            names.append(subject)  # type: ignore[arg-type]
        elif names and not carried:
            subject = names[0]


@cache
def _carry_cue_re() -> stdre.Pattern[str]:
    return literal_alternation([str(c) for c in facts_rules()["attribution"]["carry_cues"]])


_CLOSING_QUOTE = re.compile(r"(?:라고|고|며|라며)\s+(?:말했다|했다|밝혔다|강조했다|전했다|덧붙였다|설명했다)\s*$")


# a sentence giving the next places of a ranking: it refers back to the one before it
_RANKS_AFTER = re.compile(r"(?:그\s)?뒤를\s?(?:이었다|이었고|이어|따랐다)|뒤따랐다|뒤이었다"
                          # (or a list of more names that `역시` joins to the ones before: `A, B, C 역시 …`)
                          r"|[가-힣A-Za-z0-9)]\s+역시\s")
# sentence openers that continue the article before them
_CONNECTIVE = re.compile(
    r"^(?:한편|또한|또|이어|반면|이와 함께|마찬가지로|이 밖에|이밖에|아울러|다만|하지만|그러나|특히|이에)\s"
)


# `X도 …`, `X 역시 …`, `X 또한 …`: the sentence adds X to what the article was saying
_ALSO = re.compile(r"(?:도|\s*역시|\s*또한)\s")
# `5일 금융정보업체 데이터가이드에 따르면 …`: a news lead opens with the day it reports
_DAY_LEAD = re.compile(r"^\d{1,2}일\s")
# `… 집계됐다고 29일 밝혔다`: a report's lead sentence, dated by the day the company said it
_DATED_LEAD = re.compile(r"(?:다|라)고\s?\d{1,2}일\s?(?:밝혔다|공시했다|발표했다|전했다)\s*$")
# how many sentences on each side of a cut tell what each article speaks of
COHESION_SENTENCES = 3
_WORD = re.compile(r"[가-힣A-Za-z]{2,}")
# words any business story uses: they tie no sentence to one story
_STORY_NEUTRAL = frozenset({"지난해", "올해", "전년", "대비", "기록했다", "밝혔다", "증가했다", "감소했다", "늘었다",
                            "줄었다", "같은", "기간", "이번", "지난", "대해", "따르면", "통해", "위해", "있다", "했다"})


def _content_words(text: str) -> set[str]:
    """The words of a text, particles cut, without the ones every business story uses."""
    from etl.facts.companies import strip_particle

    return {stem for w in _WORD.findall(text) if (stem := strip_particle(w)[0]) not in _STORY_NEUTRAL}


# `… 적자를 기록한 것으로 나타났다`: the summary sentence a news story opens with (before its `N일 …` sentence)
_SUMMARY_LEAD = re.compile(
    r"것으로\s?(?:잠정\s?)?(?:나타났다|조사됐다|집계됐다|파악됐다|확인됐다|분석됐다|드러났다)\s*$"
)


def _top(names: list[str]) -> str:
    """Most frequent name; ties go to the one named first."""
    return max(dict.fromkeys(names), key=lambda n: (names.count(n), -names.index(n)))


def _is_headline(piece: str, s: Sentence) -> bool:
    """A short line without a sentence ending; in a stripped dump the line may begin right after the
    previous article's last sentence (`…달한다  넷플릭스 2분기 가입자 8 증가⏎`)."""
    line_start = piece.rfind("\n", 0, s.start) + 1
    own_line = not piece[line_start : s.start].strip() or piece[s.end : s.end + 3].lstrip(" ").startswith("\n")
    return own_line and len(s.text) <= 80 and not _FINAL_SENT.search(s.text)


# a fragment this short before a headline on its line is the headline's own beginning
HEADLINE_FRAGMENT = 12


def _choose_cut(piece: str, sents: list[Sentence], lo: int, hi: int, lead_at: int | None = None) -> int:
    """Pick the sentence index that starts the new article among lo..hi (inclusive).

    `hi` is the first sentence naming the new article's top company, `lead_at` the offset of that
    name. A headline line first, then the sentence after the old article's closing quote, then the
    first paragraph break, then `hi` when it names the company near its start (a news lead: the
    sentences before it that name no company, `이날 행사에는 …`, end the old article), else right
    after the old article's last mention of its company.
    """
    hi = max(lo, hi)
    for k in range(lo, hi + 1):
        if _is_headline(piece, sents[k]):
            # a quote ending in 다 opens the headline line (`증권가 "더 뛴다" 합창`, stripped of its marks)
            while (k > lo and len(sents[k - 1].text) <= HEADLINE_FRAGMENT
                   and "\n" not in piece[sents[k - 1].start:sents[k].start]):
                k -= 1
            return k
    for lead in (_SUMMARY_LEAD, _DAY_LEAD):
        for k in range(lo, hi + 1):
            if lead.search(sents[k].text):
                return k
    if lead_at is not None and lead_at - sents[hi].start <= LEAD_REACH and _DATED_LEAD.search(sents[hi].text):
        # `X가 … 기록했다고 29일 밝혔다` is a report's lead: the new article starts there, or at the
        # sentences before it that speak of what it speaks of (a summary line above the lead)
        return _summary_above(sents, lo, hi)
    for k in range(hi, lo - 1, -1):  # after the last closing quote of the old article
        if k - 1 >= 0 and _CLOSING_QUOTE.search(sents[k - 1].text):
            return k
    if lead_at is not None and lead_at - sents[hi].start <= LEAD_REACH:
        # an undated lead too may have its hook above it (`모바일게임 다운로드 300만건 시대가 열렸다 / X 대표
        # Y는 … 300만 다운로드를 돌파했다고 밝혔다`)
        return _summary_above(sents, lo, hi)
    for k in range(lo, hi + 1):
        if k >= 1 and "\n\n" in piece[sents[k - 1].end : sents[k].start]:
            return k
    return lo


def _summary_above(sents: list[Sentence], lo: int, hi: int) -> int:
    """The lead at `hi`, or the first of the sentences above it (down to `lo`) that share more words with the
    lead than with the old article's last sentences."""
    right = _content_words(" ".join(x.text for x in sents[hi : hi + COHESION_SENTENCES]))
    left = _content_words(" ".join(x.text for x in sents[max(0, lo - COHESION_SENTENCES) : lo]))
    k = hi
    while k > lo:
        words = _content_words(sents[k - 1].text)
        if len(words & right) <= len(words & left):
            break
        k -= 1
    return k


def _continues(
    piece: str, sents: list[Sentence], cut: int, first_right: int, mentions: list[CompanyMention], name: str
) -> bool:
    """The text after the cut reads as a continuation (`한편 …`, `X도 …`), not a new article."""
    if cut < len(sents) and _CONNECTIVE.match(sents[cut].text) and not _is_headline(piece, sents[cut]):
        return True
    if cut < len(sents) and _RANKS_AFTER.search(sents[cut].text):
        return True  # `X와 Y가 그 뒤를 이었다`, `A(…), B(…) 역시 …`: more places of the ranking the article gave
    s = sents[first_right]
    first = next((m for m in mentions if m.name == name and s.start <= m.start < s.end), None)
    return first is not None and _ALSO.match(piece, first.end) is not None


# A dump longer than this is segmented window by window, each ending at an article footer when its
# second half has one: every rule reads a few sentences around a place, and the windows bound what an
# unforeseen input can cost.
SEGMENT_WINDOW = 1_000_000


def split_articles(text: str) -> list[Segment]:
    """Articles of a raw dump, in order, with their byline metadata (pure)."""
    if len(text) <= SEGMENT_WINDOW:
        return _split_window(text)
    out: list[Segment] = []
    bounds = [0, *cut_points(text, SEGMENT_WINDOW, _strong_boundaries), len(text)]
    for a, b in itertools.pairwise(bounds):
        out += [replace(s, start=s.start + a, end=s.end + a) for s in _split_window(text[a:b])]
    return out


def _split_window(text: str) -> list[Segment]:
    if not text.strip():
        return []
    cuts = {0, len(text)}
    cuts.update(_strong_boundaries(text))
    cuts = _accept_weak(text, cuts, _opening_boundaries(text), need_shift=False)
    cuts = _accept_weak(text, cuts, _caption_boundaries(text), need_shift=True)
    ordered = sorted(cuts)
    final = set(ordered)
    for a, b in itertools.pairwise(ordered):
        splits = {*_subject_shift_splits(text, a, b), *_summary_lead_splits(text, a, b)}
        final.update(_with_glued_title(text, c) for c in _drop_short(text, sorted(splits), b))
    return _segments(text, sorted(final))


def _with_glued_title(text: str, cut: int) -> int:
    """A cut at a line start keeps the headline glued after the last sentence of the line above
    (`…17명 등이었다 9월 말 기준 증권사 임직원 3만9238명 / 여의도 증권가 사진 연합뉴스 / …`)."""
    prev_end = len(text[:cut].rstrip())
    if prev_end == cut or "\n" not in text[prev_end:cut]:
        return cut
    title = _title_before(text, prev_end)
    # (glued: the sentence it follows ends on the same line)
    return title if title < prev_end and text[_line_start(text, title):title].strip() else cut


# a headline line of its own opens the piece: the cut has a cue after all
_HEADLINE_START = re.compile(r"[^\S\n]*[^\n]{4,90}\n")
# a news article that opens with no cue at all is still at least a few sentences long; a shorter piece
# after a change of subject is the closing paragraph of a roundup (`크래프톤은 인건비로 …`)
MIN_UNCUED_CHARS = 300
# a news lead naming its company with its chief (`자유단조업체 태웅(대표 허용도)가 …`, stripped or not) opens an
# article however short the rest of it is
_CEO_LEAD = re.compile(r"\s*[^\n]{0,30}?[\s(]대표(?:이사)?\s[가-힣]{2,4}\s?\)?\s?(?:가|이|는|은)\s")
MIN_UNCUED_SENTENCES = 4


def _drop_short(text: str, cuts: list[int], end: int) -> list[int]:
    kept: list[int] = []
    nxt = end
    for c in reversed(cuts):  # a dropped cut's piece joins the one before, so measure to the next kept cut
        piece = text[c:nxt]
        headed = (_HEADLINE_START.match(piece) is not None and not _FINAL_SENT.search(piece[: piece.find("\n")])
                  ) or _CEO_LEAD.match(piece) is not None
        long_enough = len(piece.strip()) >= MIN_UNCUED_CHARS and _body_sentences(piece) >= MIN_UNCUED_SENTENCES
        if headed or long_enough:
            kept.append(c)
            nxt = c
    return kept[::-1]


def _accept_weak(text: str, cuts: set[int], candidates: list[int], *, need_shift: bool) -> set[int]:
    out = set(cuts)
    for c in candidates:
        if c in out:
            continue
        prev = max(x for x in out if x <= c)
        nxt = min(x for x in out if x > c) if any(x > c for x in out) else len(text)
        left = text[prev:c]
        if _body_sentences(left) < MIN_BODY_SENTENCES:
            continue  # still in the header block of the article
        if need_shift:
            right = text[c:nxt]
            rs = split_sentences(right)
            window = right[: rs[min(len(rs), SHIFT_WINDOW) - 1].end] if rs else right
            if not _shift(left, window):
                continue
        out.add(c)
    return out


# a piece this short without a sentence is a fragment of the article before or after it
STRAY_PIECE = 120


def _segments(text: str, cuts: list[int]) -> list[Segment]:
    page_tail = rules().page_tail
    out: list[Segment] = []
    pieces: list[tuple[int, int]] = []
    opening: int | None = None
    for a, b in itertools.pairwise(cuts):
        s = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        e = b - (len(text[a:b]) - len(text[a:b].rstrip()))
        if e <= s:
            continue
        if pieces and opening is None:
            # page widgets opening a piece (`댓글 0 / 최신순 찬성순 반대순`) are the tail of the article before
            while (w := page_tail.match(text, s)) is not None and w.end() > s:
                s = _SPACE.match(text, w.end()).end()
                pieces[-1] = (pieces[-1][0], w.end())
            if e <= s:
                continue
        if _body_sentences(text[s:e]) == 0 and len(text[s:e]) < STRAY_PIECE:
            if rules().page_start.match(text, s):
                opening = s  # a page's menu belongs to the article after it
            elif pieces:
                pieces[-1] = (pieces[-1][0], e)  # a stray tail (footer, e-mail) belongs to the article before
            continue
        pieces.append((opening if opening is not None else s, e))
        opening = None
    for s, e in pieces:
        body = text[s:e]
        by = read_byline(body)
        out.append(Segment(s, e, body, _title(body), by.publisher, by.reporter, by.email, by.dateline_date))
    return out


def _title(body: str) -> str | None:
    """First line when it reads like a headline (short, no sentence ending)."""
    lines = [ln.strip() for ln in body.strip().split("\n") if ln.strip()]
    lines = [ln for ln in lines if not rules().summary_header.fullmatch(ln)]
    first = lines[0] if lines else ""
    if not first or len(first) > 80 or _FINAL_SENT.search(first):
        return None
    return first
