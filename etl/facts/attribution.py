"""Attribution of a fact (or event) to a company.

In order: a genitive or compound right before the cue (`누리테크의 임직원 수`, `누리테크 매출은`),
the clause subject (`X는 …`, `X가 …`, nearest before the number), an `X에 따르면` source, discourse
carry-over (`회사는`, `이 회사의`, `같은 기간`, or a sentence naming no company) from the sentences
before, then the article's main company when the sentence names no other. Product names resolve to
their company upstream (the alias seed, `<Company>의 … 앱 <Product>`). No company rather than a wrong
one: a sentence naming other companies and no subject gets none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex as re

from etl.facts.companies import (
    JOINABLE_NAME,
    NAME_GLOSS,
    PRODUCT_SUBJECT,
    CompanyIndex,
    clause_end,
    clause_start,
    is_common_word,
    names_product,
)
from etl.facts.metrics import CHANGED, facts_rules
from etl.records import CompanyMention


@dataclass(frozen=True, slots=True)
class Attribution:
    company: str | None
    mention: CompanyMention | None
    rule: str
    reason: str
    confidence: float


_CEO_APPOSITIVE = re.compile(
    r"\s?[(\[]?\s?(?:대표이사|공동대표|대표|회장|사장|CEO)\s+[가-힣]{2,4}\s?[)\]]?\s?(?=은|는|이|가)"
)
# the figures before this one in a headline chain under one name: ` 매출 412억·` (`X 매출 412억·영업적자 388억`)
_FIGURE_CHAIN = re.compile(r"(?:\s?[가-힣]{1,8}\s?[-+]?\d[\d,.]*\s?(?:조|억|만|천)*\s?[가-힣%]{0,2}\s?[·,]\s?){1,3}")
# a short parenthetical after a word (`NOVA Robotics(노바로보틱스)가`, `업무협약(MOU)을`): the particle
# after it belongs to the word before it
PARENTHETICAL = re.compile(r"\s?(?:\([^()]{1,30}\)|\[\s?\d{5,6}\s?\])")  # `(대표 홍길동)`, a stock code `[017670]`
_SOURCE = re.compile(r"\s?(?:에\s*따르면)")
# a company named as the yardstick (`LG생활건강보다 높은`, `삼성전자에 이어`, `A를 제치고`) owns no figure here
_COMPARISON = re.compile(
    r"\s?(?:보다|대비|에\s?비해|에\s?비하면|에\s?견줘|와\s?비교|과\s?비교|를\s?제치|을\s?제치|에\s?이어|의\s?뒤를|뒤를\s?이어|만큼"
    # (the one chased or caught up with: `… 961만 명을 기록하며 국민은행을 뒤쫓고 있다`)
    r"|[을를]\s?(?:뒤쫓|추격|따라잡|바짝\s?추격|맹추격|턱밑까지)"
    # (the one ranked before: `당기순이익은 7301억원으로 신한은행 다음으로 많았지만`)
    r"|\s다음(?:으로|가는)\s)"
)
# `삼성전자를 제외한 9대 기업의 매출`: the company left out owns none of the figure (its own bracket,
# `HDC현대산업개발(1조872억→1조1632억원)을 제외한`, still holds its own figures)
_EXCLUDED = re.compile(r"\s?[을를]\s?(?:제외한|제외하면|제외하고|뺀|빼면|빼고)")
_FOCUS = re.compile(r"\s?(?:이다|였다|이었다|다\.|(?:으로|로)\s?(?:나타났|조사됐|집계됐|분석됐|확인됐|꼽혔))")
# (`다음은 X로 5400여명에서 …`: the next place of a ranking)
_FOCUS_BEFORE = re.compile(r"(?:곳|기업|회사|업체|주인공|위|사|다음)(?:은|는)\s['‘\"“]?$")
# a relative clause ending right before the company it modifies: `…영업이익을 낸 '씨젠'도`
_RELATIVE_HEAD = re.compile(r"(?:낸|냈던|올린|올렸던|거둔|거뒀던|기록한|기록했던|기록\s?중인|달성한|달성했던"
                            r"|돌파한|보인|남긴|그친|머문|머무른|달했던|달한|이어간)\s?['‘\"“]?$")
# a company this close after its figure may be the head of the clause holding it, whatever its role
RELATIVE_REACH = 20
# the topic of an identifying sentence, and the focus closing it
_FOCUS_TOPIC = re.compile(r"(?:\d+\s?위|곳|기업|회사|업체|상장사|주인공|은행|증권사|업종|종목)(?:은|는)\s")
_FOCUS_END = re.compile(r"['’\"”]?\s?(?:이다|였다|이었다|으로|로|다)(?![가-힣])")
_FOCUS_AFTER = re.compile(r"(?:으로|로|이다|다|였다|이었다|인데|이며|이고|였고|였으며|이었으며)(?![가-힣])")
# a figure written right after its company: `포스코켐텍(306억원)`, `하이닉스(000660)(-1조3250억원)`, `큐리언트 59억원`
_LIST_ITEM_GAP = re.compile(
    # (`‘X(373220)’ (9564명→…)`, `SK브로드밴드(SO)가`; `A의 약 10만명, B의 6만8000명에 이은`)
    # (a quoted name: `▲ ‘한빛산업’(1,905명)`)
    rf"['’\"”]?\s*(?:은|는|이|가|도|의)?\s*(?:{NAME_GLOSS}['’\"”]?\s*(?:은|는|이|가|도)?\s*)?"
    # the rate it changed by: `종근당이 전년 대비 1.6% 감소한 2396명`
    rf"(?:(?:전년|지난해|작년)?\s?(?:동기\s?)?(?:대비|보다)?\s?[\d.]+\s?%\s?{CHANGED}\s)?"
    # or by how much: `국민은행이 21만명 증가해 658만명`, `B 25만명 증가한 305만명`
    rf"(?:[\d,.]+\s?(?:조|억|만|천)?[\d,.]*\s?[가-힣]{{0,2}}\s(?:{CHANGED}|증가해|감소해|늘어|줄어)\s)?"
    r"(?:[\d,.]+\s?(?:조|억|만|천)?[\d,.]*\s?[가-힣%]{0,2}\s?)?"  # a change before its levels: `X 629명(2886→`
    r"(?:[(\[]\s?(?:약\s?)?|\s?:\s?|각각\s?)?"
)
_GENITIVE = re.compile(r"\s?(?:의)(?![가-힣])")
# a figure right after the company's product: `국민은행의 KB스타뱅킹이 1126만명` (not its metric: `X의 매출은`)
_PRODUCT_ITEM_GAP = re.compile(rf"\s?의\s{PRODUCT_SUBJECT}\s?(?:약\s?)?")
_OWNS_QUOTED_SUBJECT = re.compile(r"\s(?:[^\s'‘’\"“”]{1,10}\s){0,3}['‘\"“][^'’\"”]{1,30}['’\"”](?:은|는|이|가)\s")
# (`누리해운 관련 손실이`, `X 사태로`: a company only qualifying a noun owns nothing of the sentence)
_OBLIQUE = re.compile(r"\s?(?:을|를|에게|에서|와|과|로|으로|에)(?![가-힣])|\s(?:관련|사태|리스크|여파|영향|부실|악재)")
# a name joined to the next by `·` right before it, in an item of a list (`, 스페이스넷·`)
_JOINT_BEFORE = re.compile(rf"(?:^|[\s,(·]){JOINABLE_NAME}·$")
# a roundup item headed by its company: `◆한빛제약=1분기 …` (at a line or sentence start, or after a bullet)
_ITEM_HEAD_AFTER = re.compile(r" ?= ?[^=\s]")
_ITEM_HEAD_BEFORE = re.compile(r"(?:^|[\n.!?\"”]|[◆◇■□▶▷●○•▲△☞※])\s?$")
_CODE_IN_GAP = re.compile(r"^\s?[(\[]\s?\d{5,6}\s?[)\]]")
_CODE_SPLIT = re.compile(r"[(\[]\s?\d{5,6}\s?[)\]][가-힣A-Za-z&]+?(?=(?:은|는|이|가|의|도|와|과|을|를)(?![가-힣]))")
# what joins two companies into one noun phrase (`한빛포털과 누리톡의`, `A·B의`)
# a bracket still open after a company, up to a figure: `한국전력공사(3분기 영업손실 `
_IN_BRACKET = re.compile(r"\s?\([^()]{1,24}")
# from a name to the figure opening the bracket after it: `하나금융(`
_OWN_BRACKET = re.compile(r"\s?\(\s?(?:약\s?)?")
# a bracket opening right after a company, up to the cue, with only a period in it: `X(3분기 영업손실 …`
_OPEN_GLOSS = re.compile(r"\s?\(\s?(?:(?:\d{2,4}년|[1-4]분기|상반기|하반기|연간|지난해|올해|작년)\s?){0,3}")
_JOINED = re.compile(r"\s?(?:와|과|및|·|,)\s?")
_SUBJECT_IN_GAP = re.compile(r"[가-힣]+(?:은|는|이|가)\s")
NONE = Attribution(None, None, "attr:none", "no company could be attributed", 0.0)
# a sentence with this many companies as subjects lists them in parallel
LIST_SUBJECTS = 3


def _rules() -> dict[str, list[str] | int]:
    return facts_rules()["attribution"]


@cache
def _compound_modifiers() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in _rules()["compound_modifiers"])  # type: ignore[union-attr]
    # (a period or a basis may stand there too: `한빛제약 지난해 연결기준 매출액은`)
    return re.compile(rf"\s(?:(?:{words}|\d{{4}}년|\d분기|[1-4]Q)\s){{1,3}}")


@cache
def _institution_topic() -> re.Pattern[str]:
    """A sentence opening with an institute as its topic (after at most one opener word)."""
    words = "|".join(re.escape(str(w)) for w in _rules()["institution_suffixes"])  # type: ignore[union-attr]
    return re.compile(rf"\s*(?:\S+\s)?[가-힣A-Za-z]{{1,20}}(?:{words})(?:은|는|이|가)\s")


@cache
def _subject_particle() -> re.Pattern[str]:
    """One alternation of the rules' subject particles: matches wherever any single one of them would."""
    subj = [str(p) for p in _rules()["subject_particles"]]  # type: ignore[union-attr]
    alts = "|".join(f"(?:{p})" for p in sorted(subj, key=len, reverse=True))
    return re.compile(rf"\s?(?:{alts})(?![가-힣])") if subj else re.compile(r"(?!)")


