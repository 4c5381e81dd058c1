"""Company discovery without a closed list.

A name becomes a company of the article when some context says so:
- the alias seed (`seeds/company_aliases.csv`: alias / product → canonical company),
- corporate forms (`㈜X`, `(주)X`, `주식회사 X`),
- appositives (`클라우드 보안 기업 누리테크는`, `카카오의 자회사 X가`),
- a title next to it (`홍길동 X 대표는`, `X 대표 홍길동`, `X 측은`),
- the subject of a reporting sentence (`X는 … 밝혔다`) or an `X에 따르면` source,
- a corporate suffix (`…전자`, `…바이오`, `…파트너스`, `LG이노텍`) on a word that is not generic.
Candidate stems that Kiwi knows as ordinary dictionary words (업계, 보고서, 회사) are rejected; Kiwi
is called on candidate stems only and the instance is cached.

Products found in context (`<Company>의 … 앱 <Product>`, `<Product>를 운영하는 <Company>`) resolve
to their company. All lexicons live in `etl/rules/companies.toml`.
"""

from __future__ import annotations

import re as stdre
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate, chain, compress
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import regex as re

from etl.facts.gazetteer import STOCK_CODE, Gazetteer, KnownName, gazetteer, is_ambiguous
from etl.records import CompanyMention
from etl.text import fastre
from etl.text.fastre import WHITESPACE
from etl.text.sentences import unglue_stops

RULES = Path(__file__).resolve().parents[1] / "rules" / "companies.toml"

# An eojeol as a name can hold it. Split on with the stdlib engine (faster than `regex` at this
# scan; WHITESPACE is the `regex` module's \s): the capture group keeps the words between the
# separators, and the running lengths of the pieces are the words' offsets.
# (`=` too: a credit's label, `[자료=아이지에이웍스]`, `사진=X 제공`, is no part of a name)
_WORD_SPLIT = stdre.compile(f"([^{WHITESPACE}()\\[\\]<>\"'‘’“”「」『』,·△▲▽▼▷▶◇◆□■○●※☞=Δ]+)")
_HANGUL = fastre.compile(r"[가-힣]")
_LATIN_WORD = fastre.compile(r"[A-Z][A-Za-z0-9&.\-]*")
_PERSON = fastre.compile(r"[가-힣]{2,4}")
_LATIN_NAME = fastre.compile(r"[A-Z][A-Za-z0-9&.\-]*(?: [A-Z0-9][A-Za-z0-9&.\-]*){0,3}")
# (`ⓒ아시아 대표 석간`: a copyright mark glued to the publisher it credits is no name either)
_DIGIT_OR_NONWORD_START = fastre.compile(r"^[\d\Wⓒ©]")
# a model number (`P7`, `S24`, `X100`) names a product, not a company
_MODEL_NUMBER = fastre.compile(r"[A-Z]{1,3}\d{1,4}[A-Za-z]?")
_COUNTED_END = fastre.compile(r"\d+(?:년|월|일|명|개|억|만|원)$")
_SHORT_CAPS = fastre.compile(r"[A-Z]{1,4}")
_BARE_ACRONYM = fastre.compile(r"[A-Z0-9]{1,5}")
_DATE_OPENER = fastre.compile(r"\d+일|지난|\d+월")
_NAME_CHAR = fastre.compile(r"[가-힣A-Za-z0-9]")
_EOJEOL_REST = fastre.compile(r"[^\s()\[\]<>\"'‘’“”,.·]*")
_ALNUM = fastre.compile(r"[A-Za-z0-9]")
_CORP_MARKS = fastre.compile(r"\(주\)|㈜|주식회사|\s+")
# `(주)플로섬`, `㈜한빛`, `주식회사 누리`, and a mark after the name it belongs to with nothing between
# (`누리(주)`; in `민간사업자인 (주)플로섬` the mark is the next name's)
_CORP_FORM = fastre.compile(
    r"(?:㈜|\(주\)|주식회사)\s*([A-Za-z0-9가-힣&]+(?:\s[A-Z][A-Za-z0-9&]*)*)|([A-Za-z0-9가-힣&]{2,})(?:㈜|\(주\))"
    # (the form written after the name, as a word: `라인 주식회사는`)
    r"|([A-Za-z0-9가-힣&]{2,})\s주식회사(?=(?:은|는|이|가|의|도|와|과)\s)"
)


@dataclass(frozen=True)
class CompanyLexicon:
    suffixes: tuple[str, ...]
    generic: frozenset[str]
    generic_prefixes: frozenset[str]
    non_company: frozenset[str]
    non_company_suffixes: tuple[str, ...]
    device_lines: tuple[str, ...]  # product lines whose devices (`아이폰12`) name no company
    appositive_heads: tuple[str, ...]
    titles: frozenset[str]
    reporting_verbs: tuple[str, ...]
    particles: tuple[str, ...]
    product_heads: frozenset[str]
    owned_product_heads: frozenset[str]  # heads of a product only after its owner's genitive
    operated_kinds: frozenset[str]  # kinds of what a company runs, before its name (`운영하는 편의점 CU`)
    product_verbs: frozenset[str]
    product_owner_nouns: frozenset[str]
    sentence_openers: frozenset[str]
    not_person: frozenset[str]
    surnames: frozenset[str]
    latin_suffixes: frozenset[str] = frozenset()
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (company, relation)
    ambiguous_names: frozenset[str] = frozenset()  # known names that are ordinary words too (한화)
    # what follows a company's name when the sentence reports its figure (`의 2분기 매출은`)
    reports_figure: stdre.Pattern[str] = stdre.compile("(?!)")
    figure_compound: stdre.Pattern[str] = stdre.compile("(?!)")  # `토스 월간 이용자수`
    branch_word: stdre.Pattern[str] = stdre.compile("(?!)")  # `일본법인`: a part of the company named before it
    short_latin_names: frozenset[str] = frozenset()  # two-letter names that are companies (LG, SK)
    data_sources: frozenset[str] = frozenset()  # firms and bodies that report others' figures
    person_heads: frozenset[str] = frozenset()  # nouns before a person's name (배우, 선수, 회장 …)
    currency_names: frozenset[str] = frozenset()  # company names that also name a currency (한화)
    business_words: frozenset[str] = frozenset()  # words that make a text business news


@cache
def lexicon() -> CompanyLexicon:
    data: dict[str, Any] = tomllib.loads(RULES.read_text(encoding="utf-8"))
    ordinary = frozenset(data.get("ambiguous_names", []))
    short_latin = frozenset(data.get("short_latin_names", []))
    # the spellings the seeds know (listed companies, aliases, products): context rules need not find them
    aliases = {surface: (k.company, k.relation) for surface, k in gazetteer().names.items()}
    return CompanyLexicon(
        suffixes=tuple(sorted(data["suffixes"], key=len, reverse=True)),
        generic=frozenset(data["generic"]),
        generic_prefixes=frozenset(data["generic_prefixes"]),
        non_company=frozenset(data["non_company"]),
        non_company_suffixes=tuple(data["non_company_suffixes"]),
        device_lines=tuple(data["device_lines"]),
        appositive_heads=tuple(sorted(data["appositive_heads"], key=len, reverse=True)),
        titles=frozenset(data["titles"]),
        reporting_verbs=tuple(data["reporting_verbs"]),
        particles=tuple(sorted(set(data["particles"]), key=len, reverse=True)),
        product_heads=frozenset(data["product_heads"]),
        owned_product_heads=frozenset(data.get("owned_product_heads", [])),
        operated_kinds=frozenset(data.get("operated_kinds", [])),
        product_verbs=frozenset(data["product_verbs"]),
        product_owner_nouns=frozenset(data["product_owner_nouns"]),
        sentence_openers=frozenset(data["sentence_openers"]),
        not_person=frozenset(data["not_person"]),
        surnames=frozenset(data["surnames"]),
        latin_suffixes=frozenset(data["latin_suffixes"]),
        aliases=aliases,
        ambiguous_names=ordinary,
        reports_figure=stdre.compile(data["reports_figure"]),
        figure_compound=stdre.compile(data["figure_compound"]),
        branch_word=stdre.compile(data["branch_word"]),
        short_latin_names=short_latin,
        data_sources=frozenset(data.get("data_sources", [])),
        person_heads=frozenset(data.get("person_heads", [])),
        currency_names=frozenset(data.get("currency_names", [])),
        business_words=frozenset(data.get("business_words", [])),
    )


# ---------------------------------------------------------------------------------------------
# word-level helpers


def has_batchim(ch: str) -> bool:
    """True when a Hangul syllable ends in a consonant (decides 은/는, 이/가, 을/를, 과/와)."""
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


_AFTER_CONSONANT = {
    "은",
    "이",
    "을",
    "과",
    "으로",
    "으로는",
    "으로도",
    "으로서",
    "으로부터",
    "이라는",
    "이며",
    "이고",
    "이자",
    "이나",
    "과의",
    "과는",
    "과도",
    "이라고",
}
_RO = {"로", "로는", "로도", "로서", "로부터"}
_VERB_STEM_ENDS = ("하", "되", "받", "시키", "있", "없", "같", "많", "적")
_AFTER_VOWEL = {"는", "가", "를", "와", "와의", "와는", "와도", "라는"}


def strip_particle(word: str, lex: CompanyLexicon | None = None) -> tuple[str, str]:
    """Split a trailing josa off an eojeol (see `_strip_particle`)."""
    return _strip_particle(word) if lex is None or lex is lexicon() else _strip_particle_with(word, lex)


@lru_cache(maxsize=50000)
def _strip_particle(word: str) -> tuple[str, str]:
    return _strip_particle_with(word, lexicon())


def _strip_particle_with(word: str, lex: CompanyLexicon) -> tuple[str, str]:
    """Split a trailing josa off an eojeol: `비즈테크파트너스가` → (`비즈테크파트너스`, `가`).

    A particle is only stripped when it agrees with the stem (이/가 by final consonant), so a name
    ending in 이 (`코나아이`) keeps its last syllable.
    """
    word = word.strip("\"'‘’“”()[]<>「」『』·,.")
    lengths, known = _ending_index(lex.particles)
    for n in lengths:  # longest first, as lex.particles; one length holds at most one matching particle
        p = word[len(word) - n :]
        if len(word) > n and p in known:
            stem = word[: -len(p)].rstrip("\"'’”")  # (`'라인'이`: the closing quote before the particle)
            if not stem:
                continue
            last = stem[-1]
            if _HANGUL.match(last):
                if p in _AFTER_CONSONANT and not has_batchim(last):
                    continue
                if p in _AFTER_VOWEL and has_batchim(last):
                    continue
                # 로 follows a vowel or ㄹ; after any other final consonant it is 으로
                if p in _RO and has_batchim(last) and (ord(last) - 0xAC00) % 28 != 8:
                    continue
                # `거주하는`, `서비스되는`, `분양받은`: an adnominal verb ending, not a name and a particle
                if p in ("는", "은") and stem.endswith(_VERB_STEM_ENDS):
                    return word, ""
            return stem, p
    return word, ""


@lru_cache(maxsize=16)
def _ending_index(endings: tuple[str, ...]) -> tuple[tuple[int, ...], frozenset[str]]:
    """The distinct lengths of `endings` (longest first) and the set of them: a word's ending of each
    length is one set lookup instead of an `endswith` per ending."""
    return tuple(sorted({len(e) for e in endings}, reverse=True)), frozenset(endings)


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    # Only `analyze` of single stems, no typo correction: the typo dictionary is unused, and without the
    # multi-word (WikiData) dictionary each process holds ~340 MB instead of ~530 MB. is_common_word gives
    # the same answers either way (checked on every stem of a 2,600-article generated corpus).
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


@lru_cache(maxsize=20000)
def _kiwi_analysis(stem: str) -> tuple[tuple[str, ...], float] | None:
    """Tags and score of Kiwi's best analysis of `stem`, None when Kiwi fails.

    Kept per stem on its own: `is_common_word` asks for the same stem with and without `compounds`.
    """
    try:
        tokens, score = _kiwi().analyze(stem, top_n=1)[0][:2]
    except Exception:
        return None
    return tuple(t.tag for t in tokens), score


@lru_cache(maxsize=20000)
def is_common_word(stem: str, compounds: bool = True) -> bool:
    """Kiwi knows `stem` as an ordinary word or a compound of ordinary words (업계, 시장조사업체).

    Unknown words (new company names) get a low analysis score; proper nouns get NNP.
    """
    if not _HANGUL.search(stem):
        return False
    analysis = _kiwi_analysis(stem)
    if analysis is None:  # Kiwi unavailable: fall back to the lexicon checks only
        return False
    tags, score = analysis
    if any(t in ("NNP", "SL", "SH") for t in tags):
        return False
    if tags and tags[-1].startswith("E") and (any(t == "VCP" for t in tags) or score > -26.0):
        # a copula form or a known sentence-final form ("설명이다") is no name; a copula read inside a
        # longer noun ("해솔인바이오" as 해솔 + 이 + ㄴ + 바이오) is Kiwi guessing at an unknown word
        return True
    if tags and tags[0].startswith("V") and tags[-1].startswith(("V", "E")):
        return True  # a verb form ("제치고") is no name; a noun ending like one ("트립모아") may be
    if tags and tags[-1] in ("XSV", "XSA", "VV", "VA", "VX") and stem[-1] in "하되":
        return True  # the stem of a `…하는`/`…되는` verb ("근무하", "서비스하", "판매하")
    if len(tags) == 1 and tags[0].startswith("N"):
        return score > -24.0
    if tags == ("NNG", "XSN") and score > -26.0:
        return True  # a known noun with a deriving suffix (증가율, 수익성, 사용자들) is one word, in any context
    # a compound of known words (시장조사업체); strong contexts accept those as names
    return compounds and score > -26.0


def _verb_form(word: str) -> bool:
    """Kiwi reads `word` as an inflected verb or adjective (`오른`, `밝힌`), not a name that looks alike."""
    analysis = _kiwi_analysis(word)
    tags = analysis[0] if analysis else ()
    return bool(tags) and tags[0].startswith("V") and tags[-1].startswith("E")


def _is_latin_name(stem: str) -> bool:
    return bool(_LATIN_NAME.fullmatch(stem))


def looks_like_name(
    stem: str, lex: CompanyLexicon | None = None, *, check_kiwi: bool = True, compounds: bool = True
) -> bool:
    if lex is None or lex is lexicon():
        return _looks_like_name(stem, check_kiwi, compounds)
    return _looks_like_name_with(stem, lex, check_kiwi, compounds)


# every rule of `_candidates` asks it of its name, the same names article after article
@lru_cache(maxsize=20000)
def _looks_like_name(stem: str, check_kiwi: bool, compounds: bool) -> bool:
    return _looks_like_name_with(stem, lexicon(), check_kiwi, compounds)


