"""Deterministic generator of invented Korean business news, with the facts it planted.

Every article is a pure function of `(seed, index)`: the same seed gives the same bytes, article
`i` is the same whatever the corpus size, and `start=` continues a corpus (the "+1% articles" run
of the benchmark generates indices `N .. N + N/100` into a second directory).

Layout written by `generate(out_dir, ...)`:

    out_dir/corpus/jsonl/articles-00000000.jsonl     5,000 records per file (id, title, body, published_at,
    out_dir/corpus/csv/articles-00000000.csv           publisher, reporter, url)
    out_dir/corpus/parquet/articles-00000000.parquet
    out_dir/corpus/txt/0000/syn7-0000003.txt          one clean article per file (title, body, byline)
    out_dir/corpus/dumps/dump-00000000.txt            200 articles, punctuation replaced by spaces,
                                                      concatenated without separators
    out_dir/planted_facts.jsonl                       one line per planted fact / event / neutral statement
    out_dir/manifest.json                             seed, counts, formats, generator version

Each article goes to exactly one format (weights in `FORMAT_WEIGHTS`), so a corpus of N articles
holds N articles in total. `planted_facts.jsonl` names the article by `article` (its `id`, which
structured formats carry as the source id) and, for text files and dumps, by `file` (relative to the
corpus directory) plus `segment` (1-based position of the article in that file). `role` is `fact`
(must be found), `neutral` (a forecast or a past snapshot: neither required nor penalized) or
`event` (a dated company event). Values are in base units: won, persons, counts, percent points.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

GENERATOR_VERSION = "2"
FORMATS = ("jsonl", "csv", "parquet", "txt", "dump")
FORMAT_WEIGHTS = {"jsonl": 35, "csv": 15, "parquet": 20, "txt": 5, "dump": 25}
RECORDS_PER_FILE = 5000
ARTICLES_PER_DUMP = 200
TXT_PER_DIR = 1000
COMPANY_POOL = 4000
METRIC_UNITS = {
    "revenue": "KRW", "operating_profit": "KRW", "net_income": "KRW", "headcount": "person",
    "downloads": "count", "users": "count", "error_rate": "percent",
}

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates.toml"
NAMES = HERE / "names.toml"

# --------------------------------------------------------------------------------------------
# Korean particles


def _final_consonant(text: str) -> int | None:
    """Index of the final consonant (jongseong) of the last sound of `text`; 0 = none, None = unknown."""
    for ch in reversed(text):
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3:
            return (o - 0xAC00) % 28
        if ch.isdigit():
            # 영 일 이 삼 사 오 육 칠 팔 구: ㅇ ㄹ - ㅁ - - ㄱ ㄹ ㄹ -
            return (21, 8, 0, 16, 0, 0, 1, 8, 8, 0)[int(ch)]
        if ch == "%":
            return 0  # 퍼센트
        if ch.isalpha():
            return 8 if ch.lower() == "l" else (4 if ch.lower() in "mn" else (1 if ch.lower() in "kgpbt" else 0))
        if ch in " '\")]}":
            continue
        return None
    return None


PARTICLES = {
    "은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"), "으로": ("으로", "로"),
    "이다": ("이다", "다"), "이었다": ("이었다", "였다"), "이었던": ("이었던", "였던"),
    "이라는": ("이라는", "라는"), "이던": ("이던", "던"),
}


def attach(text: str, particle: str) -> str:
    pair = PARTICLES.get(particle)
    if pair is None:
        return text + particle
    jong = _final_consonant(text)
    if jong is None:
        jong = 1
    if particle == "으로":
        return text + ("로" if jong in (0, 8) else "으로")
    return text + (pair[0] if jong else pair[1])


# --------------------------------------------------------------------------------------------
# Templates

_SLOT = re.compile(r"\{([A-Z0-9_]+)(?::([^}]+))?\}")
Template = tuple[str, tuple[tuple[str, str | None, str], ...]]  # (id, ((literal, slot, particle), ...))


def _compile(tid: str, text: str) -> Template:
    parts: list[tuple[str, str | None, str]] = []
    pos = 0
    for m in _SLOT.finditer(text):
        parts.append((text[pos:m.start()], m[1], m[2] or ""))
        pos = m.end()
    parts.append((text[pos:], None, ""))
    return tid, tuple(parts)


def _compile_group(prefix: str, table: dict[str, list[str]]) -> dict[str, list[Template]]:
    return {k: [_compile(f"{prefix}.{k}#{i}", t) for i, t in enumerate(v)] for k, v in table.items()}


@dataclass
class Lexicon:
    facts: dict[str, list[Template]]
    pairs: dict[str, list[Template]]
    second: dict[str, list[Template]]
    events: dict[str, list[Template]]
    neutral: dict[str, list[Template]]
    distractors: list[Template]
    background: list[Template]
    titles: list[Template]
    color: list[Template]
    quotes: list[Template]
    leads: list[Template]
    names: dict[str, Any]  # lists of name parts; surname_latin is a table


def load_lexicon() -> Lexicon:
    t = tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))
    n = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    d = t["distractors"]
    return Lexicon(
        facts=_compile_group("fact", t["facts"]),
        pairs=_compile_group("pair", t["pairs"]),
        second=_compile_group("second", t["second"]),
        events=_compile_group("event", t["events"]),
        neutral=_compile_group("neutral", t["neutral"]),
        distractors=[_compile(f"distractor#{i}", s) for i, s in enumerate(d["sentences"])],
        background=[_compile(f"background#{i}", s) for i, s in enumerate(d["background"])],
        titles=[_compile(f"title#{i}", s) for i, s in enumerate(t["article"]["titles"])],
        leads=[_compile(f"lead#{i}", s) for i, s in enumerate(t["article"]["leads"])],
        color=[_compile(f"color#{i}", s) for i, s in enumerate(t["article"]["color"])],
        quotes=[_compile(f"quote#{i}", s) for i, s in enumerate(t["article"]["quotes"])],
        names=n,
    )


def render(tpl: Template, slots: Mapping[str, str]) -> str:
    out: list[str] = []
    for literal, slot, particle in tpl[1]:
        out.append(literal)
        if slot is not None:
            value = slots[slot]
            out.append(attach(value, particle) if particle else value)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Values. Money is handled in 만원 (10^4 won) integers; every figure of a company is a pure
# function of (seed, company, year), so articles about the same company and year agree.

MAN = 10_000


def round_money(man: float) -> int:
    """Round like news does: whole 억 from 100억 up, 100만 from 1억, 10만 below."""
    step = 10_000 if abs(man) >= 1_000_000 else (100 if abs(man) >= 10_000 else 10)
    return round(man / step) * step or step


def _eok_text(rng: random.Random, eok: int) -> str:
    """An amount of `eok` 억원 (eok ≥ 1) in one of the ways Korean business news writes it."""
    jo, rest = divmod(eok, 10000)
    if jo == 0:
        return f"{eok:,}억원" if rng.random() < 0.6 else f"{eok}억원"
    if rest == 0:
        return f"{jo}조원"
    r = rng.random()
    if rest % 1000 == 0 and r < 0.3:
        return f"{jo}조 {rest // 1000}천억원"
    if rest % 1000 == 0 and r < 0.45:
        return f"{jo}.{rest // 1000}조원"
    return f"{jo}조 {rest:,}억원" if r < 0.75 else f"{jo}조{rest}억원"


def won_text(rng: random.Random, man: int) -> str:
    """A positive amount given in 만원, written as news writes it."""
    eok, rest = divmod(man, MAN)
    if eok == 0:
        return f"{rest:,}만원" if rng.random() < 0.6 else f"{rest}만원"
    if rest == 0:
        return _eok_text(rng, eok)
    return f"{eok}억 {rest:,}만원" if rng.random() < 0.5 else f"{eok}억{rest}만원"


def persons_text(rng: random.Random, n: int, approx: bool = True) -> str:
    r = rng.random()
    if r < 0.5 or n < 20:
        return f"{n:,}명"
    if r < 0.75 or not approx or n % 10:
        return f"{n}명"
    return f"약 {n:,}명" if r < 0.88 else f"{n:,}여명"


def man_count_text(rng: random.Random, man: int, counter: str) -> str:
    """A count given in 만 (10^4): "1,200만 건", "300만회", "1억2000만 명"."""
    sep = " " if rng.random() < 0.4 else ""
    eok, rest = divmod(man, MAN)
    if eok:
        return f"{eok}억{rest}만{sep}{counter}" if rest else f"{eok}억{sep}{counter}"
    num = f"{man:,}" if rng.random() < 0.6 else str(man)
    return f"{num}만{sep}{counter}"


def percent_text(rng: random.Random, v: float) -> str:
    return f"{v:g}퍼센트" if rng.random() < 0.05 else f"{v:g}%"


# --------------------------------------------------------------------------------------------
# Periods and dates


def year_phrase(rng: random.Random, pub: date) -> tuple[str, int, str]:
    """(text, year, label) for a flow metric reported in an article published on `pub`."""
    r = rng.random()
    if r < 0.35:
        return rng.choice(("지난해", "지난해", "작년")), pub.year - 1, "FY"
    if r < 0.88 or pub.month < 5:
        y = pub.year - rng.choice((1, 1, 1, 2, 3))
        return rng.choice((f"{y}년", f"{y}년", f"{y}년 한 해")), y, "FY"
    return rng.choice(("올해 1분기", "올 1분기")), pub.year, "Q1"


def year_end_phrase(rng: random.Random, pub: date) -> tuple[str, int]:
    if rng.random() < 0.5:
        return "지난해 말", pub.year - 1
    y = pub.year - rng.choice((1, 2))
    return f"{y}년 말", y


def event_date(rng: random.Random, pub: date, kind: str, founded: int) -> tuple[str, str, str]:
    """(text, ISO date at its grain, grain) of an event before `pub`."""
    if kind == "founded":
        y = founded
        r = rng.random()
        if r < 0.4:
            return rng.choice((f"{y}년", f"지난 {y}년")), f"{y}", "year"
        m = 1 + (y * 7) % 12
        if r < 0.85:
            return f"{y}년 {m}월", f"{y}-{m:02d}", "month"
        d = 1 + (y * 13) % 28
        return f"{y}년 {m}월 {d}일", f"{y}-{m:02d}-{d:02d}", "day"
    when = pub - timedelta(days=rng.randint(20, 700))
    r = rng.random()
    if r < 0.35 and when.year == pub.year and when.month < pub.month:
        return f"지난 {when.month}월", f"{when.year}-{when.month:02d}", "month"
    if r < 0.7:
        return f"{when.year}년 {when.month}월", f"{when.year}-{when.month:02d}", "month"
    return f"{when.year}년 {when.month}월 {when.day}일", when.isoformat(), "day"


# --------------------------------------------------------------------------------------------
# Companies


@dataclass(frozen=True, slots=True)
class Company:
    name: str  # canonical: what planted_facts.jsonl names
    sector: str
    formal: str  # first-mention form, e.g. "(주)누리테크"
    founded: int
    rev2020: float  # revenue in 2020, 만원
    growth: float  # yearly revenue growth factor
    margin: float  # operating margin (negative: losses)
    net_ratio: float  # net income / operating profit
    staff2020: int
    users_man: int  # users in 2020, in 만
    downloads_man: int
    error_pct: float

    def figure(self, metric: str, year: int) -> float:
        """The company's true figure, in base units (won, persons, counts, percent points)."""
        k = year - 2020
        rev = round_money(self.rev2020 * self.growth ** k)
        if metric == "revenue":
            return rev * MAN
        if metric == "operating_profit":
            return round_money(rev * self.margin) * MAN
        if metric == "net_income":
            return round_money(round_money(rev * self.margin) * self.net_ratio) * MAN
        if metric == "headcount":
            n = max(5, int(self.staff2020 * self.growth ** (k / 2)))
            return float(n if n < 100 else round(n, -1))
        if metric == "users":
            return max(1, int(self.users_man * self.growth ** k)) * MAN
        if metric == "downloads":
            return max(1, int(self.downloads_man * self.growth ** k)) * MAN
        if metric == "error_rate":
            return round(max(0.1, self.error_pct - 0.3 * k), 1)
        raise KeyError(metric)