_SPACES = re.compile(r"\s{2,}")
_CLOSING_QUOTES = frozenset("'’\"”」』")
# companies the gazetteer knows or a corporate suffix names
_KNOWN_RULES = ("company:listed", "company:seed", "company:stock-code", "company:suffix=", "company:product")


# Facts, events and subjects ask for the roles of the same mentions again and again: the roles of the
# last text asked about are kept per mention span and rule (all a role depends on besides the text);
# the memo holds its text, so another text (another object, while this one is alive) starts anew.
_role_memo: tuple[str, dict[tuple[int, int, str], str]] | None = None


def role_of(text: str, m: CompanyMention) -> str:
    """Grammatical role of a company mention from the particle after it (masked clutter between them,
    `예림당 (2,030원 ▼10)은`, is the run of spaces it left)."""
    global _role_memo
    if _role_memo is None or _role_memo[0] is not text:
        _role_memo = (text, {})
    roles = _role_memo[1]
    key = (m.start, m.end, m.rule)
    role = roles.get(key)
    if role is None:
        role = roles[key] = _role(text, m)
    return role


def _role(text: str, m: CompanyMention) -> str:
    after = text[m.end : m.end + 30]
    # a quoted known company (`‘헬릭스미스’가`) is read through its quotes (a quoted new name is more often
    # a title, `‘쿠키런’이`, than a company), and one glossing the word before it (`에쓰-오일(S-OIL) 또한`)
    # takes the role of the pair
    glossing = after[:1] == ")" and text[max(0, m.start - 2) : m.start].strip().endswith("(")
    if (after[:1] in _CLOSING_QUOTES or glossing) and m.rule.startswith(_KNOWN_RULES):
        after = after[1:]
    if "  " in after[:3]:
        after = _SPACES.sub(" ", text[m.end : m.end + 80])[:30]
    if (split := _CODE_SPLIT.match(after)) is not None:
        after = after[split.end() :]  # `코리아나[027050]화장품은`: the code written inside the name
    if after[:3] in ("는의 ", "은의 "):
        after = after[1:]  # `KT는의 3분기 매출액은`: a topic particle doubled by a typo before the genitive
    # `◆한빛제약=1분기 영업이익이 …`: a roundup item's heading, its company before `=`, is the item's subject
    if _ITEM_HEAD_AFTER.match(after) and _ITEM_HEAD_BEFORE.search(text, max(0, m.start - 3), m.start):
        return "subject"
    # `적자 규모가 제일 큰 곳은 제넥신으로 129억원의 영업손실을 냈다`: the focus of the sentence
    if _FOCUS_BEFORE.search(text, max(0, m.start - 8), m.start) and _FOCUS_AFTER.match(_CODE_IN_GAP.sub("", after)):
        return "subject"
    return _role_after(after)


