with

resolved as (

    select * from {{ ref('int_companies__resolved') }}

),

aliases as (

    select * from {{ ref('int_companies__aliases') }}

),

company_mentions as (

    select article_id, company_name from {{ ref('stg_newsfacts__company_mentions') }}

),

facts as (

    select * from {{ ref('int_facts__attributed') }}

),

events as (

    select * from {{ ref('int_events__dated') }}

),

listed as (

    select * from {{ ref('stg_reference__listed_companies') }}

),

companies as (

    select
        company_id,
        min(company_name) as company_name,
        bool_or(resolved_by <> 'normalized') as in_seed,
        min(stock_code) as stock_code

    from resolved
    group by 1

),

alias_lists as (

    select
        company_id,
        string_agg(alias, '; ' order by alias) filter (where is_name) as aliases,
        string_agg(alias, '; ' order by alias) filter (where not is_name) as products

    from aliases
    group by 1

),

mentioned_in as (

    select resolved.company_id, company_mentions.article_id
    from company_mentions
    inner join resolved on company_mentions.company_name = resolved.company_name_raw
    union
    select company_id, article_id from facts where company_id is not null
    union
    select company_id, article_id from events where company_id is not null

),

article_counts as (

    select company_id, count(distinct article_id) as n_articles
    from mentioned_in
    group by 1

),

fact_counts as (

    select company_id, count(*) as n_observations
    from facts
    where company_id is not null
    group by 1

),

event_counts as (

    select company_id, count(*) as n_events
    from events
    where company_id is not null
    group by 1

),

final as (

    select
        companies.company_id,
        companies.company_name,
        alias_lists.aliases,
        alias_lists.products,
        companies.in_seed,
        companies.stock_code,
        listed.isin,
        listed.market,
        cast(coalesce(article_counts.n_articles, 0) as integer) as n_articles,
        cast(coalesce(fact_counts.n_observations, 0) as integer) as n_observations,
        cast(coalesce(event_counts.n_events, 0) as integer) as n_events

    from companies
    left join listed on companies.stock_code = listed.stock_code
    left join alias_lists on companies.company_id = alias_lists.company_id
    left join article_counts on companies.company_id = article_counts.company_id
    left join fact_counts on companies.company_id = fact_counts.company_id
    left join event_counts on companies.company_id = event_counts.company_id

)

select * from final
