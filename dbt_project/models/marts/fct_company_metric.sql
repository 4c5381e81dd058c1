{#
    Company x metric x period (its grain and key: 2018, 2018H1, 2018Q2, a month, an as-of date; no
    period is its own period) x unit x forecast flag, consolidated across articles: a quarter's figure
    is never weighed against the year's. `value` is the most supported value: stated by the most articles,
    then by the most observations, then the most recently published, then the most confident, then
    the smallest. Disagreement = the extreme values differ by more than 1% of the larger magnitude.
#}

with

observations as (

    select * from {{ ref('int_facts__attributed') }}
    where company_id is not null and value is not null

),

by_value as (

    select
        company_id,
        metric,
        period_grain,
        period_key,
        unit,
        is_forecast,
        value,
        count(distinct article_id) as n_articles,
        count(*) as n_observations,
        max(published_date) as last_published_date,
        max(confidence) as max_confidence

    from observations
    group by all

),

ranked_values as (

    select
        *,
        row_number() over (
            partition by company_id, metric, period_grain, period_key, unit, is_forecast
            order by
                n_articles desc,
                n_observations desc,
                last_published_date desc nulls last,
                max_confidence desc nulls last,
                value
        ) as support_rank

    from by_value

),

consolidated as (

    select
        company_id,
        min(canonical_company_name) as company_name,
        metric,
        period_grain,
        period_key,
        min(period_year) as period_year,
        unit,
        is_forecast,
        min(value) as min_value,
        max(value) as max_value,
        count(distinct value) as n_distinct_values,
        count(distinct article_id) as n_articles,
        count(*) as n_observations,
        string_agg(distinct period_label, '; ' order by period_label) as period_labels,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date

    from observations
    group by company_id, metric, period_grain, period_key, unit, is_forecast

),

final as (

    select
        md5(concat_ws('|',
            consolidated.company_id,
            consolidated.metric,
            coalesce(consolidated.period_grain, ''),
            coalesce(consolidated.period_key, ''),
            coalesce(consolidated.unit, ''),
            cast(consolidated.is_forecast as varchar)
        )) as company_metric_id,
        consolidated.company_id,
        consolidated.company_name,
        consolidated.metric,
        consolidated.period_year,
        consolidated.period_grain,
        consolidated.period_key as period_label,
        consolidated.unit,
        consolidated.is_forecast,
        chosen.value,
        cast(chosen.n_articles as integer) as value_n_articles,
        consolidated.min_value,
        consolidated.max_value,
        cast(consolidated.n_distinct_values as integer) as n_distinct_values,
        cast(consolidated.n_articles as integer) as n_articles,
        cast(consolidated.n_observations as integer) as n_observations,
        (consolidated.max_value - consolidated.min_value)
            > 0.01 * greatest(abs(consolidated.max_value), abs(consolidated.min_value)) as has_disagreement,
        consolidated.period_labels,
        consolidated.first_published_date,
        consolidated.last_published_date

    from consolidated
    inner join ranked_values as chosen
        on consolidated.company_id = chosen.company_id
        and consolidated.metric is not distinct from chosen.metric
        and consolidated.period_grain is not distinct from chosen.period_grain
        and consolidated.period_key is not distinct from chosen.period_key
        and consolidated.unit is not distinct from chosen.unit
        and consolidated.is_forecast = chosen.is_forecast
        and chosen.support_rank = 1

)

select * from final
