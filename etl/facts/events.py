"""Company events: launches, foundings, spin-offs, partnerships, mergers … with their dates.

An event cue (`seeds/event_cues.csv`) in a sentence, with a resolved date mention before it in the
same clause (`2020년 11월 출시`, `5일 공개`, `지난 2007년 … 계열편입`), makes an event at the date's
grain; with no date of its own, a past event reported as `…했다고 2일 밝혔다` takes the report's date
(lower confidence, rule `date:reported`). The company is read like a fact's: the clause subject, then
carry-over, then the main company.
"""

from __future__ import annotations

import re as stdre
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex as re

from etl.facts.attribution import PARENTHETICAL, attribute, carried_subject, role_of
from etl.facts.companies import CompanyIndex
from etl.facts.periods import is_past_tense
from etl.records import Event, Mention
from etl.reference import seed
from etl.text.fastre import literal_alternation, literal_matches_by_span
from etl.text.sentences import Sentence

# event types with several parties: each company named before the cue takes part
MULTI_PARTY = frozenset({"partnership", "merger_acquisition"})
# how far (chars) before its cue an event's date may stand
MAX_DATE_DISTANCE = 60
# a cue must be used as a predicate or its noun: 출시했다, 출시된, 출시를, 출시 이후 …
_PREDICATE = re.compile(r"(?:했|됐|한|된|하|될|해|돼|을|를|에|이|식|다|고|며|은|는|아|았|으|기|인|였|여|\s|$)")


@dataclass(frozen=True, slots=True)
class EventCue:
    event_type: str
    cue: str


@cache
def event_cues() -> tuple[EventCue, ...]:
    rows = [EventCue(r["event_type"], r["cue"]) for r in seed("event_cues") if r.get("event_type") and r.get("cue")]
    return tuple(sorted(rows, key=lambda c: -len(c.cue)))


@cache
def _cue_re() -> stdre.Pattern[str]:
    return literal_alternation([c.cue for c in event_cues()])


# `출시했다고 2일 밝혔다`: with no date of its own, the event is dated by its report
# (past tense only: `출시한다고 29일 밝혔다` announces a plan, not an event that happened)
_REPORTED = re.compile(r"([가-힣])다고\s{1,3}$")
_REPORTING_VERB = re.compile(r"\s{0,3}(?:밝혔|발표했|공시했|전했|알렸)")


def _reported_date(text: str, cue_end: int, sent_end: int, dates: Sequence[Mention]) -> Mention | None:
    for d in dates:
        if not (cue_end <= d.start < sent_end and _REPORTING_VERB.match(text, d.end)):
            continue
        past = _REPORTED.search(text, cue_end, d.start)
        if past and is_past_tense(past.group(1)):
            return d
    return None


_CLAUSE_END = re.compile(r"(?:데 이어|했고|하고|했으며|하며|이며|였고|됐고|한 뒤|한 후)\s")


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    """Start of the clause holding `pos`: after the last connective ending before it."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, sent_start, pos)]
    return ends[-1] if ends else sent_start


def find_events(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    companies: CompanyIndex,
    body: str | None = None,
) -> list[Event]:
    """Events of an article; `text` is what the rules read (clutter masked), `body` the article's text
    the evidence is quoted from (the same when not given)."""
    by_cue = {c.cue: c for c in reversed(event_cues())}
    all_dates = sorted((m for m in mentions if m.kind == "date" and m.date is not None and m.grain),
                       key=lambda m: m.start)
    date_starts = [d.start for d in all_dates]
    spans = [(s.start, s.end) for s in sentences]
    out: list[Event] = []
    seen: set[tuple[str | None, str, str]] = set()
    spans_seen: set[tuple[str, int, int, str | None]] = set()  # event_id hashes (article, type, span, company)
    for i, (s, cues) in enumerate(zip(sentences, literal_matches_by_span(_cue_re(), text, spans), strict=True)):
        if not cues:
            continue  # (a sentence without a cue makes no event)
        # the sentence's own dates (bisection: an article's cost stays linear in its length)
        dates = all_dates[bisect_left(date_starts, s.start):bisect_left(date_starts, s.end)]
        for cm in cues:
            gloss = PARENTHETICAL.match(text, cm.end())  # 업무협약(MOU)을
            if not _PREDICATE.match(text, gloss.end() if gloss else cm.end()):
                continue
            cue = by_cue[cm.group()]
            before = [
                d
                for d in dates
                if s.start <= d.start and d.end <= cm.start() and cm.start() - d.end <= MAX_DATE_DISTANCE
            ]
            date_rule = "date"
            if before:
                d = max(before, key=lambda d: d.end)
                # another cue between the date and this one owns the date
                if _cue_re().search(text, d.end, cm.start()):
                    continue
            else:
                reported = _reported_date(text, cm.end(), s.end, dates)
                if reported is None:
                    continue
                d, date_rule = reported, "date:reported"
            carried = carried_subject(text, spans, i, companies)
            attr = attribute(text, s.start, s.end, cm.start(), cm.start(), companies, carried, figure=False)
            assert d.date is not None and d.grain is not None
            # (company, rule, confidence, span start): a party's span starts at its name, so ids stay unique
            parties = [(attr.company, attr.rule, attr.confidence, d.start)]
            if cue.event_type in MULTI_PARTY:
                # "A와 B가 … 협약을 체결했다": every company named before the cue takes part
                for m in companies.in_span(_clause_start(text, s.start, cm.start()), cm.start()):
                    if m.name != attr.company and role_of(text, m) in ("subject", "oblique", "bare"):
                        parties.append((m.name, "attr:party", 0.7, m.start))
            for company, rule, conf, party_start in parties:
                key = (company, cue.event_type, d.date.isoformat())
                # the span covers the party, the cue and the date, whichever order the sentence puts
                # them in (`…협약을 맺었다고 3일 밝혔다` dates the cue from after it)
                span_start, span_end = min(party_start, d.start, cm.start()), max(cm.end(), d.end)
                span_key = (cue.event_type, span_start, span_end, company)
                if key in seen or span_key in spans_seen:
                    continue
                seen.add(key)
                spans_seen.add(span_key)
                out.append(
                    Event(
                        article_id=article_id,
                        event_type=cue.event_type,
                        event_date=d.date,
                        date_grain=d.grain,
                        evidence=(body or text)[s.start:s.end],
                        start=span_start,
                        end=span_end,
                        company_name=company,
                        confidence=round((0.8 if date_rule == "date" else 0.6) * max(conf, 0.3), 3),
                        rule=f"event:cue={cue.cue}|{date_rule}:{d.grain}|{rule}",
                    )
                )
    return out
