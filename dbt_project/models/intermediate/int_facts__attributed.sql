{#
    Facts of loaded articles, attributed to a resolved company and carrying the article's
    publication date and load time (the incremental marts' watermark).
#}

with

facts as (

    select * from {{ ref('stg_newsfacts__facts') }}

),

articles as (

    select article_id, published_date, loaded_at from {{ ref('stg_newsfacts__articles') }}

),

companies as (

    select * from {{ ref('int_companies__resolved') }}

),

attributed as (

    select
        facts.fact_id,
        facts.article_id,
        companies.company_id,
        -- the company as the article names it; the resolved company's own name beside it
        facts.company_name,
        companies.company_name as canonical_company_name,
        facts.metric,
        facts.value,
        facts.unit,
        facts.qualifier,
        facts.period_year,
        facts.period_label,
        -- the period a figure reports, at its grain: 2018Q2 and 2018 are different periods
        case
            when regexp_full_match(facts.period_label, '\d{4}Q[1-4]') then 'quarter'
            when regexp_full_match(facts.period_label, '\d{4}H[12]') then 'half'
            when regexp_full_match(facts.period_label, '\d{4}-\d{2}') then 'month'
            when facts.period_label like 'as of %' then 'as_of'
            when facts.period_year is not null then 'year'
        end as period_grain,
        case
            when regexp_full_match(facts.period_label, '\d{4}(Q[1-4]|H[12]|-\d{2})') then facts.period_label
            when facts.period_label like 'as of %' then substr(facts.period_label, 7)
            else cast(facts.period_year as varchar)
        end as period_key,
        coalesce(facts.is_forecast, false) as is_forecast,
        facts.evidence,
        facts.start_char,
        facts.end_char,
        facts.company_start,
        facts.company_end,
        facts.confidence,
        facts.rule,
        facts.explanation,
        articles.published_date,
        articles.loaded_at

    from facts
    -- facts of an article that is not (or no longer) loaded are not facts
    inner join articles on facts.article_id = articles.article_id
    left join companies on facts.company_name = companies.company_name_raw

)

select * from attributed