# Facts and events ask for the role of the same mentions sentence after sentence; the role depends
# only on the 30 characters after the mention, so it is kept per those characters.
@lru_cache(maxsize=8192)
def _role_after(after: str) -> str:
    # "<X>(대표 홍길동)는", stripped "<X> 대표 홍길동 는": the company heads the clause
    if _EXCLUDED.match(after):
        return "comparison"
    appos = _CEO_APPOSITIVE.match(after) or PARENTHETICAL.match(after)
    if appos:
        after = after[appos.end() :]
    if _COMPARISON.match(after):
        return "comparison"
    # the focus of an identifying sentence: `…기록한 곳은 씨젠이다`, `1위는 카카오뱅크로 나타났다`
    if _FOCUS.match(after):
        return "subject"
    after = after[:6]
    if _SOURCE.match(after):
        return "source"
    if _GENITIVE.match(after) or after.startswith("의 "):
        return "genitive"
    if _subject_particle().match(after):
        return "subject"
    if _OBLIQUE.match(after):
        return "oblique"
    return "bare"


def glosses(text: str, prev: CompanyMention | None, m: CompanyMention) -> bool:
    """`m` is another company bracketed right after `prev` (`두올산업(한빛증권)은`: an underwriter, an adviser,
    a parent glossing it; the pair's particle is the first one's)."""
    return prev is not None and prev.name != m.name and text[prev.end : m.start].strip() == "("


def _unglossed(text: str, subjects: list[CompanyMention]) -> list[CompanyMention]:
    """Subjects without the companies glossing one of them."""
    if len(subjects) < 2:
        return subjects
    return [m for k, m in enumerate(subjects) if not (k and glosses(text, subjects[k - 1], m))]


def subject_of(text: str, start: int, end: int, companies: CompanyIndex) -> CompanyMention | None:
    """The last company in subject/topic position within text[start:end] (a source of figures is none)."""
    named = [m for m in companies.in_span(start, end) if not is_source(text, m, end)]
    if len(named) == 1 and _HEADING_BEFORE.fullmatch(text, start, named[0].start) and _HEADING_AFTER.fullmatch(
            text, named[0].end, end):
        return named[0]  # `■ 선데이토즈` over the lines of its figures (`= 매출 220억원, 영업이익 30억원`)
    subj = _unglossed(text, [m for m in named if role_of(text, m) == "subject"])
    if len({m.name for m in subj}) >= LIST_SUBJECTS:
        return None  # `SK텔레콤은 952만명, KT는 615만명, LG유플러스는 446만명이다`: a list, no one subject
    if subj and _list_run(text, named, subj[-1]) >= LIST_SUBJECTS:
        return None  # `… 6개사로 A, B, C, D가 이에 포함된다`: the last item of a list, no one subject
    if subj:
        return subj[-1]
    # `KT의 3분기 실적은 …`, `KT의 경우 …`: the company heads the sentence's topic
    # (further in, when it is the sentence's only company: `… 목표로 두고 있는 바이오니아의 행보도`)
    topical = [m for m in named if _GENITIVE_TOPIC.match(text, m.end, end)
               # (not a word that is a name too: `남성 이용자가 늘어나`)
               or (_COMPOUND_TOPIC.match(text, m.end, end) and not is_common_word(m.surface))]
    # (or the one company heading a topic: `한빛그룹 내 계열사인 한빛랜드의 실적도 개선됐다`)
    head = [m for m in topical if m.start - start <= TOPIC_HEAD_REACH or len({x.name for x in named}) == 1
            or len({x.name for x in topical}) == 1]
    return head[0] if head else None