def _looks_like_name_with(stem: str, lex: CompanyLexicon, check_kiwi: bool, compounds: bool) -> bool:
    if len(stem) < 2 or stem in lex.non_company or stem in lex.generic:
        return False
    if _DIGIT_OR_NONWORD_START.match(stem) or _COUNTED_END.search(stem) or _MODEL_NUMBER.fullmatch(stem) \
            or stem.startswith(lex.device_lines):
        return False
    if not _HANGUL.search(stem):
        if not _is_latin_name(stem):
            return False
        # lone acronyms (AI, ESG, API) need the seed or a corporate context with a particle
        return len(stem.replace(" ", "")) >= 2
    # stem[1:] ends with s exactly when stem ends with s and is longer than it (one C-level call)
    if stem[1:].endswith(lex.non_company_suffixes) or lex.branch_word.fullmatch(stem):
        return False
    if _GLUED_SENTENCES.search(stem):
        return False  # `기록했다.한편`: two sentences glued; `신한ㆍ국민ㆍ우리은행`: a list
    if check_kiwi and len(stem) >= 4 and stem.endswith("수") and is_common_word(stem[:-1], compounds=False):
        return False  # `동호회수`, `커뮤니티수`: the count of a common noun
    return not (check_kiwi and is_common_word(stem, compounds))


def company_suffix(stem: str, lex: CompanyLexicon | None = None) -> str | None:
    """The corporate suffix `stem` ends with, if it has a non-generic prefix (`누리테크` → `테크`)."""
    if lex is None or lex is lexicon():
        return _company_suffix(stem)
    return _company_suffix_with(stem, lex)


@lru_cache(maxsize=50000)
def _company_suffix(stem: str) -> str | None:
    return _company_suffix_with(stem, lexicon())


def _company_suffix_with(stem: str, lex: CompanyLexicon) -> str | None:
    if stem in lex.generic:
        return None
    lengths, known = _ending_index(lex.suffixes)
    for n in lengths:  # longest first, as lex.suffixes; one length holds at most one matching suffix
        s = stem[len(stem) - n :]
        if len(stem) > n and s in known:
            prefix = stem[: -len(s)]
            if prefix in lex.generic_prefixes or prefix in lex.non_company:
                return None
            if len(prefix) < 2 and not _SHORT_CAPS.fullmatch(prefix) and not _HANGUL.fullmatch(prefix):
                return None  # a one-syllable Hangul prefix (엠테크) may name a company; generic ones are listed
            return s
    return None


# ---------------------------------------------------------------------------------------------
# discovery


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str  # surface name as it should be reported
    rule: str
    confidence: float


@dataclass
class CompanyIndex:
    """All company mentions of one article, the products resolved to companies, the main company."""

    mentions: list[CompanyMention]  # sorted by start; they never overlap
    products: dict[str, str]
    main: str | None
    counts: dict[str, int]
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.mentions]

    def in_span(self, start: int, end: int) -> list[CompanyMention]:
        """Mentions lying wholly in [start, end) (a bisection: an article's cost stays linear)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]


_PERSON_TAIL = stdre.compile(r"(?:[가-힣]{1,3}|[A-Z])(?:씨|군|양|옹)")


def _person_name(stem: str, lex: CompanyLexicon) -> bool:
    """A person's name (`안현수`, `김씨`, `A씨`), unless the seeds know it as a company: a surname and a
    given name Kiwi reads as one word (`마음숲` is 마음 + 숲, no person)."""
    if stem in lex.aliases:
        return False
    if _PERSON_TAIL.fullmatch(stem):
        return True
    if not is_person_like(stem, lex):
        return False
    analysis = _kiwi_analysis(stem)
    return analysis is None or len(analysis[0]) == 1


@lru_cache(maxsize=4)
def _business_re(words: frozenset[str]) -> stdre.Pattern[str]:
    from etl.text.fastre import literal_alternation

    return literal_alternation(sorted(words, key=len, reverse=True))


def ambiguous(surface: str, lex: CompanyLexicon) -> bool:
    """A known spelling that is also an ordinary word or a short acronym (see gazetteer.is_ambiguous)."""
    return is_ambiguous(surface, lex.short_latin_names, lex.ambiguous_names)


def is_person_like(word: str, lex: CompanyLexicon) -> bool:
    """2-4 Hangul syllables starting with a common surname (`하태진`), not a known non-name."""
    return bool(_PERSON.fullmatch(word)) and word[0] in lex.surnames and word not in lex.not_person and (len(word) <= 3)


@dataclass(frozen=True, slots=True)
class _Words:
    """The eojeols of a text and their offsets."""

    forms: list[str]
    starts: list[int]
    ends: list[int]


# in text stripped of punctuation a particle may stand alone after a name that had quotes or brackets
# (`'별빛연대기'를` → `별빛연대기 를`): it is glued back to the word before it
_DETACHED = frozenset({"은", "는", "이", "가", "을", "를", "의", "와", "과", "도", "에", "로", "으로", "에서", "에게"})


def _words(text: str) -> _Words:
    text = unglue_stops(text)  # `수치다.한빛투자증권의` is two words
    pieces = _WORD_SPLIT.split(text)  # separator, word, separator, …, separator
    offsets = list(accumulate(map(len, pieces)))
    forms, starts, ends = pieces[1::2], offsets[0:-1:2], offsets[1::2]
    if not _DETACHED.isdisjoint(forms):
        keep = [True] * len(forms)
        # only the detached particles are visited, in order: gluing one changes the word before it, never
        # a particle after it
        for i in compress(range(len(forms)), map(_DETACHED.__contains__, forms)):
            if i and keep[i - 1] and _GLUE_GAP.fullmatch(text, ends[i - 1], starts[i]) \
                    and forms[i - 1][-1:] not in _PARTICLE_LAST:
                forms[i - 1] += forms[i]
                ends[i - 1] = ends[i]
                keep[i] = False
        forms = list(compress(forms, keep))
        starts = list(compress(starts, keep))
        ends = list(compress(ends, keep))
    return _Words(forms, starts, ends)


# what may stand between a name and its particle: a closing quote or bracket, or the space a stripped one left
_GLUE_GAP = stdre.compile(r"['’\"”」』)\]]{1,2} ?| ")
# a word already ending in one of these may carry its own particle: nothing is glued to it (nor to
# a sentence's last word: `…이었다. 이 회사는`, stripped `…했다 이 회사는`)
_PARTICLE_LAST = frozenset("은는이가을를의와과도에로다.?!")


def _latin_run_after(words: _Words, stems: list[tuple[str, str]], i: int, name: str) -> str:
    """Extend a Latin name forwards over Latin words up to the one carrying the particle."""
    j = i
    starts, ends = words.starts, words.ends
    while j + 1 < len(starts) and len(name.split()) < 4 and starts[j + 1] - ends[j] == 1:
        nxt, part = stems[j + 1]
        if not _LATIN_WORD.fullmatch(nxt):
            break
        name, j = f"{name} {nxt}", j + 1
        if part:
            break
    return name


def _latin_run_before(words: _Words, i: int, stem: str) -> tuple[str, int]:
    """Extend a Latin stem backwards over Latin words: `LG CNS의` → (`LG CNS`, index of `LG`)."""
    name, j = stem, i
    forms, starts, ends = words.forms, words.starts, words.ends
    while j > 0 and _LATIN_WORD.fullmatch(forms[j - 1]) and len(name.split()) < 3:
        prev = forms[j - 1]
        if starts[j] - ends[j - 1] > 1:
            break
        name, j = f"{prev} {name}", j - 1
    return name, j


@dataclass(frozen=True, slots=True)
class _WordInfo:
    """What one eojeol can contribute to the rules of `_candidates`, worked out once per distinct form."""

    stem: str
    part: str
    stem_part: tuple[str, str]  # (stem, part), as `strip_particle` gives it
    suffix: str | None  # corporate suffix of the stem (`company_suffix`)
    acts: bool  # it may fire a rule as the current word (appositive/product head, title, suffix)
    acts_next: bool  # it may fire a rule of the word before it (`따르면`, a product verb or owner noun)
    opener: bool  # a sentence opener the subject rules step over (`한편`, `지난달`, `15일`)
    subject: bool  # a stem of 2+ characters with a subject particle (은/는/이/가)
    topic: bool  # a subject particle on a stem that is no person's name (recurring-subject rule)
    coordinating: bool  # ends in 와/과 (`<X>와 <Company>가`)
    possessive: bool  # ends in the genitive 의 (`<X>의 매출은`)
    focus_head: bool  # a focus head with its topic particle (`곳은`, `1위는`: `_FOCUS_HEAD`)
    clause_end: bool  # an opener, or the end of a relative clause a following name heads (`발표한`)
    also: bool  # `역시`, `또한`


def _word_info_with(form: str, lex: CompanyLexicon) -> _WordInfo:
    stem, part = strip_particle(form, lex)
    head = form[:-1] if form.endswith("인") and len(form) > 2 else form
    heads = (not part or form.endswith("인")) and (
        head.endswith(lex.appositive_heads) or form.endswith(lex.appositive_heads) or head in lex.product_heads
        or head in lex.owned_product_heads)
    suffix = company_suffix(stem, lex)
    acts = (heads or stem in lex.titles or (suffix is not None and stem not in lex.aliases)
            or stem in lex.latin_suffixes or (stem[:2] in lex.short_latin_names and len(stem) >= 4))
    acts_next = (form.startswith("따르면") or form in lex.product_verbs
                 or form.removesuffix("인") in lex.product_owner_nouns or stem in _CALLED_HEADS)
    opener = form in lex.sentence_openers or bool(_DATE_OPENER.fullmatch(form))
    subject_particle = part in _SUBJECT_PARTICLES
    subject = subject_particle and len(stem) >= 2
    topic = subject_particle and not is_person_like(stem, lex)
    return _WordInfo(
        stem, part, (stem, part), suffix, acts, acts_next, opener, subject, topic, part in ("와", "과"),
        part == "의", _FOCUS_HEAD.search(form) is not None,
        opener or _RELATIVE_END_WORD.search(form) is not None, form in _ALSO_WORDS,
    )


_SUBJECT_PARTICLES = ("은", "는", "이", "가")
_LIST_ITEM_PARTICLES = ("", *_SUBJECT_PARTICLES)
# the accounting basis a company's results are reported on, right after their subject
_RESULTS_BASIS = stdre.compile(r"\s(?:연결|별도|개별)\s?(?:재무제표\s?)?기준")
# how many words a source clause (`… 업계에 따르면`) may take before a sentence's main clause
SOURCE_WORDS = 8
# a roundup's bulleted item heading, `◆한빛전선=`, and how far after it its metric words may start
_ITEM_HEAD = stdre.compile(r"[◆■▶●◇□]\s?([가-힣A-Za-z0-9&]{2,20})\s?=")
ITEM_HEAD_REACH = 20
# a sentence going on with the places of a ranking (`이어 A(5916명), B(5226명) 순이었다`, `다음으로는 A(…), B(…)`,
# `A(6395명), B(4245명)가 뒤를 이었다`)
_RANK_OPENER = stdre.compile(r"\s*(?:이어|이어서|다음은|다음으로(?:는)?|그\s?다음(?:으로|은)?(?:는)?)\s")
_RANK_CLOSER = stdre.compile(r"뒤를\s?이었|순이었|순이다|순으로\s?(?:나타|집계|조사)")


def ranking_goes_on(text: str, start: int, end: int) -> bool:
    """The sentence in [start, end) goes on with the places of a ranking."""
    return _RANK_OPENER.match(text, start, end) is not None or _RANK_CLOSER.search(text, start, end) is not None


@lru_cache(maxsize=50000)
def _word_info(form: str) -> _WordInfo:
    return _word_info_with(form, lexicon())


_DIGIT = stdre.compile(r"\d")
_IDENTITY_END = stdre.compile(
    r"(?:회사|기업|업체|스타트업|벤처기업|법인|제조사|개발사|플랫폼 기업)"
    r"(?:이다|다|에요|예요|이에요|입니다|였다|이었다)[.!]?\s*$"
)
_FOCUS_HEAD = stdre.compile(r"(?:곳|기업|회사|업체|주인공|위|사)(?:은|는)$")
_FOCUS_COPULA = stdre.compile(r"([가-힣A-Za-z0-9&]{2,20}?)(?:이었다|였다|이다)[.!?]?")
_RELATIVE_END = stdre.compile(r"(?:한|된|인|던|린|낸|둔|은)$")
_FOCUS_TAIL = stdre.compile(r"([가-힣A-Za-z0-9&]{2,20}?)(?:이었다|였다|이다|이에요|에요|예요|입니다|다|으로|로)[.!?]?")
# the focus glossed with its figure before the copula: "가장 많은 기업은 ‘X’(1,905명)였다"
# (or a ranking's item, the list going on: `3위는 X (64,109명), 4위는 …`)
_FOCUS_GLOSSED = stdre.compile(r"['’\"”]?\s?\([^()]{1,20}\)\s?(?:(?:이었다|였다|이다|다|으로|로|이며)(?![가-힣])|,)")


# a word that is a metric cue plus at most this many characters (`직원수`, `매출액`) is a metric word, also after
# a modifier of at most METRIC_WORD_HEAD characters (`카드회원수`)
METRIC_WORD_TAIL = 2
METRIC_WORD_HEAD = 3


@cache
def by_company_head() -> stdre.Pattern[str]:
    """A breakdown by company (`사업자별로는`): its list items name companies."""
    from etl.facts.metrics import facts_rules

    return stdre.compile(str(facts_rules()["attribution"]["by_company_head"]))


@cache
def _metric_cue_start() -> stdre.Pattern[str]:
    """The metric cue words (role `cue`) as one pattern: `match` tells a word that starts with one."""
    from etl.facts.metrics import metric_rules
    from etl.text.fastre import literal_alternation

    return literal_alternation([c.cue for c in metric_rules().cues])


# a stock code or an abbreviation glossing a name: `KT(030200)`, `SK브로드밴드(SO)`
# (or the business line a figure is of: `SK브로드밴드(케이블TV) 297만명`; an old five-digit code: `한진해운[00700]의`)
NAME_GLOSS = r"[(\[]\s?(?:\d{5,6}|0\d{2}|[A-Z]{2,6}|[가-힣]{1,5}TV)\s?[)\]]"
# the company's product as the subject after its genitive: `국민은행의 KB스타뱅킹이` (check it with names_product)
PRODUCT_SUBJECT = r"(?P<product>[^\s,]{1,20}?)(?:이|가|은|는)"


_DAY = stdre.compile(r"\d{1,2}일")
# a period or basis word between a company and its metric (`반기`, `1분기`, `2023년`, `연결`)
_PERIOD_WORD = stdre.compile(r"[1-4]분기|[상하]?반기|연간|올해|지난해|작년|\d{4}년|연결|별도|연결기준|별도기준")
# what a company's news lead speaks of: its shares and its results
_MARKET_CONTEXT = stdre.compile(r"코스닥|코스피|유가증권시장|주가|종가|장을\s?마|상장|매출|영업이익|순이익|실적|공시")


@cache
def _trap_tails() -> tuple[str, ...]:
    """Trap words long enough to end no company's name (`신계약CSM`, `자산총액`)."""
    from etl.facts.metrics import metric_rules

    return tuple(c.cue for c in metric_rules().traps if len(c.cue) >= 3 and " " not in c.cue)


