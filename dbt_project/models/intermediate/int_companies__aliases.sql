{#
    Every other spelling a company goes by: seed aliases and products, names the extractor wrote
    that resolved to a different canonical name, and surfaces found in article text.
#}

with

resolved as (

    select * from {{ ref('int_companies__resolved') }}

),

company_mentions as (

    select * from {{ ref('stg_newsfacts__company_mentions') }}

),

seed_aliases as (

    select * from {{ ref('stg_reference__company_aliases') }}

),

seed_companies as (

    select distinct
        md5({{ company_key('company_name') }}) as company_id,
        alias,
        case when relation = 'alias' then 'seed_alias' else 'seed_' || relation end as alias_source,
        relation = 'alias' as is_name

    from seed_aliases
    where alias is not null and relation in ('alias', 'product')

),

written_names as (

    select
        company_id,
        company_name_raw as alias,
        'written_name' as alias_source,
        resolved_by <> 'seed_product' as is_name

    from resolved

),

surfaces as (

    select distinct
        resolved.company_id,
        company_mentions.surface as alias,
        'text_surface' as alias_source,
        true as is_name

    from company_mentions
    inner join resolved on company_mentions.company_name = resolved.company_name_raw
    where company_mentions.surface is not null

),

unioned as (

    select * from seed_companies
    union all
    select * from written_names
    union all
    select * from surfaces

),

canonical as (

    select distinct company_id, company_name from resolved

),

final as (

    select
        md5(unioned.company_id || '|' || trim(unioned.alias)) as company_alias_id,
        unioned.company_id,
        trim(unioned.alias) as alias,
        -- a spelling reached by several routes: keep the most authoritative one
        min(unioned.alias_source) as alias_source,
        -- a seed product (카카오톡) is never the company's name, however else it was reached
        bool_or(unioned.is_name) and not bool_or(unioned.alias_source = 'seed_product') as is_name

    from unioned
    inner join canonical on unioned.company_id = canonical.company_id
    where nullif(trim(unioned.alias), '') is not null
        and trim(unioned.alias) <> canonical.company_name
    group by 1, 2, 3

)

select * from final