# what may stand before a sentence's heading company: nothing, or the period it speaks of
_LEADING_PERIOD = re.compile(
    r"\s*(?:(?:(?:같은|동|이)\s?기간|올해|지난해|작년|(?:올\s?)?[1-4]\s?분기|[상하]반기)\s)?\s*")
_LIST_JOIN = re.compile(r"\s?[,·]\s?|\s?(?:와|과)\s|\s{1,3}")  # (stripped: spaces only)


def _list_run(text: str, named: list[CompanyMention], last: CompanyMention) -> int:
    """How many companies, `last` among them, are listed one after another up to `last` (`A, B, C가`)."""
    run, k = 1, named.index(last)
    while k > 0 and _LIST_JOIN.fullmatch(text, named[k - 1].end, named[k].start):
        run, k = run + 1, k - 1
    return run


# a line that is only a company's name, under a bullet: the heading of the lines after it
_HEADING_BEFORE = re.compile(r"\s*[■□▶▷◆◇●○◎▣※#<\[【]\s*")
_HEADING_AFTER = re.compile(r"\s*(?:\(\s?\d{6}\s?\))?\s*[\]】>]?\s*")


# `JYP 매출액은 …`, `한빛제약 반기 매출은 …`: the company standing before the (period's) metric the sentence is about
# (`카카오페이 간편결제 서비스 가입자 수도`: a word or two of what it runs between)
_COMPOUND_TOPIC = re.compile(r"\s(?:[가-힣A-Za-z]{2,6}(?<![은는이가을를의도과와])\s){0,2}?"
                             r"(?:(?:[1-4]분기|[상하]?반기|연간|\d{4}년)\s)?"
                             r"(?:매출액?|영업이익|영업손실|순이익|순손실|당기순이익|직원\s?수|가입자\s?수?"
                             r"|이용자\s?수?|MAU)(?:은|는|이|가|도)(?![가-힣])")
# a genitive within this many characters of the sentence start can head its topic
TOPIC_HEAD_REACH = 12
_GENITIVE_TOPIC = re.compile(
    r"(?:\s?[(\[]\s?\d{5,6}\s?[)\]])?의\s(?:경우|[가-힣A-Za-z0-9·]+(?<![을를])(?:\s[가-힣A-Za-z0-9·]+(?<![을를])){0,4}?"
    # (`X의 월간 이용자 수(MAU, 모바일인덱스)는`; `X의 영업이익만 유일하게 감소했다`)
    r"(?:\([^()]{1,30}\))?(?:은|는|이|가|도|만))(?![가-힣])"
)


# `잡코리아가 24개사의 사업보고서를 분석한 결과`, `한국거래소가 발표한 자료`, `와이즈앱에 따르면`: the company
# reports figures, it does not own them
_SOURCE_CLAUSE = re.compile(
    r"\s?(?:이|가|은|는|도)?\s(?:[^.?!]{0,70}?)(?:분석|조사|집계|발표|공개|공시|추산|추정|전망|예상|내놓|제출|파악)(?:한|했던|된)?\s?"
    # (not what others estimated, set against the figure: `시장이 추정한 것보다 61.54% 적은`)
    r"(?:결과|자료|보고서|통계|데이터|바에|내용|데|것(?!\s?(?:보다|에\s?비해|과\s?달리|와\s?달리))"
    r"|(?:[^.?!\s]{1,12}\s){0,2}(?:증권)?신고서"
    # (`CJ ENM이 공시한 지난해 사업보고서에 따르면 티빙의 …`: a filing of the reporter's about another)
    r"|(?:[^.?!\s]{1,12}\s){0,2}[가-힣]{0,4}보고서에\s?따르면)"
    r"|\s?(?:에\s?따르면|에\s?의하면|의\s?(?:분석|조사|집계|자료|통계))"
    # `비즈니스워치가 16일 집계한 A, B, C 등 4대 화학사의 영업이익은`: the one tallying others' figures
    r"|\s?(?:이|가)\s(?:\d{1,2}일\s)?(?:분석|조사|집계)한\s(?!자사|자체)"
    # `이정민 IBK투자증권 연구원은 "… 매출 486억원 …"`: an analyst's firm
    r"|\s(?:연구원|애널리스트|리서치센터장|수석연구위원)(?:은|는|이|가|도)?\s"
    # `신한투자증권은 실적 전망치로 매출 371억원을 제시했는데`: a broker's estimate of another company's figures
    r"|\s?(?:은|는|이|가|도)?\s(?:[^.?!]{0,12}?)(?:전망치|추정치|예상치)(?:로|를\s?(?:제시|내놨|발표))"
)


@cache
def _data_sources() -> frozenset[str]:
    from etl.facts.companies import lexicon

    return lexicon().data_sources


def is_source(text: str, m: CompanyMention, sent_end: int) -> bool:
    """The company is the source of the sentence's figures (an analyst, an exchange, a data firm), or set
    aside from them (`CJ대한통운의 실적은 제외한 매출액은`)."""
    if m.name in _data_sources() or m.surface in _data_sources():
        return True
    # `DB금융투자는 A의 올해 매출이 … 기록할 것으로 전망했다`: a broker forecasting another company's figures;
    # `유진투자증권도 35만원에서 28만원으로 내렸다`: one moving its target price
    if m.name.endswith(_BROKER_ENDINGS) and (_FORECAST_VERB.search(text, m.end, sent_end)
                                           or _TARGET_ACT.search(text, m.end, sent_end)):
        return True
    if _EXCLUDED_AFTER.match(text, m.end):
        return True
    return _source_clause(text[m.end : min(sent_end, m.end + 90)])