def names_product(word: str) -> bool:
    """`word` may name a company's product (`KB스타뱅킹`, `하나원큐`): no metric (`매출`), no common word (`총자산`)."""
    return not is_metric_word(word) and not is_common_word(word)


def is_metric_word(name: str) -> bool:
    """A metric cue with at most METRIC_WORD_TAIL characters after it (`직원수`, `매출액`, `영업익`)."""
    cue = _metric_cue_start().match(name)
    if cue is None and len(name) > 2:
        # (or after a short modifier: `카드회원수`, `월사용자수`)
        cue = _metric_cue_start().search(name, 1)
        cue = cue if cue is not None and cue.start() <= METRIC_WORD_HEAD else None
    # (a ratio of metrics, `매출액순이익률`, is a metric word too)
    return cue is not None and (len(name) - cue.end() <= METRIC_WORD_TAIL or name.endswith(("률", "율")))


_RANK_FOCUS = stdre.compile(
    r"(?<![\d])\d{1,2}위는\s(?:[^\s.,]{1,12}\s){0,3}?(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,15})\([A-Za-z&]{2,10}\)(?:으로|로)\s")
_SUPERLATIVE_FOCUS = stdre.compile(
    r"가장\s[^\s.]{1,6}\s(?P<kind>곳|기업|회사|업체|상장사|은행|증권사|게임사)(?:은|는)\s"
    r"(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,15}?)"
    r"(?:\([^()]{1,12}\))?(?:으로|로)[,\s]")
_FOCUS_AFTER_NAME = stdre.compile(r"(?:\([^()]{1,12}\))?(?:으로|로|이다|였다)[,\s.]")
_HANGUL_TAIL = stdre.compile(r"[가-힣]{2,8}(?<!다)")
_CALLED_HEADS = frozenset({"회사", "기업", "업체", "스타트업", "법인", "게임사", "제약사", "증권사"})
_GLUED_SENTENCES = stdre.compile(r"[가-힣][.!?ㆍ·][가-힣]")
# rules that read a name off its place in a sentence: two of them, each unsure of an ordinary word, are sure
_CORROBORATING_RULES = frozenset({"company:reporting-subject", "company:metric-owner", "company:dated-subject"})


