"""What the report shows, aggregated in SQL over the public marts (read-only).

Every query returns few rows whatever the warehouse size: counts per metric, month, reason or
confidence bin, the top companies per metric and period, and for the companies that get a page their
consolidated values and a bounded number of supporting articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

# The marts the report reads (the dbt exposure `newsfacts_report` names the same).
MARTS = ("dim_article", "dim_company", "dim_metric", "fct_company_event", "fct_company_metric",
         "fct_load_issue", "fct_mention", "fct_metric_observation")

# The grain of fct_company_metric; `period` is its period_label, an observation's period_key (2018,
# 2018H1, 2018Q2, 2018-03 or an as-of date, at period_grain), so an observation finds its consolidated row.
GRAIN = ("company_id", "metric", "unit", "is_forecast", "period_grain", "period")

# Companies with the most facts get a page each; the index lists every company with a fact.
COMPANY_PAGES = 100
# Supporting articles shown per company: one article per value stated, disputed values first.
EXAMPLES_PER_COMPANY = 30
# Values listed per consolidated row when articles disagree.
VALUES_PER_ROW = 5
# Companies per ranking.
RANKING_TOP = 10
# Numeric mention kinds: a fact is always one of these (dates, durations and ordinals never are).
NUMERIC_KINDS = ("number", "money", "percent", "quantity")

Row = dict[str, Any]


@dataclass
class ReportData:
    totals: Row
    facts_by_metric: list[Row]
    coverage: list[Row]
    companies: list[Row]
    series: list[Row]
    examples: list[Row]
    rankings: list[Row]
    issues: list[Row]
    numbers_to_facts: list[Row]
    confidence: list[Row]
    disagreement: list[Row]
    company_pages: list[str] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Row]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


TOTALS = """
select
    (select count(*) from dim_article) as articles,
    (select count(*) from dim_article where published_date is null) as undated_articles,
    (select min(published_date) from dim_article) as first_published,
    (select max(published_date) from dim_article) as last_published,
    (select cast(max(loaded_at) as date) from dim_article) as last_loaded,
    (select count(*) from dim_company where n_articles > 0) as companies_mentioned,
    (select count(*) from dim_company where n_observations > 0) as companies_with_facts,
    (select count(*) from fct_metric_observation) as facts,
    (select count(*) from fct_metric_observation where period_year is null) as facts_without_period,
    (select count(*) from fct_company_metric) as consolidated,
    (select count(*) from fct_company_metric where has_disagreement) as disputed,
    (select count(*) from fct_company_event) as events,
    (select count(*) from fct_mention) as mentions,
    (select count(*) from fct_load_issue where issue_kind = 'rejected') as rejected,
    (select count(*) from fct_load_issue where issue_kind = 'damaged') as damaged,
    (select count(*) from fct_load_issue where issue_kind = 'quarantined') as quarantined
"""

FACTS_BY_METRIC = """
select
    metric,
    count(o.observation_id) as facts,
    count(distinct o.company_id) as companies,
    count(o.observation_id) filter (where o.period_year is null) as without_period,
    count(o.observation_id) filter (where o.company_id is null) as without_company
from dim_metric
left join fct_metric_observation as o using (metric)
group by metric
order by facts desc, metric
"""

COVERAGE = """
with

articles as (
    select date_trunc('month', published_date) as month, count(*) as n
    from dim_article
    where published_date is not null
    group by 1
),

facts as (
    select date_trunc('month', published_date) as month, count(*) as n
    from fct_metric_observation
    where published_date is not null
    group by 1
)

select strftime(month, '%Y-%m') as month, 'articles' as series, n from articles
union all
select strftime(month, '%Y-%m') as month, 'facts' as series, n from facts
order by month, series
"""

COMPANIES = """
with

consolidated as (
    select
        company_id,
        count(distinct metric) as metrics,
        count(*) filter (where has_disagreement) as disputed,
        max(period_label) filter (where not is_forecast) as latest_period
    from fct_company_metric
    group by company_id
)

select
    c.company_id,
    c.company_name,
    c.market,
    c.stock_code,
    c.n_articles,
    c.n_observations,
    coalesce(consolidated.metrics, 0) as metrics,
    coalesce(consolidated.disputed, 0) as disputed,
    consolidated.latest_period
from dim_company as c
left join consolidated using (company_id)
where c.n_observations > 0
order by c.n_observations desc, c.company_name
"""

# fct_company_metric of the companies with a page (the caller registers them as `paged`)
SERIES = """
select
    company_id,
    metric,
    unit,
    is_forecast,
    period_grain,
    period_label as period,
    value,
    min_value,
    max_value,
    n_distinct_values,
    n_articles,
    value_n_articles,
    has_disagreement
from fct_company_metric
where company_id in (select company_id from paged)
order by company_id, metric, unit, is_forecast, period_grain nulls last, period
"""

# One supporting article per value stated (the newest, then most confident), the chosen value and the
# disputed values first, at most EXAMPLES_PER_COMPANY per company.
EXAMPLES = f"""
with

observations as (
    select
        observation_id,
        article_id,
        company_id,
        metric,
        unit,
        is_forecast,
        period_grain,
        period_key as period,
        value,
        evidence,
        confidence,
        published_date
    from fct_metric_observation
    where company_id in (select company_id from paged)
),