_BROKER_ENDINGS = ("증권", "금융투자", "리서치")
# (the broker's own act: `예상된다` says what is expected of the subject, `증권사들은 … 1조원을 넘을 것으로 예상된다`)
_FORECAST_VERB = re.compile(r"(?:전망|추정|예상|내다보|내다봤)(?:했다|한다|하고|했으며|한\s바)?[.\s]")
_TARGET_ACT = re.compile(r"목표\s?(?:주가|가)|투자\s?의견|(?:내렸|낮췄|하향|상향)")
# `X(000120)의 실적은 제외한`, `X를 제외하면`
_EXCLUDED_AFTER = re.compile(
    r"(?:\s?[(\[]\s?\d{5,6}\s?[)\]])?(?:의\s?(?:실적|매출|이익|인원|직원)?\s?)?(?:은|는|을|를)?\s?제외(?:한|하면|하고|했을)"
    # (a bracket leaving them out of a group: `35개사(롯데제과와 롯데푸드는 합병에 따라 제외)의 매출은`)
    r"|(?:\s?(?:와|과|,)\s?[^()\s]{1,15})*(?:은|는|이|가)\s[^()]{0,20}제외(?:\s?\)|\s{1,3}의\s)")


# Each figure of a sentence asks again of the same mentions; the pattern has no lookaround, so what it
# matches depends only on the characters after the mention, and the answer is kept per those characters.
@lru_cache(maxsize=8192)
def _source_clause(after: str) -> bool:
    m = _SOURCE_CLAUSE.match(after)
    # (`다음커뮤니케이션은 21일 3분기 실적을 집계한 결과 매출 …`: a company tallying its own results reports them)
    return m is not None and not _OWN_RESULTS_TALLIED.match(after, 0, m.end())


_OWN_RESULTS_TALLIED = re.compile(
    r"\s?(?:은|는|이|가)\s(?:\d{1,2}일\s)?(?:[^\s.]+\s){0,2}?(?:실적|결산)을\s(?:잠정\s)?(?:집계|결산)")


# a quoted name right before a cue: `'KB스타뱅킹' MAU`, `‘별빛러너’의 누적 다운로드`
_QUOTED_HEAD = re.compile(r"['‘\"“]([^'’\"”]{2,20})['’\"”]\s?(?:의\s)?$")
# `520억 원이었던 X의`, `595명에 불과했던 X`: the figure is a past state of what follows
_PAST_STATE_LINK = re.compile(r"\S+(?:\s[원명건%]\S*)?(?:이었던|였던|이던|에\s?(?:불과했|그쳤|달했)던)\s+")


# a metric word with the topic particle after a name: `아우스터 매출은 `
_TOPIC_AFTER_NAME = re.compile(r"\s?[가-힣A-Za-z]{1,8}(?:은|는)\s")


