"""Known company names: the exchange's listed companies and the alias seed, found in one pass.

`seeds/listed_companies.csv` (the Korea Exchange's list: stock code, ISIN, short name, market) and
`seeds/company_aliases.csv` (other spellings news uses, products, subsidiaries) are read into one
table of spellings, matched with an Aho–Corasick automaton (pyahocorasick): thousands of names cost
one scan of the text. A spelling that is also an ordinary word (`대상`, `신흥`, `남성`, `한화` the
currency) is *ambiguous*: it names a company only where the text says so (a stock code, `㈜`, a
list of companies, a title), which `companies.discover_companies` decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from etl.reference import seed

# a Hangul name Kiwi knows this well as one ordinary word is ambiguous (scores are log-probabilities:
# `대상` -16, `남성` -17, `신흥` -20; unknown names score below -24)
COMMON_WORD_SCORE = -24.0
_HANGUL = re.compile(r"[가-힣]")
_LATIN_HANGUL = re.compile(r"^([A-Za-z&]+)([가-힣].*)$")
_SPACES = re.compile(r"\s+")
STOCK_CODE = re.compile(r"[(\[]\s*(?:(?:KRX|KOSPI|KOSDAQ|코스피|코스닥)\s*[:：]?\s*)?(\d{6})\s*[)\]]")


@dataclass(frozen=True, slots=True)
class KnownName:
    """What a spelling names: the company (the seed's name, else the exchange's) and how."""

    company: str
    relation: str  # name | alias | product | subsidiary
    stock_code: str | None = None


@dataclass(frozen=True, slots=True)
class KnownHit:
    start: int
    end: int
    surface: str
    known: KnownName


@dataclass(frozen=True, slots=True)
class Listing:
    stock_code: str
    isin: str
    name: str
    market: str


def name_key(name: str) -> str:
    """A spelling without corporate marks and spaces, casefolded (as dbt's company_key)."""
    return _SPACES.sub("", re.sub(r"\(주\)|㈜|주식회사", "", name)).casefold()


class Gazetteer:
    def __init__(self, aliases: list[dict[str, str]], listings: list[dict[str, str]]) -> None:
        self.names: dict[str, KnownName] = {}
        company_of_key: dict[str, str] = {}
        for row in aliases:
            company, alias = row.get("company_name", ""), row.get("alias", "")
            relation = row.get("relation") or "alias"
            if not company:
                continue
            self.names.setdefault(company, KnownName(company, "name"))
            company_of_key.setdefault(name_key(company), company)
            if alias:
                # a subsidiary is a company of its own, never merged into its parent
                owner = alias if relation == "subsidiary" else company
                self.names[alias] = KnownName(owner, "name" if relation == "subsidiary" else relation)
                if relation == "alias":
                    company_of_key.setdefault(name_key(alias), company)
        self.listings: dict[str, Listing] = {}
        code_of: dict[str, str] = {}
        for row in listings:
            code, name = row.get("stock_code", "").strip(), row.get("name", "").strip()
            if not (code and name):
                continue
            self.listings[code] = Listing(code, row.get("isin", ""), name, row.get("market", ""))
            company = company_of_key.get(name_key(name), name)
            code_of.setdefault(company, code)
            if name not in self.names:
                self.names[name] = KnownName(company, "name" if company == name else "alias")
        self.company_of_code = {code: company for company, code in code_of.items()}
        self.names = {s: KnownName(k.company, k.relation, code_of.get(k.company)) for s, k in self.names.items()}
        self._automaton = ahocorasick.Automaton()
        self._wide = ahocorasick.Automaton()  # the same variants, each UTF-16 code unit as two characters
        self._wide_ok = True  # every variant has the two-character form (no character beyond the BMP)
        # whether a written variant begins or ends with whitespace (then an occurrence may reach past
        # a text's trimmed core)
        self.edge_space = False
        for surface in self.names:
            for variant in _variants(surface):
                self._automaton.add_word(variant, (variant, surface))
                self._wide_ok = self._wide_ok and _BEYOND_BMP.search(variant) is None
                if self._wide_ok:
                    self._wide.add_word(_as_units(variant), (variant, surface))
                self.edge_space = self.edge_space or variant != variant.strip()
        if self.names:
            self._automaton.make_automaton()
            self._wide.make_automaton()

    def raw_hits(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, written variant, spelling) of every occurrence, overlapping ones too."""
        if not self.names:
            return
        units = _as_units(text) if self._wide_ok else ""
        if len(units) != 2 * len(text):  # a character beyond the BMP (or a variant with one): the plain scan
            for end_index, (variant, surface) in self._automaton.iter(text):
                end = end_index + 1
                yield end - len(variant), end, variant, surface
            return
        # pyahocorasick looks a node's children up one by one, and the root has a child for every first
        # character of thousands of names: written as bytes, a node has at most 256 children and the
        # root only the few high bytes of those characters. A variant found at an odd byte offset
        # straddles two characters and is no occurrence; the others come in the order the plain scan
        # gives them (by end, the longest first).
        for end_index, (variant, surface) in self._wide.iter(units):
            start = end_index + 1 - 2 * len(variant)
            if not start & 1:
                yield start >> 1, (end_index + 1) >> 1, variant, surface

    def company_of(self, name: str) -> str:
        """The company a spelling resolves to (as dbt resolves it): its seed or exchange company, else itself."""
        known = self.names.get(name) or self._by_key().get(name_key(name))
        return known.company if known is not None and known.relation != "product" else name

    @cache  # noqa: B019 - one gazetteer per process, cached by gazetteer()
    def _by_key(self) -> dict[str, KnownName]:
        return {name_key(s): k for s, k in self.names.items()}

    def spellings_of(self, company: str) -> list[str]:
        return [s for s, k in self.names.items() if k.company == company and k.relation in ("name", "alias")]

    def compatible(self, written: str, code: str) -> bool:
        """`written` can be a spelling of the listed company `code` (`하이닉스` of SK하이닉스): one
        spelling's key contains the other's. A company renamed since (삼성테크윈 → 한화에어로스페이스)
        is not: it keeps the name the article gives it."""
        company = self.company_of_code.get(code)
        if company is None:
            return False
        w = name_key(written)
        if len(w) < 2:
            return False
        keys = {name_key(s) for s in self.spellings_of(company)} | {name_key(self.listings[code].name)}
        return any(w in k or k in w for k in keys if len(k) >= 2)


# a code point beyond the Basic Multilingual Plane, or a lone surrogate: no one UTF-16 code unit
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF\ud800-\udfff]")


def _as_units(text: str) -> str:
    """`text` as its UTF-16 code units, each written as two characters (its high and low byte).

    A text whose characters are all in the BMP comes out twice as long, character k at 2k; a lone
    surrogate keeps its one unit (`surrogatepass`), which no variant holds."""
    return text.encode("utf-16-be", "surrogatepass").decode("latin-1")


def _variants(surface: str) -> tuple[str, ...]:
    """How a spelling may be written: as is, a Latin prefix split from its Hangul (`SK 텔레콤`), and a final
    letter C read out either way (`제이앤티씨`, `제이앤티시`)."""
    m = _LATIN_HANGUL.match(surface)
    out = (surface, f"{m[1]} {m[2]}") if m and len(m[1]) >= 2 else (surface,)
    if len(surface) >= 4 and surface.endswith("씨"):
        out = (*out, f"{surface[:-1]}시")
    return out


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(list(seed("company_aliases")), list(seed("listed_companies")))


# Hangul names this long are not ordinary words, whatever tag Kiwi gives them
UNKNOWN_WORD_LENGTH = 5


@lru_cache(maxsize=8192)
def is_ambiguous(surface: str, short_latin_names: frozenset[str], ordinary: frozenset[str]) -> bool:
    """A spelling that is also something else than the company: an ordinary word Kiwi knows well, a
    short acronym (`CS`, `DB`), or a word the rules list (`한화`, the currency)."""
    if surface in ordinary:
        return True
    compact = surface.replace(" ", "")
    if not _HANGUL.search(compact):
        return len(compact) <= 2 and compact not in short_latin_names
    from etl.facts.companies import _kiwi_analysis

    analysis = _kiwi_analysis(compact)
    if analysis is None:
        return False
    tags, score = analysis
    if "NNP" in tags:
        return False  # a proper noun Kiwi knows (삼성전자, 한미약품, 두산)
    if len(tags) == 1:
        # (a word this long read as one common noun is Kiwi guessing an unknown word: `바이오니아`)
        return score > COMMON_WORD_SCORE and tags[0] != "SL" and len(compact) < UNKNOWN_WORD_LENGTH
    # a short name that reads as words of other kinds (`한섬` as 한 + 섬)
    return len(compact) <= 3 and not all(t.startswith(("NN", "SL", "SH", "SN")) for t in tags)