stated as (
    select
        *,
        count(*) over (partition by {", ".join(GRAIN)}, value) as n_observations,
        row_number() over (
            partition by {", ".join(GRAIN)}, value
            order by published_date desc nulls last, confidence desc nulls last, observation_id
        ) as newest
    from observations
),

consolidated as (
    select company_id, metric, unit, is_forecast, period_grain, period_label as period, value as chosen_value,
        has_disagreement
    from fct_company_metric
    where company_id in (select company_id from paged)
),

ranked as (
    select
        stated.*,
        consolidated.has_disagreement,
        stated.value = consolidated.chosen_value as is_chosen,
        row_number() over (
            partition by {", ".join(f"stated.{c}" for c in GRAIN)}
            order by stated.value = consolidated.chosen_value desc, stated.n_observations desc, stated.value
        ) as value_rank
    from stated
    inner join consolidated
        on {" and ".join(f"stated.{c} is not distinct from consolidated.{c}" for c in GRAIN)}
    where stated.newest = 1
),

picked as (
    select
        *,
        row_number() over (
            partition by company_id
            order by has_disagreement desc, value_rank, period desc nulls last, metric, unit, is_forecast, period_grain
        ) as example_rank
    from ranked
    where value_rank <= {VALUES_PER_ROW}
)

select
    picked.observation_id,
    picked.company_id,
    picked.metric,
    picked.unit,
    picked.is_forecast,
    picked.period_grain,
    picked.period,
    picked.value,
    picked.is_chosen,
    picked.has_disagreement,
    picked.n_observations,
    picked.confidence,
    picked.evidence,
    picked.published_date,
    articles.title,
    articles.publisher
from picked
inner join dim_article as articles using (article_id)
where picked.example_rank <= {EXAMPLES_PER_COMPANY}
order by picked.company_id, picked.metric, picked.period desc nulls last, picked.is_chosen desc, picked.value
"""

# Reported actuals, the largest RANKING_TOP per metric, unit (won and dollars never compete) and period
# (a year, half, quarter or month). Levels dated only by their article (as_of) would make a period of
# every publication day: they are ranked per year instead, each company's latest of the year.
RANKINGS = f"""
with

periods as (
    select
        *,
        case when period_grain = 'as_of' then cast(period_year as varchar) else period_label end as period
    from fct_company_metric
    where not is_forecast and period_grain is not null
    qualify period_grain <> 'as_of' or row_number() over (
        partition by company_id, metric, unit, period_grain, period_year order by period_label desc) = 1
),

ranked as (
    select
        metric,
        unit,
        period_grain,
        period,
        company_id,
        company_name,
        value,
        min_value,
        max_value,
        n_articles,
        has_disagreement,
        row_number() over (
            partition by metric, unit, period_grain, period order by value desc, company_name
        ) as rank,
        count(*) over (partition by metric, unit, period_grain, period) as companies
    from periods
)

select * from ranked
where rank <= {RANKING_TOP}
order by metric, unit, period desc, period_grain, rank
"""

ISSUES = """
select issue_kind, coalesce(table_name, '') as table_name, reason, count(*) as n
from fct_load_issue
group by all
order by n desc, issue_kind, reason
"""

NUMBERS_TO_FACTS = f"""
with

fact_spans as (
    select distinct article_id, start_char, end_char
    from fct_metric_observation
)

select
    m.kind,
    count(*) as mentions,
    count(fact_spans.article_id) as facts
from fct_mention as m
left join fact_spans using (article_id, start_char, end_char)
where m.kind in ({", ".join(f"'{k}'" for k in NUMERIC_KINDS)})
group by m.kind
order by mentions desc
"""

CONFIDENCE = """
select
    metric,
    least(floor(confidence * 20), 19) / 20 as bin,
    count(*) as n
from fct_metric_observation
where confidence is not null
group by all
order by bin, metric
"""

DISAGREEMENT = """
select
    metric,
    count(*) as consolidated,
    count(*) filter (where has_disagreement) as disputed,
    count(*) filter (where n_articles > 1) as multi_article
from fct_company_metric
group by metric
order by metric
"""


def collect(con: duckdb.DuckDBPyConnection) -> ReportData:
    companies = _rows(con, COMPANIES)
    pages = [c["company_id"] for c in companies[:COMPANY_PAGES]]
    con.execute("create temp table paged (company_id varchar)")
    con.executemany("insert into paged values (?)", [[p] for p in pages])
    return ReportData(
        totals=_rows(con, TOTALS)[0],
        facts_by_metric=_rows(con, FACTS_BY_METRIC),
        coverage=_rows(con, COVERAGE),
        companies=companies,
        series=_rows(con, SERIES),
        examples=_rows(con, EXAMPLES),
        rankings=_rows(con, RANKINGS),
        issues=_rows(con, ISSUES),
        numbers_to_facts=_rows(con, NUMBERS_TO_FACTS),
        confidence=_rows(con, CONFIDENCE),
        disagreement=_rows(con, DISAGREEMENT),
        company_pages=pages,
    )