def company_pool(seed: int, lex: Lexicon, size: int = COMPANY_POOL) -> list[Company]:
    """Invented company names (Hangul stems + a sector suffix, or Latin names), unique per seed,
    each with its own (invented) financials."""
    rng = random.Random(f"companies:{seed}")
    names = lex.names
    suffixes = [tuple(s.split("=")) for s in names["suffixes"]]
    latin_suffixes = [tuple(s.split("=")) for s in names["latin_suffixes"]]
    blocked = set(names["blocked"])
    seen: set[str] = set()
    pool: list[Company] = []
    while len(pool) < size:
        if rng.random() < 0.82:
            stem = rng.choice(names["stems"])
            if rng.random() < 0.35:
                stem += rng.choice(names["stems2"])
            suffix, sector = rng.choice(suffixes)
            name = stem + suffix
        else:
            suffix, sector = rng.choice(latin_suffixes)
            name = f"{rng.choice(names['latin_stems'])} {suffix}"
        if name in seen or name in blocked or len(name) < 3:
            continue
        seen.add(name)
        f = rng.random()
        formal = (f"(주){name}" if f < 0.14 else f"주식회사 {name}" if f < 0.19
                  else f"㈜{name}" if f < 0.24 else name)
        size_class = rng.random()
        rev_eok = (rng.uniform(3, 300) if size_class < 0.5 else rng.uniform(300, 5000) if size_class < 0.85
                   else rng.uniform(5000, 200000))
        pool.append(Company(
            name=name, sector=sector, formal=formal, founded=rng.randint(1995, 2019),
            rev2020=rev_eok * MAN,
            growth=rng.uniform(1.05, 1.6) if rev_eok < 300 else rng.uniform(1.03, 1.3) if rev_eok < 5000
            else rng.uniform(1.01, 1.12),
            margin=rng.uniform(-0.25, -0.03) if rng.random() < 0.15 else rng.uniform(0.02, 0.3),
            net_ratio=rng.uniform(0.5, 0.9), staff2020=max(5, int(rev_eok * rng.uniform(0.15, 0.8))),
            users_man=rng.randint(1, 3000), downloads_man=rng.randint(5, 4000),
            error_pct=rng.randint(5, 120) / 10,
        ))
    return pool