def _candidates(
    text: str, lex: CompanyLexicon, sentences: Sequence[tuple[int, int]] | None = None
) -> tuple[list[Candidate], dict[str, str | None]]:
    words = _words(text)
    forms = words.forms
    default = lex is lexicon()
    infos = list(map(_word_info, forms)) if default else [_word_info_with(f, lex) for f in forms]
    stems = list(map(attrgetter("stem_part"), infos))
    out: list[Candidate] = []
    products: dict[str, str | None] = {}
    # rules that read a name off its place in a sentence (the subject of `밝혔다`, `X 측은`) fire only in
    # business text: elsewhere such subjects are people, places and films
    business = _business_re(lex.business_words).search(text) is not None

    def a_person(i: int, stem: str | None = None) -> bool:
        """The word at i is a person: a name (`안현수`, `김씨`), or after a person's noun (`배우 클라라`)."""
        # (`[엑스포츠뉴스=박상진 기자] 게임빌은`: a bracket closed between them ends the apposition)
        return _person_name(stem or stems[i][0], lex) or (
            i >= 1 and stems[i - 1][0] in lex.person_heads and text[words.ends[i - 1]:words.starts[i]].isspace()) or (
            # `CJ CGV 대표이사 허민회 가`: a person-like word right after a title is the title's holder
            i >= 1 and stems[i - 1][0] in lex.titles and not stems[i - 1][1]
            and is_person_like(stem or stems[i][0], lex)
        ) or (
            # the second of two people after a title, stripped of its `·`: `공동대표 이람 박종만 은`
            i >= 2 and (stems[i - 2][0] in lex.titles or stems[i - 2][0].endswith("대표")) and not stems[i - 1][1]
            and is_person_like(stems[i - 1][0], lex) and is_person_like(stem or stems[i][0], lex))

    def name_for(stem: str, i: int | None) -> str | None:
        """The name `stem` stands for (a Latin run extended backwards), None when it is no new name."""
        name = stem
        if i is not None and _LATIN_WORD.fullmatch(stem):
            name, _ = _latin_run_before(words, i, stem)
            if not stems[i][1]:  # `Pivot Mobility가`: the name runs on to the word with the particle
                name = _latin_run_after(words, stems, i, name)
        if name in lex.aliases:
            return None  # the seed already knows it
        if _BARE_ACRONYM.fullmatch(name) and not (i is not None and (
                stems[i][1] or (i + 1 < len(forms) and forms[i + 1] in _ALSO_WORDS))):
            return None  # a bare acronym (BPO, DX) needs a particle to be read as a name
        return name

    def add(
        stem: str, rule: str, conf: float, i: int | None = None, *, kiwi: bool = True, strong: bool = False
    ) -> None:
        name = name_for(stem, i)
        if i is not None and i > 0 and _COUNTED_GROUP.fullmatch(forms[i - 1]):
            return  # `7개 전업카드사의 당기순이익`: a counted group of companies, not one
        if name and (is_metric_word(name) or name.endswith(_trap_tails())):  # `직원수`, `신계약CSM`: a metric, no name
            return
        if name is not None and looks_like_name(name, lex, check_kiwi=kiwi, compounds=not strong):
            out.append(Candidate(name, rule, conf))
        elif (name is not None and kiwi and rule in _CORROBORATING_RULES and not name.endswith(lex.suffixes)
              and i is not None and _clause_opening(text, words.starts[i])  # (where a sentence opens on it)
              and looks_like_name(name, lex, check_kiwi=False, compounds=not strong)):
            corroborated.setdefault(name, set()).add(rule)

    # a word that is also an ordinary word (`라인`) names a company where two rules read it as one: the subject
    # reporting results (`라인은 … 순손실을 냈다고 밝혔다`) and the owner of a metric (`라인의 지난해 영업손실은`)
    corroborated: dict[str, set[str]] = {}

    # every corporate form holds one of these marks; the pattern is costly to run on text without one
    has_mark = "㈜" in text or "(주)" in text or "주식회사" in text
    for m in _CORP_FORM.finditer(text) if has_mark else ():
        name = (m.group(1) or m.group(2) or m.group(3) or "").strip()
        stem, _ = strip_particle(name, lex)
        add(stem, "company:corp-form", 0.95, kiwi=False)

    n = len(forms)
    # Only words that can fire a rule (themselves, or through the word after them) are visited;
    # for every other word each rule's condition below is false, so skipping them changes nothing.
    acting = set(compress(range(n), map(attrgetter("acts"), infos)))
    todo = sorted(acting.union(i - 1 for i in compress(range(n), map(attrgetter("acts_next"), infos)) if i))
    for i in todo:
        form, info = forms[i], infos[i]
        stem, part = info.stem, info.part
        nxt = forms[i + 1] if i + 1 < n else ""
        nxt_stem = stems[i + 1][0] if i + 1 < n else ""
        # appositive: "<descriptor> 기업 <Name>", "전문기업인 <Name>"
        head = form[:-1] if form.endswith("인") and len(form) > 2 else form
        if not part or form.endswith("인"):
            # (across a comma only to a word with its particle: `자회사, 원더피플이`, not `이 회사, 무려 10만 명`)
            if ((head.endswith(lex.appositive_heads) or form.endswith(lex.appositive_heads)) and i + 1 < n
                    and ("," not in text[words.ends[i] - 1 : words.starts[i + 1]] or stems[i + 1][1])
                    and nxt_stem not in lex.titles and not _RESULT_NOUN.match(nxt)  # (`관련 기업 실적은`)
                    and text[words.starts[i + 1] - 1 : words.starts[i + 1]] != "("):  # `업체(비상장 포함)`
                # (a quoted name, `자회사 '라인'이`, is a name even when it is a word too)
                # (a copula apposition, `자매 회사인 에뛰드는`, says outright that the word names a company)
                add(nxt_stem, "company:appositive", 0.9, i + 1, strong=True,
                    kiwi=text[words.starts[i + 1] - 1] not in _OPENING_QUOTE and not (
                        form.endswith("회사인") and stems[i + 1][1] in _SUBJECT_PARTICLES))
            owned_head = head in lex.owned_product_heads
            if (head in lex.product_heads and i + 2 < n and text[words.starts[i + 1] - 1] == "("
                    and text[words.ends[i + 1]] == ")"):
                # `역할수행게임(RPG)인 '서머너즈워'의`: the head's gloss stands between it and the product
                nxt_stem = stems[i + 3][0] if forms[i + 2] == "인" and i + 3 < n else stems[i + 2][0]
            # (not a metric: `슈퍼앱 MAU는`)
            if (head in lex.product_heads or owned_head) and i + 1 < n and nxt_stem and not is_metric_word(nxt_stem) \
                    and not is_common_word(nxt_stem):
                owner = None
                # "<Company>의 [..] 앱 <Product>"
                for j in range(i - 1, max(-1, i - 6), -1):
                    if stems[j][1] == "의":
                        owner = stems[j][0]
                        break
                # (`동네 커뮤니티 누리마켓은`: without an owner such a head is a company's kind)
                if products.get(nxt_stem) is None and (owner or not owned_head):
                    products[nxt_stem] = owner
        # title: "<person> <Name> 대표는", "<Name> 대표 <person>", "<Name> 측은"
        if stem in lex.titles and i >= 1 and not stems[i - 1][1] and stems[i - 1][0] not in lex.titles:
            name_stem = stems[i - 1][0]  # `최고경영자(CEO)는`: a title glossed by a title names no one
            prev2 = forms[i - 2] if i >= 2 else ""
            person_before = is_person_like(prev2, lex) and not _verb_form(prev2)  # `무대에 오른 피차이 CEO는`
            person_after = is_person_like(nxt, lex) and not part
            if _person_name(name_stem, lex):
                # "만난 신종주 이사는", "차남 신동빈 회장을": the word before the title is the person, and a
                # genitive before the person is the company: "웨이브의 이태현 대표는"
                if business and i >= 2 and stems[i - 2][1] == "의" and stem not in ("측", "관계자"):
                    add(stems[i - 2][0], "company:title", 0.8, i - 2, kiwi=False, strong=True)
            elif person_before and is_person_like(name_stem, lex) and (
                    prev2.endswith(",") or "," in text[words.ends[i - 2]:words.starts[i - 1]] or stem == "공동대표"):
                pass  # "이지훈, 김종흔 공동대표는" (stripped, "이지훈 김종흔 공동대표는"): two people sharing the title
            elif stem in ("측", "관계자"):
                # `클라라 측이`, `보수대연합 측은`: people and groups have sides too
                if (business or stem == "관계자") and not a_person(i - 1):
                    add(name_stem, "company:title", 0.85, i - 1, strong=True)
            elif person_before or person_after:
                add(name_stem, "company:title", 0.85, i - 1, strong=True)
        # source: "<Name>에 따르면" (not a quoted report title: `'지구촌 한류현황'에 따르면`)
        # (nor a word glossed in brackets: `영업실적(잠정)에 따르면`)
        if nxt.startswith("따르면") and part == "에" and text[words.ends[i] - len(part) - 1] not in _GLOSS_CLOSE:
            add(stem, "company:according-to", 0.8, i)
        # product owner: "<Product>(을|를) 운영하는 <Company>", "<Product> 운영사 <Company>"
        if (part in ("을", "를") and nxt in lex.product_verbs) or nxt.removesuffix("인") in lex.product_owner_nouns:
            k = i + 2
            # (a title may join ordinary words; an ordinary word the text quotes is a title: `‘웨이브’ … 웨이브
            # 운영사인`)
            if k < n and (not is_common_word(stem, compounds=False)
                          or stdre.search(rf"['‘\"“]{stdre.escape(stem)}", text)):
                owner_stem = stems[k][0]
                nxt_title = k + 1 < n and stems[k + 1][0] in lex.titles
                named = looks_like_name(owner_stem, lex, compounds=False)
                if named and not nxt_title and not is_person_like(owner_stem, lex):
                    if products.get(stem) is None:
                        products[stem] = owner_stem
                    out.append(Candidate(owner_stem, "company:product-owner", 0.8))
        # the reverse: "<Company>(이|가) 운영하는 (편의점)? <Product>(은|는|이|가)"
        if part in ("이", "가") and nxt in lex.product_verbs and i + 2 < n:
            k = i + 2 + (stems[i + 2][0] in lex.product_heads or stems[i + 2][0] in lex.operated_kinds)
            if k == i + 2 and i + 3 < n and (stems[i + 3][0] in lex.product_heads
                                             or stems[i + 3][0] in lex.operated_kinds):
                k = i + 4  # `하이브가 운영하는 팬덤 플랫폼 위버스가`: the kind in two words
            product, product_part = stems[k] if k < n else ("", "")
            if not product_part and k + 1 < n and "(" in text[words.ends[k]:words.starts[k + 1]]:
                product_part = stems[k + 1][1]  # `플랫폼 ‘위버스’(Weverse)가`: its gloss carries the particle
            if (product_part in _SUBJECT_PARTICLES and product and not is_common_word(product, compounds=False)
                    and not is_metric_word(product) and looks_like_name(stem, lex, compounds=False)
                    and (stem in lex.aliases or not is_person_like(stem, lex))):  # (`하이브`: a name, and known)
                if products.get(product) is None:  # (a kind's head may have found the product, with no owner)
                    products[product] = stem
                out.append(Candidate(stem, "company:product-owner", 0.8))
        # Latin corporate word after a Latin name: "Solace Technologies의", "Brava Labs도"
        if stem in lex.latin_suffixes and i >= 1 and not stems[i - 1][1] and _LATIN_WORD.fullmatch(stems[i - 1][0]):
            add(stem, "company:latin-suffix", 0.8, i, kiwi=False)
        # a name called a company: `딜라이트룸이라는 회사가`
        if part in ("이라는", "라는") and nxt_stem in _CALLED_HEADS:
            add(stem, "company:appositive", 0.9, i, kiwi=False)
        # a group's affiliate, the group's Latin name and a Hangul word (`KT텔레캅은`, `SK쉴더스는`)
        # (not a known name with an ending left on it: `GS건설이다`)
        if (len(stem) >= 4 and stem[:2] in lex.short_latin_names and _HANGUL_TAIL.fullmatch(stem, 2)
                and stem not in lex.aliases and not stem.endswith(lex.non_company_suffixes)
                and not any(stem[:-k] in lex.aliases for k in (1, 2, 3) if len(stem) - k > 2)):
            add(stem, "company:group-affiliate", 0.8, i, kiwi=False)
        # corporate suffix; Kiwi (the costly check) last, once the cheap ones passed
        suffix = info.suffix
        if suffix and stem not in lex.aliases and not (i > 0 and _COUNTED_GROUP.fullmatch(forms[i - 1])):
            name = name_for(stem, i)
            if (
                name is not None
                and looks_like_name(name, lex, check_kiwi=False, compounds=True)
                and not is_common_word(stem)
            ):
                out.append(Candidate(name, f"company:suffix={suffix}", 0.75))
    # subject of a reporting sentence: first noun of the sentence with 은/는/이/가
    starts_at = words.starts
    if sentences is None:
        sentences = _sentence_spans(text)
    # where the reporting verbs occur, found once for all sentences (a verb absent from the text is
    # absent from each of its sentences)
    verb_at = sorted((e + 1 - len(v), e + 1) for e, v in _literal_automaton(lex.reporting_verbs).iter(text))
    verb_starts = [s for s, _ in verb_at]
    verb_ends = [e for _, e in verb_at]
    # each sentence's first and last word, found once for all the rules that read sentences
    bounds = [(sent, bisect_left(starts_at, sent[0]), bisect_left(starts_at, sent[1]) - 1) for sent in sentences]
    for sent, first, last in bounds if verb_at else ():
        # a verb occurrence lying wholly inside the sentence
        lo, hi = bisect_left(verb_starts, sent[0]), bisect_right(verb_starts, sent[1])
        if lo == hi or min(verb_ends[lo:hi]) > sent[1]:
            continue
        if first > last:
            continue
        k = first
        while k < last and infos[k].opener:
            k += 1
        # the first word with a subject particle among the sentence's first words
        # (a Latin name of several words carries it on its last word: "Zentra Labs는")
        # (`같은 업종의 X는`: a one-syllable stem is an adnominal form, not the subject)
        while k < min(last, first + 8) and not infos[k].subject:
            k += 1
        stem, part = stems[k]
        # `누리은행의 누리뱅킹이 …`, `6월 신작 '별빛전쟁'은 …`: a company's product, no company
        owned = k > first and (stems[k - 1][1] == "의" or forms[k - 1] in lex.product_heads)
        # (`임대료에 허덕이는 …`: a verb's adnominal form read as a stem and `는`)
        if (part in _SUBJECT_PARTICLES and stem not in lex.titles and business and not a_person(k) and not owned
                and not _verb_form(forms[k])):
            add(stem, "company:reporting-subject", 0.7, k)
    # a news lead's subject dated by its day: "<X>는 27일 코스닥시장에서 …", whatever its verb
    for sent, first, last in bounds if business else ():
        if not _MARKET_CONTEXT.search(text, sent[0], sent[1]):
            continue  # (`새누리당은 12일 …`, `루한은 10일 …`: parties and people lead with a day too)
        k = first
        while k < last and infos[k].opener:
            k += 1
        if (k < last and infos[k].subject and _DAY.fullmatch(forms[k + 1]) and stems[k][0] not in lex.titles
                and not a_person(k)):
            add(stems[k][0], "company:dated-subject", 0.7, k)
    # the owner of a metric: "<X>의 (연결 기준 4분기) 매출은", and the topic of a sentence stating a
    # metric figure: "반면 <X>는 같은 기간 당기순이익이 161억원에 그쳐"
    cue_at = _metric_cue_start()
    for i in compress(range(n - 1), map(attrgetter("possessive"), infos)):
        if forms[i + 1] == "경우" and business and not a_person(i):
            # `왓챠의 경우 지난해 연결기준 실적을 매출 380억 원, …`: the case a figure sentence is about
            if any(cue_at.match(forms[j]) and any(_DIGIT.match(forms[x]) for x in range(j + 1, min(n, j + 3)))
                   for j in range(i + 2, min(n - 1, i + 9))):
                add(stems[i][0], "company:metric-owner", 0.75, i)
            continue
        for j in range(i + 1, min(n, i + 5)):
            if cue_at.match(forms[j]):
                # (`한빛화학(대표이사 홍길동)의 지난해 영업이익`: the chief in a gloss; `A에서 B로의 전환`: a move)
                if not a_person(i) and not stems[i][0].endswith(_MOVE_ENDINGS):
                    add(stems[i][0], "company:metric-owner", 0.75, i)
                break
            if stems[j][1] and forms[j] not in _SCOPE_WORDS:  # a word with its own particle ends the noun phrase
                break
    out += [Candidate(name, "company:corroborated", 0.7) for name, rules in corroborated.items() if len(rules) > 1]
    # the focus a ranking names: `5위는 … 씨앰비(CMB)로 …`, `2위는 한빛텔레콤으로`
    # (or a superlative's: `매출액이 가장 작은 상장사는 아스타로 지난해 10억원을 기록했다`; a kind of company named,
    # `상장사는 X로`, says X is one even when X is a word too, while `곳은` may be a place)
    for focus, word in ((_RANK_FOCUS, "위는"), (_SUPERLATIVE_FOCUS, "가장")):
        for m in focus.finditer(text) if business and word in text else ():
            if not _person_name(m["name"], lex):
                add(m["name"], "company:rank-focus", 0.75, kiwi=m.groupdict().get("kind") in (None, "곳"))
    # a roundup's item heading: "◆<X>=경상이익과 순이익이 …" (its metric words need no subject particle)
    for m in _ITEM_HEAD.finditer(text) if business and "=" in text else ():
        if cue_at.search(text, m.end(), min(len(text), m.end() + ITEM_HEAD_REACH)):
            add(m.group(1), "company:item-head", 0.75)
    # a headline line of figures: "<X> 매출 87억·영업적자 64억" (only the first word of a line can head one)
    line_heads = {0} | {bisect_left(starts_at, m.end()) for m in _NEWLINE.finditer(text)}
    for i in sorted(k for k in line_heads if k < n - 2):
        # (a headline's cue takes no particle: `워터월드 매출은 81억 원으로` is a sentence about a unit)
        if (not stems[i][1] and not stems[i + 1][1] and cue_at.match(forms[i + 1]) and _DIGIT.match(forms[i + 2])
                and not cue_at.search(stems[i][0])):  # `단어오류율(WER) 4.8%`: a metric, no name
            add(stems[i][0], "company:metric-owner", 0.75, i)
    for sent, first, last in bounds if cue_at.pattern else ():
        # (both are literal patterns: bounded to the sentence they find what they find in its slice)
        if not (_DIGIT.search(text, sent[0], sent[1]) and cue_at.search(text, sent[0], sent[1])):
            continue
        k = first
        while k < last and infos[k].opener:
            k += 1
        if k + 1 < last and forms[k] in ("같은", "동", "이") and forms[k + 1] == "기간":
            k += 2  # `같은 기간 X 매출은 …`: the period the sentence goes on with, before its subject
        # `16일 정보통신부와 업계에 따르면 X 가입자는 …`: the main clause after the source's
        source_end = next((j for j in range(k, min(last, k + SOURCE_WORDS)) if forms[j].startswith("따르면")), None)
        clause = first
        if source_end is not None and source_end + 2 <= last:
            k = clause = source_end + 1
        lead = k
        # the subject among the first words (`이 가운데 삼성메디슨이 2054억원의 매출을 올려`)
        while k < min(last, clause + 3) and not infos[k].subject:
            k += 1
        found_subject = first <= k <= last and infos[k].subject
        if not found_subject and lead <= last and infos[lead].part == "도" and len(stems[lead][0]) >= 2:
            k, found_subject = lead, True  # a roundup's next company: `GS칼텍스도 2분기 매출액 10조1967억원, …`
        if (found_subject and (k == lead + 1 or (k == lead + 2 and _PERIOD_WORD.fullmatch(forms[lead + 1])))
                and business and not stems[lead][1] and is_metric_word(stems[k][0])
                and not cue_at.search(stems[lead][0]) and not a_person(lead)):
            # `누리약품 반기 매출은 3980억원`, `◆누리전선=1분기 영업이익이 …`, `LG파워콤 가입자는 …`: the word heading
            # the (period's) metric (a word Kiwi knows, `모바일 매출은`, `해외 매출은`, is a segment: `add` checks)
            add(stems[lead][0], "company:metric-owner", 0.75, lead)
        for j in range(lead + 1, last - 1) if business and "," in text[sent[0]:sent[1]] else ():
            # the next item of such a list: `A의 직원은 1635명, B 직원은 3405명` (its first item an owner's, not
            # `이미지 분류 에러율은 3.5%, 위치식별 에러율은 9%`)
            if (_DIGIT.match(forms[j - 1]) and "," in text[words.ends[j - 1] : words.starts[j]] and not stems[j][1]
                    and any(infos[x].possessive for x in range(lead, j))
                    and infos[j + 1].subject and is_metric_word(stems[j + 1][0]) and _DIGIT.match(forms[j + 2])
                    and not cue_at.search(stems[j][0]) and not a_person(j)):
                add(stems[j][0], "company:metric-owner", 0.75, j)
        modified = None
        if not found_subject or is_metric_word(stems[k][0]):
            # `2022년 영업손실이 744억원에 달했던 에이블리는 …`: the subject a relative clause holding a figure modifies
            # (or `…흑자를 이어간 해솔랜드도`)
            modified = next((j for j in range(lead + 1, last)
                             if (infos[j].subject or (infos[j].part == "도" and len(stems[j][0]) >= 2))
                             and _RELATIVE_END_WORD.search(forms[j - 1])
                             and _DIGIT.search(text, sent[0], words.starts[j])
                             and cue_at.search(text, sent[0], words.starts[j])), None)
        if modified is None and not found_subject:
            # `지난해 4분기부터 A에 연결 편입된 B는 올 2분기 영업손실 27억원을`: the subject a relative clause
            # modifies, its figures after it
            modified = next((j for j in range(lead + 1, last) if infos[j].subject
                             and _RELATIVE_END_WORD.search(forms[j - 1])
                             and _DIGIT.search(text, words.ends[j], sent[1])
                             and cue_at.search(text, words.ends[j], sent[1])), None)
        if modified is not None and business and not a_person(modified) and not is_metric_word(stems[modified][0]):
            add(stems[modified][0], "company:figure-subject", 0.7, modified)
        elif found_subject and stems[k][0] not in lex.titles:
            rest = words.ends[k]  # (literal patterns: bounded to the rest, they find what they find in its slice)
            # (`삼성전자에 다니는 직원은 10만명`: a verb's adnominal form, no subject)
            # (a two-syllable name reporting results on a basis, `한라는 연결 기준 1분기 매출이`, is no person's)
            if (cue_at.search(text, rest, sent[1]) and _DIGIT.search(text, rest, sent[1])
                    and (not a_person(k) or (len(stems[k][0]) == 2 and _RESULTS_BASIS.match(text, rest)))
                    and not _verb_form(forms[k])):
                add(stems[k][0], "company:figure-subject", 0.7, k)
        # a subject later in the sentence that its figures follow at once: `… 따지면 한빛강철이 130명에서 268명으로`
        for j in range(max(lead, k + 1), last) if business else ():
            # (not a gloss's last word: `이용자 수(MAU, 누리인덱스)는 489만명`)
            if (infos[j].subject and _DIGIT.match(forms[j + 1]) and not a_person(j)
                    and ")" not in text[words.starts[j]:words.ends[j]]
                    and not cue_at.search(stems[j][0]) and not _verb_form(forms[j])):
                add(stems[j][0], "company:figure-subject", 0.7, j)
    # a sentence saying what the topic is: "<X>은 … 상장에 도전하는 회사에요", "<X>는 2015년 설립된 스타트업이다"
    for sent, first, last in bounds:
        end_m = _IDENTITY_END.search(text, max(sent[0], sent[1] - 20), sent[1])
        if end_m is None:
            continue
        k = first
        while k < last and infos[k].opener:
            k += 1
        if first <= k <= last and not infos[k].topic:
            # (`2003년 네이버 카페로 출발한 중고나라는 … 국내 최대의 중고거래업체다`: after a relative clause)
            k = next((j for j in range(k + 1, min(last, k + 7)) if infos[j].topic
                      and _RELATIVE_END_WORD.search(forms[j - 1])), k)
        if first <= k <= last and infos[k].topic and not a_person(k):
            add(stems[k][0], "company:identity", 0.85, k, strong=True)
    # the focus of an identifying sentence: "…가장 좋았던 곳은 <X>다", "1위는 <X>로 나타났다"
    focus_heads = list(compress(range(n), map(attrgetter("focus_head"), infos)))
    for i in focus_heads[:-1] if focus_heads and focus_heads[-1] == n - 1 else focus_heads:
        m = _FOCUS_TAIL.fullmatch(forms[i + 1])
        if m and business and not a_person(i + 1, m.group(1)):
            add(m.group(1), "company:focus", 0.75, i + 1)
        elif business and not stems[i + 1][1] and _FOCUS_GLOSSED.match(text, words.ends[i + 1]) \
                and not a_person(i + 1):
            add(forms[i + 1], "company:focus", 0.75, i + 1)
    # the focus closing an identifying sentence after a relative clause: "매출이 가장 많은 회사는 … 2조원을
    # 기록한 <X>이다" (only business text with a focus head can hold one)
    for sent, first, last in bounds if business and focus_heads else ():
        # (a sentence without a focus head before its last two words is skipped first: most have none)
        if last - first < 2 or bisect_left(focus_heads, first) == bisect_left(focus_heads, last - 1) \
                or not _DIGIT.search(text, sent[0], sent[1]):
            continue
        m = _FOCUS_COPULA.fullmatch(forms[last])
        if m and _RELATIVE_END.search(forms[last - 1]) and not a_person(last, m.group(1)):
            add(m.group(1), "company:focus", 0.75, last)
    # coordination: "<X>와 <Company>가" makes X a company too
    found = {c.name for c in out}
    for i in compress(range(n - 1), map(attrgetter("coordinating"), infos)):
        nxt_stem, nxt_part = stems[i + 1]
        known = nxt_stem in lex.aliases and not ambiguous(nxt_stem, lex)  # `대상` vouches for nothing
        if (nxt_stem in found or known) and nxt_part in ("가", "이", "는", "은", "도"):
            add(stems[i][0], "company:coordinated", 0.7, i)
        # and the other way: "<Company>과 <X> 역시 …", "<Company>와 <X>는 각각 …"
        stem_i = stems[i][0]
        if ((stem_i in found or (stem_i in lex.aliases and not ambiguous(stem_i, lex)))
                and (nxt_part in ("가", "이", "는", "은", "도")
                     or (not nxt_part and i + 2 < n and forms[i + 2] in _ALSO_WORDS))):
            add(nxt_stem, "company:coordinated", 0.7, i + 1)
    # parallel clauses of one sentence: "<Company>는 520만 명, <X>는 150만 명, <Y>는 90만 명을 기록했다"
    found = {c.name for c in out}
    subjects = list(compress(range(n), map(attrgetter("subject"), infos)))
    # (a word starts with a digit exactly when `_DIGIT.match` does: `\d` is a Unicode decimal, as isdecimal)
    digit_word = [f[:1].isdecimal() for f in forms]
    subject_figures = [k for k in subjects if k + 1 < n and digit_word[k + 1]]
    for _, first, last in bounds if len(subject_figures) >= 2 else ():
        inside = subject_figures[bisect_left(subject_figures, first):bisect_left(subject_figures, last)]
        if len(inside) < 2:
            continue  # the heads are some of these
        heads = [k for k in inside
                 if (k == first or stems[k][0] in found or "," in text[words.ends[k - 1]:words.starts[k]]
                      or _DIGIT.search(forms[k - 1]) or _CLAUSE_LINK_END.search(forms[k - 1]))]
        # (the sentence's known subject may head it before its own figure: `또 A는 올들어 5만6천명이 늘어난 29만2천명,
        # B는 2만4천명이 증가해 14만9천명, C는 …`)
        subjects_in = subjects[bisect_left(subjects, first):bisect_left(subjects, last)]
        if len(heads) >= 2 and any(stems[k][0] in found or stems[k][0] in lex.aliases
                                   for k in chain(heads, subjects_in)):
            for k in heads:
                if stems[k][0] not in found and not a_person(k):
                    add(stems[k][0], "company:coordinated", 0.7, k)
    # items of a list of figures: "<Company>이 653만명(42.0%), <X> 267만5천명(17.2%), <Y> 234만8천명(15.1%)"
    found = {c.name for c in out}
    # the words that may be an item: a word followed by its figure (found once, then per sentence by bisection)
    item_words = [k for k in range(1, n - 1) if digit_word[k + 1] and not digit_word[k]
                  and stems[k][1] in _LIST_ITEM_PARTICLES] if "," in text else []
    def known_at(k: int) -> bool:
        """The word at k is a company found already or a seed's unambiguous name."""
        return stems[k][0] in found or (stems[k][0] in lex.aliases and not ambiguous(stems[k][0], lex))

    prev_first = 0  # the first word of the sentence before
    for sent, first, last in bounds if item_words else ():  # (an item follows a comma)
        first_before, prev_first = prev_first, first
        items = [k for k in item_words[bisect_left(item_words, first + 1):bisect_left(item_words, last)]
                 if forms[k - 1].endswith(",") or "," in text[words.ends[k - 1]:words.starts[k]]]
        if len(items) < 2:
            continue
        # (its first item may open the sentence: `A 2967명(-43명), B 940명(-33명), …`)
        if first < items[0] and digit_word[first + 1] and not digit_word[first] and not stems[first][1] \
                and first + 2 <= items[0] <= first + 3 and "," in text[words.starts[first + 1]:words.starts[items[0]]]:
            items.insert(0, first)
        # (the list's known company may head it as a subject: `다온텔레콤이 653만명(42.0%), …`)
        anchors = items + subject_figures[bisect_left(subject_figures, first):bisect_left(subject_figures, last)]
        figures_of = cue_at.search(text, sent[0], sent[1]) or by_company_head().search(text, sent[0], sent[1])
        known = any(map(known_at, anchors))
        # `다음으로는 A(37만2592명), B(17만8903명) 순이었다`: the next places of a ranking, its other places or the
        # first ones the sentence before gave known companies
        if not (figures_of or ranking_goes_on(text, sent[0], sent[1])) or not (known or (
                not figures_of and any(known_at(k) for k in item_words if first_before <= k < first))):
            continue
        for k in items:
            if stems[k][0] not in found and not a_person(k):
                add(stems[k][0], "company:coordinated", 0.7, k, strong=True)
    # the subjects of a breakdown by company: `업체별로는 한국암웨이가 1.1% 늘어난 1조3372억원으로 1위를 지켰으며
    # 애터미는 1.5% 증가한 1조431억원으로 …`
    for sent, first, last in bounds if business and "별" in text else ():
        if first >= n or by_company_head().match(text, words.starts[first], sent[1]) is None:
            continue
        for k in range(first + 1, last):
            if (infos[k].subject and not a_person(k) and any(digit_word[j] for j in range(k + 1, min(last + 1, k + 5)))
                    and stems[k][0] not in found):
                add(stems[k][0], "company:breakdown-subject", 0.7, k)
    found = {c.name for c in out}
    also = list(compress(range(n), map(attrgetter("also"), infos)))
    recent: list[bool] = []  # per sentence so far: it has a known company as its subject
    for _, first, last in bounds if also else ():
        if any(recent[-CARRY_SENTENCES:]):
            for k in (a - 1 for a in also[bisect_left(also, first + 1):bisect_left(also, last + 1)]):
                # the clause's head: the sentence's first word, or the one a relative clause modifies
                heads_clause = k == first or infos[k - 1].clause_end
                if heads_clause and not stems[k][1] and stems[k][0] not in found:
                    before = len(out)
                    add(stems[k][0], "company:also", 0.7, k)
                    found.update(c.name for c in out[before:])
        # the sentence's known subject: a word with a subject particle or `도` (`아이큐어도`), one before `역시`, or
        # one `의 경우`
        recent.append(any(
            stems[j][0] in found or stems[j][0] in lex.aliases
            for j in chain(subjects[bisect_left(subjects, first):bisect_left(subjects, last + 1)],
                           (a - 1 for a in also[bisect_left(also, first + 1):bisect_left(also, last + 1)]),
                           (j for j in range(first, min(last + 1, first + 8)) if stems[j][1] == "도"),
                           # (`LG에너지솔루션의 경우 …`)
                           (j for j in range(first, last) if stems[j][1] == "의" and forms[j + 1] == "경우"))
        ))
    # a sentence-initial topic that recurs in the article: "<X>는 …" twice or more
    starts: Counter[str] = Counter()
    for sent, first, _ in bounds:
        if first >= n or starts_at[first] >= sent[1]:
            continue
        k = first
        while k + 1 < n and infos[k].opener:
            k += 1
        # (a quoted topic, `‘쿠키런’은 …`, is more often a title than a company)
        if infos[k].topic and text[words.starts[k] - 1 : words.starts[k]] not in _OPENING_QUOTE:
            starts[stems[k][0]] += 1
    # (counted only where it can make a name: in business text)
    stem_counts = Counter(map(itemgetter(0), stems)) if starts and business else Counter()
    for stem, cnt in starts.items():
        if (cnt >= 2 or stem_counts[stem] >= 3) and business and not _person_name(stem, lex):
            add(stem, "company:recurring-subject", 0.6, None)
    # `리턴제로는` read as `리턴제` + `로는`: the text writing the longer name whole (`'리턴제로'`, `리턴제로 대표`)
    # says the 로 is the name's
    whole = {c.name: c.name + "로" for c in out if (c.name + "로") in text
             and stdre.search(rf"{stdre.escape(c.name)}로(?:['’\"”]|\s(?:대표|측|관계자))", text)}
    if whole:
        out = [replace(c, name=whole.get(c.name, c.name)) for c in out]
        products = {p: whole.get(o, o) if o else o for p, o in products.items()}
    return out, products


