{{ config(materialized='table') }}

{#
    One row per distinct company name string the extractor wrote (or the alias seed holds), resolved
    to one real-world company:
      1. a name whose key matches a seed company name or alias takes the seed's company_name;
      2. otherwise names sharing a key (same name up to (주)/㈜/주식회사, spacing and case) are one
         company, displayed as the clean spelling seen first (earliest loaded article, then
         alphabetical), which new articles can never change, so incremental marts stay consistent.
    company_id = md5 of the key of the canonical name.
    A table, not a view: it is small (one row per distinct name) and read by every company-aware model.
#}

with

articles as (

    select article_id, loaded_at from {{ ref('stg_newsfacts__articles') }}

),

facts as (

    select article_id, company_name from {{ ref('stg_newsfacts__facts') }}

),

events as (

    select article_id, company_name from {{ ref('stg_newsfacts__events') }}

),

company_mentions as (

    select article_id, company_name from {{ ref('stg_newsfacts__company_mentions') }}

),

seed_aliases as (

    select * from {{ ref('stg_reference__company_aliases') }}

),

observed_names as (

    select company_name, article_id from facts
    union all
    select company_name, article_id from events
    union all
    select company_name, article_id from company_mentions

),

observed as (

    select
        observed_names.company_name as company_name_raw,
        min(articles.loaded_at) as first_loaded_at

    from observed_names
    inner join articles on observed_names.article_id = articles.article_id
    where observed_names.company_name is not null
    group by 1

),

-- every seed spelling (the company's own name first) with what it resolves to
seed_spellings as (

    select distinct company_name as canonical_name, company_name as spelling, 0 as priority
    from seed_aliases
    union all
    select company_name, alias, 1
    from seed_aliases
    where alias is not null and relation = 'alias'
    union all
    select company_name, alias, 2
    from seed_aliases
    -- a subsidiary is a company of its own: it never resolves to its parent
    where alias is not null and relation = 'product'

),

seed_keys as (

    -- a key claimed twice resolves to the company whose own name it is, then to the first by name
    select
        {{ company_key('spelling') }} as company_key,
        first(canonical_name order by priority, canonical_name) as canonical_name,
        first(case priority when 0 then 'seed_name' when 1 then 'seed_alias' else 'seed_product' end
              order by priority, canonical_name) as resolved_by

    from seed_spellings
    where {{ company_key('spelling') }} is not null
    group by 1

),

all_names as (

    select company_name_raw, first_loaded_at from observed
    union all
    select spelling, cast(null as timestamp) from seed_spellings

),

keyed as (

    select
        company_name_raw,
        {{ clean_company_name('company_name_raw') }} as company_name_clean,
        {{ company_key('company_name_raw') }} as company_key,
        min(first_loaded_at) as first_loaded_at

    from all_names
    group by 1

),

display_names as (

    select
        company_key,
        first(company_name_clean order by first_loaded_at nulls last, company_name_clean) as display_name

    from keyed
    where company_key is not null
    group by 1

),

resolved as (

    select
        keyed.company_name_raw,
        keyed.company_key,
        coalesce(seed_keys.canonical_name, display_names.display_name) as company_name,
        coalesce(seed_keys.resolved_by, 'normalized') as resolved_by,
        keyed.first_loaded_at

    from keyed
    inner join display_names on keyed.company_key = display_names.company_key
    left join seed_keys on keyed.company_key = seed_keys.company_key

),

final as (

    select
        company_name_raw,
        md5({{ company_key('company_name') }}) as company_id,
        company_name,
        company_key,
        resolved_by,
        first_loaded_at

    from resolved

)

select * from final