# --------------------------------------------------------------------------------------------
# Articles


@dataclass
class Planted:
    role: str  # fact | neutral | event
    company: str
    metric: str  # metric name, or the event type for role == "event"
    value: float | None
    unit: str | None
    year: int | None
    label: str | None
    template: str
    evidence: str
    date: str | None = None
    grain: str | None = None


@dataclass
class Draft:
    article_id: str
    index: int
    fmt: str
    title: str
    paragraphs: list[str]
    published: date
    publisher: str
    domain: str
    reporter: str
    email: str
    dateline: str | None
    planted: list[Planted] = field(default_factory=list)

    def body(self, byline: bool, footer: bool) -> str:
        parts = list(self.paragraphs)
        if self.dateline:
            parts[0] = f"[{self.dateline}={self.publisher}] {self.reporter} 기자 = {parts[0]}"
        if byline:
            parts.append(f"{self.reporter} 기자 {self.email}")
        if footer:
            parts.append(f"<저작권자 ⓒ {self.publisher}, 무단전재 및 재배포 금지>")
        return "\n\n".join(parts)


METRIC_WEIGHTS = {
    "revenue": 26, "operating_profit": 14, "net_income": 10, "headcount": 15, "downloads": 10,
    "users": 15, "error_rate": 10,
}
YEAR_BOUND = {"revenue", "operating_profit", "net_income"}