def attribute(
    text: str,
    sent_start: int,
    sent_end: int,
    num_start: int,
    cue_start: int,
    companies: CompanyIndex,
    carried: CompanyMention | None,
    *,
    figure: bool = True,
    main_allowed: bool = True,
) -> Attribution:
    """The company a fact at `num_start` (cue at `cue_start`) in the sentence belongs to.

    `main_allowed` is False in an article that gives figures for several companies: a sentence that
    names none of them does not fall back to the article's main company.
    """
    # companies named as the yardstick of a comparison, or as the source of the figures, own none of them;
    # a company reporting its own figures (`당근마켓에 따르면 누적가입자 수는`) owns them when it is the only one
    if figure:  # `삼성전자의 감소는 한국전력공사(3분기 영업손실 7조5309억원)에 이어`: a company's own bracket
        glossing = [m for m in companies.in_span(max(sent_start, num_start - 30), num_start) if m.end <= num_start]
        if glossing and _IN_BRACKET.fullmatch(text, glossing[-1].end, num_start) and cue_start > glossing[-1].end:
            m = glossing[-1]
            return Attribution(m.name, m, "attr:compound", f"the figure stands in the bracket after '{m.surface}'",
                               0.85)
    named_all = [m for m in companies.in_span(sent_start, sent_end) if role_of(text, m) != "comparison"]
    if figure:  # `하나금융(2조687억원)을 앞서고`: a yardstick's own bracketed figure is its own
        yardstick = [m for m in companies.in_span(max(sent_start, num_start - 40), num_start)
                     if _OWN_BRACKET.fullmatch(text, m.end, num_start)]
        if yardstick and yardstick[-1] not in named_all:
            m = yardstick[-1]
            return Attribution(m.name, m, "attr:list-item", f"the figure is bracketed right after '{m.surface}'", 0.85)
    in_sent = [m for m in named_all if not is_source(text, m, sent_end)]
    if figure and not in_sent:
        own = [m for m in named_all if role_of(text, m) == "source" and m.name not in _data_sources()]
        # (`X에 따르면 … 주요 증권사 25곳의 직원 수는`: the figure of a counted group is not the reporter's)
        if own and not (is_total(text, sent_start, cue_start)
                        or _group_owner_re().search(text, own[-1].end, cue_start) is not None):
            m = own[-1]
            return Attribution(m.name, m, "attr:according-to", f"'{m.surface}에 따르면': it reports its own figure",
                               0.8)
    anchor = min(num_start, cue_start)
    before_number = [m for m in in_sent if m.end <= num_start]
    # `한빛카드의 순익은 2610억원에서 3120억원으로, 누리카드는 870억원에서 940억원으로`: a subject between
    # the cue and the figure takes the figures after it
    between = [m for m in before_number if m.start > cue_start and role_of(text, m) == "subject"]
    if figure and between and cue_start < num_start and between[-1] is before_number[-1]:
        m = between[-1]
        return Attribution(m.name, m, "attr:subject", f"'{m.surface}' is the subject of the clause holding the figure",
                           0.9)
    # the figure right after its company: `포스코켐텍(306억원)`, `큐리언트 59억원` (a list of companies)
    if figure and before_number:
        m = before_number[-1]
        product = _PRODUCT_ITEM_GAP.fullmatch(text, m.end, num_start)
        if _LIST_ITEM_GAP.fullmatch(text, m.end, num_start) or (product and names_product(product["product"])):
            if _JOINT_BEFORE.search(text, max(sent_start, m.start - 21), m.start):
                # `스페이스넷·프리텔레콤(37만1000명)`: one figure of two companies together is neither's
                return Attribution(None, None, "attr:total",
                                   f"the figure after '{m.surface}' is that of two names joined by '·'", 0.0)
            return Attribution(m.name, m, "attr:list-item", f"the figure is written right after '{m.surface}'", 0.9)
    # `520억 원이었던 한빛산업의 영업이익은`, `595명에 불과했던 한빛게임 직원 수는`: a figure predicated of the cue
    # after it belongs to the cue's genitive or compound
    if figure and cue_start > num_start:
        inner = [m for m in in_sent if num_start < m.start and m.end <= cue_start
                 and (role_of(text, m) == "genitive"
                      or (role_of(text, m) == "bare" and text[m.end:cue_start].isspace()))
                 and cue_start - m.end <= 14 and _PAST_STATE_LINK.fullmatch(text, num_start, m.start)]
        if inner:
            m = inner[-1]
            return Attribution(m.name, m, "attr:genitive", f"'{m.surface}의' governs the cue the figure is said of",
                               0.9)
    # genitive / compound right before the cue: "X의 매출", "X 매출", "X의 AI 엔진 오류율"
    for m in reversed([m for m in in_sent if m.end <= anchor]):
        gap = text[m.end : anchor]
        role = role_of(text, m)
        if len(gap) <= 14 and role == "genitive" and not _SUBJECT_IN_GAP.search(gap[2:]):
            # `한빛포털과 누리톡의 직원 수는 총 7120명`: two companies' figure together is neither's
            partner = next((p for p in in_sent if p.end <= m.start and _JOINED.fullmatch(text, p.end, m.start)), None)
            if partner is not None and "각각" not in text[sent_start:sent_end]:
                return Attribution(None, None, "attr:total",
                                   f"'{partner.surface}' and '{m.surface}' together own the figure: nobody's own", 0.0)
            if _JOINT_BEFORE.search(text, max(sent_start, m.start - 21), m.start):
                # `KB국민·신한·우리·KEB하나은행의 당기순이익은 총 …`: the names joined by `·` own it together
                return Attribution(None, None, "attr:total",
                                   f"'{m.surface}의' closes names joined by '·': their figure together", 0.0)
            return Attribution(m.name, m, "attr:genitive", f"'{m.surface}의' governs the cue", 0.95)
        gap = _CODE_IN_GAP.sub("", gap)  # `모아전자(012340) 직원 수는`
        # `테고사이언스(영업이익 16억원, …)와`, `한국전력공사(3분기 영업손실 7조5309억원)`
        if (gap.strip() == "" and role == "bare") or _OPEN_GLOSS.fullmatch(gap):
            # `KT와 KT스카이라이프 가입자 수 합산은`: two companies' figure together is neither's
            partner = next((p for p in in_sent if p.end <= m.start and _JOINED.fullmatch(text, p.end, m.start)), None)
            if partner is not None and "각각" not in text[sent_start:sent_end]:
                return Attribution(None, None, "attr:total",
                                   f"'{partner.surface}' and '{m.surface}' together own the figure: nobody's own", 0.0)
            return Attribution(m.name, m, "attr:compound", f"'{m.surface}' stands right before the cue", 0.9)
        if role == "bare" and _compound_modifiers().fullmatch(gap):  # `카카오톡 글로벌 사용자수는`
            return Attribution(m.name, m, "attr:compound",
                               f"'{m.surface}' stands before the cue with only '{gap.strip()}' between", 0.85)
        if role == "bare" and _FIGURE_CHAIN.fullmatch(gap):  # `모아나라 매출 87억·영업적자 64억`
            return Attribution(m.name, m, "attr:compound",
                               f"'{m.surface}' heads a chain of figures ('{gap.strip()}' before this one)", 0.85)
        break
    # (in a sentence naming no company of its own anywhere before the cue: `잡코리아가 … 24개사의 사업보고서를
    # 분석해본 결과 총 직원 수는`)
    if figure and (is_total(text, sent_start, cue_start)
                   or (not in_sent and _group_owner_re().search(text, sent_start, cue_start) is not None)):
        return Attribution(None, None, "attr:total",
                           "a figure over several companies (N개 기업, 3사, 합친 …): nobody's own", 0.0)
    subj = _unglossed(text, [m for m in before_number if role_of(text, m) == "subject"])
    if not subj and not figure:
        # an event's subject may follow its cue: "2015년 설립된 누리테크는 …"
        subj = [m for m in in_sent if m.start >= num_start and role_of(text, m) == "subject"][:1]
    if subj:
        m = subj[-1]
        return Attribution(m.name, m, "attr:subject", f"'{m.surface}' is the clause subject", 0.9)
    # `아우스터 매출은 661만달러로 … 늘었으나 영업손실이 1630만달러를 기록했다`: the company heading the sentence's
    # topic owns its later figures, when it is the only company the sentence names
    # (after the period it speaks of: `같은 기간 CU 매출은 …이었지만 영업이익은 602억 원으로`)
    heads = [m for m in before_number if role_of(text, m) == "bare" and _TOPIC_AFTER_NAME.match(text, m.end)
             and _LEADING_PERIOD.fullmatch(text, sent_start, m.start)]
    if figure and heads and {m.name for m in in_sent} == {heads[0].name}:
        m = heads[0]
        return Attribution(m.name, m, "attr:compound", f"'{m.surface}' heads the topic of the sentence", 0.85)
    # `매출이 가장 높은 회사는 … 1조3120억원을 기록한 유한양행이다`, `3위는 8320억원의 매출을 올린 종근당으로`
    topic = _FOCUS_TOPIC.search(text, sent_start, num_start) if figure else None
    if topic:
        focus = [m for m in in_sent if m.start >= topic.end() and _FOCUS_END.match(text, m.end, sent_end)]
        if focus:
            m = focus[0]
            return Attribution(m.name, m, "attr:focus", f"'{m.surface}' is the focus the sentence identifies", 0.85)
    # `1996억원 영업이익을 낸 '씨젠'도 …`: the figure of a relative clause belongs to the subject it modifies
    if figure:
        # (`영업이익 5천억 원에 그친 한빛전자를 넘어서`: the yardstick's own figure is the yardstick's)
        after = [m for m in named_all if m.start > num_start and
                 (role_of(text, m) == "subject" or m.start - num_start <= RELATIVE_REACH)]
        if after and _RELATIVE_HEAD.search(text, max(sent_start, after[0].start - 6), after[0].start):
            m = after[0]
            return Attribution(m.name, m, "attr:relative",
                               f"the figure is in a clause modifying '{m.surface}', the subject", 0.85)
    # `국내 은행의 당기순이익이 5조5000억원으로 KDB산업은행의 …`: a market's genitive heads the cue and no
    # company is named before the figure: the companies after it own none of it
    if (figure and before_number == [] and cue_start < num_start
            and _aggregate_genitive().search(text, max(sent_start, cue_start - 20), cue_start)):
        return Attribution(None, None, "attr:aggregate",
                           "a market-wide figure (국내/시장/업계 …) headed by no company of the sentence", 0.0)
    src = [m for m in in_sent if role_of(text, m) == "source"]
    if src:
        m = src[-1]
        return Attribution(m.name, m, "attr:according-to", f"'{m.surface}에 따르면' is the source", 0.85)
    sentence = text[sent_start:sent_end]
    named = {m.name for m in in_sent}
    heads_list = any(role_of(text, m) == "genitive" for m in before_number)
    # `텐센트 6월 신작 '백야극광'은 … 가입자 수 1000만 명`: the company of the quoted product the clause is about
    heads_list = heads_list or any(_OWNS_QUOTED_SUBJECT.match(text, m.end) for m in before_number)
    main = companies.main if main_allowed else None
    if len(named) == 1 and ((carried is not None and carried.name in named) or main in named or heads_list):
        m = before_number[-1] if before_number else in_sent[0]
        return Attribution(
            m.name,
            m,
            "attr:only-company",
            f"'{m.surface}' is the only company the sentence names and the one it is about",
            0.8,
        )
    # `시중은행에선 'KB스타뱅킹' MAU 1152만명`: a quoted name the article does not know heads the cue: the figure is
    # that product's or company's, no one's the discourse carries
    quoted = _QUOTED_HEAD.search(text, max(sent_start, cue_start - 25), cue_start) if figure else None
    if quoted and not companies.in_span(quoted.start(), quoted.end()):
        return Attribution(None, None, "attr:none", f"'{quoted.group(1)}', a name no list knows, heads the cue", 0.0)
    carry_cue = next((c for c in _rules()["carry_cues"] if str(c) in sentence), None)  # type: ignore[union-attr]
    others = [m for m in in_sent if role_of(text, m) != "oblique"]
    if figure and not in_sent and not carry_cue and _aggregate(text, sent_start, cue_start):
        return Attribution(
            None,
            None,
            "attr:aggregate",
            "a market-wide figure (국내/시장/업계 …) in a sentence that names no company",
            0.0,
        )
    # `한빛경제연구소는 지난해 매출 …`: a sentence about an institute no list knows as a company is not about
    # the company the discourse carries
    if figure and not others and _institution_topic().match(text, sent_start, cue_start):
        return Attribution(None, None, "attr:none", "the sentence's topic is an institute, not a company", 0.0)
    if figure and carried is not None and not in_sent and not carry_cue and _SUM_BEFORE.search(
            text, max(sent_start, num_start - 4), num_start) and _names_several(text, carried, companies):
        # `SK텔레콤이 약 46%, KT와 LG유플러스가 각각 31%, 23%의 비중을 차지했다. … 5G 가입자는 총 1185만명`:
        # the sum after a sentence sharing the market among several companies is no one of theirs
        return Attribution(None, None, "attr:aggregate",
                           "a sum (총) after a sentence naming several companies, in a sentence naming none", 0.0)
    # companies named only as objects (`X와 협약을 맺고`, `X에 공급`) leave the subject to the discourse, and so
    # do those modifying another noun after the figure (`당기순이익은 2456억원으로 SK하이닉스 지분법 이익 등이 …`)
    later = figure and cue_start < num_start and len(others) == 1 and all(
        m.start > num_start and role_of(text, m) in ("bare", "genitive") and _MODIFIES_NOUN.match(text, m.end)
        for m in others)
    if carried is not None and (carry_cue or not others or later):
        why = f"'{carry_cue}' refers back" if carry_cue else "the sentence names no company"
        return Attribution(
            carried.name,
            carried,
            "attr:carry-over",
            f"{why}; carried over '{carried.surface}' from the sentences before",
            0.8,
        )
    # (a data source reports figures, it owns none; nor does the main company where it is this sentence's source:
    # `누리커뮤니케이션이 공시한 증권신고서에 따르면 …`)
    sources = {m.name for m in named_all} - {m.name for m in in_sent} if figure else set()
    if main and not others and main not in _data_sources() and main not in sources:
        return Attribution(
            main,
            None,
            "attr:main",
            f"the sentence names no other company; '{main}' is the article's main company",
            0.6,
        )
    return NONE


