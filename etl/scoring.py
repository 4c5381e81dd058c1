"""Scoring a built warehouse against a hand-annotated gold file (our own sample and held-out sets).

Gold shape: {"facts": [{company, metric, value, year}], "neutral": [...], "events": [{company, date}],
"mentions": [{value, unit}], "article_starts": {file name: ["start|alternative", ...]}}.
A predicted fact matches a gold fact when company (ignoring spaces and (주)/㈜/주식회사), metric and
value (within 0.5%) agree; repeated mentions of one fact count once; facts matching a neutral row
are neither rewarded nor penalised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.load.publish import connect_read_only

CORE_METRICS = ("revenue", "operating_profit", "net_income", "headcount", "downloads", "users", "error_rate")
UNIT_SYNONYMS = {"%": "percent", "명": "person", "건": "count", "개": "count", "원": "krw", "달러": "usd"}


def norm_company(name: str | None) -> str:
    return re.sub(r"\(주\)|㈜|주식회사|\s+", "", name or "").casefold()


def norm_unit(unit: str | None) -> str:
    u = (unit or "").strip()
    return UNIT_SYNONYMS.get(u, u.lower())


def close(a: float, b: float, rel: float = 0.005) -> bool:
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    period_ok: int = 0
    period_n: int = 0
    event_hits: int = 0
    event_n: int = 0
    mention_hits: int = 0
    mention_n: int = 0
    segmentation_ok: int = 0
    segmentation_n: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "n/a"

        return (f"facts_f1={self.f1:.3f} precision={self.precision:.3f} recall={self.recall:.3f} "
                f"period_acc={ratio(self.period_ok, self.period_n)} "
                f"event_recall={ratio(self.event_hits, self.event_n)} "
                f"mention_recall={ratio(self.mention_hits, self.mention_n)} "
                f"segmentation_exact={ratio(self.segmentation_ok, self.segmentation_n)}")


def _matches(g: dict[str, Any], company: str, metric: str, value: float) -> bool:
    return bool(g["metric"] == metric and norm_company(g["company"]) == company and close(float(g["value"]), value))


def score_warehouse(gold: dict[str, Any], warehouse: Path) -> Score:
    con = connect_read_only(warehouse)
    try:
        facts = con.execute(
            "select distinct company_name, metric, value, period_year from fct_metric_observation "
            "where metric in (select unnest(?)) and value is not null", [list(CORE_METRICS)]).fetchall()
        events = con.execute("select company_name, event_date::varchar, date_grain from fct_company_event").fetchall()
        mentions = con.execute("select value, unit from fct_mention where value is not null").fetchall()
        bodies = con.execute("select source_file, body from dim_article").fetchall()
    finally:
        con.close()
    s = Score()
    required, neutral = list(gold.get("facts", [])), list(gold.get("neutral", []))
    matched: set[int] = set()
    for comp, metric, value, year in {(norm_company(c), m, round(float(v), 6), y) for c, m, v, y in facts}:
        hit = next((i for i, g in enumerate(required) if i not in matched and _matches(g, comp, metric, value)), None)
        if hit is not None:
            matched.add(hit)
            s.tp += 1
            if required[hit].get("year") is not None:
                s.period_n += 1
                s.period_ok += int(year is not None and int(year) == int(required[hit]["year"]))
        elif not any(_matches(g, comp, metric, value) for g in neutral + required):
            s.fp += 1
            s.spurious.append(f"{comp}/{metric}/{value:g}/{year}")
    s.fn = len(required) - len(matched)
    s.missed = [f"{g['company']}/{g['metric']}/{g['value']:g}/{g.get('year')}"
                for i, g in enumerate(required) if i not in matched]
    have = {(norm_company(c), d[:{"year": 4, "month": 7}.get((grain or "day").lower(), 10)])
            for c, d, grain in events if d}
    s.event_n = len(gold.get("events", []))
    s.event_hits = sum((norm_company(e["company"]), e["date"]) in have for e in gold.get("events", []))
    s.mention_n = len(gold.get("mentions", []))
    s.mention_hits = sum(any(close(float(m["value"]), float(v)) and norm_unit(u) == norm_unit(m["unit"])
                             for v, u in mentions) for m in gold.get("mentions", []))
    for fname, starts in gold.get("article_starts", {}).items():
        texts = [re.sub(r"\s+", " ", b).strip() for f, b in bodies if f.endswith(fname)]
        found = sum(any(any(t.startswith(a) or a in t[:60] for a in alts.split("|")) for t in texts) for alts in starts)
        s.segmentation_n += 1
        s.segmentation_ok += int(found == len(starts) == len(texts))
    return s


def score_file(gold_path: Path, warehouse: Path) -> Score:
    return score_warehouse(json.loads(gold_path.read_text(encoding="utf-8")), warehouse)