class Slots(dict[str, str]):
    """Template slot values; distractor numbers are drawn only when a template asks for them."""

    def __init__(self, rng: random.Random, providers: dict[str, Callable[[random.Random], str]],
                 fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.providers = providers

    def __missing__(self, key: str) -> str:
        return self.providers[key](self.rng)


class Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.lex = load_lexicon()
        self.pool = company_pool(seed, self.lex)
        n = self.lex.names
        self.publishers = [tuple(p.split("=")) for p in n["publishers"]]
        self.metric_names = list(METRIC_WEIGHTS)
        self.metric_weights = list(METRIC_WEIGHTS.values())
        pick = random.Random.choice
        self.providers: dict[str, Callable[[random.Random], str]] = {
            "SAID": lambda r: pick(r, ("밝혔다", "밝혔다", "발표했다", "공시했다", "전했다")),
            "ATTEND": lambda r: str(r.randint(3, 90) * 10),
            "SAMPLE": lambda r: f"{r.randint(5, 30) * 100:,}",
            "PCT": lambda r: str(r.randint(11, 89)),
            "PCT_SMALL": lambda r: f"{r.randint(11, 150) / 10:g}",
            "RESEARCH": lambda r: pick(r, n["research"]),
            "MKT": lambda r: _eok_text(r, r.randint(2, 300) * 1000),
            "REGION": lambda r: pick(r, n["regions"]),
            "POP": lambda r: f"{r.randint(50, 3000) * 1000:,}",
            "GOV": lambda r: _eok_text(r, r.randint(1, 400) * 100),
            "ROUND": lambda r: pick(r, "ABC"),
            "INVEST": lambda r: _eok_text(r, r.randint(10, 900)),
            "CITY": lambda r: pick(r, n["cities"]),
            "SITES": lambda r: pick(r, ("두 번째", "세 번째", "네 번째")),
            "DAYS": lambda r: str(r.randint(2, 4)),
            "COUNTRIES": lambda r: str(r.randint(2, 40)),
            "CLIENTS": lambda r: f"{r.randint(3, 200) * 10:,}",
            "PATENTS": lambda r: str(r.randint(5, 120)),
        }

    # -- small pieces ---------------------------------------------------------------------------
    def person(self, rng: random.Random) -> tuple[str, str]:
        n = self.lex.names
        surname = rng.choice(n["surnames"])
        given = rng.choice(n["given1"]) + rng.choice(n["given2"])
        latin = n["surname_latin"].get(surname, "kim")
        return surname + given, latin + "".join(rng.choice("abcdefghjkmnprstwy") for _ in range(2))

    def product(self, rng: random.Random) -> str:
        n = self.lex.names
        return rng.choice(n["product_stems"]) + rng.choice(n["product_suffixes"])

    def value(self, rng: random.Random, co: Company, metric: str, year: int) -> tuple[str, float]:
        """(text, value in base units) of a company's figure, in a randomly chosen written form."""
        v = co.figure(metric, year)
        if metric in ("revenue", "operating_profit", "net_income"):
            return won_text(rng, int(abs(v) // MAN)), v
        if metric == "headcount":
            return persons_text(rng, int(v)), v
        if metric in ("users", "downloads"):
            man = int(v // MAN)
            if metric == "users" and man < 2 and rng.random() < 0.5:
                return f"{int(v):,}명", v
            counter = "명" if metric == "users" else rng.choice(("건", "건", "회"))
            return man_count_text(rng, man, counter), v
        return percent_text(rng, v), v

    # -- one article ----------------------------------------------------------------------------
    def article(self, index: int, formats: tuple[str, ...], weights: tuple[int, ...]) -> Draft:
        rng = random.Random(f"{self.seed}:{index}")
        fmt = formats[0] if len(formats) == 1 else rng.choices(formats, weights)[0]
        lex = self.lex
        pick = rng.choice
        main = pick(self.pool)
        other = pick(self.pool)
        while other.name == main.name:
            other = pick(self.pool)
        pub = date(2021, 1, 1) + timedelta(days=rng.randint(0, 5 * 365 - 1))
        publisher, domain = pick(self.publishers)
        reporter, handle = self.person(rng)
        product = self.product(rng)
        ceo, _ = self.person(rng)
        base = {"C2": other.name, "P": product, "PQ": f"'{product}'", "PERSON2": self.person(rng)[0],
                "SECTOR": main.sector, "PERSON": ceo, "C": main.name,
                "FY": f"{pub.year + rng.randint(1, 3)}년", "MKT_YEAR": str(pub.year + rng.randint(1, 5)),
                "LDATE": pick(("이날", f"{pub.day}일", f"지난 {max(1, pub.day - rng.randint(1, 3))}일"))}
        first = [True]

        def slots(extra: dict[str, str] | None = None, company: Company | None = None) -> Slots:
            s = Slots(rng, self.providers, base)
            if company is None and first[0]:
                s["C"] = main.formal
                first[0] = False
            if company is not None:
                s["C"] = company.name
            if extra:
                s.update(extra)
            return s

        planted: list[Planted] = []
        title = render(pick(lex.titles), slots())
        first[0] = True  # the title does not count as the first mention in the body
        first_par = [render(pick(lex.leads), slots())]
        if rng.random() < 0.35:  # founding event, in the opening paragraph
            tpl = pick(lex.events["founded"])
            text, iso, grain = event_date(rng, pub, "founded", main.founded)
            sentence = render(tpl, slots({"D": text}))
            planted.append(Planted("event", main.name, "founded", None, None, None, None, tpl[0], sentence,
                                   iso, grain))
            first_par.append(sentence)
        color = rng.sample(lex.color, rng.randint(2, 4))
        for tpl in color[:1]:
            first_par.append(render(tpl, slots()))

        body: list[str] = []
        used: set[tuple[str, int | None]] = set()
        for _ in range(rng.randint(2, 5)):  # facts about the main company
            metric = rng.choices(self.metric_names, self.metric_weights)[0]
            yr_text, fy, fy_label = year_phrase(rng, pub)
            year: int | None = fy
            label: str | None = fy_label
            ye_text, ye_year = year_end_phrase(rng, pub)
            loss = metric == "operating_profit" and main.margin < 0
            tpl = pick(lex.facts["operating_loss" if loss else metric])
            if metric in YEAR_BOUND:
                fig_year = fy
                if not any(part[1] == "Y" for part in tpl[1]):
                    year, label = None, None  # `같은 기간 …` has no period of its own once the body is shuffled
            elif any(part[1] == "YE" for part in tpl[1]):
                fig_year, year, label = ye_year, ye_year, "FY"
            else:
                fig_year, year, label = pub.year, None, None
            if (metric, year) in used or (metric == "net_income" and main.margin < 0):
                continue
            used.add((metric, year))
            text, value = self.value(rng, main, metric, fig_year)
            if label == "Q1":
                value = round_money(value / MAN / 4) * MAN if metric != "headcount" else value
                text = won_text(rng, int(abs(value) // MAN))
            growth = max(3, round((main.growth - 1) * 100 * rng.uniform(0.9, 1.1)))
            sentence = render(tpl, slots({"Y": yr_text, "YE": ye_text, "V": text, "VABS": text, "G": str(growth)}))
            body.append(sentence)
            planted.append(Planted("fact", main.name, metric, value, METRIC_UNITS[metric], year, label,
                                   tpl[0], sentence))

        if rng.random() < 0.25:  # a two-year pair
            metric = pick(("revenue", "revenue", "operating_profit", "headcount"))
            y2 = pub.year - pick((1, 1, 2))
            y1 = y2 - rng.randint(2, 5)
            if (metric, y1) not in used and (metric, y2) not in used and not (
                    metric == "operating_profit" and main.margin < 0):
                (t1, v1), (t2, v2) = self.value(rng, main, metric, y1), self.value(rng, main, metric, y2)
                if v2 > v1:
                    tpl = pick(lex.pairs[metric])
                    sentence = render(tpl, slots({"Y1": f"{y1}년", "Y2": f"{y2}년", "V1": t1, "V2": t2}))
                    body.append(sentence)
                    for y, v in ((y1, v1), (y2, v2)):
                        planted.append(Planted("fact", main.name, metric, v, METRIC_UNITS[metric], y, "FY",
                                               tpl[0], sentence))

        if rng.random() < 0.4:  # a launch
            tpl = pick(lex.events["launched"])
            text, iso, grain = event_date(rng, pub, "launched", main.founded)
            sentence = render(tpl, slots({"D": text}))
            planted.append(Planted("event", main.name, "launched", None, None, None, None, tpl[0], sentence,
                                   iso, grain))
            body.append(sentence)

        if rng.random() < 0.2:  # a neutral statement (target, forecast, past snapshot)
            metric = pick(("revenue", "headcount"))
            tpl = pick(lex.neutral[metric])
            if metric == "revenue":
                man = round_money(main.figure("revenue", pub.year) / MAN * rng.uniform(1.3, 3))
                text, value = won_text(rng, man), man * MAN
            else:
                n = rng.randint(3, 40) if tpl[0].endswith("#0") else rng.randint(2, 30) * 10
                text, value = f"{n}명", float(n)
            sentence = render(tpl, slots({"V": text}))
            planted.append(Planted("neutral", main.name, metric, value, METRIC_UNITS[metric], None, None,
                                   tpl[0], sentence))
            body.append(sentence)

        for tpl in rng.sample(lex.distractors, rng.randint(3, 6)):
            body.append(render(tpl, slots()))
        for tpl in color[1:]:
            body.append(render(tpl, slots()))
        for tpl in rng.sample(lex.background, rng.randint(3, 6)):
            body.append(render(tpl, slots()))
        rng.shuffle(body)

        closing: list[str] = []
        if rng.random() < 0.25:  # a second company, in its own closing paragraph
            metric = pick(list(lex.second))
            tpl = pick(lex.second[metric])
            yr_text, year, label = year_phrase(rng, pub)
            if label == "Q1":
                yr_text, year = "지난해", pub.year - 1
            fig_year = year if metric in YEAR_BOUND else pub.year
            if metric not in YEAR_BOUND:
                year, label = None, None
            text, value = self.value(rng, other, metric, fig_year)
            if value > 0:
                sentence = render(tpl, slots({"Y": yr_text, "V": text}, company=other))
                planted.append(Planted("fact", other.name, metric, value, METRIC_UNITS[metric], year, label,
                                       tpl[0], sentence))
                closing.append(sentence)
        closing.append(render(pick(lex.quotes), slots()))

        paragraphs = [" ".join(first_par)]
        i = 0
        while i < len(body):
            k = rng.randint(2, 4)
            paragraphs.append(" ".join(body[i:i + k]))
            i += k
        paragraphs.append(" ".join(closing))
        dateline = pick(lex.names["cities"][:6]) if rng.random() < 0.25 else None
        return Draft(f"syn{self.seed}-{index:07d}", index, fmt, title, paragraphs, pub, publisher, domain,
                     reporter, f"{handle}@{domain}", dateline, planted)


# --------------------------------------------------------------------------------------------
# Writers

_PUNCT = re.compile(r"[^\w\s]|_")


def strip_punctuation(text: str) -> str:
    """What raw dumps look like: every punctuation mark or symbol replaced by a space."""
    return _PUNCT.sub(" ", text)


class CorpusWriter:
    """Streams drafts to their format's files; at most one chunk per format is held in memory."""

    def __init__(self, corpus: Path, start: int) -> None:
        self.corpus = corpus
        self.start = start
        self.counts = dict.fromkeys(FORMATS, 0)
        self._jsonl: IO[str] | None = None
        self._csv_file: IO[str] | None = None
        self._csv: csv.DictWriter[str] | None = None
        self._parquet_rows: list[dict[str, str]] = []
        self._parquet_name = ""
        self._dump: IO[str] | None = None
        self._dump_name = ""
        self._dump_segments = 0

    def _name(self, fmt: str, per_file: int) -> str:
        return f"{self.start + self.counts[fmt] // per_file * per_file:08d}"

    def record(self, d: Draft) -> dict[str, str]:
        return {
            "id": d.article_id, "title": d.title, "body": d.body(byline=d.index % 3 != 0, footer=d.index % 4 == 0),
            "published_at": f"{d.published.isoformat()}T{6 + d.index % 14:02d}:{d.index % 60:02d}:00+09:00",
            "publisher": d.publisher, "reporter": f"{d.reporter} 기자",
            "url": f"https://www.{d.domain}/news/articleView.html?idxno={d.index}",
        }

    def write(self, d: Draft) -> tuple[str, int | None]:
        """Write one article; returns (file relative to the corpus, segment number or None)."""
        fmt = d.fmt
        if fmt == "jsonl":
            if self.counts[fmt] % RECORDS_PER_FILE == 0:
                self._close_jsonl()
                rel = f"jsonl/articles-{self._name(fmt, RECORDS_PER_FILE)}.jsonl"
                self._jsonl_name = rel
                self._jsonl = self._open(rel)
            assert self._jsonl is not None
            self._jsonl.write(json.dumps(self.record(d), ensure_ascii=False) + "\n")
            where: tuple[str, int | None] = (self._jsonl_name, None)
        elif fmt == "csv":
            if self.counts[fmt] % RECORDS_PER_FILE == 0:
                self._close_csv()
                rel = f"csv/articles-{self._name(fmt, RECORDS_PER_FILE)}.csv"
                self._csv_name = rel
                self._csv_file = self._open(rel)
                self._csv = csv.DictWriter(self._csv_file, fieldnames=list(self.record(d)))
                self._csv.writeheader()
            assert self._csv is not None
            rec = self.record(d)
            rec["published_at"] = rec["published_at"][:16].replace("T", " ")
            self._csv.writerow(rec)
            where = (self._csv_name, None)
        elif fmt == "parquet":
            if self.counts[fmt] % RECORDS_PER_FILE == 0:
                self._flush_parquet()
                self._parquet_name = f"parquet/articles-{self._name(fmt, RECORDS_PER_FILE)}.parquet"
            self._parquet_rows.append(self.record(d))
            where = (self._parquet_name, None)
        elif fmt == "txt":
            rel = f"txt/{(self.start + self.counts[fmt]) // TXT_PER_DIR:04d}/{d.article_id}.txt"
            text = f"{d.title}\n\n{d.body(byline=True, footer=d.index % 2 == 0)}\n"
            path = self.corpus / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            where = (rel, 1)
        else:  # stripped dump
            if self.counts[fmt] % ARTICLES_PER_DUMP == 0:
                self._close_dump()
                self._dump_name = f"dumps/dump-{self._name(fmt, ARTICLES_PER_DUMP)}.txt"
                self._dump = self._open(self._dump_name)
                self._dump_segments = 0
            assert self._dump is not None
            self._dump_segments += 1
            self._dump.write(self.dump_text(d))
            where = (self._dump_name, self._dump_segments)
        self.counts[fmt] += 1
        return where

    @staticmethod
    def dump_text(d: Draft) -> str:
        """One article as raw dumps hold it: stripped, byline + footer at its end, no separator."""
        head = f"{d.title}\n" if d.index % 2 == 0 else ""
        if d.index % 5 == 0:
            head += f"{d.published.year}.{d.published.month}.{d.published.day}\n"
        body = d.body(byline=False, footer=False)
        end = f"\n{d.reporter} 기자 {d.email}\n" if d.index % 3 else f" {d.reporter} 기자 "
        footer = "무단전재 및 재배포 금지" if d.index % 4 else f"저작권자 ⓒ {d.publisher} 무단전재 및 재배포 금지"
        joint = ("", " ", "\n")[d.index % 3]
        return strip_punctuation(head + body + end + footer) + joint

    def _open(self, rel: str) -> IO[str]:
        path = self.corpus / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8", newline="")

    def _close_jsonl(self) -> None:
        if self._jsonl:
            self._jsonl.close()
            self._jsonl = None

    def _close_csv(self) -> None:
        if self._csv_file:
            self._csv_file.close()
            self._csv_file = None
            self._csv = None

    def _close_dump(self) -> None:
        if self._dump:
            self._dump.close()
            self._dump = None

    def _flush_parquet(self) -> None:
        if not self._parquet_rows:
            return
        import polars as pl

        path = self.corpus / self._parquet_name
        path.parent.mkdir(parents=True, exist_ok=True)
        pl.DataFrame(self._parquet_rows).write_parquet(path, compression="zstd", statistics=False)
        self._parquet_rows = []

    def close(self) -> None:
        self._close_jsonl()
        self._close_csv()
        self._flush_parquet()
        self._close_dump()


# --------------------------------------------------------------------------------------------
# Entry points


def generate(out_dir: Path, articles: int, seed: int, formats: set[str] | None = None, *,
             start: int = 0) -> Path:
    """Write `articles` invented articles (indices start .. start+articles-1) and their planted facts.

    Returns the corpus directory (`out_dir/corpus`), the path to give `newsfacts run --input`;
    `out_dir/planted_facts.jsonl` and `out_dir/manifest.json` are written beside it. Output is a
    pure function of (seed, indices, formats): the same arguments give the same bytes. Everything
    streams: memory does not grow with `articles`.
    """
    chosen = tuple(f for f in FORMATS if formats is None or f in formats)
    unknown = set(formats or ()) - set(FORMATS)
    if unknown or not chosen:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
    weights = tuple(FORMAT_WEIGHTS[f] for f in chosen)
    out_dir = Path(out_dir)
    corpus = out_dir / "corpus"
    if corpus.exists() and any(corpus.iterdir()):
        raise FileExistsError(f"{corpus} is not empty; choose a new --out directory")
    corpus.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    writer = CorpusWriter(corpus, start)
    n_planted = {"fact": 0, "neutral": 0, "event": 0}
    with (out_dir / "planted_facts.jsonl").open("w", encoding="utf-8") as pf:
        for index in range(start, start + articles):
            d = gen.article(index, chosen, weights)
            rel, segment = writer.write(d)
            for p in d.planted:
                n_planted[p.role] += 1
                row = {
                    "article": d.article_id, "format": d.fmt, "file": rel, "segment": segment,
                    "role": p.role, "company": p.company, "metric": p.metric, "value": p.value,
                    "unit": p.unit, "year": p.year, "period_label": p.label,
                    "published_date": d.published.isoformat(), "template": p.template, "evidence": p.evidence,
                }
                if p.role == "event":
                    row["date"], row["grain"] = p.date, p.grain
                pf.write(json.dumps(row, ensure_ascii=False) + "\n")
    writer.close()
    manifest = {
        "generator_version": GENERATOR_VERSION, "seed": seed, "start": start, "articles": articles,
        "formats": list(chosen), "articles_per_format": writer.counts, "planted": n_planted,
        "corpus": "corpus", "planted_facts": "planted_facts.jsonl",
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    return corpus


def synth_command(articles: int, seed: int, out: Path, formats: set[str] | None = None) -> int:
    """Generate a benchmark corpus of invented Korean business news with its planted facts.

    Arguments (as `newsfacts synth` takes them):
      --articles N   number of articles in total, spread over all formats (default 10000)
      --seed S       random seed; the same seed writes the same bytes (default 7)
      --out DIR      output directory (must not hold a corpus yet). Writes DIR/corpus/ (jsonl/, csv/,
                     parquet/, txt/ one clean article per file, dumps/ stripped concatenated articles),
                     DIR/planted_facts.jsonl (one line per planted fact: article id, or file + 1-based
                     segment for text files and dumps; company, metric, value in base units, unit,
                     year) and DIR/manifest.json.
    Then: `newsfacts run --input DIR/corpus`. Returns the exit code (0 ok, 1 bad arguments).
    """
    if articles < 1:
        print("error: --articles must be at least 1", file=sys.stderr)
        return 1
    t0 = time.monotonic()
    try:
        corpus = generate(Path(out), articles, seed, formats)
    except (ValueError, FileExistsError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    manifest = json.loads((corpus.parent / "manifest.json").read_text(encoding="utf-8"))
    per = ", ".join(f"{k} {v:,}" for k, v in manifest["articles_per_format"].items() if v)
    planted = manifest["planted"]
    print(f"wrote {articles:,} articles ({per}) to {corpus} in {time.monotonic() - t0:.1f}s; "
          f"planted {planted['fact']:,} facts, {planted['event']:,} events, {planted['neutral']:,} neutral "
          f"statements in {corpus.parent / 'planted_facts.jsonl'}")
    return 0


if __name__ == "__main__":  # python -m etl.synth.generator N SEED OUT
    raise SystemExit(synth_command(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
