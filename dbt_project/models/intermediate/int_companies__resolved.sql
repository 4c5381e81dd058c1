{{ config(materialized='table') }}

{#
    One row per distinct company name string the extractor wrote (or a seed spells), resolved to one
    real-world company:
      1. a name whose key matches a seed spelling takes the seed's company: the alias seed's name
         (its own name before an alias before a product), else the exchange's name of a listed
         company (seeds/listed_companies.csv) that no alias row claims;
      2. else a name the articles wrote with a stock code (`삼성테크윈(012450)`: a company renamed
         since) is the listed company of that code;
      3. otherwise names sharing a key (same name up to (주)/㈜/주식회사, spacing and case) are one
         company, displayed as the clean spelling seen first (earliest loaded article, then
         alphabetical), which new articles can never change, so incremental marts stay consistent.
    company_id = md5 of the key of the canonical name; stock_code = the listed company's code.
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

    select article_id, company_name, stock_code from {{ ref('stg_newsfacts__company_mentions') }}

),

seed_aliases as (

    select * from {{ ref('stg_reference__company_aliases') }}

),

listed as (

    select * from {{ ref('stg_reference__listed_companies') }}

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
alias_spellings as (

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

-- the listed company an alias-seed company is: one of its names is the exchange's name
claimed_listings as (

    select
        listed.stock_code,
        first(alias_spellings.canonical_name order by alias_spellings.priority, alias_spellings.canonical_name)
            as canonical_name

    from listed
    inner join alias_spellings
        on {{ company_key('alias_spellings.spelling') }} = listed.listed_key
        and alias_spellings.priority < 2
    group by 1

),

listed_spellings as (

    select
        coalesce(claimed_listings.canonical_name, listed.listed_name) as canonical_name,
        listed.listed_name as spelling,
        case when claimed_listings.canonical_name is null then 3 else 1 end as priority,
        listed.stock_code

    from listed
    left join claimed_listings on listed.stock_code = claimed_listings.stock_code

),

seed_spellings as (

    select alias_spellings.*, claimed_listings.stock_code
    from alias_spellings
    left join claimed_listings on alias_spellings.canonical_name = claimed_listings.canonical_name
    union all
    select * from listed_spellings

),

seed_keys as (

    -- a key claimed twice resolves to the company whose own name it is, then to the first by name
    select
        {{ company_key('spelling') }} as company_key,
        first(canonical_name order by priority, canonical_name) as canonical_name,
        first(
            case priority when 0 then 'seed_name' when 1 then 'seed_alias' when 2 then 'seed_product' else 'listed_name' end
            order by priority, canonical_name
        ) as resolved_by,
        first(stock_code order by priority, canonical_name) as stock_code

    from seed_spellings
    where {{ company_key('spelling') }} is not null
    group by 1

),

-- names written next to a listed stock code, and the company the exchange lists under that code
coded_names as (

    select
        company_mentions.company_name as company_name_raw,
        first(company_mentions.stock_code order by company_mentions.stock_code) as stock_code

    from company_mentions
    inner join listed on company_mentions.stock_code = listed.stock_code
    where company_mentions.company_name is not null
    group by 1

),

coded_companies as (

    select coded_names.company_name_raw, listed_spellings.canonical_name, listed_spellings.stock_code
    from coded_names
    inner join listed_spellings on coded_names.stock_code = listed_spellings.stock_code

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
        coalesce(seed_keys.canonical_name, coded_companies.canonical_name, display_names.display_name)
            as company_name,
        coalesce(
            seed_keys.resolved_by,
            case when coded_companies.canonical_name is not null then 'stock_code' end,
            'normalized'
        ) as resolved_by,
        coalesce(seed_keys.stock_code, coded_companies.stock_code) as stock_code,
        keyed.first_loaded_at

    from keyed
    inner join display_names on keyed.company_key = display_names.company_key
    left join seed_keys on keyed.company_key = seed_keys.company_key
    left join coded_companies on keyed.company_name_raw = coded_companies.company_name_raw

),

final as (

    select
        company_name_raw,
        md5({{ company_key('company_name') }}) as company_id,
        company_name,
        company_key,
        resolved_by,
        stock_code,
        first_loaded_at

    from resolved

)

select * from final