# a company modifying the noun after it (`SK하이닉스 지분법 이익`), not an item of a list or with its own figure
_MODIFIES_NOUN = re.compile(r"(?:의)?\s[가-힣A-Za-z]{2,}(?!\s?[,·])")
# `총 1185만명`: a sum written as one
_SUM_BEFORE = re.compile(r"(?<![가-힣])총\s?$")


def _names_several(text: str, carried: CompanyMention, companies: CompanyIndex) -> bool:
    """The sentence the carried subject comes from names more than one company."""
    span = companies.in_span(clause_start(text, carried.start), clause_end(text, carried.end))
    return len({m.name for m in span}) > 1


@cache
def _total_re() -> re.Pattern[str]:
    pats = [str(p) for p in _rules().get("total_patterns", [])]  # type: ignore[union-attr]
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else re.compile(r"(?!)")


@cache
def _group_owner_re() -> re.Pattern[str]:
    pats = [str(p) for p in _rules().get("group_owner_patterns", [])]  # type: ignore[union-attr]
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else re.compile(r"(?!)")


def is_total(text: str, sent_start: int, cue_start: int) -> bool:
    """The cue at `cue_start` is of a figure over several companies (`N개 기업`, `양사의`, `합친`)."""
    window = int(_rules().get("total_window", 25))  # type: ignore[arg-type]
    # (not the group a company is picked out of: `8개 은행 중에서 X는 순익이 …`)
    if any(not _AMONG_AFTER.match(text, m.end())
           for m in _total_re().finditer(text, max(sent_start, cue_start - window), cue_start)):
        return True
    # (`7개 전업 카드사(신한·삼성·KB국민·현대·롯데·우리·하나)의 작년 말 총 개인 회원 수`: the group's members
    # listed in brackets stand between)
    before = text[max(sent_start, cue_start - 4 * window) : cue_start]
    if "(" not in before:
        return False
    return _total_re().search(_BRACKETED.sub("", before)[-window:]) is not None