# Segmentation discovers the companies of each dump piece, then fact extraction those of the
# article cut from it: the same text up to surrounding whitespace. `_candidates` depends on the
# text only up to leading/trailing whitespace (words, corporate forms and sentences never hold
# any; offsets are not part of its result), so its result is kept per whitespace-trimmed text.
CANDIDATE_CACHE_SIZE = 512
CACHED_TEXT_CHARS = 10_000
_LEADING_SPACE = fastre.compile(r"\s*")
_LAST_NON_SPACE = re.compile(r"\S", re.REVERSE)  # scans back from the end: no pass over the text
_candidate_cache: OrderedDict[str, tuple[list[Candidate], dict[str, str | None]]] = OrderedDict()


def _core_span(text: str) -> tuple[int, int]:
    """Start and end of `text` without its leading and trailing whitespace."""
    lead = _LEADING_SPACE.match(text).end()
    last = _LAST_NON_SPACE.search(text, lead)
    return lead, last.end() if last else lead


def _cached_candidates(
    text: str, sentences: Sequence[tuple[int, int]] | None
) -> tuple[list[Candidate], dict[str, str | None]]:
    """`_candidates(text, lexicon(), sentences)`, answered from memory for a text seen before."""
    lead, end = _core_span(text)
    if end - lead > CACHED_TEXT_CHARS:
        return _candidates(text, lexicon(), sentences)
    core = text[lead:end]
    hit = _candidate_cache.get(core)
    if hit is None:
        spans = None if sentences is None else [(s - lead, e - lead) for s, e in sentences]
        hit = _candidates(core, lexicon(), spans)
        _candidate_cache[core] = hit
        if len(_candidate_cache) > CANDIDATE_CACHE_SIZE:
            _candidate_cache.popitem(last=False)
    else:
        _candidate_cache.move_to_end(core)
    return list(hit[0]), dict(hit[1])


# The seeds' names found in a text are kept per whitespace-trimmed text too (for segmentation's piece
# and the article cut from it): when no written variant begins or ends with whitespace, every occurrence
# lies in the trimmed text, in the same order.
_variant_cache: OrderedDict[str, dict[str, str]] = OrderedDict()


def _known_variants(text: str) -> dict[str, str]:
    """Written variant -> seed spelling of every seed name in `text`, in the order the automaton reports
    them (read-only: the dict may be shared)."""
    lead, end = _core_span(text)
    if end - lead > CACHED_TEXT_CHARS or gazetteer().edge_space:
        return {v: s for _, _, v, s in gazetteer().raw_hits(text)}
    core = text[lead:end]
    hit = _variant_cache.get(core)
    if hit is None:
        hit = _variant_cache[core] = {v: s for _, _, v, s in gazetteer().raw_hits(core)}
        if len(_variant_cache) > CANDIDATE_CACHE_SIZE:
            _variant_cache.popitem(last=False)
    else:
        _variant_cache.move_to_end(core)
    return hit


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    from etl.text.sentences import split_sentences

    return [(s.start, s.end) for s in split_sentences(text)]


def _occurrences(text: str, surface: str, lex: CompanyLexicon) -> list[tuple[int, int]]:
    """Where `surface` occurs as a whole name (nothing but a particle may follow in its eojeol)."""
    out: list[tuple[int, int]] = []
    for s, e in _find_all(text, surface):
        before = text[s - 1] if s else " "
        glued = _NAME_CHAR.match(before) and before not in "㈜"
        if glued and not (before == ")" or text[max(0, s - 4) : s] == "주식회사"):
            continue
        rest_m = _EOJEOL_REST.match(text, e)
        rest = rest_m.group() if rest_m else ""
        rest = rest.strip("\"'‘’“”()[]<>·,.")
        if rest and _LATIN_WORD.match(surface[-1:]) and _ALNUM.match(rest):
            continue
        if (rest and _HANGUL.match(rest) and rest not in lex.particles and rest not in _COPULA
                and not _compound_particle(rest, lex)):
            continue
        out.append((s, e))
    return out


# the copula after a name (`…곳은 루미넥스다`, `1위는 한빛이었다`) leaves it a whole name
_COPULA = frozenset({"다", "이다", "였다", "이었다", "였고", "이었고", "였으며", "이었으며"})


@lru_cache(maxsize=8)
def _literal_automaton(words: tuple[str, ...]) -> Any:
    """An Aho–Corasick automaton of `words`: `iter(text)` gives (end index, word) of every occurrence,
    overlapping ones too, in one pass over the text."""
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


def _find_all(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping spans of the literal `surface`, left to right (str.find: no regex compile per name)."""
    if not surface:
        yield from ((i, i) for i in range(len(text) + 1))
        return
    s = text.find(surface)
    while s >= 0:
        e = s + len(surface)
        yield s, e
        s = text.find(surface, e)


def _compound_particle(rest: str, lex: CompanyLexicon) -> bool:
    return any(rest.startswith(p) and rest[len(p) :] in lex.particles for p in lex.particles) or rest in (
        "측",
        "측은",
        "측이",
        "측의",
        "측에",
        "측도",
    )


@lru_cache(maxsize=20000)
def norm_key(name: str) -> str:
    """A name without corporate marks and spaces, casefolded (kept per name: asked for every candidate)."""
    return _CORP_MARKS.sub("", name).casefold()


def discover_companies(
    text: str, exclude: frozenset[str] = frozenset(), sentences: Sequence[tuple[int, int]] | None = None
) -> CompanyIndex:
    """Company mentions of one article (pure, never raises on odd input).

    `exclude` names that are not companies here (the article's publisher); `sentences`, the
    (start, end) spans of `split_sentences(text)` when the caller has them already.
    """
    lex = lexicon()
    try:
        candidates, found_products = _cached_candidates(text, sentences)
    except Exception:  # a discovery rule must never sink the article
        candidates, found_products = [], {}
    excluded = {norm_key(x) for x in exclude if x}
    if excluded:
        candidates = [c for c in candidates if norm_key(c.name) not in excluded]
    names: dict[str, tuple[str, str, float]] = {}  # surface -> (company, rule, confidence)
    products: dict[str, str] = {}
    known_companies: set[str] = set()  # companies named by the seeds: shown by their seed name
    needs_context: set[str] = set()  # known spellings that are ordinary words too (대상, 한화)
    gaz = gazetteer()
    for variant, surface in _known_variants(text).items():
        known = gaz.names[surface]
        if norm_key(variant) in excluded:
            continue
        names[variant] = (known.company, _known_rule(known), 0.95)
        known_companies.add(known.company)
        if known.relation == "product":
            products[variant] = known.company
        # (`웨이브 운영사인 콘텐츠웨이브`: the text says whose the ordinary word is)
        owner = found_products.get(variant)
        owner_company = gaz.names[owner].company if owner in gaz.names else owner
        if ambiguous(surface, lex) and owner_company != known.company:
            needs_context.add(variant)
    codes = _stock_coded_names(text)
    for written, code in codes.items():
        if written in names or norm_key(written) in excluded:
            continue
        # `하이닉스(000660)` is SK하이닉스; `삼성테크윈(012450)`, renamed since, keeps the name written
        same = gaz.compatible(written, code)
        if not looks_like_name(written, lex, check_kiwi=not same):
            continue  # `종목코드(005930)`
        company = gaz.company_of_code[code] if same else written
        names[written] = (company, "company:stock-code", 0.95)
        if company != written:
            known_companies.add(company)
    for name in _listed_with(text, set(names) | {c.name for c in candidates}, lex):
        if norm_key(name) not in excluded:
            candidates.append(Candidate(name, "company:in-list", 0.75))
    for name in _kind_listed(text, lex):
        if norm_key(name) not in excluded:
            candidates.append(Candidate(name, "company:kind-list", 0.75))
    for name in _counted_companies(text, lex):
        if norm_key(name) not in excluded:
            candidates.append(Candidate(name, "company:counted-list", 0.8))
    for name in _table_rows(text, lex):
        if norm_key(name) not in excluded:
            candidates.append(Candidate(name, "company:table-row", 0.8))
    canon_by_key: dict[str, str] = {norm_key(c): c for c, _, _ in names.values()}
    # the one company the seeds know in the article makes the products it names without an owner
    # (`자사가 개발한 모바일게임 '쿠키런'`)
    known_here = {c for v, (c, rule, _) in names.items()
                  if rule.startswith(("company:seed", "company:listed")) and not ambiguous(v, lex)}
    sole_known = next(iter(known_here)) if len(known_here) == 1 else None
    for prod, owner in found_products.items():
        if prod in names:
            continue
        named_after = None if owner else _named_after(prod, gaz, lex)
        if not owner and not named_after and sole_known and _quoted_after(
                text, prod, [v for v, (c, _, _) in names.items() if c == sole_known]):
            named_after = sole_known  # `컴투스는 자사가 개발한 모바일게임 '별빛러너'가`
        # (`17일 쿠팡에 따르면 멤버십 서비스 로켓와우 회원이`: the company reporting its own product)
        owner = owner or named_after or _reporting_owner(text, prod, set(names) | {c.name for c in candidates})
        if not owner:
            continue
        owner_c = names[owner][0] if owner in names else owner
        if owner_c in {c.name for c in candidates} or owner in names or named_after:
            products[prod] = owner_c
            names[prod] = (owner_c, "company:product", 0.8)
    # (or, with no name the seeds know, the one the text marks as a company by what it says of it: `누리게임즈에
    # 따르면`, a corporate suffix)
    strong = {c.name for c in candidates if c.rule not in _PLACE_RULES}
    maker = sole_known or (next(iter(strong)) if not known_here and len(strong) == 1 else None)
    maker_variants = [v for v, (c, _, _) in names.items() if c == maker] or ([maker] if maker else [])
    for c in sorted(candidates, key=lambda c: -c.confidence):
        if c.name in names or found_products.get(c.name):
            continue
        if c.name in found_products and c.rule in _WEAK_RULES:
            continue  # a product the article names (`학습 앱 파로스매쓰`) is no company by its figures alone
        if maker and c.rule in _PLACE_RULES and _quoted_after(text, c.name, maker_variants):
            # `컴투스는 자사의 빅히트작인 ‘미니게임천국’ 시리즈가 …`: the subject of the figures is its product
            products[c.name] = maker
            names[c.name] = (maker, "company:product", 0.8)
            continue
        canonical = canon_by_key.setdefault(norm_key(c.name), c.name)
        names[c.name] = (canonical, c.rule, c.confidence)
    _short_forms(text, names)
    mentions: list[CompanyMention] = []
    taken_starts: list[int] = []  # the spans taken so far, sorted and disjoint
    taken_ends: list[int] = []
    from_seeds = {v for v, (_, rule, _) in names.items() if rule.startswith(("company:seed", "company:listed"))}
    for surface in sorted(names, key=len, reverse=True):
        canonical, rule, conf = names[surface]
        found = _occurrences(text, surface, lex)
        # a known name the article uses as a product's title (`엔진 '오로라 3'`) names that product
        # throughout the article, unless a stock code says otherwise
        titled = [(s, e) for s, e in found if surface in from_seeds and _titles_something_else(text, s, e, lex)]
        if any(_VERSION_AFTER.match(text, e) for _, e in titled):
            found = [(s, e) for s, e in found if _code_after(text, e)]
        elif titled:  # `‘카카오뱅크 미니(mini)’`: the company's product, named after it; the company elsewhere
            found = [x for x in found if x not in titled or _code_after(text, x[1])]
        if surface in lex.currency_names:  # `49달러(한화 약 5만8200원)`: the currency, not the company
            found = [(s, e) for s, e in found if not _AMOUNT_AFTER.match(text, e)]
        for s, e in found:
            k = bisect_left(taken_starts, e)  # spans starting before e; only the last may reach past s
            if k and taken_ends[k - 1] > s:
                continue
            taken_starts.insert(k, s)
            taken_ends.insert(k, e)
            written_code = _code_after(text, e)
            mentions.append(CompanyMention(canonical, surface, s, e, rule, conf,
                                           written_code if written_code in gaz.listings or surface in codes
                                           else None))
    mentions.sort(key=lambda m: m.start)
    mentions = _owners_as_written(mentions, products)
    mentions = _confirm_ambiguous(text, mentions, needs_context, lex)
    mentions = _merge_glosses(text, mentions, lex)
    mentions = _mend_dropped_syllables(mentions)
    mentions = _as_the_article_names_them(mentions, known_companies, products)
    products = {p: next((m.name for m in mentions if m.surface == p), owner) for p, owner in products.items()}
    counts = Counter(m.name for m in mentions)
    main = _main_company(text, mentions, counts)
    return CompanyIndex(mentions, products, main, dict(counts))


_OPENING_QUOTE = frozenset("'‘\"“「『《〈<")
_CLOSING_QUOTE = frozenset("'’\"”」』》〉>")
_GLOSS_CLOSE = _CLOSING_QUOTE | {")"}
_WORD_BEFORE = stdre.compile(r"(\S+)\s+$")
# the kind heading a name, maybe past its rank (`포털 2위 다음은`)
_HEAD_BEFORE = stdre.compile(r"(\S+)\s+(?:\d{1,2}위\s+)?$")


# (a count after the name is no version: `‘카카오톡 1000일의 히스토리’`)
_VERSION_AFTER = stdre.compile(
    r" (?:\d(?![\d,.]*\s?(?:일|년|주년|개월|주|시간|분|초|만|억|천|명|위|번째|회|차|개|건|%))|[A-Z]{1,3}\b|[IVX]+\b)")


# a title in quotes opened a few words before the name, the name its brand (`‘검과마법 for Kakao’`)
_TITLE_OPENS = stdre.compile(r"['\"‘“][^'\"’”‘“\n]{1,15}\s(?:for|with|by|x|X)\s$")
# a title in quotes closes a few characters after the name (`'오로라 3'`); a quotation runs on
_TITLE_CLOSES = stdre.compile(r"[^'\"’”‘“\n]{0,24}['\"’”]")


# a name that opens with a Latin acronym (`JYP엔터테인먼트`): the article may call it by the acronym alone
_ACRONYM_HEAD = stdre.compile(r"([A-Z]{2,5})[가-힣]")


def _short_forms(text: str, names: dict[str, tuple[str, str, float]]) -> None:
    """`JYP엔터테인먼트 … JYP 매출액은`: an acronym heading one company the article names, and no name of its own,
    is that company (`SK`, `LG`, `CJ` are names of their own and stay theirs)."""
    heads: dict[str, set[str]] = {}
    for surface, (company, _, _) in names.items():
        m = _ACRONYM_HEAD.match(surface)
        if m:
            heads.setdefault(m.group(1), set()).add(company)
    for acronym, companies in heads.items():
        own = names.get(acronym)
        weak = own is None or (own[0] == acronym and not own[1].startswith(("company:seed", "company:listed")))
        if len(companies) == 1 and weak and acronym in text and not gazetteer().names.get(acronym):
            names[acronym] = (next(iter(companies)), "company:short-form", 0.8)
    # `금호석유화학 … 금호석화는`: a word made of some of a known company's syllables, in order, from its first two
    # and skipping some inside, is that company shortened, as Korean news shortens names (`현대차`, `금호석화`);
    # a longer name's beginning (`네이트온` of `네이트온폰`) is no shortening, unless what it leaves off is the
    # name's corporate suffix (`코스메카코리아 … 코스메카는`)
    full = {surface: company for surface, (company, rule, _) in names.items()
            if _HANGUL_NAME.fullmatch(surface) and len(surface) >= 4
            and rule.startswith(_STRONG_RULES)
            and "product" not in rule}
    for m in _SHORT_CANDIDATE.finditer(text) if full else ():
        short = m.group(1)
        own = names.get(short)  # (a name the context rules found for it gives way: `금호석화는` as a subject)
        # (a word of its own too is the name only when it is all of the name but its suffix: `빅히트` of
        # `빅히트엔터테인먼트`)
        if (own is not None and own[1].startswith(_STRONG_RULES)) or gazetteer().names.get(short) \
                or (is_common_word(short)
                    and not any(surface == short + (company_suffix(surface) or "") for surface in full)):
            continue
        owners = {c for surface, c in full.items() if surface.startswith(short[:2])
                  and (not surface.startswith(short) or _cut_at_suffix(surface, short))
                  and _is_subsequence(short, surface)}
        if len(owners) == 1:
            names[short] = (owners.pop(), "company:short-form", 0.75)


def _cut_at_suffix(name: str, short: str) -> bool:
    """`short`, a beginning of `name`, leaves off its corporate suffix or the suffix's end (`누리엔터` of
    `누리엔터테인먼트`, `코스메카` of `코스메카코리아`)."""
    suffix = company_suffix(name)
    if not suffix:
        return False
    stem = name[: len(name) - len(suffix)]
    return short.startswith(stem) and suffix.startswith(short[len(stem):])


_HANGUL_NAME = stdre.compile(r"[가-힣]+")
# scope words inside a metric's noun phrase that read as a stem and a particle (`별도` as 별 + 도)
_SCOPE_WORDS = frozenset({"별도"})
# a Hangul word of 3-5 syllables with the particle a subject or an owner takes
# (or an item with its figure: `(빅히트 641억 원)`)
_SHORT_CANDIDATE = stdre.compile(r"(?<![가-힣A-Za-z0-9])([가-힣]{3,5}?)(?:(?:은|는|이|가|의|도)(?=\s)|(?=\s\d))")


def _is_subsequence(short: str, name: str) -> bool:
    chars = iter(name)
    return all(c in chars for c in short)


def _reporting_owner(text: str, product: str, names: set[str]) -> str | None:
    """The known company a sentence cites (`X에 따르면`) before a product it names without an owner (the
    headline above may name the product first: `…미니게임천국4, 100만 돌파 / … 컴투스에 따르면 ‘미니게임천국4’는`)."""
    at = text.find(product)
    while at > 0:
        start = clause_start(text, at)
        m = _ACCORDING_TO.search(text, start, at)
        if m is not None and m.group(1) in names:
            return m.group(1)
        # (`X는 … 출시한 보드게임 '별빛마블'이 8일 1000만 다운로드를 돌파했다고 밝혔다`: the topic announcing it)
        m = _ANNOUNCING_TOPIC.match(text, start, at)
        if m is not None and m.group(1) in names and _ANNOUNCED.search(text, at, clause_end(text, at)):
            return m.group(1)
        at = text.find(product, at + len(product))
    return None


# `X에 따르면`: the source a sentence cites
_ACCORDING_TO = stdre.compile(r"([가-힣A-Za-z0-9&]{2,20})에\s?따르면")
# the topic opening a sentence (after a word or two of its name: `CJ E&M 넷마블은`), and the verb announcing
_ANNOUNCING_TOPIC = stdre.compile(r"\s*(?:\S+\s){0,2}?([가-힣A-Za-z0-9&]{2,20})(?:은|는)\s")
_ANNOUNCED = stdre.compile(r"(?:다고|라고)\s?(?:밝혔|전했|발표했|설명했)")


def _named_after(product: str, gaz: Gazetteer, lex: CompanyLexicon) -> str | None:
    """The known company a product is named after, its name and a word (`앱 ‘카카오드라이버’` is 카카오's)."""
    for k in range(len(product) - 1, 1, -1):
        known = gaz.names.get(product[:k])
        if known is not None and known.relation != "product" and not ambiguous(product[:k], lex):
            return known.company
    return None


def _owners_as_written(mentions: list[CompanyMention], products: dict[str, str]) -> list[CompanyMention]:
    """A product's owner as the article names it: `카카오톡` is 카카오's, and in an article that names 다음카카오
    (and 카카오 only inside longer names and titles) its figures are 다음카카오's, the name the owner had then."""
    named = {m.name for m in mentions if m.surface not in products}
    out = []
    for m in mentions:
        owner = products.get(m.surface)
        if owner is not None and owner not in named:
            written = {c for c in named if owner in c and c != owner}
            if len(written) == 1:
                m = replace(m, name=written.pop())
        out.append(m)
    return out


def _titles_something_else(text: str, s: int, e: int, lex: CompanyLexicon) -> bool:
    """A known name used as part of a product's or a work's title: `엔진 '오로라 3'`, `엔진 오로라 3`
    (a name that is also an app's, `중고거래 앱 당근마켓은`, stays the company's)."""
    if (s and text[s - 1] in _OPENING_QUOTE and not (e < len(text) and text[e] in _CLOSING_QUOTE)
            and not (e < len(text) and text[e].isalnum())  # `‘쿠팡LLC’`: a longer name, not a title
            and _TITLE_CLOSES.match(text, e)):  # (`"네이버 검색 등 많은 영역에 …`: a quotation opens with it)
        return True
    if e < len(text) and text[e] in _CLOSING_QUOTE and _TITLE_OPENS.search(text, max(0, s - 16), s):
        return True  # `‘검과마법 for Kakao’`: the last word of a title
    before = _WORD_BEFORE.search(text, max(0, s - 12), s - 1 if s and text[s - 1] in _OPENING_QUOTE else s)
    return before is not None and before.group(1) in lex.product_heads and bool(_VERSION_AFTER.match(text, e))


# rules that read a name off the figures it has, not off what the text says it is or does
_WEAK_RULES = frozenset({"company:metric-owner", "company:figure-subject"})
# rules that read a name off its place in a sentence alone
_PLACE_RULES = _WEAK_RULES | {"company:reporting-subject", "company:recurring-subject", "company:dated-subject"}


# an item of a list of companies with their figures: `포스코켐텍(306억원)`, `하이닉스(000660)(-1조3250억원)`,
# `큐리언트 59억원`; items are joined by `,`, `·`, `와/과`, `및` or a space
# (a name starts a word: no attempt at every syllable of every word; it runs to the word's end, as only
# a space or `(` may follow it, so the name's repeat is possessive: no retry of every shorter name)
_LIST_ITEM = stdre.compile(
    # (quoted names in a bulleted ranking: `▲ ‘한빛산업’(1,792명) ▲ ‘누리전자’(1,595명)`)
    # (no particle glued to the item before: `CU(1조5831억원)보다 700억원 많다`)
    r"(?<![가-힣A-Za-z0-9&])['‘\"“]?(?!(?:보다|대비|에서|까지|부터|처럼|만큼|보단)\s)"
    rf"(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{{1,19}}+)['’\"”]?(?:\s?{NAME_GLOSS})?"
    # (a figure written in groups, its share after it: `787만 2660명(22.76%)`)
    r"(?:\s?\(\s?[-+−]?\s?\d[\d,.]*\s?(?:조|억|만|천)?[^()]{0,12}\)|\s[-+−]?\d[\d,.]*\s?(?:조|억|만|천)"
    r"(?:\s\d[\d,.]*(?=[^\s\d,.()]))?[^\s,()]{0,6}(?:\(\d[\d.]*%\))?"
    # (a share with the count it stands for: `누리모바일 31.2%(159만7440명)`)
    r"|\s\d[\d.]*\s?%\s?\(\s?\d[^()]{0,16}\)"
    # (a headcount written plainly: `대웅제약 1647명, 일동 1442명`)
    r"|\s\d[\d,]{1,8}\s?명(?=\s?[,·]|\s순(?:이|으로)))"
    r"(?P<sep>\s?(?:,|·|과|와|및|▲|△)?\s?)"
)


# a name as written before `·` joins it to the next (`스페이스넷·프리텔레콤`): the two share what follows them
JOINABLE_NAME = r"[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,19}"
# the first of two names sharing one item of a list
_JOINT_PARTNER = stdre.compile(rf"({JOINABLE_NAME})·")


def _listed_with(text: str, known: set[str], lex: CompanyLexicon) -> list[str]:
    """Names listed with their figures beside a known company (`이어 포스코켐텍(306억원)과 메가스터디(291억원)`):
    the other items of the list are companies too."""
    if not _DIGIT.search(text):
        return []
    out: list[str] = []
    run: list[str] = []
    last_end = run_start = -1

    def of_run() -> list[str]:
        # (`X의 이용자는 470만명으로 A(130만명), B(54만명), C(10만명)을 모두 합친 것보다`: the companies a known
        # one's figure is set against)
        before = max(0, run_start - 60)
        against = run_start >= 0 and _AGAINST_FIGURE.search(text, before, run_start) is not None and any(
            k in text[before:run_start] for k in known)
        return _unknown_of_run(run, known, lex, last_end >= 0 and _ENUMERATED.match(text, last_end) is not None,
                               against=against, bracketed=bracketed, earning=earning)

    # (names whose figure is bracketed right after them carry no particle: `루미마이크로(1176억원)`; names with a
    # sum of money are no people: `이노셀(90억원)`)
    bracketed: set[str] = set()
    earning: set[str] = set()
    for m in _LIST_ITEM.finditer(text):
        if text.startswith("(", m.end("name")):
            bracketed.add(m.group("name"))
        if "원" in text[m.end("name") : m.end()]:
            earning.add(m.group("name"))
        joint = _JOINT_PARTNER.fullmatch(text, last_end, m.start()) if last_end >= 0 else None
        if joint is not None:
            run.append(joint.group(1))  # `스페이스넷·프리텔레콤(37만1000명)`: two names sharing an item
        elif m.start() != last_end:
            out += of_run()
            run, run_start = [], m.start()
        run.append(m.group("name"))
        last_end = m.end()
    return out + of_run()


# a word that ends in these before `의` is a place or a direction, not an owner (`푹으로의 이용자 전환`)
_MOVE_ENDINGS = ("으로", "에서", "에게", "부터")
# a known company's figure right before a list of others': `… 470만5721명으로 `
_AGAINST_FIGURE = stdre.compile(r"\d\s?(?:조|억|만|천)?[\d,]*\s?[가-힣]{0,2}(?:으로|로)\s$")


# a list closed by `등` (`A(-114억원) B(-74억원) C(-70억원) 등도 적자전환했다`): its items are of one kind
_ENUMERATED = stdre.compile(r"\s?등(?:도|이|은|의|\s)")
# items such a list needs to be read as companies with no known one among them
ENUMERATED_ITEMS = 3


# names listed and counted as companies: `A, B, C, D 등 4개사가`, `A·B 2개 기업은`
_COMPANY_COUNT = r"\d\s?(?:개사|개\s?기업|개\s?업체|개\s?회사)"
_COUNTED_TAIL = stdre.compile(_COMPANY_COUNT)
_COUNTED_LIST = stdre.compile(
    rf"((?:[^\s,·()]{{2,20}}(?:\s?,\s?|·|와\s|과\s)){{1,9}}[^\s,·()]{{2,20}})\s(?:등\s?)?\d?{_COMPANY_COUNT}")


# names listed and closed by a kind of company: `A, B, C 등 주요 라이다 제조사들은`
_KIND_LIST = stdre.compile(r"((?:[^\s,·()]{2,20}(?:\s?,\s?|·)){1,9}[^\s,·()]{2,20})\s등\s$")


@cache
def _kind_tail(heads: tuple[str, ...]) -> stdre.Pattern[str]:
    kinds = "|".join(map(stdre.escape, heads))
    return stdre.compile(rf"등\s(?:[가-힣A-Za-z]{{1,10}}\s){{0,2}}(?:{kinds})들?(?=[은는이가의도과와을를]?\s)")


def _kind_listed(text: str, lex: CompanyLexicon) -> list[str]:
    """The names of lists closed by `등` and a kind of company (`A, B, C 등 주요 라이다 제조사들은`) that are no
    ordinary words, people or metrics (`미국, 중국 등 주요 국가들` closes with no kind of company)."""
    out: list[str] = []
    for tail in _kind_tail(lex.appositive_heads).finditer(text) if "등 " in text else ():
        m = _KIND_LIST.search(text, max(0, tail.start() - 240), tail.start() + 2)
        if m is None:
            continue
        items = stdre.split(r"\s?,\s?|·", m.group(1))
        out += [x for x in items if looks_like_name(x, lex, compounds=False) and not is_person_like(x, lex)
                and not is_metric_word(x) and not is_common_word(x)]
    return out


def _table_rows(text: str, lex: CompanyLexicon) -> list[str]:
    """The names heading the rows of a table of metrics (`| 기업 | 매출액 | 영업이익 |` over
    `| 뉴보텍 | 265.8 | 2.2 |`)."""
    from etl.facts.tables import row_names  # (the table reader reads the company index this module makes)

    # (the table vouches for the name: a short one Kiwi reads as a verb form, `세고`, still heads a row)
    return [x for x in row_names(text) if looks_like_name(x, lex, check_kiwi=False) and not is_person_like(x, lex)
            and not is_metric_word(x)]


def _counted_companies(text: str, lex: CompanyLexicon) -> list[str]:
    out: list[str] = []
    # (the list is read only before a count of companies, the rare part: the pattern's runs are costly)
    for tail in _COUNTED_TAIL.finditer(text) if "개" in text else ():
        m = _COUNTED_LIST.search(text, max(0, tail.start() - 240), tail.end())
        if m is None or m.end() != tail.end():
            continue
        items = stdre.split(r"\s?,\s?|·|(?<=[와과])\s", m.group(1))
        stems = [strip_particle(x.removesuffix("와").removesuffix("과"), lex)[0] for x in items]
        out += [x for x in stems if looks_like_name(x, lex, compounds=False) and not is_person_like(x, lex)
                and not is_metric_word(x)]
    return out


def _unknown_of_run(run: list[str], known: set[str], lex: CompanyLexicon, enumerated: bool = False,
                    against: bool = False, bracketed: frozenset[str] | set[str] = frozenset(),
                    earning: frozenset[str] | set[str] = frozenset()) -> list[str]:
    stems = [x if x in bracketed else strip_particle(x, lex)[0] for x in run]
    if len(stems) < 2:
        return []
    if not against and not any(x in known for x in stems):
        if not enumerated or len(stems) < ENUMERATED_ITEMS:
            return []
        stems = [x for x in stems if len(x) >= 3]  # (`A급 8433명, B급 2만4757명, C급 … 등이`: grades, no names)
    # (`대웅제약 1647명, 일동 1442명, 동국 1162명`: a short form the news writes of a listed name, the word and
    # the industry word its known peers in the list end with, names that company even when it is a word too)
    tails = {t for k in stems if k in known for t in lex.suffixes if k.endswith(t) and len(k) > len(t)}
    listed = gazetteer().names if tails else {}
    shortened = {x for x in stems if x not in known and len(x) >= 2 and any(x + t in listed for t in tails)}
    # (`실적은 9656억원, 누리병원은 …`: a common word with its particle, which `strip_particle` may keep as an
    # adnominal form, is no name)
    return [x for x in stems if x in shortened] + [
        x for x in stems if x not in known and x not in shortened and looks_like_name(x, lex, compounds=False)
            and (x in earning or not is_person_like(x, lex)) and not is_metric_word(x)
            and not (x[-1] in "은는이가" and is_common_word(x[:-1]))]


def _known_rule(known: KnownName) -> str:
    if known.relation in ("name", "alias"):
        return "company:listed" if known.stock_code else "company:seed"
    return f"company:seed-{known.relation}"


# the name before a stock code: a word, or up to three Latin words (`LG CNS(064400)`)
_NAME_BEFORE_CODE = stdre.compile(r"(?:[A-Za-z][A-Za-z0-9&.\-]*\s){0,2}[가-힣A-Za-z0-9&.\-]+\s?$")


def _stock_coded_names(text: str) -> dict[str, str]:
    """Names written with a stock code: `삼성전자(005930)` → {삼성전자: 005930}."""
    out: dict[str, str] = {}
    if "(" not in text and "[" not in text:
        return out
    for m in STOCK_CODE.finditer(text):
        before = _NAME_BEFORE_CODE.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        name = _CORP_MARKS.sub(" ", before.group()).strip()
        if len(name) >= 2 and not name.isdigit():
            out.setdefault(name, m.group(1))
    return out


def _code_after(text: str, end: int) -> str | None:
    # a code opens with its bracket, right at `end` or one space on: any other character rules it out
    # without a pattern call (asked of every mention)
    nxt = text[end:end + 1]
    if nxt == " ":
        m = STOCK_CODE.match(text, end + 1)
    elif nxt in ("(", "["):
        m = STOCK_CODE.match(text, end)
    else:
        return None
    return m.group(1) if m else None


_AMOUNT_AFTER = stdre.compile(r"\s?(?:로\s?)?(?:약\s?|환산\s?)?\d")
# the start of a text, a line or a sentence (`…감소했다. 대상의`, stripped `…감소했다  대상의`)
_OPENS_SENTENCE = stdre.compile(r"(?:^|\n|(?:[.!?]|다)\s+)\s*$")
_NEWLINE = stdre.compile(r"\n")
_ALSO_WORDS = frozenset({"역시", "또한"})
# a word closing a clause that the next one joins (`…유지하고 있고 KTF가 …`, `…늘었으며 B는 …`)
_CLAUSE_LINK_END = stdre.compile(r"(?:[가-힣]고|며|지만|는데|으나)$")
_COUNTED_GROUP = stdre.compile(r"\d+\s?(?:개|곳|대)|[두세네]|여러|주요")
# a word ending a relative clause (`실적을 발표한 누리칼텍스 역시`)
_RELATIVE_END_WORD = stdre.compile(r"(?:한|된|던|인|하는|되는|있는|올린|늘린|낸|거둔|이어간|남긴)$")
# what a company's results are called, never its name: `신약개발 관련 기업 실적은`
_RESULT_NOUN = stdre.compile(r"(?:실적|성적|주가|매출|이익|손실|시총|시가총액)")
# sentences back a known subject makes `<X> 역시` read as another company
CARRY_SENTENCES = 6


def _opens_clause(text: str, pos: int, lex: CompanyLexicon) -> bool:
    """`pos` opens its sentence, maybe after an opener word (`실제로 토스는`, not `지원 대상은`)."""
    if _OPENS_SENTENCE.search(text, max(0, pos - 4), pos):
        return True
    w = _WORD_BEFORE.search(text, max(0, pos - 8), pos)
    return w is not None and w.group(1) in lex.sentence_openers and \
        _OPENS_SENTENCE.search(text, max(0, w.start() - 4), w.start()) is not None


_SUBJECT_AFTER = stdre.compile(r"(?:은|는|이|가|의|도)(?![가-힣])")
# (a time word may follow the basis: `모바일인덱스에 따르면 지난달 웨이브의 MAU는`)
_BASIS_BEFORE = stdre.compile(
    r"(?:기준|따르면),?\s+(?:(?:지난달|지난해|작년|올해|이달|지난\s?\d{1,2}월|\d{1,2}월)\s+)?$")
# a counted group before the name makes it a word of a demographic (`20대 남성 사용자 수`)
_COUNTED_BEFORE = stdre.compile(r"\d\s?[가-힣]{1,2}\s$")


def _clause_opening(text: str, pos: int) -> bool:
    """`pos` opens its sentence, or the clause after a basis or a source (`지난 9월 기준 토스의 MAU는`)."""
    return bool(_OPENS_SENTENCE.search(text, max(0, pos - 4), pos) or _BASIS_BEFORE.search(text, max(0, pos - 14), pos))
# a parallel clause with its own figure after a comma: `넷플릭스는 -7.0%(…), 웨이브는 -17.0%(…)로`
_CLAUSE_AFTER_COMMA = stdre.compile(r",\s?$")
# (`티빙은 지난해 1192억 원, 웨이브는 …`: a period word may come first)
_FIGURE_CLAUSE = stdre.compile(
    r"(?:은|는|이|가|도)\s(?:(?:지난해|올해|작년|\d{4}년|[1-4]분기|상반기|하반기)\s)?[-+]?\d")
_CORP_AROUND = stdre.compile(r"(?:㈜|\(주\)|주식회사)\s?$")
# a list of companies, each maybe with its figure: `오스템임플란트(1508억원), 신흥(909억원), 바텍`
_LIST_SEP_AFTER = stdre.compile(r"(?:\([^()]{0,20}\))?\s?(?:[,·、/]|와|과|및|[△▲▷▶■•])\s?")
# (`티빙 1192억원·웨이브 1217억원`: or with its figure written after it)
_LIST_SEP_BEFORE = stdre.compile(
    r"(?:\([^()]{0,20}\)|\s[-+]?\d[\d,.]*\s?(?:조|억|만|천)?[\d,.]*\s?(?:원|명|건)?)?\s?(?:[,·、/]|와|과|및|[△▲▷▶■•])\s?$")


# from a name to the gloss opening after it: `웨이브(`
_GLOSS_OPEN = stdre.compile(r"\s?\(\s?")


def _confirm_ambiguous(text: str, mentions: list[CompanyMention], needs_context: set[str],
                       lex: CompanyLexicon) -> list[CompanyMention]:
    """Keep an ambiguous spelling (`대상`, `신흥`) only where the text says it is a company: a stock code
    or a corporate mark beside it, or a place in a list of other companies (`오스템임플란트, 신흥, 바텍`)."""
    if not needs_context:
        return mentions
    sure = [m for m in mentions if m.surface not in needs_context]
    # `마이크로소프트(Microsoft)가 … MS는`: an acronym of a company the article names in full is that company
    named = {m.name for m in sure}
    by_end = {m.end: m for m in sure}
    by_start = {m.start: m for m in sure}
    # `대상의 2분기 매출은`, `토스 월간 이용자수`: the name owns a figure there; once so confirmed, the name
    # opening another sentence as its subject (`실제로 토스는 …`) is the company too
    # (also after a basis or a source that opens the sentence: `지난 9월 기준 토스의 MAU는`)
    owning_at = {m.start for m in mentions if m.surface in needs_context and (
        (_clause_opening(text, m.start) and lex.reports_figure.match(text, m.end)) or _heads_person(text, m.end, lex)
        or _between_person_and_title(text, m.start, m.end, lex)
        or (lex.figure_compound.match(text, m.end) and not _COUNTED_BEFORE.search(text, max(0, m.start - 8), m.start)))}
    owning = {m.name for m in mentions if m.start in owning_at}
    out = []
    for m in mentions:
        if m.surface not in needs_context:
            out.append(m)
            continue
        glossed = _GLOSS_OPEN.match(text, m.end)  # `웨이브(wavve)`: glossed by a sure spelling of the same company
        if glossed and (g := by_start.get(glossed.end())) is not None and g.name == m.name:
            out.append(m)
            continue
        if m.start in owning_at or (m.name in owning and (lex.figure_compound.match(text, m.end) or (
                _opens_clause(text, m.start, lex) and _SUBJECT_AFTER.match(text, m.end)))):
            out.append(m)
            continue
        if _FIGURE_CLAUSE.match(text, m.end) and any(x.name == m.name for x in out):
            out.append(m)  # `한독과 한빛화장품은 …. 매출도 한독은 1929억원에`: once a company, so in its figure clause
            continue
        if (_CLAUSE_AFTER_COMMA.search(text, max(0, m.start - 3), m.start) and _FIGURE_CLAUSE.match(text, m.end)
                and any(x.end <= m.start and _FIGURE_CLAUSE.match(text, x.end) for x in sure)):
            out.append(m)  # the clause parallels a known company's own figure clause before it
            continue
        after = text[m.end:m.end + 8]
        if m.name in named and m.surface.isascii():
            out.append(m)
            continue
        if (m.stock_code or _code_after(text, m.end) or after.startswith(("㈜", "(주)"))
                or _CORP_AROUND.search(text, max(0, m.start - 5), m.start)):
            out.append(m)
            continue
        nxt = _LIST_SEP_AFTER.match(text, m.end)
        prev = _LIST_SEP_BEFORE.search(text, max(0, m.start - 30), m.start)
        head = _HEAD_BEFORE.search(text, max(0, m.start - 16), m.start)  # `취업포털 사람인은`, `포털 2위 다음은`
        # (a kind as the topic before a focus counts too: `가장 작은 상장사는 아스타로`)
        kind = head.group(1).removesuffix("는").removesuffix("은") if head is not None else ""
        if ((nxt is not None and nxt.end() in by_start) or (prev is not None and prev.start() in by_end)
                or (head is not None and (head.group(1).endswith(lex.appositive_heads)
                                          or ((kind.endswith(lex.appositive_heads) or kind in _CALLED_HEADS
                                               or kind == "상장사") and _FOCUS_AFTER_NAME.match(
                                              text, m.end))))):
            out.append(m)
    return out


def clause_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, by its punctuation or line break alone."""
    return max(text.rfind(c, 0, pos) for c in ".?!\n") + 1


def clause_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends, by its punctuation or line break alone."""
    return min((e for e in (text.find(c, pos) for c in ".?!\n") if e >= 0), default=len(text))


def _quoted_after(text: str, name: str, owners: list[str]) -> bool:
    """The text first quotes `name` as a title (`'쿠키런'`; a figure, `제품 100만 개`, is none) in a sentence
    that names one of `owners` before it as its maker."""
    quoted = stdre.search(r"['‘\"“]" + stdre.escape(name), text) if looks_like_name(name, check_kiwi=False) else None
    if quoted is None:
        return False
    start = clause_start(text, quoted.start())
    return any((k := text.find(o, start, quoted.start())) >= 0 and _MADE_BY.search(text, k, quoted.start()) is not None
               for o in owners)


# the owner made or runs the title that follows: `자사가 개발한 모바일게임 '별빛러너'`
_MADE_BY = stdre.compile(r"자사|자체|개발한|개발 중인|출시한|선보인|서비스하는|운영하는|내놓은|히트작|대표작|인기작")


# `웨이브의 이태현 대표는`, `토스 이승건 대표`: the name heads a person with a company's title
_PERSON_TITLE_AFTER = stdre.compile(r"의?\s([가-힣]{2,4})\s?([가-힣A-Z]{2,6}?)(?:은|는|이|가|의|\(|\s|$)")


_PERSON_BEFORE = stdre.compile(r"(?<![가-힣])([가-힣]{2,4})\s$")
_TITLE_AFTER = stdre.compile(r"\s([가-힣A-Z]{2,6}?)(?:\([A-Za-z]{2,5}\))?(?:은|는|이|가|의|\s)")


def _between_person_and_title(text: str, start: int, end: int, lex: CompanyLexicon) -> bool:
    """`김병준 한빛온 대표는`: the name stands between a person and the person's title."""
    title = _TITLE_AFTER.match(text, end)
    if title is None or title[1] not in lex.titles or title[1] in ("측", "관계자"):
        return False
    person = _PERSON_BEFORE.search(text, max(0, start - 6), start)
    return person is not None and _person_name(person[1], lex)


def _heads_person(text: str, end: int, lex: CompanyLexicon) -> bool:
    m = _PERSON_TITLE_AFTER.match(text, end)
    return m is not None and m[2] in lex.titles and m[2] not in ("측", "관계자") and _person_name(m[1], lex)


_KNOWN_RULES = ("company:seed", "company:listed", "company:stock-code")
# names the gazetteer or a corporate suffix gives, not a sentence's context
_STRONG_RULES = (*_KNOWN_RULES, "company:suffix")


def _mend_dropped_syllables(mentions: list[CompanyMention]) -> list[CompanyMention]:
    """`카카오게임즈 … 카오게임즈는`: a discovered name that is a known company of the same article
    with one character dropped is that company mistyped (a different company differs by more)."""
    known = {m.name for m in mentions if m.rule.startswith(_KNOWN_RULES) and len(m.name) >= 4}
    if not known:
        return mentions
    dropped = {k[:i] + k[i + 1 :]: k for k in known for i in range(len(k))}
    return [replace(m, name=dropped[m.name], rule=f"{m.rule}|typo-of-known")
            if not m.rule.startswith(_KNOWN_RULES) and m.name not in known and m.name in dropped else m
            for m in mentions]


def _as_the_article_names_them(mentions: list[CompanyMention], known: set[str],
                               products: dict[str, str]) -> list[CompanyMention]:
    """A known company is named by its seed name where the article writes it, else by the spelling the
    article uses most (then a Hangul one, then the fullest: `웨이브(wavve)`, then `웨이브` again, is `웨이브`;
    a spelling holding the seed name is fuller still: `KT스카이라이프` and `스카이라이프` are `KT스카이라이프`;
    `현대차` alone stays `현대차`): the warehouse shows what the article said, and dbt resolves every spelling
    to one company."""
    written: dict[str, list[str]] = {}
    for m in mentions:
        if m.name in known and m.surface not in products:
            written.setdefault(m.name, []).append(m.surface)
    # (a fuller spelling holding the seed name is the name: `KT스카이라이프` over `스카이라이프` in a credit line)
    shown = {c: max((s for s in ss if c in s), key=len) if c in ss
             else max(ss, key=lambda x: (ss.count(x), _HANGUL.search(x) is not None, len(x)))
             for c, ss in written.items()}
    return [replace(m, name=shown[m.name]) if shown.get(m.name, m.name) != m.name else m for m in mentions]


_DETACHED_PARTICLE = r"[ \u00a0]{1,2}(?:은|는|이|가|의|와|과|을|를|도|에)(?![가-힣])"
# `NOVA Robotics(노바로보틱스)`, `노바로보틱스(NOVA Robotics)`: a name glossed in the other script
_GLOSS = fastre.compile(
    r"[ \u00a0]?\([ \u00a0]?(?P<g>[가-힣]{2,15}|[A-Za-z][A-Za-z0-9&.\- ]{0,30}?)[ \u00a0]?\)"
    rf"|[ \u00a0]{{1,3}}(?P<g>[가-힣]{{2,15}})(?={_DETACHED_PARTICLE})"  # stripped: `ORBITA Space 오르비타스페이스 는`
)
# (a comma may join a corporate form to the name: `NEXON Co., Ltd.(넥슨)`)
_CORP_FORM_WORD = r"[ \u00a0](?:Ltd|Inc|Corp|LLC|Co|GmbH|AG|PLC|Limited)(?![A-Za-z])"
_LATIN_TAIL = fastre.compile(
    rf"(?:(?:,(?={_CORP_FORM_WORD}))?[ \u00a0][A-Z][A-Za-z0-9&.\-]*){{1,3}}"
    rf"(?=[ \u00a0]?\(|[ \u00a0]{{1,3}}[가-힣]{{2,15}}{_DETACHED_PARTICLE})"
)
_LATIN_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&.-")
_LATIN_BEFORE_GLOSS = fastre.compile(
    rf"(?<![A-Za-z0-9&.\-])(?P<name>(?:[A-Z][A-Za-z0-9&.\-]*(?:,(?={_CORP_FORM_WORD}))?[ \u00a0]){{0,3}}"
    r"[A-Z][A-Za-z0-9&.\-]*)"
    r"(?P<sep>[ \u00a0]?\([ \u00a0]?|[ \u00a0]{1,3})$"
)
_STRIPPED_CLOSE = fastre.compile(_DETACHED_PARTICLE)


def _merge_glosses(text: str, mentions: list[CompanyMention], lex: CompanyLexicon) -> list[CompanyMention]:
    """One company for a name and its gloss: the first-written spelling names both.

    The gloss stays a mention of its own (its surface is an alias); later mentions of either
    spelling resolve to the first-written one.
    """
    mentions = list(mentions)  # a Latin name's first word is replaced by the whole name below
    renames: dict[str, str] = {}
    added: list[CompanyMention] = []
    for i, m in enumerate(mentions):
        tail = _LATIN_TAIL.match(text, m.end) if not _HANGUL.search(m.surface) else None
        if tail is not None:  # `ORBITA Space(…)`: discovery took the first word of a Latin name
            full = text[m.start : tail.end()]
            renames.setdefault(m.name, full)
            m = mentions[i] = CompanyMention(full, full, m.start, tail.end(), m.rule, m.confidence)
        g = _GLOSS.match(text, m.end)
        if g is not None:
            gloss = g.group("g").strip()
            if bool(_HANGUL.search(gloss)) == bool(_HANGUL.search(m.surface)):
                continue  # `(주)`, `(대표 …)`: not a spelling in the other script
            inner = next((x for x in mentions if g.start("g") <= x.start and x.end <= g.end("g")), None)
            if inner is not None:
                renames.setdefault(inner.name, m.name)
            elif looks_like_name(gloss, lex, compounds=False):
                added.append(CompanyMention(m.name, gloss, g.start("g"), g.start("g") + len(gloss), "company:gloss",
                                            m.confidence))
            continue
        # the mention glosses a Latin name written before it: `VELTRA Semi(벨트라세미)`, and stripped of
        # punctuation `VELTRA Semi 벨트라세미 는` (the space before the particle is the lost parenthesis)
        if not _HANGUL.search(m.surface) or m.rule == "company:product":
            continue  # (a product's name glosses no company: `모바일 RPG 은하전기 를 서비스하는`)
        j = m.start - 1  # cheap test first: a Latin name's last character before the gloss
        while j >= 0 and text[j] in " \u00a0(":
            j -= 1
        if j < 0 or text[j] not in _LATIN_NAME_CHARS:
            continue
        lm = _LATIN_BEFORE_GLOSS.search(text[max(0, m.start - 45) : m.start])
        if lm is None:
            continue
        closed = text.startswith(")", m.end) if "(" in lm.group("sep") else _STRIPPED_CLOSE.match(text, m.end)
        if not closed:
            continue
        name = lm.group("name")
        ls = max(0, m.start - 45) + lm.start("name")
        renames.setdefault(m.name, name)
        inside = [x for x in mentions if ls <= x.start < ls + len(name)]
        for x in inside:  # discovery took the Latin name's first word
            renames.setdefault(x.name, name)
        if not inside:
            added.append(CompanyMention(name, name, ls, ls + len(name), "company:glossed-name", m.confidence))
    if not renames and not added:
        return mentions

    def final(name: str) -> str:
        seen = {name}
        while name in renames and renames[name] not in seen:
            name = renames[name]
            seen.add(name)
        return name

    out = [
        CompanyMention(final(m.name), m.surface, m.start, m.end,
                       "company:gloss" if m.name in renames else m.rule, m.confidence)
        for m in mentions
    ]
    return sorted(out + added, key=lambda m: m.start)


_OBJECT_AFTER = stdre.compile(r"(?:을|를|에|와|과|로)(?![가-힣])")


def _main_company(text: str, mentions: list[CompanyMention], counts: Counter[str]) -> str | None:
    # (a data firm that reports others' figures, `FN가이드가 집계한`, is no article's main company)
    sources = lexicon().data_sources
    mentions = [m for m in mentions if m.name not in sources and m.surface not in sources]
    if not mentions:
        return None
    score: dict[str, float] = {}
    objects: set[str] = set()
    first = mentions[0].start
    for m in mentions:
        w = 1.0
        after = text[m.end : m.end + 2]
        if after[:1] in ("은", "는", "이", "가") or after.startswith(" 는") or after.startswith(" 은"):
            w += 0.5
        elif _OBJECT_AFTER.match(after):
            objects.add(m.name)
        if m.start - first < 300:
            w += 0.5
        score[m.name] = score.get(m.name, 0.0) + w
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    (top, top_score), *rest = [*ranked, ("", 0.0)]
    # (a company named once, as an object, is no article's main company: `삼성전자를 제외한 상장사들의`)
    if counts[top] < 2 and (len(score) > 1 or top in objects):
        return None
    if rest and rest[0][1] and top_score < 1.3 * rest[0][1]:
        return None
    return top