_BRACKETED = re.compile(r"\([^()]{1,80}\)")
_AMONG_AFTER = re.compile(r"\s?(?:중|가운데)(?:에서|에선)?\s")


# a sentence's topic: its words up to the first topic or subject particle (`코스피 상장사의 3분기 실적은`),
# when it speaks of performance (`추정치 대비 소폭 낮은 수치다` does not)
_TOPIC = re.compile(r"[^.?!\n]{0,30}?(?:은|는|이|가)(?=\s)")


def aggregate_topic(text: str, sent_start: int, sent_end: int, companies: CompanyIndex) -> bool:
    """The sentence is about a market's or an industry's performance (`코스피 상장사의 3분기 실적은 견조했다`):
    it names no company and an aggregate word stands in its topic. Figures after it with no company of their own are
    the aggregate's."""
    if companies.in_span(sent_start, sent_end):
        return False
    m = _TOPIC.match(text, sent_start, sent_end)
    if m is None:
        return False
    said = [*_rules()["performance_words"], *_rules()["overall_words"]]  # type: ignore[misc]
    topic = _WHOLE_PERIOD.sub("", m.group())
    return (any(str(w) in topic for w in said)
            and any(str(w) in topic for w in _rules()["aggregate_words"]))  # type: ignore[union-attr]


@cache
def _aggregate_genitive() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in _rules()["aggregate_words"])  # type: ignore[union-attr]
    return re.compile(rf"(?:{words})[가-힣\s]{{0,8}}의\s$")


def _aggregate(text: str, sent_start: int, cue_start: int) -> bool:
    window = int(_rules()["aggregate_window"])  # type: ignore[arg-type]
    before = _WHOLE_PERIOD.sub("", text[max(sent_start, cue_start - window) : cue_start])
    return any(str(w) in before for w in _rules()["aggregate_words"])  # type: ignore[union-attr]


# `2017년 전체 매출액`: the whole of a period, not of a market
_WHOLE_PERIOD = re.compile(r"(?:\d{2,4}\s?년|올해|지난해|작년|연간|상반기|하반기|분기)\s?전체")


def carried_subject(
    text: str, sentences: Sequence[tuple[int, int]], idx: int, companies: CompanyIndex
) -> CompanyMention | None:
    """The company the discourse is about before sentence `idx` (subject of the last sentences)."""
    window = int(_rules()["carry_window"])  # type: ignore[arg-type]
    subjects = _subjects_of(text, companies)
    for k in range(idx - 1, max(-1, idx - 1 - window), -1):
        span = sentences[k]
        if span not in subjects:
            subjects[span] = subject_of(text, span[0], span[1], companies)
        m = subjects[span]
        if m is not None:
            return m
    return None


# Every figure and event of an article looks back over the same sentences for their subject: the
# subjects of the last article asked about are kept, per sentence span. The memo holds the text and
# the index it was made for, so another article (other objects, while these are alive) starts anew.
_subject_memo: tuple[str, CompanyIndex, dict[tuple[int, int], CompanyMention | None]] | None = None


def _subjects_of(text: str, companies: CompanyIndex) -> dict[tuple[int, int], CompanyMention | None]:
    global _subject_memo
    if _subject_memo is None or _subject_memo[0] is not text or _subject_memo[1] is not companies:
        _subject_memo = (text, companies, {})
    return _subject_memo[2]
